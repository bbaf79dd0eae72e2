/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine;

import io.netpulse.codec.RejectReason;
import io.netpulse.codec.text.TextRejection;
import io.netpulse.engine.ring.RejectListener;
import org.agrona.DirectBuffer;

/**
 * Tells two reject listeners of every rejection: the embedder's own and the dead-letter writer.
 */
final class RejectListeners implements RejectListener
{
    private final RejectListener first;
    private final RejectListener second;

    RejectListeners(final RejectListener first, final RejectListener second)
    {
        this.first = first;
        this.second = second;
    }

    public void onReject(
        final int sourceId,
        final String sourceName,
        final RejectReason reason,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        first.onReject(sourceId, sourceName, reason, buffer, offset, length);
        second.onReject(sourceId, sourceName, reason, buffer, offset, length);
    }

    public void onRejectRecord(
        final int sourceId,
        final String sourceName,
        final TextRejection rejection,
        final DirectBuffer text,
        final int offset,
        final int length)
    {
        first.onRejectRecord(sourceId, sourceName, rejection, text, offset, length);
        second.onRejectRecord(sourceId, sourceName, rejection, text, offset, length);
    }
}
