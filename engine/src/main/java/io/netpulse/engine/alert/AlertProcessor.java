/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.alert;

import com.lmax.disruptor.EventHandler;
import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.sbe.AlertEncoder;
import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.codec.sbe.MessageHeaderEncoder;
import io.netpulse.engine.status.ErrorLog;
import io.netpulse.engine.status.LatencyTracker;
import io.netpulse.engine.status.SystemCounter;
import io.netpulse.engine.status.SystemCounters;
import io.netpulse.journal.RecordJournal;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The single consumer of the alert ring: numbers each alert, journals it as an SBE {@code Alert} frame, counts
 * it by kind, records publish-to-alert latency, and hands it to every sink.
 */
public final class AlertProcessor implements EventHandler<AlertEvent>
{
    /** Largest encoded alert. */
    public static final int MAX_ALERT_FRAME_LENGTH = 4096;

    private final RecordJournal journal;
    private final List<AlertSink> sinks;
    private final ErrorLog errorLog;
    private final LatencyTracker latency;
    private final AtomicCounter alerts;
    private final AtomicCounter sinkErrors;
    private final AtomicLongArray byKind = new AtomicLongArray(AlertKind.values().length);
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[MAX_ALERT_FRAME_LENGTH]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final AlertEncoder encoder = new AlertEncoder();
    private final EventFrameEncoder framer = new EventFrameEncoder();
    private long nextAlertId = 1;
    private volatile boolean recovering;

    /**
     * A processor.
     *
     * @param journal  alert journal, or null for none.
     * @param sinks    delivered to, in order.
     * @param counters engine counters.
     * @param errorLog where sink errors go.
     * @param latency  publish-to-alert latency.
     */
    public AlertProcessor(
        final RecordJournal journal,
        final List<AlertSink> sinks,
        final SystemCounters counters,
        final ErrorLog errorLog,
        final LatencyTracker latency)
    {
        this.journal = journal;
        this.sinks = List.copyOf(sinks);
        this.errorLog = errorLog;
        this.latency = latency;
        this.alerts = counters.get(SystemCounter.ALERTS);
        this.sinkErrors = counters.get(SystemCounter.ALERT_SINK_ERRORS);
    }

    /**
     * {@inheritDoc}
     */
    public void onStart()
    {
        Thread.currentThread().setName("netpulse-alerts");
    }

    /**
     * {@inheritDoc}
     */
    public void onEvent(final AlertEvent alert, final long sequence, final boolean endOfBatch)
    {
        alert.alertId = nextAlertId++;
        // an alert raised again from recovered events is already in the alert journal, with this id
        final boolean recovered = recovering;
        if (null != journal && !recovered)
        {
            journal.append(frame, 0, encode(alert));
        }

        final int kind = alert.kind.value();
        if (kind >= 0 && kind < byKind.length())
        {
            byKind.setRelease(kind, byKind.getPlain(kind) + 1);
        }
        alerts.incrementRelease();
        if (0 != alert.originPublishNanos)
        {
            latency.record(alert.originPublishNanos);
        }

        final List<AlertSink> sinks = this.sinks;
        for (int i = 0, n = sinks.size(); i < n; i++)
        {
            final AlertSink sink = sinks.get(i);
            if (recovered && !sink.receivesRecovered())
            {
                continue;
            }
            try
            {
                sink.onAlert(alert);
                if (endOfBatch)
                {
                    sink.onBatchEnd();
                }
            }
            catch (final Throwable ex)
            {
                sinkErrors.incrementRelease();
                errorLog.record("alert-sink:" + sink.getClass().getSimpleName(), ex);
            }
        }
    }

    /**
     * Whether the alerts now arriving come from events the engine recovers from its journal: they are numbered
     * and counted as before, kept out of the alert journal (which holds them), and given only to the sinks that
     * {@link AlertSink#receivesRecovered receive recovered alerts}. Set before the first recovered event is
     * published and cleared once the alert ring has drained them.
     *
     * @param recovering true during recovery.
     */
    public void recovering(final boolean recovering)
    {
        this.recovering = recovering;
    }

    private int encode(final AlertEvent alert)
    {
        final AlertEncoder encoder = this.encoder.wrapAndApplyHeader(
            frame, FrameDescriptor.MESSAGE_HEADER_OFFSET, header)
            .alertId(alert.alertId)
            .kind(alert.kind)
            .action(alert.action)
            .severity(alert.severity)
            .eventTimeMs(alert.eventTimeMs)
            .startTimeMs(alert.startTimeMs)
            .endTimeMs(alert.endTimeMs)
            .elementId(alert.elementId)
            .scopeLevel(alert.scopeLevel)
            .metricId(alert.metricId)
            .direction((byte)alert.direction)
            .observed(alert.observed)
            .expected(alert.expected)
            .score(alert.score)
            .threshold(alert.threshold)
            .count(alert.count);
        final AlertEncoder.RelatedEncoder related = encoder.relatedCount(alert.relatedCount);
        for (int i = 0; i < alert.relatedCount; i++)
        {
            related.next().relatedId(alert.relatedIds[i]).relatedValue(alert.relatedValues[i]);
        }
        final int detailOffset = encoder.limit() + AlertEncoder.detailHeaderLength();
        for (int i = 0; i < alert.detailLength; i++)
        {
            final char c = alert.detail[i];
            frame.putByte(detailOffset + i, (byte)(c < 0x80 ? c : '?'));
        }
        frame.putShort(encoder.limit(), (short)alert.detailLength, java.nio.ByteOrder.LITTLE_ENDIAN);
        encoder.limit(detailOffset + alert.detailLength);

        return framer.seal(frame, 0, encoder.encodedLength());
    }

    /**
     * Alerts delivered of one kind.
     *
     * @param kind of alert.
     * @return the count.
     */
    public long count(final AlertKind kind)
    {
        return byKind.get(kind.value());
    }

    /**
     * Closes every sink.
     */
    public void closeSinks()
    {
        for (final AlertSink sink : sinks)
        {
            try
            {
                sink.close();
            }
            catch (final Throwable ex)
            {
                errorLog.record("alert-sink:" + sink.getClass().getSimpleName(), ex);
            }
        }
    }
}
