/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import io.netpulse.app.JsonWriter;
import io.netpulse.engine.stage.StageStalls;
import io.netpulse.engine.stage.StateHash;
import io.netpulse.perf.peer.EsperPeer;
import io.netpulse.perf.peer.PeerWorkload;
import org.HdrHistogram.Histogram;

import java.util.Formatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@link BenchResults} as a readable table or as one line of JSON.
 */
public final class BenchReport
{
    /** The offered rate whose latency is each mode's headline figure, when it was measured. */
    public static final long HEADLINE_RATE = 1_000_000;

    private static final double MIB = 1024.0 * 1024.0;

    private final BenchResults results;

    /**
     * A report.
     *
     * @param results what was measured.
     */
    public BenchReport(final BenchResults results)
    {
        this.results = results;
    }

    /**
     * The latency pass a mode is summarised by: the one at {@link #HEADLINE_RATE} if measured, else the first.
     *
     * @param mode the mode.
     * @return the pass, or null when the mode has none.
     */
    static LatencyPass headline(final BenchResults.ModeResult mode)
    {
        for (final LatencyPass pass : mode.latency())
        {
            if (pass.offeredEventsPerSecond() == HEADLINE_RATE)
            {
                return pass;
            }
        }
        return mode.latency().isEmpty() ? null : mode.latency().get(0);
    }

    /**
     * Most bytes allocated per event in steady state, in any mode: each mode's {@link SteadyAllocationPass}, an
     * engine that has built its state, metered over a further lap of the corpus with event time moving on.
     *
     * @return bytes per event.
     */
    public double allocationBytesPerEvent()
    {
        return worstSteady(SteadyAllocationPass::allocationBytesPerEvent);
    }

    /**
     * Most bytes allocated per event in steady state by the threads on the event path, in any mode
     * ({@link SteadyAllocationPass#eventPathAllocationBytesPerEvent()}).
     *
     * @return bytes per event.
     */
    public double eventPathAllocationBytesPerEvent()
    {
        return worstSteady(SteadyAllocationPass::eventPathAllocationBytesPerEvent);
    }

    private double worstSteady(final java.util.function.ToDoubleFunction<SteadyAllocationPass> figure)
    {
        double worst = 0;
        for (final BenchResults.ModeResult mode : results.modes())
        {
            if (null != mode.allocation())
            {
                worst = Math.max(worst, figure.applyAsDouble(mode.allocation()));
            }
        }
        return worst;
    }

    /**
     * Most bytes allocated per event by a fresh engine, in the middle 80% of any throughput pass, every mode and
     * size: mostly the engine building its state (series, windows, the cube's first tables), not steady state.
     *
     * @return bytes per event.
     */
    public double freshEngineAllocationBytesPerEvent()
    {
        double worst = 0;
        for (final BenchResults.ModeResult mode : results.modes())
        {
            worst = Math.max(worst, worstAllocation(mode.throughput()));
        }
        for (final BenchResults.ScaleResult size : results.scale())
        {
            worst = Math.max(worst, worstAllocation(size.throughput()));
        }
        return worst;
    }

    private static double worstAllocation(final List<ThroughputPass> passes)
    {
        double worst = 0;
        for (final ThroughputPass pass : passes)
        {
            worst = Math.max(worst, pass.allocationBytesPerEvent());
        }
        return worst;
    }

    private static ThroughputPass worstAllocationPass(final List<ThroughputPass> passes)
    {
        ThroughputPass worst = passes.get(0);
        for (final ThroughputPass pass : passes)
        {
            if (pass.allocationBytesPerEvent() > worst.allocationBytesPerEvent())
            {
                worst = pass;
            }
        }
        return worst;
    }

    private static MemoryFootprint memory(final List<ThroughputPass> passes)
    {
        for (final ThroughputPass pass : passes)
        {
            if (null != pass.memory())
            {
                return pass.memory();
            }
        }
        return null;
    }

