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
 * Histogram counts are not merged into a map as they are scanned: a scan notes, per cell, the run of the block's
 * pairs that hold the cell's buckets for the column asked for (a compact block keeps a cell's pairs together; a
 * writer's block gives runs of one pair), and {@link #linkRuns()} chains each group and side's runs. A group's
 * percentiles then gather its runs' pairs from the blocks, count them into a dense array over its buckets and
 * walk it from the nearer end, only for the groups that need them (a top-N by a percentile computes few):
 * <pre>
 *   noted:   runKey[r] = group * 2 + side | runBlock[r] = block id | runFrom[r] .. runTo[r] = its pairs
 *   linked:  firstRun[g * 2 + side] = a run of the group's, nextRun[r] = the group's run before r, or -1
 * </pre>
 * The same bucket may appear in more than one run; the dense array merges them, so the answer is the merged
 * histogram's.
 */
final class GroupTable
{
    private static final long HASH_MULTIPLIER = 0x9E3779B97F4A7C15L;
    private static final int INITIAL_GROUPS = 64;
    private static final int INITIAL_RUNS = 1024;

    /** A group whose buckets span at most this many is walked through a dense array rather than sorted. */
    private static final int DENSE_RANGE = 4096;

    /** A table larger than this many groups, runs or pairs is not kept for the thread's next query. */
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

