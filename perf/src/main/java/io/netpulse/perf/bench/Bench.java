/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import io.netpulse.engine.ThreadMode;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.engine.stage.StageFactory;
import io.netpulse.engine.stage.ThreadAffinity;
import io.netpulse.perf.peer.EsperPeer;
import io.netpulse.perf.peer.EwmaAnomalyStage;
import io.netpulse.perf.peer.MinuteWindowStage;
import io.netpulse.perf.peer.PeerResults;
import io.netpulse.perf.peer.RegionServiceMinuteStage;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a {@link BenchPlan}: throughput per thread mode, latency at the offered rates, throughput and memory at
 * the further network sizes, and netpulse against the peer on one corpus, telling its progress as it goes.
 */
public final class Bench
{
    /** Heap per network element with every stage on (see {@link #heapNeeded}). */
    static final long HEAP_BYTES_PER_ELEMENT = 100_000;

    /** How long each platform probe spins. */
    static final long PLATFORM_PROBE_NS = 2_000_000_000L;

    private final BenchPlan plan;
    private final PrintWriter progress;

    /**
     * A bench.
     *
     * @param plan     what to measure.
     * @param progress where progress lines go (standard error for the command).
     */
    public Bench(final BenchPlan plan, final PrintWriter progress)
    {
        this.plan = plan;
        this.progress = progress;
    }

    /**
     * Measures everything the plan asks for.
     *
     * @return the results.
     */
    public BenchResults run()
    {
        // The machine and its stalls first: a pinned thread sees one CPU, and the threads it starts start on it.
        final BenchResults.Machine machine = machine();
        final String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        final List<PlatformStalls> platform = probePlatform();
        if (plan.publisherCpu() >= 0)
        {
            new ThreadAffinity(true).pin(plan.publisherCpu(), "publisher");
        }

        Corpus corpus = generate(plan.elements(), plan.events());
        final BenchResults.CorpusInfo corpusInfo = BenchResults.CorpusInfo.of(corpus);
        for (int i = 0; i < plan.warmUpRuns(); i++)
        {
            final ThroughputPass pass = ThroughputPass.run(corpus, ThreadMode.FUSED, plan.settings(), List.of(), true,
                false, null);
            say("warm-up %d/%d: %s events/s", i + 1, plan.warmUpRuns(), rate(pass.eventsPerSecond()));
        }

        final List<BenchResults.ModeResult> modes = new ArrayList<>();
        for (final String mode : plan.modes())
        {
            modes.add(measureMode(corpus, mode));
        }

        final List<BenchResults.ScaleResult> scale = new ArrayList<>();
        for (final int elements : plan.scaleSizes())
        {
            if (!heapFits(elements, Runtime.getRuntime().maxMemory()))
            {
                final long needGiB = heapNeeded(elements) >> 30;
                say("%,d elements: skipped: every stage's state needs about %d GiB of heap at this size and this JVM " +
                    "has %d GiB (give it more: NETPULSE_OPTS=-Xmx%dg ./netpulse bench ...)", elements, needGiB,
                    Runtime.getRuntime().maxMemory() >> 30, needGiB + 2);
                continue;
            }
            corpus = null;
            final Corpus sized = generate(elements, plan.scaleEvents());
            for (final String mode : plan.scaleModes())
            {
                try
                {
                    final List<ThroughputPass> passes = throughputPasses(
                        sized, ThreadMode.parse(mode), String.format(Locale.ROOT, "%,d elements %s", elements, mode));
                    scale.add(new BenchResults.ScaleResult(elements, mode, BenchResults.CorpusInfo.of(sized), passes));
                }
                catch (final UnsupportedOperationException ex)
                {
                    say("%s: not available (%s)", mode, ex.getMessage());
                }
            }
        }

        BenchResults.PeerComparison peer = null;
        if (plan.peer())
        {
            corpus = null;
            peer = comparePeer(generate(plan.elements(), plan.peerEvents()));
        }
        return new BenchResults(plan, machine, date, corpusInfo, modes, scale, peer, platform);
    }

    private Corpus generate(final int elements, final long events)
    {
        final long startNs = System.nanoTime();
        final Corpus corpus = Corpus.generate(
            GeneratorConfig.defaults(elements, events, plan.seed()).withKpiIntervalMs(plan.kpiIntervalMs()),
            plan.unknownElementEvery());
        say("corpus: %,d elements, %,d valid data events, %,d frames, %.0f MiB, generated in %.1f s",
            elements, corpus.validDataEvents(), corpus.frames(), corpus.length() / 1048576.0,
            (System.nanoTime() - startNs) / 1e9);
        return corpus;
    }

