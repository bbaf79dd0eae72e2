/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.codec.sbe.NodeLevel;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A maintainer that falls behind (a replay at full speed, a starved thread) must not let sealed minutes pile up
 * without bound: the writer waits for it, and nothing is lost.
 */
class CubeBackpressureTest
{
    private static final long DAY0 = 1_767_571_200_000L;
    private static final int MINUTES = 60;

    @Test
    void shouldHoldTheWriterWhileTheMaintainerIsBehindAndLoseNothing() throws Exception
    {
        final CubeHarness harness = new CubeHarness(CubeConfig.DEFAULTS);
        harness.node(1, 0, NodeLevel.REGION, "north", "", "");
        harness.node(2, 1, NodeLevel.SITE, "hill", "", "");
        harness.node(3, 2, NodeLevel.ELEMENT, "cell-1", "gnodeb", "nokia");
        final CubeMaintainer maintainer = harness.cube.maintainer(0);
        final CountDownLatch release = new CountDownLatch(1);
        harness.holdMaintainer(release);

        final Thread writer = new Thread(() ->
        {
            for (int m = 0; m < MINUTES; m++)
            {
                harness.kpi(DAY0 + m * CubeConfig.MINUTE_MS, 3, 1, m);
            }
            harness.flush();
        });
        writer.start();

        // With the maintainer stopped the writer must stall once the backlog is full, not run on to the end.
        awaitBacklogOverBound(maintainer);
        writer.join(300);
        assertTrue(writer.isAlive(), "the writer ran on while the maintainer held every sealed minute");
        assertEquals(CubeUpdater.MAX_MAINTAINER_BACKLOG + 1, maintainer.backlog());

        maintainer.beforeTask = null;
        release.countDown();
        writer.join(30_000);
        assertFalse(writer.isAlive());
        assertTrue(harness.cube.awaitMaintained(30_000));
        harness.flush();

        final CubeStats stats = harness.cube.stats();
        assertTrue(stats.maintenanceWaits() >= 1, "waits " + stats.maintenanceWaits());
        assertEquals(0, stats.maintenanceBacklog());
        final CubeResult total = harness.cube.query().measures(Measure.COUNT, Measure.SUM).execute();
        assertEquals(MINUTES, total.rows().get(0).count());
        assertEquals(MINUTES * (MINUTES - 1) / 2.0, total.rows().get(0).sum(), 0.0);
        harness.cube.close();
    }

    @Test
    void shouldMakeNoMinuteBucketsAfterTheFirstBacklogHoweverOftenTheMaintainerFallsBehind() throws Exception
    {
        final CubeHarness harness = new CubeHarness(CubeConfig.DEFAULTS);
        harness.node(1, 0, NodeLevel.REGION, "north", "", "");
        harness.node(2, 1, NodeLevel.SITE, "hill", "", "");
        for (int e = 0; e < 50; e++)
        {
            harness.node(10 + e, 2, NodeLevel.ELEMENT, "cell-" + e, "gnodeb", "nokia");
        }
        final CubeUpdater updater = (CubeUpdater)harness.updaters[0];
        final CubeMaintainer maintainer = harness.cube.maintainer(0);
        // A maintainer that keeps up: only the few buckets it has in flight are made, each a whole minute's tables.
        for (int m = 0; m < 20; m++)
        {
            writeMinutes(harness, m, 1);
            assertTrue(harness.cube.awaitMaintained(30_000));
        }
        assertEquals(CubeUpdater.MIN_BUCKETS_READY, updater.bucketsMade(), "buckets made with no backlog");

        final int[] madeAfterBacklog = new int[3];
        for (int backlog = 0; backlog < madeAfterBacklog.length; backlog++)
        {
            // The maintainer is held until its backlog is full and the writer waits, then let go: an hour's filing
            // or a starved maintainer, three times over. The minutes' buckets must go round, not be made anew.
            final CountDownLatch release = new CountDownLatch(1);
            harness.holdMaintainer(release);
            final int firstMinute = 20 + backlog * MINUTES;
            final Thread writer = new Thread(() -> writeMinutes(harness, firstMinute, MINUTES));
            writer.start();
            awaitBacklogOverBound(maintainer);
            assertEquals(CubeUpdater.MAX_MAINTAINER_BACKLOG + 1, maintainer.backlog());
            maintainer.beforeTask = null;
            release.countDown();
            writer.join(60_000);
            assertFalse(writer.isAlive());
            assertTrue(harness.cube.awaitMaintained(30_000));
            madeAfterBacklog[backlog] = updater.bucketsMade();
        }

        assertTrue(madeAfterBacklog[0] > CubeUpdater.MIN_BUCKETS_READY, "the first backlog needs more: made " +
            madeAfterBacklog[0]);
        assertTrue(madeAfterBacklog[0] <= CubeUpdater.MAX_BUCKETS_READY, "made " + madeAfterBacklog[0]);
        assertEquals(madeAfterBacklog[0], madeAfterBacklog[2], "buckets made in later backlogs");
        harness.flush();
        final CubeResult total = harness.cube.query().measures(Measure.COUNT).execute();
        assertEquals((20 + 3 * MINUTES) * 50, total.rows().get(0).count());
        harness.cube.close();
    }

    private static void awaitBacklogOverBound(final CubeMaintainer maintainer) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (maintainer.backlog() <= CubeUpdater.MAX_MAINTAINER_BACKLOG && System.nanoTime() < deadlineNs)
        {
            Thread.sleep(5);
        }
    }

    private static void writeMinutes(final CubeHarness harness, final int first, final int minutes)
    {
        for (int m = first; m < first + minutes; m++)
        {
            for (int e = 0; e < 50; e++)
            {
                harness.kpi(DAY0 + m * CubeConfig.MINUTE_MS + e, 10 + e, 1, m + e);
            }
            harness.flush();
        }
    }
}
