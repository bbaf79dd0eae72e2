/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.feed;

import io.netpulse.codec.sbe.AlertAction;
import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.Severity;
import io.netpulse.engine.Engine;
import io.netpulse.engine.alert.AlertEvent;
import io.netpulse.engine.alert.RecentAlerts;
import io.netpulse.engine.generator.EventGenerator;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.engine.ring.EventPublisher;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorFeedTest
{
    @Test
    void shouldFeedAtFullSpeedAcrossChunksUntilItsLimit()
    {
        // 20 elements report 132 events a minute: 200,000 events span more than one day-long chunk.
        try (Engine engine = Engine.builder().build())
        {
            final GeneratorFeed feed = new GeneratorFeed(engine.newPublisher("generator"),
                GeneratorConfig.defaults(20, 0, 1).withCorruptFraction(0), 0, 200_000);
            assertTrue(feed.await(60_000));
            assertFalse(feed.isRunning());
            assertNull(feed.failure());
            assertTrue(feed.frames() >= 200_000);
            assertTrue(engine.awaitDrained(10_000));
            assertTrue(engine.cube().stats().maxEventTimeMs() - GeneratorConfig.DEFAULT_START_TIME_MS >
                24 * 3_600_000L, "a second chunk continued the event time");
            feed.close();
        }
    }

    @Test
    void shouldPaceItsRateAndStopWhenClosed() throws Exception
    {
        try (Engine engine = Engine.builder().build())
        {
            final GeneratorFeed feed = new GeneratorFeed(engine.newPublisher("paced"),
                GeneratorConfig.defaults(50, 0, 2), 5_000, 0);
            Thread.sleep(1_000);
            assertTrue(feed.isRunning());
            feed.close();
            assertFalse(feed.isRunning());
            final long frames = feed.frames();
            assertTrue(frames > 1_000 && frames < 12_000, "about 5,000 frames in a second: " + frames);
        }
        assertThrows(IllegalArgumentException.class, () -> new GeneratorFeed(null,
            GeneratorConfig.defaults(1, 0, 1), -1, 0));
    }

    @Test
    void shouldStopWhenTheEngineCloses()
    {
        final Engine engine = Engine.builder().build();
        final GeneratorFeed feed = new GeneratorFeed(engine.newPublisher("generator"),
            GeneratorConfig.defaults(50, 0, 3), 0, 0);
        engine.close();
        assertTrue(feed.await(30_000));
        assertFalse(feed.isRunning());
    }

    @Test
    void shouldPublishAGeneratorsStreamInBatchesUntilItEndsOrTheEngineCloses()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(GeneratorFeed.BATCH_BYTES));
        final EventGenerator whole = new EventGenerator(GeneratorConfig.defaults(5, 1_000, 4).withCorruptFraction(0));
        long expected = 0;
        while (whole.next(buffer, 0) > 0)
        {
            expected++;
        }

        final EventGenerator generator = new EventGenerator(GeneratorConfig.defaults(5, 1_000, 4)
            .withCorruptFraction(0));
        try (Engine engine = Engine.builder().build())
        {
            final EventPublisher publisher = engine.newPublisher("batches");
            long frames = 0;
            int batches = 0;
            int published;
            while ((published = GeneratorFeed.publishBatch(generator, buffer, publisher)) > 0)
            {
                assertTrue(published <= GeneratorFeed.FRAMES_PER_PUBLISH);
                frames += published;
                batches++;
            }
            assertEquals(0, published);
            assertEquals(expected, frames);
            assertEquals((expected + GeneratorFeed.FRAMES_PER_PUBLISH - 1) / GeneratorFeed.FRAMES_PER_PUBLISH, batches);
            assertTrue(engine.awaitDrained(10_000));
            assertEquals(frames, publisher.accepted());
        }

        final Engine closed = Engine.builder().build();
        final EventPublisher publisher = closed.newPublisher("closed");
        closed.close();
        assertEquals(-1, GeneratorFeed.publishBatch(
            new EventGenerator(GeneratorConfig.defaults(5, 1_000, 4)), buffer, publisher));
    }

    @Test
    void recentAlertsKeepTheNewestAndCountByKind()
    {
        final RecentAlerts alerts = new RecentAlerts(3);
        final AlertEvent alert = new AlertEvent();
        for (int i = 1; i <= 5; i++)
        {
            alert.reset();
            alert.alertId = i;
            alert.kind = i % 2 == 0 ? AlertKind.ANOMALY : AlertKind.DATA_GAP;
            alert.action = AlertAction.RAISE;
            alert.severity = Severity.MAJOR;
            alert.scopeLevel = NodeLevel.ELEMENT;
            alert.eventTimeMs = 1000L * i;
            alerts.onAlert(alert);
        }
        assertEquals(5, alerts.received());
        assertEquals(2, alerts.evicted());
        assertEquals(2, alerts.count(AlertKind.ANOMALY));
        assertEquals(3, alerts.count(AlertKind.DATA_GAP));
        final List<String> since = alerts.since(4000, 10);
        assertEquals(2, since.size());
        assertTrue(since.get(0).contains("\"alertId\":4"), since.get(0));
        assertEquals(1, alerts.since(0, 1).size());
        assertTrue(alerts.after(4, 10).get(0).contains("\"alertId\":5"));
        assertEquals(3, alerts.after(0, 10).size());
        assertThrows(IllegalArgumentException.class, () -> new RecentAlerts(0));
        assertEquals(RecentAlerts.DEFAULT_CAPACITY, 10_000);
        new RecentAlerts().close();
    }
}
