/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.alert;

import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.FrameDecoder;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.MessageType;
import io.netpulse.codec.sbe.AlertAction;
import io.netpulse.codec.sbe.AlertDecoder;
import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.codec.sbe.MessageHeaderDecoder;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.Severity;
import io.netpulse.engine.Engine;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.stage.Stage;
import io.netpulse.engine.status.SystemCounter;
import io.netpulse.journal.RecordJournal;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertJournalTest
{
    private static final long T = 1_767_571_200_000L;

    @TempDir
    Path dir;

    /** Raises an anomaly-like alert with hints for every 100th routed event. */
    static final class AlertingStage implements Stage
    {
        private final AlertPublisher alerts;
        private long count;

        AlertingStage(final AlertPublisher alerts)
        {
            this.alerts = alerts;
        }

        public String name()
        {
            return "alerting";
        }

        public void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
        {
            if (event.routed && ++count % 100 == 0)
            {
                final AlertEvent alert = alerts.claim();
                alert.kind = AlertKind.ANOMALY;
                alert.action = AlertAction.RAISE;
                alert.severity = Severity.CRITICAL;
                alert.eventTimeMs = event.eventTimeMs;
                alert.startTimeMs = event.eventTimeMs - 60_000;
                alert.elementId = event.elementId;
                alert.scopeLevel = NodeLevel.ELEMENT;
                alert.metricId = event.metricId;
                alert.direction = -1;
                alert.observed = event.value;
                alert.expected = 10;
                alert.score = 6.5;
                alert.threshold = 4;
                alert.count = count;
                alert.originPublishNanos = event.publishNanos;
                alert.addRelated(42, 0.9).addRelated(43, -0.8);
                alert.detail("dip in ü-metric");
                alerts.commit();
            }
        }
    }

    @Test
    void shouldJournalEveryAlertAsAnSbeFrameAndSurviveAFailingSink()
    {
        final List<Long> delivered = new ArrayList<>();
        final Engine engine = Engine.builder()
            .journalDirectory(dir)
            .autoRegisterElements(true)
            .alertRingSize(64)
            .anomaly(null)
            .alertSink(alert -> delivered.add(alert.alertId))
            .alertSink(alert ->
            {
                throw new IllegalStateException("webhook down");
            })
            .stage(context -> new AlertingStage(context.alerts()))
            .build();
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("test");
            final EventFrameEncoder encoder = new EventFrameEncoder();
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);
            for (int i = 0; i < 10_000; i++)
            {
                final int length = encoder.kpiSample(frame, 0, T + i, 1 + i % 10, 3, i, 0);
                assertEquals(EventPublisher.PUBLISHED, publisher.publish(frame, 0, length));
            }
        }

        assertEquals(100, delivered.size());
        assertEquals(1L, delivered.get(0));
        assertEquals(100L, delivered.get(99));
        assertEquals(100, engine.counters().value(SystemCounter.ALERTS));
        assertEquals(100, engine.counters().value(SystemCounter.ALERT_SINK_ERRORS));
        assertEquals(100, engine.summary().alerts(AlertKind.ANOMALY));
        assertEquals(100, engine.summary().alertLatency().getTotalCount());

        final List<String> journaled = new ArrayList<>();
        final FrameDecoder frames = new FrameDecoder(MessageHeaderDecoder.SCHEMA_ID, AlertProcessor.MAX_ALERT_FRAME_LENGTH);
        final AlertDecoder decoder = new AlertDecoder();
        try (RecordJournal journal = new RecordJournal(dir.resolve("alerts"));
            RecordJournal.Cursor cursor = journal.cursor())
        {
            cursor.poll(1000, (index, buffer, offset, length) ->
            {
                assertEquals(FrameDecoder.FRAME, frames.decode(buffer, offset, length));
                assertEquals(MessageType.ALERT, frames.messageType());
                decoder.wrap(buffer, offset + FrameDescriptor.BODY_OFFSET, frames.actingBlockLength(),
                    frames.actingVersion());
                final StringBuilder related = new StringBuilder();
                for (final AlertDecoder.RelatedDecoder r : decoder.related())
                {
                    related.append(r.relatedId()).append('=').append(r.relatedValue()).append(' ');
                }
                journaled.add(decoder.alertId() + " " + decoder.kind() + " " + decoder.severity() + " " +
                    decoder.direction() + " " + decoder.count() + " " + related + decoder.detail());
            });
        }
        assertEquals(100, journaled.size());
        assertEquals("1 ANOMALY CRITICAL -1 100 42=0.9 43=-0.8 dip in ?-metric", journaled.get(0));
        assertTrue(journaled.get(99).startsWith("100 ANOMALY"));
    }
}
