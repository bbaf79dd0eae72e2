/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.Arrays;

/**
 * A query's groups: an open-addressing table from a 128-bit group key to a group index, and per group and side
 * (0: the range asked for, 1: the comparison baseline) the merged measures. Used by one query thread, and kept
 * by it for its next query ({@link #acquire()}, {@link #release()}), so a query allocates no tables of its own.
 * <p>
 * Histogram counts are not merged into a map as they are scanned: each cell's pair is appended as it is (group
 * and side, bucket, count), and {@link #sortHistograms()} then files them by group and side with one counting
 * pass. A group's percentiles sort only its own few pairs by bucket, and only for the groups that need them:
 * <pre>
 *   appended:  pairRun[i] = group * 2 + side | pairBucket[i] = bucket + INDEX_OFFSET | pairCount[i]
 *   filed:     runStart[run] .. runStart[run + 1] index the run's pairs in sortedBucket, sortedCount
 * </pre>
 * The same bucket may appear more than once in a run; the quantile walk over buckets in order crosses a rank in
 * the same bucket either way, so the answer is the merged histogram's.
 */
final class GroupTable
{
    private static final long HASH_MULTIPLIER = 0x9E3779B97F4A7C15L;
    private static final int INITIAL_GROUPS = 64;
    private static final int INITIAL_PAIRS = 1024;

    /** A run whose buckets span at most this many is walked through a dense array rather than sorted. */
    private static final int DENSE_RANGE = 4096;

    /** A table larger than this many groups or pairs is not kept for the thread's next query. */
    private static final int MAX_KEPT = 1 << 20;

    private static final ThreadLocal<GroupTable> KEPT = new ThreadLocal<>();

    long[] his = new long[INITIAL_GROUPS];
    long[] los = new long[INITIAL_GROUPS];
    // the open-addressing index, a slot per three longs (lo, hi, group + 1; 0: empty), so a probe reads one line
    private long[] index = new long[3 * 2 * INITIAL_GROUPS];
    private int slots = 2 * INITIAL_GROUPS;
    private int shift = 64 - 7;
    int size;

    final long[][] counts = new long[2][INITIAL_GROUPS];
    final double[][] sums = new double[2][INITIAL_GROUPS];
    final double[][] mins = new double[2][INITIAL_GROUPS];
    final double[][] maxs = new double[2][INITIAL_GROUPS];
    final double[][] sumSquares = new double[2][INITIAL_GROUPS];
    final long[][] histogramCounts = new long[2][INITIAL_GROUPS];

    private int[] pairRun = new int[INITIAL_PAIRS];
    private int[] pairBucket = new int[INITIAL_PAIRS];
    private long[] pairCount = new long[INITIAL_PAIRS];
    private int pairs;
    private int[] runStart = new int[2 * INITIAL_GROUPS + 1];
    private int[] sortedBucket = new int[0];
    private long[] sortedCount = new long[0];
    private long[] sortScratch = new long[64];
    private long[] denseScratch = new long[DENSE_RANGE];

    // A scan's memo of the group of a placement (element-cuboid cells): valid where memoStamps holds the stamp.
    int[] memoStamps = new int[0];
    int[] memoGroups = new int[0];
    private int stamp;
    private long memoHi;
    private long memoLo;

    /**
     * The calling thread's table, emptied; {@link #release()} it when the query is done.
     *
     * @return a table for one query.
     */
    static GroupTable acquire()
    {
        final GroupTable kept = KEPT.get();
        if (null == kept)
        {
            return new GroupTable();
        }
        KEPT.remove();
        return kept;
    }

    /**
     * Empties the table and keeps it for the calling thread's next query, unless it grew too large to keep.
     */
    void release()
    {
        if (his.length > MAX_KEPT || index.length > 6 * MAX_KEPT || pairRun.length > MAX_KEPT || sortedBucket.length > MAX_KEPT ||
            memoStamps.length > MAX_KEPT)
        {
            return;
        }
        clear();
        KEPT.set(this);
    }

    private void clear()
    {
        Arrays.fill(index, 0);
        for (int side = 0; side < 2; side++)
        {
            Arrays.fill(counts[side], 0, size, 0);
            Arrays.fill(sums[side], 0, size, 0);
            Arrays.fill(sumSquares[side], 0, size, 0);
            Arrays.fill(histogramCounts[side], 0, size, 0);
        }
        size = 0;
        pairs = 0;
        // a new query's keys mean other groups: no memo entry of the last query may match
        nextStamp();
    }

