/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec;

import io.netpulse.codec.sbe.MessageHeaderDecoder;

import static org.agrona.BitUtil.SIZE_OF_INT;

/**
 * Layout of a frame, the unit netpulse reads from streams and files and keeps in its journal.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |              Frame Length (little-endian, whole frame)        |
 *  +-------------------------------+-------------------------------+
 *  |      SBE Block Length         |        SBE Template Id        |
 *  +-------------------------------+-------------------------------+
 *  |      SBE Schema Id            |        SBE Version            |
 *  +-------------------------------+-------------------------------+
 *  |                     Message Body (block, groups, var data)   ...
 * ...                                                              |
 *  +---------------------------------------------------------------+
 *  |      CRC32C over every byte before it, length field included  |
 *  +---------------------------------------------------------------+
 * </pre>
 * The checksum covers the length field too, so a corrupted length is caught rather than trusted.
 */
public final class FrameDescriptor
{
    /** Offset of the little-endian int32 frame length. */
    public static final int LENGTH_OFFSET = 0;

    /** Length of the frame length field. */
    public static final int LENGTH_FIELD_LENGTH = SIZE_OF_INT;

    /** Offset of the SBE message header. */
    public static final int MESSAGE_HEADER_OFFSET = LENGTH_OFFSET + LENGTH_FIELD_LENGTH;

    /** Length of the SBE message header. */
    public static final int MESSAGE_HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;

    /** Offset of the message body (the SBE root block). */
    public static final int BODY_OFFSET = MESSAGE_HEADER_OFFSET + MESSAGE_HEADER_LENGTH;

    /** Length of the trailing CRC32C. */
    public static final int CHECKSUM_LENGTH = SIZE_OF_INT;

    /** Bytes a frame adds around its SBE header and body. */
    public static final int FRAMING_OVERHEAD = LENGTH_FIELD_LENGTH + CHECKSUM_LENGTH;

    /** The shortest well-formed frame: a header and an empty body. */
    public static final int MIN_FRAME_LENGTH = FRAMING_OVERHEAD + MESSAGE_HEADER_LENGTH;

    /** The longest frame accepted; the ring slot holds a frame of this size. */
    public static final int MAX_FRAME_LENGTH = 512;

    private FrameDescriptor()
    {
    }

    /**
     * The offset of a frame's checksum.
     *
     * @param frameOffset at which the frame starts.
     * @param frameLength of the whole frame.
     * @return the offset of its CRC32C.
     */
    public static int checksumOffset(final int frameOffset, final int frameLength)
    {
        return frameOffset + frameLength - CHECKSUM_LENGTH;
    }
}
