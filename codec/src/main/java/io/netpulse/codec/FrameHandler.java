/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec;

import org.agrona.DirectBuffer;

/**
 * Receives what a {@link FrameScanner} finds in a stream: whole valid frames and rejected spans.
 */
public interface FrameHandler
{
    /**
     * A whole frame passed every check of the {@link FrameDecoder}.
     *
     * @param buffer  holding the frame.
     * @param offset  at which it starts.
     * @param length  of the whole frame.
     * @param decoder that checked it, for the message type, acting block length and version.
     */
    void onFrame(DirectBuffer buffer, int offset, int length, FrameDecoder decoder);

    /**
     * A span of input was rejected. For a span that lost framing this is the bytes up to the next frame
     * found in the same chunk; any further garbage is only counted in {@link FrameScanner#bytesSkipped()}.
     *
     * @param reason why.
     * @param buffer holding the span.
     * @param offset at which it starts.
     * @param length of the span.
     */
    void onReject(RejectReason reason, DirectBuffer buffer, int offset, int length);
}
