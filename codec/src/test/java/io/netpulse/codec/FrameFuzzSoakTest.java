/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The long fuzz run: ten million mutated frames through the decoder and validator one by one, and the same
 * mutations as streams through the scanner, counting every outcome. Nothing may throw; every refusal has a
 * reason; no frame damaged by at most five flipped bits outside its length field may pass its CRC32C (the
 * Castagnoli polynomial detects every such error at these lengths). Figures go to
 * {@code target/fuzz-soak.txt} and BENCHMARKS.md.
 */
@Tag("slow")
class FrameFuzzSoakTest
{
    private static final int MUTATED_FRAMES = Integer.getInteger("netpulse.fuzz.frames", 10_000_000);
    private static final int STREAM_FRAMES = 64;
    private static final int CORPUS = 4096;

    private static boolean changedWithin(final byte[] frame, final byte[] original, final int length)
    {
        if (length != original.length)
        {
            return true;
        }
        for (int i = 0; i < length; i++)
        {
            if (frame[i] != original[i])
            {
                return true;
            }
        }
        return false;
    }

    @Test
    void tenMillionMutatedFramesAreAllAnsweredWithAReason() throws IOException
    {
        final Random random = new Random(Long.getLong("netpulse.fuzz.seed", 20_261_123L));
        final EventFrameEncoder encoder = new EventFrameEncoder();
        final byte[][] corpus = new byte[CORPUS][];
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);
        for (int i = 0; i < CORPUS; i++)
        {
            final int length = FuzzSupport.randomFrame(random, encoder, scratch, 0);
            corpus[i] = new byte[length];
            scratch.getBytes(0, corpus[i]);
        }

        final FrameDecoder decoder = new FrameDecoder();
        final EventValidator validator = new EventValidator();
        final FrameScanner scanner = new FrameScanner();
        final Map<RejectReason, Long> decoderRejects = new EnumMap<>(RejectReason.class);
        final Map<RejectReason, Long> validatorRejects = new EnumMap<>(RejectReason.class);
        final long[] scannerCounts = new long[2];
        final FrameHandler streamHandler = new FrameHandler()
        {
            public void onFrame(
                final DirectBuffer buffer, final int offset, final int length, final FrameDecoder frameDecoder)
            {
                validator.validate(buffer, offset, frameDecoder);
                scannerCounts[0]++;
            }

            public void onReject(
                final RejectReason reason, final DirectBuffer buffer, final int offset, final int length)
            {
                assertNotNull(reason);
                scannerCounts[1]++;
            }
        };

        final byte[] frame = new byte[FrameDescriptor.MAX_FRAME_LENGTH * 2];
        final UnsafeBuffer frameBuffer = new UnsafeBuffer(frame);
        final byte[] stream = new byte[STREAM_FRAMES * FrameDescriptor.MAX_FRAME_LENGTH * 2];
        final UnsafeBuffer streamBuffer = new UnsafeBuffer(stream);
        final FuzzSupport.Mutation[] kinds = FuzzSupport.Mutation.values();
        long accepted = 0;
        long acceptedChanged = 0;
        long needMore = 0;
        long smallFlips = 0;
        long smallFlipsUndetected = 0;
        int streamLength = 0;
        int streamFrames = 0;
        long streamBytes = 0;

