/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec;

import io.netpulse.codec.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import static io.netpulse.codec.FrameDescriptor.BODY_OFFSET;
import static io.netpulse.codec.FrameDescriptor.CHECKSUM_LENGTH;
import static io.netpulse.codec.FrameDescriptor.LENGTH_OFFSET;
import static io.netpulse.codec.FrameDescriptor.MAX_FRAME_LENGTH;
import static io.netpulse.codec.FrameDescriptor.MESSAGE_HEADER_OFFSET;
import static io.netpulse.codec.FrameDescriptor.MIN_FRAME_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.agrona.BitUtil.SIZE_OF_SHORT;

/**
 * Checks that the bytes at an offset are one whole, intact frame of a known message, and says why not
 * otherwise. It never throws on bad input and never allocates: the outcome is a status code, with the details
 * of the last call in accessors. One instance per thread.
 * <p>
 * The order of the checks matters: the checksum is verified before anything in the header is believed, so a
 * flipped bit anywhere reads as {@link RejectReason#BAD_CHECKSUM}, while a frame that is intact but names an
 * unknown template really is from a producer with a newer schema.
 */
public final class FrameDecoder
{
    /** Fewer bytes are available than the frame needs: wait for more. */
    public static final int NEED_MORE = 0;

    /** A whole valid frame starts at the offset; {@link #frameLength()} bytes long. */
    public static final int FRAME = 1;

    /** The bytes at the offset were rejected; see {@link #rejectReason()} and {@link #lengthTrusted()}. */
    public static final int REJECTED = -1;

    /** The oldest schema version this reader decodes. */
    public static final int MIN_SUPPORTED_VERSION = 1;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final FrameChecksum checksum = new FrameChecksum();
    private final int schemaId;
    private final int maxFrameLength;

    private int frameLength;
    private boolean lengthTrusted;
    private RejectReason rejectReason;
    private MessageType messageType;
    private int actingBlockLength;
    private int actingVersion;

    /**
     * A decoder for netpulse's schema and the standard maximum frame length.
     */
    public FrameDecoder()
    {
        this(MessageHeaderDecoder.SCHEMA_ID, MAX_FRAME_LENGTH);
    }

    /**
     * A decoder with an explicit schema id and frame limit.
     *
     * @param schemaId       the only schema id accepted.
     * @param maxFrameLength the longest frame accepted.
     */
    public FrameDecoder(final int schemaId, final int maxFrameLength)
    {
        if (maxFrameLength < MIN_FRAME_LENGTH)
        {
            throw new IllegalArgumentException("maxFrameLength " + maxFrameLength + " < " + MIN_FRAME_LENGTH);
        }
        this.schemaId = schemaId;
        this.maxFrameLength = maxFrameLength;
    }