    private long gcCollections()
    {
        long total = 0;
        for (final BenchResults.ModeResult mode : results.modes())
        {
            for (final ThroughputPass pass : mode.throughput())
            {
                total += pass.gcCollections();
            }
            for (final LatencyPass pass : mode.latency())
            {
                total += pass.gcCollections();
            }
            if (null != mode.allocation())
            {
                total += mode.allocation().gcCollections();
            }
        }
        for (final BenchResults.ScaleResult size : results.scale())
        {
            for (final ThroughputPass pass : size.throughput())
            {
                total += pass.gcCollections();
            }
        }
        return total;
    }

    /**
     * The report as one line of JSON.
     *
     * @return the JSON object.
     */
    public String json()
    {
        final BenchPlan plan = results.plan();
        final BenchSettings settings = plan.settings();
        final JsonWriter json = new JsonWriter().beginObject()
            .field("command", "bench")
            .field("date", results.date());
        json.name("machine").beginObject()
            .field("cores", results.machine().cores())
            .field("cpu", results.machine().cpu())
            .field("jdk", results.machine().jdk())
            .field("os", results.machine().os())
            .field("hugePages", results.machine().hugePages())
            .endObject();
        json.name("platform").beginArray();
        for (final PlatformStalls stalls : results.platform())
        {
            json.beginObject()
                .field("threads", stalls.threads())
                .field("spinNanos", stalls.spanNs())
                .field("maxStallNanos", stalls.maxGapNs())
                .field("stallsOverMillisecond", stalls.gapsOverMillisecond())
                .field("lostFraction", stalls.lostFraction())
                .endObject();
        }
        json.endArray();
        json.name("config").beginObject()
            .field("elements", plan.elements())
            .field("runs", plan.runs())
            .field("warmUpRuns", plan.warmUpRuns())
            .field("steadyWarmUpLaps", plan.steadyWarmUpLaps())
            .field("journal", settings.journal())
            .field("waitStrategy", settings.waitStrategy().label())
            .field("ringSize", settings.ringSize())
            .field("pinnedCpus", java.util.Arrays.toString(settings.cpus()))
            .field("publisherCpu", plan.publisherCpu())
            .field("latencySeconds", plan.latencySeconds())
            .field("seed", plan.seed())
            .field("kpiIntervalMs", plan.kpiIntervalMs())
            .endObject();
        corpus(json.name("corpus"), results.corpus());

        json.name("modes").beginObject();
        for (final BenchResults.ModeResult mode : results.modes())
        {
            if (null == mode.unavailable())
            {
                mode(json.name(mode.mode()), mode);
            }
        }
        json.endObject();
        json.name("unavailableModes").beginObject();
        for (final BenchResults.ModeResult mode : results.modes())
        {
            if (null != mode.unavailable())
            {
                json.field(mode.mode(), mode.unavailable());
            }
        }
        json.endObject();
        json.field("stateHashesAgree", stateHashesAgree());

        json.name("scale").beginArray();
        for (final BenchResults.ScaleResult size : results.scale())
        {
            json.beginObject().field("elements", size.elements()).field("mode", size.mode());
            corpus(json.name("corpus"), size.corpus());
            throughput(json, size.throughput());
            json.endObject();
        }
        json.endArray();

        json.field("allocationBytesPerEvent", allocationBytesPerEvent());
        json.field("eventPathAllocationBytesPerEvent", eventPathAllocationBytesPerEvent());
        json.field("freshEngineAllocationBytesPerEvent", freshEngineAllocationBytesPerEvent());
        json.field("gcCollectionsInMeasuredIntervals", gcCollections());

        final BenchResults.PeerComparison peer = results.peer();
        if (null != peer)
        {
            final Stats peerRate = Stats.of(peer.peer(), EsperPeer.Run::eventsPerSecond);
            final Stats bareRate = Stats.of(peer.peerNoJournal(), EsperPeer.Run::eventsPerSecond);
            final Stats netpulseRate = Stats.of(peer.netpulse(), ThroughputPass::eventsPerSecond);
            json.name("peer").beginObject()
                .field("name", peer.name())
                .field("eventsPerSecond", peerRate.median())
                .field("eventsPerSecondMin", peerRate.min())
                .field("eventsPerSecondMax", peerRate.max())
                .field("netpulseEventsPerSecond", netpulseRate.median())
                .field("netpulseEventsPerSecondMin", netpulseRate.min())
                .field("netpulseEventsPerSecondMax", netpulseRate.max())
                .field("ratio", peer.ratio())
                .field("peerJournals", true)
                .field("netpulseJournals", true)
                .field("peerWithoutJournalEventsPerSecond", bareRate.median())
                .field("ratioToPeerWithoutJournal", peer.ratioToPeerWithoutJournal())
                .field("resultsAgree", peer.agree())
                .field("workload", "per element and metric: 1-minute count/sum/min/max windows and an EWMA " +
                    "z-score flag (alpha " + PeerWorkload.EWMA_ALPHA + ", |z| > " + PeerWorkload.Z_THRESHOLD +
                    " after " + PeerWorkload.WARM_UP_SAMPLES + " samples); per minute, region and service: " +
                    "calls, unanswered calls, setup time");
            corpus(json.name("corpus"), peer.corpus());
            json.name("computed").beginObject();
            peer.netpulseComputed().writeTo(json.name("netpulse"));
            peer.peerComputed().writeTo(json.name("peer"));
            json.endObject().endObject();
        }
        return json.endObject().toString();
    }

