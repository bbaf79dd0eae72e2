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

            final Slice folded = hour.finish(new BlockPool());
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
