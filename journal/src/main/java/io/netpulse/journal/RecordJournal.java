/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * A journal of self-contained records, one per excerpt: alerts, dead letters. Records are rare next to
 * input events, so each is its own excerpt. Appends come from one thread; readers may be many, each with
 * its own {@link Cursor}.
 */
public final class RecordJournal implements AutoCloseable
{
    private final ChronicleQueue queue;
    private byte[] scratch = new byte[1024];
    private ExcerptAppender appender;
    private long bytesWritten;
    private long records;

    /**
     * Opens (creating if need be) a record journal.
     *
     * @param directory of the journal.
     */
    public RecordJournal(final Path directory)
    {
        this.queue = Queues.open(directory, false);
    }

    /**
     * Appends one record.
     *
     * @param buffer holding the record.
     * @param offset at which it starts.
     * @param length of the record.
     */
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        ExcerptAppender appender = this.appender;
        if (null == appender)
        {
            appender = queue.createAppender();
            this.appender = appender;
        }

        final byte[] array = buffer.byteArray();
        try (DocumentContext dc = appender.writingDocument())
        {
            if (null != array)
            {
                dc.wire().bytes().write(array, buffer.wrapAdjustment() + offset, length);
            }
            else
            {
                if (scratch.length < length)
                {
                    scratch = new byte[length];
                }
                buffer.getBytes(offset, scratch, 0, length);
                dc.wire().bytes().write(scratch, 0, length);
            }
        }
        bytesWritten += length;
        records++;
    }

    /**
     * Bytes appended through this instance.
     *
     * @return bytes written.
     */
    public long bytesWritten()
    {
        return bytesWritten;
    }

    /**
     * Records appended through this instance.
     *
     * @return the count of records.
     */
    public long records()
    {
        return records;
    }

    /**
     * A reader positioned at the start of the journal.
     *
     * @return a new cursor; one thread may use it.
     */
    public Cursor cursor()
    {
        return new Cursor(queue.createTailer());
    }

    /**
     * Closes the queue.
     */
    public void close()
    {
        queue.close();
    }

    /**
     * Receives records as a cursor reads them.
     */
    @FunctionalInterface
    public interface RecordHandler
    {
        /**
         * One record.
         *
         * @param index  Chronicle index of the record, increasing.
         * @param buffer holding it; valid only during the call.
         * @param offset at which it starts.
         * @param length of the record.
         */
        void onRecord(long index, DirectBuffer buffer, int offset, int length);
    }

    /**
     * Reads records in order, resuming where the last call stopped.
     */
    public static final class Cursor implements AutoCloseable
    {
        private final ExcerptTailer tailer;
        private byte[] record = new byte[1024];
        private final UnsafeBuffer recordBuffer = new UnsafeBuffer(record);

        Cursor(final ExcerptTailer tailer)
        {
            this.tailer = tailer;
        }

        /**
         * Reads up to a number of records.
         *
         * @param limit   most records to read.
         * @param handler to receive them.
         * @return the number read; 0 when no more are available now.
         */
        public int poll(final int limit, final RecordHandler handler)
        {
            int read = 0;
            while (read < limit)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final int length = (int)bytes.readRemaining();
                    if (record.length < length)
                    {
                        record = new byte[length];
                        recordBuffer.wrap(record);
                    }
                    bytes.read(record, 0, length);
                    handler.onRecord(dc.index(), recordBuffer, 0, length);
                    read++;
                }
            }
            return read;
        }

        /**
         * Closes the tailer.
         */
        public void close()
        {
            tailer.close();
        }
    }
}