    private int nextStamp()
    {
        if (stamp == Integer.MAX_VALUE)
        {
            Arrays.fill(memoStamps, 0);
            stamp = 0;
        }
        return ++stamp;
    }

    /**
     * The stamp under which memo entries hold for a key part common to a scan's cells: the current one while
     * the part stays the same, a new one (every entry stale) when it changes.
     *
     * @param hi    high word of the common part.
     * @param lo    low word of the common part.
     * @param slots memo slots the scan needs.
     * @return the stamp.
     */
    int memoStamp(final long hi, final long lo, final int slots)
    {
        if (memoStamps.length < slots)
        {
            memoStamps = new int[Math.max(slots, memoStamps.length * 2)];
            memoGroups = new int[memoStamps.length];
            memoHi = hi;
            memoLo = lo;
            return nextStamp();
        }
        if (hi != memoHi || lo != memoLo || 0 == stamp)
        {
            memoHi = hi;
            memoLo = lo;
            return nextStamp();
        }
        return stamp;
    }

    /**
     * Forgets the memo: the next {@link #memoStamp} starts a new one (another shard's placements).
     */
    void forgetMemo()
    {
        nextStamp();
        memoHi = ~memoHi;
    }

    /**
     * The group of a key, added when new.
     *
     * @param hi high word of the key.
     * @param lo low word of the key.
     * @return the group index.
     */
    int groupOf(final long hi, final long lo)
    {
        final long[] index = this.index;
        final int mask = slots - 1;
        int slot = (int)(((lo ^ (hi * 0xC2B2AE3D27D4EB4FL)) * HASH_MULTIPLIER) >>> shift);
        while (true)
        {
            final int at = slot * 3;
            final long entry = index[at + 2];
            if (0 == entry)
            {
                break;
            }
            if (index[at] == lo && index[at + 1] == hi)
            {
                return (int)entry - 1;
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
        if (size * 2 > slots)
        {
            rehash(slots * 2);
        }
        else
        {
            final int at = freeSlot * 3;
            index[at] = lo;
            index[at + 1] = hi;
            index[at + 2] = group + 1;
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
        final long[] index = new long[3 * capacity];
        final int shift = 64 - Integer.numberOfTrailingZeros(capacity);
        final int mask = capacity - 1;
        for (int group = 0; group < size; group++)
        {
            final long lo = los[group];
            final long hi = his[group];
            int slot = (int)(((lo ^ (hi * 0xC2B2AE3D27D4EB4FL)) * HASH_MULTIPLIER) >>> shift);
            while (0 != index[slot * 3 + 2])
            {
                slot = (slot + 1) & mask;
            }
            index[slot * 3] = lo;
            index[slot * 3 + 1] = hi;
            index[slot * 3 + 2] = group + 1;
        }
        this.index = index;
        this.slots = capacity;
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
        final int at = pairs;
        if (at == pairRun.length)
        {
            final int capacity = at * 2;
            pairRun = Arrays.copyOf(pairRun, capacity);
            pairBucket = Arrays.copyOf(pairBucket, capacity);
            pairCount = Arrays.copyOf(pairCount, capacity);
        }
        pairRun[at] = group * 2 + side;
        pairBucket[at] = bucket + LogHistogram.INDEX_OFFSET;
        pairCount[at] = count;
        pairs = at + 1;
    }

    /**
     * Files the histogram pairs added by group and side, and totals each group's histogram counts: call once,
     * after the last {@link #addHistogram}, before {@link #percentiles} or reading {@link #histogramCounts}.
     */
    void sortHistograms()
    {
        final int runs = 2 * size;
        if (runStart.length < runs + 1)
        {
            runStart = new int[Math.max(runs + 1, runStart.length * 2)];
        }
        final int[] start = runStart;
        Arrays.fill(start, 0, runs + 1, 0);
        final int pairs = this.pairs;
        final int[] pairRun = this.pairRun;
        for (int i = 0; i < pairs; i++)
        {
            start[pairRun[i] + 1]++;
        }
        for (int run = 0; run < runs; run++)
        {
            start[run + 1] += start[run];
        }
        if (sortedBucket.length < pairs)
        {
            sortedBucket = new int[Math.max(pairs, sortedBucket.length * 2)];
            sortedCount = new long[sortedBucket.length];
        }
        final int[] sortedBucket = this.sortedBucket;
        final long[] sortedCount = this.sortedCount;
        final int[] pairBucket = this.pairBucket;
        final long[] pairCount = this.pairCount;
        // scatter with start[run] as the run's next free place; afterwards start[run] is the run's end, which
        // is the next run's start: shift back by one run
        final long[][] histogramCounts = this.histogramCounts;
        for (int i = 0; i < pairs; i++)
        {
            final int run = pairRun[i];
            final int at = start[run]++;
            sortedBucket[at] = pairBucket[i];
            final long count = pairCount[i];
            sortedCount[at] = count;
            histogramCounts[run & 1][run >>> 1] += count;
        }
        System.arraycopy(start, 0, start, 1, runs);
        start[0] = 0;
    }

    /**
     * Computes a group's percentiles on one side, when the histogram covers all of its values. Needs
     * {@link #sortHistograms()} first.
     *
     * @param group     the group.
     * @param side      0 or 1.
     * @param quantiles the quantiles wanted, in ascending order.
     * @param into      receives the estimates, or NaN (at least {@code quantiles.length} long).
     */
    void percentiles(final int group, final int side, final double[] quantiles, final double[] into)
    {
        Arrays.fill(into, 0, quantiles.length, Double.NaN);
        final int run = group * 2 + side;
        final int from = runStart[run];
        final int length = runStart[run + 1] - from;
        final long total = counts[side][group];
        if (length == 0 || total <= 0 || histogramCounts[side][group] != total)
        {
            return;
        }
        final int[] sortedBucket = this.sortedBucket;
        final long[] sortedCount = this.sortedCount;
        int low = Integer.MAX_VALUE;
        int high = Integer.MIN_VALUE;
        for (int i = from, to = from + length; i < to; i++)
        {
            low = Math.min(low, sortedBucket[i]);
            high = Math.max(high, sortedBucket[i]);
        }
        final double min = mins[side][group];
        final double max = maxs[side][group];
        if (high - low < DENSE_RANGE)
        {
            // count per bucket in a dense array over the run's span, walk it in order, and leave it zeroed
            final long[] dense = denseScratch;
            for (int i = from, to = from + length; i < to; i++)
            {
                dense[sortedBucket[i] - low] += sortedCount[i];
            }
            final int span = high - low + 1;
            int q = 0;
            long rank = rank(quantiles[0], total);
            long seen = 0;
            for (int b = 0; b < span; b++)
            {
                seen += dense[b];
                dense[b] = 0;
                while (q < quantiles.length && seen >= rank)
                {
                    into[q] = estimate(b + low, min, max);
                    if (++q < quantiles.length)
                    {
                        rank = rank(quantiles[q], total);
                    }
                }
            }
            for (; q < quantiles.length; q++)
            {
                into[q] = max;
            }
            return;
        }

        if (sortScratch.length < length)
        {
            sortScratch = new long[Math.max(length, sortScratch.length * 2)];
        }
        final long[] order = sortScratch;
        for (int i = 0; i < length; i++)
        {
            order[i] = ((long)sortedBucket[from + i] << 32) | i;
        }
        Arrays.sort(order, 0, length);
        for (int q = 0; q < quantiles.length; q++)
        {
            final long rank = rank(quantiles[q], total);
            long seen = 0;
            double estimate = max;
            for (int i = 0; i < length; i++)
            {
                final long entry = order[i];
                seen += sortedCount[from + (int)entry];
                if (seen >= rank)
                {
                    estimate = estimate((int)(entry >>> 32), min, max);
                    break;
                }
            }
            into[q] = estimate;
        }
    }

    private static long rank(final double quantile, final long total)
    {
        return Math.max(1, (long)Math.ceil(quantile * total));
    }

    private static double estimate(final int bucketIndex, final double min, final double max)
    {
        return Math.min(max, Math.max(min, LogHistogram.representative(bucketIndex - LogHistogram.INDEX_OFFSET)));
    }
}
