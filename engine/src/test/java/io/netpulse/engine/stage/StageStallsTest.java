/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.stage;

import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.engine.Engine;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.engine.ring.NetworkEvent;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageStallsTest
{
    private static final long EVENT_TIME_MS = 1_767_225_600_000L;
    private static final long SLOW_ELEMENT = 4_242_424;

    @Test
    void shouldCountOnlyTheLongCallsStageByStageAndStartAnewOnASpan()
    {
        final StageStalls stalls = new StageStalls();
        final StageStalls.Entry window = stalls.register("analytics", "window");
        final StageStalls.Entry cube = stalls.register("analytics", "cube");
        window.record(StageStalls.NOTED_NANOS);
        window.record(250_000);
        window.record(3_000_000);
        cube.record(90_000);

        assertEquals(List.of(
            new StageStalls.Stall("analytics/window", 2, 1, 3_250_000, 3_000_000),
            new StageStalls.Stall("analytics/cube", 0, 0, 0, 0)), stalls.snapshot());

        stalls.startSpan();
        assertEquals(new StageStalls.Stall("analytics/window", 0, 0, 0, 0), stalls.snapshot().get(0),
            "a new span shows nothing of the last");
        window.record(150_000);
        cube.record(1_500_000);
        assertEquals(List.of(
            new StageStalls.Stall("analytics/window", 1, 0, 150_000, 150_000),
            new StageStalls.Stall("analytics/cube", 1, 1, 1_500_000, 1_500_000)), stalls.snapshot());
    }

    @Test
    void shouldFindTheStageThatHeldAnEvent()
    {
        try (Engine engine = Engine.builder().journalDirectory(null).stageStalls(true)
            .stage(context -> new SlowOnOneElement()).build())
        {
            final EncodedKpi kpi = new EncodedKpi();
            final EventPublisher publisher = engine.newPublisher("probe");
            for (int i = 0; i < 20; i++)
            {
                assertEquals(EventPublisher.PUBLISHED, publisher.publish(kpi.frame, 0, kpi.encode(1_000 + i, i)));
            }
            assertEquals(EventPublisher.PUBLISHED, publisher.publish(kpi.frame, 0, kpi.encode(SLOW_ELEMENT, 20)));
            assertTrue(engine.awaitDrained(10_000));

            StageStalls.Stall probe = null;
            for (final StageStalls.Stall stall : engine.stageStalls().snapshot())
            {
                if (stall.stage().equals("analytics/slow-probe"))
                {
                    probe = stall;
                }
            }
            assertTrue(null != probe, "the probe stage is timed: " + engine.stageStalls().snapshot());
            assertEquals(1, probe.longCalls(), "one call held an event: " + probe);
            assertTrue(probe.maxNanos() >= TimeUnit.MILLISECONDS.toNanos(2), "its length: " + probe);
            assertTrue(engine.stageStalls().snapshot().stream().anyMatch(s -> s.stage().equals("analytics/router")),
                "every stage of the runner is timed");
        }
        try (Engine untimed = Engine.builder().journalDirectory(null).build())
        {
            assertNull(untimed.stageStalls(), "off unless asked for");
        }
    }

    private static final class EncodedKpi
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);
        private final EventFrameEncoder encoder = new EventFrameEncoder();

        int encode(final long elementId, final int second)
        {
            return encoder.kpiSample(frame, 0, EVENT_TIME_MS + second * 1000L, elementId, 0, 1.5, 0);
        }
    }

    private static final class SlowOnOneElement implements Stage
    {
        public String name()
        {
            return "slow-probe";
        }

        public void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
        {
            if (event.elementId == SLOW_ELEMENT)
            {
                final long untilNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3);
                while (System.nanoTime() < untilNs)
                {
                    LockSupport.parkNanos(100_000);
                }
            }
        }
    }
}
