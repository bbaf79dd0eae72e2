/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.engine.Engine;
import io.netpulse.engine.alert.NdjsonAlertSink;
import io.netpulse.engine.generator.EventGenerator;
import io.netpulse.engine.generator.GeneratorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code netpulse demo}: the main job on the embedded defaults. Generates a network and its events, runs them
 * through the engine with journaling on, and prints what happened.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Generate a 10,000-element network and 5 million events, run them through the engine with",
        "journaling on, and print a summary. The journal stays in the data directory for 'netpulse replay'."})
final class DemoCommand implements Callable<Integer>
{
    static final Path DEFAULT_DATA = Path.of("netpulse-data", "demo");

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--elements", defaultValue = "10000", description = "Network elements (default: ${DEFAULT-VALUE}).")
    int elements;

    @Option(names = "--events", defaultValue = "5000000", description = "Valid data events (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory, replaced on every demo " +
        "(default: netpulse-data/demo).")
    Path data = DEFAULT_DATA;

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        final Path dataDir = DataDirectory.prepare(data, true);
        final Path input = dataDir.resolve("input.frames");
        final EventGenerator generator = GenerateCommand.generate(
            GeneratorConfig.defaults(elements, events, seed), input, "generating");

        final Engine running = engine.apply(Engine.builder())
            .journalDirectory(DataDirectory.journal(dataDir))
            .alertSink(new NdjsonAlertSink(dataDir.resolve("alerts.ndjson")))
            .singlePublisher(true)
            .build();
        Runs.runFrameFile("demo", running, input, engine, dataDir, generator, spec.commandLine().getOut());
        return 0;
    }
}
