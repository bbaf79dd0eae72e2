/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.ring;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.netpulse.codec.EventValidator;
import io.netpulse.codec.FrameDecoder;
import io.netpulse.codec.FrameHandler;
import io.netpulse.codec.FrameScanner;
import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.text.TextRejection;
import io.netpulse.engine.status.SystemCounters;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;

/**
 * The edge of the engine for one source: validates frames (framing, checksum, schema, field ranges), counts
 * and reports what it refuses, and publishes what it accepts into the ring. Valid frames are claimed in
 * batches, so a stream costs one ring claim and one clock read per batch rather than per event.
 * <p>
 * One thread per publisher. When the ring is full the publisher waits (backing off from spinning to
 * parking) until there is room or the engine closes; an accepted event is never dropped.
 */
public final class EventPublisher implements FrameHandler
{
    /** The frames were published. */
    public static final int PUBLISHED = 1;

    /** The frame was refused; see {@link #lastRejectReason()}. */
    public static final int REJECTED = 0;

    /** The engine is closing: nothing more is accepted. */
    public static final int CLOSED = -1;

    /** Most frames claimed from the ring at once. */
    public static final int MAX_BATCH = 64;

    private static final int ACCEPTED_INDEX = 0;

    /** Stamp meaning: read the clock when the batch is published. */
    private static final long STAMP_FROM_CLOCK = Long.MIN_VALUE;

    private final RingBuffer<NetworkEvent> ring;
    private final int sourceId;
    private final String sourceName;
    private final SystemCounters counters;
    private final RejectListener rejectListener;
    private final BooleanSupplier closing;
    private final NanoClock nanoClock;
    private final FrameDecoder frameDecoder = new FrameDecoder();
    private final FrameScanner scanner = new FrameScanner(frameDecoder);
    private final EventValidator validator;
    private final EventDecoding decoding = new EventDecoding();
    private final IdleStrategy idleStrategy = new BackoffIdleStrategy();
    private final AtomicLongArray counts = new AtomicLongArray(1 + RejectReason.count());

    private final int[] batchOffsets = new int[MAX_BATCH];
    private final int[] batchLengths = new int[MAX_BATCH];
    private final MessageType[] batchTypes = new MessageType[MAX_BATCH];
    private final int[] batchBlockLengths = new int[MAX_BATCH];
    private final int[] batchVersions = new int[MAX_BATCH];
    private DirectBuffer batchBuffer;
    private int batchSourceId;
    private int batchSize;
    private boolean batchClosed;
    private long batchStampNanos = STAMP_FROM_CLOCK;
    private boolean recovering;

    private volatile boolean publishing;
    private volatile long lastPublishedSequence = -1;
    private RejectReason lastRejectReason;
    private long bytesAccepted;

    /**
     * A publisher for one source.
     *
     * @param ring           to publish into.
     * @param sourceId       id the source's events carry.
     * @param sourceName     name of the source, for counters and dead letters.
     * @param counters       engine counters, for rejections.
     * @param rejectListener told of every rejection.
     * @param closing        true once the engine is closing.
     * @param nanoClock      stamps publish time.
     * @param validator      checks field ranges.
     */
    public EventPublisher(
        final RingBuffer<NetworkEvent> ring,
        final int sourceId,
        final String sourceName,
        final SystemCounters counters,
        final RejectListener rejectListener,
        final BooleanSupplier closing,
        final NanoClock nanoClock,
        final EventValidator validator)
    {
        this.ring = ring;
        this.sourceId = sourceId;
        this.sourceName = sourceName;
        this.counters = counters;
        this.rejectListener = rejectListener;
        this.closing = closing;
        this.nanoClock = nanoClock;
        this.validator = validator;
    }

    /**
     * Validates and publishes one whole frame.
     *
     * @param buffer holding the frame.
     * @param offset at which it starts.
     * @param length of the frame, exactly.
     * @return {@link #PUBLISHED}, {@link #REJECTED} or {@link #CLOSED}.
     */
    public int publish(final DirectBuffer buffer, final int offset, final int length)
    {
        return publishAs(sourceId, buffer, offset, length);
    }