        final long startNs = System.nanoTime();
        for (int n = 0; n < MUTATED_FRAMES; n++)
        {
            final byte[] original = corpus[random.nextInt(CORPUS)];
            System.arraycopy(original, 0, frame, 0, original.length);
            int length = original.length;
            final boolean flipsOnly = random.nextBoolean();
            final int mutations = 1 + random.nextInt(flipsOnly ? 5 : 3);
            for (int m = 0; m < mutations && length > 0; m++)
            {
                length = flipsOnly ?
                    FuzzSupport.mutate(random, frame, length, 4, length, FuzzSupport.Mutation.FLIP_BIT) :
                    FuzzSupport.mutate(random, frame, length, 0, length, kinds[random.nextInt(kinds.length)]);
            }

            final int status = decoder.decode(frameBuffer, 0, length);
            if (status == FrameDecoder.FRAME)
            {
                final RejectReason invalid = validator.validate(frameBuffer, 0, decoder);
                if (null == invalid)
                {
                    accepted++;
                    if (changedWithin(frame, original, decoder.frameLength()))
                    {
                        acceptedChanged++;
                    }
                }
                else
                {
                    validatorRejects.merge(invalid, 1L, Long::sum);
                }
            }
            else if (status == FrameDecoder.REJECTED)
            {
                assertNotNull(decoder.rejectReason());
                decoderRejects.merge(decoder.rejectReason(), 1L, Long::sum);
            }
            else
            {
                needMore++;
            }

            if (flipsOnly)
            {
                boolean changed = length != original.length;
                for (int i = 0; i < Math.min(length, original.length) && !changed; i++)
                {
                    changed = frame[i] != original[i];
                }
                if (changed)
                {
                    smallFlips++;
                    if (status == FrameDecoder.FRAME)
                    {
                        smallFlipsUndetected++;
                    }
                }
            }

            System.arraycopy(frame, 0, stream, streamLength, length);
            streamLength += length;
            if (++streamFrames == STREAM_FRAMES)
            {
                int offset = 0;
                while (offset < streamLength)
                {
                    int chunk = Math.min(streamLength - offset, 1 + random.nextInt(4096));
                    int consumed;
                    // nothing consumed: an incomplete frame, or damaged frames waiting for what follows them,
                    // so present the bytes again with more behind them, as a stream reader would
                    while ((consumed = scanner.scan(streamBuffer, offset, chunk, offset + chunk == streamLength,
                        streamHandler)) == 0 && offset + chunk < streamLength)
                    {
                        chunk = Math.min(streamLength - offset, chunk * 2);
                    }
                    offset += consumed;
                }
                streamBytes += streamLength;
                streamLength = 0;
                streamFrames = 0;
            }
        }
        final long elapsedNs = System.nanoTime() - startNs;

        long refused = 0;
        for (final long count : decoderRejects.values())
        {
            refused += count;
        }
        for (final long count : validatorRejects.values())
        {
            refused += count;
        }
        assertEquals(MUTATED_FRAMES, accepted + refused + needMore, "every frame is answered");
        assertEquals(0, smallFlipsUndetected, "CRC32C catches every error of up to five bits");
        assertTrue(acceptedChanged <= 2, "a changed frame passes its CRC32C about once in 2^32: " + acceptedChanged);
        assertTrue(scannerCounts[1] > 0);

        final String report = String.format(Locale.ROOT,
            "mutated frames: %,d in %.1f s = %,.0f frames/s (decode + validate + stream scan)%n" +
            "  accepted: %,d (the mutation left the frame's bytes as they were: zeroing zeros, bytes past its end)," +
            " of them with changed bytes: %,d%n" +
            "  incomplete (truncated, waiting for more): %,d%n" +
            "  refused by the decoder: %s%n" +
            "  refused by the validator: %s%n" +
            "  frames damaged by 1-5 bit flips outside the length: %,d, undetected: %,d%n" +
            "  stream scan: %,d bytes, %,d frames delivered, %,d spans rejected, %,d bytes skipped%n",
            MUTATED_FRAMES, elapsedNs / 1e9, MUTATED_FRAMES / (elapsedNs / 1e9), accepted, acceptedChanged, needMore,
            decoderRejects,
            validatorRejects, smallFlips, smallFlipsUndetected, streamBytes, scannerCounts[0], scannerCounts[1],
            scanner.bytesSkipped());
        System.out.print(report);
        Files.writeString(Path.of("target", "fuzz-soak.txt"), report);
    }
}
