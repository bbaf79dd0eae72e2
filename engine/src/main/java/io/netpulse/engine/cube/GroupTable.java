/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * A query's groups: an open-addressing table from a 128-bit group key to a group index, and per group and side
 * (0: the range asked for, 1: the comparison baseline) the merged measures. Histogram counts go to one map keyed
 * by group, side and bucket. Used by one query thread.
 */
final class GroupTable
{
    private static final long HASH_MULTIPLIER = 0x9E3779B97F4A7C15L;
    private static final int SIDE_SHIFT = LogHistogram.INDEX_BITS;
    private static final int GROUP_SHIFT = LogHistogram.INDEX_BITS + 1;

    long[] his = new long[64];
    long[] los = new long[64];
    private int[] index = new int[128];
    private int shift = 64 - 7;
    int size;

    final long[][] counts = new long[2][64];
    final double[][] sums = new double[2][64];
    final double[][] mins = new double[2][64];
    final double[][] maxs = new double[2][64];
    final double[][] sumSquares = new double[2][64];
    final long[][] histogramCounts = new long[2][64];
    final Long2LongHashMap histograms = new Long2LongHashMap(0);

    /**
     * The group of a key, added when new.
     *
     * @param hi high word of the key.
     * @param lo low word of the key.
     * @return the group index.
     */
    int groupOf(final long hi, final long lo)
    {
        final int[] index = this.index;
        final int mask = index.length - 1;
        int slot = (int)(((lo ^ (hi * 0xC2B2AE3D27D4EB4FL)) * HASH_MULTIPLIER) >>> shift);
        while (true)
        {
            final int entry = index[slot];
            if (0 == entry)
            {
                break;
            }
            if (los[entry - 1] == lo && his[entry - 1] == hi)
            {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
        return add(hi, lo, slot);
    }

    private int add(final long hi, final long lo, final int freeSlot)
    {
        final int group = size;
        if (group == his.length)
        {
            grow(group * 2);
        }
        his[group] = hi;
        los[group] = lo;
        for (int side = 0; side < 2; side++)
        {
            mins[side][group] = Double.POSITIVE_INFINITY;
            maxs[side][group] = Double.NEGATIVE_INFINITY;
        }
        size = group + 1;
        if (size * 2 > index.length)
        {
            rehash(index.length * 2);
        }
        else
        {
            index[freeSlot] = group + 1;
        }
        return group;
    }

    private void grow(final int capacity)
    {
        his = Arrays.copyOf(his, capacity);
        los = Arrays.copyOf(los, capacity);
        for (int side = 0; side < 2; side++)
        {
            counts[side] = Arrays.copyOf(counts[side], capacity);
            sums[side] = Arrays.copyOf(sums[side], capacity);
            mins[side] = Arrays.copyOf(mins[side], capacity);
            maxs[side] = Arrays.copyOf(maxs[side], capacity);
            sumSquares[side] = Arrays.copyOf(sumSquares[side], capacity);
            histogramCounts[side] = Arrays.copyOf(histogramCounts[side], capacity);
        }
    }

    private void rehash(final int capacity)
    {
        final int[] index = new int[capacity];
        final int shift = 64 - Integer.numberOfTrailingZeros(capacity);
        final int mask = capacity - 1;
        for (int group = 0; group < size; group++)
        {
            int slot = (int)(((los[group] ^ (his[group] * 0xC2B2AE3D27D4EB4FL)) * HASH_MULTIPLIER) >>> shift);
            while (0 != index[slot])
            {
                slot = (slot + 1) & mask;
            }
            index[slot] = group + 1;
        }
        this.index = index;
        this.shift = shift;
    }

    /**
     * Adds a histogram bucket's count to a group.
     *
     * @param group  the group.
     * @param side   0 or 1.
     * @param bucket histogram bucket.
     * @param count  values in it.
     */
    void addHistogram(final int group, final int side, final int bucket, final long count)
    {
        final long key = ((long)group << GROUP_SHIFT) | ((long)side << SIDE_SHIFT) |
            (bucket + LogHistogram.INDEX_OFFSET);
        histograms.put(key, histograms.get(key) + count);
        histogramCounts[side][group] += count;
    }

    /**
     * Computes the percentiles of every group and side whose values the histogram covers wholly.
     *
     * @param quantiles the quantiles wanted.
     * @return per side, per group, per quantile: the estimate, or NaN.
     */
    double[][][] percentiles(final double[] quantiles)
    {
        final double[][][] result = new double[2][size][quantiles.length];
        for (int side = 0; side < 2; side++)
        {
            for (int group = 0; group < size; group++)
            {
                Arrays.fill(result[side][group], Double.NaN);
            }
        }
        final long[] keys = new long[histograms.size()];
        int n = 0;
        final Long2LongHashMap.KeyIterator iterator = histograms.keySet().iterator();
        while (iterator.hasNext())
        {
            keys[n++] = iterator.nextValue();
        }
        Arrays.sort(keys, 0, n);

        int[] buckets = new int[64];
        long[] bucketCounts = new long[64];
        int start = 0;
        while (start < n)
        {
            final long run = keys[start] >>> SIDE_SHIFT;
            int end = start;
            while (end < n && (keys[end] >>> SIDE_SHIFT) == run)
            {
                end++;
            }
            final int length = end - start;
            if (length > buckets.length)
            {
                buckets = new int[length];
                bucketCounts = new long[length];
            }
            for (int i = 0; i < length; i++)
            {
                final long key = keys[start + i];
                buckets[i] = (int)(key & ((1L << SIDE_SHIFT) - 1)) - LogHistogram.INDEX_OFFSET;
                bucketCounts[i] = histograms.get(key);
            }
            final int group = (int)(run >>> 1);
            final int side = (int)(run & 1);
            if (histogramCounts[side][group] == counts[side][group])
            {
                for (int q = 0; q < quantiles.length; q++)
                {
                    result[side][group][q] = LogHistogram.quantile(buckets, bucketCounts, length,
                        counts[side][group], quantiles[q], mins[side][group], maxs[side][group]);
                }
            }
            start = end;
        }
        return result;
    }
}
