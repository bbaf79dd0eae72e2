/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Garbage collections, and the time the collectors report for them, over an interval: a collection during a
 * measured interval means something on the event path (or the harness) allocated.
 */
public final class GcActivity
{
    private long startCount;
    private long startTimeMs;
    private long endCount;
    private long endTimeMs;

    /**
     * Reads the collectors at the start of the interval.
     */
    public void begin()
    {
        startCount = count();
        startTimeMs = timeMs();
    }

    /**
     * Reads the collectors at the end of the interval.
     */
    public void end()
    {
        endCount = count();
        endTimeMs = timeMs();
    }

    /**
     * Collections in the interval, every collector together.
     *
     * @return the count.
     */
    public long collections()
    {
        return endCount - startCount;
    }

    /**
     * Time the collectors report for the interval's collections (with G1, young and mixed pauses).
     *
     * @return milliseconds.
     */
    public long pauseMs()
    {
        return endTimeMs - startTimeMs;
    }

    private static long count()
    {
        long total = 0;
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
        {
            total += Math.max(0, collector.getCollectionCount());
        }
        return total;
    }

    private static long timeMs()
    {
        long total = 0;
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
        {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }
}
