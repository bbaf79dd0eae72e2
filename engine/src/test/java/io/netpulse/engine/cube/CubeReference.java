/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.ServiceType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The brute-force model the cube is checked against: every value kept as a record, with its element's position
 * at event time, lateness decided by replaying the watermark, and queries answered by filtering and grouping
 * the records directly.
 */
final class CubeReference
{
    /** One measure value, fully labelled. */
    record Value(long timeMs, long bucketStartMs, String region, String site, String element, String service,
        String cls, String vendor, String metric, double value, boolean histogram)
    {
        String label(final Dimension dimension, final Granularity granularity)
        {
            switch (dimension)
            {
                case TIME:
                    return Instant.ofEpochMilli(Math.floorDiv(bucketStartMs, granularity.millis()) *
                        granularity.millis()).toString();
                case REGION:
                    return region;
                case SITE:
                    return site;
                case ELEMENT:
                    return element;
                case SERVICE:
                    return service;
                case EQUIPMENT_CLASS:
                    return cls;
                case VENDOR:
                    return vendor;
                default:
                    return metric;
            }
        }
    }

    /** An element's place, for labelling its values. */
    record Place(String region, String site, String element, String cls, String vendor, int shard)
    {
    }

    /** Measures of one group. */
    record Group(long count, double sum, double min, double max, double stddev, double[] percentiles,
        double maxAbs)
    {
    }

    private final long latenessMs;
    final List<Value> values = new ArrayList<>();
    private final Set<String> histogramMetrics = new java.util.HashSet<>(Set.of("cdr.setup_ms", "qos.latency_us",
        "qos.jitter_us"));
    private long maxEventTimeMs = Long.MIN_VALUE;
    long lateEvents;
    long appliedEvents;

    CubeReference(final long latenessMs)
    {
        this.latenessMs = latenessMs;
    }

    void histogramMetric(final String name)
    {
        histogramMetrics.add(name);
    }

    /**
     * Whether an event at this time is applied, advancing the watermark as the updater does.
     */
    private boolean admit(final long timeMs, final Place place)
    {
        // the engine's event-time frontier (one source here: its latest event time) seals minutes in every shard
        maxEventTimeMs = Math.max(maxEventTimeMs, timeMs);
        final long start = Math.floorDiv(timeMs, CubeConfig.MINUTE_MS) * CubeConfig.MINUTE_MS;
        if (start + CubeConfig.MINUTE_MS <= maxEventTimeMs - latenessMs)
        {
            lateEvents++;
            return false;
        }
        appliedEvents++;
        return true;
    }

    private void value(final long timeMs, final Place place, final String service, final String metric,
        final double value)
    {
        values.add(new Value(timeMs, Math.floorDiv(timeMs, CubeConfig.MINUTE_MS) * CubeConfig.MINUTE_MS,
            place.region, place.site, place.element, service, place.cls, place.vendor, metric, value,
            histogramMetrics.contains(metric)));
    }

    void kpi(final long timeMs, final Place place, final String metric, final double value)
    {
        if (admit(timeMs, place))
        {
            value(timeMs, place, "none", metric, value);
        }
    }

    void cdr(final long timeMs, final Place place, final ServiceType service, final CallResult result,
        final int setupMs, final int durationMs, final int mosX100, final long bytesUp, final long bytesDown)
    {
        if (!admit(timeMs, place))
        {
            return;
        }
        final String s = service.name().toLowerCase(java.util.Locale.ROOT);
        value(timeMs, place, s, "cdr.setup_ms", setupMs);
        if (result == CallResult.ANSWERED || result == CallResult.DROPPED)
        {
            value(timeMs, place, s, "cdr.duration_ms", durationMs);
        }
        if (mosX100 > 0)
        {
            value(timeMs, place, s, "cdr.mos", mosX100 / 100.0);
        }
        value(timeMs, place, s, "cdr.bytes", (double)bytesUp + bytesDown);
        value(timeMs, place, s, "cdr.failed", result == CallResult.FAILED ? 1 : 0);
        value(timeMs, place, s, "cdr.dropped", result == CallResult.DROPPED ? 1 : 0);
    }

    void qos(final long timeMs, final Place place, final ServiceType service, final int latencyUs,
        final int jitterUs, final int lossPpm, final long throughputKbps)
    {
        if (!admit(timeMs, place))
        {
            return;
        }
        final String s = service.name().toLowerCase(java.util.Locale.ROOT);
        value(timeMs, place, s, "qos.latency_us", latencyUs);
        value(timeMs, place, s, "qos.jitter_us", jitterUs);
        value(timeMs, place, s, "qos.loss_ppm", lossPpm);
        value(timeMs, place, s, "qos.throughput_kbps", throughputKbps);
    }

    void flow(final long timeMs, final Place place, final long bytes, final long packets, final int durationMs)
    {
        if (!admit(timeMs, place))
        {
            return;
        }
        value(timeMs, place, "none", "flow.bytes", bytes);
        value(timeMs, place, "none", "flow.packets", packets);
        value(timeMs, place, "none", "flow.duration_ms", durationMs);
    }

    long maxEventTimeMs()
    {
        return maxEventTimeMs;
    }

    /**
     * Groups the values in a range that pass the filters.
     */
    Map<List<String>, Group> answer(final List<Dimension> groupBy, final Map<Dimension, List<String>> filters,
        final long fromMs, final long toMs, final Granularity granularity)
    {
        final Map<List<String>, List<Value>> grouped = new LinkedHashMap<>();
        for (final Value value : values)
        {
            if (value.bucketStartMs < fromMs || value.bucketStartMs >= toMs)
            {
                continue;
            }
            boolean pass = true;
            for (final Map.Entry<Dimension, List<String>> filter : filters.entrySet())
            {
                pass &= filter.getValue().contains(value.label(filter.getKey(), granularity));
            }
            if (!pass)
            {
                continue;
            }
            final List<String> key = new ArrayList<>();
            for (final Dimension dimension : groupBy)
            {
                key.add(value.label(dimension, granularity));
            }
            grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        final Map<List<String>, Group> groups = new HashMap<>();
        for (final Map.Entry<List<String>, List<Value>> entry : grouped.entrySet())
        {
            groups.put(entry.getKey(), measure(entry.getValue()));
        }
        return groups;
    }

    static Group measure(final List<Value> values)
    {
        final double[] sorted = new double[values.size()];
        double sum = 0;
        double maxAbs = 0;
        boolean allHistogram = true;
        for (int i = 0; i < sorted.length; i++)
        {
            final Value value = values.get(i);
            sorted[i] = value.value;
            sum += value.value;
            maxAbs = Math.max(maxAbs, Math.abs(value.value));
            allHistogram &= value.histogram;
        }
        Arrays.sort(sorted);
        final double mean = sum / sorted.length;
        double squares = 0;
        for (final double v : sorted)
        {
            squares += (v - mean) * (v - mean);
        }
        final double[] percentiles = new double[3];
        final double[] quantiles = {0.5, 0.95, 0.99};
        for (int q = 0; q < 3; q++)
        {
            final int rank = (int)Math.max(1, Math.ceil(quantiles[q] * sorted.length));
            percentiles[q] = allHistogram ? sorted[rank - 1] : Double.NaN;
        }
        return new Group(sorted.length, sum, sorted[0], sorted[sorted.length - 1],
            Math.sqrt(squares / sorted.length), percentiles, maxAbs);
    }
}
