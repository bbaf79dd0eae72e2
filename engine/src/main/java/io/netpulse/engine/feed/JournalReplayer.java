/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.feed;

import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.journal.InputJournalReader;

import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays an input journal into an engine, by journal sequence range, at full speed or at a fixed rate. Each
 * event keeps the source id it first arrived with.
 */
public final class JournalReplayer
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int PROGRESS_EVERY = 1 << 16;

    private JournalReplayer()
    {
    }

    /**
     * Replays a range of a journal.
     *
     * @param journal        directory of the input journal.
     * @param fromSequence   first journal sequence to replay.
     * @param toSequence     one past the last; {@link Long#MAX_VALUE} for all.
     * @param eventsPerSecond pace; 0 for as fast as the engine takes them.
     * @param publisher      to publish through.
     * @param progress       told of events replayed, out of the range's size.
     * @return events replayed (published or refused), or -1 if the engine closed first.
     */
    public static long replay(
        final Path journal,
        final long fromSequence,
        final long toSequence,
        final long eventsPerSecond,
        final EventPublisher publisher,
        final Progress progress)
    {
        try (InputJournalReader reader = new InputJournalReader(journal))
        {
            final long end = Math.min(toSequence, reader.endSequence());
            final long total = Math.max(0, end - fromSequence);
            final long startNs = System.nanoTime();
            final long[] replayed = {0};
            final boolean[] closed = {false};
            reader.read(fromSequence, end, (sequence, sourceId, buffer, offset, length) ->
            {
                if (eventsPerSecond > 0)
                {
                    final long dueNs = startNs + replayed[0] * NANOS_PER_SECOND / eventsPerSecond;
                    long waitNs;
                    while ((waitNs = dueNs - System.nanoTime()) > 0)
                    {
                        LockSupport.parkNanos(Math.min(waitNs, 1_000_000L));
                    }
                }
                if (publisher.publishAs(sourceId, buffer, offset, length) == EventPublisher.CLOSED)
                {
                    closed[0] = true;
                    return false;
                }
                if (++replayed[0] % PROGRESS_EVERY == 0)
                {
                    progress.update(replayed[0], total);
                }
                return true;
            });
            progress.update(replayed[0], total);
            return closed[0] ? -1 : replayed[0];
        }
    }
}
