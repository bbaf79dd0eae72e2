/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.feed;

import io.netpulse.codec.text.NdjsonEventReader;
import io.netpulse.codec.text.TextEventHandler;
import io.netpulse.codec.text.TextFormatOptions;
import io.netpulse.codec.text.TextRejection;
import io.netpulse.engine.ring.EventPublisher;
import org.agrona.DirectBuffer;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The logic of HTTP ingest, without the HTTP: takes an NDJSON batch (one event per line, as
 * {@link NdjsonEventReader} reads them), publishes every line it can and answers with the counts and, for each
 * line refused, its line number, column, reason and message. It answers once what it accepted is in the
 * journal (or after a timeout, saying so), so a client that gets an answer knows the accepted lines are safe.
 * Batches are applied one at a time, each contiguous in the journal; the refused lines are counted for the
 * source and dead-lettered like any refused input.
 */
public final class TextIngest
{
    /** Default most line errors listed in one answer; the counts stay exact beyond it. */
    public static final int DEFAULT_MAX_ERRORS = 1000;

    private static final long WAIT_NS = TimeUnit.MICROSECONDS.toNanos(100);

    private final EventPublisher publisher;
    private final TextFormatOptions options;
    private final LongSupplier durableSequence;
    private final long journalTimeoutMs;
    private final int maxErrors;
    private final TextFeed feed;

    /**
     * The answer to one batch.
     *
     * @param lines           lines read (blank lines not counted).
     * @param accepted        lines accepted into the engine.
     * @param rejected        lines refused.
     * @param errors          the refused lines, in order, up to the error limit.
     * @param errorsTruncated whether more lines were refused than listed.
     * @param journaled       whether the accepted lines were confirmed in the journal before answering.
     * @param closed          whether the engine closed during the batch (the rest was not taken).
     */
    public record Result(
        long lines, long accepted, long rejected, List<LineError> errors, boolean errorsTruncated,
        boolean journaled, boolean closed)
    {
    }

    /**
     * One refused line.
     *
     * @param line    1-based line number in the batch.
     * @param column  1-based column of the problem, 0 for the whole line.
     * @param reason  the reject reason's label.
     * @param message what was wrong.
     */
    public record LineError(long line, int column, String reason, String message)
    {
    }

    /**
     * Ingest through a publisher.
     *
     * @param publisher        the ingest source's publisher; this object becomes its only user.
     * @param options          how lines are read (identities shared with the engine's other text feeds).
     * @param durableSequence  the journal's durable ring sequence ({@code () -> Long.MAX_VALUE} without one).
     * @param journalTimeoutMs longest wait for the journal before answering.
     * @param maxErrors        most line errors listed in one answer.
     */
    public TextIngest(
        final EventPublisher publisher,
        final TextFormatOptions options,
        final LongSupplier durableSequence,
        final long journalTimeoutMs,
        final int maxErrors)
    {
        this.publisher = publisher;
        this.options = options;
        this.durableSequence = durableSequence;
        this.journalTimeoutMs = journalTimeoutMs;
        this.maxErrors = maxErrors;
        this.feed = new TextFeed(publisher);
    }

    /**
     * Reads, publishes and answers one batch. Batches from several threads are taken one at a time. Should
     * reading the body fail part way, the exception is passed on; chunks of lines already published stay
     * published, the rest is dropped.
     *
     * @param body the NDJSON text.
     * @return the answer.
     */
    public synchronized Result ingest(final Reader body)
    {
        final List<LineError> errors = new ArrayList<>();
        final boolean[] truncated = {false};
        final TextEventHandler handler = new TextEventHandler()
        {
            public void onFrame(final DirectBuffer buffer, final int offset, final int length)
            {
                feed.onFrame(buffer, offset, length);
            }

            public void onRejected(final TextRejection rejection)
            {
                if (errors.size() < maxErrors)
                {
                    errors.add(new LineError(rejection.line(), rejection.column(), rejection.reason().label(),
                        rejection.message()));
                }
                else
                {
                    truncated[0] = true;
                }
                feed.onRejected(rejection);
            }
        };

        final NdjsonEventReader reader = new NdjsonEventReader(body, options);
        try
        {
            while (!feed.isClosed() && reader.next(handler))
            {
                // the feed publishes a chunk at a time as it fills
            }
        }
        catch (final RuntimeException ex)
        {
            // the body failed part way (a broken connection, over the size limit): what was not yet published
            // must not ride along with the next batch
            feed.discard();
            throw ex;
        }
        final boolean open = feed.flush();
        final long records = reader.records();
        final long refused = reader.rejected();
        final boolean journaled = open && awaitJournaled(publisher.lastPublishedSequence());
        return new Result(records, open ? records - refused : 0, refused, Collections.unmodifiableList(errors),
            truncated[0], journaled, !open);
    }

    private boolean awaitJournaled(final long sequence)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(journalTimeoutMs);
        while (durableSequence.getAsLong() < sequence)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            LockSupport.parkNanos(WAIT_NS);
        }
        return true;
    }

    /**
     * The source's publisher, for its counts.
     *
     * @return the publisher.
     */
    public EventPublisher publisher()
    {
        return publisher;
    }
}
