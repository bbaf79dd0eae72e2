/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.anomaly;

import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.sbe.AlertAction;
import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.engine.Engine;
import io.netpulse.engine.ThreadMode;
import io.netpulse.engine.generator.EventGenerator;
import io.netpulse.engine.generator.Fault;
import io.netpulse.engine.generator.FaultKind;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.engine.generator.SyntheticNetwork;
import io.netpulse.engine.ring.EventPublisher;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the generator with labelled faults through an engine and matches the alerts to the faults: the
 * test-side check of the detector's accuracy (the committed evaluation command lives in the app).
 */
final class GeneratorAccuracy
{
    record Alert(AlertKind kind, AlertAction action, long elementId, int metricId, long eventTimeMs, long startTimeMs,
        String detail)
    {
    }

    final List<Alert> alerts = new ArrayList<>();
    final List<Fault> faults;
    final Map<FaultKind, int[]> recallByKind = new EnumMap<>(FaultKind.class);
    final List<Alert> falseAlerts = new ArrayList<>();
    int truePositives;
    int raised;
    final long stateHash;
    final long intervalMs;

    GeneratorAccuracy(final GeneratorConfig config, final AnomalyConfig anomaly, final ThreadMode mode)
    {
        this(config, anomaly, mode, ScoreListener.NONE);
    }

    GeneratorAccuracy(
        final GeneratorConfig config, final AnomalyConfig anomaly, final ThreadMode mode, final ScoreListener scores)
    {
        final EventGenerator generator = new EventGenerator(config);
        faults = generator.faults();
        intervalMs = config.kpiIntervalMs();
        final Engine engine = Engine.builder().threadMode(mode).anomaly(anomaly).scoreListener(scores).alertSink(alert ->
        {
            synchronized (alerts)
            {
                alerts.add(new Alert(alert.kind, alert.action, alert.elementId, alert.metricId, alert.eventTimeMs,
                    alert.startTimeMs, alert.detailText()));
            }
        }).build();
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("generator");
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);
            int length;
            while ((length = generator.next(buffer, 0)) > 0)
            {
                publisher.publish(buffer, 0, length);
            }
        }
        stateHash = engine.stateHash();
        match(generator.network());
    }

    private void match(final SyntheticNetwork network)
    {
        final long graceMs = 5 * intervalMs;
        for (final Fault fault : faults)
        {
            recallByKind.computeIfAbsent(fault.kind(), k -> new int[2])[1]++;
            boolean found = false;
            for (final Alert alert : alerts)
            {
                if (alert.action() == AlertAction.RAISE && alert.elementId() == fault.scopeId() &&
                    alert.eventTimeMs() >= fault.startTimeMs() && alert.eventTimeMs() < fault.endTimeMs() + graceMs &&
                    (fault.kind() == FaultKind.MASS_EVENT ? alert.kind() == AlertKind.MASS_EVENT :
                    alert.kind() == AlertKind.ANOMALY || alert.kind() == AlertKind.DATA_GAP))
                {
                    found = true;
                    break;
                }
            }
            if (found)
            {
                recallByKind.get(fault.kind())[0]++;
            }
        }
        for (final Alert alert : alerts)
        {
            if (alert.action() != AlertAction.RAISE ||
                (alert.kind() != AlertKind.ANOMALY && alert.kind() != AlertKind.MASS_EVENT))
            {
                continue;
            }
            raised++;
            boolean matched = false;
            for (final Fault fault : faults)
            {
                final boolean inWindow = alert.eventTimeMs() >= fault.startTimeMs() &&
                    alert.eventTimeMs() < fault.endTimeMs() + graceMs;
                final boolean scope = fault.scopeId() == alert.elementId() || (fault.kind() == FaultKind.MASS_EVENT &&
                    alert.elementId() > SyntheticNetwork.ELEMENT_ID_BASE &&
                    SyntheticNetwork.regionId(network.regionOf(
                    (int)(alert.elementId() - SyntheticNetwork.ELEMENT_ID_BASE - 1))) == fault.scopeId());
                if (inWindow && scope)
                {
                    matched = true;
                    break;
                }
            }
            if (matched)
            {
                truePositives++;
            }
            else
            {
                falseAlerts.add(alert);
            }
        }
    }

    double precision()
    {
        return raised == 0 ? 1 : (double)truePositives / raised;
    }

    double recall()
    {
        int found = 0;
        int total = 0;
        for (final int[] counts : recallByKind.values())
        {
            found += counts[0];
            total += counts[1];
        }
        return total == 0 ? 1 : (double)found / total;
    }

    String report()
    {
        final StringBuilder out = new StringBuilder();
        out.append("precision ").append(precision()).append(" (").append(truePositives).append('/').append(raised)
            .append(") recall ").append(recall());
        recallByKind.forEach((kind, counts) -> out.append(' ').append(kind).append(' ').append(counts[0]).append('/')
            .append(counts[1]));
        out.append('\n');
        final Map<String, Integer> byKind = new java.util.TreeMap<>();
        for (final Alert alert : alerts)
        {
            byKind.merge(alert.kind() + "/" + alert.action() + "/" + alert.detail().split("[ ;]")[0], 1, Integer::sum);
        }
        out.append(byKind).append('\n');
        for (int i = 0; i < Math.min(10, falseAlerts.size()); i++)
        {
            out.append("  false: ").append(falseAlerts.get(i)).append('\n');
        }
        return out.toString();
    }
}