    private BenchResults.ModeResult measureMode(final Corpus corpus, final String modeText)
    {
        final ThreadMode mode = ThreadMode.parse(modeText);
        final List<ThroughputPass> passes;
        try
        {
            passes = throughputPasses(corpus, mode, modeText);
        }
        catch (final UnsupportedOperationException ex)
        {
            say("%s: not available (%s)", modeText, ex.getMessage());
            return new BenchResults.ModeResult(modeText, ex.getMessage(), List.of(), null, List.of());
        }

        System.gc();
        final SteadyAllocationPass allocation = SteadyAllocationPass.run(
            corpus, mode, plan.settings(), plan.steadyWarmUpLaps());
        say("%s steady state (after %d laps, %,d events): %.4f bytes allocated/event (event path %.4f) over %,d " +
            "events (%.0f event-minutes on), %d GCs; bytes by thread %s; cube blocks %,d new, %,d recycled, " +
            "%.0f MiB closed", modeText, allocation.warmUpLaps(), allocation.warmUpEvents(),
            allocation.allocationBytesPerEvent(), allocation.eventPathAllocationBytesPerEvent(), allocation.events(),
            allocation.eventTimeSpanMs() / 60_000.0, allocation.gcCollections(),
            allocation.allocatedBytesByThread(), allocation.cubeBlocksAllocated(), allocation.cubeBlocksRecycled(),
            allocation.cubeClosedBytes() / 1048576.0);

        final double maxRate = Stats.of(passes, ThroughputPass::eventsPerSecond).median();
        final List<LatencyPass> latency = new ArrayList<>();
        for (final double rate : plan.rates())
        {
            final long offered = rate <= 1 ? Math.max(1000, Math.round(rate * maxRate / 1000) * 1000) : (long)rate;
            System.gc();
            final LatencyPass pass = LatencyPass.run(corpus, mode, plan.settings(), List.of(), offered,
                (long)(offered * plan.latencyWarmUpSeconds()), (long)(offered * plan.latencySeconds()));
            latency.add(pass);
            say("%s latency at %s events/s offered: publish to last stage p50 %s p99 %s p99.9 %s max %s; " +
                "to alert p99 %s (%,d alerts)", modeText, rate(offered),
                micros(pass.lastStage().getValueAtPercentile(50)), micros(pass.lastStage().getValueAtPercentile(99)),
                micros(pass.lastStage().getValueAtPercentile(99.9)), micros(pass.lastStage().getMaxValue()),
                micros(pass.alert().getValueAtPercentile(99)), pass.alert().getTotalCount());
        }
        return new BenchResults.ModeResult(modeText, null, passes, allocation, latency);
    }

    private List<ThroughputPass> throughputPasses(final Corpus corpus, final ThreadMode mode, final String label)
    {
        final List<ThroughputPass> passes = new ArrayList<>();
        System.gc();
        final MemoryFootprint baseline = MemoryFootprint.measure(plan.settings().dataRoot().resolve("none"));
        for (int i = 0; i < plan.runs(); i++)
        {
            System.gc();
            final ThroughputPass pass = ThroughputPass.run(corpus, mode, plan.settings(), List.of(), true, 0 == i,
                baseline);
            passes.add(pass);
            say("%s pass %d/%d: %s events/s, %.3f bytes allocated/event by the fresh engine, %d GCs", label, i + 1,
                plan.runs(), rate(pass.eventsPerSecond()), pass.allocationBytesPerEvent(), pass.gcCollections());
        }
        return passes;
    }

    /**
     * Spins one thread, then one a core, with nothing else running: the stalls the machine itself imposes.
     */
    private List<PlatformStalls> probePlatform()
    {
        final int cores = Runtime.getRuntime().availableProcessors();
        final List<PlatformStalls> platform = new ArrayList<>();
        for (final int threads : cores > 1 ? new int[] {1, cores} : new int[] {1})
        {
            final PlatformStalls stalls = PlatformStalls.measure(threads, PLATFORM_PROBE_NS);
            say("platform: %s", stalls.describe());
            platform.add(stalls);
        }
        return platform;
    }

