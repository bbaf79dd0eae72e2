/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import io.netpulse.engine.WaitStrategyKind;
import io.netpulse.engine.window.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code netpulse bench}: the end-to-end performance harness. The repository's {@code ./netpulse} launcher
 * routes {@code bench} here, building the perf module on first use; the JVM flags are the launcher's.
 */
@Command(name = "netpulse bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Measure netpulse end to end on a pre-generated in-memory corpus, journal and every stage on:",
        "throughput per thread mode, latency at fixed offered rates (corrected for coordinated omission),",
        "bytes allocated per event, memory at larger networks, and the same workload on Esper side by side.",
        "The default run takes a few minutes on 2 cores; --full runs the long matrix."})
public final class BenchCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--modes", split = ",", paramLabel = "MODE",
        description = "Thread modes (default: fused,pipelined,sharded:2; a mode the engine lacks is reported " +
            "as not available).")
    List<String> modes = new ArrayList<>(List.of("fused", "pipelined", "sharded:2"));

    @Option(names = "--elements", paramLabel = "N", description = "Network elements for the modes, the latency " +
        "and the peer (default: ${DEFAULT-VALUE}).", defaultValue = "10000")
    int elements;

    @Option(names = "--events", paramLabel = "N", description = "Valid data events in the corpus " +
        "(default: ${DEFAULT-VALUE}).", defaultValue = "5000000")
    long events;

    @Option(names = "--scale", split = ",", paramLabel = "ELEMENTS",
        description = "Further network sizes measured for throughput and memory, fused (every mode with --full; " +
            "default: 100000,1000000; 'none' for none). A size whose state the heap cannot hold (about 100 KB an " +
            "element) is skipped with a note: give the JVM more with NETPULSE_OPTS=-Xmx...")
    List<String> scale = new ArrayList<>(List.of("100000", "1000000"));

    @Option(names = "--scale-events", paramLabel = "N", description = "Valid data events per scale corpus " +
        "(default: ${DEFAULT-VALUE}).", defaultValue = "8000000")
    long scaleEvents;

    @Option(names = "--runs", paramLabel = "N", description = "Measured passes per figure (default: " +
        "${DEFAULT-VALUE}).", defaultValue = "3")
    int runs;

    @Option(names = "--warmup-runs", paramLabel = "N", description = "Discarded passes first, for the JIT " +
        "(default: ${DEFAULT-VALUE}).", defaultValue = "2")
    int warmUpRuns;

    @Option(names = "--steady-laps", paramLabel = "N", description = "Laps of the corpus's data the allocation " +
        "pass runs on one engine before metering one more, event time moving on (default: ${DEFAULT-VALUE}; " +
        "more where they would cover less than 20 minutes of event time).",
        defaultValue = "" + SteadyAllocationPass.DEFAULT_WARM_UP_LAPS)
    int steadyLaps;

    @Option(names = "--rates", split = ",", paramLabel = "RATE",
        description = "Offered rates for latency: events/s, or a fraction (<= 1) of the mode's maximum " +
            "(default: 100000,1000000,0.8).")
    List<Double> rates = new ArrayList<>(List.of(100_000.0, 1_000_000.0, 0.8));

    @Option(names = "--latency-seconds", paramLabel = "S", description = "Recorded seconds per latency pass " +
        "(default: ${DEFAULT-VALUE}).", defaultValue = "2")
    double latencySeconds;

    @Option(names = "--no-peer", description = "Skip the side-by-side comparison with Esper.")
    boolean noPeer;

    @Option(names = "--peer-events", paramLabel = "N", description = "Valid data events in the peer comparison " +
        "(default: ${DEFAULT-VALUE}).", defaultValue = "2000000")
    long peerEvents;

    @Option(names = "--full", description = "The long matrix: every mode at every size, 5 runs, 5 s latency " +
        "passes, 5 million peer events (tens of minutes on 2 cores).")
    boolean full;

    @Option(names = "--wait", paramLabel = "STRATEGY", description = "How stage threads wait: busy-spin, " +
        "yielding, sleeping or blocking (default: ${DEFAULT-VALUE}, as every other command).",
        defaultValue = "sleeping")
    String waitStrategy;

    @Option(names = "--ring-size", paramLabel = "SLOTS", description = "Event ring slots (default: " +
        "${DEFAULT-VALUE}, the engine's own default: the slots' touched bytes stay in cache between the publisher " +
        "and the stages).", defaultValue = "16384")
    int ringSize;

    @Option(names = "--pin", split = ",", paramLabel = "CPU", description = "Pin stage threads to CPUs, " +
        "journaler first.")
    int[] cpus = new int[0];

    @Option(names = "--pin-publisher", paramLabel = "CPU", description = "Pin the publishing thread to a CPU.",
        defaultValue = "-1")
    int publisherCpu;

    @Option(names = "--stage-stalls", description = "Time every stage call in the latency passes and report, " +
        "stage by stage, the calls over 100 us and 1 ms in the recorded span: what holds the events behind it " +
        "(costs two clock reads a call).")
    boolean stageStalls;

    @Option(names = "--data", paramLabel = "DIR", description = "Where pass journals are written (each deleted " +
        "after its pass; default: the system temporary directory).")
    Path data = Path.of(System.getProperty("java.io.tmpdir"), "netpulse-bench");

    @Option(names = "--seed", description = "Generator seed (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1m", description = "How often each " +
        "element reports each metric in the corpus's event time (default: ${DEFAULT-VALUE}; at least 1s). The " +
        "default packs an hour of a 10,000-element network's event time into 4 million events, so the cube's " +
        "per-minute work weighs on each event about a thousand times more than at a live million events a second; " +
        "1s is sixty times denser.")
    String interval;

    @Option(names = "--json", description = "Print the results as one JSON object on standard output.")
    boolean json;

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        final BenchPlan plan = plan();
        final PrintWriter err = spec.commandLine().getErr();
        final BenchResults results = new Bench(plan, err).run();
        final BenchReport report = new BenchReport(results);
        final PrintWriter out = spec.commandLine().getOut();
        out.print(json ? report.json() + System.lineSeparator() : report.table());
        out.flush();
        return 0;
    }

    BenchPlan plan()
    {
        final List<Integer> sizes = new ArrayList<>();
        for (final String size : scale)
        {
            if (!"none".equalsIgnoreCase(size.trim()))
            {
                sizes.add(Integer.parseInt(size.trim()));
            }
        }
        final BenchSettings settings = new BenchSettings(
            WaitStrategyKind.parse(waitStrategy), ringSize, cpus, data, 64 * 1024, true, stageStalls);
        if (full)
        {
            return new BenchPlan(modes, elements, events, sizes, modes, scaleEvents, Math.max(runs, 5), warmUpRuns,
                steadyLaps, rates, Math.max(latencySeconds, 5), 1.0, !noPeer, Math.max(peerEvents, 5_000_000), 10_000,
                publisherCpu, seed, Durations.parseMs(interval), settings);
        }
        return new BenchPlan(modes, elements, events, sizes, List.of("fused"), scaleEvents, runs, warmUpRuns,
            steadyLaps, rates, latencySeconds,
            0.5, !noPeer, peerEvents, 10_000, publisherCpu, seed, Durations.parseMs(interval), settings);
    }

    /**
     * Runs a command line and returns its exit code.
     *
     * @param args the arguments after {@code bench}.
     * @param out  standard output.
     * @param err  standard error.
     * @return 0 for success, 1 for a failed run, 2 for bad usage.
     */
    public static int execute(final String[] args, final PrintWriter out, final PrintWriter err)
    {
        final CommandLine commandLine = new CommandLine(new BenchCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            cmd.getErr().println("netpulse bench: " + (null == ex.getMessage() ? ex.toString() : ex.getMessage()));
            if (Boolean.getBoolean("netpulse.debug"))
            {
                ex.printStackTrace(cmd.getErr());
            }
            cmd.getErr().flush();
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        return commandLine.execute(args);
    }

    /**
     * Entry point.
     *
     * @param args the arguments after {@code bench}.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }
}
