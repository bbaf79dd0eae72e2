/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.sbe.ConfigOp;
import io.netpulse.codec.sbe.WindowSpecUpdateDecoder;
import io.netpulse.engine.ring.NetworkEvent;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * The window specs in force: a default for every metric, and specs of their own for some metrics. Changed only
 * by {@code WindowSpecUpdate} control events, in ring order, so every holder of a table (the router, for the
 * lateness; each window updater, for the buckets) that applies the same events holds the same specs.
 * <p>
 * An update names a metric ({@link #DEFAULT_METRIC} for the default) and puts or removes one resolution. A
 * metric's own spec starts empty at its first put (it does not inherit the default's resolutions) and, once its
 * last resolution is removed, the metric falls back to the default.
 */
public final class WindowSpecTable
{
    /** Metric id that names the default spec in a {@code WindowSpecUpdate}. */
    public static final int DEFAULT_METRIC = -1;

    private final Int2ObjectHashMap<WindowSpec> byMetric = new Int2ObjectHashMap<>();
    private final WindowSpecUpdateDecoder decoder = new WindowSpecUpdateDecoder();
    private WindowSpec defaultSpec;
    private long allowedLatenessMs;

    /**
     * A table holding only a default.
     *
     * @param defaultSpec the spec of every metric without its own.
     */
    public WindowSpecTable(final WindowSpec defaultSpec)
    {
        this.defaultSpec = defaultSpec;
        this.allowedLatenessMs = defaultSpec.allowedLatenessMs();
    }

    /**
     * Applies the {@code WindowSpecUpdate} in a ring slot.
     *
     * @param event a slot holding a window spec update.
     * @return the metric whose spec changed ({@link #DEFAULT_METRIC} for the default).
     * @throws IllegalArgumentException when the update asks for an impossible spec; nothing changes then.
     */
    public int apply(final NetworkEvent event)
    {
        final WindowSpecUpdateDecoder update = decoder.wrap(
            event.frame, FrameDescriptor.BODY_OFFSET, event.actingBlockLength, event.actingVersion);
        final int metricId = update.metricId();
        if (update.op() == ConfigOp.REMOVE)
        {
            remove(metricId, update.resolutionMs());
        }
        else
        {
            put(metricId, update.resolutionMs(), update.bucketCount(), update.allowedLatenessMs());
        }
        return metricId;
    }

    /**
     * Puts one resolution into a metric's spec.
     *
     * @param metricId          the metric, or {@link #DEFAULT_METRIC}.
     * @param resolutionMs      bucket width.
     * @param bucketCount       buckets kept.
     * @param allowedLatenessMs allowed lateness.
     */
    public void put(final int metricId, final long resolutionMs, final int bucketCount, final long allowedLatenessMs)
    {
        if (DEFAULT_METRIC == metricId)
        {
            defaultSpec = defaultSpec.with(resolutionMs, bucketCount, allowedLatenessMs);
        }
        else
        {
            final WindowSpec own = byMetric.get(metricId);
            byMetric.put(metricId, (null == own ? WindowSpec.empty() : own)
                .with(resolutionMs, bucketCount, allowedLatenessMs));
        }
        recomputeLateness();
    }

    /**
     * Removes one resolution from a metric's spec.
     *
     * @param metricId     the metric, or {@link #DEFAULT_METRIC}.
     * @param resolutionMs bucket width.
     */
    public void remove(final int metricId, final long resolutionMs)
    {
        if (DEFAULT_METRIC == metricId)
        {
            defaultSpec = defaultSpec.without(resolutionMs);
        }
        else
        {
            final WindowSpec own = byMetric.get(metricId);
            if (null != own)
            {
                final WindowSpec changed = own.without(resolutionMs);
                if (changed.isEmpty())
                {
                    byMetric.remove(metricId);
                }
                else
                {
                    byMetric.put(metricId, changed);
                }
            }
        }
        recomputeLateness();
    }

    private void recomputeLateness()
    {
        long lateness = defaultSpec.allowedLatenessMs();
        for (final WindowSpec spec : byMetric.values())
        {
            lateness = Math.max(lateness, spec.allowedLatenessMs());
        }
        allowedLatenessMs = lateness;
    }

    /**
     * The spec a metric's series follow.
     *
     * @param metricId the metric.
     * @return its own spec, or the default.
     */
    public WindowSpec specFor(final int metricId)
    {
        final WindowSpec own = byMetric.get(metricId);
        return null == own ? defaultSpec : own;
    }

    /**
     * Whether a metric has a spec of its own.
     *
     * @param metricId the metric.
     * @return false when it follows the default.
     */
    public boolean hasOwnSpec(final int metricId)
    {
        return byMetric.containsKey(metricId);
    }

    /**
     * The default spec.
     *
     * @return the spec of metrics without their own.
     */
    public WindowSpec defaultSpec()
    {
        return defaultSpec;
    }

    /**
     * The engine-wide allowed lateness: the largest of any resolution of any spec in force, so that an event
     * counts everywhere or nowhere and every stage agrees on which events are late.
     *
     * @return milliseconds.
     */
    public long allowedLatenessMs()
    {
        return allowedLatenessMs;
    }
}
