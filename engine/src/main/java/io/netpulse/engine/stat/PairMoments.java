/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.stat;

/**
 * Streaming first and second moments of a pair of series, kept in {@value #SLOTS} consecutive slots of a
 * {@code double[]} so that a stage can keep one per series (or per pair of series) in a flat array:
 * <pre>
 *   +0 n     samples seen
 *   +1 mx    mean of x          +2 my   mean of y
 *   +3 vxx   variance of x      +4 vyy  variance of y       +5 cxy  covariance of x and y
 * </pre>
 * Each sample is weighted {@code w = max(1 / n, minWeight)}: the first {@code 1 / minWeight} samples are
 * weighted equally (so the correlation is exactly Pearson's over them), later ones exponentially, so the
 * correlation follows the recent past with a memory of about {@code 1 / minWeight} samples. The recurrences are
 * the weighted forms of Welford's: {@code d = x - mx; mx += w d; vxx = (1 - w) (vxx + w d d)}.
 */
public final class PairMoments
{
    /** Slots one estimator takes. */
    public static final int SLOTS = 6;

    private static final int N = 0;
    private static final int MX = 1;
    private static final int MY = 2;
    private static final int VXX = 3;
    private static final int VYY = 4;
    private static final int CXY = 5;

    private PairMoments()
    {
    }

    /**
     * Adds a pair of observations.
     *
     * @param state     the array holding the estimator.
     * @param offset    of its first slot.
     * @param x         first observation.
     * @param y         second observation.
     * @param minWeight the weight below which a new sample's weight never falls, in (0, 1].
     */
    public static void update(
        final double[] state, final int offset, final double x, final double y, final double minWeight)
    {
        final double n = state[offset + N] + 1;
        state[offset + N] = n;
        final double w = Math.max(1.0 / n, minWeight);
        final double dx = x - state[offset + MX];
        final double dy = y - state[offset + MY];
        state[offset + MX] += w * dx;
        state[offset + MY] += w * dy;
        final double keep = 1 - w;
        state[offset + VXX] = keep * (state[offset + VXX] + w * dx * dx);
        state[offset + VYY] = keep * (state[offset + VYY] + w * dy * dy);
        state[offset + CXY] = keep * (state[offset + CXY] + w * dx * dy);
    }

    /**
     * Pearson's correlation of the pairs seen, as weighted.
     *
     * @param state  the array holding the estimator.
     * @param offset of its first slot.
     * @return the correlation in [-1, 1], or 0 while either series has shown no variance.
     */
    public static double correlation(final double[] state, final int offset)
    {
        final double vxx = state[offset + VXX];
        final double vyy = state[offset + VYY];
        if (!(vxx > 0 && vyy > 0))
        {
            return 0;
        }
        final double r = state[offset + CXY] / Math.sqrt(vxx * vyy);
        return Math.max(-1, Math.min(1, r));
    }

    /**
     * Samples seen.
     *
     * @param state  the array holding the estimator.
     * @param offset of its first slot.
     * @return the count.
     */
    public static long count(final double[] state, final int offset)
    {
        return (long)state[offset + N];
    }

    /**
     * Forgets everything.
     *
     * @param state  the array holding the estimator.
     * @param offset of its first slot.
     */
    public static void clear(final double[] state, final int offset)
    {
        for (int i = 0; i < SLOTS; i++)
        {
            state[offset + i] = 0;
        }
    }
}
