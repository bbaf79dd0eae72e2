/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import io.netpulse.codec.sbe.NodeLevel;

import java.util.Arrays;

/**
 * Reads windows while the engine runs, from any one thread: the buckets of a series at a resolution over a time
 * range, and decayed aggregates over them, for an element or any node of the hierarchy (a site, a region, or the
 * network, id 0). Reads never block or slow the writer: a series is copied under its seqlock and the copy is
 * used only if the writer did not touch the series meanwhile (it retries otherwise). Closed buckets do not change
 * until their slot is reused a ring later; the open bucket of an element is as current as its last event.
 * Roll-up nodes have closed buckets only; the network's are merged from the regions' when read.
 * <pre>{@code
 * WindowReader reader = engine.windows().newReader();            // once, per reading thread
 * WindowAggregate lastHour = new WindowAggregate();              // once
 * DecayFunction tenMinutes = DecayFunction.exponential(600_000); // once
 * reader.aggregate(cellId, metricId, 60_000, nowMs - 3_600_000, nowMs, nowMs, tenMinutes, lastHour);
 * double smoothed = lastHour.mean();
 * }</pre>
 * Not thread-safe: one reader per thread. After the first calls have sized its scratch, a read allocates
 * nothing.
 */
public final class WindowReader
{
    private final WindowGroup group;
    private long[] header = new long[16];
    private long[] cells = new long[1024];
    private long[] merged = new long[64 * BucketCells.LONGS];
    private long[] regions = new long[64];
    private WindowBuckets scratch = new WindowBuckets(64);

    WindowReader(final WindowGroup group)
    {
        this.group = group;
    }

    /**
     * The watermark the windows have acted on.
     *
     * @return epoch milliseconds, or {@link Watermarks#NO_WATERMARK} before any data.
     */
    public long watermarkMs()
    {
        return group.watermarkMs();
    }

    /**
     * Copies the buckets of a node's series whose start lies in {@code [fromMs, toMs)}, oldest first, including
     * buckets with no data; with the EWMA for an element.
     *
     * @param nodeId       global id of an element, site or region, or 0 for the network.
     * @param metricId     the metric.
     * @param resolutionMs one of the metric's resolutions.
     * @param fromMs       start of the range, epoch milliseconds.
     * @param toMs         end of the range (exclusive).
     * @param out          receives the buckets; a longer range than it holds keeps the newest.
     * @return false when the node, the metric or the resolution has no windows (out is then empty).
     */
    public boolean buckets(
        final long nodeId,
        final int metricId,
        final long resolutionMs,
        final long fromMs,
        final long toMs,
        final WindowBuckets out)
    {
        out.begin(resolutionMs, false);
        if (resolutionMs <= 0 || toMs <= fromMs)
        {
            return false;
        }
        final long node = group.directory().find(nodeId);
        if (NodeDirectory.MISSING == node)
        {
            return false;
        }
        final long firstAsked = Math.floorDiv(fromMs, resolutionMs);
        final long last = Math.floorDiv(toMs - 1, resolutionMs);
        final long first = Math.max(firstAsked, last - out.capacity() + 1);
        out.begin(resolutionMs, first > firstAsked);
        final int count = (int)(last - first + 1);
        if (NodeDirectory.level(node) == NodeLevel.NETWORK)
        {
            return network(metricId, resolutionMs, first, count, out);
        }
        return series(NodeDirectory.index(node), metricId, resolutionMs, first, count, out);
    }

    /**
     * Merges the buckets of a node's series whose start lies in {@code [fromMs, toMs)}, each weighted by a decay
     * function of its age at {@code nowMs}: "the last hour with a ten-minute half-life" is one call.
     *
     * @param nodeId       global id of an element, site or region, or 0 for the network.
     * @param metricId     the metric.
     * @param resolutionMs one of the metric's resolutions.
     * @param fromMs       start of the range, epoch milliseconds.
     * @param toMs         end of the range (exclusive).
     * @param nowMs        the time ages are measured to (a bucket's age is from its midpoint).
     * @param decay        the weights; {@link DecayFunction#none()} for a plain aggregate.
     * @param out          reset, then receives the aggregate.
     * @return false when the node, the metric or the resolution has no windows.
     */
    public boolean aggregate(
        final long nodeId,
        final int metricId,
        final long resolutionMs,
        final long fromMs,
        final long toMs,
        final long nowMs,
        final DecayFunction decay,
        final WindowAggregate out)
    {
        out.reset();
        if (resolutionMs > 0 && toMs > fromMs)
        {
            final long buckets = Math.floorDiv(toMs - 1, resolutionMs) - Math.floorDiv(fromMs, resolutionMs) + 1;
            if (buckets > scratch.capacity())
            {
                scratch = new WindowBuckets((int)Math.min(buckets, Integer.MAX_VALUE / 8));
            }
        }
        final WindowBuckets buckets = scratch;
        if (!buckets(nodeId, metricId, resolutionMs, fromMs, toMs, buckets))
        {
            return false;
        }
        final long halfMs = resolutionMs / 2;
        for (int i = 0; i < buckets.size(); i++)
        {
            if (buckets.count(i) > 0)
            {
                final long ageMs = Math.max(0, nowMs - (buckets.startMs(i) + halfMs));
                out.merge(buckets.count(i), buckets.sum(i), buckets.m2(i), buckets.min(i), buckets.max(i),
                    decay.weight(ageMs));
            }
        }
        return true;
    }