    private BenchResults.PeerComparison comparePeer(final Corpus corpus)
    {
        final long startNs = System.nanoTime();
        final EsperPeer esper = new EsperPeer();
        say("peer: %s statements compiled in %.1f s", EsperPeer.NAME, (System.nanoTime() - startNs) / 1e9);

        final List<ThroughputPass> netpulse = new ArrayList<>();
        final List<EsperPeer.Run> peer = new ArrayList<>();
        final List<EsperPeer.Run> peerNoJournal = new ArrayList<>();
        PeerResults netpulseComputed = null;
        PeerResults peerComputed = null;
        boolean agree = true;
        for (int i = -1; i < plan.runs(); i++)
        {
            final PeerResults computed = new PeerResults();
            final List<StageFactory> workload = List.of(
                context -> new MinuteWindowStage(computed),
                context -> new EwmaAnomalyStage(computed),
                context -> new RegionServiceMinuteStage(computed));
            System.gc();
            final ThroughputPass pass = ThroughputPass.run(
                corpus, ThreadMode.FUSED, plan.settings(), workload, false, false, null);
            final EsperPeer.Run journaled = runPeer(esper, corpus, true);
            final EsperPeer.Run bare = runPeer(esper, corpus, false);
            final boolean same = computed.agrees(journaled.results()) && computed.agrees(bare.results());
            agree &= same;
            say("peer %s: netpulse %s events/s; %s %s events/s journaling (x%.1f), %s without (x%.1f); results %s",
                i < 0 ? "warm-up" : (i + 1) + "/" + plan.runs(), rate(pass.eventsPerSecond()), EsperPeer.NAME,
                rate(journaled.eventsPerSecond()), pass.eventsPerSecond() / journaled.eventsPerSecond(),
                rate(bare.eventsPerSecond()), pass.eventsPerSecond() / bare.eventsPerSecond(),
                same ? "agree" : "DIFFER: netpulse " + computed + "; peer " + journaled.results());
            if (i >= 0)
            {
                netpulse.add(pass);
                peer.add(journaled);
                peerNoJournal.add(bare);
                netpulseComputed = computed;
                peerComputed = journaled.results();
            }
        }
        return new BenchResults.PeerComparison(EsperPeer.NAME, BenchResults.CorpusInfo.of(corpus), netpulse, peer,
            peerNoJournal, netpulseComputed, peerComputed, agree);
    }

    private EsperPeer.Run runPeer(final EsperPeer esper, final Corpus corpus, final boolean journal)
    {
        System.gc();
        if (!journal)
        {
            return esper.run(corpus, null);
        }
        final Path directory = plan.settings().passDirectory("peer-journal");
        try
        {
            return esper.run(corpus, directory);
        }
        finally
        {
            BenchSettings.delete(directory);
        }
    }

    /**
     * Heap the engine needs for a network of a size with every built-in stage on: window and anomaly series, the
     * cube's open and retained minutes and hours, the corpus. About 100 KB an element, from runs on dev-2c-x
     * (2026-11-24): 100,000 elements stalled in collections with a 4 GiB heap and ran at 456,505 events/s with 14.
     *
     * @param elements network elements.
     * @return bytes.
     */
    static long heapNeeded(final long elements)
    {
        return Math.max(1L << 30, elements * HEAP_BYTES_PER_ELEMENT);
    }

    /**
     * Whether a scale size can be measured in a heap: one that cannot would only measure the collector.
     *
     * @param elements     network elements.
     * @param maxHeapBytes the heap's limit.
     * @return true when it fits.
     */
    static boolean heapFits(final long elements, final long maxHeapBytes)
    {
        return heapNeeded(elements) <= maxHeapBytes;
    }

    private void say(final String format, final Object... args)
    {
        progress.println("bench: " + String.format(Locale.ROOT, format, args));
        progress.flush();
    }

    static String rate(final double eventsPerSecond)
    {
        return String.format(Locale.ROOT, "%,.0f", eventsPerSecond);
    }

    static String micros(final double nanos)
    {
        if (nanos >= 10_000_000)
        {
            return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
        }
        if (nanos >= 1_000_000)
        {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f us", nanos / 1000);
    }

    /**
     * Describes this machine.
     *
     * @return the machine.
     */
    public static BenchResults.Machine machine()
    {
        String cpu = "unknown";
        try
        {
            final Path cpuinfo = Path.of("/proc/cpuinfo");
            if (Files.isReadable(cpuinfo))
            {
                for (final String line : Files.readAllLines(cpuinfo))
                {
                    if (line.startsWith("model name"))
                    {
                        cpu = line.substring(line.indexOf(':') + 1).trim();
                        break;
                    }
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            cpu = "unknown";
        }
        return new BenchResults.Machine(
            Runtime.getRuntime().availableProcessors(), cpu,
            System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
            System.getProperty("os.name") + " " + System.getProperty("os.version"), HugePages.current());
    }
}
