/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.codec.sbe.MetricKind;
import io.netpulse.codec.sbe.NodeLevel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cube's parts one by one: tables and their mirrors, placements, the metric catalog, configuration parsing,
 * query validation and the row accessors.
 */
class CubePartsTest
{
    /**
     * Every cell's key and measures, in the same order.
     */
    private static void assertSameCellValues(final CellBlock expected, final CellBlock actual)
    {
        for (int i = 0; i < expected.cellCount; i++)
        {
            assertEquals(expected.key(i), actual.key(i));
            for (int c = 0; c < expected.columns; c++)
            {
                assertEquals(expected.count(i, c), actual.count(i, c));
                assertEquals(expected.sum(i, c), actual.sum(i, c));
                assertEquals(expected.min(i, c), actual.min(i, c));
                assertEquals(expected.max(i, c), actual.max(i, c));
                assertEquals(expected.sumSquares(i, c), actual.sumSquares(i, c));
            }
        }
    }

    private static void assertSameCells(final CellBlock expected, final CellBlock actual)
    {
        assertEquals(expected.cellCount, actual.cellCount);
        assertEquals(expected.pairCount, actual.pairCount);
        assertEquals(expected.columns, actual.columns);
        assertSameCellValues(expected, actual);
        for (int j = 0; j < expected.pairCount; j++)
        {
            assertEquals(expected.pairCell(j), actual.pairCell(j));
            assertEquals(expected.pairColumn(j), actual.pairColumn(j));
            assertEquals(expected.pairBucket(j), actual.pairBucket(j));
            assertEquals(expected.pairCountOf(j), actual.pairCountOf(j));
        }
    }

    /**
     * The same histogram pairs, whatever their order: a table that hashes every pair writes its records in slot
     * order.
     */
    private static void assertSamePairs(final CellBlock expected, final CellBlock actual)
    {
        actual.settle();
        assertEquals(expected.pairCount, actual.pairCount);
        final Map<String, Long> expectedPairs = new HashMap<>();
        final Map<String, Long> actualPairs = new HashMap<>();
        for (int j = 0; j < expected.pairCount; j++)
        {
            expectedPairs.put(expected.pairCell(j) + "/" + expected.pairColumn(j) + "/" + expected.pairBucket(j),
                expected.pairCountOf(j));
            actualPairs.put(actual.pairCell(j) + "/" + actual.pairColumn(j) + "/" + actual.pairBucket(j),
                actual.pairCountOf(j));
        }
        assertEquals(expectedPairs, actualPairs);
    }

    /**
     * A compact copy holds the same cells in the same order, and the same pairs ordered by column, then cell (each
     * cell's in the table's order), between the column bounds it notes.
     */
    private static void assertCompactOf(final CellBlock table, final CellBlock compact)
    {
        assertEquals(table.cellCount, compact.cellCount);
        assertEquals(table.pairCount, compact.pairCount);
        assertEquals(table.cellCount, compact.cellCapacity());
        assertSameCellValues(table, compact);
        // the table's pairs in a stable order by column, then cell: what the compact copy holds
        final Integer[] order = new Integer[table.pairCount];
        for (int j = 0; j < order.length; j++)
        {
            order[j] = j;
        }
        java.util.Arrays.sort(order, java.util.Comparator.<Integer>comparingInt(table::pairColumn)
            .thenComparingInt(table::pairCell));
        for (int at = 0; at < order.length; at++)
        {
            final int j = order[at];
            assertEquals(table.pairColumn(j), compact.pairColumn(at));
            assertEquals(table.pairCell(j), compact.pairCell(at));
            assertEquals(table.pairBucket(j), compact.pairBucket(at));
            assertEquals(table.pairCountOf(j), compact.pairCountOf(at));
        }
        for (int c = 0; c < table.columns; c++)
        {
            int before = 0;
            for (int j = 0; j < table.pairCount; j++)
            {
                before += table.pairColumn(j) < c ? 1 : 0;
            }
            assertEquals(before, compact.columnPairs[c], "column " + c + " starts");
        }
        assertEquals(table.pairCount, compact.columnPairs[table.columns]);
    }

