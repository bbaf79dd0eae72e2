/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.engine.feed.FrameFileWriter;
import io.netpulse.engine.generator.EventGenerator;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.engine.topology.TopologyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code netpulse generate}: writes a synthetic network's events to a frame file, with the fault labels and
 * the topology beside it.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Write a deterministic synthetic network's events to a frame file.",
        "Beside FILE go FILE.labels.ndjson (the injected faults) and FILE.topology.csv."})
final class GenerateCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--elements", defaultValue = "10000", description = "Network elements (default: ${DEFAULT-VALUE}).")
    int elements;

    @Option(names = "--events", defaultValue = "1000000",
        description = "Valid data events; corrupted frames come on top (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Frame file to write.")
    Path out;

    @Option(names = "--interval-ms", defaultValue = "60000",
        description = "KPI reporting interval in milliseconds (default: ${DEFAULT-VALUE}).")
    long intervalMs;

    @Option(names = "--corrupt-fraction", defaultValue = "0.0005",
        description = "Share of frames corrupted (default: ${DEFAULT-VALUE}).")
    double corruptFraction;

    @Option(names = "--out-of-order-fraction", defaultValue = "0.005",
        description = "Share of frames delivered out of order (default: ${DEFAULT-VALUE}).")
    double outOfOrderFraction;

    @Option(names = "--no-faults", description = "Inject no faults.")
    boolean noFaults;

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        final GeneratorConfig config = GeneratorConfig.defaults(elements, events, seed)
            .withKpiIntervalMs(intervalMs)
            .withCorruptFraction(corruptFraction)
            .withOutOfOrder(outOfOrderFraction, 4096)
            .withFaults(!noFaults, 2.0);
        final long startNs = System.nanoTime();
        final EventGenerator generator = generate(config, out, "generate");
        final double seconds = (System.nanoTime() - startNs) / 1e9;

        final PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "wrote %,d valid events and %,d corrupted frames to %s in %.1f s%n",
            generator.stats().validData(), generator.stats().corrupted(), out, seconds);
        stdout.printf(Locale.ROOT, "  %,d elements in %d regions and %d sites; %,d faults labelled in %s%n",
            elements, generator.network().regions(), generator.network().sites(), generator.faults().size(),
            labelsPath(out));
        stdout.printf(Locale.ROOT, "  topology in %s%n", topologyPath(out));
        stdout.flush();
        return 0;
    }

    static Path labelsPath(final Path frames)
    {
        return frames.resolveSibling(frames.getFileName() + ".labels.ndjson");
    }

    static Path topologyPath(final Path frames)
    {
        return frames.resolveSibling(frames.getFileName() + ".topology.csv");
    }

    /**
     * Generates a frame file with its labels and topology.
     *
     * @param config what to generate.
     * @param out    the frame file.
     * @param label  for the progress bar.
     * @return the generator, for its statistics.
     */
    static EventGenerator generate(final GeneratorConfig config, final Path out, final String label)
    {
        final EventGenerator generator = new EventGenerator(config);
        final ProgressBar progress = new ProgressBar(label, "events");
        FrameFileWriter.write(out, generator, progress);
        progress.finish();
        generator.writeLabels(labelsPath(out));
        TopologyFile.write(topologyPath(out), generator.topology());
        return generator;
    }
}
