/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.journal;

import io.netpulse.codec.RejectReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterJournalTest
{
    @TempDir
    Path dir;

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteAndReadBackEveryField()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16 * 1024]);
        final byte[] frame = {1, 2, 3, 4, 5};
        final byte[] big = new byte[DeadLetterDescriptor.MAX_PAYLOAD_LENGTH + 100];
        final byte[] longMessage = utf8("m".repeat(DeadLetterDescriptor.MAX_STRING_LENGTH + 10));
        try (DeadLetterJournal journal = new DeadLetterJournal(dir.resolve(DeadLetterJournal.DIRECTORY)))
        {
            int length = DeadLetter.encode(buffer, 0, 1000L, 3, RejectReason.BAD_CHECKSUM.id(), false, -1, 0,
                utf8("tcp:7701:10.0.0.5"), new byte[0], new byte[0], new byte[0], new UnsafeBuffer(frame), 0, 5);
            assertEquals(DeadLetter.encodedLength(utf8("tcp:7701:10.0.0.5"), new byte[0], new byte[0], new byte[0],
                5), length);
            journal.append(buffer, 0, length);
            length = DeadLetter.encode(buffer, 0, 2000L, 4, RejectReason.MALFORMED_RECORD.id(), true, 12, 7,
                utf8("csv:cells.csv"), utf8("csv"), longMessage, utf8("type,element"),
                new UnsafeBuffer(utf8("kpi,x")), 0, 5);
            journal.append(buffer, 0, length);
            length = DeadLetter.encode(buffer, 0, 3000L, 5, 999, false, -1, 0, utf8("flood"), new byte[0],
                new byte[0], new byte[0], new UnsafeBuffer(big), 0, big.length);
            journal.append(buffer, 0, length);
            assertEquals(3, journal.appended());
        }
        assertTrue(DeadLetterJournal.exists(dir));
        assertFalse(DeadLetterJournal.exists(dir.resolve("nowhere")));

        final List<DeadLetter> letters = new ArrayList<>();
        try (DeadLetterJournal journal = new DeadLetterJournal(dir.resolve(DeadLetterJournal.DIRECTORY)))
        {
            assertEquals(3, journal.read(0, letter -> true, letters::add));
        }
        final DeadLetter frameLetter = letters.get(0);
        assertEquals(1000L, frameLetter.refusedAtMs());
        assertEquals(3, frameLetter.sourceId());
        assertEquals("tcp:7701:10.0.0.5", frameLetter.sourceName());
        assertEquals(RejectReason.BAD_CHECKSUM, frameLetter.reason());
        assertFalse(frameLetter.text());
        assertFalse(frameLetter.truncated());
        assertEquals(-1, frameLetter.line());
        assertArrayEquals(frame, frameLetter.payload());
        assertEquals("", frameLetter.format());

        final DeadLetter textLetter = letters.get(1);
        assertTrue(textLetter.text());
        assertEquals(12, textLetter.line());
        assertEquals(7, textLetter.column());
        assertEquals("csv", textLetter.format());
        assertEquals(DeadLetterDescriptor.MAX_STRING_LENGTH, textLetter.message().length(), "strings are cut");
        assertEquals("type,element", textLetter.context());
        assertEquals("kpi,x", textLetter.payloadText());

        final DeadLetter flood = letters.get(2);
        assertNull(flood.reason(), "a reason from a newer version");
        assertEquals(999, flood.reasonId());
        assertTrue(flood.truncated());
        assertEquals(big.length, flood.originalLength());
        assertEquals(DeadLetterDescriptor.MAX_PAYLOAD_LENGTH, flood.payload().length);
        assertTrue(frameLetter.index() < textLetter.index() && textLetter.index() < flood.index());
    }

    @Test
    void shouldRefuseToDecodeBrokenRecords()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final int length = DeadLetter.encode(buffer, 0, 1L, 1, 1, false, -1, 0, utf8("s"), utf8("f"), utf8("m"),
            utf8("c"), new UnsafeBuffer(new byte[8]), 0, 8);
        for (int cut = 0; cut < length; cut++)
        {
            assertNull(DeadLetter.decode(0, buffer, 0, cut), "cut at " + cut);
        }
        buffer.putInt(length - 12, -5, java.nio.ByteOrder.LITTLE_ENDIAN);
        assertNull(DeadLetter.decode(0, buffer, 0, length), "a negative payload length");
    }
}
