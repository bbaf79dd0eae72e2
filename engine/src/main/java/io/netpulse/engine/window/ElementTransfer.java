/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import java.util.ArrayList;
import java.util.List;

/**
 * An element's window state on its way from one shard to another, when it (or its site) moves to a region on
 * another shard: its series copied whole, their open split contributions, and its reporting state. A site that
 * moves sends its own roll-up series the same way.
 */
final class ElementTransfer
{
    final int element;
    final long elementId;
    final int site;
    final int region;
    final long lastSeenMs;
    final long gapSinceMs;
    final List<SeriesCopy> series = new ArrayList<>();

    /** A roll-up node's own series (a site that moved), not an element. */
    boolean node;

    ElementTransfer(
        final int element,
        final long elementId,
        final int site,
        final int region,
        final long lastSeenMs,
        final long gapSinceMs)
    {
        this.element = element;
        this.elementId = elementId;
        this.site = site;
        this.region = region;
        this.lastSeenMs = lastSeenMs;
        this.gapSinceMs = gapSinceMs;
    }

    /**
     * One series of the element.
     *
     * @param metricId the metric.
     * @param layout   its layout, which the receiver's must equal.
     * @param header   the header, whole.
     * @param cells    the cells, whole.
     * @param split    open split contributions, or null.
     */
    record SeriesCopy(int metricId, SeriesLayout layout, long[] header, long[] cells, SeriesSplit split)
    {
    }
}
