/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

/**
 * An aggregate over some buckets, each possibly weighted by a {@link DecayFunction}: weighted count, sum,
 * mean and variance, and the minimum and maximum of the buckets that had any weight. Mutable and reusable, so
 * a reader allocates one and fills it again and again.
 * <p>
 * A bucket of weight {@code w} counts as {@code w} times each of its samples (frequency weights): the weighted
 * count is {@code sum(w * count)}, the weighted mean {@code sum(w * sum) / sum(w * count)}, and {@code m2} is
 * the weighted sum of squared deviations from that mean, merged bucket by bucket with Chan et al.'s formula.
 * With every weight 1 these are the plain count, sum, mean and variance.
 */
public final class WindowAggregate
{
    private double count;
    private double sum;
    private double m2;
    private double min;
    private double max;
    private int buckets;

    /**
     * An empty aggregate.
     */
    public WindowAggregate()
    {
        reset();
    }

    /**
     * Empties it.
     *
     * @return this.
     */
    public WindowAggregate reset()
    {
        count = 0;
        sum = 0;
        m2 = 0;
        min = Double.NaN;
        max = Double.NaN;
        buckets = 0;
        return this;
    }

    /**
     * Merges a bucket in with a weight.
     *
     * @param bucketCount samples in the bucket; 0 adds nothing.
     * @param bucketSum   their sum.
     * @param bucketM2    their sum of squared deviations from their mean.
     * @param bucketMin   their minimum.
     * @param bucketMax   their maximum.
     * @param weight      of the bucket; 0 or less adds nothing.
     * @return this.
     */
    public WindowAggregate merge(
        final long bucketCount,
        final double bucketSum,
        final double bucketM2,
        final double bucketMin,
        final double bucketMax,
        final double weight)
    {
        if (bucketCount <= 0 || !(weight > 0))
        {
            return this;
        }

        final double countB = weight * bucketCount;
        final double sumB = weight * bucketSum;
        final double m2B = weight * bucketM2;
        if (0 == buckets)
        {
            count = countB;
            sum = sumB;
            m2 = m2B;
            min = bucketMin;
            max = bucketMax;
        }
        else
        {
            final double delta = bucketSum / bucketCount - sum / count;
            m2 = m2 + m2B + delta * delta * (count * countB / (count + countB));
            count += countB;
            sum += sumB;
            min = Math.min(min, bucketMin);
            max = Math.max(max, bucketMax);
        }
        buckets++;
        return this;
    }

    /**
     * Merges a bucket held in {@link BucketCells} form.
     *
     * @param cells  holding the bucket.
     * @param at     its offset.
     * @param weight of the bucket.
     * @return this.
     */
    public WindowAggregate merge(final long[] cells, final int at, final double weight)
    {
        return merge(BucketCells.count(cells, at), BucketCells.sum(cells, at), BucketCells.m2(cells, at),
            BucketCells.min(cells, at), BucketCells.max(cells, at), weight);
    }

    /**
     * Buckets with data and weight merged in.
     *
     * @return the number of buckets; 0 means no data at all.
     */
    public int buckets()
    {
        return buckets;
    }

    /**
     * Whether any data was merged in.
     *
     * @return false for "no data".
     */
    public boolean hasData()
    {
        return buckets > 0;
    }

    /**
     * The weighted sample count.
     *
     * @return the count; the plain count when every weight is 1.
     */
    public double count()
    {
        return count;
    }

    /**
     * The weighted sum.
     *
     * @return the sum.
     */
    public double sum()
    {
        return sum;
    }

    /**
     * The weighted mean.
     *
     * @return the mean, NaN with no data.
     */
    public double mean()
    {
        return buckets > 0 ? sum / count : Double.NaN;
    }

    /**
     * The weighted sum of squared deviations from the mean.
     *
     * @return m2.
     */
    public double m2()
    {
        return m2;
    }

    /**
     * The raw (weighted) sum of squares, derived from m2.
     *
     * @return the sum of squares, 0 with no data.
     */
    public double sumOfSquares()
    {
        return buckets > 0 ? m2 + sum * sum / count : 0.0;
    }

    /**
     * The sample variance, {@code m2 / (count - 1)}.
     *
     * @return the variance, NaN unless the weighted count exceeds 1.
     */
    public double variance()
    {
        return count > 1 ? Math.max(0.0, m2) / (count - 1) : Double.NaN;
    }

    /**
     * The population variance, {@code m2 / count}.
     *
     * @return the variance, NaN with no data.
     */
    public double populationVariance()
    {
        return buckets > 0 ? Math.max(0.0, m2) / count : Double.NaN;
    }

    /**
     * The sample standard deviation.
     *
     * @return the square root of {@link #variance()}.
     */
    public double standardDeviation()
    {
        return Math.sqrt(variance());
    }

    /**
     * Smallest sample in the buckets that had weight.
     *
     * @return the minimum, NaN with no data.
     */
    public double min()
    {
        return min;
    }

    /**
     * Largest sample in the buckets that had weight.
     *
     * @return the maximum, NaN with no data.
     */
    public double max()
    {
        return max;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "WindowAggregate{count=" + count + ", mean=" + mean() + ", variance=" + variance() + ", min=" + min +
            ", max=" + max + ", buckets=" + buckets + '}';
    }
}
