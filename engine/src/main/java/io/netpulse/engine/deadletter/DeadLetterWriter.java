/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.deadletter;

import io.netpulse.codec.RejectReason;
import io.netpulse.codec.text.TextRejection;
import io.netpulse.engine.ring.RejectListener;
import io.netpulse.engine.stage.ThreadAffinity;
import io.netpulse.journal.DeadLetter;
import io.netpulse.journal.DeadLetterJournal;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps every input refused at the edge in the dead-letter journal, with its raw bytes, source and reason.
 * Publishers on any thread hand rejections over through a lock-free many-to-one ring buffer; one thread of its
 * own appends them to Chronicle, so a publisher never waits on the journal and the journal has one writer.
 * Should the ring fill (a flood of garbage faster than the disk), the rejection is still counted by reason and
 * source, but its dead letter is dropped and counted in {@link #dropped()}.
 */
public final class DeadLetterWriter implements RejectListener, AutoCloseable
{
    /** Default ring capacity: room for thousands of letters while the writer catches up. */
    public static final int DEFAULT_RING_BYTES = 4 * 1024 * 1024;

    /** Smallest ring: a ring takes messages up to an eighth of its capacity, and a letter may be 9 KiB. */
    public static final int MIN_RING_BYTES = 128 * 1024;

    private static final int MESSAGE_TYPE = 1;
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] NO_MESSAGE = EMPTY;
    private static final long IDLE_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Source names whose UTF-8 bytes are kept, so a rejection from a known source encodes nothing anew. */
    static final int MAX_CACHED_NAMES = 1024;

    private final DeadLetterJournal journal;
    private final EpochClock clock;
    private final ManyToOneRingBuffer ring;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    // Publishers on any thread read it; a name's bytes never change, so a race only encodes a name twice.
    private final ConcurrentHashMap<String, byte[]> names = new ConcurrentHashMap<>();
    // One handler for every drain: a lambda written at the call would capture this and be allocated per drain,
    // a thousand times a second while idle.
    private final MessageHandler append = this::append;
    private volatile boolean running = true;

    /**
     * Opens the journal and starts the writer thread.
     *
     * @param directory of the dead-letter journal.
     * @param clock     stamps when input was refused.
     * @param ringBytes capacity of the hand-over ring, a power of two of at least {@link #MIN_RING_BYTES}.
     */
    public DeadLetterWriter(final Path directory, final EpochClock clock, final int ringBytes)
    {
        if (ringBytes < MIN_RING_BYTES || Integer.bitCount(ringBytes) != 1)
        {
            throw new IllegalArgumentException("ring must be a power of two of at least " + MIN_RING_BYTES);
        }
        this.journal = new DeadLetterJournal(directory);
        this.clock = clock;
        this.ring = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(ringBytes + RingBufferDescriptor.TRAILER_LENGTH)));
        this.thread = new Thread(this::run, "netpulse-dead-letters");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Opens the journal with the default ring.
     *
     * @param directory of the dead-letter journal.
     * @param clock     stamps when input was refused.
     */
    public DeadLetterWriter(final Path directory, final EpochClock clock)
    {
        this(directory, clock, DEFAULT_RING_BYTES);
    }

    /**
     * {@inheritDoc}
     */
    public void onReject(
        final int sourceId,
        final String sourceName,
        final RejectReason reason,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        offer(sourceId, sourceName, reason, false, -1, 0, EMPTY, NO_MESSAGE, EMPTY, buffer, offset, length);
    }

    /**
     * {@inheritDoc}
     */
    public void onRejectRecord(
        final int sourceId,
        final String sourceName,
        final TextRejection rejection,
        final DirectBuffer text,
        final int offset,
        final int length)
    {
        offer(sourceId, sourceName, rejection.reason(), true, rejection.line(), rejection.column(),
            utf8(rejection.format()), utf8(rejection.message()), utf8(rejection.context()), text, offset, length);
    }

    private static byte[] utf8(final String value)
    {
        return null == value ? EMPTY : value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The UTF-8 bytes of a source's name, encoded once per name (up to {@link #MAX_CACHED_NAMES} names): a
     * publisher refusing a burst of garbage allocates nothing per rejection.
     */
    private byte[] nameBytes(final String sourceName)
    {
        if (null == sourceName)
        {
            return EMPTY;
        }
        byte[] bytes = names.get(sourceName);
        if (null == bytes)
        {
            bytes = utf8(sourceName);
            if (names.size() < MAX_CACHED_NAMES)
            {
                names.putIfAbsent(sourceName, bytes);
            }
        }
        return bytes;
    }

    private void offer(
        final int sourceId,
        final String sourceName,
        final RejectReason reason,
        final boolean text,
        final long line,
        final int column,
        final byte[] format,
        final byte[] message,
        final byte[] context,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength)
    {
        final byte[] name = nameBytes(sourceName);
        final int length = DeadLetter.encodedLength(name, format, message, context, payloadLength);
        final int index = running ? ring.tryClaim(MESSAGE_TYPE, length) : RingBuffer.INSUFFICIENT_CAPACITY;
        if (index <= 0)
        {
            dropped.incrementAndGet();
            return;
        }
        try
        {
            DeadLetter.encode(ring.buffer(), index, clock.time(), sourceId, reason.id(), text, line, column, name,
                format, message, context, payload, payloadOffset, payloadLength);
            ring.commit(index);
        }
        catch (final RuntimeException ex)
        {
            ring.abort(index);
            dropped.incrementAndGet();
        }
    }

    private void run()
    {
        ThreadAffinity.unpin();
        while (running)
        {
            if (drain() == 0)
            {
                LockSupport.parkNanos(IDLE_NS);
            }
        }
        while (drain() > 0)
        {
            // what was handed over before close is written
        }
    }

    private int drain()
    {
        try
        {
            return ring.read(append, 256);
        }
        catch (final RuntimeException ex)
        {
            // a letter the journal would not take is lost, and counted; the writer carries on
            failed.incrementAndGet();
            return 1;
        }
    }

    private void append(final int type, final MutableDirectBuffer buffer, final int offset, final int length)
    {
        journal.append(buffer, offset, length);
        written.incrementAndGet();
    }

    /**
     * The writer thread's id, for tests that meter what it allocates.
     *
     * @return the id.
     */
    long threadId()
    {
        return thread.getId();
    }

    /**
     * Dead letters the journal failed to take (a full disk); each is lost and counted.
     *
     * @return the count.
     */
    public long failed()
    {
        return failed.get();
    }

    /**
     * Dead letters written to the journal.
     *
     * @return the count.
     */
    public long written()
    {
        return written.get();
    }

    /**
     * Dead letters dropped because the hand-over ring was full or the writer closing; their rejections were
     * still counted.
     *
     * @return the count.
     */
    public long dropped()
    {
        return dropped.get();
    }

    /**
     * Writes what was handed over, then closes the journal. Call once publishers have stopped.
     */
    public void close()
    {
        running = false;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        journal.close();
    }
}