    @Test
    void aReservedTableFillsToItsReservationWithoutGrowingAnArray()
    {
        final CellTable table = new CellTable(2, 4, 4, true, 0);
        table.syncMirror(0, 0);
        table.add(7, 1.0, 0);
        assertThrows(IllegalStateException.class, () -> table.reserve(10, 10, 0));

        table.reset(1);
        table.reserve(500, 2000, 500);
        final long[] cells = table.cells;
        final long[] pairs = table.pairs;
        final CellTable.Mirror mirror = table.syncMirror(0, 1);
        final long[] mirrorCells = mirror.cells;
        final long[] mirrorPairs = mirror.pairs;
        // 500 cells (dense keys) and 2,000 pairs: four distinct histogram buckets in each cell and column's pair
        long epoch = 2;
        for (int key = 0; key < 500; key++)
        {
            final int cell = table.cell(key, epoch);
            for (int column = 0; column < 2; column++)
            {
                for (int b = 0; b < 2; b++)
                {
                    table.addWithHistogram(cell, column, 1 << (b + 4 * column), epoch);
                }
            }
            if (key % 50 == 0)
            {
                table.syncMirror(0, epoch++);
            }
        }
        table.syncMirror(0, epoch);

        assertEquals(500, table.cellCount);
        assertEquals(2000, table.pairCount);
        assertSame(cells, table.cells, "cells grew");
        assertSame(pairs, table.pairs, "pairs grew");
        assertSame(mirrorCells, mirror.cells, "the mirror's cells grew");
        assertSame(mirrorPairs, mirror.pairs, "the mirror's pairs grew");
        assertSameCells(table, mirror);
        assertEquals(2000, table.totalCount());
    }

    @Test
    void mirrorsRefreshedFromTheChangeLogEqualTheTableWhateverTheirLag()
    {
        final SplittableRandom random = new SplittableRandom(1);
        final CellTable table = new CellTable(3, 4, 4, true, 0);
        long epoch = 0;
        final long[] synced = new long[3];
        for (int round = 0; round < 3000; round++)
        {
            final int updates = random.nextInt(200);
            for (int u = 0; u < updates; u++)
            {
                final long key = random.nextInt(random.nextInt(10) == 0 ? 5000 : 300);
                final double value = random.nextInt(1000);
                final int cell = table.cell(key, epoch);
                final int column = random.nextInt(3);
                if (random.nextBoolean())
                {
                    table.addWithHistogram(cell, column, value, epoch);
                }
                else
                {
                    table.add(cell, column, value, epoch);
                }
            }
            // Slots refresh at different paces, one sometimes lagging far behind (a slow reader holds it).
            final int slot = random.nextInt(10) == 0 ? 2 : random.nextInt(2);
            final CellTable.Mirror mirror = table.syncMirror(slot, epoch);
            synced[slot] = epoch;
            assertSameCells(table, mirror);
            assertEquals(epoch, mirror.syncedEpoch);
            epoch++;
        }
        assertTrue(table.footprintBytes() > (long)CellBlock.recordLength(3) * Long.BYTES * table.cellCount);
        assertCompactOf(table, table.compact());

        table.reset(epoch);
        assertEquals(0, table.cellCount);
        table.add(42, 1.5, epoch);
        assertSameCells(table, table.syncMirror(0, epoch));
        assertEquals(1, table.totalCount());
        assertThrows(IllegalArgumentException.class, () -> new CellTable(9, 1, 1, false, 0));
    }