    /**
     * Checks the frame that starts at an offset.
     *
     * @param buffer    holding the bytes.
     * @param offset    at which the frame should start.
     * @param available bytes readable from the offset.
     * @return {@link #FRAME}, {@link #NEED_MORE} or {@link #REJECTED}.
     */
    public int decode(final DirectBuffer buffer, final int offset, final int available)
    {
        rejectReason = null;
        messageType = null;
        lengthTrusted = false;
        frameLength = 0;

        if (available < MESSAGE_HEADER_OFFSET)
        {
            return NEED_MORE;
        }

        final int length = buffer.getInt(offset + LENGTH_OFFSET, LITTLE_ENDIAN);
        if (length < MIN_FRAME_LENGTH)
        {
            return reject(RejectReason.BAD_LENGTH);
        }
        if (length > maxFrameLength)
        {
            return reject(RejectReason.OVERSIZED_FRAME);
        }
        if (available < length)
        {
            return NEED_MORE;
        }

        frameLength = length;
        final int checksumOffset = FrameDescriptor.checksumOffset(offset, length);
        if (buffer.getInt(checksumOffset, LITTLE_ENDIAN) != checksum.compute(buffer, offset, length - CHECKSUM_LENGTH))
        {
            return reject(RejectReason.BAD_CHECKSUM);
        }

        // From here the bytes are what the producer wrote, so the length can be trusted to skip the frame.
        lengthTrusted = true;
        header.wrap(buffer, offset + MESSAGE_HEADER_OFFSET);
        if (header.schemaId() != schemaId)
        {
            return reject(RejectReason.UNKNOWN_SCHEMA);
        }

        actingVersion = header.version();
        if (actingVersion < MIN_SUPPORTED_VERSION)
        {
            return reject(RejectReason.UNSUPPORTED_VERSION);
        }

        final MessageType type = MessageType.get(header.templateId());
        if (null == type)
        {
            return reject(RejectReason.UNKNOWN_TEMPLATE);
        }

        actingBlockLength = header.blockLength();
        final int bodyEnd = checksumOffset;
        int limit = offset + BODY_OFFSET + actingBlockLength;
        if (actingBlockLength < type.minBlockLength() || limit > bodyEnd)
        {
            return reject(RejectReason.BAD_BLOCK_LENGTH);
        }

        if (type.hasGroup())
        {
            if (limit + SIZE_OF_SHORT * 2 > bodyEnd)
            {
                return reject(RejectReason.MALFORMED_BODY);
            }
            final int groupBlockLength = buffer.getShort(limit, LITTLE_ENDIAN) & 0xFFFF;
            final int count = buffer.getShort(limit + SIZE_OF_SHORT, LITTLE_ENDIAN) & 0xFFFF;
            limit += SIZE_OF_SHORT * 2 + groupBlockLength * count;
            if (limit > bodyEnd)
            {
                return reject(RejectReason.MALFORMED_BODY);
            }
        }

        for (int i = 0, n = type.varDataFieldCount(); i < n; i++)
        {
            if (limit + SIZE_OF_SHORT > bodyEnd)
            {
                return reject(RejectReason.MALFORMED_BODY);
            }
            limit += SIZE_OF_SHORT + (buffer.getShort(limit, LITTLE_ENDIAN) & 0xFFFF);
            if (limit > bodyEnd)
            {
                return reject(RejectReason.MALFORMED_BODY);
            }
        }

        messageType = type;
        return FRAME;
    }

    /**
     * A cheap test, for resynchronising a stream after garbage, of whether a frame could start at an offset:
     * a plausible length and this schema's id, before the checksum is worth computing.
     *
     * @param buffer    holding the bytes.
     * @param offset    to test.
     * @param available bytes readable from the offset.
     * @return true when a frame may start there (or too few bytes remain to tell).
     */
    public boolean mayStartFrame(final DirectBuffer buffer, final int offset, final int available)
    {
        if (available < FrameDescriptor.BODY_OFFSET)
        {
            return true;
        }
        final int length = buffer.getInt(offset + LENGTH_OFFSET, LITTLE_ENDIAN);
        if (length < MIN_FRAME_LENGTH || length > maxFrameLength)
        {
            return false;
        }
        header.wrap(buffer, offset + MESSAGE_HEADER_OFFSET);
        return header.schemaId() == schemaId;
    }

    private int reject(final RejectReason reason)
    {
        rejectReason = reason;
        return REJECTED;
    }

    /**
     * Length of the last frame checked; meaningful after {@link #FRAME}, and after {@link #REJECTED} only when
     * {@link #lengthTrusted()}.
     *
     * @return the frame length in bytes.
     */
    public int frameLength()
    {
        return frameLength;
    }

    /**
     * Whether a rejected frame's length can be believed, so the reader may skip exactly that frame; when false
     * the stream has lost its framing and the reader must resynchronise.
     *
     * @return true when the checksum matched.
     */
    public boolean lengthTrusted()
    {
        return lengthTrusted;
    }

    /**
     * Why the last frame was rejected.
     *
     * @return the reason, or null when it was not rejected.
     */
    public RejectReason rejectReason()
    {
        return rejectReason;
    }

    /**
     * The type of the last valid frame.
     *
     * @return the message type, or null unless the last call returned {@link #FRAME}.
     */
    public MessageType messageType()
    {
        return messageType;
    }

    /**
     * The block length the producer wrote, to wrap SBE decoders with.
     *
     * @return the acting block length.
     */
    public int actingBlockLength()
    {
        return actingBlockLength;
    }

    /**
     * The schema version the producer wrote, to wrap SBE decoders with.
     *
     * @return the acting version.
     */
    public int actingVersion()
    {
        return actingVersion;
    }
}
