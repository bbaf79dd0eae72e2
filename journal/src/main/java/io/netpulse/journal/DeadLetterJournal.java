/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.journal;

import org.agrona.DirectBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * The dead-letter journal: a Chronicle queue of {@link DeadLetter} records, one per excerpt, beside the input
 * journal ({@code journal/dead-letters}). One thread appends (the engine's dead-letter writer); any number of
 * readers, in this process or another, read it.
 */
public final class DeadLetterJournal implements AutoCloseable
{
    /** Directory name under a journal directory. */
    public static final String DIRECTORY = "dead-letters";

    private final RecordJournal journal;

    /**
     * Opens (creating if need be) a dead-letter journal.
     *
     * @param directory of the journal.
     */
    public DeadLetterJournal(final Path directory)
    {
        this.journal = new RecordJournal(directory);
    }

    /**
     * Appends one encoded dead letter; from one thread only.
     *
     * @param buffer holding the record ({@link DeadLetter#encode}).
     * @param offset at which it starts.
     * @param length of the record.
     */
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        journal.append(buffer, offset, length);
    }

    /**
     * Dead letters appended through this instance.
     *
     * @return the count.
     */
    public long appended()
    {
        return journal.records();
    }

    /**
     * Reads every dead letter from an index on, passing those a filter keeps to a visitor, in order.
     *
     * @param fromIndex first journal index to read (0 for all).
     * @param filter    which to keep.
     * @param visitor   receives each kept letter; returns false to stop.
     * @return dead letters visited.
     */
    public long read(final long fromIndex, final Predicate<DeadLetter> filter, final Predicate<DeadLetter> visitor)
    {
        final long[] visited = {0};
        final boolean[] stopped = {false};
        try (RecordJournal.Cursor cursor = journal.cursor())
        {
            while (!stopped[0] && cursor.poll(256, (index, buffer, offset, length) ->
            {
                if (stopped[0] || index < fromIndex)
                {
                    return;
                }
                final DeadLetter letter = DeadLetter.decode(index, buffer, offset, length);
                if (null != letter && filter.test(letter))
                {
                    visited[0]++;
                    stopped[0] = !visitor.test(letter);
                }
            }) > 0)
            {
                // poll until the journal is exhausted or the visitor stops
            }
        }
        return visited[0];
    }

    /**
     * Whether a journal directory holds a dead-letter journal.
     *
     * @param journalDirectory the journal directory (holding input/, alerts/ and dead-letters/).
     * @return true when there is one.
     */
    public static boolean exists(final Path journalDirectory)
    {
        return Files.isDirectory(journalDirectory.resolve(DIRECTORY));
    }

    /**
     * Closes the queue.
     */
    public void close()
    {
        journal.close();
    }
}
