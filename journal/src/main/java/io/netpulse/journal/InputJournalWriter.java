/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

import static io.netpulse.journal.InputJournalDescriptor.COUNT_OFFSET;
import static io.netpulse.journal.InputJournalDescriptor.ENTRY_HEADER_LENGTH;
import static io.netpulse.journal.InputJournalDescriptor.FIRST_SEQUENCE_OFFSET;
import static io.netpulse.journal.InputJournalDescriptor.HEADER_LENGTH;
import static io.netpulse.journal.InputJournalDescriptor.MAX_SOURCE_ID;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Appends accepted frames to the input journal. Frames are gathered into a batch and the batch becomes one
 * excerpt on {@link #flush()}, or as soon as it is full. Single writer: every call must come from one thread
 * (Chronicle appenders are bound to the thread that first uses them).
 * <p>
 * On opening an existing journal the writer continues its sequence, so a restarted engine appends after
 * what is already there.
 */
public final class InputJournalWriter implements AutoCloseable
{
    /** Default batch capacity: large enough that an excerpt amortises the append cost over hundreds of frames. */
    public static final int DEFAULT_BATCH_CAPACITY = 256 * 1024;

    private final ChronicleQueue queue;
    private final UnsafeBuffer batch;
    private final byte[] batchArray;
    private ExcerptAppender appender;
    private int batchLength = HEADER_LENGTH;
    private int batchCount;
    private long nextSequence;
    private long bytesWritten;
    private long excerpts;

    /**
     * Opens (creating if need be) the journal in a directory.
     *
     * @param directory     of the journal.
     * @param batchCapacity bytes gathered before an excerpt is forced.
     */
    public InputJournalWriter(final Path directory, final int batchCapacity)
    {
        if (batchCapacity < HEADER_LENGTH + ENTRY_HEADER_LENGTH + io.netpulse.codec.FrameDescriptor.MAX_FRAME_LENGTH)
        {
            throw new IllegalArgumentException("batchCapacity too small for one frame: " + batchCapacity);
        }
        this.queue = Queues.open(directory, false);
        this.batchArray = new byte[batchCapacity];
        this.batch = new UnsafeBuffer(batchArray);
        try (InputJournalReader reader = new InputJournalReader(queue))
        {
            this.nextSequence = reader.endSequence();
        }
    }

    /**
     * Opens the journal with the default batch capacity.
     *
     * @param directory of the journal.
     */
    public InputJournalWriter(final Path directory)
    {
        this(directory, DEFAULT_BATCH_CAPACITY);
    }

    /**
     * Adds a frame to the current batch, writing the batch first if the frame does not fit.
     *
     * @param sourceId source that delivered the frame.
     * @param buffer   holding the frame.
     * @param offset   at which it starts.
     * @param length   of the frame.
     * @return the journal sequence given to the frame.
     */
    public long append(final int sourceId, final DirectBuffer buffer, final int offset, final int length)
    {
        if (sourceId < 0 || sourceId > MAX_SOURCE_ID)
        {
            throw new IllegalArgumentException("sourceId out of range: " + sourceId);
        }
        if (batchLength + ENTRY_HEADER_LENGTH + length > batch.capacity())
        {
            flush();
        }

        batch.putShort(batchLength, (short)sourceId, LITTLE_ENDIAN);
        batch.putBytes(batchLength + ENTRY_HEADER_LENGTH, buffer, offset, length);
        batchLength += ENTRY_HEADER_LENGTH + length;

        return nextSequence + batchCount++;
    }

    /**
     * Writes the gathered frames as one excerpt; does nothing when none are gathered.
     */
    public void flush()
    {
        if (0 == batchCount)
        {
            return;
        }

        batch.putLong(FIRST_SEQUENCE_OFFSET, nextSequence, LITTLE_ENDIAN);
        batch.putInt(COUNT_OFFSET, batchCount, LITTLE_ENDIAN);

        ExcerptAppender appender = this.appender;
        if (null == appender)
        {
            appender = queue.createAppender();
            this.appender = appender;
        }
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(batchArray, 0, batchLength);
        }

        bytesWritten += batchLength;
        excerpts++;
        nextSequence += batchCount;
        batchCount = 0;
        batchLength = HEADER_LENGTH;
    }

    /**
     * The sequence the next appended frame will get; also the count of frames ever appended.
     *
     * @return the next journal sequence.
     */
    public long nextSequence()
    {
        return nextSequence + batchCount;
    }

    /**
     * The sequence after the last frame written to the queue (not counting the open batch).
     *
     * @return one past the last durable sequence.
     */
    public long durableSequence()
    {
        return nextSequence;
    }

    /**
     * Payload bytes written by this writer: excerpt headers, entry headers and frames.
     *
     * @return bytes written.
     */
    public long bytesWritten()
    {
        return bytesWritten;
    }

    /**
     * Excerpts written by this writer.
     *
     * @return the count of excerpts.
     */
    public long excerpts()
    {
        return excerpts;
    }

    /**
     * Flushes the open batch and closes the queue.
     */
    public void close()
    {
        flush();
        queue.close();
    }
}
