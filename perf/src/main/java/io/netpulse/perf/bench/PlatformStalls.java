/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What the machine does to threads that never wait: each spins on {@link System#nanoTime()} for a while and notes
 * every gap between two readings, time it did not run (the OS, the hypervisor, the JVM stopping threads). An
 * event that arrived in such a gap would have waited it out whatever the engine did, so this, measured before any
 * pass with nothing else of the bench running, is the floor under the latency figures (jHiccup's idea).
 *
 * @param threads             threads spinning at once.
 * @param spanNs              how long each spun.
 * @param maxGapNs            the longest gap any of them saw.
 * @param gapsOverMillisecond gaps longer than a millisecond, every thread's.
 * @param lostFraction        share of the spinning time lost in gaps longer than {@link #COUNTED_GAP_NS}.
 */
public record PlatformStalls(int threads, long spanNs, long maxGapNs, long gapsOverMillisecond, double lostFraction)
{
    /** Gaps shorter than this are the clock read itself and cache misses, not time taken away. */
    static final long COUNTED_GAP_NS = TimeUnit.MICROSECONDS.toNanos(20);

    private static final long MILLISECOND_NS = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * Spins the threads and gathers what they saw.
     *
     * @param threads threads spinning at once.
     * @param spanNs  how long each spins.
     * @return the stalls.
     */
    public static PlatformStalls measure(final int threads, final long spanNs)
    {
        final Gaps[] gaps = new Gaps[threads];
        final List<Thread> spinners = new ArrayList<>();
        for (int t = 0; t < threads; t++)
        {
            final Gaps own = new Gaps();
            gaps[t] = own;
            final Thread spinner = new Thread(() -> spin(System::nanoTime, spanNs, own), "platform-probe-" + t);
            spinner.setDaemon(true);
            spinners.add(spinner);
        }
        spinners.forEach(Thread::start);
        for (final Thread spinner : spinners)
        {
            try
            {
                spinner.join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while probing the platform", ex);
            }
        }
        return of(threads, spanNs, gaps);
    }

    /**
     * The probe in a line, as the bench's progress and its table print it.
     *
     * @return e.g. "2 threads spinning 2 s with nothing else running: longest stall 2.96 ms, 6 over 1 ms, 0.89% of
     *         the time lost".
     */
    public String describe()
    {
        return String.format(Locale.ROOT, "%d thread%s spinning %.0f s with nothing else running: longest stall " +
            "%.2f ms, %,d over 1 ms, %.2f%% of the time lost", threads, threads == 1 ? "" : "s", spanNs / 1e9,
            maxGapNs / 1e6, gapsOverMillisecond, 100 * lostFraction);
    }

    /**
     * Reads a clock until it has moved on by {@code spanNs}, noting each gap between readings.
     */
    static void spin(final LongSupplier clock, final long spanNs, final Gaps gaps)
    {
        long last = clock.getAsLong();
        final long endNs = last + spanNs;
        while (last < endNs)
        {
            final long now = clock.getAsLong();
            gaps.reading(now - last);
            last = now;
        }
    }

    static PlatformStalls of(final int threads, final long spanNs, final Gaps... gaps)
    {
        long max = 0;
        long overMillisecond = 0;
        long lostNs = 0;
        for (final Gaps own : gaps)
        {
            max = Math.max(max, own.maxNs);
            overMillisecond += own.overMillisecond;
            lostNs += own.lostNs;
        }
        return new PlatformStalls(threads, spanNs, max, overMillisecond, (double)lostNs / ((double)spanNs * threads));
    }

    /** One thread's gaps, kept by that thread alone. */
    static final class Gaps
    {
        long maxNs;
        long overMillisecond;
        long lostNs;

        void reading(final long gapNs)
        {
            maxNs = Math.max(maxNs, gapNs);
            if (gapNs > COUNTED_GAP_NS)
            {
                lostNs += gapNs;
                if (gapNs > MILLISECOND_NS)
                {
                    overMillisecond++;
                }
            }
        }
    }
}
