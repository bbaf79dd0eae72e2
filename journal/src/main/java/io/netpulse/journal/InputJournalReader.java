/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

import static io.netpulse.journal.InputJournalDescriptor.COUNT_OFFSET;
import static io.netpulse.journal.InputJournalDescriptor.ENTRY_HEADER_LENGTH;
import static io.netpulse.journal.InputJournalDescriptor.FIRST_SEQUENCE_OFFSET;
import static io.netpulse.journal.InputJournalDescriptor.HEADER_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Reads an input journal by journal sequence range. Entries are handed out in journal order, each with the
 * sequence it was given when written. One thread per reader.
 */
public final class InputJournalReader implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final boolean ownsQueue;
    private final ExcerptTailer tailer;
    private byte[] excerpt = new byte[InputJournalWriter.DEFAULT_BATCH_CAPACITY];
    private final UnsafeBuffer excerptBuffer = new UnsafeBuffer(excerpt);

    /**
     * Opens a journal for reading.
     *
     * @param directory of the journal.
     */
    public InputJournalReader(final Path directory)
    {
        this(Queues.open(directory, false), true);
    }

    InputJournalReader(final ChronicleQueue queue)
    {
        this(queue, false);
    }

    private InputJournalReader(final ChronicleQueue queue, final boolean ownsQueue)
    {
        this.queue = queue;
        this.ownsQueue = ownsQueue;
        this.tailer = queue.createTailer();
    }

    /**
     * The sequence after the last entry in the journal: the number of entries ever written.
     *
     * @return one past the last sequence, or 0 for an empty journal.
     */
    public long endSequence()
    {
        final long lastIndex = queue.lastIndex();
        if (lastIndex < 0)
        {
            return 0;
        }
        tailer.moveToIndex(lastIndex);
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return 0;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final long start = bytes.readPosition();
            return bytes.readLong(start + FIRST_SEQUENCE_OFFSET) + bytes.readInt(start + COUNT_OFFSET);
        }
    }

    /**
     * Reads the entries whose sequence lies in {@code [fromSequence, toSequence)}.
     *
     * @param fromSequence first sequence wanted.
     * @param toSequence   one past the last sequence wanted; {@link Long#MAX_VALUE} for all.
     * @param handler      to receive the entries.
     * @return the number of entries handed out.
     */
    public long read(final long fromSequence, final long toSequence, final JournalEntryHandler handler)
    {
        tailer.toStart();
        long delivered = 0;
        while (true)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return delivered;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                final long start = bytes.readPosition();
                final long firstSequence = bytes.readLong(start + FIRST_SEQUENCE_OFFSET);
                final int count = bytes.readInt(start + COUNT_OFFSET);
                if (firstSequence + count <= fromSequence)
                {
                    continue;
                }
                if (firstSequence >= toSequence)
                {
                    return delivered;
                }

                final int length = (int)bytes.readRemaining();
                ensureCapacity(length);
                bytes.read(excerpt, 0, length);

                int position = HEADER_LENGTH;
                for (int i = 0; i < count; i++)
                {
                    final int sourceId = excerptBuffer.getShort(position, LITTLE_ENDIAN) & 0xFFFF;
                    final int frameOffset = position + ENTRY_HEADER_LENGTH;
                    final int frameLength = excerptBuffer.getInt(frameOffset, LITTLE_ENDIAN);
                    position = frameOffset + frameLength;

                    final long sequence = firstSequence + i;
                    if (sequence < fromSequence)
                    {
                        continue;
                    }
                    if (sequence >= toSequence)
                    {
                        return delivered;
                    }
                    delivered++;
                    if (!handler.onEntry(sequence, sourceId, excerptBuffer, frameOffset, frameLength))
                    {
                        return delivered;
                    }
                }
            }
        }
    }

    private void ensureCapacity(final int length)
    {
        if (excerpt.length < length)
        {
            excerpt = new byte[length];
            excerptBuffer.wrap(excerpt);
        }
    }

    /**
     * Closes the tailer, and the queue when this reader opened it.
     */
    public void close()
    {
        tailer.close();
        if (ownsQueue)
        {
            queue.close();
        }
    }
}
