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

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzing of the frame decoder, the stream scanner and the validator with random bytes and with valid streams
 * mutated at random: no exception ever escapes, every byte is either part of a delivered frame or of a span
 * rejected with a reason (or skipped and counted), what is delivered is a frame that verifies, and damage is
 * contained: frames after a damaged one are recovered.
 */
class FrameFuzzPropertyTest
{
    private final EventFrameEncoder encoder = new EventFrameEncoder();

    /** Spans the scanner handed out, checked as they come. */
    private static final class Spans implements FrameHandler
    {
        final List<int[]> frames = new ArrayList<>();
        final List<int[]> rejects = new ArrayList<>();
        final FrameDecoder check = new FrameDecoder();
        final EventValidator validator = new EventValidator();
        int base;
        int lastEnd;
        long frameBytes;
        long rejectBytes;

        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final FrameDecoder decoder)
        {
            assertEquals(FrameDecoder.FRAME, check.decode(buffer, offset, length));
            assertEquals(length, check.frameLength());
            validator.validate(buffer, offset, decoder);
            record(frames, offset, length);
            frameBytes += length;
        }

        public void onReject(final RejectReason reason, final DirectBuffer buffer, final int offset, final int length)
        {
            assertNotNull(reason);
            assertTrue(length >= 0);
            record(rejects, offset, length);
            rejectBytes += length;
        }

