/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.anomaly;

import com.lmax.disruptor.RingBuffer;
import io.netpulse.codec.MessageType;
import io.netpulse.codec.sbe.AlertAction;
import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.engine.alert.AlertEvent;
import io.netpulse.engine.alert.AlertPublisher;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.stage.StageContext;
import io.netpulse.engine.status.SystemCounters;
import io.netpulse.engine.topology.Topology;
import org.agrona.concurrent.SystemNanoClock;

import java.util.ArrayList;
import java.util.List;

/**
 * Drives one detector instance directly: a topology of regions, sites and elements, KPI samples as ring slots,
 * and the alerts it publishes read back off an alert ring nobody consumes.
 */
final class DetectorHarness
{
    static final long T0 = 1_767_571_200_000L;

    record Alert(AlertKind kind, AlertAction action, long eventTimeMs, long startTimeMs, long endTimeMs,
        long elementId, NodeLevel scope, int metricId, int direction, double observed, double expected, double score,
        double threshold, long count, long[] relatedIds, double[] relatedValues, int relatedTotal, String detail)
    {
        String anomalyKind()
        {
            return detail.split("[ ;]")[0];
        }
    }

    record Score(long timeMs, long elementId, int metricId, double value, double expected, double score,
        double threshold, boolean anomalous, boolean alerted)
    {
    }

    final Topology topology = new Topology();
    final RingBuffer<AlertEvent> ring = RingBuffer.createMultiProducer(AlertEvent::new, 1 << 16);
    final List<Alert> alerts = new ArrayList<>();
    final List<Score> scores = new ArrayList<>();
    final AnomalyDetector detector;
    final NetworkEvent event = new NetworkEvent();
    private long read = -1;
    private long sequence;
    boolean keepScores = true;

    DetectorHarness(final AnomalyConfig config)
    {
        final AlertPublisher publisher = new AlertPublisher(ring, () -> false);
        detector = new AnomalyDetector(config,
            new StageContext(topology, publisher, new SystemCounters(), SystemNanoClock.INSTANCE, 0, 1),
            (t, e, m, v, x, sc, th, an, al) ->
            {
                if (keepScores)
                {
                    scores.add(new Score(t, e, m, v, x, sc, th, an, al));
                }
            });
    }

    static long regionId(final int region)
    {
        return 101 + region;
    }

    static long siteId(final int region, final int site)
    {
        return 10_001 + region * 100L + site;
    }

    static long elementId(final int region, final int site, final int element)
    {
        return 1_000_001 + region * 100_000L + site * 1_000L + element;
    }

    /**
     * Regions of sites of elements.
     */
    DetectorHarness network(final int regions, final int sitesPerRegion, final int elementsPerSite)
    {
        for (int r = 0; r < regions; r++)
        {
            topology.put(regionId(r), 0, NodeLevel.REGION, "r" + r, "", "", 0);
            for (int s = 0; s < sitesPerRegion; s++)
            {
                topology.put(siteId(r, s), regionId(r), NodeLevel.SITE, "s" + s, "", "", 0);
                for (int e = 0; e < elementsPerSite; e++)
                {
                    topology.put(elementId(r, s, e), siteId(r, s), NodeLevel.ELEMENT, "e" + e, "", "", 60_000);
                }
            }
        }
        return this;
    }

    /**
     * A sample for an element of the topology.
     */
    void kpi(final long elementId, final int metricId, final long timeMs, final double value)
    {
        final int index = topology.indexOf(elementId);
        route(index, elementId, topology.site(index), topology.region(index));
        sample(metricId, timeMs, value);
    }

    /**
     * A sample for an element outside any site or region.
     */
    void loose(final int elementIndex, final long elementId, final int metricId, final long timeMs, final double value)
    {
        route(elementIndex, elementId, -1, -1);
        sample(metricId, timeMs, value);
    }

    private void route(final int index, final long elementId, final int site, final int region)
    {
        event.type = MessageType.KPI_SAMPLE;
        event.routed = true;
        event.late = false;
        event.elementId = elementId;
        event.elementIndex = index;
        event.siteIndex = site;
        event.regionIndex = region;
    }

    private void sample(final int metricId, final long timeMs, final double value)
    {
        event.metricId = metricId;
        event.eventTimeMs = timeMs;
        event.value = value;
        detector.onEvent(event, sequence++, true);
    }

    /**
     * The alerts published since the last call, also kept in {@link #alerts}.
     */
    List<Alert> drain()
    {
        final List<Alert> fresh = new ArrayList<>();
        final long cursor = ring.getCursor();
        for (long s = read + 1; s <= cursor; s++)
        {
            final AlertEvent a = ring.get(s);
            final long[] ids = new long[a.relatedCount];
            final double[] values = new double[a.relatedCount];
            System.arraycopy(a.relatedIds, 0, ids, 0, a.relatedCount);
            System.arraycopy(a.relatedValues, 0, values, 0, a.relatedCount);
            fresh.add(new Alert(a.kind, a.action, a.eventTimeMs, a.startTimeMs, a.endTimeMs, a.elementId,
                a.scopeLevel, a.metricId, a.direction, a.observed, a.expected, a.score, a.threshold, a.count, ids,
                values, a.relatedTotal, a.detailText()));
        }
        read = cursor;
        alerts.addAll(fresh);
        return fresh;
    }

    List<Alert> raised(final AlertKind kind)
    {
        drain();
        final List<Alert> out = new ArrayList<>();
        for (final Alert alert : alerts)
        {
            if (alert.kind() == kind && alert.action() == AlertAction.RAISE)
            {
                out.add(alert);
            }
        }
        return out;
    }
}
