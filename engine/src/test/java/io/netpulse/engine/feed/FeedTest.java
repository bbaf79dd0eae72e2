/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.feed;

import io.netpulse.codec.FrameDescriptor;
import io.netpulse.engine.Engine;
import io.netpulse.engine.EngineSummary;
import io.netpulse.engine.generator.EventGenerator;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.engine.ring.EventPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedTest
{
    @TempDir
    Path dir;

    private EventGenerator writeFile(final Path path, final GeneratorConfig config)
    {
        final EventGenerator generator = new EventGenerator(config);
        final long[] reported = {-1, -1};
        final long frames = FrameFileWriter.write(path, generator, (done, total) ->
        {
            reported[0] = done;
            reported[1] = total;
        });
        assertEquals(generator.stats().validData() + generator.stats().corrupted() +
            generator.topology().size() + 4, frames);
        assertEquals(config.events(), reported[0]);
        assertEquals(config.events(), reported[1]);
        return generator;
    }

    @Test
    void shouldFeedAFileThroughSmallWindowsWithoutLosingFramesAtTheSeams() throws Exception
    {
        final Path file = dir.resolve("in.frames");
        final EventGenerator generator = writeFile(file, GeneratorConfig.defaults(50, 30_000, 4));
        final long size = Files.size(file);

        final List<Long> progress = new ArrayList<>();
        final Engine engine = Engine.builder().build();
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("file");
            // windows and chunks that are not multiples of any frame length
            assertEquals(size, FrameFileReader.publish(file, publisher, (done, total) ->
            {
                assertEquals(size, total);
                progress.add(done);
            }, 10_007, 1_009));
        }
        final EngineSummary summary = engine.summary();
        assertEquals(generator.stats().validData(), summary.dataEvents());
        assertEquals(generator.stats().corrupted(), summary.rejectedTotal());
        assertEquals(size, (long)progress.get(progress.size() - 1));
        assertTrue(progress.size() > 10);
    }

    @Test
    void shouldReportATruncatedTail() throws Exception
    {
        final Path file = dir.resolve("in.frames");
        writeFile(file, GeneratorConfig.defaults(10, 1_000, 4).withCorruptFraction(0));
        final byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));

        final Engine engine = Engine.builder().build();
        try (engine)
        {
            FrameFileReader.publish(file, engine.newPublisher("file"), Progress.NONE);
        }
        assertEquals(999, engine.summary().dataEvents());
        assertEquals(1, engine.summary().rejected(io.netpulse.codec.RejectReason.TRUNCATED_FRAME));
    }

    @Test
    void shouldStopWhenTheEngineCloses() throws Exception
    {
        final Path file = dir.resolve("in.frames");
        writeFile(file, GeneratorConfig.defaults(10, 1_000, 4));
        final Engine engine = Engine.builder().build();
        final EventPublisher publisher = engine.newPublisher("file");
        engine.close();
        assertEquals(-1, FrameFileReader.publish(file, publisher, Progress.NONE));
        assertThrows(RuntimeException.class, () -> FrameFileReader.publish(dir.resolve("none"), publisher,
            Progress.NONE));
        assertThrows(RuntimeException.class, () -> new FrameFileWriter(dir.resolve("no/such/dir/f")));
    }

    @Test
    void shouldReplayARangeAtAFixedRate() throws Exception
    {
        final Path file = dir.resolve("in.frames");
        writeFile(file, GeneratorConfig.defaults(10, 2_000, 4).withCorruptFraction(0));
        final Path journal = dir.resolve("journal");
        try (Engine engine = Engine.builder().journalDirectory(journal).build())
        {
            FrameFileReader.publish(file, engine.newPublisher("file"), Progress.NONE);
        }

        final Engine replay = Engine.builder().build();
        final long startNs = System.nanoTime();
        final long replayed;
        try (replay)
        {
            replayed = JournalReplayer.replay(journal.resolve("input"), 100, 600, 5_000, replay.newPublisher("r"),
                Progress.NONE);
        }
        final long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
        assertEquals(500, replayed);
        assertEquals(500, replay.summary().published());
        assertTrue(elapsedMs >= 80, "500 events at 5,000/s take about 100 ms, took " + elapsedMs);

        final Engine closed = Engine.builder().build();
        final EventPublisher publisher = closed.newPublisher("r");
        closed.close();
        assertEquals(-1, JournalReplayer.replay(journal.resolve("input"), 0, Long.MAX_VALUE, 0, publisher,
            Progress.NONE));
        assertTrue(FrameDescriptor.MAX_FRAME_LENGTH > 0);
    }
}
