/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordJournalTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReadRecordsInOrderAndResume()
    {
        try (RecordJournal journal = new RecordJournal(dir))
        {
            final UnsafeBuffer heap = new UnsafeBuffer(new byte[4000]);
            final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(4000));
            for (int i = 0; i < 5; i++)
            {
                final UnsafeBuffer buffer = i % 2 == 0 ? heap : direct;
                final int length = 100 + i * 900;
                buffer.setMemory(0, length, (byte)i);
                journal.append(buffer, 0, length);
            }
            assertEquals(5, journal.records());
            assertEquals(100 + 1000 + 1900 + 2800 + 3700, journal.bytesWritten());

            final List<Integer> lengths = new ArrayList<>();
            final List<Long> indexes = new ArrayList<>();
            try (RecordJournal.Cursor cursor = journal.cursor())
            {
                assertEquals(2, cursor.poll(2, (index, buffer, offset, length) ->
                {
                    lengths.add(length);
                    indexes.add(index);
                }));
                assertEquals(3, cursor.poll(10, (index, buffer, offset, length) ->
                {
                    lengths.add(length);
                    indexes.add(index);
                    assertEquals((byte)(lengths.size() - 1), buffer.getByte(offset + length - 1));
                }));
                assertEquals(0, cursor.poll(10, (index, buffer, offset, length) -> lengths.add(-1)));
            }
            assertEquals(List.of(100, 1000, 1900, 2800, 3700), lengths);
            for (int i = 1; i < indexes.size(); i++)
            {
                assertTrue(indexes.get(i) > indexes.get(i - 1));
            }
        }
    }
}
