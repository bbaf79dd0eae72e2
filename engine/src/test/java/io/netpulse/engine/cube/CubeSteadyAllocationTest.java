/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.ServiceType;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Once its minute buckets have gone round, the cube updater (and the router before it) allocates nothing on the
 * event path: not per event, and not per minute opened, sealed, handed to the maintainer and published.
 */
class CubeSteadyAllocationTest
{
    private static final long DAY0 = 1_767_571_200_000L;
    private static final int ELEMENTS = 200;
    private static final int MINUTES_A_ROUND = 60;
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void shouldAllocateNothingOnTheEventPathInSteadyState()
    {
        final CubeHarness harness = new CubeHarness(CubeConfig.DEFAULTS);
        harness.node(1, 0, NodeLevel.REGION, "north", "", "");
        harness.node(2, 0, NodeLevel.REGION, "south", "", "");
        for (int site = 0; site < 4; site++)
        {
            harness.node(10 + site, 1 + site % 2, NodeLevel.SITE, "site-" + site, "", "");
        }
        for (int e = 0; e < ELEMENTS; e++)
        {
            harness.node(100 + e, 10 + e % 4, NodeLevel.ELEMENT, "cell-" + e, "gnodeb",
                e % 2 == 0 ? "nokia" : "ericsson");
        }

        // Rounds of an hour each; the first ones build the state, make the buckets ready and let the JIT compile
        // the path (an allocation it removes only in compiled code would show before). The fewest bytes of the
        // later rounds must be none: an allocation per event or per minute shows in every round.
        long fewest = Long.MAX_VALUE;
        int minute = 0;
        for (int round = 0; round < 24; round++)
        {
            final long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int m = 0; m < MINUTES_A_ROUND; m++, minute++)
            {
                final long minuteMs = DAY0 + minute * CubeConfig.MINUTE_MS;
                // a minute's events in one batch, as the ring hands them over (a control event would end it,
                // and decoding one's name is an allocation of its own, off the data path)
                harness.endOfBatch = false;
                for (int e = 0; e < ELEMENTS; e++)
                {
                    harness.kpi(minuteMs + e, 100 + e, 1 + e % 3, e + m);
                    harness.endOfBatch = e == ELEMENTS - 1;
                    harness.qos(minuteMs + e + 1, 100 + e, ServiceType.DATA, 1000 + 37 * ((e + m) % 50), 10, 0,
                        5000);
                }
            }
            if (round >= 12)
            {
                fewest = Math.min(fewest, THREADS.getCurrentThreadAllocatedBytes() - before);
            }
        }

        assertEquals(0, fewest, "bytes the event path allocated in an hour of " + ELEMENTS + " elements");
        assertTrue(harness.cube.awaitMaintained(30_000));
        harness.flush();
        final CubeResult total = harness.cube.query().measures(Measure.COUNT).execute();
        // every value applied: the KPI sample's one and the QoS measurement's four
        assertEquals(24L * MINUTES_A_ROUND * ELEMENTS * 5, total.rows().get(0).count());
        harness.cube.close();
    }
}
