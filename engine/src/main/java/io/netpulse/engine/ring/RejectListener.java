/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.ring;

import io.netpulse.codec.RejectReason;
import io.netpulse.codec.text.TextRejection;
import org.agrona.DirectBuffer;

/**
 * Told of every input refused at the edge, with its raw bytes: the hook for a dead-letter journal. Called on
 * the publishing thread; must not block for long.
 */
@FunctionalInterface
public interface RejectListener
{
    /** Does nothing. */
    RejectListener NONE = (sourceId, sourceName, reason, buffer, offset, length) -> {};

    /**
     * One rejection.
     *
     * @param sourceId   source that delivered the input.
     * @param sourceName its name.
     * @param reason     why it was refused.
     * @param buffer     holding the raw bytes; valid only during the call.
     * @param offset     at which they start.
     * @param length     of the rejected bytes.
     */
    void onReject(int sourceId, String sourceName, RejectReason reason, DirectBuffer buffer, int offset, int length);

    /**
     * One text record refused at the edge (CSV, NDJSON, HTTP ingest): its reason, line, column and message, and
     * the record's text. By default reported like any rejection, with the text as the raw bytes.
     *
     * @param sourceId   source that delivered the record.
     * @param sourceName its name.
     * @param rejection  the reason, place, message, format and context; valid only during the call.
     * @param text       holding the record's text in UTF-8; valid only during the call.
     * @param offset     at which it starts.
     * @param length     of the text in bytes.
     */
    default void onRejectRecord(
        final int sourceId,
        final String sourceName,
        final TextRejection rejection,
        final DirectBuffer text,
        final int offset,
        final int length)
    {
        onReject(sourceId, sourceName, rejection.reason(), text, offset, length);
    }
}
