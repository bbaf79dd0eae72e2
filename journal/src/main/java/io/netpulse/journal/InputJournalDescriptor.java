/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.journal;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.agrona.BitUtil.SIZE_OF_SHORT;

/**
 * Layout of one input-journal excerpt: a batch of accepted frames, in ring order, numbered by journal
 * sequence. Batching keeps the journal's per-append cost (about 140 ns) off the per-event path.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                First Sequence (int64, little-endian)          |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                Entry Count (int32, little-endian)             |
 *  +-------------------------------+-------------------------------+
 *  |   Source Id (uint16)          |  Frame (as on the wire:      ...
 *  +-------------------------------+  length, header, body, CRC)  ...
 *  ...               further entries, back to back                 |
 *  +---------------------------------------------------------------+
 * </pre>
 * Entry i of an excerpt has journal sequence {@code firstSequence + i}; sequences run on across excerpts
 * without gaps.
 */
public final class InputJournalDescriptor
{
    /** Offset of the first entry's journal sequence. */
    public static final int FIRST_SEQUENCE_OFFSET = 0;

    /** Offset of the entry count. */
    public static final int COUNT_OFFSET = FIRST_SEQUENCE_OFFSET + SIZE_OF_LONG;

    /** Length of the excerpt header. */
    public static final int HEADER_LENGTH = COUNT_OFFSET + SIZE_OF_INT;

    /** Length of an entry's header, before the frame. */
    public static final int ENTRY_HEADER_LENGTH = SIZE_OF_SHORT;

    /** Largest source id an entry can carry. */
    public static final int MAX_SOURCE_ID = 0xFFFF;

    private InputJournalDescriptor()
    {
    }
}
