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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * How long the window stage holds the event path when the watermark closes a minute: one call that rolls every
 * series' bucket of that minute up into its site, region and the network (default spec; every fifteenth minute a
 * fifteen-minute bucket too). The workload of {@link WindowUpdateBenchmark}: before each measured close a whole
 * minute of samples is applied, every series reporting once, with the watermark held back so nothing closes.
 * On a live network this happens once a minute; on the bench's default corpus at a million events a second, every
 * 67 ms, which is why it bears on the latency tail.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = {"-Xms2g", "-Xmx10g"})
@Warmup(iterations = 30)
@Measurement(iterations = 60)
public class WindowCloseBenchmark
{
    @Param({"10000", "100000", "1000000"})
    int series;

    private WindowFeed feed;
    private long closeAtMs;

    /**
     * Builds the window stage and runs one minute so every series exists.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        feed = new WindowFeed(series, false);
        feed.round(-1);
    }

    /**
     * Applies the next minute's samples, the watermark short of that minute's end (the minute before closes at
     * the round's first sample, here, not in the measured call).
     */
    @Setup(Level.Invocation)
    public void nextMinute()
    {
        feed.round(-1);
        closeAtMs = feed.roundStartMs();
    }

    /**
     * Moves the watermark to the end of the minute just applied: the close.
     *
     * @return the buckets closed so far, so the work is not optimised away.
     */
    @Benchmark
    public long closeMinute()
    {
        feed.updater().onWatermark(closeAtMs, closeAtMs);
        return feed.updater().bucketsClosed();
    }

    long samples()
    {
        return feed.updater().samples();
    }
}
