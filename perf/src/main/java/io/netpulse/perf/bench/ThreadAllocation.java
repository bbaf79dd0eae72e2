/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bytes allocated on the heap by the engine's threads (the stage threads, the alert processor) and the
 * publishing thread over an interval, from the JVM's per-thread allocation counters
 * ({@code com.sun.management.ThreadMXBean}). Reading a counter allocates nothing on the measured threads.
 */
public final class ThreadAllocation
{
    /** Prefix of the names the engine gives its threads. */
    public static final String ENGINE_THREAD_PREFIX = "netpulse-";

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private final long[] ids;
    private final String[] names;
    private final long[] startBytes;
    private final long[] endBytes;

    private ThreadAllocation(final List<Thread> threads)
    {
        final int n = threads.size();
        ids = new long[n];
        names = new String[n];
        startBytes = new long[n];
        endBytes = new long[n];
        for (int i = 0; i < n; i++)
        {
            ids[i] = threads.get(i).getId();
            names[i] = threads.get(i).getName();
        }
    }

    /**
     * Whether this JVM counts allocation per thread.
     *
     * @return true when the counters can be read.
     */
    public static boolean supported()
    {
        return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled();
    }

    /**
     * A meter over every live engine thread and the given publishing thread.
     *
     * @param publisher the thread that publishes into the engine.
     * @return the meter, not started.
     */
    public static ThreadAllocation engineThreads(final Thread publisher)
    {
        final List<Thread> threads = new ArrayList<>();
        threads.add(publisher);
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread != publisher && thread.isAlive() && thread.getName().startsWith(ENGINE_THREAD_PREFIX))
            {
                threads.add(thread);
            }
        }
        return new ThreadAllocation(threads);
    }

    /**
     * Reads every counter at the start of the interval.
     */
    public void begin()
    {
        read(startBytes);
    }

    /**
     * Reads every counter at the end of the interval.
     */
    public void end()
    {
        read(endBytes);
    }

    private void read(final long[] into)
    {
        for (int i = 0; i < ids.length; i++)
        {
            into[i] = THREADS.getThreadAllocatedBytes(ids[i]);
        }
    }

    /**
     * Bytes allocated in the interval by all the threads together.
     *
     * @return the bytes; threads that died in the interval count as 0.
     */
    public long totalBytes()
    {
        long total = 0;
        for (int i = 0; i < ids.length; i++)
        {
            total += delta(i);
        }
        return total;
    }

    /**
     * Bytes allocated in the interval per thread name (threads with the same name added together); the
     * publishing thread is named {@code publisher}.
     *
     * @return the bytes by thread name, in name order.
     */
    public Map<String, Long> bytesByThread()
    {
        final Map<String, Long> byName = new TreeMap<>();
        for (int i = 0; i < ids.length; i++)
        {
            final String name = 0 == i ? "publisher" : names[i].substring(ENGINE_THREAD_PREFIX.length());
            byName.merge(name, delta(i), Long::sum);
        }
        return byName;
    }

    private long delta(final int i)
    {
        return startBytes[i] < 0 || endBytes[i] < 0 ? 0 : endBytes[i] - startBytes[i];
    }
}
