/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.status;

import io.netpulse.codec.RejectReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.nio.ByteBuffer;

/**
 * Every engine counter, in one Agrona counters buffer: each value on its own cache line, so writers on
 * different threads never share one, and readers (metrics, health, summaries) read without locks.
 */
public final class SystemCounters implements AutoCloseable
{
    /** Type id of the system counters in the counters buffer. */
    public static final int SYSTEM_COUNTER_TYPE_ID = 1;

    /** Type id of the per-reason reject counters. */
    public static final int REJECT_COUNTER_TYPE_ID = 2;

    private static final int MAX_COUNTERS = 256;

    private final CountersManager countersManager;
    private final AtomicCounter[] system = new AtomicCounter[SystemCounter.values().length];
    private final AtomicCounter[] rejects = new AtomicCounter[RejectReason.count()];

    /**
     * Allocates the counters.
     */
    public SystemCounters()
    {
        final UnsafeBuffer metaData = new UnsafeBuffer(
            ByteBuffer.allocateDirect(MAX_COUNTERS * CountersReader.METADATA_LENGTH));
        final UnsafeBuffer values = new UnsafeBuffer(
            ByteBuffer.allocateDirect(MAX_COUNTERS * CountersReader.COUNTER_LENGTH));
        countersManager = new CountersManager(metaData, values);

        for (final SystemCounter counter : SystemCounter.values())
        {
            system[counter.id()] = countersManager.newCounter(counter.description(), SYSTEM_COUNTER_TYPE_ID);
        }
        for (int id = 0; id < rejects.length; id++)
        {
            rejects[id] = countersManager.newCounter(
                "Rejected: " + RejectReason.get(id).description(), REJECT_COUNTER_TYPE_ID);
        }
    }

    /**
     * The counter for an entry.
     *
     * @param counter entry.
     * @return its atomic counter.
     */
    public AtomicCounter get(final SystemCounter counter)
    {
        return system[counter.id()];
    }

    /**
     * Counts one rejection: by reason and in the total. Safe from any thread.
     *
     * @param reason why the input was rejected.
     */
    public void reject(final RejectReason reason)
    {
        rejects[reason.id()].increment();
        system[SystemCounter.EVENTS_REJECTED.id()].increment();
    }

    /**
     * Rejections counted for one reason.
     *
     * @param reason of interest.
     * @return the count.
     */
    public long rejected(final RejectReason reason)
    {
        return rejects[reason.id()].get();
    }

    /**
     * The current value of an entry.
     *
     * @param counter entry.
     * @return its value.
     */
    public long value(final SystemCounter counter)
    {
        return system[counter.id()].get();
    }

    /**
     * A reader over the counters buffer, for tools that walk every counter.
     *
     * @return the reader.
     */
    public CountersReader reader()
    {
        return countersManager;
    }

    /**
     * Frees the counters.
     */
    public void close()
    {
        for (final AtomicCounter counter : system)
        {
            counter.close();
        }
        for (final AtomicCounter counter : rejects)
        {
            counter.close();
        }
    }
}
