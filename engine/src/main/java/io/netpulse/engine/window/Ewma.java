/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

/**
 * A time-aware exponentially weighted moving average for irregular sampling: the weight of a new sample
 * depends on the event time since the previous one, not on how many samples there were,
 * <pre>
 *   alpha = 1 - 2^(-gap / halfLife)        ewma = ewma + alpha * (value - ewma)
 * </pre>
 * so a sample after a long silence moves the average a lot and a burst of samples a few milliseconds apart
 * barely moves it. The first sample sets it. Closed form after samples {@code x0..xn} at {@code t0..tn}:
 * {@code ewma = x0 * 2^(-(tn - t0) / h) + sum_k (1 - 2^(-(tk - tk-1) / h)) * xk * 2^(-(tn - tk) / h)}.
 * <p>
 * A sample older than the latest one seen lands in its buckets but does not move the average (its gap would be
 * negative); the average follows the series in event-time order. One instance per thread: it caches the
 * weight of the last gap, which for a regularly reporting series is the same gap every time, so the update
 * normally costs no exponential.
 */
public final class Ewma
{
    private final long halfLifeMs;
    private final double ratePerMs;
    private long cachedGapMs = -1;
    private double cachedAlpha;

    /**
     * An average with a half-life.
     *
     * @param halfLifeMs event time after which a sample's weight has halved; positive.
     */
    public Ewma(final long halfLifeMs)
    {
        if (halfLifeMs <= 0)
        {
            throw new IllegalArgumentException("EWMA half-life must be positive: " + halfLifeMs);
        }
        this.halfLifeMs = halfLifeMs;
        this.ratePerMs = Math.log(2.0) / halfLifeMs;
    }

    /**
     * The half-life.
     *
     * @return milliseconds.
     */
    public long halfLifeMs()
    {
        return halfLifeMs;
    }

    /**
     * The weight of a sample arriving a gap after the previous one.
     *
     * @param gapMs event time since the previous sample; 0 or less gives 0.
     * @return alpha in [0, 1).
     */
    public double alpha(final long gapMs)
    {
        if (gapMs <= 0)
        {
            return 0.0;
        }
        if (gapMs != cachedGapMs)
        {
            cachedGapMs = gapMs;
            cachedAlpha = -Math.expm1(-ratePerMs * gapMs);
        }
        return cachedAlpha;
    }

    /**
     * The average after one more sample.
     *
     * @param average the average so far.
     * @param value   the new sample.
     * @param gapMs   event time since the previous sample.
     * @return the new average.
     */
    public double update(final double average, final double value, final long gapMs)
    {
        return average + alpha(gapMs) * (value - average);
    }
}