    private int[] runKey = new int[INITIAL_RUNS];
    private int[] runBlock = new int[INITIAL_RUNS];
    private int[] runFrom = new int[INITIAL_RUNS];
    private int[] runTo = new int[INITIAL_RUNS];
    private int[] nextRun = new int[INITIAL_RUNS];
    private int runs;
    private CellBlock[] blocks = new CellBlock[16];
    private int blockCount;
    private int[] firstRun = new int[2 * INITIAL_GROUPS];
    private int[] gatheredBuckets = new int[0];
    private long[] gatheredCounts = new long[0];
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
        if (his.length > MAX_KEPT || index.length > 6 * MAX_KEPT || runKey.length > MAX_KEPT ||
            memoStamps.length > MAX_KEPT || gatheredBuckets.length > MAX_KEPT)
        {
            return;
        }
        clear();
        KEPT.set(this);
    }

    private void clear()
    {
        if (size * 8 < slots)
        {
            // a few groups in a large index: take them out one by one, newest first, so that each is found
            // along the probe path it was placed by (every slot on it holds an older group)
            final int mask = slots - 1;
            for (int group = size - 1; group >= 0; group--)
            {
                int slot = (int)(((los[group] ^ (his[group] * 0xC2B2AE3D27D4EB4FL)) * HASH_MULTIPLIER) >>> shift);
                while (index[slot * 3 + 2] != group + 1)
                {
                    slot = (slot + 1) & mask;
                }
                index[slot * 3] = 0;
                index[slot * 3 + 1] = 0;
                index[slot * 3 + 2] = 0;
            }
        }
        else
        {
            Arrays.fill(index, 0);
        }
        for (int side = 0; side < 2; side++)
        {
            Arrays.fill(counts[side], 0, size, 0);
            Arrays.fill(sums[side], 0, size, 0);
            Arrays.fill(sumSquares[side], 0, size, 0);
        }
        size = 0;
        runs = 0;
        Arrays.fill(blocks, 0, blockCount, null);
        blockCount = 0;
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
     * Adds a run of a block's histogram pairs to a group: pairs {@code from} to {@code to} of the block, each a
     * bucket and count of one column that the query reads.
     *
     * @param group the group.
     * @param side  0 or 1.
     * @param block the block; held until the table is released.
     * @param from  first pair.
     * @param to    past the last pair.
     */
    void addRun(final int group, final int side, final CellBlock block, final int from, final int to)
    {
        int id = blockCount - 1;
        if (id < 0 || blocks[id] != block)
        {
            if (blockCount == blocks.length)
            {
                blocks = Arrays.copyOf(blocks, blockCount * 2);
            }
            id = blockCount++;
            blocks[id] = block;
        }
        final int at = runs;
        if (at == runKey.length)
        {
            final int capacity = at * 2;
            runKey = Arrays.copyOf(runKey, capacity);
            runBlock = Arrays.copyOf(runBlock, capacity);
            runFrom = Arrays.copyOf(runFrom, capacity);
            runTo = Arrays.copyOf(runTo, capacity);
            nextRun = Arrays.copyOf(nextRun, capacity);
        }
        runKey[at] = group * 2 + side;
        runBlock[at] = id;
        runFrom[at] = from;
        runTo[at] = to;
        runs = at + 1;
    }

    /**
     * Chains each group and side's runs: call once, after the last {@link #addRun}, before {@link #percentiles}.
     * The blocks stay held until the table is released.
     */
    void linkRuns()
    {
        final int keys = 2 * size;
        if (firstRun.length < keys)
        {
            firstRun = new int[Math.max(keys, firstRun.length * 2)];
        }
        final int[] first = firstRun;
        Arrays.fill(first, 0, keys, -1);
        final int[] runKey = this.runKey;
        final int[] next = nextRun;
        for (int r = 0, runs = this.runs; r < runs; r++)
        {
            final int key = runKey[r];
            next[r] = first[key];
            first[key] = r;
        }
    }

    /**
     * Computes a group's percentiles on one side, when the histogram covers all of its values. Needs
     * {@link #linkRuns()} first.
     *
     * @param group     the group.
     * @param side      0 or 1.
     * @param quantiles the quantiles wanted.
     * @param into      receives the estimates, or NaN (at least {@code quantiles.length} long).
     */
    void percentiles(final int group, final int side, final double[] quantiles, final double[] into)
    {
        Arrays.fill(into, 0, quantiles.length, Double.NaN);
        final int head = firstRun[group * 2 + side];
        final long total = counts[side][group];
        if (head < 0 || total <= 0)
        {
            return;
        }
        final int pairs = gather(head);
        final int[] buckets = gatheredBuckets;
        final long[] pairCounts = gatheredCounts;
        int low = Integer.MAX_VALUE;
        int high = Integer.MIN_VALUE;
        long histogramTotal = 0;
        for (int i = 0; i < pairs; i++)
        {
            low = Math.min(low, buckets[i]);
            high = Math.max(high, buckets[i]);
            histogramTotal += pairCounts[i];
        }
        if (histogramTotal != total)
        {
            return;
        }
        final double min = mins[side][group];
        final double max = maxs[side][group];
        if (high - low < DENSE_RANGE)
        {
            dense(pairs, low, high, total, quantiles, min, max, into);
        }
        else
        {
            sorted(pairs, total, quantiles, min, max, into);
        }
    }

    /**
     * Copies the pairs of a chain of runs, read where they lie in their blocks, into the gathered buckets and
     * counts.
     *
     * @return how many pairs.
     */
    private int gather(final int head)
    {
        int pairs = 0;
        for (int r = head; r >= 0; r = nextRun[r])
        {
            pairs += runTo[r] - runFrom[r];
        }
        if (gatheredBuckets.length < pairs)
        {
            gatheredBuckets = new int[Math.max(pairs, gatheredBuckets.length * 2)];
            gatheredCounts = new long[gatheredBuckets.length];
        }
        final int[] buckets = gatheredBuckets;
        final long[] pairCounts = gatheredCounts;
        int at = 0;
        for (int r = head; r >= 0; r = nextRun[r])
        {
            final CellBlock block = blocks[runBlock[r]];
            final long[] source = block.pairs;
            final int stride = block.pairStride;
            for (int j = runFrom[r], to = runTo[r]; j < to; j++, at++)
            {
                buckets[at] = (int)(source[j * stride] & CellBlock.BUCKET_MASK);
                pairCounts[at] = source[j * stride + 1];
            }
        }
        return pairs;
    }

    /**
     * The quantiles from a dense array of a group's gathered bucket counts, each walked from the nearer end (a
     * p99 from the top), leaving the array zeroed.
     */
    private void dense(final int pairs, final int low, final int high, final long total,
        final double[] quantiles, final double min, final double max, final double[] into)
    {
        final long[] dense = denseScratch;
        final int[] buckets = gatheredBuckets;
        final long[] pairCounts = gatheredCounts;
        for (int i = 0; i < pairs; i++)
        {
            dense[buckets[i] - low] += pairCounts[i];
        }
        final int span = high - low;
        for (int q = 0; q < quantiles.length; q++)
        {
            final long rank = rank(quantiles[q], total);
            int b;
            if (quantiles[q] < 0.5)
            {
                // the first bucket whose running count reaches the rank
                b = 0;
                long seen = dense[0];
                while (seen < rank)
                {
                    seen += dense[++b];
                }
            }
            else
            {
                // the same bucket from the top: step down while the buckets below still reach the rank
                b = span;
                long below = total - dense[span];
                while (below >= rank)
                {
                    below -= dense[--b];
                }
            }
            into[q] = estimate(b + low, min, max);
        }
        for (int i = 0; i < pairs; i++)
        {
            dense[buckets[i] - low] = 0;
        }
    }

    /**
     * The quantiles of a group whose buckets span too widely for the dense array: its gathered pairs sorted by
     * bucket.
     */
    private void sorted(final int pairs, final long total, final double[] quantiles, final double min,
        final double max, final double[] into)
    {
        if (sortScratch.length < pairs)
        {
            sortScratch = new long[Math.max(pairs, sortScratch.length * 2)];
        }
        final int[] buckets = gatheredBuckets;
        final long[] pairCounts = gatheredCounts;
        final long[] order = sortScratch;
        for (int i = 0; i < pairs; i++)
        {
            order[i] = ((long)buckets[i] << 32) | i;
        }
        Arrays.sort(order, 0, pairs);
        for (int q = 0; q < quantiles.length; q++)
        {
            final long rank = rank(quantiles[q], total);
            long seen = 0;
            double estimate = max;
            for (int i = 0; i < pairs; i++)
            {
                final long entry = order[i];
                seen += pairCounts[(int)entry];
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