    /**
     * Validates and publishes one whole frame on behalf of another source id: replay uses it so replayed
     * events carry the source they first arrived from, and per-source state rebuilds the same.
     *
     * @param sourceId the event's original source.
     * @param buffer   holding the frame.
     * @param offset   at which it starts.
     * @param length   of the frame, exactly.
     * @return {@link #PUBLISHED}, {@link #REJECTED} or {@link #CLOSED}.
     */
    public int publishAs(final int sourceId, final DirectBuffer buffer, final int offset, final int length)
    {
        publishing = true;
        try
        {
            if (closing.getAsBoolean())
            {
                return CLOSED;
            }

            final int status = frameDecoder.decode(buffer, offset, length);
            if (status == FrameDecoder.FRAME && frameDecoder.frameLength() == length)
            {
                batchBuffer = buffer;
                batchSourceId = sourceId;
                if (!accept(buffer, offset, length, frameDecoder))
                {
                    return REJECTED;
                }
                return flushBatch() ? PUBLISHED : CLOSED;
            }

            final RejectReason reason = status == FrameDecoder.REJECTED ? frameDecoder.rejectReason() :
                status == FrameDecoder.NEED_MORE ? RejectReason.TRUNCATED_FRAME : RejectReason.BAD_LENGTH;
            rejectInput(reason, buffer, offset, length);
            return REJECTED;
        }
        finally
        {
            publishing = false;
        }
    }

    /**
     * Validates and publishes one whole frame stamped with a given publish time instead of the clock's: a load
     * generator passes each event's intended send time, so that latency is measured against its schedule and
     * includes any time the event spent waiting to be sent (correcting for coordinated omission).
     *
     * @param buffer       holding the frame.
     * @param offset       at which it starts.
     * @param length       of the frame, exactly.
     * @param publishNanos the time to stamp, on the engine's nano clock.
     * @return {@link #PUBLISHED}, {@link #REJECTED} or {@link #CLOSED}.
     */
    public int publishStamped(final DirectBuffer buffer, final int offset, final int length, final long publishNanos)
    {
        batchStampNanos = publishNanos;
        try
        {
            return publishAs(sourceId, buffer, offset, length);
        }
        finally
        {
            batchStampNanos = STAMP_FROM_CLOCK;
        }
    }

    /**
     * Validates and publishes the frames in a chunk of a stream. Garbage is rejected and skipped; an incomplete
     * frame at the end is left unconsumed unless this is the end of the input.
     *
     * @param buffer     holding the chunk.
     * @param offset     of its first byte.
     * @param length     of the chunk.
     * @param endOfInput whether no more bytes will follow.
     * @return bytes consumed, or {@link #CLOSED} if the engine closed before all valid frames were published.
     */
    public int publishStream(final DirectBuffer buffer, final int offset, final int length, final boolean endOfInput)
    {
        return publishStream(scanner, buffer, offset, length, endOfInput);
    }

