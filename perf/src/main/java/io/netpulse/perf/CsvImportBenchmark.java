/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import io.netpulse.codec.text.CsvEventReader;
import io.netpulse.codec.text.TextEventHandler;
import io.netpulse.codec.text.TextFormatOptions;
import io.netpulse.codec.text.TextIdentities;
import io.netpulse.codec.text.TextRejection;
import io.netpulse.engine.Engine;
import io.netpulse.engine.feed.Progress;
import io.netpulse.engine.feed.TextFeed;
import org.agrona.DirectBuffer;
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

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * CSV import from a file: {@code parse} reads and encodes every record into validated frames (the text side
 * alone); {@code import} publishes them into an engine that journals and routes them, as
 * {@code netpulse run --format csv} does. The file mixes KPI samples (named elements and metrics, ISO times)
 * and CDRs (quoted fields, numeric ids); time per record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class CsvImportBenchmark
{
    private static final int RECORDS = 1_000_000;
    private static final int ELEMENTS = 10_000;

    @Param({"kpi", "cdr"})
    String records;

    private Path file;
    private Path journal;

    /**
     * Writes the CSV file once.
     *
     * @throws IOException if it cannot be written.
     */
    @Setup(Level.Trial)
    public void write() throws IOException
    {
        file = Files.createTempFile("netpulse-import-bench", ".csv");
        final Random random = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            if ("kpi".equals(records))
            {
                out.write("type,eventTime,element,metric,value\n");
                for (int i = 0; i < RECORDS; i++)
                {
                    out.write(String.format(Locale.ROOT, "kpi,2026-11-23T%02d:%02d:%02d.%03dZ,cell-%05d,%s,%.3f%n",
                        (i / 3_600_000) % 24, (i / 60_000) % 60, (i / 1000) % 60, i % 1000, random.nextInt(ELEMENTS),
                        random.nextBoolean() ? "prb_utilisation" : "rrc_success", random.nextDouble() * 100));
                }
            }
            else
            {
                out.write("type,eventTime,cdrId,element,result,serviceType,setupMs,durationMs,mosX100,caller," +
                    "callee\n");
                for (int i = 0; i < RECORDS; i++)
                {
                    out.write(String.format(Locale.ROOT, "cdr,%d,%d,%d,\"%s\",voice,%d,%d,%d,\"+49 30 %07d\"," +
                        "\"+49 89 %07d\"%n", 1_795_428_000_000L + i, i, 1_000_000 + random.nextInt(ELEMENTS),
                        random.nextInt(20) == 0 ? "dropped" : "answered", 500 + random.nextInt(2000),
                        random.nextInt(600_000), 300 + random.nextInt(150), random.nextInt(10_000_000),
                        random.nextInt(10_000_000)));
                }
            }
        }
    }

    /**
     * Deletes the file.
     *
     * @throws IOException if it cannot be deleted.
     */
    @TearDown(Level.Trial)
    public void deleteFile() throws IOException
    {
        Files.delete(file);
    }

    /**
     * A fresh journal directory per iteration.
     *
     * @throws IOException if it cannot be made.
     */
    @Setup(Level.Iteration)
    public void makeJournal() throws IOException
    {
        journal = Files.createTempDirectory("netpulse-import-journal");
    }

    /**
     * Deletes the iteration's journal.
     *
     * @throws IOException if it cannot be deleted.
     */
    @TearDown(Level.Iteration)
    public void deleteJournal() throws IOException
    {
        Directories.delete(journal);
    }

    private Reader open() throws IOException
    {
        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    /**
     * Reads and encodes every record, publishing nothing.
     *
     * @return frames encoded.
     * @throws IOException if the file cannot be read.
     */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long parse() throws IOException
    {
        final long[] frames = {0};
        final TextEventHandler handler = new TextEventHandler()
        {
            public void onFrame(final DirectBuffer buffer, final int offset, final int length)
            {
                frames[0] += length;
            }

            public void onRejected(final TextRejection rejection)
            {
                throw new IllegalStateException(rejection.toString());
            }
        };
        try (CsvEventReader reader = new CsvEventReader(open(), new TextFormatOptions()
            .identities(new TextIdentities(true))))
        {
            while (reader.next(handler))
            {
                frames[0]++;
            }
        }
        return frames[0];
    }

    /**
     * Publishes every record into an engine with a journal, and waits until it has all been through.
     *
     * @return records read.
     * @throws IOException if the file cannot be read.
     */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long load() throws IOException
    {
        try (Engine engine = Engine.builder().journalDirectory(journal).autoRegisterElements(true).build())
        {
            final TextFeed feed = new TextFeed(engine.newPublisher("bench.csv"));
            final long read;
            try (CsvEventReader reader = new CsvEventReader(open(), new TextFormatOptions()
                .identities(new TextIdentities(true))))
            {
                read = feed.publish(reader, Progress.NONE, () -> 0, -1);
            }
            engine.awaitDrained(Long.MAX_VALUE);
            return read;
        }
    }
}
