/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.generator;

/**
 * What the synthetic generator produces. Immutable; {@code with...} methods give modified copies.
 *
 * @param elements           network elements (regions and sites are derived from this).
 * @param events             valid data events to produce; corrupted frames come on top.
 * @param seed               the same seed gives the same bytes.
 * @param startTimeMs        event time of the first round, epoch milliseconds.
 * @param kpiIntervalMs      every element reports every metric once per interval.
 * @param cdrPerKpi          call detail records per KPI sample.
 * @param qosPerKpi          QoS measurements per KPI sample.
 * @param flowPerKpi         flow records per KPI sample.
 * @param corruptFraction    share of data frames corrupted on top of the valid ones.
 * @param outOfOrderFraction share of valid frames delayed in the stream.
 * @param maxDelayEvents     longest delay of a delayed frame, in frames.
 * @param faults             whether to inject faults.
 * @param faultsPerThousand  degradations and congestions per thousand elements (outages and gaps: half).
 */
public record GeneratorConfig(
    int elements,
    long events,
    long seed,
    long startTimeMs,
    long kpiIntervalMs,
    double cdrPerKpi,
    double qosPerKpi,
    double flowPerKpi,
    double corruptFraction,
    double outOfOrderFraction,
    int maxDelayEvents,
    boolean faults,
    double faultsPerThousand)
{
    /** Monday 2026-01-05T00:00:00Z, so weekly seasonality starts on a weekday. */
    public static final long DEFAULT_START_TIME_MS = 1_767_571_200_000L;

    /**
     * Checks the settings.
     */
    public GeneratorConfig
    {
        if (elements < 1)
        {
            throw new IllegalArgumentException("elements must be >= 1: " + elements);
        }
        if (events < 0)
        {
            throw new IllegalArgumentException("events must be >= 0: " + events);
        }
        if (kpiIntervalMs < 1000)
        {
            throw new IllegalArgumentException("kpiIntervalMs must be >= 1000: " + kpiIntervalMs);
        }
        if (cdrPerKpi < 0 || qosPerKpi < 0 || flowPerKpi < 0)
        {
            throw new IllegalArgumentException("event mix must not be negative");
        }
        if (corruptFraction < 0 || corruptFraction >= 1 || outOfOrderFraction < 0 || outOfOrderFraction >= 1)
        {
            throw new IllegalArgumentException("fractions must be in [0, 1)");
        }
        if (maxDelayEvents < 1 || maxDelayEvents > 1 << 20)
        {
            throw new IllegalArgumentException("maxDelayEvents must be in 1..2^20: " + maxDelayEvents);
        }
    }

    /**
     * The defaults for a network of a size.
     *
     * @param elements network elements.
     * @param events   valid data events.
     * @param seed     random seed.
     * @return the configuration.
     */
    public static GeneratorConfig defaults(final int elements, final long events, final long seed)
    {
        return new GeneratorConfig(
            elements, events, seed, DEFAULT_START_TIME_MS, 60_000, 0.40, 0.15, 0.10, 0.0005, 0.005, 4096, true, 2.0);
    }

    /**
     * A copy with another corruption share.
     *
     * @param fraction share of data frames corrupted.
     * @return the copy.
     */
    public GeneratorConfig withCorruptFraction(final double fraction)
    {
        return new GeneratorConfig(elements, events, seed, startTimeMs, kpiIntervalMs, cdrPerKpi, qosPerKpi,
            flowPerKpi, fraction, outOfOrderFraction, maxDelayEvents, faults, faultsPerThousand);
    }

    /**
     * A copy with another out-of-order share.
     *
     * @param fraction       share of frames delayed.
     * @param maxDelayEvents longest delay in frames.
     * @return the copy.
     */
    public GeneratorConfig withOutOfOrder(final double fraction, final int maxDelayEvents)
    {
        return new GeneratorConfig(elements, events, seed, startTimeMs, kpiIntervalMs, cdrPerKpi, qosPerKpi,
            flowPerKpi, corruptFraction, fraction, maxDelayEvents, faults, faultsPerThousand);
    }

    /**
     * A copy with another reporting interval.
     *
     * @param intervalMs KPI interval.
     * @return the copy.
     */
    public GeneratorConfig withKpiIntervalMs(final long intervalMs)
    {
        return new GeneratorConfig(elements, events, seed, startTimeMs, intervalMs, cdrPerKpi, qosPerKpi,
            flowPerKpi, corruptFraction, outOfOrderFraction, maxDelayEvents, faults, faultsPerThousand);
    }

    /**
     * A copy with another event mix.
     *
     * @param cdr  CDRs per KPI sample.
     * @param qos  QoS measurements per KPI sample.
     * @param flow flow records per KPI sample.
     * @return the copy.
     */
    public GeneratorConfig withMix(final double cdr, final double qos, final double flow)
    {
        return new GeneratorConfig(elements, events, seed, startTimeMs, kpiIntervalMs, cdr, qos, flow,
            corruptFraction, outOfOrderFraction, maxDelayEvents, faults, faultsPerThousand);
    }

    /**
     * A copy with faults on or off, at a rate.
     *
     * @param enabled           whether to inject faults.
     * @param faultsPerThousand degradations and congestions per thousand elements.
     * @return the copy.
     */
    public GeneratorConfig withFaults(final boolean enabled, final double faultsPerThousand)
    {
        return new GeneratorConfig(elements, events, seed, startTimeMs, kpiIntervalMs, cdrPerKpi, qosPerKpi,
            flowPerKpi, corruptFraction, outOfOrderFraction, maxDelayEvents, enabled, faultsPerThousand);
    }

    /**
     * A copy starting at another event time.
     *
     * @param startMs first round's event time.
     * @return the copy.
     */
    public GeneratorConfig withStartTimeMs(final long startMs)
    {
        return new GeneratorConfig(elements, events, seed, startMs, kpiIntervalMs, cdrPerKpi, qosPerKpi,
            flowPerKpi, corruptFraction, outOfOrderFraction, maxDelayEvents, faults, faultsPerThousand);
    }

    /**
     * Data events per round: every element's KPI samples and the other events that go with them.
     *
     * @return events per KPI interval, before faults silence any.
     */
    public double eventsPerRound()
    {
        return (double)elements * SyntheticMetric.values().length * (1 + cdrPerKpi + qosPerKpi + flowPerKpi);
    }

    /**
     * Rounds (KPI intervals) the run spans, at least one.
     *
     * @return the round count.
     */
    public long rounds()
    {
        return Math.max(1, (long)Math.ceil(events / eventsPerRound()));
    }
}
