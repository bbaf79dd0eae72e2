/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine;

import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.TopologyOp;
import io.netpulse.engine.alert.AlertEvent;
import io.netpulse.engine.alert.AlertSink;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.stage.Stage;
import io.netpulse.engine.status.ErrorLog;
import io.netpulse.engine.topology.Topology;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineLifecycleTest
{
    private static final long T = 1_767_571_200_000L;

    private final EventFrameEncoder encoder = new EventFrameEncoder();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);

    private int publishKpi(final EventPublisher publisher, final long elementId, final long timeMs)
    {
        final int length = encoder.kpiSample(frame, 0, timeMs, elementId, 1, 1.0, 0);
        return publisher.publish(frame, 0, length);
    }

    private void topology(
        final EventPublisher publisher, final long id, final long parent, final NodeLevel level, final TopologyOp op)
    {
        final int length = encoder.topologyUpdate(frame, 0, 0, id, parent, level, op, 60_000, "n" + id, "gnodeb", "x");
        assertEquals(EventPublisher.PUBLISHED, publisher.publish(frame, 0, length));
    }

    /** Records alerts delivered. */
    static final class CollectingSink implements AlertSink
    {
        final List<String> alerts = new ArrayList<>();

        public synchronized void onAlert(final AlertEvent alert)
        {
            alerts.add(alert.kind + ":" + alert.elementId + ":" + alert.count + ":" + alert.action);
        }

        synchronized List<String> alerts()
        {
            return List.copyOf(alerts);
        }
    }

    @Test
    @Timeout(60)
    void shouldKeepProcessingWhenAStageThrowsOnEveryThousandthEvent()
    {
        final AtomicLong seenAfter = new AtomicLong();
        final Engine engine = Engine.builder()
            .autoRegisterElements(true)
            .stage(context -> new Stage()
            {
                private long count;

                public String name()
                {
                    return "faulty";
                }

                public void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
                {
                    if (++count % 1000 == 0)
                    {
                        throw new IllegalStateException("every thousandth event");
                    }
                }
            })
            .stage(context -> new Stage()
            {
                public String name()
                {
                    return "after";
                }

                public void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
                {
                    seenAfter.incrementAndGet();
                }
            })
            .ringSize(1024)
            .build();

        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("test");
            for (int i = 0; i < 100_000; i++)
            {
                assertEquals(EventPublisher.PUBLISHED, publishKpi(publisher, 1 + i % 50, T + i));
            }
        }

        assertEquals(100_000, seenAfter.get(), "the stage after the faulty one saw every event");
        assertEquals(100, engine.summary().stageErrors());
        final List<ErrorLog.Observation> observations = engine.errorLog().observations();
        assertEquals(1, observations.size(), "one distinct cause");
        assertEquals("faulty", observations.get(0).where());
        assertEquals(100, observations.get(0).count());
        assertEquals(100_000, engine.summary().eventsByType().get("kpi"));
    }

    @Test
    @Timeout(60)
    void shouldCloseWhilePublishersAreBlockedOnAFullRing() throws Exception
    {
        final CountDownLatch stuck = new CountDownLatch(1);
        final Engine engine = Engine.builder()
            .ringSize(64)
            .shutdownTimeoutMs(1_000)
            .stage(context -> new Stage()
            {
                public String name()
                {
                    return "stuck";
                }

                public void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
                {
                    stuck.countDown();
                    try
                    {
                        Thread.sleep(Long.MAX_VALUE);
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                    }
                }
            })
            .build();

        final List<Thread> publishers = new ArrayList<>();
        final AtomicInteger closedResults = new AtomicInteger();
        for (int p = 0; p < 3; p++)
        {
            final EventPublisher publisher = engine.newPublisher("blocked-" + p);
            final Thread thread = new Thread(() ->
            {
                final EventFrameEncoder encoder = new EventFrameEncoder();
                final UnsafeBuffer frame = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);
                for (int i = 0; i < 10_000; i++)
                {
                    final int length = encoder.kpiSample(frame, 0, T + i, 1, 1, 1, 0);
                    if (publisher.publish(frame, 0, length) == EventPublisher.CLOSED)
                    {
                        closedResults.incrementAndGet();
                        return;
                    }
                }
            });
            thread.start();
            publishers.add(thread);
        }

        assertTrue(stuck.await(10, TimeUnit.SECONDS));
        Thread.sleep(200);
        assertTrue(engine.ringRemainingCapacity() < 64, "the ring filled behind the stuck stage");

        final long startNs = System.nanoTime();
        engine.close();
        assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(10), "close returned");
        for (final Thread thread : publishers)
        {
            thread.join(5_000);
            assertFalse(thread.isAlive(), "blocked publisher released");
        }
        assertEquals(3, closedResults.get());
        assertTrue(engine.isClosing());
    }

    @Test
    @Timeout(60)
    void shouldRouteEventsAfterAMoveUnderTheNewParent()
    {
        final Engine engine = Engine.builder().build();
        final EventPublisher publisher;
        try (engine)
        {
            publisher = engine.newPublisher("test");
            topology(publisher, 101, 0, NodeLevel.REGION, TopologyOp.ADD);
            topology(publisher, 102, 0, NodeLevel.REGION, TopologyOp.ADD);
            topology(publisher, 1001, 101, NodeLevel.SITE, TopologyOp.ADD);
            topology(publisher, 1002, 102, NodeLevel.SITE, TopologyOp.ADD);
            topology(publisher, 5, 1001, NodeLevel.ELEMENT, TopologyOp.ADD);
            for (int i = 0; i < 10; i++)
            {
                publishKpi(publisher, 5, T + i);
            }
            topology(publisher, 5, 1002, NodeLevel.ELEMENT, TopologyOp.MOVE);
            for (int i = 0; i < 7; i++)
            {
                publishKpi(publisher, 5, T + 100 + i);
            }
        }

        final Topology topology = engine.router().topology();
        final int element = topology.indexOf(5);
        assertEquals(17, engine.router().nodeEvents(element), "the element keeps its own history");
        assertEquals(10, engine.router().nodeEvents(topology.indexOf(1001)));
        assertEquals(7, engine.router().nodeEvents(topology.indexOf(1002)));
        assertEquals(10, engine.router().nodeEvents(topology.indexOf(101)));
        assertEquals(7, engine.router().nodeEvents(topology.indexOf(102)));
        assertEquals(17, engine.router().nodeEvents(Topology.ROOT));
        assertEquals(topology.indexOf(1002), topology.site(element));
        assertEquals(topology.indexOf(102), topology.region(element));
    }

    @Test
    @Timeout(60)
    void shouldAlertOnUnknownElementsWithinRateLimits()
    {
        final CollectingSink sink = new CollectingSink();
        final Engine engine = Engine.builder().alertSink(sink).unknownElementAlerts(60_000, 2).build();
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("test");
            // element 7: 5 events within a minute, then one 2 minutes later
            for (int i = 0; i < 5; i++)
            {
                publishKpi(publisher, 7, T + i * 1000);
            }
            publishKpi(publisher, 7, T + 120_000);
            // elements 8, 9 and 10 in one minute: the per-minute budget of 2 holds back element 10
            publishKpi(publisher, 8, T + 180_000);
            publishKpi(publisher, 9, T + 180_001);
            publishKpi(publisher, 10, T + 180_002);
            publishKpi(publisher, 10, T + 240_000);
        }

        final EngineSummary summary = engine.summary();
        assertEquals(10, summary.unknownElement());
        assertEquals(10, summary.rejected(RejectReason.UNKNOWN_ELEMENT));
        assertEquals(List.of(
            "UNKNOWN_ELEMENT:7:1:NOTICE", "UNKNOWN_ELEMENT:7:5:NOTICE", "UNKNOWN_ELEMENT:8:1:NOTICE",
            "UNKNOWN_ELEMENT:9:1:NOTICE", "UNKNOWN_ELEMENT:10:2:NOTICE"), sink.alerts());
        assertEquals(5, summary.alerts(AlertKind.UNKNOWN_ELEMENT));
        assertEquals(5, engine.router().unknownAlerts());
        assertEquals(5, summary.alertLatency().getTotalCount());
    }

    @Test
    @Timeout(60)
    void shouldRegisterUnknownElementsWhenAsked()
    {
        final Engine engine = Engine.builder().autoRegisterElements(true).build();
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("test");
            publishKpi(publisher, 42, T);
            publishKpi(publisher, 42, T + 1);
            publishKpi(publisher, 43, T + 2);
        }
        final Topology topology = engine.router().topology();
        assertEquals(2, topology.activeElements());
        assertEquals(topology.indexOf(Topology.UNASSIGNED_REGION_ID), topology.region(topology.indexOf(42)));
        assertEquals(0, engine.summary().unknownElement());
        assertEquals(2, engine.counters().value(io.netpulse.engine.status.SystemCounter.ELEMENTS_AUTO_REGISTERED));
    }

    @Test
    @Timeout(60)
    void shouldRefuseBadFramesAtTheEdgeWithReasons()
    {
        final List<String> deadLetters = new ArrayList<>();
        final Engine engine = Engine.builder()
            .autoRegisterElements(true)
            .rejectListener((sourceId, sourceName, reason, buffer, offset, length) ->
                deadLetters.add(sourceName + ":" + reason + ":" + length))
            .build();
        final EventPublisher publisher;
        try (engine)
        {
            publisher = engine.newPublisher("edge");
            int length = encoder.kpiSample(frame, 0, T, 1, 1, Double.NaN, 0);
            assertEquals(EventPublisher.REJECTED, publisher.publish(frame, 0, length));
            assertEquals(RejectReason.VALUE_NOT_FINITE, publisher.lastRejectReason());

            length = encoder.kpiSample(frame, 0, T, 1, 1, 1, 0);
            assertEquals(EventPublisher.REJECTED, publisher.publish(frame, 0, length - 1));
            assertEquals(RejectReason.TRUNCATED_FRAME, publisher.lastRejectReason());

            frame.putByte(20, (byte)(frame.getByte(20) ^ 1));
            assertEquals(EventPublisher.REJECTED, publisher.publish(frame, 0, length));
            assertEquals(RejectReason.BAD_CHECKSUM, publisher.lastRejectReason());

            length = encoder.kpiSample(frame, 0, T, 1, 1, 1, 0);
            assertEquals(EventPublisher.REJECTED, publisher.publish(frame, 0, length + 4));
            assertEquals(RejectReason.BAD_LENGTH, publisher.lastRejectReason());
            assertEquals(EventPublisher.PUBLISHED, publisher.publish(frame, 0, length));
        }
        assertTrue(publisher.lastPublishedSequence() >= 0);
        assertEquals(EventPublisher.CLOSED, publisher.publish(frame, 0, 45));
        assertEquals(EventPublisher.CLOSED, publisher.publishStream(frame, 0, 45, true));

        assertEquals(4, publisher.rejected());
        assertEquals(1, publisher.accepted());
        assertEquals(1, publisher.rejected(RejectReason.BAD_CHECKSUM));
        assertEquals(List.of("edge:VALUE_NOT_FINITE:45", "edge:TRUNCATED_FRAME:44", "edge:BAD_CHECKSUM:45",
            "edge:BAD_LENGTH:49"), deadLetters);
        assertEquals(4, engine.summary().rejectedTotal());
    }

    @Test
    void shouldRefuseASecondPublisherWhenBuiltForOne()
    {
        try (Engine engine = Engine.builder().singlePublisher(true).build())
        {
            engine.newPublisher("one");
            assertThrows(IllegalStateException.class, () -> engine.newPublisher("two"));
        }
    }

    @Test
    void shouldValidateBuilderSettings()
    {
        assertThrows(IllegalArgumentException.class, () -> Engine.builder().ringSize(100));
        assertThrows(IllegalArgumentException.class, () -> Engine.builder().ringSize(32));
        assertThrows(IllegalArgumentException.class, () -> Engine.builder().alertRingSize(1000));
        assertThrows(IllegalArgumentException.class, () -> Engine.builder().eventTimeRange(10, 5));
        assertThrows(NullPointerException.class, () -> Engine.builder().windows(null));
    }

    @Test
    void shouldNameStageThreadsByWiring()
    {
        try (Engine pipelined = Engine.builder().threadMode(ThreadMode.PIPELINED)
            .journalDirectory(null).cube(null).stage(context -> new EngineTest.CountingStage()).build())
        {
            assertEquals(List.of("router", "window", "anomaly", "counting"), pipelined.stageThreadNames());
            assertEquals(ThreadMode.PIPELINED, pipelined.threadMode());
            assertTrue(pipelined.awaitDrained(1_000));
        }
        try (Engine fused = Engine.builder().build())
        {
            assertEquals(List.of("analytics"), fused.stageThreadNames());
            assertNotEquals(null, fused.latency().snapshot());
        }
    }
}
