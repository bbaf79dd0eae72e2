/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.journal;

import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.FrameDecoder;
import io.netpulse.codec.FrameDescriptor;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.netpulse.codec.FrameDescriptor.BODY_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputJournalTest
{
    private static final long T = 1_767_225_600_000L;

    @TempDir
    Path dir;

    private final EventFrameEncoder encoder = new EventFrameEncoder();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);

    private long appendKpi(final InputJournalWriter writer, final long elementId, final int sourceId)
    {
        final int length = encoder.kpiSample(frame, 0, T + elementId, elementId, 1, elementId * 0.5, 0);
        return writer.append(sourceId, frame, 0, length);
    }

    /** What a read hands out. */
    private record Entry(long sequence, int sourceId, long elementId)
    {
    }

    private List<Entry> readAll(final Path journal, final long from, final long to)
    {
        final List<Entry> entries = new ArrayList<>();
        final FrameDecoder decoder = new FrameDecoder();
        try (InputJournalReader reader = new InputJournalReader(journal))
        {
            reader.read(from, to, (sequence, sourceId, buffer, offset, length) ->
            {
                assertEquals(FrameDecoder.FRAME, decoder.decode(buffer, offset, length));
                entries.add(new Entry(sequence, sourceId, buffer.getLong(offset + BODY_OFFSET + 8, LITTLE_ENDIAN)));
                return true;
            });
        }
        return entries;
    }

    @Test
    void shouldGiveEveryFrameItsSequenceAcrossBatches()
    {
        final Path journal = dir.resolve("input");
        try (InputJournalWriter writer = new InputJournalWriter(journal, 1024))
        {
            for (int i = 0; i < 1000; i++)
            {
                assertEquals(i, appendKpi(writer, i, i % 3));
                if (i % 97 == 0)
                {
                    writer.flush();
                }
            }
            assertEquals(1000, writer.nextSequence());
            assertTrue(writer.excerpts() > 10, "small batches force many excerpts");
        }

        final List<Entry> entries = readAll(journal, 0, Long.MAX_VALUE);
        assertEquals(1000, entries.size());
        for (int i = 0; i < 1000; i++)
        {
            assertEquals(new Entry(i, i % 3, i), entries.get(i));
        }
    }

    @Test
    void shouldReadARangeOfSequences()
    {
        final Path journal = dir.resolve("input");
        try (InputJournalWriter writer = new InputJournalWriter(journal, 2048))
        {
            for (int i = 0; i < 500; i++)
            {
                appendKpi(writer, i, 1);
            }
        }

        final List<Entry> range = readAll(journal, 123, 321);
        assertEquals(198, range.size());
        assertEquals(123, range.get(0).sequence());
        assertEquals(320, range.get(197).sequence());
        assertEquals(320, range.get(197).elementId());
        assertEquals(0, readAll(journal, 500, 600).size());
    }

    @Test
    void shouldStopWhenHandlerSaysSo()
    {
        final Path journal = dir.resolve("input");
        try (InputJournalWriter writer = new InputJournalWriter(journal))
        {
            for (int i = 0; i < 50; i++)
            {
                appendKpi(writer, i, 1);
            }
        }
        try (InputJournalReader reader = new InputJournalReader(journal))
        {
            final long[] last = {-1};
            final long read = reader.read(0, Long.MAX_VALUE, (sequence, sourceId, buffer, offset, length) ->
            {
                last[0] = sequence;
                return sequence < 9;
            });
            assertEquals(10, read);
            assertEquals(9, last[0]);
            assertEquals(50, reader.endSequence());
        }
    }

    @Test
    void shouldContinueSequenceWhenReopened()
    {
        final Path journal = dir.resolve("input");
        try (InputJournalWriter writer = new InputJournalWriter(journal))
        {
            for (int i = 0; i < 10; i++)
            {
                appendKpi(writer, i, 1);
            }
        }
        try (InputJournalWriter writer = new InputJournalWriter(journal))
        {
            assertEquals(10, writer.nextSequence());
            assertEquals(10, appendKpi(writer, 10, 2));
            writer.flush();
            assertEquals(11, writer.durableSequence());
            assertEquals(1, writer.excerpts());
            assertTrue(writer.bytesWritten() > InputJournalDescriptor.HEADER_LENGTH);
        }
        final List<Entry> entries = readAll(journal, 0, Long.MAX_VALUE);
        assertEquals(11, entries.size());
        assertEquals(new Entry(10, 2, 10), entries.get(10));
    }

    @Test
    void shouldReportEmptyJournal()
    {
        try (InputJournalReader reader = new InputJournalReader(dir.resolve("empty")))
        {
            assertEquals(0, reader.endSequence());
            assertEquals(0, reader.read(0, Long.MAX_VALUE, (s, id, b, o, l) -> true));
        }
    }

    @Test
    void shouldRefuseBadArguments()
    {
        assertThrows(IllegalArgumentException.class, () -> new InputJournalWriter(dir.resolve("x"), 16));
        try (InputJournalWriter writer = new InputJournalWriter(dir.resolve("y")))
        {
            assertThrows(IllegalArgumentException.class, () -> writer.append(70_000, frame, 0, 20));
            assertThrows(IllegalArgumentException.class, () -> writer.append(-1, frame, 0, 20));
            writer.flush();
            assertEquals(0, writer.excerpts());
        }
    }
}