    @Test
    void tablesFindEveryCellAndPairWhateverTheKeysAndBuckets()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final CellTable tracked = new CellTable(2, 4, 4, true, 0);
        final CellTable untracked = new CellTable(2, 4, 4, false, 0);
        final CellTable hashed = new CellTable(2, 4, 4, false, 0).hashEveryPair();
        for (int round = 0; round < 3; round++)
        {
            final Map<Long, Long> cellCounts = new HashMap<>();
            final Map<String, Long> pairCounts = new HashMap<>();
            for (int u = 0; u < 20_000; u++)
            {
                // Small keys (dense index) and large ones (hash index); a few busy cells with many buckets, whose
                // chains move to the hash index, and many quiet ones.
                final long key = random.nextInt(4) == 0 ? (1L << 40) + random.nextInt(50) :
                    random.nextInt(random.nextInt(20) == 0 ? 3 : 3000);
                final int column = random.nextInt(2);
                final double value = random.nextInt(10) == 0 ? random.nextDouble() * 1e6 : random.nextInt(4);
                tracked.addWithHistogram(tracked.cell(key, round), column, value, round);
                untracked.addWithHistogram(untracked.cell(key, round), column, value, round);
                hashed.addWithHistogram(hashed.cell(key, round), column, value, round);
                cellCounts.merge(key * 2 + column, 1L, Long::sum);
                pairCounts.merge(key + "/" + column + "/" + LogHistogram.bucketOf(value), 1L, Long::sum);
            }
            assertSameCells(untracked, tracked);
            assertSameCellValues(untracked, hashed);
            assertSamePairs(untracked, hashed);
            assertSameCells(tracked, tracked.syncMirror(0, round));
            long cells = 0;
            for (int cell = 0; cell < tracked.cellCount; cell++)
            {
                for (int column = 0; column < 2; column++)
                {
                    final long count = tracked.count(cell, column);
                    assertEquals(cellCounts.getOrDefault(tracked.key(cell) * 2 + column, 0L), count);
                    cells += count > 0 ? 1 : 0;
                }
            }
            assertEquals(cellCounts.size(), cells);
            assertEquals(pairCounts.size(), tracked.pairCount);
            for (int pair = 0; pair < tracked.pairCount; pair++)
            {
                assertEquals(pairCounts.get(tracked.key(tracked.pairCell(pair)) + "/" + tracked.pairColumn(pair) + "/" +
                    tracked.pairBucket(pair)), tracked.pairCountOf(pair));
            }
            // emptied three ways, and the next round checks they fill alike: at once; a step at a time between
            // batches until clear, then reset; a few steps, then reset finishes the rest
            untracked.reset(round + 1);
            tracked.startClearing();
            int steps = 0;
            while (0 == tracked.clearSome(997))
            {
                steps++;
            }
            assertTrue(steps > 10, "a table of thousands of cells takes many steps of 997 slots: " + steps);
            assertTrue(tracked.clearSome(997) > 0, "a cleared table has nothing left to clear");
            tracked.reset(round + 1);
            assertThrows(IllegalStateException.class, hashed::hashEveryPair, "only while empty");
            hashed.startClearing();
            assertEquals(0, hashed.clearSome(500));
            assertEquals(0, hashed.clearSome(500));
            hashed.reset(round + 1);
            assertEquals(0, tracked.pairCount);
            assertEquals(0, tracked.cellCount);
            assertEquals(0, hashed.pairCount);
        }
    }

    @Test
    void servicelessTablesIndexAPlacementPerDenseSlotAndFindTheSameCells()
    {
        final SplittableRandom random = new SplittableRandom(11);
        final CellTable plain = new CellTable(1, 4, 4, true, 0);
        final CellTable serviceless = new CellTable(1, 4, 4, 0, true, 0, true);
        for (int round = 0; round < 3; round++)
        {
            for (int u = 0; u < 20_000; u++)
            {
                // mostly keys without a service (the dense path), and a few that a serviceless table must still
                // find, through its hash index: keys with a service, and keys too large for any dense index
                final int kind = random.nextInt(10);
                final long key = kind == 0 ? (1L << 40) + random.nextInt(50) :
                    Cuboid.elementKey(random.nextInt(3000), kind == 1 ? random.nextInt(7) : Cuboid.NO_SERVICE);
                final double value = random.nextInt(100);
                plain.addWithHistogram(plain.cell(key, round), 0, value, round);
                serviceless.addWithHistogram(serviceless.cell(key, round), 0, value, round);
            }
            assertSameCells(plain, serviceless);
            assertSameCells(serviceless, serviceless.syncMirror(0, round));
            assertTrue(serviceless.denseKeys() <= 2 * 3000, "a slot per placement: " + serviceless.denseKeys());
            assertTrue(plain.denseKeys() > 3000 * 7, "a slot per placement and service: " + plain.denseKeys());

            // emptied a step at a time: the next round only finds the same cells if every dense slot was cleared
            plain.reset(round + 1);
            serviceless.startClearing();
            while (0 == serviceless.clearSome(997))
            {
                continue;
            }
            serviceless.reset(round + 1);
            assertEquals(0, serviceless.cellCount);
        }
    }

    @Test
    void sealedMinutesRollUpIntoSiteAndRegionCellsWithEveryTotal()
    {
        final Placements placements = new Placements();
        final CellTable element = new CellTable(1, 4, 4, true, 0);
        final CellTable site = new CellTable(1, 4, 4, false, 0);
        final CellTable region = new CellTable(1, 4, 4, false, 0);
        for (int e = 0; e < 40; e++)
        {
            final int placement = placements.placementOf(e, 1000 + e, e % 4, e % 2, e % 3, 1);
            for (int service = 0; service < 2; service++)
            {
                final int cell = element.cell(Cuboid.elementKey(placement, service), 0);
                element.addWithHistogram(cell, 0, e, 0);
                element.addWithHistogram(cell, 0, e * 10.0, 0);
            }
        }
        site.rollUp(element, placements.view(), Cuboid.SITE);
        region.rollUp(element, placements.view(), Cuboid.REGION);
        assertEquals(element.totalCount(), site.totalCount());
        assertEquals(element.totalCount(), region.totalCount());
        assertEquals(4 * 2, site.cellCount);
        assertEquals(2 * 3 * 2, region.cellCount);
        // Site 1 holds elements 1, 5, ..., 37 (all in region 1); service 0.
        final int cell = site.cell(Cuboid.siteKey(1, 1, 0), 0);
        assertEquals(20, site.count(cell, 0));
        assertEquals(11 * (1 + 5 + 9 + 13 + 17 + 21 + 25 + 29 + 33 + 37), site.sum(cell, 0));
        assertEquals(1, site.min(cell, 0));
        assertEquals(370, site.max(cell, 0));
    }

    @Test
    void mergingBlocksAddsEveryMeasureExactly()
    {
        final CellTable a = new CellTable(1, 4, 4, false, 0);
        final CellTable b = new CellTable(1, 4, 4, false, 0);
        a.addWithHistogram(1, 10, 0);
        a.addWithHistogram(2, 20, 0);
        b.addWithHistogram(1, 30, 0);
        b.addWithHistogram(3, 5, 0);
        final CellTable merged = new CellTable(1, 1, 1, false, 0);
        merged.merge(a);
        merged.merge(b);
        assertEquals(3, merged.cellCount);
        assertEquals(4, merged.totalCount());
        assertEquals(2, merged.count(0, 0));
        assertEquals(40, merged.sum(0, 0));
        assertEquals(10, merged.min(0, 0));
        assertEquals(30, merged.max(0, 0));
        assertEquals(1000, merged.sumSquares(0, 0));
        assertEquals(4, merged.pairCount);
    }

    @Test
    void placementsFollowMovesAndKeepPublishedViewsUnchanged()
    {
        final Placements placements = new Placements();
        final int first = placements.placementOf(5000, 77, 1, 2, 3, 4);
        assertEquals(first, placements.placementOf(5000, 77, 1, 2, 3, 4));
        final Placements.View before = placements.view();
        assertEquals(before, placements.view());
        final int moved = placements.placementOf(5000, 77, 9, 2, 3, 4);
        assertTrue(moved != first);
        for (int e = 0; e < 3000; e++)
        {
            placements.placementOf(e, e, 1, 2, 0, 0);
        }
        assertEquals(1, before.count);
        assertEquals(1, before.sites[first]);
        assertEquals(3002, placements.count());
        assertEquals(9, placements.view().sites[moved]);
    }

    @Test
    void metricCatalogNamesKpisByDefinitionAndKeepsHistogramsForLatency()
    {
        final MetricCatalog catalog = new MetricCatalog();
        final int early = catalog.kpiIndex(3);
        assertEquals(DerivedMetric.count(), early);
        assertEquals("kpi.3", catalog.snapshot().name(early));
        catalog.define(3, MetricKind.LATENCY, "rtt");
        assertEquals("kpi.rtt", catalog.snapshot().name(early));
        assertTrue(catalog.histogram(early));
        catalog.define(4, MetricKind.GAUGE, "load");
        assertEquals(early + 1, catalog.snapshot().indexOf("kpi.load"));
        assertEquals(-1, catalog.snapshot().indexOf("kpi.nothing"));
        assertEquals(3, catalog.snapshot().kpiId(early));
        assertEquals(-1, catalog.snapshot().kpiId(0));
        assertTrue(catalog.snapshot().histogram(DerivedMetric.QOS_LATENCY_US.index()));
        for (int id = 100; id < MetricCatalog.MAX_METRICS + 100; id++)
        {
            catalog.kpiIndex(id);
        }
        assertEquals(MetricCatalog.MAX_METRICS, catalog.count());
        assertEquals(-1, catalog.kpiIndex(1_000_000), "the dimension is full");
        for (final DerivedMetric metric : DerivedMetric.values())
        {
            assertEquals(metric, DerivedMetric.get(metric.index()));
            assertTrue(!metric.unit().isEmpty());
            assertEquals(metric.table(), MetricCatalog.tableOf(metric.index()));
            assertTrue(metric.column() < MetricCatalog.columnsOf(metric.table()));
        }
        assertEquals(MetricCatalog.FIRST_KPI_TABLE, MetricCatalog.tableOf(DerivedMetric.count()));
        assertEquals(0, MetricCatalog.columnOf(DerivedMetric.count()));
        assertEquals(1, MetricCatalog.columnsOf(MetricCatalog.FIRST_KPI_TABLE));
    }

    @Test
    void configurationParsesAndFormatsRetention()
    {
        final CubeConfig.Retention retention = CubeConfig.Retention.parse("15m,12h,2d");
        assertEquals(15 * CubeConfig.MINUTE_MS, retention.minutesMs());
        assertEquals("15m,12h,2d", retention.format());
        assertEquals("90s,0d,1d", new CubeConfig.Retention(90_000, 0, CubeConfig.DAY_MS).format());
        for (final String bad : List.of("15m,12h", "15x,1h,1d", "m,1h,1d", "-1m,1h,1d", "99999999999999999d,1h,1d"))
        {
            assertThrows(IllegalArgumentException.class, () -> CubeConfig.Retention.parse(bad), bad);
        }
        final CubeConfig config = CubeConfig.DEFAULTS.withRetention(Cuboid.SITE, retention).withAllowedLatenessMs(5);
        assertEquals(retention, config.retention(Cuboid.SITE));
        assertEquals(CubeConfig.DEFAULTS.element(), config.retention(Cuboid.ELEMENT));
        assertEquals(5, config.allowedLatenessMs());
        assertEquals(retention, CubeConfig.DEFAULTS.withRetention(retention).retention(Cuboid.REGION));
        assertThrows(IllegalArgumentException.class, () -> new CubeConfig(-1, retention, retention, retention));
        assertThrows(IllegalArgumentException.class, () -> new CubeConfig(0, null, retention, retention));
    }

    @Test
    void namesParseAndListWhatTheyAllow()
    {
        for (final Dimension dimension : Dimension.values())
        {
            assertEquals(dimension, Dimension.parse(" " + dimension.label().toUpperCase() + " "));
            assertTrue(Dimension.allowed().contains(dimension.label()));
        }
        assertEquals(Dimension.EQUIPMENT_CLASS, Dimension.parse("equipment_class"));
        assertNull(Dimension.parse("colour"));
        for (final Measure measure : Measure.values())
        {
            assertEquals(measure, Measure.parse(measure.label()));
            assertTrue(Measure.allowed().contains(measure.label()));
            assertEquals(measure.isPercentile(), !Double.isNaN(measure.quantile()));
        }
        assertNull(Measure.parse("median"));
        for (final Granularity granularity : Granularity.values())
        {
            assertEquals(granularity, Granularity.parse(granularity.label()));
        }
        assertNull(Granularity.parse("week"));
        assertEquals(Cuboid.REGION, Cuboid.coarsestFor(java.util.Set.of(Dimension.VENDOR)));
        assertEquals(Cuboid.SITE, Cuboid.coarsestFor(java.util.Set.of(Dimension.SITE, Dimension.SERVICE)));
        assertEquals(Cuboid.ELEMENT, Cuboid.coarsestFor(java.util.Set.of(Dimension.SITE, Dimension.VENDOR)));
        assertEquals("site", Cuboid.SITE.label());
        assertEquals(3, QueryExecutor.service(" DATA "));
        assertEquals("none", QueryExecutor.serviceName(Cuboid.NO_SERVICE));
    }

    @Test
    void queriesRefuseWhatTheyCannotAnswer()
    {
        final CubeHarness harness = new CubeHarness(CubeConfig.DEFAULTS);
        final Cube cube = harness.cube;
        assertEquals("time", assertThrows(CubeQueryException.class,
            () -> cube.query().where(Dimension.TIME, "x")).parameter());
        assertEquals("region", assertThrows(CubeQueryException.class,
            () -> cube.query().where(Dimension.REGION, List.of())).parameter());
        assertEquals("to", assertThrows(CubeQueryException.class, () -> cube.query().between(5, 5)).parameter());
        assertEquals("from", assertThrows(CubeQueryException.class,
            () -> cube.query().last(Duration.ZERO)).parameter());
        assertEquals("measures", assertThrows(CubeQueryException.class, () -> cube.query().measures()).parameter());
        assertEquals("limit", assertThrows(CubeQueryException.class, () -> cube.query().limit(0)).parameter());
        assertEquals("compareTo", assertThrows(CubeQueryException.class,
            () -> cube.query().compareWith(2, 1)).parameter());
        assertEquals("groupBy", assertThrows(CubeQueryException.class,
            () -> cube.query().drillDown(Dimension.ELEMENT, "x")).parameter());
        assertEquals("groupBy", assertThrows(CubeQueryException.class,
            () -> cube.query().rollUp(Dimension.REGION)).parameter());
        assertEquals("groupBy", assertThrows(CubeQueryException.class,
            () -> cube.query().rollUp(Dimension.SITE)).parameter());
        assertEquals("order", assertThrows(CubeQueryException.class,
            () -> cube.query().groupBy(Dimension.REGION).orderBy(Dimension.SITE, true).execute()).parameter());
        assertEquals("region", assertThrows(CubeQueryException.class,
            () -> cube.query().where(Dimension.REGION, "nowhere").execute()).parameter());
        assertEquals("service", assertThrows(CubeQueryException.class,
            () -> cube.query().where(Dimension.SERVICE, "telex").execute()).parameter());

        final CubeResult empty = cube.query().groupBy(Dimension.REGION).last(Duration.ofHours(1)).execute();
        assertTrue(empty.rows().isEmpty());
        assertEquals(-1, empty.coveredFromMs());
        cube.close();
        cube.close();
    }

    @Test
    void drillDownAndRollUpMoveAlongTheHierarchy()
    {
        final CubeHarness harness = new CubeHarness(CubeConfig.DEFAULTS);
        harness.node(1, 0, NodeLevel.REGION, "north", "", "");
        harness.node(2, 1, NodeLevel.SITE, "hill", "", "");
        harness.node(3, 2, NodeLevel.ELEMENT, "cell-a", "gnodeb", "nokia");
        harness.node(4, 2, NodeLevel.ELEMENT, "cell-b", "gnodeb", "ericsson");
        harness.kpi(1_767_571_200_000L, 3, 1, 2.0);
        harness.kpi(1_767_571_200_000L, 4, 1, 4.0);
        harness.flush();
        final Cube cube = harness.cube;

        final CubeQuery sites = cube.query().groupBy(Dimension.REGION).drillDown(Dimension.REGION, "north");
        assertEquals(List.of(Dimension.SITE), sites.groupedBy());
        final CubeResult bySite = sites.execute();
        assertEquals("hill", bySite.rows().get(0).value(Dimension.SITE));
        assertEquals(2, bySite.rows().get(0).id(Dimension.SITE));

        final CubeResult byElement = cube.query().drillDown(Dimension.SITE, "2").orderBy(Dimension.ELEMENT, true)
            .execute();
        assertEquals(List.of("cell-b", "cell-a"), List.of(byElement.rows().get(0).value(Dimension.ELEMENT),
            byElement.rows().get(1).value(Dimension.ELEMENT)));
        final CubeResult rolled = cube.query().groupBy(Dimension.ELEMENT).rollUp(Dimension.ELEMENT)
            .rollUp(Dimension.SITE).measures(Measure.values()).execute();
        final CubeRow north = rolled.rows().get(0);
        assertEquals("north", north.value(Dimension.REGION));
        assertEquals(2, north.count());
        assertEquals(3.0, north.mean());
        assertEquals(1.0, north.stddev());
        assertTrue(Double.isNaN(north.p50()), "no histogram for an undefined KPI");
        assertTrue(Double.isNaN(north.delta(Measure.MEAN)) && Double.isNaN(north.ratio(Measure.MEAN)));
        assertNull(north.baseline());
        assertThrows(IllegalArgumentException.class, () -> north.value(Dimension.SITE));
        assertTrue(north.toString().contains("region=north"));

        final CubeRow byVendor = cube.query().groupBy(Dimension.VENDOR, Dimension.EQUIPMENT_CLASS,
            Dimension.SERVICE, Dimension.METRIC).where(Dimension.VENDOR, "NOKIA").execute().rows().get(0);
        assertEquals("nokia", byVendor.value(Dimension.VENDOR));
        assertEquals("gnodeb", byVendor.value(Dimension.EQUIPMENT_CLASS));
        assertEquals("none", byVendor.value(Dimension.SERVICE));
        assertEquals("kpi.1", byVendor.value(Dimension.METRIC));
        assertEquals(1, byVendor.id(Dimension.METRIC));

        final CubeRow compared = cube.query().compareWith(0, 1).execute().rows().get(0);
        assertEquals(0, compared.baseline().count());
        assertTrue(Double.isNaN(compared.baseline().min()) && Double.isNaN(compared.baseline().mean()));
        assertTrue(Double.isNaN(compared.ratio(Measure.COUNT)));
        assertEquals(2, compared.delta(Measure.COUNT));

        final Directory directory = cube.directory();
        assertEquals(List.of(3), directory.findNodes(NodeLevel.ELEMENT, "cell-a"));
        assertEquals(List.of(3), directory.findNodes(NodeLevel.ELEMENT, "3"));
        assertEquals("(none)", directory.name(-1));
        assertEquals("#99", directory.name(99));
        assertEquals(-1, directory.id(99));
        assertEquals("(none)", directory.className(0));
        assertEquals("#77", directory.vendorName(77));
        assertEquals(0, directory.findClass("(none)"));
        assertEquals(-1, directory.findVendor("acme"));
        assertEquals(NodeLevel.SITE, directory.level(2));
        assertEquals(1, directory.parent(2));
        assertTrue(!directory.isRemoved(2));
        assertArrayEquals(new String[]{"cell-a"}, new String[]{directory.name(directory.findNodes(NodeLevel.ELEMENT,
            "cell-a").get(0))});
        assertTrue(cube.metricNames().contains("cdr.setup_ms"));
        final CubeStats stats = cube.stats();
        assertEquals(2, stats.eventsApplied());
        assertEquals(1, stats.shards());
        assertTrue(stats.publications() > 0);
        cube.close();
    }
}
