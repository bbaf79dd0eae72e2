/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.feed.tcp;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * The feed protocol. A feed handler connects over TCP and writes frames (the wire format of
 * {@link io.netpulse.codec.FrameDescriptor}, back to back, in any chunking). The server answers with
 * acknowledgements, batched, each saying how far the connection's stream has been dealt with for good:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Magic "NPAK" (int32)                       |
 *  +---------------------------------------------------------------+
 *  |                    Length = 32 (int32)                        |
 *  +---------------------------------------------------------------+
 *  |          Bytes Acknowledged (int64, from the stream's start)  |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          Events Accepted (int64, journaled)                   |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          Inputs Rejected (int64, each with a reason)          |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 * Little-endian. Counts are cumulative for the connection. An acknowledgement of N bytes means every frame in
 * the first N bytes was either accepted and is in the journal (so survives a crash and replays), or was refused
 * with a reason (counted, and kept in the dead-letter journal): the sender may forget those bytes. Refused
 * input is final; re-sending it changes nothing. A sender that reconnects re-sends from its last acknowledged
 * byte; CDRs it re-sends are recognised by id and not counted twice.
 */
public final class FeedAck
{
    /** "NPAK", little-endian. */
    public static final int MAGIC = 0x4B41504E;

    /** Offset of the magic. */
    public static final int MAGIC_OFFSET = 0;

    /** Offset of the length. */
    public static final int LENGTH_OFFSET = MAGIC_OFFSET + SIZE_OF_INT;

    /** Offset of the bytes acknowledged. */
    public static final int BYTES_OFFSET = LENGTH_OFFSET + SIZE_OF_INT;

    /** Offset of the events accepted. */
    public static final int ACCEPTED_OFFSET = BYTES_OFFSET + SIZE_OF_LONG;

    /** Offset of the inputs rejected. */
    public static final int REJECTED_OFFSET = ACCEPTED_OFFSET + SIZE_OF_LONG;

    /** Length of an acknowledgement. */
    public static final int LENGTH = REJECTED_OFFSET + SIZE_OF_LONG;

    private FeedAck()
    {
    }

    /**
     * Writes an acknowledgement.
     *
     * @param buffer   to write into.
     * @param offset   at which it starts.
     * @param bytes    stream bytes dealt with.
     * @param accepted events accepted and journaled.
     * @param rejected inputs refused.
     */
    public static void encode(
        final MutableDirectBuffer buffer, final int offset, final long bytes, final long accepted, final long rejected)
    {
        buffer.putInt(offset + MAGIC_OFFSET, MAGIC, LITTLE_ENDIAN);
        buffer.putInt(offset + LENGTH_OFFSET, LENGTH, LITTLE_ENDIAN);
        buffer.putLong(offset + BYTES_OFFSET, bytes, LITTLE_ENDIAN);
        buffer.putLong(offset + ACCEPTED_OFFSET, accepted, LITTLE_ENDIAN);
        buffer.putLong(offset + REJECTED_OFFSET, rejected, LITTLE_ENDIAN);
    }

    /**
     * Whether an acknowledgement starts at an offset.
     *
     * @param buffer holding it.
     * @param offset at which it starts.
     * @return true when the magic and length are right.
     */
    public static boolean isValid(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + MAGIC_OFFSET, LITTLE_ENDIAN) == MAGIC &&
            buffer.getInt(offset + LENGTH_OFFSET, LITTLE_ENDIAN) == LENGTH;
    }

    /**
     * Stream bytes acknowledged.
     *
     * @param buffer holding the acknowledgement.
     * @param offset at which it starts.
     * @return the count.
     */
    public static long bytes(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + BYTES_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * Events accepted and journaled.
     *
     * @param buffer holding the acknowledgement.
     * @param offset at which it starts.
     * @return the count.
     */
    public static long accepted(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + ACCEPTED_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * Inputs refused.
     *
     * @param buffer holding the acknowledgement.
     * @param offset at which it starts.
     * @return the count.
     */
    public static long rejected(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + REJECTED_OFFSET, LITTLE_ENDIAN);
    }
}
