/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.feed;

import io.netpulse.codec.FrameDescriptor;
import io.netpulse.engine.generator.EventGenerator;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.engine.ring.EventPublisher;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Feeds an engine from the synthetic generator on its own thread, at a steady rate or as fast as the engine takes
 * events, until closed: for a service that should show live data with no network attached. The stream runs
 * in day-long chunks of event time, each from a fresh generator seeded from the last (so each day has its own
 * faults), each starting where the last ended; every chunk begins with the metric definitions and the topology,
 * which the engine applies as no-op updates after the first.
 */
public final class GeneratorFeed implements AutoCloseable
{
    /** Frames gathered into one publish. */
    public static final int FRAMES_PER_PUBLISH = 64;

    /** Bytes a buffer for {@link #publishBatch} holds. */
    public static final int BATCH_BYTES = FRAMES_PER_PUBLISH * FrameDescriptor.MAX_FRAME_LENGTH;
    private static final long CHUNK_MS = 24 * 60 * 60 * 1000L;

    private final EventPublisher publisher;
    private final GeneratorConfig base;
    private final double eventsPerSecond;
    private final long maxEvents;
    private final Thread thread;
    private final AtomicLong frames = new AtomicLong();
    private volatile boolean running = true;
    private volatile Throwable failure;

    /**
     * Starts feeding.
     *
     * @param publisher       the engine's publisher for this feed (used by the feed's thread only).
     * @param base            network size, seed, event mix and start time; its event count is ignored.
     * @param eventsPerSecond steady rate of frames, or 0 for as fast as the engine takes them.
     * @param maxEvents       stop after this many frames, or 0 to run until closed.
     */
    public GeneratorFeed(final EventPublisher publisher, final GeneratorConfig base, final double eventsPerSecond,
        final long maxEvents)
    {
        if (eventsPerSecond < 0)
        {
            throw new IllegalArgumentException("eventsPerSecond must be >= 0: " + eventsPerSecond);
        }
        this.publisher = publisher;
        this.base = base;
        this.eventsPerSecond = eventsPerSecond;
        this.maxEvents = maxEvents;
        this.thread = new Thread(this::run, "netpulse-generator-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run()
    {
        try
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(BATCH_BYTES));
            final long chunkEvents = (long)Math.max(1, base.eventsPerRound() * (CHUNK_MS / base.kpiIntervalMs()));
            final long periodNs = eventsPerSecond > 0 ? (long)(1e9 / eventsPerSecond * FRAMES_PER_PUBLISH) : 0;
            long nextNs = System.nanoTime();
            long startMs = base.startTimeMs();
            for (long chunk = 0; running; chunk++)
            {
                final GeneratorConfig config = new GeneratorConfig(base.elements(), chunkEvents, base.seed() + chunk,
                    startMs, base.kpiIntervalMs(), base.cdrPerKpi(), base.qosPerKpi(), base.flowPerKpi(),
                    base.corruptFraction(), base.outOfOrderFraction(), base.maxDelayEvents(), base.faults(),
                    base.faultsPerThousand());
                final EventGenerator generator = new EventGenerator(config);
                while (running)
                {
                    int position = 0;
                    int count = 0;
                    while (count < FRAMES_PER_PUBLISH)
                    {
                        final int length = generator.next(buffer, position);
                        if (0 == length)
                        {
                            break;
                        }
                        position += length;
                        count++;
                    }
                    if (count == 0)
                    {
                        break;
                    }
                    if (periodNs > 0)
                    {
                        nextNs += periodNs;
                        long waitNs;
                        while (running && (waitNs = nextNs - System.nanoTime()) > 0)
                        {
                            LockSupport.parkNanos(Math.min(waitNs, TimeUnit.MILLISECONDS.toNanos(10)));
                        }
                    }
                    if (publisher.publishStream(buffer, 0, position, true) < 0)
                    {
                        running = false;
                        break;
                    }
                    if (maxEvents > 0 && frames.addAndGet(count) >= maxEvents)
                    {
                        running = false;
                    }
                    else if (maxEvents <= 0)
                    {
                        frames.addAndGet(count);
                    }
                }
                startMs = generator.endTimeMs();
            }
        }
        catch (final Throwable ex)
        {
            failure = ex;
            running = false;
        }
    }

    /**
     * Publishes the generator's next {@link #FRAMES_PER_PUBLISH} frames (fewer at its end) in one go on the
     * calling thread, unpaced.
     *
     * @param generator the frames' source.
     * @param buffer    scratch of at least {@link #BATCH_BYTES} bytes.
     * @param publisher the engine's publisher.
     * @return frames published, 0 once the generator is exhausted, or -1 if the engine closed.
     */
    public static int publishBatch(final EventGenerator generator, final UnsafeBuffer buffer,
        final EventPublisher publisher)
    {
        int position = 0;
        int count = 0;
        int length;
        while (count < FRAMES_PER_PUBLISH && (length = generator.next(buffer, position)) > 0)
        {
            position += length;
            count++;
        }
        if (count == 0)
        {
            return 0;
        }
        return publisher.publishStream(buffer, 0, position, true) < 0 ? -1 : count;
    }

    /**
     * Frames offered so far (valid and deliberately corrupted alike).
     *
     * @return the count.
     */
    public long frames()
    {
        return frames.get();
    }

    /**
     * Whether it is still feeding.
     *
     * @return false once closed, finished or failed.
     */
    public boolean isRunning()
    {
        return running && thread.isAlive();
    }

    /**
     * Why the feed stopped, if it failed.
     *
     * @return the error, or null.
     */
    public Throwable failure()
    {
        return failure;
    }

    /**
     * Waits for the feed to finish by itself (with a frame limit).
     *
     * @param timeoutMs longest wait.
     * @return true when finished.
     */
    public boolean await(final long timeoutMs)
    {
        try
        {
            thread.join(timeoutMs);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /**
     * Stops feeding and waits for the feed's thread.
     */
    public void close()
    {
        running = false;
        await(TimeUnit.SECONDS.toMillis(30));
    }
}
