/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.codec.text.TextEventReader;
import io.netpulse.codec.text.TextFormat;
import io.netpulse.codec.text.TextFormatOptions;
import io.netpulse.engine.Engine;
import io.netpulse.engine.EngineSummary;
import io.netpulse.engine.feed.FrameFileReader;
import io.netpulse.engine.feed.TextFeed;
import io.netpulse.engine.generator.EventGenerator;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.engine.window.Watermarks;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the commands that run the engine share: feed a frame file, close, report.
 */
final class Runs
{
    private Runs()
    {
    }

    /**
     * Publishes a frame file into an engine, closes it, and prints the report.
     *
     * @param command   name of the command, for the report.
     * @param engine    a running engine with no publisher yet.
     * @param input     the frame file.
     * @param options   engine options (for --json).
     * @param dataDir   where to write summary.json, or null.
     * @param generator the generator that made the input, or null.
     * @param out       where the report goes.
     * @return the report.
     */
    static RunReport runFrameFile(
        final String command,
        final Engine engine,
        final Path input,
        final EngineOptions options,
        final Path dataDir,
        final EventGenerator generator,
        final PrintWriter out)
    {
        final ProgressBar progress = new ProgressBar(command, "bytes");
        final long startNs;
        final long endNs;
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("file:" + input.getFileName());
            // The engine's ring was just allocated in the young generation: settle it into the old one now, rather
            // than have every young collection of the run copy tens of megabytes of slots until they are tenured.
            System.gc();
            startNs = System.nanoTime();
            FrameFileReader.publish(input, publisher, progress);
            engine.awaitDrained(Long.MAX_VALUE);
            endNs = System.nanoTime();
        }
        progress.finish();
        return report(command, engine, endNs - startNs, dataDir, generator, options, out);
    }

    /**
     * Late events by the source that sent them, by source name (or "source N" for sources of a replayed run).
     */
    static Map<String, Long> lateBySource(final Engine engine)
    {
        final Map<String, Long> late = new LinkedHashMap<>();
        final Watermarks watermarks = engine.router().watermarks();
        if (0 == watermarks.lateEvents())
        {
            return late;
        }
        final Map<Integer, String> names = new HashMap<>();
        for (final EventPublisher publisher : engine.publishers())
        {
            names.put(publisher.sourceId(), publisher.sourceName());
        }
        for (int source = 0; source <= Short.MAX_VALUE * 2 + 1; source++)
        {
            final long count = watermarks.lateEvents(source);
            if (count > 0)
            {
                late.put(names.getOrDefault(source, "source " + source), count);
            }
        }
        return late;
    }

    /**
     * Publishes a text file (CSV, NDJSON, Asterisk CDRs) into an engine, streaming it with constant memory,
     * closes the engine, and prints the report.
     *
     * @param command  name of the command, for the report.
     * @param engine   a running engine with no publisher yet.
     * @param input    the text file.
     * @param format   its format.
     * @param text     how to read it.
     * @param options  engine options (for --json).
     * @param dataDir  where to write summary.json, or null.
     * @param out      where the report goes.
     * @return the report.
     */
    static RunReport runTextFile(
        final String command,
        final Engine engine,
        final Path input,
        final TextFormat format,
        final TextFormatOptions text,
        final EngineOptions options,
        final Path dataDir,
        final PrintWriter out)
    {
        final ProgressBar progress = new ProgressBar(command, "bytes");
        final long startNs;
        final long endNs;
        try (engine)
        {
            final TextFeed feed = new TextFeed(engine.newPublisher(format.label() + ":" + input.getFileName()));
            final long size = size(input);
            final TextInputOptions.CountingInputStream in = TextInputOptions.open(input);
            startNs = System.nanoTime();
            try (TextEventReader reader = format.open(TextInputOptions.reader(in), text))
            {
                feed.publish(reader, progress, in::count, size);
            }
            engine.awaitDrained(Long.MAX_VALUE);
            endNs = System.nanoTime();
        }
        progress.finish();
        return report(command, engine, endNs - startNs, dataDir, null, options, out);
    }

    private static long size(final Path path)
    {
        try
        {
            return Files.size(path);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + path, ex);
        }
    }

    static RunReport report(
        final String command,
        final Engine engine,
        final long elapsedNs,
        final Path dataDir,
        final EventGenerator generator,
        final EngineOptions options,
        final PrintWriter out)
    {
        final EngineSummary summary = engine.summary();
        final RunReport report = new RunReport(
            command, summary, elapsedNs, null == dataDir ? null : DataDirectory.journal(dataDir).toString(), generator,
            engine.windows(), null == engine.cube() ? null : engine.cube().stats(), lateBySource(engine));
        final String json = report.json();
        if (null != dataDir)
        {
            try
            {
                Files.writeString(dataDir.resolve("summary.json"), json + "\n");
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot write summary", ex);
            }
        }
        out.print(options.json ? json + System.lineSeparator() : report.table());
        out.flush();
        return report;
    }
}
