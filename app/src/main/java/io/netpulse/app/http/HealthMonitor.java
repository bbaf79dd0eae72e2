/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app.http;

import io.netpulse.engine.Engine;
import io.netpulse.engine.cube.Cube;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.engine.stage.JournalStage;
import io.netpulse.engine.status.SystemCounter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Says whether the service is healthy, and if not why: the ring is backing up, the journal is falling behind,
 * the edge is refusing much of its input, stages are throwing, or the cube's maintenance is behind. Rates are
 * taken over the last {@link #WINDOW_NS} from samples recorded by {@link #sample()} (the service samples every
 * second); each evaluation samples too.
 *
 * @see #evaluate()
 */
public final class HealthMonitor
{
    /** Span over which rates are measured. */
    public static final long WINDOW_NS = TimeUnit.SECONDS.toNanos(10);

    /** Ring occupancy above which it is backing up. */
    public static final double RING_BACKLOG_LIMIT = 0.9;

    /** Share of input refused above which the edge is degraded. */
    public static final double REJECTED_RATE_LIMIT = 0.01;

    /** Sealed cube buckets waiting above which maintenance is behind. */
    public static final long CUBE_BACKLOG_LIMIT = 120;

    private final Engine engine;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    /**
     * The verdict.
     *
     * @param ok      true when nothing is wrong.
     * @param reasons what is wrong, one sentence each.
     * @param accepted events accepted so far.
     * @param rejected inputs refused so far.
     * @param ringUsed ring slots in use now.
     * @param journalLag events published and not yet journaled.
     */
    public record Health(boolean ok, List<String> reasons, long accepted, long rejected, long ringUsed,
        long journalLag)
    {
    }

    private record Sample(long nanos, long accepted, long rejected, long errors)
    {
    }

    /**
     * A monitor of an engine.
     *
     * @param engine the engine.
     */
    public HealthMonitor(final Engine engine)
    {
        this.engine = engine;
    }

    /**
     * Records the counters now.
     */
    public synchronized void sample()
    {
        final long now = System.nanoTime();
        samples.addLast(new Sample(now, accepted(), engine.counters().value(SystemCounter.EVENTS_REJECTED),
            engine.counters().value(SystemCounter.STAGE_ERRORS)));
        while (samples.size() > 2 && now - samples.peekFirst().nanos > WINDOW_NS * 2)
        {
            samples.pollFirst();
        }
    }

    private long accepted()
    {
        long accepted = 0;
        for (final EventPublisher publisher : engine.publishers())
        {
            accepted += publisher.accepted();
        }
        return accepted;
    }

    /**
     * Evaluates health now.
     *
     * @return the verdict.
     */
    public synchronized Health evaluate()
    {
        sample();
        final List<String> reasons = new ArrayList<>();
        final Sample now = samples.peekLast();
        Sample before = samples.peekFirst();
        for (final Sample sample : samples)
        {
            if (now.nanos - sample.nanos >= WINDOW_NS)
            {
                before = sample;
            }
        }

        if (engine.isClosing())
        {
            reasons.add("the engine is shutting down");
        }
        final long size = engine.ringSize();
        final long used = size - engine.ringRemainingCapacity();
        if (used > size * RING_BACKLOG_LIMIT)
        {
            reasons.add("ring backlog: " + used + " of " + size + " slots in use");
        }
        long lag = 0;
        final JournalStage journal = engine.journal();
        if (null != journal)
        {
            lag = Math.max(0, engine.publishedSequence() - journal.durableRingSequence());
            if (lag > size / 2)
            {
                reasons.add("journal lag: " + lag + " events published but not journaled");
            }
        }
        final long acceptedDelta = now.accepted - before.accepted;
        final long rejectedDelta = now.rejected - before.rejected;
        if (rejectedDelta > 0 && rejectedDelta > (acceptedDelta + rejectedDelta) * REJECTED_RATE_LIMIT)
        {
            reasons.add(String.format("rejected rate: %.1f%% of input refused in the last %d s",
                100.0 * rejectedDelta / (acceptedDelta + rejectedDelta),
                TimeUnit.NANOSECONDS.toSeconds(now.nanos - before.nanos)));
        }
        final long errors = now.errors - before.errors;
        if (errors > 0)
        {
            reasons.add("stage errors: " + errors + " in the last " +
                TimeUnit.NANOSECONDS.toSeconds(now.nanos - before.nanos) + " s");
        }
        final Cube cube = engine.cube();
        if (null != cube)
        {
            final long backlog = cube.stats().maintenanceBacklog();
            if (backlog > CUBE_BACKLOG_LIMIT)
            {
                reasons.add("cube maintenance behind: " + backlog + " sealed buckets waiting");
            }
        }
        return new Health(reasons.isEmpty(), List.copyOf(reasons), now.accepted, now.rejected, used, lag);
    }
}