    private boolean series(
        final int node,
        final int metricId,
        final long resolutionMs,
        final long first,
        final int count,
        final WindowBuckets out)
    {
        final WindowUpdater[] instances = group.instances();
        while (true)
        {
            boolean retry = false;
            for (final WindowUpdater instance : instances)
            {
                final MetricWindows metric = null == instance ? null : instance.publishedMetric(metricId);
                if (null == metric || null == metric.layout)
                {
                    continue;
                }
                final int series = metric.series(node);
                if (MetricWindows.NONE == series)
                {
                    continue;
                }
                final SeriesLayout layout = metric.layout.layout;
                final int r = layout.indexOf(resolutionMs);
                if (r < 0)
                {
                    return false;
                }
                copy(metric.layout.store, series);
                if (instance.publishedMetric(metricId) != metric || metric.series(node) != series)
                {
                    retry = true;
                    break;
                }
                final long closedBefore = metric.layout.closedBefore.get(r);
                for (int k = 0; k < count; k++)
                {
                    final long bucket = first + k;
                    out.add(bucket * resolutionMs, cells, at(layout, r, bucket), bucket < closedBefore);
                }
                out.ewma(Double.longBitsToDouble(header[SeriesLayout.EWMA_OFFSET]),
                    header[SeriesLayout.EWMA_TIME_OFFSET]);
                return true;
            }
            if (!retry)
            {
                return false;
            }
        }
    }

    private boolean network(
        final int metricId,
        final long resolutionMs,
        final long first,
        final int count,
        final WindowBuckets out)
    {
        final WindowUpdater[] instances = group.instances();
        if (merged.length < count * BucketCells.LONGS)
        {
            merged = new long[count * BucketCells.LONGS];
        }
        Arrays.fill(merged, 0, count * BucketCells.LONGS, 0L);

        int regionCount = 0;
        boolean any = false;
        long closedBefore = Long.MAX_VALUE;
        for (int i = 0; i < instances.length; i++)
        {
            final MetricWindows metric = null == instances[i] ? null : instances[i].publishedMetric(metricId);
            if (null == metric || null == metric.layout)
            {
                continue;
            }
            final int r = metric.layout.layout.indexOf(resolutionMs);
            if (r < 0)
            {
                return false;
            }
            any = true;
            closedBefore = Math.min(closedBefore, metric.layout.closedBefore.get(r));
            for (final int region : metric.regions())
            {
                if (regionCount == regions.length)
                {
                    regions = Arrays.copyOf(regions, regionCount * 2);
                }
                regions[regionCount++] = ((long)region << 8) | i;
            }
        }
        if (!any)
        {
            return false;
        }

        Arrays.sort(regions, 0, regionCount);
        for (int k = 0; k < regionCount; k++)
        {
            mergeNode(instances[(int)(regions[k] & 0xFF)], metricId, (int)(regions[k] >>> 8), resolutionMs, first, count);
        }
        for (final WindowUpdater instance : instances)
        {
            final MetricWindows metric = null == instance ? null : instance.publishedMetric(metricId);
            if (null != metric && metric.rootPartial())
            {
                mergeNode(instance, metricId, 0, resolutionMs, first, count);
            }
        }
        for (int k = 0; k < count; k++)
        {
            final long bucket = first + k;
            out.add(bucket * resolutionMs, merged, k * BucketCells.LONGS, bucket < closedBefore);
        }
        return true;
    }

    private void mergeNode(
        final WindowUpdater instance,
        final int metricId,
        final int node,
        final long resolutionMs,
        final long first,
        final int count)
    {
        while (true)
        {
            final MetricWindows metric = instance.publishedMetric(metricId);
            final int series = null == metric || null == metric.layout ? MetricWindows.NONE : metric.series(node);
            if (MetricWindows.NONE == series)
            {
                return;
            }
            final SeriesLayout layout = metric.layout.layout;
            final int r = layout.indexOf(resolutionMs);
            copy(metric.layout.store, series);
            if (instance.publishedMetric(metricId) != metric || metric.series(node) != series || r < 0)
            {
                continue;
            }
            for (int k = 0; k < count; k++)
            {
                final int at = at(layout, r, first + k);
                if (at >= 0)
                {
                    BucketCells.merge(merged, k * BucketCells.LONGS, cells, at);
                }
            }
            return;
        }
    }

    private void copy(final BucketStore store, final int series)
    {
        final SeriesLayout layout = store.layout();
        if (header.length < layout.headerLongs())
        {
            header = new long[layout.headerLongs()];
        }
        if (cells.length < layout.seriesLongs())
        {
            cells = new long[layout.seriesLongs()];
        }
        store.readSeries(series, header, cells);
    }

    /**
     * Where a bucket is in the copied cells, or -1 when the copy does not hold it.
     */
    private int at(final SeriesLayout layout, final int r, final long bucket)
    {
        final long newest = header[SeriesLayout.NEWEST_OFFSET + r];
        final int slots = layout.slots(r);
        if (SeriesLayout.NO_BUCKET == newest || bucket > newest || bucket <= newest - slots)
        {
            return -1;
        }
        return layout.cellOffset(r) + (int)Math.floorMod(bucket, (long)slots) * BucketCells.LONGS;
    }
}
