/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import org.agrona.DirectBuffer;

/**
 * Receives what a {@link TextEventReader} makes of its input: frames for the records it could encode (control
 * frames announcing new names come first), and a rejection for each record it could not.
 */
public interface TextEventHandler
{
    /**
     * A whole, valid frame encoded from a record.
     *
     * @param buffer holding the frame; valid only during the call.
     * @param offset at which it starts.
     * @param length of the frame.
     */
    void onFrame(DirectBuffer buffer, int offset, int length);

    /**
     * A record was refused.
     *
     * @param rejection why, where, and the record's text; valid only during the call.
     */
    void onRejected(TextRejection rejection);
}
