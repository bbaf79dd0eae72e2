/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import io.netpulse.engine.ThreadMode;

import java.util.List;

/**
 * What one {@code netpulse bench} run measures.
 *
 * @param modes                thread modes measured at {@link #elements()}, as written on the command line.
 * @param elements             network size for the modes, the latency and the peer.
 * @param events               valid data events in the modes' corpus.
 * @param scaleSizes           further network sizes measured for throughput and memory.
 * @param scaleModes           thread modes measured at each further size.
 * @param scaleEvents          valid data events in each scale corpus.
 * @param runs                 measured passes per figure.
 * @param warmUpRuns           passes run first and discarded, so the JIT has compiled the event path.
 * @param steadyWarmUpLaps     laps of the corpus each mode's steady-state allocation pass runs before the metered
 *                             one ({@link SteadyAllocationPass}).
 * @param rates                offered rates for the latency passes: events per second, or, at most 1, a fraction
 *                             of the mode's measured maximum.
 * @param latencySeconds       recorded seconds per latency pass.
 * @param latencyWarmUpSeconds unrecorded seconds before each.
 * @param peer                 whether to measure the peer side by side.
 * @param peerEvents           valid data events in the peer comparison's corpus.
 * @param unknownElementEvery  one unknown-element sample after every this many data frames; 0 for none.
 * @param publisherCpu         CPU to pin the publishing thread to, or -1.
 * @param seed                 the generator's seed.
 * @param kpiIntervalMs        how often each element reports each metric in the corpora's event time: how dense
 *                             event time is, and so how many events each minute bucket and window bucket gets.
 * @param settings             how each engine is built.
 */
public record BenchPlan(
    List<String> modes,
    int elements,
    long events,
    List<Integer> scaleSizes,
    List<String> scaleModes,
    long scaleEvents,
    int runs,
    int warmUpRuns,
    int steadyWarmUpLaps,
    List<Double> rates,
    double latencySeconds,
    double latencyWarmUpSeconds,
    boolean peer,
    long peerEvents,
    int unknownElementEvery,
    int publisherCpu,
    long seed,
    long kpiIntervalMs,
    BenchSettings settings)
{
    /**
     * Checks the plan.
     */
    public BenchPlan
    {
        if (modes.isEmpty())
        {
            throw new IllegalArgumentException("no thread modes to measure");
        }
        for (final String mode : modes)
        {
            ThreadMode.parse(mode);
        }
        for (final String mode : scaleModes)
        {
            ThreadMode.parse(mode);
        }
        if (runs < 1 || warmUpRuns < 0)
        {
            throw new IllegalArgumentException("runs must be >= 1 and warm-up runs >= 0");
        }
        if (steadyWarmUpLaps < 1)
        {
            throw new IllegalArgumentException("the steady-state pass needs at least one warm-up lap");
        }
        if (kpiIntervalMs < 1000)
        {
            throw new IllegalArgumentException("the KPI interval must be at least 1 s: " + kpiIntervalMs + " ms");
        }
        if (elements < 1 || events < 1 || scaleEvents < 1 || peerEvents < 1)
        {
            throw new IllegalArgumentException("elements and events must be positive");
        }
        for (final double rate : rates)
        {
            if (!(rate > 0))
            {
                throw new IllegalArgumentException("offered rates must be positive: " + rate);
            }
        }
        if (!(latencySeconds > 0) || latencyWarmUpSeconds < 0)
        {
            throw new IllegalArgumentException("latency seconds must be positive");
        }
        modes = List.copyOf(modes);
        scaleSizes = List.copyOf(scaleSizes);
        scaleModes = List.copyOf(scaleModes);
        rates = List.copyOf(rates);
    }
}
