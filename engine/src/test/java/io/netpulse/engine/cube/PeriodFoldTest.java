/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Folding an hour's minutes as they arrive, in a fold reused from the hour before, gives bit for bit the hour a
 * fresh merge of the same minutes gives, and every value of the minutes is in it.
 */
class PeriodFoldTest
{
    private static final long HOUR0 = 1_767_571_200_000L;

    @Test
    void shouldFoldMinutesIntoTheSameHourAsOneMerge()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final PeriodFold hour = new PeriodFold(CubeConfig.HOUR_MS);
        final BlockPool blocks = new BlockPool();
        for (int round = 0; round < 2; round++)
        {
            final long hourStartMs = HOUR0 + round * CubeConfig.HOUR_MS;
            final List<Slice> minutes = new ArrayList<>();
            for (int minute = 0; minute < 60; minute++)
            {
                final Slice slice = minute(random, hourStartMs + minute * CubeConfig.MINUTE_MS);
                minutes.add(slice);
                hour.fold(hourStartMs, slice);
            }
            assertEquals(hourStartMs, hour.startMs());

            final Slice folded = hour.finish(blocks);
            final Slice merged = CubeMaintainer.merge(hourStartMs, CubeConfig.HOUR_MS, minutes);
            assertEquals(PeriodFold.NONE, hour.startMs());
            assertEquals(hourStartMs, folded.startMs);
            assertEquals(CubeConfig.HOUR_MS, folded.spanMs);
            assertEquals(merged.byTable.length, folded.byTable.length);
            assertNull(folded.byTable[MetricCatalog.FLOW_TABLE], "a table no minute wrote stays empty");
            for (int m = 0; m < merged.byTable.length; m++)
            {
                final CellBlock expected = merged.byTable[m];
                final CellBlock actual = folded.byTable[m];
                if (null == expected)
                {
                    assertNull(actual);
                    continue;
                }
                long minuteValues = 0;
                for (final Slice slice : minutes)
                {
                    minuteValues += null == slice.block(m) ? 0 : slice.block(m).totalCount();
                }
                assertEquals(minuteValues, actual.totalCount(), "table " + m);
                assertEquals(expected.cellCount, actual.cellCount, "table " + m);
                assertEquals(expected.pairCount, actual.pairCount, "table " + m);
                assertArrayEquals(Arrays.copyOf(expected.cells, expected.cellCount * expected.stride),
                    Arrays.copyOf(actual.cells, actual.cellCount * actual.stride), "table " + m);
                assertArrayEquals(Arrays.copyOf(expected.pairs, expected.pairCount * expected.pairStride),
                    Arrays.copyOf(actual.pairs, actual.pairCount * actual.pairStride), "table " + m);
            }
        }
    }

    @Test
    void shouldHoldEveryValueOfTheMinutes()
    {
        final SplittableRandom random = new SplittableRandom(11);
        final PeriodFold hour = new PeriodFold(CubeConfig.HOUR_MS);
        final BlockPool blocks = new BlockPool();
        final java.util.Map<String, double[]> cells = new java.util.TreeMap<>();
        final java.util.Map<String, Long> buckets = new java.util.TreeMap<>();
        for (int minute = 0; minute < 60; minute++)
        {
            final Slice slice = minute(random, HOUR0 + minute * CubeConfig.MINUTE_MS);
            hour.fold(HOUR0, slice);
            final CellBlock qos = slice.block(MetricCatalog.QOS_TABLE);
            for (int cell = 0; cell < qos.cellCount; cell++)
            {
                for (int column = 0; column < qos.columns; column++)
                {
                    final double[] reference = cells.computeIfAbsent(qos.key(cell) + "/" + column,
                        k -> new double[] {0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0});
                    reference[0] += qos.count(cell, column);
                    reference[1] += qos.sum(cell, column);
                    reference[2] = Math.min(reference[2], qos.min(cell, column));
                    reference[3] = Math.max(reference[3], qos.max(cell, column));
                    reference[4] += qos.sumSquares(cell, column);
                }
            }
            for (int pair = 0; pair < qos.pairCount; pair++)
            {
                buckets.merge(qos.key(qos.pairCell(pair)) + "/" + qos.pairColumn(pair) + "/" + qos.pairBucket(pair),
                    qos.pairCountOf(pair), Long::sum);
            }
        }
        final CellBlock folded = hour.finish(blocks).block(MetricCatalog.QOS_TABLE);

        final java.util.Map<String, double[]> foldedCells = new java.util.TreeMap<>();
        for (int cell = 0; cell < folded.cellCount; cell++)
        {
            for (int column = 0; column < folded.columns; column++)
            {
                foldedCells.put(folded.key(cell) + "/" + column, new double[] {folded.count(cell, column),
                    folded.sum(cell, column), folded.min(cell, column), folded.max(cell, column),
                    folded.sumSquares(cell, column)});
            }
        }
        assertEquals(cells.keySet(), foldedCells.keySet());
        for (final String key : cells.keySet())
        {
            assertArrayEquals(cells.get(key), foldedCells.get(key), key);
        }
        final java.util.Map<String, Long> foldedBuckets = new java.util.TreeMap<>();
        for (int pair = 0; pair < folded.pairCount; pair++)
        {
            assertTrue(pair >= folded.columnPairs[folded.pairColumn(pair)] &&
                pair < folded.columnPairs[folded.pairColumn(pair) + 1], "column ranges");
            foldedBuckets.put(folded.key(folded.pairCell(pair)) + "/" + folded.pairColumn(pair) + "/" +
                folded.pairBucket(pair), folded.pairCountOf(pair));
        }
        assertEquals(buckets, foldedBuckets);
    }

    @Test
    void shouldLeaveAPublishedPrefixAsItWasWhileTheFoldGoesOn()
    {
        final SplittableRandom random = new SplittableRandom(5);
        final PeriodFold hour = new PeriodFold(CubeConfig.HOUR_MS);
        final BlockPool blocks = new BlockPool();
        for (int minute = 0; minute < 50; minute++)
        {
            hour.fold(HOUR0, minute(random, HOUR0 + minute * CubeConfig.MINUTE_MS));
        }
        final Slice prefix = hour.prefix(HOUR0 + 50 * CubeConfig.MINUTE_MS, blocks);
        final CellBlock held = prefix.block(MetricCatalog.QOS_TABLE);
        final long[] cells = Arrays.copyOf(held.cells, held.cellCount * held.stride);
        final long[] pairs = Arrays.copyOf(held.pairs, held.pairCount * held.pairStride);
        final long values = held.totalCount();

        // A second prefix with no minute in between, then more minutes, then the hour: none of them touches it.
        final Slice again = hour.prefix(HOUR0 + 50 * CubeConfig.MINUTE_MS, blocks);
        for (int minute = 50; minute < 60; minute++)
        {
            hour.fold(HOUR0, minute(random, HOUR0 + minute * CubeConfig.MINUTE_MS));
        }
        final Slice filed = hour.finish(blocks);
        assertEquals(50 * CubeConfig.MINUTE_MS, prefix.spanMs);
        assertEquals(values, held.totalCount());
        assertArrayEquals(cells, Arrays.copyOf(held.cells, held.cellCount * held.stride));
        assertArrayEquals(pairs, Arrays.copyOf(held.pairs, held.pairCount * held.pairStride));
        assertTrue(again.block(MetricCatalog.QOS_TABLE) != held, "each prefix owns its blocks");
        assertTrue(filed.block(MetricCatalog.QOS_TABLE) != held && filed.block(MetricCatalog.QOS_TABLE) !=
            again.block(MetricCatalog.QOS_TABLE), "the hour owns its blocks");
        assertTrue(filed.block(MetricCatalog.QOS_TABLE).totalCount() > values);
    }

    private static Slice minute(final SplittableRandom random, final long startMs)
    {
        final CellBlock[] byTable = new CellBlock[MetricCatalog.FIRST_KPI_TABLE + 1];
        final CellTable qos = new CellTable(MetricCatalog.columnsOf(MetricCatalog.QOS_TABLE), 16, 16, false, 0);
        final CellTable kpi = new CellTable(MetricCatalog.columnsOf(MetricCatalog.FIRST_KPI_TABLE), 16, 16, false, 0);
        for (int i = 0; i < 40; i++)
        {
            final long key = random.nextInt(30);
            final int cell = qos.cell(key, 0);
            qos.addWithHistogram(cell, random.nextInt(qos.columns), random.nextDouble(1, 5_000), 0);
            kpi.add(kpi.cell(key * 7, 0), 0, random.nextGaussian() * 100, 0);
        }
        byTable[MetricCatalog.QOS_TABLE] = qos.compact();
        byTable[MetricCatalog.FIRST_KPI_TABLE] = kpi.compact();
        return new Slice(startMs, CubeConfig.MINUTE_MS, byTable);
    }
}
