/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.engine.Engine;
import io.netpulse.engine.ThreadMode;
import io.netpulse.engine.generator.EventGenerator;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.engine.generator.SyntheticMetric;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.MessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cube as a built-in stage of a real engine: fed by the generator through the ring, it holds every routed
 * data event, by type, and reaches the same state in every thread mode.
 */
class CubeEngineTest
{
    private static final GeneratorConfig CONFIG = GeneratorConfig.defaults(200, 150_000, 9);

    private static long[] run(final ThreadMode mode)
    {
        final EventGenerator generator = new EventGenerator(CONFIG);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * FrameDescriptor.MAX_FRAME_LENGTH));
        final Engine engine = Engine.builder().threadMode(mode).build();
        final Cube cube = engine.cube();
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("generator");
            int length;
            while ((length = generator.next(buffer, 0)) > 0)
            {
                publisher.publish(buffer, 0, length);
            }
            assertTrue(engine.awaitDrained(60_000));
        }
        assertTrue(cube.awaitMaintained(60_000));
        final CubeStats stats = cube.stats();
        assertEquals(engine.router().events(MessageType.KPI_SAMPLE) + engine.router().events(
            MessageType.CALL_DETAIL_RECORD) + engine.router().events(MessageType.QOS_MEASUREMENT) +
            engine.router().events(MessageType.FLOW_RECORD), stats.eventsApplied() + stats.lateEvents());
        // 200 elements report 1,320 events a minute, so the generator's 4,096-frame disorder reaches past the
        // minute of lateness for a few events: counted, not applied.
        assertTrue(stats.lateEvents() < 1000, "late " + stats.lateEvents());

        final CubeResult kpis = cube.query().where(Dimension.METRIC, "kpi.latency_ms")
            .measures(Measure.COUNT).execute();
        assertEquals(engine.router().events(MessageType.KPI_SAMPLE) / SyntheticMetric.values().length,
            kpis.rows().get(0).count(), 200 + stats.lateEvents(), "one latency sample in four");
        final CubeResult calls = cube.query().where(Dimension.METRIC, "cdr.setup_ms").execute();
        final long routedCalls = engine.router().events(MessageType.CALL_DETAIL_RECORD);
        assertTrue(calls.rows().get(0).count() <= routedCalls &&
            calls.rows().get(0).count() >= routedCalls - stats.lateEvents(), "calls " + calls.rows().get(0));
        return new long[]{cube.stateHash(), engine.stateHash(), stats.eventsApplied() + stats.lateEvents()};
    }

    @Test
    void shouldHoldEveryRoutedEventAndReachTheSameStateInEveryThreadMode()
    {
        final long[] fused = run(ThreadMode.FUSED);
        final long[] pipelined = run(ThreadMode.PIPELINED);
        assertEquals(fused[0], pipelined[0], "cube hash");
        assertEquals(fused[1], pipelined[1], "engine hash");
        assertEquals(150_000, fused[2]);
        assertNotEquals(0, fused[0]);
    }

    @Test
    void shouldBuildAnEngineWithoutACube()
    {
        try (Engine engine = Engine.builder().cube(null).build())
        {
            assertNull(engine.cube());
        }
    }
}
