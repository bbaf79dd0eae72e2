/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.engine.Engine;
import io.netpulse.engine.feed.JournalReplayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code netpulse replay}: rebuilds state from a journal in a fresh engine and prints the same summary,
 * state hash included, so a run can be reproduced and checked.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Replay a data directory's input journal into a fresh engine and print its summary.",
        "The state hash equals the original run's when the whole journal is replayed."})
final class ReplayCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory of the run to replay " +
        "(default: netpulse-data/demo).")
    Path data = DemoCommand.DEFAULT_DATA;

    @Option(names = "--from", defaultValue = "0", paramLabel = "SEQ",
        description = "First journal sequence to replay (default: ${DEFAULT-VALUE}).")
    long from;

    @Option(names = "--to", paramLabel = "SEQ", description = "Journal sequence to stop before (default: the end).")
    long to = Long.MAX_VALUE;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "EVENTS_PER_S",
        description = "Replay at this many events per second; 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
    long rate;

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        final Path journal = DataDirectory.journal(data).resolve("input");
        if (!Files.isDirectory(journal))
        {
            throw new IllegalArgumentException("no journal in " + data + " (run 'netpulse demo' or 'netpulse run' first)");
        }
        if (from < 0 || to < from)
        {
            throw new IllegalArgumentException("--from and --to must satisfy 0 <= from <= to");
        }

        final Engine running = engine.apply(Engine.builder()).singlePublisher(true).build();
        final ProgressBar progress = new ProgressBar("replay", "events");
        final long startNs;
        final long endNs;
        try (running)
        {
            startNs = System.nanoTime();
            JournalReplayer.replay(journal, from, to, rate, running.newPublisher("replay"), progress);
            running.awaitDrained(Long.MAX_VALUE);
            endNs = System.nanoTime();
        }
        progress.finish();
        Runs.report("replay", running, endNs - startNs, null, null, engine, spec.commandLine().getOut());
        return 0;
    }
}
