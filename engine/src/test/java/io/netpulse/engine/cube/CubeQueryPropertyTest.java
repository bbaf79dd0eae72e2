/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.MetricKind;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.ServiceType;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random events into random networks, then random queries: every answer equals a brute-force group-by over the
 * same events, whatever the grouping, filters, range, ordering, comparison and number of shards; percentiles
 * within the histogram's stated error.
 */
class CubeQueryPropertyTest
{
    private static final long DAY_START = 1_767_571_200_000L;
    private static final long LATENESS_MS = 2 * CubeConfig.MINUTE_MS;
    private static final CubeConfig.Retention KEEP_MINUTES = new CubeConfig.Retention(
        10 * CubeConfig.DAY_MS, 30 * CubeConfig.DAY_MS, 400 * CubeConfig.DAY_MS);
    private static final String[] CLASSES = {"gnodeb", "router", ""};
    private static final String[] VENDORS = {"nokia", "cisco", ""};
    private static final Dimension[] DIMENSIONS = Dimension.values();

    /** A generated network and its events, in the cube and in the reference. */
    static final class Scenario
    {
        final CubeHarness harness;
        final CubeReference reference;
        final List<CubeReference.Place> places = new ArrayList<>();
        final List<Long> elementIds = new ArrayList<>();
        final Map<Dimension, List<String>> members = new EnumMap<>(Dimension.class);
        long firstMs = Long.MAX_VALUE;

        Scenario(final CubeConfig config, final int shards)
        {
            harness = new CubeHarness(config, shards);
            reference = new CubeReference(config.allowedLatenessMs());
        }
    }

    static Scenario scenario(final SplittableRandom random, final int events, final int shards,
        final CubeConfig config, final long spanMinutes)
    {
        final Scenario scenario = new Scenario(config, shards);
        final CubeHarness harness = scenario.harness;
        harness.metric(7, MetricKind.LATENCY, "rtt_ms");
        harness.metric(8, MetricKind.GAUGE, "cpu");
        scenario.reference.histogramMetric("kpi.rtt_ms");

        final int regions = 1 + random.nextInt(3);
        int site = 0;
        int element = 0;
        for (int r = 0; r < regions; r++)
        {
            final String region = "r" + r;
            harness.node(100 + r, 0, NodeLevel.REGION, region, "", "");
            add(scenario, Dimension.REGION, region);
            final int sites = 1 + random.nextInt(3);
            for (int s = 0; s < sites; s++, site++)
            {
                final String siteName = "s" + site;
                harness.node(1000 + site, 100 + r, NodeLevel.SITE, siteName, "", "");
                add(scenario, Dimension.SITE, siteName);
                final int elements = 1 + random.nextInt(4);
                for (int e = 0; e < elements; e++, element++)
                {
                    final String cls = CLASSES[random.nextInt(CLASSES.length)];
                    final String vendor = VENDORS[random.nextInt(VENDORS.length)];
                    final String name = "e" + element;
                    harness.node(100_000 + element, 1000 + site, NodeLevel.ELEMENT, name, cls, vendor);
                    final int shard = Math.floorMod(harness.topology.indexOf(100 + r), shards);
                    scenario.places.add(new CubeReference.Place(region, siteName, name,
                        cls.isEmpty() ? "(none)" : cls, vendor.isEmpty() ? "(none)" : vendor, shard));
                    scenario.elementIds.add(100_000L + element);
                    add(scenario, Dimension.ELEMENT, name);
                    add(scenario, Dimension.EQUIPMENT_CLASS, cls.isEmpty() ? "(none)" : cls);
                    add(scenario, Dimension.VENDOR, vendor.isEmpty() ? "(none)" : vendor);
                }
            }
        }
        for (final String service : List.of("voice", "video", "sms", "data", "none"))
        {
            add(scenario, Dimension.SERVICE, service);
        }
        for (final String metric : List.of("cdr.setup_ms", "cdr.failed", "qos.latency_us", "flow.bytes", "kpi.rtt_ms",
            "kpi.cpu", "cdr.mos"))
        {
            add(scenario, Dimension.METRIC, metric);
        }

        long clockMs = DAY_START + random.nextInt(60) * CubeConfig.MINUTE_MS;
        final long stepMs = Math.max(1, spanMinutes * CubeConfig.MINUTE_MS / Math.max(1, events));
        for (int i = 0; i < events; i++)
        {
            clockMs += (long)(random.nextDouble() * 2 * stepMs);
            long timeMs = clockMs;
            if (random.nextInt(10) == 0)
            {
                // out of order: mostly within the allowed lateness, sometimes past it
                timeMs -= (long)(random.nextDouble() * 3 * LATENESS_MS);
            }
            scenario.firstMs = Math.min(scenario.firstMs, timeMs);
            final int e = random.nextInt(scenario.places.size());
            final long id = scenario.elementIds.get(e);
            final CubeReference.Place place = scenario.places.get(e);
            harness.endOfBatch = random.nextInt(4) == 0;
            final ServiceType service = ServiceType.get((short)random.nextInt(4));
            switch (random.nextInt(5))
            {
                case 0:
                {
                    final double value = 1 + random.nextDouble() * 50;
                    harness.kpi(timeMs, id, 7, value);
                    scenario.reference.kpi(timeMs, place, "kpi.rtt_ms", value);
                    break;
                }
                case 1:
                {
                    final double value = random.nextDouble() * 100;
                    harness.kpi(timeMs, id, 8, value);
                    scenario.reference.kpi(timeMs, place, "kpi.cpu", value);
                    break;
                }
                case 2:
                {
                    final CallResult result = CallResult.get((short)random.nextInt(5));
                    final int setup = 100 + random.nextInt(5000);
                    final int duration = random.nextInt(600_000);
                    final int mos = random.nextBoolean() ? 100 + random.nextInt(400) : 0;
                    final long up = random.nextInt(1_000_000);
                    final long down = random.nextInt(10_000_000);
                    harness.cdr(timeMs, id, service, result, setup, duration, mos, up, down);
                    scenario.reference.cdr(timeMs, place, service, result, setup, duration, mos, up, down);
                    break;
                }
                case 3:
                {
                    final int latency = 1000 + random.nextInt(100_000);
                    final int jitter = random.nextInt(5000);
                    final int loss = random.nextInt(10_000);
                    final long throughput = random.nextInt(1_000_000);
                    harness.qos(timeMs, id, service, latency, jitter, loss, throughput);
                    scenario.reference.qos(timeMs, place, service, latency, jitter, loss, throughput);
                    break;
                }
                default:
                {
                    final long bytes = 40 + random.nextInt(10_000_000);
                    final long packets = 1 + random.nextInt(10_000);
                    final int duration = random.nextInt(30_000);
                    harness.flow(timeMs, id, bytes, packets, duration);
                    scenario.reference.flow(timeMs, place, bytes, packets, duration);
                }
            }
        }
        harness.flush();
        return scenario;
    }

