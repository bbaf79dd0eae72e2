/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameScannerTest
{
    private static final long TIME = 1_767_225_600_000L;

    private final EventFrameEncoder encoder = new EventFrameEncoder();

    /** Records what the scanner hands out. */
    static final class Recorder implements FrameHandler
    {
        final List<Long> elementIds = new ArrayList<>();
        final List<RejectReason> rejects = new ArrayList<>();
        int rejectedBytes;

        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final FrameDecoder decoder)
        {
            elementIds.add(buffer.getLong(offset + FrameDescriptor.BODY_OFFSET + 8, java.nio.ByteOrder.LITTLE_ENDIAN));
        }

        public void onReject(final RejectReason reason, final DirectBuffer buffer, final int offset, final int length)
        {
            rejects.add(reason);
            rejectedBytes += length;
        }
    }

    private int writeKpis(final UnsafeBuffer buffer, final int offset, final long firstId, final int count)
    {
        int position = offset;
        for (int i = 0; i < count; i++)
        {
            position += encoder.kpiSample(buffer, position, TIME + i, firstId + i, 1, i, 0);
        }
        return position;
    }

    @Test
    void shouldDeliverEveryFrameOfACleanStream()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 16]);
        final int end = writeKpis(buffer, 0, 100, 50);
        final FrameScanner scanner = new FrameScanner();
        final Recorder recorder = new Recorder();

        assertEquals(end, scanner.scan(buffer, 0, end, true, recorder));
        assertEquals(50, recorder.elementIds.size());
        assertEquals(100L, recorder.elementIds.get(0));
        assertEquals(149L, recorder.elementIds.get(49));
        assertEquals(50, scanner.frames());
        assertEquals(0, scanner.rejects());
        assertEquals(0, scanner.bytesSkipped());
    }

    @Test
    void shouldSkipTrustedRejectExactly()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 16]);
        int end = writeKpis(buffer, 0, 1, 3);
        final int badStart = end;
        final int badLength = encoder.kpiSample(buffer, end, TIME, 99, 1, 1, 0);
        buffer.putShort(badStart + FrameDescriptor.MESSAGE_HEADER_OFFSET + 2, (short)30, java.nio.ByteOrder.LITTLE_ENDIAN);
        encoder.seal(buffer, badStart, badLength - FrameDescriptor.MIN_FRAME_LENGTH);
        end = writeKpis(buffer, badStart + badLength, 10, 3);

        final Recorder recorder = new Recorder();
        final FrameScanner scanner = new FrameScanner();
        scanner.scan(buffer, 0, end, true, recorder);
        assertEquals(List.of(1L, 2L, 3L, 10L, 11L, 12L), recorder.elementIds);
        assertEquals(List.of(RejectReason.UNKNOWN_TEMPLATE), recorder.rejects);
        assertEquals(badLength, recorder.rejectedBytes);
    }

    @Test
    void shouldResynchroniseAfterGarbage()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 16]);
        int end = writeKpis(buffer, 0, 1, 5);
        final Random random = new Random(7);
        for (int i = 0; i < 1000; i++)
        {
            buffer.putByte(end++, (byte)random.nextInt());
        }
        end = writeKpis(buffer, end, 100, 5);

        final Recorder recorder = new Recorder();
        final FrameScanner scanner = new FrameScanner();
        assertEquals(end, scanner.scan(buffer, 0, end, true, recorder));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 100L, 101L, 102L, 103L, 104L), recorder.elementIds);
        assertEquals(1, recorder.rejects.size());
        assertEquals(1000, scanner.bytesSkipped());
        assertFalse(scanner.isResynchronising());
    }

    @Test
    void shouldRejectTruncatedTailAtEndOfInput()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 16]);
        final int end = writeKpis(buffer, 0, 1, 2);
        final Recorder recorder = new Recorder();
        final FrameScanner scanner = new FrameScanner();

        final int firstLength = end / 2;
        assertEquals(firstLength, scanner.scan(buffer, 0, end - 5, false, recorder));
        assertEquals(1, recorder.elementIds.size());
        assertTrue(recorder.rejects.isEmpty());

        final Recorder atEnd = new Recorder();
        new FrameScanner().scan(buffer, 0, end - 5, true, atEnd);
        assertEquals(List.of(RejectReason.TRUNCATED_FRAME), atEnd.rejects);
    }

    @Property(tries = 100)
    void garbageAnywhereLosesOnlyTheFramesItTouches(
        @ForAll @Size(min = 1, max = 400) final byte[] garbage,
        @ForAll @IntRange(min = 1, max = 97) final int chunk)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 16]);
        int end = writeKpis(buffer, 0, 1, 20);
        buffer.putBytes(end, garbage);
        end += garbage.length;
        end = writeKpis(buffer, end, 1000, 20);

        // feed it in chunks, carrying unconsumed bytes over as a stream reader would
        final Recorder recorder = new Recorder();
        final FrameScanner scanner = new FrameScanner();
        final UnsafeBuffer window = new UnsafeBuffer(new byte[1 << 16]);
        int windowLength = 0;
        for (int position = 0; position < end; position += chunk)
        {
            final int n = Math.min(chunk, end - position);
            window.putBytes(windowLength, buffer, position, n);
            windowLength += n;
            final boolean last = position + n >= end;
            final int consumed = scanner.scan(window, 0, windowLength, last, recorder);
            window.putBytes(0, window, consumed, windowLength - consumed);
            windowLength -= consumed;
        }

        assertEquals(0, windowLength);
        final List<Long> ids = recorder.elementIds;
        for (long id = 1000; id < 1020; id++)
        {
            assertTrue(ids.contains(id), "lost frame after the garbage: " + id + " in " + ids);
        }
        for (long id = 1; id <= 20; id++)
        {
            assertTrue(ids.contains(id), "lost frame before the garbage: " + id);
        }
    }
}
