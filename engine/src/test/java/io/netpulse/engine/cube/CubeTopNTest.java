/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.codec.sbe.MetricKind;
import io.netpulse.codec.sbe.NodeLevel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A top-N by a percentile computes the percentiles of the groups whose min or max can still make the cut only:
 * it must name the same rows as ordering every group.
 */
class CubeTopNTest
{
    private static final long HOUR0 = 1_767_571_200_000L;
    private static final int ELEMENTS = 120;

    @Test
    void shouldNameTheSameGroupsByAPercentileAsOrderingEveryGroup()
    {
        final CubeHarness harness = new CubeHarness(CubeConfig.DEFAULTS);
        harness.metric(7, MetricKind.LATENCY, "rtt_ms");
        harness.node(1, 0, NodeLevel.REGION, "north", "", "");
        harness.node(2, 1, NodeLevel.SITE, "hill", "", "");
        for (int e = 0; e < ELEMENTS; e++)
        {
            harness.node(100 + e, 2, NodeLevel.ELEMENT, "e" + e, "gnodeb", "nokia");
        }
        final SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200; i++)
        {
            for (int e = 0; e < ELEMENTS; e++)
            {
                // levels that tie in tens, spreads that differ, and every seventh element one far outlier: its
                // max bounds its p99 loosely, its min its p50
                double value = 10 + (e % 10) * 5 + random.nextDouble() * (1 + e % 13);
                if (e % 7 == 0 && i == 100)
                {
                    value = 5_000 + e;
                }
                if (e % 11 == 0 && i == 50)
                {
                    value = 0.01;
                }
                harness.kpi(HOUR0 + i * 1_000L + e, 100 + e, 7, value);
            }
        }
        harness.flush();

        for (final Measure measure : List.of(Measure.P99, Measure.P95, Measure.P50))
        {
            for (final boolean descending : new boolean[]{true, false})
            {
                final List<String> whole = rows(query(harness, measure, descending, CubeQuery.MAX_LIMIT));
                assertEquals(ELEMENTS, whole.size());
                for (final int limit : new int[]{1, 3, 10, 40})
                {
                    final CubeResult top = query(harness, measure, descending, limit).execute();
                    assertEquals(ELEMENTS, top.totalGroups());
                    assertEquals(whole.subList(0, limit), rows(top.rows()),
                        measure + (descending ? " desc" : " asc") + " limit " + limit);
                }
            }
        }
        assertTrue(harness.cube.query().groupBy(Dimension.ELEMENT).measures(Measure.P99).top(5, Measure.P99)
            .execute().rows().get(0).p99() < 1_000, "the top p99 is a spread, not an outlier's max");
        harness.cube.close();
    }

    private static CubeQuery query(final CubeHarness harness, final Measure measure, final boolean descending,
        final int limit)
    {
        return harness.cube.query().groupBy(Dimension.ELEMENT).where(Dimension.METRIC, "kpi.rtt_ms")
            .measures(Measure.COUNT, Measure.P50, Measure.P95, Measure.P99).orderBy(measure, descending)
            .limit(limit).uncached();
    }

    private static List<String> rows(final CubeQuery query)
    {
        return rows(query.execute().rows());
    }

    private static List<String> rows(final List<CubeRow> rows)
    {
        final List<String> named = new ArrayList<>();
        for (final CubeRow row : rows)
        {
            named.add(row.value(Dimension.ELEMENT) + " " + row.p50() + " " + row.p95() + " " + row.p99());
        }
        return named;
    }
}
