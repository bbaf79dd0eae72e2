/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The series of one layout in one window updater: the store, the metrics laid out this way, and how far each
 * resolution has been closed by the watermark.
 */
final class LayoutWindows
{
    /** Not yet closing: no watermark seen. */
    static final long NOT_STARTED = Long.MIN_VALUE;

    final SeriesLayout layout;
    final BucketStore store;
    final List<MetricWindows> metrics = new ArrayList<>();

    /** Per resolution: the first bucket not yet closed. */
    final long[] nextClose;

    /** Per resolution, for readers: buckets below this are closed (immutable until their slot is reused). */
    final AtomicLongArray closedBefore;

    /** Lowest event time that may still be in an open bucket of this layout; a lower bound. */
    long minOpenMs = Long.MAX_VALUE;

    /** Highest event time applied to this layout. */
    long maxEventTimeMs = Long.MIN_VALUE;

    /** Buckets closed, every resolution together. */
    long bucketsClosed;

    LayoutWindows(final SeriesLayout layout)
    {
        this.layout = layout;
        this.store = new BucketStore(layout);
        this.nextClose = new long[layout.resolutions()];
        this.closedBefore = new AtomicLongArray(layout.resolutions());
        for (int r = 0; r < nextClose.length; r++)
        {
            nextClose[r] = NOT_STARTED;
            closedBefore.set(r, NOT_STARTED);
        }
    }

    /**
     * Starts closing at a watermark: everything before its bucket holds no data that could still count.
     */
    void start(final long watermarkMs)
    {
        for (int r = 0; r < nextClose.length; r++)
        {
            nextClose[r] = Math.floorDiv(watermarkMs, layout.resolutionMs(r));
            closedBefore.setRelease(r, nextClose[r]);
        }
    }

    boolean started()
    {
        return nextClose.length == 0 || NOT_STARTED != nextClose[0];
    }

    /**
     * Notes an applied event time.
     */
    void applied(final long eventTimeMs)
    {
        if (eventTimeMs > maxEventTimeMs)
        {
            maxEventTimeMs = eventTimeMs;
        }
        if (eventTimeMs < minOpenMs)
        {
            minOpenMs = eventTimeMs;
        }
    }

    /**
     * The earliest event time an open bucket of any resolution can hold now.
     */
    long openFromMs()
    {
        long from = Long.MAX_VALUE;
        for (int r = 0; r < nextClose.length; r++)
        {
            from = Math.min(from, nextClose[r] * layout.resolutionMs(r));
        }
        return from;
    }
}
