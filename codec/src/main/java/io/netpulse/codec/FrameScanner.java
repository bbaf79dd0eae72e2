/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec;

import org.agrona.DirectBuffer;

/**
 * Splits a byte stream into frames, chunk by chunk, and recovers from garbage. A frame whose checksum matched
 * but which is otherwise refused is skipped exactly, and so is a frame with a bad checksum that is followed by
 * a frame whose checksum verifies, or by a run of damaged frames whose lengths chain (a damaged body, length
 * intact). After bytes that cannot be trusted
 * otherwise, the scanner resynchronises by sliding forward one byte at a time until a frame with a valid
 * checksum starts. State carries across chunks, so a frame may be split anywhere. One instance per stream.
 */
public final class FrameScanner
{
    /** Consecutive damaged frames whose lengths chain that prove the lengths intact. */
    public static final int MAX_DAMAGED_RUN = 16;

    /**
     * Most bytes a scan leaves unconsumed when not at the end of the input: an incomplete frame, or a run of
     * damaged frames waiting for the frames after it. A caller's buffer must hold at least this much more than
     * it reads at a time.
     */
    public static final int MAX_HELD_BACK = (MAX_DAMAGED_RUN + 1) * FrameDescriptor.MAX_FRAME_LENGTH;

    private static final int LOST = 0;
    private static final int INTACT = 1;
    private static final int UNDECIDED = 2;

    private final FrameDecoder decoder;
    private boolean resynchronising;
    private long bytesSkipped;
    private long frames;
    private long rejects;

    /**
     * A scanner using a decoder of its own.
     */
    public FrameScanner()
    {
        this(new FrameDecoder());
    }

    /**
     * A scanner over the given decoder.
     *
     * @param decoder that checks each frame.
     */
    public FrameScanner(final FrameDecoder decoder)
    {
        this.decoder = decoder;
    }

    /**
     * Consumes whole frames from a chunk. Bytes of an incomplete frame at the end are left unconsumed, for the
     * caller to present again with more data, unless this is the end of the input, when they are rejected as
     * {@link RejectReason#TRUNCATED_FRAME}.
     *
     * @param buffer     holding the chunk.
     * @param offset     of the chunk's first byte.
     * @param length     of the chunk.
     * @param endOfInput whether no more bytes will follow.
     * @param handler    to receive frames and rejects.
     * @return the number of bytes consumed from the chunk.
     */
    public int scan(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final boolean endOfInput,
        final FrameHandler handler)
    {
        final FrameDecoder decoder = this.decoder;
        final int end = offset + length;
        int position = offset;

        while (position < end)
        {
            final int available = end - position;
            if (resynchronising)
            {
                final int found = findFrameStart(buffer, position, end, endOfInput);
                bytesSkipped += found - position;
                position = found;
                if (found == end || decoder.decode(buffer, found, end - found) == FrameDecoder.NEED_MORE)
                {
                    break;
                }
                resynchronising = false;
                continue;
            }

            final int status = decoder.decode(buffer, position, available);
            if (status == FrameDecoder.FRAME)
            {
                final int frameLength = decoder.frameLength();
                frames++;
                handler.onFrame(buffer, position, frameLength, decoder);
                position += frameLength;
            }
            else if (status == FrameDecoder.NEED_MORE)
            {
                if (endOfInput)
                {
                    rejects++;
                    handler.onReject(RejectReason.TRUNCATED_FRAME, buffer, position, available);
                    position = end;
                }
                break;
            }
            else
            {
                final int damage = decoder.lengthTrusted() ? INTACT : damagedFrame(buffer, position, end, endOfInput);
                if (damage == UNDECIDED)
                {
                    // the frames after this one have not all arrived: decide when they have
                    break;
                }
                final RejectReason reason = decoder.rejectReason();
                if (damage == INTACT)
                {
                    final int frameLength = decoder.frameLength();
                    rejects++;
                    handler.onReject(reason, buffer, position, frameLength);
                    position += frameLength;
                }
                else
                {
                    final int found = findFrameStart(buffer, position + 1, end, endOfInput);
                    rejects++;
                    handler.onReject(reason, buffer, position, found - position);
                    bytesSkipped += found - position;
                    position = found;
                    resynchronising = true;
                }
            }
        }

        return position - offset;
    }

    /**
     * A checksum failure with a plausible length is most often a damaged body with its length intact. If
     * following the lengths from here reaches a frame whose checksum verifies, or the end of the input, or runs
     * through {@link #MAX_DAMAGED_RUN} damaged frames whose lengths all chain (garbage does that about never),
     * the lengths were intact: skip exactly this frame rather than scanning, so each damaged frame is counted
     * once. When the chain runs off the end of a chunk that is not the end of the input, it is undecided: the
     * caller presents the bytes again with more (at most {@link #MAX_HELD_BACK} bytes are held back). Leaves the
     * decoder describing this frame.
     */
    private int damagedFrame(
        final DirectBuffer buffer, final int position, final int end, final boolean endOfInput)
    {
        final FrameDecoder decoder = this.decoder;
        if (decoder.rejectReason() != RejectReason.BAD_CHECKSUM)
        {
            return LOST;
        }

        int verdict = INTACT;
        int next = position + decoder.frameLength();
        for (int hops = 0; hops < MAX_DAMAGED_RUN; hops++)
        {
            if (next == end)
            {
                verdict = endOfInput ? INTACT : UNDECIDED;
                break;
            }
            final int status = decoder.decode(buffer, next, end - next);
            if (status == FrameDecoder.FRAME || (status == FrameDecoder.REJECTED && decoder.lengthTrusted()))
            {
                verdict = INTACT;
                break;
            }
            if (status == FrameDecoder.NEED_MORE)
            {
                verdict = !endOfInput ? UNDECIDED : hops > 0 ? INTACT : LOST;
                break;
            }
            if (decoder.rejectReason() != RejectReason.BAD_CHECKSUM)
            {
                verdict = LOST;
                break;
            }
            next += decoder.frameLength();
        }
        decoder.decode(buffer, position, end - position);
        return verdict;
    }

    private int findFrameStart(final DirectBuffer buffer, final int from, final int end, final boolean endOfInput)
    {
        final FrameDecoder decoder = this.decoder;
        for (int position = from; position < end; position++)
        {
            final int available = end - position;
            if (decoder.mayStartFrame(buffer, position, available))
            {
                final int status = decoder.decode(buffer, position, available);
                if (status == FrameDecoder.FRAME || (status == FrameDecoder.REJECTED && decoder.lengthTrusted()) ||
                    (status == FrameDecoder.NEED_MORE && !endOfInput))
                {
                    return position;
                }
            }
        }

        return end;
    }

    /**
     * Bytes thrown away while resynchronising, rejected spans included.
     *
     * @return the count of bytes skipped.
     */
    public long bytesSkipped()
    {
        return bytesSkipped;
    }

    /**
     * Valid frames handed to the handler.
     *
     * @return the count of frames.
     */
    public long frames()
    {
        return frames;
    }

    /**
     * Rejects handed to the handler.
     *
     * @return the count of rejects.
     */
    public long rejects()
    {
        return rejects;
    }

    /**
     * Whether the scanner is between frames after garbage, sliding forward to find the next one.
     *
     * @return true while resynchronising.
     */
    public boolean isResynchronising()
    {
        return resynchronising;
    }
}
