/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine;

import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.sbe.AlertKind;
import org.HdrHistogram.Histogram;

import java.util.Map;

/**
 * What an engine has done: counts, latencies and the state hash, read when it is closed (or drained). The CLI
 * prints it; tests compare it.
 *
 * @param threadMode          the thread mode it ran in.
 * @param published           events accepted into the ring, control events included.
 * @param eventsByType        events routed by message type label.
 * @param rejected            inputs refused, by reason label; only reasons with a count.
 * @param rejectedTotal       inputs refused in all.
 * @param unknownElement      data events for elements not in the topology.
 * @param lateEvents          events past the allowed lateness.
 * @param journaled           events in the input journal.
 * @param journalBytes        bytes appended to the input journal.
 * @param alertsByKind        alerts delivered, by kind label.
 * @param alerts              alerts delivered in all.
 * @param stageErrors         exceptions thrown by stages.
 * @param elements            elements in the topology.
 * @param latency             publish-to-last-stage latency, nanoseconds.
 * @param alertLatency        publish-to-alert latency, nanoseconds.
 * @param stateHash           hash of the analytics state.
 */
public record EngineSummary(
    ThreadMode threadMode,
    long published,
    Map<String, Long> eventsByType,
    Map<String, Long> rejected,
    long rejectedTotal,
    long unknownElement,
    long lateEvents,
    long journaled,
    long journalBytes,
    Map<String, Long> alertsByKind,
    long alerts,
    long stageErrors,
    int elements,
    Histogram latency,
    Histogram alertLatency,
    long stateHash)
{
    /**
     * Data events (KPI samples, CDRs, flows, QoS measurements) routed or refused as unknown.
     *
     * @return the count of data events in the ring.
     */
    public long dataEvents()
    {
        long total = 0;
        for (final MessageType type : MessageType.values())
        {
            if (type.isData())
            {
                total += eventsByType.getOrDefault(type.label(), 0L);
            }
        }
        return total;
    }

    /**
     * Inputs refused for one reason.
     *
     * @param reason of interest.
     * @return the count.
     */
    public long rejected(final RejectReason reason)
    {
        return rejected.getOrDefault(reason.label(), 0L);
    }

    /**
     * Alerts of one kind.
     *
     * @param kind of interest.
     * @return the count.
     */
    public long alerts(final AlertKind kind)
    {
        return alertsByKind.getOrDefault(kind.name().toLowerCase(java.util.Locale.ROOT), 0L);
    }
}
