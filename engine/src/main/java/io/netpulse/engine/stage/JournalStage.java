/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.stage;

import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.status.SystemCounter;
import io.netpulse.engine.status.SystemCounters;
import io.netpulse.journal.InputJournalWriter;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends every event's raw frame to the input journal, in ring order, in parallel with the analytics path,
 * except the frames the engine recovers from that journal at start.
 * Frames are gathered and written as one excerpt at the end of each ring batch (or when the batch buffer
 * fills), which takes the journal's per-append cost off the per-event path.
 */
public final class JournalStage implements Stage
{
    private final InputJournalWriter writer;
    private final AtomicCounter journaled;
    private final AtomicCounter journalBytes;
    private final AtomicLong durableRingSequence = new AtomicLong(-1);
    private long lastSequence = -1;
    private long bytesReported;
    private long sequenceReported;

    /**
     * A journaler writing through a writer.
     *
     * @param writer   the input journal; this stage becomes its only user.
     * @param counters engine counters.
     */
    public JournalStage(final InputJournalWriter writer, final SystemCounters counters)
    {
        this.writer = writer;
        this.journaled = counters.get(SystemCounter.EVENTS_JOURNALED);
        this.journalBytes = counters.get(SystemCounter.JOURNAL_BYTES);
        this.sequenceReported = writer.durableSequence();
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return "journal";
    }

    /**
     * {@inheritDoc}
     */
    public void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
    {
        lastSequence = sequence;
        if (!event.recovered)
        {
            writer.append(event.sourceId, event.frame, 0, event.frameLength);
        }
        if (endOfBatch)
        {
            flush();
        }
    }

    private void flush()
    {
        writer.flush();
        // appends also write full batches on their own, so report from the writer's totals
        final long durable = writer.durableSequence();
        if (durable != sequenceReported)
        {
            journaled.getAndAddRelease(durable - sequenceReported);
            sequenceReported = durable;
            final long bytes = writer.bytesWritten();
            journalBytes.getAndAddRelease(bytes - bytesReported);
            bytesReported = bytes;
        }
        durableRingSequence.setRelease(lastSequence);
    }

    /**
     * {@inheritDoc}
     */
    public void onShutdown()
    {
        flush();
    }

    /**
     * The highest ring sequence whose frame is in the journal; feeds acknowledge up to here.
     *
     * @return the ring sequence, or -1 before the first flush.
     */
    public long durableRingSequence()
    {
        return durableRingSequence.get();
    }
}
