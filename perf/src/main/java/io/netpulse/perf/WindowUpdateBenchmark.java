/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What the window stage costs per KPI sample, by how many series it keeps (default spec: one-minute buckets for an
 * hour, fifteen-minute buckets for a day; 6,280 bytes a series). Every series reports once a minute of event time,
 * an element's four metrics together, as a collector sends them. In the steady order elements report in the same
 * order every minute (series sit in memory in that order); shuffled, consecutive samples hit unrelated series, so
 * with many series nearly every sample misses the caches. The cost includes the watermark-driven closes and
 * roll-ups into sites and regions, amortised over the samples.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// a million series of the default spec take 6.3 GB: this benchmark alone needs a large heap
@Fork(value = 1, jvmArgsPrepend = {"-Xms2g", "-Xmx10g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class WindowUpdateBenchmark
{
    private static final int EVENTS_PER_INVOCATION = 1024;
    private static final long WATERMARK_LAG_MS = 30_000;

    @Param({"10000", "100000", "1000000"})
    int series;

    /** Elements in the order they were first seen (a collector's steady order) or shuffled (every sample a miss). */
    @Param({"steady", "shuffled"})
    String order;

    private WindowFeed feed;

    /**
     * Builds the window stage and an order of elements, then runs one full minute so every series exists.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        feed = new WindowFeed(series, "shuffled".equals(order));
        feed.round(WATERMARK_LAG_MS);
    }

    /**
     * Applies 1024 KPI samples.
     *
     * @return the samples applied so far, so the work is not optimised away.
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_INVOCATION)
    public long applySamples()
    {
        for (int i = 0; i < EVENTS_PER_INVOCATION; i++)
        {
            feed.next(WATERMARK_LAG_MS);
        }
        return feed.updater().samples();
    }
}
