/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.stat;

import org.apache.commons.math3.special.Erf;

/**
 * Tail quantiles of the standard normal distribution, for turning a target exceedance rate into a threshold in
 * standard deviations, with commons-math3's inverse complementary error function. Rates are clamped at
 * {@link #MIN_RATE} (z = 7.9), below which its result loses precision; no detector threshold needs more.
 */
public final class NormalTail
{
    private static final double SQRT2 = Math.sqrt(2.0);

    /** The rate below which {@link #twoSided(double)} does not go. */
    public static final double MIN_RATE = 1e-15;

    private NormalTail()
    {
    }

    /**
     * The z such that {@code P(|Z| > z) = rate} for a standard normal Z.
     *
     * @param rate the two-sided exceedance probability, clamped to [{@link #MIN_RATE}, 1].
     * @return z, 0 for a rate of 1.
     */
    public static double twoSided(final double rate)
    {
        final double clamped = Math.max(MIN_RATE, Math.min(1.0, rate));
        return SQRT2 * Erf.erfcInv(clamped);
    }
}
