/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.journal;

import static org.agrona.BitUtil.SIZE_OF_BYTE;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.agrona.BitUtil.SIZE_OF_SHORT;

/**
 * Layout of one dead letter: input the edge refused, kept with why and where it came from, one per excerpt
 * of the dead-letter journal. Little-endian throughout.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 Refused At (int64, epoch ms)                  |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                       Source Id (int32)                       |
 *  +-------------------------------+---------------+---------------+
 *  |      Reject Reason Id         |  Payload Kind |  Flags        |
 *  +-------------------------------+---------------+---------------+
 *  |            Line (int64; text records, else -1)                |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Column (int32; 0 = whole record)              |
 *  +---------------------------------------------------------------+
 *  |       Original Length (int32; payload bytes before any cut)   |
 *  +-------------------------------+-------------------------------+
 *  | Source Name Length (uint16)   |  Source Name (UTF-8)         ...
 *  +-------------------------------+-------------------------------+
 *  | Format Length (uint16)        |  Format (UTF-8: csv, ndjson) ...
 *  +-------------------------------+-------------------------------+
 *  | Message Length (uint16)       |  Message (UTF-8)             ...
 *  +-------------------------------+-------------------------------+
 *  | Context Length (uint16)       |  Context (UTF-8: CSV header) ...
 *  +-------------------------------+-------------------------------+
 *  |                    Payload Length (int32)                     |
 *  +---------------------------------------------------------------+
 *  |                    Payload (the refused bytes)               ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The payload is the refused input as it arrived: frame bytes (possibly garbage) for binary feeds, the record's
 * text for text feeds; it is cut at {@link #MAX_PAYLOAD_LENGTH} (a flood of garbage is kept as samples, not
 * whole), with {@link #FLAG_TRUNCATED} set.
 */
public final class DeadLetterDescriptor
{
    /** Offset of the time the input was refused. */
    public static final int TIME_OFFSET = 0;

    /** Offset of the source id. */
    public static final int SOURCE_ID_OFFSET = TIME_OFFSET + SIZE_OF_LONG;

    /** Offset of the reject reason id. */
    public static final int REASON_OFFSET = SOURCE_ID_OFFSET + SIZE_OF_INT;

    /** Offset of the payload kind. */
    public static final int KIND_OFFSET = REASON_OFFSET + SIZE_OF_SHORT;

    /** Offset of the flags. */
    public static final int FLAGS_OFFSET = KIND_OFFSET + SIZE_OF_BYTE;

    /** Offset of the line. */
    public static final int LINE_OFFSET = FLAGS_OFFSET + SIZE_OF_BYTE;

    /** Offset of the column. */
    public static final int COLUMN_OFFSET = LINE_OFFSET + SIZE_OF_LONG;

    /** Offset of the original payload length. */
    public static final int ORIGINAL_LENGTH_OFFSET = COLUMN_OFFSET + SIZE_OF_INT;

    /** Offset of the first variable-length field (the source name). */
    public static final int VARIABLE_OFFSET = ORIGINAL_LENGTH_OFFSET + SIZE_OF_INT;

    /** Payload kind: frame bytes from a binary feed. */
    public static final byte KIND_FRAME = 0;

    /** Payload kind: a text record (UTF-8). */
    public static final byte KIND_TEXT = 1;

    /** Flag: the payload was cut at {@link #MAX_PAYLOAD_LENGTH}. */
    public static final byte FLAG_TRUNCATED = 1;

    /** Longest payload kept. */
    public static final int MAX_PAYLOAD_LENGTH = 4096;

    /** Longest string field kept, in bytes. */
    public static final int MAX_STRING_LENGTH = 1024;

    private DeadLetterDescriptor()
    {
    }
}
