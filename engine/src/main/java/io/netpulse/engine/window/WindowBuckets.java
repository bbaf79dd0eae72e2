/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

/**
 * The buckets of one series at one resolution over a time range, as a {@link WindowReader} copied them: one
 * entry per bucket in the range, oldest first, including the buckets with no data (count 0: "no data", never
 * zero). Mutable and reusable; sized once for the longest range it will be asked to hold.
 */
public final class WindowBuckets
{
    private final long[] startMs;
    private final long[] counts;
    private final double[] sums;
    private final double[] m2s;
    private final double[] mins;
    private final double[] maxs;
    private final boolean[] closed;
    private long resolutionMs;
    private int size;
    private boolean truncated;
    private double ewma = Double.NaN;
    private long ewmaTimeMs = SeriesLayout.NO_TIME;

    /**
     * Room for a number of buckets.
     *
     * @param capacity most buckets held; a longer range keeps its newest buckets.
     */
    public WindowBuckets(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        startMs = new long[capacity];
        counts = new long[capacity];
        sums = new double[capacity];
        m2s = new double[capacity];
        mins = new double[capacity];
        maxs = new double[capacity];
        closed = new boolean[capacity];
    }

    void begin(final long resolutionMs, final boolean truncated)
    {
        this.resolutionMs = resolutionMs;
        this.truncated = truncated;
        this.size = 0;
        this.ewma = Double.NaN;
        this.ewmaTimeMs = SeriesLayout.NO_TIME;
    }

    void add(final long bucketStartMs, final long[] cells, final int at, final boolean isClosed)
    {
        final int i = size++;
        startMs[i] = bucketStartMs;
        closed[i] = isClosed;
        if (at < 0 || 0 == BucketCells.count(cells, at))
        {
            counts[i] = 0;
            sums[i] = 0;
            m2s[i] = 0;
            mins[i] = Double.NaN;
            maxs[i] = Double.NaN;
            return;
        }
        counts[i] = BucketCells.count(cells, at);
        sums[i] = BucketCells.sum(cells, at);
        m2s[i] = BucketCells.m2(cells, at);
        mins[i] = BucketCells.min(cells, at);
        maxs[i] = BucketCells.max(cells, at);
    }

    void ewma(final double value, final long timeMs)
    {
        ewma = value;
        ewmaTimeMs = timeMs;
    }

    /**
     * Most buckets this can hold.
     *
     * @return the capacity.
     */
    public int capacity()
    {
        return startMs.length;
    }

    /**
     * Buckets held.
     *
     * @return the count.
     */
    public int size()
    {
        return size;
    }

    /**
     * Whether the range asked for had more buckets than fit (the oldest were left out).
     *
     * @return true when truncated.
     */
    public boolean truncated()
    {
        return truncated;
    }

    /**
     * Width of the buckets.
     *
     * @return milliseconds.
     */
    public long resolutionMs()
    {
        return resolutionMs;
    }

    /**
     * Start of a bucket.
     *
     * @param i index, oldest first.
     * @return epoch milliseconds.
     */
    public long startMs(final int i)
    {
        return startMs[i];
    }

    /**
     * Samples in a bucket.
     *
     * @param i index.
     * @return the count; 0 is no data.
     */
    public long count(final int i)
    {
        return counts[i];
    }

    /**
     * Sum of a bucket's samples.
     *
     * @param i index.
     * @return the sum, 0 with no data.
     */
    public double sum(final int i)
    {
        return sums[i];
    }

    /**
     * Sum of squared deviations from a bucket's mean.
     *
     * @param i index.
     * @return m2.
     */
    public double m2(final int i)
    {
        return m2s[i];
    }

    /**
     * Mean of a bucket.
     *
     * @param i index.
     * @return the mean, NaN with no data.
     */
    public double mean(final int i)
    {
        return counts[i] > 0 ? sums[i] / counts[i] : Double.NaN;
    }

    /**
     * Sample variance of a bucket.
     *
     * @param i index.
     * @return the variance, NaN with fewer than two samples.
     */
    public double variance(final int i)
    {
        return counts[i] > 1 ? Math.max(0.0, m2s[i]) / (counts[i] - 1) : Double.NaN;
    }

    /**
     * Smallest sample of a bucket.
     *
     * @param i index.
     * @return the minimum, NaN with no data.
     */
    public double min(final int i)
    {
        return mins[i];
    }

    /**
     * Largest sample of a bucket.
     *
     * @param i index.
     * @return the maximum, NaN with no data.
     */
    public double max(final int i)
    {
        return maxs[i];
    }

    /**
     * Whether a bucket is closed: the watermark has passed its end, it is final and rolled up.
     *
     * @param i index.
     * @return true when closed.
     */
    public boolean closed(final int i)
    {
        return closed[i];
    }

    /**
     * The series' EWMA, for element series.
     *
     * @return the average, NaN for roll-up nodes or a series without samples.
     */
    public double ewma()
    {
        return ewma;
    }

    /**
     * Event time of the EWMA's latest sample.
     *
     * @return epoch milliseconds, or {@link Long#MIN_VALUE} when none.
     */
    public long ewmaTimeMs()
    {
        return ewmaTimeMs;
    }
}
