/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

/**
 * The bucketing of the cube's mergeable histograms: log-linear buckets read straight off a double's bits, the
 * way HdrHistogram buckets integers, so bucketing a value costs a shift and no logarithm.
 * <p>
 * A non-negative value's bucket is its IEEE 754 exponent and the top {@link #SUB_BUCKET_BITS} bits of its
 * mantissa: every power of two is split into {@code 2^SUB_BUCKET_BITS} equal buckets, so a bucket is at most
 * {@code 1 / 2^SUB_BUCKET_BITS} of its lower bound wide. A negative value goes to the mirror bucket
 * {@code -1 - bucketOf(|v|)}, which keeps bucket order equal to value order. A histogram is a count per
 * bucket, stored sparsely (only buckets that hold values) and merged by adding counts, exactly.
 * <p>
 * A quantile is answered with the midpoint of the bucket that holds the rank's value, clamped to the observed
 * minimum and maximum: within {@link #RELATIVE_ERROR} (1/64, 1.5625%) of the exact nearest-rank value for any
 * value of magnitude at least {@code Double.MIN_NORMAL}.
 */
public final class LogHistogram
{
    /** Mantissa bits kept: 2^5 = 32 buckets per power of two. */
    public static final int SUB_BUCKET_BITS = 5;

    /** Largest relative error of a quantile: half a bucket's width over its lower bound. */
    public static final double RELATIVE_ERROR = 1.0 / (1 << (SUB_BUCKET_BITS + 1));

    /** Buckets of non-negative values run from 0 up to, not including, this (infinity's bucket is the last). */
    public static final int POSITIVE_BUCKETS = (0x7FF << SUB_BUCKET_BITS) + 1;

    /** Added to a bucket index to make it non-negative, for packing into keys. */
    public static final int INDEX_OFFSET = POSITIVE_BUCKETS;

    /** Bits a bucket index plus {@link #INDEX_OFFSET} needs. */
    public static final int INDEX_BITS = 32 - Integer.numberOfLeadingZeros(2 * POSITIVE_BUCKETS);

    private static final int SHIFT = 52 - SUB_BUCKET_BITS;

    private LogHistogram()
    {
    }

    /**
     * The bucket of a finite value.
     *
     * @param value to bucket.
     * @return its bucket index; negative for negative values.
     */
    public static int bucketOf(final double value)
    {
        final int magnitude = (int)(Double.doubleToRawLongBits(Math.abs(value)) >>> SHIFT);
        return value < 0 ? -1 - magnitude : magnitude;
    }

    /**
     * The smallest magnitude a bucket of non-negative values holds.
     */
    private static double magnitudeLower(final int magnitudeBucket)
    {
        return Double.longBitsToDouble((long)magnitudeBucket << SHIFT);
    }

    /**
     * The lowest value in a bucket (inclusive for non-negative buckets).
     *
     * @param bucket index.
     * @return the lower bound.
     */
    public static double lowerBound(final int bucket)
    {
        return bucket >= 0 ? magnitudeLower(bucket) : -magnitudeLower(-bucket);
    }

    /**
     * The highest value in a bucket (exclusive for non-negative buckets).
     *
     * @param bucket index.
     * @return the upper bound.
     */
    public static double upperBound(final int bucket)
    {
        return bucket >= 0 ? magnitudeLower(bucket + 1) : -magnitudeLower(-1 - bucket);
    }

    /**
     * The value a bucket stands for: its midpoint.
     *
     * @param bucket index.
     * @return the representative value.
     */
    public static double representative(final int bucket)
    {
        final double lower = lowerBound(bucket);
        final double upper = upperBound(bucket);
        return Double.isInfinite(upper) ? lower : lower + (upper - lower) * 0.5;
    }

    /**
     * The nearest-rank quantile of a sparse histogram whose buckets are sorted ascending.
     *
     * @param buckets  bucket indices, ascending.
     * @param counts   count per bucket.
     * @param length   buckets in use.
     * @param total    sum of the counts.
     * @param quantile in [0, 1].
     * @param min      smallest value observed, to clamp to.
     * @param max      largest value observed, to clamp to.
     * @return the estimate, or NaN when the histogram is empty.
     */
    public static double quantile(
        final int[] buckets,
        final long[] counts,
        final int length,
        final long total,
        final double quantile,
        final double min,
        final double max)
    {
        if (total <= 0 || length == 0)
        {
            return Double.NaN;
        }
        final long rank = Math.max(1, (long)Math.ceil(quantile * total));
        long seen = 0;
        for (int i = 0; i < length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return Math.min(max, Math.max(min, representative(buckets[i])));
            }
        }
        return max;
    }
}
