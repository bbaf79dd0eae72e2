/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import io.netpulse.codec.FrameDecoder;
import io.netpulse.engine.generator.EventGenerator;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.engine.ring.EventDecoding;
import io.netpulse.engine.ring.NetworkEvent;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusTest
{
    private static final GeneratorConfig CONFIG = GeneratorConfig.defaults(50, 20_000, 3).withCorruptFraction(0.01);

    @Test
    void shouldHoldTheGeneratorsFramesWithThePrefixFirst()
    {
        final Corpus corpus = Corpus.generate(CONFIG, 0);
        final EventGenerator generator = new EventGenerator(CONFIG);
        final org.agrona.concurrent.UnsafeBuffer frame = new org.agrona.concurrent.UnsafeBuffer(new byte[512]);
        final FrameDecoder decoder = new FrameDecoder();

        int position = 0;
        for (int i = 0; i < corpus.frames(); i++)
        {
            final int length = generator.next(frame, 0);
            assertEquals(position, corpus.frameOffset(i));
            assertEquals(length, corpus.frameLength(i), "frame " + i);
            for (int b = 0; b < length; b++)
            {
                assertEquals(frame.getByte(b), corpus.buffer().getByte(position + b));
            }
            if (i < corpus.prefixFrames())
            {
                assertEquals(FrameDecoder.FRAME, decoder.decode(corpus.buffer(), position, length));
                assertTrue(!decoder.messageType().isData(), "prefix frame " + i + " is configuration");
            }
            position += length;
        }
        assertEquals(0, generator.next(frame, 0), "every generated frame is in the corpus");
        assertEquals(position, corpus.length());
        assertEquals(corpus.frameOffset(corpus.prefixFrames()), corpus.prefixLength());
        assertEquals(20_000, corpus.validDataEvents());
        assertEquals(generator.stats().corrupted(), corpus.corruptedFrames());
        assertTrue(corpus.corruptedFrames() > 50);
        assertEquals(0, corpus.unknownElementEvents());
        assertEquals(CONFIG, corpus.config());
        assertTrue(corpus.lastEventTimeMs() > corpus.firstEventTimeMs());
    }

    @Test
    void shouldInjectUnknownElementSamplesAtTheEventTimeOfTheFrameBefore()
    {
        final Corpus corpus = Corpus.generate(CONFIG, 1000);
        final FrameDecoder decoder = new FrameDecoder();
        final EventDecoding decoding = new EventDecoding();
        final NetworkEvent previous = new NetworkEvent();
        final NetworkEvent event = new NetworkEvent();

        long unknown = 0;
        boolean previousValid = false;
        for (int i = corpus.prefixFrames(); i < corpus.frames(); i++)
        {
            final int offset = corpus.frameOffset(i);
            if (decoder.decode(corpus.buffer(), offset, corpus.frameLength(i)) != FrameDecoder.FRAME)
            {
                previousValid = false;
                continue;
            }
            decoding.fill(event, corpus.buffer(), offset, corpus.frameLength(i), decoder.messageType(),
                decoder.actingBlockLength(), decoder.actingVersion());
            if (event.elementId >= Corpus.UNKNOWN_ELEMENT_ID_BASE)
            {
                assertTrue(previousValid);
                assertEquals(previous.eventTimeMs, event.eventTimeMs);
                assertEquals(Corpus.UNKNOWN_ELEMENT_ID_BASE + unknown % Corpus.UNKNOWN_ELEMENTS, event.elementId);
                unknown++;
            }
            decoding.fill(previous, corpus.buffer(), offset, corpus.frameLength(i), decoder.messageType(),
                decoder.actingBlockLength(), decoder.actingVersion());
            previousValid = true;
        }
        assertEquals(20, unknown);
        assertEquals(unknown, corpus.unknownElementEvents());
        assertEquals(20_000 + unknown, corpus.validDataEvents());
    }

    @Test
    void shouldMoveEveryDataFramesEventTimeAndPutItBack()
    {
        final Corpus corpus = Corpus.generate(CONFIG, 1000);
        final byte[] original = Arrays.copyOf(corpus.buffer().byteArray(), corpus.length());
        final long[] timesBefore = dataEventTimes(corpus);
        final long spanMs = corpus.eventTimeSpanMs();
        assertEquals(corpus.lastEventTimeMs() - corpus.firstEventTimeMs() + CONFIG.kpiIntervalMs(), spanMs);

        corpus.shiftEventTime(spanMs);
        corpus.shiftEventTime(spanMs);
        assertEquals(2 * spanMs, corpus.shiftedMs());
        final long[] timesAfter = dataEventTimes(corpus);
        int moved = 0;
        for (int i = 0; i < timesBefore.length; i++)
        {
            if (timesBefore[i] == Long.MIN_VALUE)
            {
                assertEquals(Long.MIN_VALUE, timesAfter[i], "a frame refused (or not data) stays so: " + i);
            }
            else
            {
                assertEquals(timesBefore[i] + 2 * spanMs, timesAfter[i], "frame " + i);
                moved++;
            }
        }
        assertTrue(moved >= corpus.validDataEvents(), "every valid data frame moved and still sound: " + moved);
        for (int i = 0; i < corpus.prefixLength(); i++)
        {
            assertEquals(original[i], corpus.buffer().getByte(i), "the configuration prefix is left alone");
        }

        corpus.resetEventTime();
        assertEquals(0, corpus.shiftedMs());
        assertArrayEquals(original, Arrays.copyOf(corpus.buffer().byteArray(), corpus.length()));
    }

    /**
     * The event time of every data frame after the prefix that decodes, or {@code Long.MIN_VALUE} for one refused
     * or not data.
     */
    private static long[] dataEventTimes(final Corpus corpus)
    {
        final FrameDecoder decoder = new FrameDecoder();
        final EventDecoding decoding = new EventDecoding();
        final NetworkEvent event = new NetworkEvent();
        final long[] times = new long[corpus.frames() - corpus.prefixFrames()];
        for (int i = corpus.prefixFrames(); i < corpus.frames(); i++)
        {
            final int offset = corpus.frameOffset(i);
            if (decoder.decode(corpus.buffer(), offset, corpus.frameLength(i)) != FrameDecoder.FRAME ||
                !decoder.messageType().isData())
            {
                times[i - corpus.prefixFrames()] = Long.MIN_VALUE;
                continue;
            }
            decoding.fill(event, corpus.buffer(), offset, corpus.frameLength(i), decoder.messageType(),
                decoder.actingBlockLength(), decoder.actingVersion());
            times[i - corpus.prefixFrames()] = event.eventTimeMs;
        }
        return times;
    }
}
