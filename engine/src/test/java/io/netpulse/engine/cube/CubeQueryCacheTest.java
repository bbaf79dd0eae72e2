/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.codec.sbe.NodeLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The query cache answers a query again only while it would read the same closed buckets under the same topology:
 * a bucket filed in the range, an open minute in it, or a topology change makes the cube compute it.
 */
class CubeQueryCacheTest
{
    private static final long HOUR0 = 1_767_571_200_000L;

    private CubeHarness harness;

    @BeforeEach
    void network()
    {
        harness = new CubeHarness(CubeConfig.DEFAULTS);
        harness.node(1, 0, NodeLevel.REGION, "north", "", "");
        harness.node(2, 1, NodeLevel.SITE, "hill", "", "");
        harness.node(4, 2, NodeLevel.ELEMENT, "cell-1", "gnodeb", "nokia");
        harness.node(5, 2, NodeLevel.ELEMENT, "cell-2", "gnodeb", "ericsson");
    }

    @AfterEach
    void close()
    {
        harness.cube.close();
    }

    private void minutes(final int from, final int to)
    {
        for (int m = from; m < to; m++)
        {
            harness.kpi(HOUR0 + m * CubeConfig.MINUTE_MS + 7, 4, 1, 1.5 * m);
            harness.kpi(HOUR0 + m * CubeConfig.MINUTE_MS + 9, 5, 1, 2.0 + m);
        }
        assertTrue(harness.cube.awaitMaintained(30_000));
        harness.flush();
    }

    private CubeQuery byElement(final long fromMs, final long toMs)
    {
        return harness.cube.query().groupBy(Dimension.ELEMENT).measures(Measure.COUNT, Measure.SUM, Measure.MAX)
            .between(fromMs, toMs);
    }

