/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.codec.sbe.MetricKind;
import io.netpulse.codec.sbe.NodeLevel;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention: minute buckets past retention are merged into hours, and hours into days, without changing any
 * total; days past their retention are dropped; storage stays bounded.
 */
class CubeRollupTest
{
    private static final CubeConfig.Retention SHORT = new CubeConfig.Retention(
        20 * CubeConfig.MINUTE_MS, 3 * CubeConfig.HOUR_MS, 400 * CubeConfig.DAY_MS);

    @Property(tries = 25)
    void rollUpsKeepEveryTotal(
        @ForAll final long seed,
        @ForAll @IntRange(min = 50, max = 600) final int events,
        @ForAll @IntRange(min = 1, max = 2) final int shards)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final CubeConfig config = new CubeConfig(2 * CubeConfig.MINUTE_MS, SHORT, SHORT, SHORT);
        final CubeQueryPropertyTest.Scenario scenario = CubeQueryPropertyTest.scenario(
            random, events, shards, config, 3 * 24 * 60);
        final Cube cube = scenario.harness.cube;
        assertTrue(cube.awaitMaintained(10_000));
        scenario.harness.flush();

        for (final List<Dimension> groupBy : List.of(
            List.of(Dimension.METRIC), List.of(Dimension.REGION, Dimension.METRIC),
            List.of(Dimension.SITE, Dimension.SERVICE, Dimension.METRIC),
            List.of(Dimension.ELEMENT, Dimension.METRIC), List.of(Dimension.VENDOR, Dimension.METRIC)))
        {
            final CubeResult result = cube.query().groupBy(groupBy.toArray(new Dimension[0]))
                .measures(Measure.values()).execute();
            final Map<List<String>, CubeReference.Group> expected = scenario.reference.answer(
                groupBy, Map.of(), Long.MIN_VALUE, Long.MAX_VALUE, Granularity.MINUTE);
            assertEquals(expected.size(), result.rows().size(), "groups by " + groupBy);
            for (final CubeRow row : result.rows())
            {
                final List<String> key = new ArrayList<>();
                for (final Dimension dimension : groupBy)
                {
                    key.add(row.value(dimension));
                }
                CubeQueryPropertyTest.check(expected.get(key), row, "after roll-up, " + key);
            }
        }
        cube.close();
    }

    @Test
    void shouldAnswerCoarseQueriesFromSealedMinutesBeforeTheMaintainerRollsThemUp() throws Exception
    {
        final CubeHarness harness = threeCells();
        final long day0 = 1_767_571_200_000L;
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        harness.holdMaintainer(release);
        // Five minutes, four of them sealed while the maintainer is held: none of them is rolled up yet.
        for (int m = 0; m < 5; m++)
        {
            for (int e = 4; e <= 6; e++)
            {
                harness.kpi(day0 + m * CubeConfig.MINUTE_MS + e, e, 1, 0.1 * (m + 1) * e);
            }
        }
        harness.flush();
        final CubeStats held = harness.cube.stats();
        assertTrue(held.maintenanceBacklog() >= 1, "backlog " + held.maintenanceBacklog());

        final List<String> bySite = rows(harness.cube.query().groupBy(Dimension.SITE)
            .measures(Measure.COUNT, Measure.SUM, Measure.MIN, Measure.MAX).execute());
        final List<String> byVendorPerMinute = rows(harness.cube.query()
            .groupBy(Dimension.REGION, Dimension.VENDOR, Dimension.TIME).measures(Measure.COUNT, Measure.SUM)
            .execute());
        assertEquals(List.of(
            "hill count=5 sum=" + sum(4) + " min=0.4 max=" + 0.1 * 5 * 4,
            "lake count=10 sum=" + (sum(5) + sum(6)) + " min=0.5 max=" + 0.1 * 5 * 6), bySite);
        assertEquals(10, byVendorPerMinute.size(), byVendorPerMinute.toString());

        release.countDown();
        harness.cube.maintainer(0).beforeTask = null;
        assertTrue(harness.cube.awaitMaintained(30_000));
        harness.flush();
        assertEquals(0, harness.cube.stats().maintenanceBacklog());
        // Rolled up by the maintainer, the same answers to the last bit.
        assertEquals(bySite, rows(harness.cube.query().groupBy(Dimension.SITE)
            .measures(Measure.COUNT, Measure.SUM, Measure.MIN, Measure.MAX).execute()));
        assertEquals(byVendorPerMinute, rows(harness.cube.query()
            .groupBy(Dimension.REGION, Dimension.VENDOR, Dimension.TIME).measures(Measure.COUNT, Measure.SUM)
            .execute()));
        harness.cube.close();
    }

    @Test
    void shouldReadAnEndedHourFromItsFoldedPartUntilItsLastMinuteIsSealed()
    {
        final CubeHarness harness = threeCells();
        harness.metric(1, MetricKind.GAUGE, "cpu");
        harness.metric(2, MetricKind.GAUGE, "memory");
        final long hour0 = 1_767_571_200_000L;
        feed(harness, hour0, 0, 5);
        // A dashboard asks for the running hour by element and by region, so the maintainer publishes the hour's
        // folded parts of both cuboids as they grow.
        assertEquals(3, harness.cube.query().groupBy(Dimension.ELEMENT).between(hour0, hour0 + CubeConfig.HOUR_MS)
            .execute().rows().size());
        assertEquals(1, harness.cube.query().groupBy(Dimension.REGION).between(hour0, hour0 + CubeConfig.HOUR_MS)
            .execute().rows().size());
        for (int m = 5; m < 56; m++)
        {
            for (int e = 4; e <= 6; e++)
            {
                harness.kpi(hour0 + m * CubeConfig.MINUTE_MS + e, e, 1, 0.1 * (m + 1) * e + 0.01 * m);
            }
        }
        // Minutes to 00:53 sealed, 00:54 and 00:55 open: the hour folded to 00:50 is published, and a range
        // from the hour's start reads it and the six minutes after it.
        assertTrue(harness.cube.awaitMaintained(30_000));
        harness.flush();
        final CubeResult toNow = harness.cube.query().groupBy(Dimension.ELEMENT).where(Dimension.METRIC, "kpi.cpu")
            .measures(Measure.COUNT, Measure.SUM).between(hour0, hour0 + 56 * CubeConfig.MINUTE_MS).execute();
        assertEquals(7, toNow.bucketsScanned(), "the hour to 00:50 and six minutes");
        assertEquals(List.of("cell-1 count=56 sum=" + hourSum(4, 56), "cell-2 count=56 sum=" + hourSum(5, 56),
            "cell-3 count=56 sum=" + hourSum(6, 56)), rows(toNow));
        for (int m = 56; m < 60; m++)
        {
            for (int e = 4; e <= 6; e++)
            {
                harness.kpi(hour0 + m * CubeConfig.MINUTE_MS + e, e, 1, 0.1 * (m + 1) * e + 0.01 * m);
            }
        }
        // The hour has ended: with a minute of lateness its minutes to 00:58 are sealed, 00:59 is still open.
        harness.kpi(hour0 + CubeConfig.HOUR_MS + 30_000, 4, 2, 1.0);
        assertTrue(harness.cube.awaitMaintained(30_000));
        harness.flush();

        final CubeResult byElementEnded = wholeHour(harness, hour0, Dimension.ELEMENT);
        final CubeResult byRegionEnded = wholeHour(harness, hour0, Dimension.REGION);
        assertEquals(2, byElementEnded.bucketsScanned(), "the folded part and the open minute");
        assertEquals(2, byRegionEnded.bucketsScanned(), "the folded part and the open minute");
        assertEquals(List.of(
            "cell-1 count=60 sum=" + hourSum(4) + " min=0.4 max=" + (0.1 * 60 * 4 + 0.01 * 59),
            "cell-2 count=60 sum=" + hourSum(5) + " min=0.5 max=" + (0.1 * 60 * 5 + 0.01 * 59),
            "cell-3 count=60 sum=" + hourSum(6) + " min=0.6000000000000001 max=" + (0.1 * 60 * 6 + 0.01 * 59)),
            rows(byElementEnded));
        final CubeResult partOfTheHour = harness.cube.query().groupBy(Dimension.ELEMENT)
            .measures(Measure.COUNT, Measure.SUM).between(hour0 + 30 * CubeConfig.MINUTE_MS, hour0 + CubeConfig.HOUR_MS)
            .execute();
        assertEquals(30, partOfTheHour.bucketsScanned(), "part of an hour is read from its minutes");
        assertEquals(30, partOfTheHour.rows().get(0).count());

        // The last minute sealed: the hour is filed, and reads as one bucket with the same answers to the bit.
        harness.kpi(hour0 + CubeConfig.HOUR_MS + 2 * CubeConfig.MINUTE_MS, 4, 2, 1.0);
        assertTrue(harness.cube.awaitMaintained(30_000));
        harness.flush();
        final CubeResult byElementFiled = wholeHour(harness, hour0, Dimension.ELEMENT);
        final CubeResult byRegionFiled = wholeHour(harness, hour0, Dimension.REGION);
        assertEquals(1, byElementFiled.bucketsScanned());
        assertEquals(1, byRegionFiled.bucketsScanned());
        assertEquals(rows(byElementEnded), rows(byElementFiled));
        assertEquals(rows(byRegionEnded), rows(byRegionFiled));
        harness.cube.close();
    }

    @Test
    void shouldFoldPartsOfHoursOnlyWhileQueriesCome()
    {
        final CubeHarness harness = threeCells();
        harness.metric(1, MetricKind.GAUGE, "cpu");
        final long hour0 = 1_767_571_200_000L;
        feed(harness, hour0, 0, 56);
        // Nobody has queried: no folded part of the hour was made, and the first query reads its minutes.
        final CubeResult first = harness.cube.query().groupBy(Dimension.ELEMENT).where(Dimension.METRIC, "kpi.cpu")
            .measures(Measure.COUNT).between(hour0, hour0 + 56 * CubeConfig.MINUTE_MS).execute();
        assertEquals(56, first.bucketsScanned());
        assertEquals(56, first.rows().get(0).count());

        // The next step after that query makes one: the hour's first 59 minutes, read with the open last minute.
        feed(harness, hour0, 56, 61);
        final CubeResult ended = wholeHour(harness, hour0, Dimension.ELEMENT);
        assertEquals(2, ended.bucketsScanned(), "the folded part and the open minute");
        assertEquals(60, ended.rows().get(0).count());

        // An hour of event time after the last step that saw a query, parts stop: a later hour is read from its
        // minutes again.
        feed(harness, hour0, 61, 3 * 60 + 57);
        final long hour3 = hour0 + 3 * CubeConfig.HOUR_MS;
        final CubeResult quiet = harness.cube.query().groupBy(Dimension.ELEMENT).where(Dimension.METRIC, "kpi.cpu")
            .measures(Measure.COUNT).between(hour3, hour3 + 56 * CubeConfig.MINUTE_MS).execute();
        assertEquals(56, quiet.bucketsScanned());
        assertEquals(56, quiet.rows().get(0).count());
        harness.cube.close();
    }

    @Test
    void shouldFoldPartsOfHoursOnlyForTheCuboidsAndKindsQueriesRead()
    {
        final CubeHarness harness = threeCells();
        harness.metric(1, MetricKind.GAUGE, "cpu");
        final long hour0 = 1_767_571_200_000L;
        feed(harness, hour0, 0, 5);
        // The running hour is asked for by region only: the steps make the region's parts, not the element's.
        assertEquals(1, harness.cube.query().groupBy(Dimension.REGION).between(hour0, hour0 + CubeConfig.HOUR_MS)
            .execute().rows().size());
        feed(harness, hour0, 5, 56);
        final long to = hour0 + 56 * CubeConfig.MINUTE_MS;
        final CubeResult byRegion = harness.cube.query().groupBy(Dimension.REGION).measures(Measure.COUNT)
            .between(hour0, to).execute();
        assertEquals(7, byRegion.bucketsScanned(), "the region's hour to 00:50 and six minutes");
        assertEquals(3 * 56, byRegion.rows().get(0).count());
        final CubeResult byElement = elementCounts(harness, hour0, to);
        assertEquals(56, byElement.bucketsScanned(), "no element parts were made");

        // Element views of ended hours only: the next hour's element parts are made at its last step and as it
        // ends, not at the earlier steps.
        final long hour2 = hour0 + 2 * CubeConfig.HOUR_MS;
        feed(harness, hour0, 56, 2 * 60 + 1);
        assertEquals(60, wholeHour(harness, hour0 + CubeConfig.HOUR_MS, Dimension.ELEMENT).rows().get(0).count());
        feed(harness, hour0, 2 * 60 + 1, 3 * 60 + 1);
        final CubeResult ended = wholeHour(harness, hour2, Dimension.ELEMENT);
        assertEquals(2, ended.bucketsScanned(), "the part made as the hour ended, and the open minute");
        assertEquals(60, ended.rows().get(0).count());
        feed(harness, hour0, 3 * 60 + 1, 3 * 60 + 47);
        final long hour3 = hour0 + 3 * CubeConfig.HOUR_MS;
        final CubeResult running = elementCounts(harness, hour3, hour3 + 45 * CubeConfig.MINUTE_MS);
        assertEquals(45, running.bucketsScanned(), "no early steps' parts for queries of whole hours");
        harness.cube.close();
    }

    @Test
    void shouldFoldTheLastStepsPartForACuboidThatIsQueried()
    {
        final CubeHarness harness = threeCells();
        harness.metric(1, MetricKind.GAUGE, "cpu");
        final long hour0 = 1_767_571_200_000L;
        feed(harness, hour0, 0, 61);
        assertEquals(60, wholeHour(harness, hour0, Dimension.ELEMENT).rows().get(0).count());
        // Until the maintainer reaches an ended hour's last minutes, a query over it reads the last step's part.
        feed(harness, hour0, 61, 60 + 56);
        final long hour1 = hour0 + CubeConfig.HOUR_MS;
        final CubeResult lagging = elementCounts(harness, hour1, hour1 + 56 * CubeConfig.MINUTE_MS);
        assertEquals(7, lagging.bucketsScanned(), "the hour to 01:50 and six minutes");
        assertEquals(56, lagging.rows().get(0).count());
        harness.cube.close();
    }

    @Test
    void shouldSelectTheNewestFiledWholeHoursOnly()
    {
        final CubeHarness harness = threeCells();
        harness.metric(1, MetricKind.GAUGE, "cpu");
        final long hour0 = 1_767_571_200_000L;
        final long hour1 = hour0 + CubeConfig.HOUR_MS;
        feed(harness, hour0, 0, 60);
        harness.kpi(hour1 + 30_000, 4, 1, 1.0);
        assertTrue(harness.cube.awaitMaintained(30_000));
        harness.flush();
        // The hour has ended by the clock, but 00:59 is still open to late data: no whole hour yet.
        final CubeResult none = lastWholeHours(harness, 1);
        assertEquals(List.of(), none.rows());
        assertEquals(0, none.bucketsScanned());
        assertEquals(Long.MIN_VALUE, none.fromMs());
        assertEquals(Long.MIN_VALUE, none.toMs());

        // 00:59 sealed: the hour is filed and is the newest whole hour, read as one bucket.
        kpiMinutes(harness, hour1, 1, 3);
        assertTrue(harness.cube.awaitMaintained(30_000));
        harness.flush();
        final CubeResult last = lastWholeHours(harness, 1);
        assertEquals(hour0, last.fromMs());
        assertEquals(hour1, last.toMs());
        assertEquals(1, last.bucketsScanned());
        assertFalse(last.cached());
        assertEquals(rows(wholeHour(harness, hour0, Dimension.ELEMENT)), rows(last));
        assertTrue(lastWholeHours(harness, 1).cached(), "kept until the next hour is filed");
        final CubeResult three = lastWholeHours(harness, 3);
        assertEquals(hour1 - 3 * CubeConfig.HOUR_MS, three.fromMs());
        assertEquals(rows(last), rows(three));
        assertThrows(CubeQueryException.class, () -> harness.cube.query().lastWholeHours(0));
        harness.cube.close();
    }

    @Test
    void shouldSelectWholeHoursThatEveryShardHasFiled()
    {
        final CubeHarness harness = twoRegionsOnTwoShards();
        harness.metric(1, MetricKind.GAUGE, "cpu");
        final long hour0 = 1_767_571_200_000L;
        final long hour1 = hour0 + CubeConfig.HOUR_MS;
        for (int m = 0; m < 63; m++)
        {
            harness.kpi(hour0 + m * CubeConfig.MINUTE_MS + 5, 5, 1, m);
            harness.kpi(hour0 + m * CubeConfig.MINUTE_MS + 6, 6, 1, 2.0 * m);
        }
        assertTrue(harness.cube.awaitMaintained(30_000));
        harness.flush();

        final CubeResult last = lastWholeHours(harness, 1);
        assertEquals(hour0, last.fromMs());
        assertEquals(hour1, last.toMs());
        assertEquals(2, last.bucketsScanned(), "the hour of each shard");
        assertEquals(List.of("cell-1 count=60 sum=1770.0 min=0.0 max=59.0",
            "cell-2 count=60 sum=3540.0 min=0.0 max=118.0"), rows(last));
        harness.cube.close();
    }

    @Test
    void shouldPublishAShardsEventsWhenItsBatchEndsOnAnotherShardsEvent()
    {
        final CubeHarness harness = twoRegionsOnTwoShards();
        harness.metric(1, MetricKind.GAUGE, "cpu");
        final long minute = 1_767_571_200_000L;
        harness.endOfBatch = false;
        harness.kpi(minute + 5, 5, 1, 1.5);
        harness.kpi(minute + 6, 5, 1, 2.5);
        // the batch ends on the other shard's event: cell-1's shard sees only the watermark
        harness.endOfBatch = true;
        harness.kpi(minute + 7, 6, 1, 4.0);

        assertEquals(List.of("cell-1 count=2 sum=4.0", "cell-2 count=1 sum=4.0"),
            rows(harness.cube.query().groupBy(Dimension.ELEMENT).where(Dimension.METRIC, "kpi.cpu")
                .measures(Measure.COUNT, Measure.SUM).execute()),
            "both shards published what their part of the batch applied");
        harness.cube.close();
    }

    private static CubeResult lastWholeHours(final CubeHarness harness, final int hours)
    {
        return harness.cube.query().groupBy(Dimension.ELEMENT).where(Dimension.METRIC, "kpi.cpu")
            .measures(Measure.COUNT, Measure.SUM, Measure.MIN, Measure.MAX).lastWholeHours(hours).execute();
    }

    /** Minutes of samples from three cells, each then maintained and published. */
    private static void feed(final CubeHarness harness, final long hour0, final int fromMinute, final int toMinute)
    {
        kpiMinutes(harness, hour0, fromMinute, toMinute);
        assertTrue(harness.cube.awaitMaintained(30_000));
        harness.flush();
    }

    private static CubeResult elementCounts(final CubeHarness harness, final long fromMs, final long toMs)
    {
        return harness.cube.query().groupBy(Dimension.ELEMENT).measures(Measure.COUNT).between(fromMs, toMs).execute();
    }

    private static void kpiMinutes(final CubeHarness harness, final long hour0, final int fromMinute,
        final int toMinute)
    {
        for (int m = fromMinute; m < toMinute; m++)
        {
            for (int e = 4; e <= 6; e++)
            {
                harness.kpi(hour0 + m * CubeConfig.MINUTE_MS + e, e, 1, 0.1 * (m + 1) * e + 0.01 * m);
            }
        }
    }

    private static CubeResult wholeHour(final CubeHarness harness, final long hourStartMs, final Dimension groupBy)
    {
        return harness.cube.query().groupBy(groupBy).where(Dimension.METRIC, "kpi.cpu")
            .measures(Measure.COUNT, Measure.SUM, Measure.MIN, Measure.MAX)
            .between(hourStartMs, hourStartMs + CubeConfig.HOUR_MS).execute();
    }

    private static double hourSum(final int element)
    {
        return hourSum(element, 60);
    }

    private static double hourSum(final int element, final int minutes)
    {
        double sum = 0;
        for (int m = 0; m < minutes; m++)
        {
            sum += 0.1 * (m + 1) * element + 0.01 * m;
        }
        return sum;
    }

    /**
     * A region "north" with a site "hill" and its one element, "cell-1", no lateness and the given retention.
     */
    private static CubeHarness oneCell(final CubeConfig.Retention retention)
    {
        final CubeHarness harness = new CubeHarness(new CubeConfig(0, retention, retention, retention));
        harness.node(1, 0, NodeLevel.REGION, "north", "", "");
        harness.node(2, 1, NodeLevel.SITE, "hill", "", "");
        harness.node(3, 2, NodeLevel.ELEMENT, "cell-1", "gnodeb", "nokia");
        return harness;
    }

    /**
     * Regions "north" (site "hill", cell-1) and "south" (site "lake", cell-2), each on a shard of its own.
     */
    private static CubeHarness twoRegionsOnTwoShards()
    {
        final CubeHarness harness = new CubeHarness(CubeConfig.DEFAULTS, 2);
        harness.node(1, 0, NodeLevel.REGION, "north", "", "");
        harness.node(2, 0, NodeLevel.REGION, "south", "", "");
        harness.node(3, 1, NodeLevel.SITE, "hill", "", "");
        harness.node(4, 2, NodeLevel.SITE, "lake", "", "");
        harness.node(5, 3, NodeLevel.ELEMENT, "cell-1", "gnodeb", "nokia");
        harness.node(6, 4, NodeLevel.ELEMENT, "cell-2", "gnodeb", "nokia");
        return harness;
    }

    /**
     * A region "north" with sites "hill" (cell-1) and "lake" (cell-2, cell-3), default cube configuration.
     */
    private static CubeHarness threeCells()
    {
        final CubeHarness harness = new CubeHarness(CubeConfig.DEFAULTS);
        harness.node(1, 0, NodeLevel.REGION, "north", "", "");
        harness.node(2, 1, NodeLevel.SITE, "hill", "", "");
        harness.node(3, 1, NodeLevel.SITE, "lake", "", "");
        harness.node(4, 2, NodeLevel.ELEMENT, "cell-1", "gnodeb", "nokia");
        harness.node(5, 3, NodeLevel.ELEMENT, "cell-2", "gnodeb", "ericsson");
        harness.node(6, 3, NodeLevel.ELEMENT, "cell-3", "router", "ericsson");
        return harness;
    }

    private static double sum(final int element)
    {
        double sum = 0;
        for (int m = 0; m < 5; m++)
        {
            sum += 0.1 * (m + 1) * element;
        }
        return sum;
    }

    private static List<String> rows(final CubeResult result)
    {
        final List<String> rows = new ArrayList<>();
        for (final CubeRow row : result.rows())
        {
            final StringBuilder text = new StringBuilder();
            for (final Dimension dimension : result.groupBy())
            {
                text.append(row.value(dimension)).append(' ');
            }
            text.append("count=").append(row.count()).append(" sum=").append(row.sum());
            if (result.measures().contains(Measure.MIN))
            {
                text.append(" min=").append(row.min()).append(" max=").append(row.max());
            }
            rows.add(text.toString());
        }
        rows.sort(null);
        return rows;
    }

    @Test
    void shouldFileADayWithItsLastHourOrOnceAMinutePastItIsSealed()
    {
        final CubeConfig.Retention retention = new CubeConfig.Retention(
            30 * CubeConfig.MINUTE_MS, 2 * CubeConfig.HOUR_MS, 10 * CubeConfig.DAY_MS);
        final CubeHarness harness = oneCell(retention);
        final long day0 = 1_767_571_200_000L;
        // Day 0 has data in every minute; day 1 none in its last hour; day 2 starts.
        for (int m = 0; m < 24 * 60; m++)
        {
            harness.kpi(day0 + m * CubeConfig.MINUTE_MS, 3, 1, 1.0);
        }
        final long day1 = day0 + CubeConfig.DAY_MS;
        for (int m = 0; m < 23 * 60; m++)
        {
            harness.kpi(day1 + m * CubeConfig.MINUTE_MS, 3, 1, 2.0);
        }
        final long day2 = day1 + CubeConfig.DAY_MS;
        harness.kpi(day2 + 5 * CubeConfig.MINUTE_MS, 3, 1, 4.0);
        harness.kpi(day2 + 6 * CubeConfig.MINUTE_MS, 3, 1, 4.0);
        harness.kpi(day2 + 30 * CubeConfig.MINUTE_MS, 3, 1, 4.0);
        harness.flush();
        assertTrue(harness.cube.awaitMaintained(30_000));
        harness.flush();

        // A whole day is read as its one bucket once it is filed; before that, as its hours.
        final CubeResult first = harness.cube.query().between(day0, day1).measures(Measure.COUNT, Measure.SUM)
            .uncached().execute();
        assertEquals(1, first.bucketsScanned());
        assertEquals(24L * 60, first.rows().get(0).count());
        assertEquals(24.0 * 60, first.rows().get(0).sum());
        final CubeResult second = harness.cube.query().between(day1, day2).measures(Measure.COUNT, Measure.SUM)
            .uncached().execute();
        assertEquals(1, second.bucketsScanned(), "the day whose last hour had no data is filed");
        assertEquals(23L * 60, second.rows().get(0).count());
        assertEquals(2.0 * 23 * 60, second.rows().get(0).sum());
        harness.cube.close();
    }

    @Test
    void shouldRollMinutesIntoHoursAndHoursIntoDaysThenDropDays()
    {
        final CubeConfig.Retention retention = new CubeConfig.Retention(
            30 * CubeConfig.MINUTE_MS, 2 * CubeConfig.HOUR_MS, 2 * CubeConfig.DAY_MS);
        final CubeHarness harness = oneCell(retention);
        final long day0 = 1_767_571_200_000L;
        final int minutes = 5 * 24 * 60;
        for (int m = 0; m < minutes; m++)
        {
            harness.kpi(day0 + m * CubeConfig.MINUTE_MS, 3, 1, 1.0);
        }
        harness.flush();
        assertTrue(harness.cube.awaitMaintained(30_000));
        harness.flush();

        final CubeResult byTime = harness.cube.query().groupBy(Dimension.TIME).measures(Measure.COUNT).execute();
        final long watermark = day0 + (minutes - 1) * CubeConfig.MINUTE_MS;
        long total = 0;
        int days = 0;
        int hours = 0;
        int minuteBuckets = 0;
        for (final CubeRow row : byTime.rows())
        {
            total += row.count();
            final long start = row.id(Dimension.TIME);
            if (row.count() == 24 * 60)
            {
                days++;
                assertEquals(0, Math.floorMod(start, CubeConfig.DAY_MS));
            }
            else if (row.count() == 60)
            {
                hours++;
                assertEquals(0, Math.floorMod(start, CubeConfig.HOUR_MS));
            }
            else
            {
                assertEquals(1, row.count(), "a minute bucket at " + row.value(Dimension.TIME));
                minuteBuckets++;
                assertTrue(start >= watermark - retention.minutesMs() - CubeConfig.HOUR_MS, "old minute " +
                    row.value(Dimension.TIME) + " watermark " + java.time.Instant.ofEpochMilli(watermark));
            }
        }
        // Days older than two days are gone; what is left is two whole days at most, then hours, then minutes.
        assertTrue(days >= 1 && days <= 2, "days " + days);
        assertTrue(hours >= 1, "hours " + hours);
        assertTrue(minuteBuckets >= 30 && minuteBuckets <= 90, "minutes " + minuteBuckets);
        final long dropped = harness.cube.stats().expiredValues();
        assertTrue(dropped >= 2 * 24 * 60, "dropped " + dropped);
        assertEquals(minutes, total + dropped, "every value is either kept or counted as expired");
        assertTrue(harness.cube.stats().rollups() > 0);
        harness.cube.close();
    }
}
