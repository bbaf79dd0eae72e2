/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import io.netpulse.perf.peer.EsperPeer;
import io.netpulse.perf.peer.PeerResults;

import java.util.List;

/**
 * Everything one {@code netpulse bench} run measured.
 *
 * @param plan    what was asked for.
 * @param machine where it ran.
 * @param date    when (UTC, ISO-8601).
 * @param corpus  the modes' corpus.
 * @param modes   per thread mode: throughput passes and latency passes, or why the mode could not run.
 * @param scale   per further network size and mode: throughput passes.
 * @param peer    the side-by-side comparison, or null when not run.
 * @param platform what the machine did to spinning threads before any pass: one thread, then one a core.
 */
public record BenchResults(
    BenchPlan plan,
    Machine machine,
    String date,
    CorpusInfo corpus,
    List<ModeResult> modes,
    List<ScaleResult> scale,
    PeerComparison peer,
    List<PlatformStalls> platform)
{
    /**
     * The machine.
     *
     * @param cores     available processors.
     * @param cpu       model name, where the OS says.
     * @param jdk       runtime name and version.
     * @param os        name and version.
     * @param hugePages the heap's huge pages ({@link HugePages#describe}).
     */
    public record Machine(int cores, String cpu, String jdk, String os, String hugePages)
    {
    }

    /**
     * A corpus, described.
     *
     * @param elements        network elements.
     * @param validDataEvents valid data events.
     * @param frames          frames in all.
     * @param corrupted       deliberately corrupted frames.
     * @param unknownElement  events from elements no topology knows.
     * @param bytes           size in memory.
     */
    public record CorpusInfo(
        int elements, long validDataEvents, long frames, long corrupted, long unknownElement, long bytes)
    {
        /**
         * Describes a corpus.
         *
         * @param corpus the corpus.
         * @return the description.
         */
        public static CorpusInfo of(final Corpus corpus)
        {
            return new CorpusInfo(corpus.config().elements(), corpus.validDataEvents(), corpus.frames(),
                corpus.corruptedFrames(), corpus.unknownElementEvents(), corpus.length());
        }
    }

    /**
     * One thread mode.
     *
     * @param mode        as written on the command line.
     * @param unavailable why it could not run, or null.
     * @param throughput  measured throughput passes.
     * @param allocation  the steady-state allocation pass, or null when the mode could not run.
     * @param latency     latency passes, one per offered rate.
     */
    public record ModeResult(
        String mode,
        String unavailable,
        List<ThroughputPass> throughput,
        SteadyAllocationPass allocation,
        List<LatencyPass> latency)
    {
    }

    /**
     * One further network size in one mode.
     *
     * @param elements   network elements.
     * @param mode       thread mode, as written on the command line.
     * @param corpus     its corpus.
     * @param throughput measured throughput passes.
     */
    public record ScaleResult(int elements, String mode, CorpusInfo corpus, List<ThroughputPass> throughput)
    {
    }

    /**
     * netpulse and the peer on one corpus, passes alternating.
     *
     * @param name             the peer.
     * @param corpus           the corpus both were fed.
     * @param netpulse         netpulse's passes (fused, journal on, router plus the workload's stages; windows, anomaly
     *                         detector and cube off, as the peer computes none of them).
     * @param peer             the peer's runs, journaling as netpulse does.
     * @param peerNoJournal    the peer's runs without a journal.
     * @param netpulseComputed what netpulse computed in its last pass.
     * @param peerComputed     what the peer computed in its last run.
     * @param agree            whether every pass of each side computed the same as the other side.
     */
    public record PeerComparison(
        String name,
        CorpusInfo corpus,
        List<ThroughputPass> netpulse,
        List<EsperPeer.Run> peer,
        List<EsperPeer.Run> peerNoJournal,
        PeerResults netpulseComputed,
        PeerResults peerComputed,
        boolean agree)
    {
        /**
         * netpulse's median throughput over the peer's, both journaling.
         *
         * @return the ratio.
         */
        public double ratio()
        {
            return Stats.of(netpulse, ThroughputPass::eventsPerSecond).median() /
                Stats.of(peer, EsperPeer.Run::eventsPerSecond).median();
        }

        /**
         * netpulse's median throughput over the peer's without a journal (netpulse still journaling).
         *
         * @return the ratio.
         */
        public double ratioToPeerWithoutJournal()
        {
            return Stats.of(netpulse, ThroughputPass::eventsPerSecond).median() /
                Stats.of(peerNoJournal, EsperPeer.Run::eventsPerSecond).median();
        }
    }
}
