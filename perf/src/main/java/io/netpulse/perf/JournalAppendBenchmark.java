/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.journal.InputJournalWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What one journaled event costs, by how many frames share an excerpt: 1 is an excerpt per event, larger
 * batches are what the journaler writes at the end of each ring batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JournalAppendBenchmark
{
    private static final int EVENTS_PER_INVOCATION = 1024;

    @Param({"1", "16", "256", "1024"})
    int framesPerExcerpt;

    private Path directory;
    private InputJournalWriter writer;
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);
    private int frameLength;

    /**
     * Opens a fresh journal and encodes one KPI frame.
     *
     * @throws IOException if the temporary directory cannot be made.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        directory = Files.createTempDirectory("netpulse-journal-bench");
        writer = new InputJournalWriter(directory);
        frameLength = new EventFrameEncoder().kpiSample(frame, 0, 1_767_571_200_000L, 1_000_001, 2, 12.5, 0);
    }

    /**
     * Closes and deletes the journal.
     *
     * @throws IOException if it cannot be deleted.
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        writer.close();
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.delete(path);
            }
        }
    }

    /**
     * Appends 1024 frames, flushing an excerpt every {@link #framesPerExcerpt}.
     *
     * @return the next sequence, so the work is not optimised away.
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_INVOCATION)
    public long appendPerEvent()
    {
        final InputJournalWriter writer = this.writer;
        final int batch = framesPerExcerpt;
        for (int i = 1; i <= EVENTS_PER_INVOCATION; i++)
        {
            writer.append(1, frame, 0, frameLength);
            if (i % batch == 0)
            {
                writer.flush();
            }
        }
        return writer.nextSequence();
    }
}
