/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

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
        startCount = collectionsNow();
        startTimeMs = pauseMsNow();
    }

    /**
     * Reads the collectors at the end of the interval.
     */
    public void end()
    {
        endCount = collectionsNow();
        endTimeMs = pauseMsNow();
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
     * Pause time in the interval (with G1, young and mixed pauses; with ZGC, its pauses, not its concurrent cycles).
     *
     * @return milliseconds.
     */
    public long pauseMs()
    {
        return endTimeMs - startTimeMs;
    }

    /**
     * Collections so far, every collector together. ZGC reports each cycle twice, as a cycle and as its pauses:
     * its cycles are counted.
     *
     * @return the count.
     */
    public static long collectionsNow()
    {
        return collections(ManagementFactory.getGarbageCollectorMXBeans());
    }

    static long collections(final List<GarbageCollectorMXBean> collectors)
    {
        long total = 0;
        for (final GarbageCollectorMXBean collector : collectors)
        {
            if (!collector.getName().endsWith(" Pauses"))
            {
                total += Math.max(0, collector.getCollectionCount());
            }
        }
        return total;
    }

    /**
     * Pause time so far, every collector together. ZGC's cycle time is concurrent work, not a pause: only its
     * pauses are counted. G1's and Parallel's collectors report pause time.
     *
     * @return milliseconds.
     */
    public static long pauseMsNow()
    {
        return pauseMs(ManagementFactory.getGarbageCollectorMXBeans());
    }

    static long pauseMs(final List<GarbageCollectorMXBean> collectors)
    {
        long total = 0;
        for (final GarbageCollectorMXBean collector : collectors)
        {
            if (!collector.getName().endsWith(" Cycles"))
            {
                total += Math.max(0, collector.getCollectionTime());
            }
        }
        return total;
    }
}