    /**
     * Like {@link #publishStream(DirectBuffer, int, int, boolean)}, with the caller's scanner: a feed handler
     * that serves several streams from one thread (a TCP server's connections) keeps a scanner per stream, so
     * each stream's framing state stays its own, and shares this publisher, so the source's counts are one.
     *
     * @param scanner    the stream's scanner, used only with this publisher.
     * @param buffer     holding the chunk.
     * @param offset     of its first byte.
     * @param length     of the chunk.
     * @param endOfInput whether no more bytes will follow on this stream.
     * @return bytes consumed, or {@link #CLOSED} if the engine closed before all valid frames were published.
     */
    public int publishStream(
        final FrameScanner scanner,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final boolean endOfInput)
    {
        publishing = true;
        try
        {
            if (closing.getAsBoolean())
            {
                return CLOSED;
            }
            batchBuffer = buffer;
            batchSourceId = sourceId;
            batchClosed = false;
            final int consumed = scanner.scan(buffer, offset, length, endOfInput, this);
            if (!flushBatch() || batchClosed)
            {
                return CLOSED;
            }
            return consumed;
        }
        finally
        {
            publishing = false;
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onFrame(final DirectBuffer buffer, final int offset, final int length, final FrameDecoder decoder)
    {
        if (batchClosed)
        {
            return;
        }
        accept(buffer, offset, length, decoder);
        if (batchSize == MAX_BATCH && !flushBatch())
        {
            batchClosed = true;
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onReject(final RejectReason reason, final DirectBuffer buffer, final int offset, final int length)
    {
        rejectInput(reason, buffer, offset, length);
    }

    private boolean accept(final DirectBuffer buffer, final int offset, final int length, final FrameDecoder decoder)
    {
        final RejectReason reason = validator.validate(buffer, offset, decoder);
        if (null != reason)
        {
            rejectInput(reason, buffer, offset, length);
            return false;
        }

        bytesAccepted += length;
        final int i = batchSize++;
        batchOffsets[i] = offset;
        batchLengths[i] = length;
        batchTypes[i] = decoder.messageType();
        batchBlockLengths[i] = decoder.actingBlockLength();
        batchVersions[i] = decoder.actingVersion();
        return true;
    }

    private boolean flushBatch()
    {
        final int n = batchSize;
        if (0 == n)
        {
            return true;
        }

        final RingBuffer<NetworkEvent> ring = this.ring;
        long hi;
        while (true)
        {
            try
            {
                hi = ring.tryNext(n);
                break;
            }
            catch (final InsufficientCapacityException ex)
            {
                if (closing.getAsBoolean())
                {
                    batchSize = 0;
                    return false;
                }
                idleStrategy.idle();
            }
        }
        idleStrategy.reset();

        final long lo = hi - n + 1;
        final long nowNs = STAMP_FROM_CLOCK == batchStampNanos ? nanoClock.nanoTime() : batchStampNanos;
        final DirectBuffer buffer = batchBuffer;
        final int sourceId = batchSourceId;
        final EventDecoding decoding = this.decoding;
        for (int i = 0; i < n; i++)
        {
            final NetworkEvent event = ring.get(lo + i);
            decoding.fill(
                event, buffer, batchOffsets[i], batchLengths[i], batchTypes[i], batchBlockLengths[i], batchVersions[i]);
            event.sourceId = sourceId;
            event.publishNanos = nowNs;
            event.recovered = recovering;
            batchTypes[i] = null;
        }
        ring.publish(lo, hi);
        lastPublishedSequence = hi;

        counts.setRelease(ACCEPTED_INDEX, counts.getPlain(ACCEPTED_INDEX) + n);
        batchSize = 0;
        return true;
    }

    /**
     * Refuses a text record that a feed handler could not turn into a frame (or whose frame the edge would
     * refuse): counted under its reason for this source and in the engine's totals, and reported to the reject
     * listener with its text, line and column (the dead-letter journal keeps them).
     *
     * @param rejection why, where, and the record's text.
     * @param text      holding the record's text in UTF-8.
     * @param offset    at which it starts.
     * @param length    of the text in bytes.
     */
    public void rejectRecord(
        final TextRejection rejection, final DirectBuffer text, final int offset, final int length)
    {
        final RejectReason reason = rejection.reason();
        lastRejectReason = reason;
        final int index = 1 + reason.id();
        counts.setRelease(index, counts.getPlain(index) + 1);
        counters.reject(reason);
        rejectListener.onRejectRecord(sourceId, sourceName, rejection, text, offset, length);
    }

    private void rejectInput(final RejectReason reason, final DirectBuffer buffer, final int offset, final int length)
    {
        lastRejectReason = reason;
        final int index = 1 + reason.id();
        counts.setRelease(index, counts.getPlain(index) + 1);
        counters.reject(reason);
        rejectListener.onReject(sourceId, sourceName, reason, buffer, offset, length);
    }

    /**
     * Marks what this publisher publishes from now on as recovered from the engine's own journal
     * ({@link NetworkEvent#recovered}), or not. Call between publishes, from the publishing thread.
     *
     * @param recovering true while it replays the journal the engine writes.
     */
    public void recovering(final boolean recovering)
    {
        this.recovering = recovering;
    }

    /**
     * Whether a call is in progress; the engine waits for this to clear when closing, so that nothing a
     * publisher reported as published is left behind.
     *
     * @return true during {@link #publish} and {@link #publishStream}.
     */
    public boolean isPublishing()
    {
        return publishing;
    }

    /**
     * The ring sequence of the last event this publisher published: once the journaler's durable sequence
     * reaches it, everything this source sent so far is in the journal (what a feed acknowledges).
     *
     * @return the ring sequence, or -1 before the first publish.
     */
    public long lastPublishedSequence()
    {
        return lastPublishedSequence;
    }

    /**
     * The id this source's events carry.
     *
     * @return the source id.
     */
    public int sourceId()
    {
        return sourceId;
    }

    /**
     * The source's name.
     *
     * @return the name.
     */
    public String sourceName()
    {
        return sourceName;
    }

    /**
     * Events accepted into the ring from this source.
     *
     * @return the count.
     */
    public long accepted()
    {
        return counts.get(ACCEPTED_INDEX);
    }

    /**
     * Inputs refused from this source for one reason.
     *
     * @param reason of interest.
     * @return the count.
     */
    public long rejected(final RejectReason reason)
    {
        return counts.get(1 + reason.id());
    }

    /**
     * Inputs refused from this source, every reason together.
     *
     * @return the count.
     */
    public long rejected()
    {
        long total = 0;
        for (int i = 1; i < counts.length(); i++)
        {
            total += counts.get(i);
        }
        return total;
    }

    /**
     * Bytes of the frames this publisher accepted; read it on the publishing thread (a feed handler measuring
     * how much of a stream was good).
     *
     * @return the byte count.
     */
    public long bytesAccepted()
    {
        return bytesAccepted;
    }

    /**
     * Why the last refused input was refused.
     *
     * @return the reason, or null if nothing was refused yet.
     */
    public RejectReason lastRejectReason()
    {
        return lastRejectReason;
    }

    /**
     * Bytes thrown away while resynchronising streams after garbage.
     *
     * @return the count of bytes.
     */
    public long bytesSkipped()
    {
        return scanner.bytesSkipped();
    }
}
