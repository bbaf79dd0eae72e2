/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How long single stage calls took, when the engine is asked to time them ({@code EngineBuilder#stageStalls}):
 * per runner thread and stage, the calls longer than {@value #NOTED_NANOS} ns and than {@value #LONG_NANOS} ns,
 * their total and the longest. A stage that does a batch of housekeeping inside one event (a minute's roll-up, a
 * table's sweep) holds every event behind it for that long, so this is where a latency tail's causes show, stage
 * by stage, without a profiler. A call that was descheduled counts too: on a machine with more runnable threads
 * than cores, the 4 ms of a scheduler tick show up here as well.
 * <p>
 * Off by default: timing each call costs two clock reads. Each entry has one writer, its runner's thread, which
 * also empties it when a new span starts; any thread may read a {@link #snapshot()}.
 */
public final class StageStalls
{
    /** A call longer than this is counted. */
    public static final long NOTED_NANOS = 100_000;

    /** A call longer than this is counted as long too. */
    public static final long LONG_NANOS = 1_000_000;

    private static final int NOTED = 0;
    private static final int LONG = 1;
    private static final int TOTAL = 2;
    private static final int MAX = 3;
    private static final int SPAN = 4;

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private volatile long span;

    /**
     * What one stage on one runner thread showed.
     *
     * @param stage       runner and stage, as {@code runner/stage}.
     * @param noted       calls longer than {@link #NOTED_NANOS}.
     * @param longCalls   calls longer than {@link #LONG_NANOS}.
     * @param totalNanos  time in the noted calls.
     * @param maxNanos    the longest call.
     */
    public record Stall(String stage, long noted, long longCalls, long totalNanos, long maxNanos)
    {
    }

    /**
     * One stage's counters on one runner thread.
     */
    public static final class Entry
    {
        private final StageStalls owner;
        private final String name;
        private final AtomicLongArray counts = new AtomicLongArray(5);

        private Entry(final StageStalls owner, final String name)
        {
            this.owner = owner;
            this.name = name;
            counts.set(SPAN, owner.span);
        }

        /**
         * Notes one call's duration; only on the runner's thread.
         *
         * @param nanos how long the call took.
         */
        public void record(final long nanos)
        {
            if (nanos > NOTED_NANOS)
            {
                final AtomicLongArray counts = this.counts;
                final long span = owner.span;
                if (counts.getPlain(SPAN) != span)
                {
                    // a new span began: the writer, not the reader, empties the counters
                    for (int i = 0; i < SPAN; i++)
                    {
                        counts.setRelease(i, 0);
                    }
                    counts.setRelease(SPAN, span);
                }
                counts.setRelease(NOTED, counts.getPlain(NOTED) + 1);
                if (nanos > LONG_NANOS)
                {
                    counts.setRelease(LONG, counts.getPlain(LONG) + 1);
                }
                counts.setRelease(TOTAL, counts.getPlain(TOTAL) + nanos);
                if (nanos > counts.getPlain(MAX))
                {
                    counts.setRelease(MAX, nanos);
                }
            }
        }
    }

    /**
     * An entry for a stage on a runner thread.
     *
     * @param runner the runner's name.
     * @param stage  the stage's name.
     * @return the entry its runner records into.
     */
    public Entry register(final String runner, final String stage)
    {
        final Entry entry = new Entry(this, runner + "/" + stage);
        entries.add(entry);
        return entry;
    }

    /**
     * Starts counting anew: the next {@link #snapshot()} shows only calls that end after this. Best called with
     * no events in flight (a call ending meanwhile may land on either side).
     */
    public void startSpan()
    {
        span = span + 1;
    }

    /**
     * What every stage showed since the engine started or the last {@link #startSpan()}, in the order the stages
     * were registered.
     *
     * @return one record per stage and runner.
     */
    public List<Stall> snapshot()
    {
        final long span = this.span;
        final List<Stall> stalls = new ArrayList<>(entries.size());
        for (final Entry entry : entries)
        {
            final AtomicLongArray counts = entry.counts;
            if (counts.getAcquire(SPAN) != span)
            {
                stalls.add(new Stall(entry.name, 0, 0, 0, 0));
                continue;
            }
            stalls.add(new Stall(entry.name, counts.getAcquire(NOTED), counts.getAcquire(LONG),
                counts.getAcquire(TOTAL), counts.getAcquire(MAX)));
        }
        return stalls;
    }
}
