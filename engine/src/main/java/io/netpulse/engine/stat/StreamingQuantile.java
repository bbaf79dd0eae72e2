/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.stat;

/**
 * One step of a stochastic-approximation quantile estimate (Robbins-Monro): the estimate moves up by
 * {@code step * p} when an observation is above it and down by {@code step * (1 - p)} otherwise, so it settles
 * where a share {@code 1 - p} of observations lies above it, and it keeps following a drifting distribution.
 * One double of state per estimate; no history.
 */
public final class StreamingQuantile
{
    private StreamingQuantile()
    {
    }

    /**
     * The estimate after one more observation.
     *
     * @param estimate    the current estimate.
     * @param observation the new observation.
     * @param p           the quantile, in (0, 1).
     * @param step        how far a step goes, in the observations' units.
     * @return the new estimate.
     */
    public static double update(final double estimate, final double observation, final double p, final double step)
    {
        return observation > estimate ? estimate + step * p : estimate - step * (1 - p);
    }
}
