/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.status;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;
import org.agrona.concurrent.NanoClock;

import java.util.concurrent.TimeUnit;

/**
 * Latency from publish to a point in the event path, recorded by exactly one thread without allocating or
 * locking, and read by others (metrics, summaries) as a running total.
 * <p>
 * A double-buffered histogram behind a {@link WriterReaderPhaser} (what HdrHistogram's recorders do), so that a
 * batch of latencies costs one pair of phaser updates rather than a pair per value.
 */
public final class LatencyTracker
{
    /** Largest latency tracked; longer ones are clamped to it (and visible as the max). */
    public static final long MAX_TRACKABLE_NS = TimeUnit.MINUTES.toNanos(10);

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private final Histogram total = new Histogram(MAX_TRACKABLE_NS, 3);
    private final NanoClock nanoClock;
    private volatile Histogram active = new Histogram(MAX_TRACKABLE_NS, 3);
    private Histogram inactive = new Histogram(MAX_TRACKABLE_NS, 3);
    private final LatencyTracker[] parts;

    /**
     * A tracker reading the given clock.
     *
     * @param nanoClock the same clock the publishers stamp events with.
     */
    public LatencyTracker(final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        this.parts = new LatencyTracker[0];
    }

    /**
     * A tracker that also reports what other trackers recorded (each written by its own thread): the shards of the
     * sharded thread mode.
     *
     * @param nanoClock the same clock the publishers stamp events with.
     * @param parts     trackers whose recordings its snapshots include.
     */
    public LatencyTracker(final NanoClock nanoClock, final LatencyTracker... parts)
    {
        this.nanoClock = nanoClock;
        this.parts = parts.clone();
    }

    /**
     * Records the latency of an event now. Called by the one writer thread.
     *
     * @param publishNanos when the event was published.
     */
    public void record(final long publishNanos)
    {
        recordLatency(nanoClock.nanoTime() - publishNanos);
    }

    /**
     * Records the latencies of a batch of events that all finished now: one clock read for the batch. Called by
     * the one writer thread.
     *
     * @param publishNanos when each event was published.
     * @param count        how many of them.
     */
    public void recordBatch(final long[] publishNanos, final int count)
    {
        final long nowNs = nanoClock.nanoTime();
        final long phase = phaser.writerCriticalSectionEnter();
        try
        {
            final Histogram histogram = active;
            for (int i = 0; i < count; i++)
            {
                histogram.recordValue(Math.min(Math.max(nowNs - publishNanos[i], 0), MAX_TRACKABLE_NS));
            }
        }
        finally
        {
            phaser.writerCriticalSectionExit(phase);
        }
    }

    /**
     * Records an already measured latency. Called by the one writer thread.
     *
     * @param latencyNs the latency.
     */
    public void recordLatency(final long latencyNs)
    {
        final long phase = phaser.writerCriticalSectionEnter();
        try
        {
            active.recordValue(Math.min(Math.max(latencyNs, 0), MAX_TRACKABLE_NS));
        }
        finally
        {
            phaser.writerCriticalSectionExit(phase);
        }
    }

    /**
     * Forgets everything recorded so far, here and in the parts: what an engine recovering its journal at start
     * records is the replay's backlog, not its service's latency. Any thread; never blocks the writer.
     */
    public synchronized void reset()
    {
        phaser.readerLock();
        try
        {
            flip().reset();
            total.reset();
        }
        finally
        {
            phaser.readerUnlock();
        }
        for (final LatencyTracker part : parts)
        {
            part.reset();
        }
    }

    /**
     * Everything recorded so far. Any thread; readers serialise among themselves, never with the writer.
     *
     * @return a copy of the running total.
     */
    public synchronized Histogram snapshot()
    {
        phaser.readerLock();
        try
        {
            total.add(flip());
        }
        finally
        {
            phaser.readerUnlock();
        }
        final Histogram snapshot = total.copy();
        for (final LatencyTracker part : parts)
        {
            snapshot.add(part.snapshot());
        }
        return snapshot;
    }

    /**
     * Moves the writer onto the spare histogram and hands back what it recorded. Call holding the reader lock.
     */
    private Histogram flip()
    {
        inactive.reset();
        final Histogram recorded = active;
        active = inactive;
        inactive = recorded;
        phaser.flipPhase();
        return recorded;
    }
}
