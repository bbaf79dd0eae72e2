/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import io.netpulse.codec.EventValidator;
import io.netpulse.codec.FrameDecoder;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Frames and rejections a text reader produced, kept for assertions.
 */
final class Collected implements TextEventHandler
{
    /** A rejection, copied. */
    record Rejection(RejectReason reason, long line, int column, String message, String format, String context,
        String record)
    {
    }

    final List<UnsafeBuffer> frames = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();
    private final FrameDecoder decoder = new FrameDecoder();

    public void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
        copy.putBytes(0, buffer, offset, length);
        assertEquals(FrameDecoder.FRAME, decoder.decode(copy, 0, length));
        assertNull(new EventValidator().validate(copy, 0, decoder));
        frames.add(copy);
    }

    public void onRejected(final TextRejection rejection)
    {
        rejections.add(new Rejection(rejection.reason(), rejection.line(), rejection.column(), rejection.message(),
            rejection.format(), rejection.context(), rejection.recordText()));
    }

    static Collected readAll(final TextEventReader reader)
    {
        final Collected collected = new Collected();
        while (reader.next(collected))
        {
            // every record handled
        }
        reader.close();
        return collected;
    }

    MessageType type(final int index)
    {
        decoder.decode(frames.get(index), 0, frames.get(index).capacity());
        return decoder.messageType();
    }

    /** Wraps an SBE decoder over frame i. */
    <T> T body(final int index, final Wrapper<T> wrapper)
    {
        final UnsafeBuffer frame = frames.get(index);
        decoder.decode(frame, 0, frame.capacity());
        return wrapper.wrap(frame, FrameDescriptor.BODY_OFFSET, decoder.actingBlockLength(), decoder.actingVersion());
    }

    /** An SBE decoder's wrap. */
    @FunctionalInterface
    interface Wrapper<T>
    {
        T wrap(DirectBuffer buffer, int offset, int blockLength, int version);
    }
}
