/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A query's group table: percentiles from histogram pairs appended unmerged equal the quantiles of the merged
 * histogram (whether a group's buckets are walked densely or sorted), groups whose histogram misses values get
 * none, and a table kept for the thread's next query starts empty.
 */
class GroupTableTest
{
    private static final double[] QUANTILES = {0.5, 0.95, 0.99};

    @Property(tries = 300)
    void percentilesEqualTheMergedHistogramsQuantiles(
        @ForAll @IntRange(min = 1, max = 40) final int groupCount,
        @ForAll @IntRange(min = 0, max = 400) final int pairCount,
        @ForAll final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final GroupTable table = new GroupTable();
        for (int g = 0; g < groupCount; g++)
        {
            assertEquals(g, table.groupOf(g * 7L, g));
        }
        // per group and side: the merged histogram and its extremes, as the scan would have merged them
        final Map<Integer, TreeMap<Integer, Long>> merged = new java.util.HashMap<>();
        final boolean wide = random.nextBoolean();
        // two blocks of pairs (one cell each run, column 0), added in runs of one to four pairs
        final CellBlock[] blocks = {new CellBlock(1, 1, pairCount + 1), new CellBlock(1, 1, pairCount + 1)};
        int i = 0;
        while (i < pairCount)
        {
            final int group = random.nextInt(groupCount);
            final int side = random.nextInt(2);
            final CellBlock block = blocks[random.nextInt(2)];
            final int from = block.pairCount;
            for (int n = 1 + random.nextInt(4); n > 0 && i < pairCount; n--, i++)
            {
                // narrow runs are walked through the dense array, wide ones (beyond its span) are sorted
                final int bucket = wide ? LogHistogram.bucketOf((random.nextBoolean() ? -1 : 1) *
                    Math.pow(10, random.nextDouble(-3, 12))) : 1000 + random.nextInt(60);
                final long count = 1 + random.nextInt(random.nextBoolean() ? 3 : 1000);
                block.pairs[block.pairCount * block.pairStride] = CellBlock.pairKey(0, 0, bucket);
                block.pairs[block.pairCount * block.pairStride + 1] = count;
                block.pairCount++;
                merged.computeIfAbsent(group * 2 + side, k -> new TreeMap<>()).merge(bucket, count, Long::sum);
            }
            table.addRun(group, side, block, from, block.pairCount);
        }
        final long[] missingByGroup = new long[2 * groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            for (int side = 0; side < 2; side++)
            {
                final TreeMap<Integer, Long> histogram = merged.get(g * 2 + side);
                // one group in five gets a value the histogram does not hold: no percentiles for it
                final long missing = random.nextInt(5) == 0 ? 1 : 0;
                missingByGroup[g * 2 + side] = missing;
                table.counts[side][g] = (null == histogram ? 0 :
                    histogram.values().stream().mapToLong(Long::longValue).sum()) + missing;
                if (null != histogram)
                {
                    table.mins[side][g] = LogHistogram.lowerBound(histogram.firstKey());
                    table.maxs[side][g] = LogHistogram.upperBound(histogram.lastKey());
                }
            }
        }
        table.linkRuns();

        final double[] actual = new double[QUANTILES.length];
        for (int g = 0; g < groupCount; g++)
        {
            for (int side = 0; side < 2; side++)
            {
                table.percentiles(g, side, QUANTILES, actual);
                final TreeMap<Integer, Long> histogram = merged.get(g * 2 + side);
                final long total = table.counts[side][g];
                final long missing = missingByGroup[g * 2 + side];
                for (int q = 0; q < QUANTILES.length; q++)
                {
                    double expected = Double.NaN;
                    if (null != histogram && missing == 0)
                    {
                        final int[] buckets = histogram.keySet().stream().mapToInt(Integer::intValue).toArray();
                        final long[] counts = histogram.values().stream().mapToLong(Long::longValue).toArray();
                        expected = LogHistogram.quantile(buckets, counts, buckets.length, total, QUANTILES[q],
                            table.mins[side][g], table.maxs[side][g]);
                    }
                    assertEquals(expected, actual[q], "group " + g + " side " + side + " q " + QUANTILES[q]);
                }
            }
        }
    }

    @Test
    void aKeptTableEmptiedGroupByGroupOrWholeFindsNoOldKey()
    {
        for (final int groups : new int[]{5000, 3, 700})
        {
            // a large query grows the index; the next, smaller ones empty it group by group
            final GroupTable table = GroupTable.acquire();
            for (int g = 0; g < groups; g++)
            {
                assertEquals(g, table.groupOf(g % 3, g * 31L));
            }
            table.release();
        }
        final GroupTable table = GroupTable.acquire();
        assertEquals(0, table.size);
        assertEquals(0, table.groupOf(1, 31));
        assertEquals(1, table.groupOf(2, 62));
        assertEquals(0, table.groupOf(1, 31));
        table.release();
    }

    @Test
    void aKeptTableStartsEmptyAndForgetsItsMemo()
    {
        final GroupTable first = GroupTable.acquire();
        final int stamp = first.memoStamp(1, 2, 16);
        first.memoStamps[3] = stamp;
        first.memoGroups[3] = first.groupOf(5, 6);
        first.counts[0][0] = 4;
        first.mins[0][0] = LogHistogram.lowerBound(100);
        first.maxs[0][0] = LogHistogram.upperBound(100);
        final CellBlock block = new CellBlock(1, 1, 1);
        block.pairs[0] = CellBlock.pairKey(0, 0, 100);
        block.pairs[1] = 4;
        block.pairCount = 1;
        first.addRun(0, 0, block, 0, 1);
        assertEquals(stamp, first.memoStamp(1, 2, 16), "same key part, same memo");
        first.linkRuns();
        final double[] kept = new double[3];
        first.percentiles(0, 0, QUANTILES, kept);
        assertEquals(LogHistogram.representative(100), kept[0]);
        assertEquals(LogHistogram.representative(100), kept[2]);
        first.release();

        final GroupTable second = GroupTable.acquire();
        assertSame(first, second, "kept for the thread's next query");
        assertNotSame(second, GroupTable.acquire(), "not handed out twice");
        assertEquals(0, second.size);
        assertEquals(0, second.groupOf(7, 8));
        assertEquals(0, second.counts[0][0]);
        assertTrue(second.memoStamp(1, 2, 16) != second.memoStamps[3], "last query's memo is stale");
        second.counts[0][0] = 4;
        second.linkRuns();
        final double[] percentiles = new double[3];
        second.percentiles(0, 0, QUANTILES, percentiles);
        assertTrue(Double.isNaN(percentiles[0]), "no pairs of the last query");
        second.release();
    }
}