    private boolean stateHashesAgree()
    {
        Long hash = null;
        for (final BenchResults.ModeResult mode : results.modes())
        {
            for (final ThroughputPass pass : mode.throughput())
            {
                if (null == hash)
                {
                    hash = pass.stateHash();
                }
                else if (hash != pass.stateHash())
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static void corpus(final JsonWriter json, final BenchResults.CorpusInfo corpus)
    {
        json.beginObject()
            .field("elements", corpus.elements())
            .field("validDataEvents", corpus.validDataEvents())
            .field("frames", corpus.frames())
            .field("corruptedFrames", corpus.corrupted())
            .field("unknownElementEvents", corpus.unknownElement())
            .field("bytes", corpus.bytes())
            .endObject();
    }

    private static void mode(final JsonWriter json, final BenchResults.ModeResult mode)
    {
        json.beginObject();
        throughput(json, mode.throughput());
        json.field("stateHash", StateHash.format(mode.throughput().get(0).stateHash()));
        final SteadyAllocationPass allocation = mode.allocation();
        json.field("allocationBytesPerEvent", allocation.allocationBytesPerEvent());
        json.field("eventPathAllocationBytesPerEvent", allocation.eventPathAllocationBytesPerEvent());
        json.name("allocationBytesPerEventByThread").beginObject();
        for (final Map.Entry<String, Double> entry : allocation.allocationBytesPerEventByThread().entrySet())
        {
            json.field(entry.getKey(), entry.getValue());
        }
        json.endObject();
        json.name("allocation").beginObject()
            .field("measured", "steady state: a further lap of the corpus's data, event time moved on, after " +
                "the same engine ran the data for the warm-up laps")
            .field("warmUpLaps", allocation.warmUpLaps())
            .field("warmUpEvents", allocation.warmUpEvents())
            .field("events", allocation.events())
            .field("eventTimeFromMs", allocation.eventTimeFromMs())
            .field("eventTimeSpanMs", allocation.eventTimeSpanMs())
            .field("allocatedBytes", allocation.allocatedBytes())
            .field("gcCollections", allocation.gcCollections())
            .field("gcPauseMs", allocation.gcPauseMs())
            .field("cubeBlocksAllocated", allocation.cubeBlocksAllocated())
            .field("cubeBlocksRecycled", allocation.cubeBlocksRecycled())
            .field("cubeClosedBytes", allocation.cubeClosedBytes())
            .endObject();
        final LatencyPass headline = headline(mode);
        if (null != headline)
        {
            json.field("offeredEventsPerSecond", headline.offeredEventsPerSecond());
            histogram(json.name("latencyNanos"), headline.lastStage());
            histogram(json.name("alertLatencyNanos"), headline.alert());
        }
        json.name("latency").beginArray();
        for (final LatencyPass pass : mode.latency())
        {
            json.beginObject()
                .field("offeredEventsPerSecond", pass.offeredEventsPerSecond())
                .field("achievedEventsPerSecond", pass.achievedEventsPerSecond())
                .field("events", pass.sentFrames())
                .field("maxSendLagNanos", pass.maxSendLagNs())
                .field("gcCollections", pass.gcCollections())
                .field("gcPauseMs", pass.gcPauseMs());
            histogram(json.name("latencyNanos"), pass.lastStage());
            histogram(json.name("alertLatencyNanos"), pass.alert());
            if (!pass.stageStalls().isEmpty())
            {
                json.name("stageStalls").beginArray();
                for (final StageStalls.Stall stall : pass.stageStalls())
                {
                    json.beginObject()
                        .field("stage", stall.stage())
                        .field("callsOver100us", stall.noted())
                        .field("callsOver1ms", stall.longCalls())
                        .field("nanosInThem", stall.totalNanos())
                        .field("maxNanos", stall.maxNanos())
                        .endObject();
                }
                json.endArray();
            }
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }

    private static void stageStalls(final Formatter out, final BenchResults results)
    {
        boolean header = false;
        for (final BenchResults.ModeResult mode : results.modes())
        {
            for (final LatencyPass pass : mode.latency())
            {
                for (final StageStalls.Stall stall : pass.stageStalls())
                {
                    if (!header)
                    {
                        out.format("%nstage calls over 100 us in the recorded span (--stage-stalls; a descheduled " +
                            "call counts too)%n");
                        out.format("  %-12s %11s  %-26s %9s %9s %9s %9s%n", "mode", "offered/s", "stage",
                            ">100 us", ">1 ms", "in them", "longest");
                        header = true;
                    }
                    out.format("  %-12s %,11d  %-26s %,9d %,9d %9s %9s%n", mode.mode(),
                        pass.offeredEventsPerSecond(), stall.stage(), stall.noted(), stall.longCalls(),
                        Bench.micros(stall.totalNanos()), Bench.micros(stall.maxNanos()));
                }
            }
        }
    }

    private static void throughput(final JsonWriter json, final List<ThroughputPass> passes)
    {
        final Stats rate = Stats.of(passes, ThroughputPass::eventsPerSecond);
        json.field("eventsPerSecond", rate.median())
            .field("eventsPerSecondMin", rate.min())
            .field("eventsPerSecondMax", rate.max());
        json.name("runs").beginArray();
        long gcs = 0;
        long gcMs = 0;
        for (final ThroughputPass pass : passes)
        {
            json.value(pass.eventsPerSecond());
            gcs += pass.gcCollections();
            gcMs += pass.gcPauseMs();
        }
        json.endArray();
        json.field("events", passes.get(0).events());
        final ThroughputPass worst = worstAllocationPass(passes);
        json.field("freshEngineAllocationBytesPerEvent", worst.allocationBytesPerEvent());
        json.name("freshEngineAllocationBytesPerEventByThread").beginObject();
        for (final Map.Entry<String, Long> entry : new TreeMap<>(worst.allocatedBytesByThread()).entrySet())
        {
            json.field(entry.getKey(), (double)entry.getValue() / Math.max(1, worst.allocationEvents()));
        }
        json.endObject();
        json.field("gcCollections", gcs).field("gcPauseMs", gcMs);
        final MemoryFootprint memory = memory(passes);
        if (null != memory)
        {
            json.name("memory").beginObject()
                .field("heapBytes", memory.heapBytes())
                .field("directBytes", memory.directBytes())
                .field("mappedBytes", memory.mappedBytes())
                .field("residentBytes", memory.residentBytes())
                .endObject();
        }
    }

    private static void histogram(final JsonWriter json, final Histogram histogram)
    {
        json.beginObject()
            .field("count", histogram.getTotalCount())
            .field("p50", histogram.getValueAtPercentile(50))
            .field("p90", histogram.getValueAtPercentile(90))
            .field("p99", histogram.getValueAtPercentile(99))
            .field("p999", histogram.getValueAtPercentile(99.9))
            .field("max", histogram.getMaxValue())
            .endObject();
    }

    /**
     * The report as a table.
     *
     * @return the text.
     */
    public String table()
    {
        final StringBuilder text = new StringBuilder(4096);
        final Formatter out = new Formatter(text, Locale.ROOT);
        final BenchPlan plan = results.plan();
        final BenchResults.Machine machine = results.machine();
        final BenchResults.CorpusInfo corpus = results.corpus();
        out.format("netpulse bench  %s  %d cores (%s), %s, %s, huge pages %s%n", results.date(), machine.cores(),
            machine.cpu(), machine.jdk(), machine.os(), machine.hugePages());
        out.format("corpus    %,d elements, %,d valid data events (%,d corrupted frames, %,d from unknown " +
            "elements), %.0f MiB in memory%n", corpus.elements(), corpus.validDataEvents(), corpus.corrupted(),
            corpus.unknownElement(), corpus.bytes() / MIB);
        for (final PlatformStalls stalls : results.platform())
        {
            out.format("platform  %s%n", stalls.describe());
        }
        out.format("engine    journal %s, wait %s, ring %,d slots, pinned %s; %d runs after %d warm-up passes%n",
            plan.settings().journal() ? "on" : "OFF", plan.settings().waitStrategy().label(),
            plan.settings().ringSize(), plan.settings().cpus().length == 0 ? "no" :
                java.util.Arrays.toString(plan.settings().cpus()), plan.runs(), plan.warmUpRuns());

        out.format("%nthroughput, events/s (journal and every stage on)%n");
        out.format("  %-12s %12s %12s %12s %12s %6s%n", "mode", "min", "median", "max", "fresh B/ev", "GCs");
        for (final BenchResults.ModeResult mode : results.modes())
        {
            if (null != mode.unavailable())
            {
                out.format("  %-12s not available: %s%n", mode.mode(), mode.unavailable());
                continue;
            }
            throughputRow(out, mode.mode(), mode.throughput());
        }

        out.format("%nlatency, publish to last stage, corrected for coordinated omission (publish to alert: " +
            "alert p99)%n");
        out.format("  %-12s %11s %11s %9s %9s %9s %9s | %9s %7s%n", "mode", "offered/s", "achieved/s", "p50", "p99",
            "p99.9", "max", "alert p99", "alerts");
        for (final BenchResults.ModeResult mode : results.modes())
        {
            for (final LatencyPass pass : mode.latency())
            {
                final Histogram h = pass.lastStage();
                out.format("  %-12s %,11d %,11.0f %9s %9s %9s %9s | %9s %,7d%n", mode.mode(),
                    pass.offeredEventsPerSecond(), pass.achievedEventsPerSecond(),
                    Bench.micros(h.getValueAtPercentile(50)), Bench.micros(h.getValueAtPercentile(99)),
                    Bench.micros(h.getValueAtPercentile(99.9)), Bench.micros(h.getMaxValue()),
                    pass.alert().getTotalCount() == 0 ? "-" : Bench.micros(pass.alert().getValueAtPercentile(99)),
                    pass.alert().getTotalCount());
            }
        }

        stageStalls(out, results);

        out.format("%nmemory, grown while the engine held its state (heap live after GC; off-heap: direct buffers, " +
            "mapped journal)%n");
        out.format("  %-22s %10s %10s %10s %10s%n", "size", "heap MiB", "direct MiB", "mapped MiB", "RSS MiB");
        for (final BenchResults.ModeResult mode : results.modes())
        {
            memoryRow(out, corpus.elements() + " elements, " + mode.mode(), memory(mode.throughput()));
        }
        for (final BenchResults.ScaleResult size : results.scale())
        {
            memoryRow(out, size.elements() + " elements, " + size.mode(), memory(size.throughput()));
        }

        if (!results.scale().isEmpty())
        {
            out.format("%nscale, events/s%n");
            out.format("  %-22s %12s %12s %12s %12s %6s%n", "elements, mode", "min", "median", "max", "fresh B/ev",
                "GCs");
            for (final BenchResults.ScaleResult size : results.scale())
            {
                throughputRow(out, String.format(Locale.ROOT, "%-22s", String.format(Locale.ROOT, "%,d %s",
                    size.elements(), size.mode())), size.throughput());
            }
        }

        out.format("%nallocation in steady state, bytes/event (a further lap of the corpus, event time moved on, " +
            "after %d warm-up laps on the same engine)%n", plan.steadyWarmUpLaps());
        out.format("  %-12s %12s %10s %10s %6s  %s%n", "mode", "events", "B/ev", "event path", "GCs",
            "by thread, B/ev");
        for (final BenchResults.ModeResult mode : results.modes())
        {
            final SteadyAllocationPass allocation = mode.allocation();
            if (null != allocation)
            {
                final StringBuilder byThread = new StringBuilder();
                for (final Map.Entry<String, Double> entry : allocation.allocationBytesPerEventByThread().entrySet())
                {
                    byThread.append(byThread.length() == 0 ? "" : ", ").append(entry.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.4f", entry.getValue()));
                }
                out.format("  %-12s %,12d %10.4f %10.4f %6d  %s%n", mode.mode(), allocation.events(),
                    allocation.allocationBytesPerEvent(), allocation.eventPathAllocationBytesPerEvent(),
                    allocation.gcCollections(), byThread);
            }
        }
        out.format("  worst %.4f bytes/event in steady state, %.4f on the event path (a fresh engine: %.4f, " +
            "building its state); %d GCs in measured intervals%n", allocationBytesPerEvent(),
            eventPathAllocationBytesPerEvent(), freshEngineAllocationBytesPerEvent(), gcCollections());

        final BenchResults.PeerComparison peer = results.peer();
        if (null != peer)
        {
            final Stats netpulse = Stats.of(peer.netpulse(), ThroughputPass::eventsPerSecond);
            final Stats other = Stats.of(peer.peer(), EsperPeer.Run::eventsPerSecond);
            out.format("%npeer, same workload and corpus (%,d elements, %,d events), passes alternating%n",
                peer.corpus().elements(), peer.corpus().validDataEvents());
            out.format("  %-34s %12s %12s %12s%n", "", "min", "median", "max");
            out.format("  %-34s %,12.0f %,12.0f %,12.0f%n", "netpulse (fused, journal on)", netpulse.min(),
                netpulse.median(), netpulse.max());
            out.format("  %-34s %,12.0f %,12.0f %,12.0f%n", peer.name() + " (journal on)", other.min(),
                other.median(), other.max());
            final Stats bare = Stats.of(peer.peerNoJournal(), EsperPeer.Run::eventsPerSecond);
            out.format("  %-34s %,12.0f %,12.0f %,12.0f%n", peer.name() + " (no journal)", bare.min(),
                bare.median(), bare.max());
            out.format("  ratio %.1fx (medians, both journaling; %.1fx against the peer without a journal)%n",
                peer.ratio(), peer.ratioToPeerWithoutJournal());
            out.format("  results %s: %s%n", peer.agree() ? "agree" : "DIFFER", peer.netpulseComputed());
        }
        out.flush();
        return text.toString();
    }

    private static void throughputRow(final Formatter out, final String label, final List<ThroughputPass> passes)
    {
        final Stats rate = Stats.of(passes, ThroughputPass::eventsPerSecond);
        long gcs = 0;
        for (final ThroughputPass pass : passes)
        {
            gcs += pass.gcCollections();
        }
        out.format("  %-12s %,12.0f %,12.0f %,12.0f %12.4f %6d%n", label, rate.min(), rate.median(), rate.max(),
            worstAllocation(passes), gcs);
    }

    private static void memoryRow(final Formatter out, final String label, final MemoryFootprint memory)
    {
        if (null == memory)
        {
            return;
        }
        out.format("  %-22s %10.1f %10.1f %10.1f %10.1f%n", label, memory.heapBytes() / MIB,
            memory.directBytes() / MIB, memory.mappedBytes() / MIB, memory.residentBytes() / MIB);
    }
}
