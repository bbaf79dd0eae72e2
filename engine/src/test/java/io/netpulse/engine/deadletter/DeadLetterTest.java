/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.deadletter;

import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.text.CsvEventReader;
import io.netpulse.codec.text.TextFormatOptions;
import io.netpulse.engine.Engine;
import io.netpulse.engine.feed.Progress;
import io.netpulse.engine.feed.TextFeed;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.journal.DeadLetter;
import io.netpulse.journal.DeadLetterDescriptor;
import io.netpulse.journal.DeadLetterJournal;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterTest
{
    private static final long T = 1_795_428_000_000L;

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    private static List<DeadLetter> readAll(final Path journal)
    {
        final List<DeadLetter> letters = new ArrayList<>();
        try (DeadLetterJournal deadLetters = new DeadLetterJournal(journal.resolve(DeadLetterJournal.DIRECTORY)))
        {
            deadLetters.read(0, letter -> true, letters::add);
        }
        return letters;
    }

    @Test
    void shouldKeepEveryRefusedInputWithItsBytesSourceAndReason()
    {
        final EventFrameEncoder encoder = new EventFrameEncoder();
        final UnsafeBuffer frames = new UnsafeBuffer(new byte[4096]);
        int length = encoder.kpiSample(frames, 0, T, 5, 3, 1.0, 0);
        final int badChecksumAt = length;
        final int badLength = encoder.kpiSample(frames, length, T, 6, 3, 2.0, 0);
        frames.putByte(badChecksumAt + FrameDescriptor.BODY_OFFSET + 3, (byte)0x7F);
        length += badLength;
        final int nanAt = length;
        final int nanLength = encoder.kpiSample(frames, length, T, 7, 3, Double.NaN, 0);
        length += nanLength;
        final byte[] badChecksumBytes = new byte[badLength];
        frames.getBytes(badChecksumAt, badChecksumBytes);
        final byte[] nanBytes = new byte[nanLength];
        frames.getBytes(nanAt, nanBytes);

        final Path journal = dir.resolve("journal");
        try (Engine engine = Engine.builder().journalDirectory(journal).autoRegisterElements(true)
            .epochClock(() -> 1234L).build())
        {
            final EventPublisher gateway = engine.newPublisher("gateway-7");
            assertEquals(length, gateway.publishStream(frames, 0, length, true));
            assertEquals(1, gateway.accepted());
            assertEquals(1, gateway.rejected(RejectReason.BAD_CHECKSUM));
            assertEquals(1, gateway.rejected(RejectReason.VALUE_NOT_FINITE));

            final EventPublisher csv = engine.newPublisher("file:cells.csv");
            final TextFeed feed = new TextFeed(csv);
            final String text = "type,eventTime,element,metric,value\nkpi,1795428000000,5,3,1\n" +
                "kpi,1795428000000,5,3,lots\nkpi,\"1795428000000\"x,5,3,1\n";
            assertEquals(3, feed.publish(new CsvEventReader(new StringReader(text), new TextFormatOptions()),
                Progress.NONE, () -> 0, -1));
            assertEquals(2, feed.rejected());
            assertEquals(1, csv.accepted());
            assertEquals(2, csv.rejected(RejectReason.MALFORMED_RECORD));
            assertEquals(RejectReason.MALFORMED_RECORD, csv.lastRejectReason());
        }

        final List<DeadLetter> letters = readAll(journal);
        assertEquals(4, letters.size(), letters.toString());

        final DeadLetter checksum = letters.get(0);
        assertEquals(RejectReason.BAD_CHECKSUM, checksum.reason());
        assertEquals("gateway-7", checksum.sourceName());
        assertEquals(1234L, checksum.refusedAtMs());
        assertFalse(checksum.text());
        assertEquals(-1, checksum.line());
        assertArrayEquals(badChecksumBytes, checksum.payload());
        assertEquals(badLength, checksum.originalLength());

        final DeadLetter nan = letters.get(1);
        assertEquals(RejectReason.VALUE_NOT_FINITE, nan.reason());
        assertArrayEquals(nanBytes, nan.payload());
        assertEquals(nan.sourceId(), checksum.sourceId());

        final DeadLetter value = letters.get(2);
        assertEquals(RejectReason.MALFORMED_RECORD, value.reason());
        assertEquals("file:cells.csv", value.sourceName());
        assertTrue(value.text());
        assertEquals(3, value.line());
        assertEquals(23, value.column());
        assertEquals("csv", value.format());
        assertEquals("type,eventTime,element,metric,value", value.context());
        assertTrue(value.message().startsWith("value:"), value.message());
        assertEquals("kpi,1795428000000,5,3,lots", value.payloadText());

        final DeadLetter quoting = letters.get(3);
        assertEquals(4, quoting.line());
        assertEquals(20, quoting.column());
        assertTrue(quoting.message().contains("closing quote"));
        assertTrue(letters.get(0).index() < letters.get(3).index());
    }

    @Test
    void shouldCutLongPayloadsAndEncodeTextInUtf8()
    {
        final Path journal = dir.resolve("journal");
        final byte[] garbage = new byte[20_000];
        Arrays.fill(garbage, (byte)0x5A);
        try (Engine engine = Engine.builder().journalDirectory(journal).build())
        {
            final EventPublisher publisher = engine.newPublisher("garbage");
            publisher.publishStream(new UnsafeBuffer(garbage), 0, garbage.length, true);
            final TextFeed feed = new TextFeed(engine.newPublisher("z\u00fcrich"));
            feed.publish(new CsvEventReader(new StringReader("type,element\nkpi,Z\u00fcrich-\u6771\uD83D\uDCF6\n"),
                new TextFormatOptions()), Progress.NONE, () -> 0, -1);
        }
        final List<DeadLetter> letters = readAll(journal);
        assertEquals(2, letters.size());
        assertTrue(letters.get(0).truncated());
        assertEquals(DeadLetterDescriptor.MAX_PAYLOAD_LENGTH, letters.get(0).payload().length);
        assertEquals(20_000, letters.get(0).originalLength());
        assertEquals("kpi,Z\u00fcrich-\u6771\uD83D\uDCF6", letters.get(1).payloadText());
        assertEquals("z\u00fcrich", letters.get(1).sourceName());
    }

    @Test
    void shouldReadFromAnIndexAndStopWhenAsked()
    {
        final Path journal = dir.resolve("journal");
        try (Engine engine = Engine.builder().journalDirectory(journal).build())
        {
            final EventPublisher publisher = engine.newPublisher("bad");
            final UnsafeBuffer bad = new UnsafeBuffer(new byte[FrameDescriptor.MIN_FRAME_LENGTH]);
            bad.putInt(0, 3, LITTLE_ENDIAN);
            for (int i = 0; i < 5; i++)
            {
                assertEquals(EventPublisher.REJECTED, publisher.publish(bad, 0, bad.capacity()));
            }
            assertNotNull(engine.deadLetters());
        }
        final List<DeadLetter> all = readAll(journal);
        assertEquals(5, all.size());
        try (DeadLetterJournal deadLetters = new DeadLetterJournal(journal.resolve(DeadLetterJournal.DIRECTORY)))
        {
            final List<DeadLetter> some = new ArrayList<>();
            assertEquals(2, deadLetters.read(all.get(2).index(), letter -> true, letter -> some.add(letter) &&
                some.size() < 2));
            assertEquals(all.get(2).index(), some.get(0).index());
            assertEquals(0, deadLetters.read(0, letter -> letter.reason() == RejectReason.DUPLICATE, l -> true));
        }
        assertTrue(DeadLetterJournal.exists(journal));
    }

    @Test
    void shouldDropLettersButKeepCountingWhenTheRingIsFull()
    {
        final Path journal = dir.resolve("letters");
        final DeadLetterWriter writer = new DeadLetterWriter(journal, () -> 0L, DeadLetterWriter.MIN_RING_BYTES);
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[DeadLetterDescriptor.MAX_PAYLOAD_LENGTH]);
        int offered = 0;
        while (writer.dropped() == 0 && offered < 100_000)
        {
            writer.onReject(1, "flood", RejectReason.BAD_LENGTH, payload, 0, payload.capacity());
            offered++;
        }
        writer.close();
        assertTrue(writer.dropped() >= 1);
        assertEquals(offered, writer.dropped() + writer.written());
        assertEquals(0, writer.failed());
        writer.onReject(1, "late", RejectReason.BAD_LENGTH, payload, 0, 10);
        assertEquals(offered + 1, writer.dropped() + writer.written(), "nothing is taken once closed");
    }

    @Test
    void shouldAllocateNothingPerRejectionFromAKnownSource()
    {
        final DeadLetterWriter writer = new DeadLetterWriter(dir.resolve("letters"), () -> 0L);
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[64]);
        final String source = "feed-" + 7;
        for (int i = 0; i < 1000; i++)
        {
            writer.onReject(1, source, RejectReason.BAD_CHECKSUM, payload, 0, payload.capacity());
        }
        // The fewest bytes of five rounds: the JIT recompiling the path mid-round (and materialising an object it
        // had kept in registers) can allocate once, but an allocation per rejection shows in every round.
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++)
        {
            final long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 1000; i++)
            {
                writer.onReject(1, source, RejectReason.BAD_CHECKSUM, payload, 0, payload.capacity());
            }
            fewest = Math.min(fewest, THREADS.getCurrentThreadAllocatedBytes() - before);
        }
        writer.close();
        assertEquals(0, fewest, "bytes allocated by 1,000 rejections");
        assertEquals(6000, writer.written() + writer.dropped());
        assertEquals(source, readLetters(dir.resolve("letters")).get((int)writer.written() - 1).sourceName());
    }

    @Test
    void shouldAllocateNothingWhileIdle() throws InterruptedException
    {
        final DeadLetterWriter writer = new DeadLetterWriter(dir.resolve("letters"), () -> 0L);
        writer.onReject(1, "once", RejectReason.BAD_CHECKSUM, new UnsafeBuffer(new byte[8]), 0, 8);
        final long deadlineNs = System.nanoTime() + 30_000_000_000L;
        while (writer.written() < 1 && System.nanoTime() < deadlineNs)
        {
            Thread.sleep(1);
        }
        assertEquals(1, writer.written());
        Thread.sleep(50);
        final long before = THREADS.getThreadAllocatedBytes(writer.threadId());
        // the writer looks for letters every millisecond: some hundreds of empty drains
        Thread.sleep(300);
        final long allocated = THREADS.getThreadAllocatedBytes(writer.threadId()) - before;
        writer.close();
        assertEquals(0, allocated, "bytes the idle writer allocated");
    }

    private static List<DeadLetter> readLetters(final Path directory)
    {
        final List<DeadLetter> letters = new ArrayList<>();
        try (DeadLetterJournal journal = new DeadLetterJournal(directory))
        {
            journal.read(0, letter -> true, letters::add);
        }
        return letters;
    }

    @Test
    void shouldCountALetterItCouldNotWriteAndCarryOn()
    {
        final DeadLetterWriter writer = new DeadLetterWriter(dir.resolve("letters"), () -> 0L);
        // a listener handed fewer bytes than it was told: the letter is abandoned, counted, and the ring stays sound
        writer.onReject(1, "broken", RejectReason.BAD_LENGTH, new UnsafeBuffer(new byte[4]), 0, 100);
        writer.onReject(1, "fine", RejectReason.BAD_LENGTH, new UnsafeBuffer(new byte[4]), 0, 4);
        writer.close();
        assertEquals(1, writer.dropped());
        assertEquals(1, writer.written());
        final List<DeadLetter> letters = new ArrayList<>();
        try (DeadLetterJournal journal = new DeadLetterJournal(dir.resolve("letters")))
        {
            journal.read(0, letter -> true, letters::add);
        }
        assertEquals(1, letters.size());
        assertEquals("fine", letters.get(0).sourceName());
    }

    @Test
    void shouldRefuseARingTooSmallForALetter()
    {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> new DeadLetterWriter(dir.resolve("x"), () -> 0L, 1024));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> new DeadLetterWriter(dir.resolve("x"), () -> 0L, DeadLetterWriter.MIN_RING_BYTES + 1));
    }

    @Test
    void shouldNotKeepDeadLettersWhenToldNotTo()
    {
        try (Engine engine = Engine.builder().journalDirectory(dir.resolve("journal")).deadLetters(false).build())
        {
            assertNull(engine.deadLetters());
        }
        assertFalse(DeadLetterJournal.exists(dir.resolve("journal")));
    }

    @Test
    void shouldDecodeOnlyWholeRecords()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final byte[] empty = new byte[0];
        final int length = DeadLetter.encode(buffer, 0, 5, 2, RejectReason.LATE.id(), true, 9, 4, "s".getBytes(),
            empty, empty, empty, new UnsafeBuffer("abc".getBytes()), 0, 3);
        final DeadLetter letter = DeadLetter.decode(7, buffer, 0, length);
        assertEquals(RejectReason.LATE, letter.reason());
        assertEquals("abc", letter.payloadText());
        assertNull(DeadLetter.decode(7, buffer, 0, length - 1));
        assertNull(DeadLetter.decode(7, buffer, 0, 10));
        assertEquals(MessageType.KPI_SAMPLE.label(), "kpi");
    }
}