    private static void add(final Scenario scenario, final Dimension dimension, final String member)
    {
        final List<String> list = scenario.members.computeIfAbsent(dimension, d -> new ArrayList<>());
        if (!list.contains(member))
        {
            list.add(member);
        }
    }

    @Property(tries = 60)
    void randomQueriesEqualBruteForceGroupBy(
        @ForAll final long seed,
        @ForAll @IntRange(min = 1, max = 400) final int events,
        @ForAll @IntRange(min = 1, max = 3) final int shards,
        @ForAll @LongRange(min = 1, max = 240) final long spanMinutes)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final CubeConfig config = new CubeConfig(LATENESS_MS, KEEP_MINUTES, KEEP_MINUTES, KEEP_MINUTES);
        final Scenario scenario = scenario(random, events, shards, config, spanMinutes);
        final CubeReference reference = scenario.reference;

        final CubeStats stats = scenario.harness.cube.stats();
        assertEquals(reference.appliedEvents, stats.eventsApplied(), "events applied");
        assertEquals(reference.lateEvents, stats.lateEvents(), "late events");
        assertEquals(reference.values.size(), stats.valuesApplied(), "values applied");

        for (int q = 0; q < 12; q++)
        {
            checkRandomQuery(random, scenario);
        }
        scenario.harness.cube.close();
    }

    private static void checkRandomQuery(final SplittableRandom random, final Scenario scenario)
    {
        final CubeQuery query = scenario.harness.cube.query();
        final List<Dimension> groupBy = new ArrayList<>();
        final int groupCount = random.nextInt(4);
        for (int i = 0; i < groupCount; i++)
        {
            final Dimension dimension = DIMENSIONS[random.nextInt(DIMENSIONS.length)];
            if (!groupBy.contains(dimension))
            {
                groupBy.add(dimension);
            }
        }
        query.groupBy(groupBy.toArray(new Dimension[0]));

        final Map<Dimension, List<String>> filters = new EnumMap<>(Dimension.class);
        final int filterCount = random.nextInt(3);
        for (int i = 0; i < filterCount; i++)
        {
            final Dimension dimension = DIMENSIONS[1 + random.nextInt(DIMENSIONS.length - 1)];
            final List<String> members = scenario.members.get(dimension);
            final List<String> chosen = new ArrayList<>();
            final int values = 1 + random.nextInt(2);
            for (int v = 0; v < values; v++)
            {
                chosen.add(members.get(random.nextInt(members.size())));
            }
            filters.computeIfAbsent(dimension, d -> new ArrayList<>()).addAll(chosen);
            query.where(dimension, chosen);
        }

        final Granularity granularity = Granularity.values()[random.nextInt(3)];
        query.granularity(granularity);

        long fromMs = Long.MIN_VALUE;
        long toMs = Long.MAX_VALUE;
        final long span = Math.max(1, scenario.reference.maxEventTimeMs() - scenario.firstMs);
        switch (random.nextInt(3))
        {
            case 0:
                break;
            case 1:
            {
                fromMs = minute(scenario.firstMs + (long)(random.nextDouble() * span));
                toMs = fromMs + CubeConfig.MINUTE_MS * (1 + random.nextInt(120));
                query.between(fromMs, toMs);
                break;
            }
            default:
            {
                final long minutes = 1 + random.nextInt(90);
                query.last(java.time.Duration.ofMinutes(minutes));
                fromMs = minute(scenario.reference.maxEventTimeMs()) + CubeConfig.MINUTE_MS -
                    minutes * CubeConfig.MINUTE_MS;
            }
        }

        final boolean compare = random.nextInt(3) == 0;
        long baselineFrom = 0;
        long baselineTo = 0;
        if (compare)
        {
            baselineFrom = minute(scenario.firstMs + (long)(random.nextDouble() * span));
            baselineTo = baselineFrom + CubeConfig.MINUTE_MS * (1 + random.nextInt(60));
            query.compareWith(baselineFrom, baselineTo);
        }

        query.measures(Measure.values());
        final Measure order = Measure.values()[random.nextInt(Measure.values().length)];
        final int limit = 1 + random.nextInt(20);
        final boolean limited = random.nextBoolean();
        if (limited)
        {
            query.orderBy(order, random.nextBoolean()).limit(limit);
        }

        final CubeResult result = query.execute();
        final Map<List<String>, CubeReference.Group> expected = scenario.reference.answer(
            groupBy, filters, fromMs, toMs, granularity);
        final Map<List<String>, CubeReference.Group> expectedBaseline = compare ?
            scenario.reference.answer(groupBy, filters, baselineFrom, baselineTo, granularity) : Map.of();
        final java.util.Set<List<String>> keys = new java.util.HashSet<>(expected.keySet());
        keys.addAll(expectedBaseline.keySet());

        final String context = "groupBy " + groupBy + " filters " + filters + " range " + fromMs + ".." + toMs +
            " granularity " + granularity + " compare " + compare + " cuboid " + result.cuboid();
        assertEquals(keys.size(), result.totalGroups(), "groups: " + context);
        assertEquals(limited ? Math.min(limit, keys.size()) : keys.size(), result.rows().size(), context);

        final Map<List<String>, CubeRow> actual = new HashMap<>();
        for (final CubeRow row : result.rows())
        {
            final List<String> key = new ArrayList<>();
            for (final Dimension dimension : groupBy)
            {
                key.add(row.value(dimension));
            }
            actual.put(key, row);
            assertTrue(keys.contains(key), "unexpected group " + key + ": " + context);
            check(expected.get(key), row, context + " group " + key);
            if (compare)
            {
                assertNotNull(row.baseline());
                check(expectedBaseline.get(key), row.baseline(), context + " baseline " + key);
            }
        }
        if (limited)
        {
            for (int i = 1; i < result.rows().size(); i++)
            {
                final double previous = result.rows().get(i - 1).get(order);
                final double next = result.rows().get(i).get(order);
                assertTrue(Double.isNaN(next) || !Double.isNaN(previous), "NaN last: " + context);
            }
            // the limited query names only the groups that can make the cut: the same rows as the head of the
            // whole ordering
            final List<CubeRow> whole = query.limit(CubeQuery.MAX_LIMIT).execute().rows();
            for (int i = 0; i < result.rows().size(); i++)
            {
                final CubeRow row = result.rows().get(i);
                final CubeRow full = whole.get(i);
                for (final Dimension dimension : groupBy)
                {
                    assertEquals(full.value(dimension), row.value(dimension), "row " + i + ": " + context);
                }
                for (final Measure measure : Measure.values())
                {
                    assertEquals(full.get(measure), row.get(measure), measure + " row " + i + ": " + context);
                }
            }
        }
    }

    private static long minute(final long timeMs)
    {
        return Math.floorDiv(timeMs, CubeConfig.MINUTE_MS) * CubeConfig.MINUTE_MS;
    }

    static void check(final CubeReference.Group expected, final CubeRow row, final String context)
    {
        if (null == expected)
        {
            assertEquals(0, row.count(), context);
            return;
        }
        assertEquals(expected.count(), row.count(), "count " + context);
        final double tolerance = 1e-9 * Math.max(1, expected.maxAbs()) * expected.count();
        assertEquals(expected.sum(), row.sum(), tolerance, "sum " + context);
        assertEquals(expected.min(), row.min(), 0, "min " + context);
        assertEquals(expected.max(), row.max(), 0, "max " + context);
        assertEquals(expected.sum() / expected.count(), row.mean(), tolerance / expected.count(), "mean " + context);
        assertEquals(expected.stddev(), row.stddev(), 1e-6 * Math.max(1, expected.maxAbs()), "stddev " + context);
        final Measure[] percentiles = {Measure.P50, Measure.P95, Measure.P99};
        for (int q = 0; q < 3; q++)
        {
            final double exact = expected.percentiles()[q];
            final double estimate = row.get(percentiles[q]);
            if (Double.isNaN(exact))
            {
                assertTrue(Double.isNaN(estimate), percentiles[q] + " undefined " + context);
            }
            else
            {
                assertEquals(exact, estimate, LogHistogram.RELATIVE_ERROR * Math.abs(exact) + 1e-12,
                    percentiles[q] + " " + context);
            }
        }
    }
}
