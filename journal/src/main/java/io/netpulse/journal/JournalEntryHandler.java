/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.journal;

import org.agrona.DirectBuffer;

/**
 * Receives the entries of an input journal as it is read.
 */
@FunctionalInterface
public interface JournalEntryHandler
{
    /**
     * One journaled frame.
     *
     * @param sequence journal sequence of the entry.
     * @param sourceId source that delivered it.
     * @param buffer   holding the frame; valid only during the call.
     * @param offset   at which the frame starts.
     * @param length   of the frame.
     * @return true to go on reading, false to stop after this entry.
     */
    boolean onEntry(long sequence, int sourceId, DirectBuffer buffer, int offset, int length);
}