        private void record(final List<int[]> spans, final int offset, final int length)
        {
            final int start = base + offset;
            assertTrue(start >= lastEnd, "spans are handed out in order, without overlap");
            lastEnd = start + length;
            spans.add(new int[]{start, length});
        }
    }

    private Spans scan(final byte[] data, final int length, final long chunkSeed)
    {
        final FrameScanner scanner = new FrameScanner();
        final Spans spans = new Spans();
        final Random chunks = new Random(chunkSeed);
        final UnsafeBuffer window = new UnsafeBuffer(new byte[length + FrameScanner.MAX_HELD_BACK * 2]);
        int position = 0;
        int pending = 0;
        while (position < length || pending > 0)
        {
            final int add = Math.min(length - position, 1 + chunks.nextInt(700));
            window.putBytes(pending, data, position, add);
            position += add;
            final int available = pending + add;
            final boolean end = position == length;
            spans.base = position - available;
            final int consumed = scanner.scan(window, 0, available, end, spans);
            assertTrue(consumed >= 0 && consumed <= available);
            pending = available - consumed;
            window.putBytes(0, window, consumed, pending);
            if (end)
            {
                assertEquals(0, pending, "everything is consumed at the end of the input");
                break;
            }
            assertTrue(pending <= FrameScanner.MAX_HELD_BACK + add, "only an incomplete frame or run is held back");
        }
        assertTrue(spans.frameBytes + spans.rejectBytes <= length);
        assertTrue(length - spans.frameBytes - spans.rejectBytes <= scanner.bytesSkipped(),
            "bytes in no span were skipped while resynchronising, and counted");
        assertEquals(spans.frames.size(), scanner.frames());
        assertEquals(spans.rejects.size(), scanner.rejects());
        return spans;
    }

    @Property(tries = 300)
    void randomBytesNeverBreakTheScanner(@ForAll @Size(max = 4096) final byte[] garbage, @ForAll final long chunkSeed)
    {
        scan(garbage, garbage.length, chunkSeed);
    }

    @Property(tries = 1000)
    void randomBytesNeverBreakTheDecoderOrValidator(@ForAll @Size(max = 600) final byte[] bytes)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final FrameDecoder decoder = new FrameDecoder();
        final int status = decoder.decode(buffer, 0, bytes.length);
        if (status == FrameDecoder.REJECTED)
        {
            assertNotNull(decoder.rejectReason());
        }
        else if (status == FrameDecoder.FRAME)
        {
            new EventValidator().validate(buffer, 0, decoder);
        }
        decoder.mayStartFrame(buffer, 0, bytes.length);
    }

    @Property(tries = 500)
    void mutatedStreamsAreScannedSafelyInAnyChunking(
        @ForAll final long seed,
        @ForAll @IntRange(min = 1, max = 40) final int frames,
        @ForAll @IntRange(min = 1, max = 6) final int mutations,
        @ForAll final long chunkSeed)
    {
        final Random random = new Random(seed);
        final byte[] data = new byte[frames * FrameDescriptor.MAX_FRAME_LENGTH * 2];
        final UnsafeBuffer buffer = new UnsafeBuffer(data);
        int length = 0;
        for (int i = 0; i < frames; i++)
        {
            length += FuzzSupport.randomFrame(random, encoder, buffer, length);
        }
        final FuzzSupport.Mutation[] kinds = FuzzSupport.Mutation.values();
        for (int i = 0; i < mutations && length > 0; i++)
        {
            length = FuzzSupport.mutate(random, data, length, 0, length, kinds[random.nextInt(kinds.length)]);
        }
        scan(data, length, chunkSeed);
    }

    @Property(tries = 300)
    void aCleanStreamGivesTheSameFramesInAnyChunking(
        @ForAll final long seed, @ForAll @IntRange(min = 1, max = 60) final int frames, @ForAll final long chunkSeed)
    {
        final Random random = new Random(seed);
        final byte[] data = new byte[frames * FrameDescriptor.MAX_FRAME_LENGTH];
        final UnsafeBuffer buffer = new UnsafeBuffer(data);
        final List<Integer> starts = new ArrayList<>();
        int length = 0;
        for (int i = 0; i < frames; i++)
        {
            starts.add(length);
            length += FuzzSupport.randomFrame(random, encoder, buffer, length);
        }
        final Spans spans = scan(data, length, chunkSeed);
        assertEquals(frames, spans.frames.size());
        assertEquals(0, spans.rejects.size());
        for (int i = 0; i < frames; i++)
        {
            assertEquals(starts.get(i), spans.frames.get(i)[0]);
        }
    }

    @Property(tries = 1000)
    void damageToOneFrameCostsOnlyThatFrame(
        @ForAll final long seed,
        @ForAll @IntRange(min = 0, max = 10) final int before,
        @ForAll @IntRange(min = 1, max = 10) final int after,
        @ForAll @IntRange(min = 1, max = 4) final int mutations,
        @ForAll final long chunkSeed)
    {
        final Random random = new Random(seed);
        final byte[] data = new byte[(before + after + 1) * FrameDescriptor.MAX_FRAME_LENGTH * 2];
        final UnsafeBuffer buffer = new UnsafeBuffer(data);
        int length = 0;
        for (int i = 0; i < before; i++)
        {
            length += FuzzSupport.randomFrame(random, encoder, buffer, length);
        }
        final int damagedStart = length;
        final int damagedLength = FuzzSupport.randomFrame(random, encoder, buffer, length);
        length += damagedLength;
        final byte[] original = new byte[damagedLength];
        buffer.getBytes(damagedStart, original);
        final int afterStart = length;
        for (int i = 0; i < after; i++)
        {
            length += FuzzSupport.randomFrame(random, encoder, buffer, length);
        }
        final byte[] tail = new byte[length - afterStart];
        buffer.getBytes(afterStart, tail);

        // damage the frame's bytes, never its length field: the scanner then skips exactly that frame
        boolean changed = false;
        for (int i = 0; i < mutations; i++)
        {
            final FuzzSupport.Mutation kind = random.nextBoolean() ? FuzzSupport.Mutation.FLIP_BIT :
                FuzzSupport.Mutation.SET_BYTE;
            FuzzSupport.mutate(random, data, length, damagedStart + 4, damagedStart + damagedLength, kind);
        }
        for (int i = 0; i < damagedLength; i++)
        {
            changed |= data[damagedStart + i] != original[i];
        }

        final Spans spans = scan(data, length, chunkSeed);
        final int expectedFrames = before + after + (changed ? 0 : 1);
        assertEquals(expectedFrames, spans.frames.size(), "frames around the damaged one all arrive");
        assertEquals(changed ? 1 : 0, spans.rejects.size());
        if (changed)
        {
            assertEquals(damagedStart, spans.rejects.get(0)[0]);
            assertEquals(damagedLength, spans.rejects.get(0)[1], "skipped exactly, wherever the chunks end");
        }
        final byte[] tailAfter = new byte[tail.length];
        buffer.getBytes(afterStart, tailAfter);
        assertTrue(java.util.Arrays.equals(tail, tailAfter));
    }

    @Property(tries = 500)
    void everyFrameOfARunOfDamagedFramesIsRefusedOnItsOwn(
        @ForAll final long seed,
        @ForAll @IntRange(min = 1, max = 40) final int damaged,
        @ForAll final boolean goodAfter,
        @ForAll final long chunkSeed)
    {
        final Random random = new Random(seed);
        final byte[] data = new byte[(damaged + 1) * FrameDescriptor.MAX_FRAME_LENGTH];
        final UnsafeBuffer buffer = new UnsafeBuffer(data);
        int length = 0;
        for (int i = 0; i < damaged; i++)
        {
            final int frameLength = FuzzSupport.randomFrame(random, encoder, buffer, length);
            data[length + frameLength - 1] ^= 0x5A;
            length += frameLength;
        }
        if (goodAfter)
        {
            length += FuzzSupport.randomFrame(random, encoder, buffer, length);
        }
        final Spans spans = scan(data, length, chunkSeed);
        assertEquals(damaged, spans.rejects.size(), "one rejection per damaged frame");
        assertEquals(goodAfter ? 1 : 0, spans.frames.size());
    }

    @Property(tries = 500)
    void framesAfterGarbageOfAnyLengthAreRecovered(
        @ForAll final long seed,
        @ForAll @Size(min = 1, max = 2000) final byte[] garbage,
        @ForAll @IntRange(min = 1, max = 10) final int after,
        @ForAll final long chunkSeed)
    {
        final Random random = new Random(seed);
        final byte[] data = new byte[garbage.length + after * FrameDescriptor.MAX_FRAME_LENGTH];
        System.arraycopy(garbage, 0, data, 0, garbage.length);
        final UnsafeBuffer buffer = new UnsafeBuffer(data);
        int length = garbage.length;
        final List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < after; i++)
        {
            starts.add(length);
            length += FuzzSupport.randomFrame(random, encoder, buffer, length);
        }
        final Spans spans = scan(data, length, chunkSeed);
        // garbage may happen to hold a frame-shaped span only with a matching CRC32C: 1 in 2^32 per position
        int found = 0;
        for (final int[] frame : spans.frames)
        {
            if (starts.contains(frame[0]))
            {
                found++;
            }
        }
        assertEquals(after, found, "every frame after the garbage is recovered");
        assertTrue(spans.rejects.size() >= 1);
    }
}
