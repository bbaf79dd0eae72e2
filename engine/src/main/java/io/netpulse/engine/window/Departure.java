/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

/**
 * What an element contributed to an open bucket before it moved (or was removed): it still rolls up under the
 * parents the element had then, when the bucket closes. Kept by the updater that owned the element, whose
 * regions those parents are. Moves are rare control events, so these are plain objects.
 */
final class Departure
{
    final int element;
    final int metricId;
    final long resolutionMs;
    final long bucket;
    final int site;
    final int region;
    final long[] cells = new long[BucketCells.LONGS];

    Departure(
        final int element,
        final int metricId,
        final long resolutionMs,
        final long bucket,
        final int site,
        final int region,
        final long[] from,
        final int fromAt)
    {
        this.element = element;
        this.metricId = metricId;
        this.resolutionMs = resolutionMs;
        this.bucket = bucket;
        this.site = site;
        this.region = region;
        System.arraycopy(from, fromAt, cells, 0, BucketCells.LONGS);
    }
}
