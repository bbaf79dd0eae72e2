/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.feed;

import io.netpulse.codec.text.TextEventHandler;
import io.netpulse.codec.text.TextEventReader;
import io.netpulse.codec.text.TextRejection;
import io.netpulse.engine.ring.EventPublisher;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

/**
 * Feeds a text reader (CSV, NDJSON, Asterisk CDRs) through a publisher: the frames it encodes are gathered
 * into chunks and published a chunk at a time (one ring claim per batch, not per record), and the records it
 * refuses are handed to the publisher's edge, which counts them by reason for the source and dead-letters them
 * with their text, line and column. Memory is the chunk and the reader's buffers, whatever the input's size.
 * One thread.
 */
public final class TextFeed implements TextEventHandler
{
    /** Bytes of frames gathered before they are published. */
    public static final int CHUNK_BYTES = 64 * 1024;

    private static final int PROGRESS_EVERY = 1 << 14;

    private final EventPublisher publisher;
    private final UnsafeBuffer chunk = new UnsafeBuffer(ByteBuffer.allocateDirect(CHUNK_BYTES));
    private UnsafeBuffer text = new UnsafeBuffer(new byte[1024]);
    private int chunkLength;
    private boolean closed;
    private long frames;
    private long rejected;

    /**
     * A feed into a publisher.
     *
     * @param publisher the source's publisher; this feed becomes its only user.
     */
    public TextFeed(final EventPublisher publisher)
    {
        this.publisher = publisher;
    }

    /**
     * Reads every record and publishes what it encodes; returns when the reader is exhausted (it is not closed).
     *
     * @param reader    the text reader.
     * @param progress  told of progress.
     * @param position  how far into the input the reader has got (bytes, say), for progress.
     * @param total     the input's size in the same units, or -1.
     * @return records read, or -1 if the engine closed first.
     */
    public long publish(
        final TextEventReader reader, final Progress progress, final LongSupplier position, final long total)
    {
        long records = 0;
        while (!closed && reader.next(this))
        {
            if (++records % PROGRESS_EVERY == 0)
            {
                progress.update(position.getAsLong(), total);
            }
        }
        flush();
        progress.update(position.getAsLong(), total);
        return closed ? -1 : records;
    }

    /**
     * {@inheritDoc}
     */
    public void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        if (chunkLength + length > CHUNK_BYTES)
        {
            flush();
        }
        chunk.putBytes(chunkLength, buffer, offset, length);
        chunkLength += length;
        frames++;
    }

    /**
     * {@inheritDoc}
     */
    public void onRejected(final TextRejection rejection)
    {
        rejected++;
        final int length = encodeUtf8(rejection.recordChars(), rejection.recordLength());
        publisher.rejectRecord(rejection, text, 0, length);
    }

    /**
     * Publishes the frames gathered so far.
     *
     * @return false if the engine closed.
     */
    public boolean flush()
    {
        if (chunkLength > 0 && !closed)
        {
            closed = publisher.publishStream(chunk, 0, chunkLength, true) == EventPublisher.CLOSED;
        }
        chunkLength = 0;
        return !closed;
    }

    /**
     * Forgets the frames gathered and not yet published (a batch abandoned half way).
     */
    public void discard()
    {
        chunkLength = 0;
    }

    private int encodeUtf8(final char[] chars, final int count)
    {
        if (text.capacity() < count * 3)
        {
            text = new UnsafeBuffer(new byte[Math.max(count * 3, text.capacity() * 2)]);
        }
        final UnsafeBuffer out = text;
        int length = 0;
        for (int i = 0; i < count; i++)
        {
            final char c = chars[i];
            if (c < 0x80)
            {
                out.putByte(length++, (byte)c);
            }
            else if (c < 0x800)
            {
                out.putByte(length++, (byte)(0xC0 | (c >> 6)));
                out.putByte(length++, (byte)(0x80 | (c & 0x3F)));
            }
            else if (Character.isHighSurrogate(c) && i + 1 < count && Character.isLowSurrogate(chars[i + 1]))
            {
                final int codePoint = Character.toCodePoint(c, chars[++i]);
                out.putByte(length++, (byte)(0xF0 | (codePoint >> 18)));
                out.putByte(length++, (byte)(0x80 | ((codePoint >> 12) & 0x3F)));
                out.putByte(length++, (byte)(0x80 | ((codePoint >> 6) & 0x3F)));
                out.putByte(length++, (byte)(0x80 | (codePoint & 0x3F)));
            }
            else if (Character.isSurrogate(c))
            {
                out.putByte(length++, (byte)'?');
            }
            else
            {
                out.putByte(length++, (byte)(0xE0 | (c >> 12)));
                out.putByte(length++, (byte)(0x80 | ((c >> 6) & 0x3F)));
                out.putByte(length++, (byte)(0x80 | (c & 0x3F)));
            }
        }
        return length;
    }

    /**
     * Frames handed to the publisher (control frames announcing names included).
     *
     * @return the count.
     */
    public long frames()
    {
        return frames;
    }

    /**
     * Records refused.
     *
     * @return the count.
     */
    public long rejected()
    {
        return rejected;
    }

    /**
     * Whether the engine closed while publishing.
     *
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return closed;
    }
}