    @Test
    void shouldLetAQueryAskedWhileTheSameIsComputedWaitForItsAnswer() throws Exception
    {
        minutes(0, 65);
        final java.util.concurrent.CountDownLatch computing = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        harness.cube.queryCache().whileComputing = () ->
        {
            computing.countDown();
            try
            {
                release.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        };
        final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try
        {
            final java.util.concurrent.Future<CubeResult> first =
                threads.submit(() -> byElement(HOUR0, HOUR0 + CubeConfig.HOUR_MS).execute());
            assertTrue(computing.await(10, java.util.concurrent.TimeUnit.SECONDS));
            harness.cube.queryCache().whileComputing = null;
            final java.util.concurrent.Future<CubeResult> second =
                threads.submit(() -> byElement(HOUR0, HOUR0 + CubeConfig.HOUR_MS).execute());
            // Another query over other buckets is computed meanwhile, not held.
            final CubeResult other = byElement(HOUR0, HOUR0 + 30 * CubeConfig.MINUTE_MS).execute();
            assertFalse(other.cached());
            assertEquals(30, other.bucketsScanned());
            Thread.sleep(50);
            assertFalse(second.isDone(), "the same query waits for the one computing it");
            release.countDown();

            final CubeResult computed = first.get(10, java.util.concurrent.TimeUnit.SECONDS);
            final CubeResult waited = second.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertFalse(computed.cached());
            assertEquals(1, computed.bucketsScanned());
            assertTrue(waited.cached());
            assertEquals(0, waited.cellsScanned());
            assertEquals(rows(computed), rows(waited));
            assertTrue(byElement(HOUR0, HOUR0 + CubeConfig.HOUR_MS).execute().cached(), "and the answer is kept");
            // Computed: the first and the other; answered without computing: the one that waited and the last.
            assertEquals(2, harness.cube.stats().queryCacheMisses());
            assertEquals(2, harness.cube.stats().queryCacheHits());
        }
        finally
        {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void shouldAnswerAgainFromTheSameClosedBucketsWithoutScanning()
    {
        minutes(0, 65);
        final CubeResult first = byElement(HOUR0, HOUR0 + CubeConfig.HOUR_MS).execute();
        final CubeResult second = byElement(HOUR0, HOUR0 + CubeConfig.HOUR_MS).execute();

        assertFalse(first.cached());
        assertEquals(1, first.bucketsScanned(), "the filed hour");
        assertTrue(second.cached());
        assertEquals(0, second.bucketsScanned());
        assertEquals(0, second.cellsScanned());
        assertEquals(rows(first), rows(second));
        assertEquals(List.of("cell-1 count=60 sum=" + 1.5 * 1770 + " max=88.5",
            "cell-2 count=60 sum=" + (120.0 + 1770) + " max=61.0"), rows(second));
        assertEquals(first.coveredFromMs(), second.coveredFromMs());
        assertEquals(first.coveredToMs(), second.coveredToMs());

        final CubeResult uncached = byElement(HOUR0, HOUR0 + CubeConfig.HOUR_MS).uncached().execute();
        assertFalse(uncached.cached());
        assertEquals(1, uncached.bucketsScanned());
        assertEquals(rows(first), rows(uncached));
        assertEquals(1, harness.cube.stats().queryCacheHits());
        assertEquals(1, harness.cube.stats().queryCacheMisses(), "the first; the uncached one is not asked");
    }

    @Test
    void shouldComputeAgainOnceTheBucketsOfTheRangeChange()
    {
        minutes(0, 60);
        // 01:01:30 seals every minute of the first hour; 01:00 has no data yet and 01:01 is open.
        harness.kpi(HOUR0 + 61 * CubeConfig.MINUTE_MS + 30_000, 5, 1, 1.0);
        assertTrue(harness.cube.awaitMaintained(30_000));
        harness.flush();
        final long toMs = HOUR0 + 61 * CubeConfig.MINUTE_MS;
        final CubeResult before = byElement(HOUR0, toMs).execute();
        assertFalse(before.cached());
        assertTrue(byElement(HOUR0, toMs).execute().cached());

        // A sample for 01:00, then time moves on and seals it: the same query now reads one more bucket.
        harness.kpi(HOUR0 + 60 * CubeConfig.MINUTE_MS + 45_000, 4, 1, 100.0);
        harness.kpi(HOUR0 + 62 * CubeConfig.MINUTE_MS + 30_000, 5, 1, 1.0);
        assertTrue(harness.cube.awaitMaintained(30_000));
        harness.flush();
        final CubeResult after = byElement(HOUR0, toMs).execute();
        assertFalse(after.cached());
        assertEquals(2, after.bucketsScanned(), "the hour and 01:00");
        assertEquals(List.of("cell-1 count=61 sum=" + (1.5 * 1770 + 100.0) + " max=100.0",
            "cell-2 count=60 sum=" + (120.0 + 1770) + " max=61.0"), rows(after));
        assertTrue(byElement(HOUR0, toMs).execute().cached());
    }

    @Test
    void shouldNeverKeepAnAnswerThatReadsAnOpenMinute()
    {
        minutes(0, 10);
        final CubeResult first = byElement(HOUR0, HOUR0 + CubeConfig.HOUR_MS).execute();
        final CubeResult second = byElement(HOUR0, HOUR0 + CubeConfig.HOUR_MS).execute();
        assertFalse(first.cached());
        assertFalse(second.cached());
        assertEquals(10, second.rows().get(0).count());
        assertEquals(0, harness.cube.queryCache().size());
    }

    @Test
    void shouldComputeAgainAfterATopologyChange()
    {
        minutes(0, 65);
        final CubeQuery query = byElement(HOUR0, HOUR0 + CubeConfig.HOUR_MS);
        assertFalse(query.execute().cached());
        assertTrue(byElement(HOUR0, HOUR0 + CubeConfig.HOUR_MS).execute().cached());
        harness.node(6, 2, NodeLevel.ELEMENT, "cell-3", "router", "nokia");
        harness.flush();
        assertFalse(byElement(HOUR0, HOUR0 + CubeConfig.HOUR_MS).execute().cached());
    }

    @Test
    void shouldKeepABoundedNumberOfSmallAnswers()
    {
        final QueryCache cache = new QueryCache();
        final List<CubeRow> rows = List.of();
        for (int i = 0; i < QueryCache.CAPACITY + 50; i++)
        {
            cache.keep(key(i), new QueryCache.Answer(inputs(new long[] {i}, 1), rows, 0, Cuboid.ELEMENT, 0, 0));
        }
        assertEquals(QueryCache.CAPACITY, cache.size());
        final QueryCache.Answer last = cache.find(key(QueryCache.CAPACITY + 49),
            inputs(new long[] {QueryCache.CAPACITY + 49}, 1));
        assertSame(rows, last.rows());
        assertEquals(null, cache.find(key(QueryCache.CAPACITY + 49), inputs(new long[] {7}, 1)));
        assertEquals(null, cache.find(key(QueryCache.CAPACITY + 49),
            inputs(new long[] {QueryCache.CAPACITY + 49}, 2)));
        assertEquals(1, cache.hits());
        assertEquals(2, cache.misses());

        final List<CubeRow> tooMany = new ArrayList<>();
        for (int i = 0; i <= QueryCache.MAX_ROWS; i++)
        {
            tooMany.add(null);
        }
        final QueryCache small = new QueryCache();
        small.keep(key(1), new QueryCache.Answer(inputs(new long[0], 1), tooMany, 0, Cuboid.ELEMENT, 0, 0));
        assertEquals(0, small.size());
    }

    @Test
    void shouldShareAComputationOnlyOverTheSameSlicesAndHandOverItsAnswer()
    {
        final QueryCache cache = new QueryCache();
        final QueryCache.Computation first = cache.start(key(1), cpu(new long[] {1, 2}, 1));
        assertTrue(first.leads());
        // The same query over other slices (an hour filed meanwhile) is computed apart.
        final QueryCache.Computation apart = cache.start(key(1), cpu(new long[] {1, 3}, 1));
        assertTrue(apart.leads());
        cache.finish(key(1), apart, null);
        // Under another topology it is computed apart too; over the same slices it waits for the first.
        assertTrue(cache.start(key(1), cpu(new long[] {1, 2}, 2)).leads());
        final QueryCache.Computation waiting = cache.start(key(1), cpu(new long[] {1, 2}, 1));
        assertFalse(waiting.leads());

        final QueryCache.Answer answer = new QueryCache.Answer(cpu(new long[] {1, 2}, 1), List.of(), 0,
            Cuboid.ELEMENT, 0, 0);
        cache.finish(key(1), first, answer);
        assertSame(answer, cache.await(waiting));
        assertSame(answer, cache.find(key(1), cpu(new long[] {1, 2}, 1)));
        // Finished, the computation is gone: the next miss leads again; a failed one hands over nothing.
        final QueryCache.Computation next = cache.start(key(1), cpu(new long[] {1, 4}, 1));
        assertTrue(next.leads());
        final QueryCache.Computation behind = cache.start(key(1), cpu(new long[] {1, 4}, 1));
        cache.finish(key(1), next, null);
        assertEquals(null, cache.await(behind));
    }

    private static QueryCache.Inputs inputs(final long[] sliceIds, final long topologyVersion)
    {
        return new QueryCache.Inputs(sliceIds, topologyVersion, List.of());
    }

    private static QueryCache.Inputs cpu(final long[] sliceIds, final long topologyVersion)
    {
        return new QueryCache.Inputs(sliceIds, topologyVersion, List.of("kpi.cpu"));
    }

    private static QueryCache.Key key(final long fromMs)
    {
        return new QueryCache.Key(List.of(Dimension.ELEMENT), java.util.Map.of(), List.of(Measure.COUNT), null, null,
            false, 10, Granularity.MINUTE, fromMs, fromMs + 1, false, 0, 0);
    }

    private static List<String> rows(final CubeResult result)
    {
        final List<String> rows = new ArrayList<>();
        for (final CubeRow row : result.rows())
        {
            rows.add(row.value(Dimension.ELEMENT) + " count=" + row.count() + " sum=" + row.sum() + " max=" +
                row.max());
        }
        rows.sort(null);
        return rows;
    }
}
