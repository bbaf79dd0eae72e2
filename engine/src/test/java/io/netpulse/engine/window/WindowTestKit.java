/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.ConfigOp;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.ServiceType;
import io.netpulse.codec.sbe.TopologyOp;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.engine.ring.EventPublisher;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Frames for window tests, and a brute-force reference: every sample kept, with the parents its element had when
 * it was applied, so buckets, roll-ups and decayed aggregates can be recomputed from scratch.
 */
final class WindowTestKit
{
    /** Monday 2026-01-05T00:00:00Z: aligned to every resolution used here. */
    static final long T0 = GeneratorConfig.DEFAULT_START_TIME_MS;

    static final long MINUTE_MS = 60_000;

    private final EventFrameEncoder encoder = new EventFrameEncoder();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);
    private final Map<Long, long[]> parents = new HashMap<>();
    final List<Sample> samples = new ArrayList<>();
    private long cdrId;

    /** A sample as the reference saw it. */
    record Sample(long elementId, long siteId, long regionId, int metricId, long timeMs, double value)
    {
    }

    void node(final EventPublisher publisher, final long id, final long parentId, final NodeLevel level, final int intervalMs)
    {
        publish(publisher, encoder.topologyUpdate(frame, 0, 0, id, parentId, level, TopologyOp.ADD, intervalMs,
            level.name().toLowerCase() + "-" + id, level == NodeLevel.ELEMENT ? "gnodeb" : "",
            level == NodeLevel.ELEMENT ? "nokia" : ""));
        if (level == NodeLevel.ELEMENT)
        {
            parents.put(id, new long[]{parentId, regionOf(parentId)});
        }
        else if (level == NodeLevel.SITE)
        {
            parents.put(id, new long[]{id, parentId});
            for (final Map.Entry<Long, long[]> entry : parents.entrySet())
            {
                if (entry.getValue()[0] == id && entry.getKey() != id)
                {
                    entry.getValue()[1] = parentId;
                }
            }
        }
    }

    void remove(final EventPublisher publisher, final long id, final NodeLevel level)
    {
        publish(publisher, encoder.topologyUpdate(frame, 0, 0, id, 0, level, TopologyOp.REMOVE, 0, "", "", ""));
        parents.remove(id);
    }

    private long regionOf(final long siteId)
    {
        final long[] site = parents.get(siteId);
        return null == site ? 0 : site[1];
    }

    /**
     * A network of regions, each with sites, each with elements: ids region r = 100 + r, site = 1000 + 10 r + s,
     * element = 100000 + 100 r + 10 s + e.
     */
    void network(final EventPublisher publisher, final int regions, final int sites, final int elements, final int intervalMs)
    {
        for (int r = 0; r < regions; r++)
        {
            node(publisher, regionId(r), 0, NodeLevel.REGION, 0);
            for (int s = 0; s < sites; s++)
            {
                node(publisher, siteId(r, s), regionId(r), NodeLevel.SITE, 0);
                for (int e = 0; e < elements; e++)
                {
                    node(publisher, elementId(r, s, e), siteId(r, s), NodeLevel.ELEMENT, intervalMs);
                }
            }
        }
    }

    static long regionId(final int r)
    {
        return 100 + r;
    }

    static long siteId(final int r, final int s)
    {
        return 1000 + 10L * r + s;
    }

    static long elementId(final int r, final int s, final int e)
    {
        return 100_000 + 100L * r + 10L * s + e;
    }

    /**
     * Publishes a KPI sample and records it in the reference (unless it is expected to be late).
     */
    void kpi(final EventPublisher publisher, final long elementId, final int metricId, final long timeMs, final double value)
    {
        publish(publisher, encoder.kpiSample(frame, 0, timeMs, elementId, metricId, value, 0));
        final long[] parent = parents.get(elementId);
        samples.add(new Sample(elementId, parent[0], parent[1], metricId, timeMs, value));
    }

    void lateKpi(final EventPublisher publisher, final long elementId, final int metricId, final long timeMs, final double value)
    {
        publish(publisher, encoder.kpiSample(frame, 0, timeMs, elementId, metricId, value, 0));
    }

    void cdr(final EventPublisher publisher, final long elementId, final long timeMs)
    {
        publish(publisher, encoder.callDetailRecord(frame, 0, timeMs, ++cdrId, elementId, ServiceType.VOICE,
            CallResult.ANSWERED, 16, 800, 60_000, 420, 100, 400, 1, 2));
    }

    void spec(final EventPublisher publisher, final int metricId, final ConfigOp op, final long resolutionMs,
        final int buckets, final long latenessMs)
    {
        publish(publisher, encoder.windowSpecUpdate(frame, 0, 0, metricId, op, resolutionMs, buckets, latenessMs));
    }

    private void publish(final EventPublisher publisher, final int length)
    {
        assertEquals(EventPublisher.PUBLISHED, publisher.publish(frame, 0, length), "published");
    }

    /**
     * The reference aggregate of a node (element, site, region id, or 0 for the network) over buckets whose start
     * is in [fromMs, toMs), each sample weighted by the decay of its bucket midpoint's age at nowMs; two passes.
     */
    Expected reference(
        final long nodeId,
        final int metricId,
        final long resolutionMs,
        final long fromMs,
        final long toMs,
        final long nowMs,
        final DecayFunction decay)
    {
        double weightSum = 0;
        double weighted = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        for (final Sample sample : samples)
        {
            final double w = weight(sample, nodeId, metricId, resolutionMs, fromMs, toMs, nowMs, decay);
            if (w > 0)
            {
                weightSum += w;
                weighted += w * sample.value;
                min = Double.isNaN(min) ? sample.value : Math.min(min, sample.value);
                max = Double.isNaN(max) ? sample.value : Math.max(max, sample.value);
            }
        }
        final double mean = weighted / weightSum;
        double m2 = 0;
        for (final Sample sample : samples)
        {
            final double w = weight(sample, nodeId, metricId, resolutionMs, fromMs, toMs, nowMs, decay);
            if (w > 0)
            {
                m2 += w * (sample.value - mean) * (sample.value - mean);
            }
        }
        return new Expected(weightSum, weighted, m2, min, max);
    }

    private static double weight(
        final Sample sample,
        final long nodeId,
        final int metricId,
        final long resolutionMs,
        final long fromMs,
        final long toMs,
        final long nowMs,
        final DecayFunction decay)
    {
        final long start = Math.floorDiv(sample.timeMs, resolutionMs) * resolutionMs;
        final boolean covered = 0 == nodeId || sample.elementId == nodeId || sample.siteId == nodeId ||
            sample.regionId == nodeId;
        if (!covered || sample.metricId != metricId || start < fromMs || start >= toMs)
        {
            return 0;
        }
        return decay.weight(Math.max(0, nowMs - (start + resolutionMs / 2)));
    }

    /** What the reference expects. */
    record Expected(double count, double sum, double m2, double min, double max)
    {
        boolean hasData()
        {
            return count > 0;
        }
    }

    static void assertClose(final double expected, final double actual, final double relative, final String what)
    {
        final double tolerance = relative * Math.max(Math.abs(expected), 1e-300);
        org.junit.jupiter.api.Assertions.assertTrue(Math.abs(expected - actual) <= tolerance,
            what + ": expected " + expected + " but was " + actual + " (relative error " +
                Math.abs(expected - actual) / Math.abs(expected) + ")");
    }

    static void assertSameAggregate(final Expected expected, final WindowAggregate actual, final String what)
    {
        assertEquals(expected.hasData(), actual.hasData(), what + " has data");
        if (!expected.hasData())
        {
            return;
        }
        assertClose(expected.count(), actual.count(), 1e-9, what + " count");
        assertClose(expected.sum(), actual.sum(), 1e-9, what + " sum");
        assertClose(expected.sum() / expected.count(), actual.mean(), 1e-9, what + " mean");
        assertClose(expected.m2(), actual.m2(), 1e-9, what + " m2");
        assertClose(expected.m2() / expected.count(), actual.populationVariance(), 1e-9, what + " variance");
        assertEquals(expected.min(), actual.min(), what + " min");
        assertEquals(expected.max(), actual.max(), what + " max");
    }
}
