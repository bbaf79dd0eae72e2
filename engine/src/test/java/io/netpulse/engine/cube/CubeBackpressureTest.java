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
        final CubeMaintainer maintainer = harness.cube.maintainer();
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
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (maintainer.backlog() <= CubeUpdater.MAX_MAINTAINER_BACKLOG && System.nanoTime() < deadlineNs)
        {
            Thread.sleep(5);
        }
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
}
