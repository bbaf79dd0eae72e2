/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import io.netpulse.engine.stage.StateHash;

import java.util.Arrays;

/**
 * Event-time progress: a watermark per source, and the engine's watermark, which closes buckets and decides
 * which events are late. Owned by the topology router, the one stage that sees every event in ring order, which
 * writes the watermark into every slot; so every stage, in every thread mode, sees the same watermark at the same
 * event and agrees on what is late.
 * <pre>
 *   sourceMax(s) = latest event time source s has sent
 *   globalMax    = latest event time any source has sent
 *   active(s)    = globalMax - sourceMax(s) &lt;= idleTimeout
 *   watermark    = max(watermark, min over active sources of sourceMax(s) - allowedLateness)
 *   late(event)  = event time &lt; watermark
 * </pre>
 * A source is idle when it has fallen more than the idleness timeout behind the most advanced source. Idleness
 * is measured in event time, by the other sources' progress, never by the wall clock: a replay at any speed
 * decides the same. An idle source stops holding the watermark back (the stalled-watermark problem) until it
 * catches up again; its events behind the watermark meanwhile are late. The watermark never goes back, and a
 * single source is never idle. The active minimum is recomputed when the source that defines it advances, when
 * a new source appears, and at least every {@link #recomputeStepMs()} of progress of the most advanced source.
 */
public final class Watermarks
{
    /** The watermark before any data event: nothing is late. */
    public static final long NO_WATERMARK = Long.MIN_VALUE;

    /** Default idleness timeout: five minutes of event time. */
    public static final long DEFAULT_IDLE_TIMEOUT_MS = 300_000;

    private static final int INITIAL_SOURCES = 16;

    private final long idleTimeoutMs;
    private final long recomputeStepMs;
    private long allowedLatenessMs;
    private long[] sourceMaxMs = new long[INITIAL_SOURCES];
    private long[] sourceLate = new long[INITIAL_SOURCES];
    private int[] knownSources = new int[INITIAL_SOURCES];
    private int knownSourceCount;
    private long globalMaxMs = NO_WATERMARK;
    private long watermarkMs = NO_WATERMARK;
    private long frontierMs = NO_WATERMARK;
    private int frontierSource = -1;
    private long nextRecomputeMs = NO_WATERMARK;
    private long lateEvents;

    /**
     * Watermarks with a lateness and an idleness timeout.
     *
     * @param allowedLatenessMs how far behind the slowest active source an event may be and still count.
     * @param idleTimeoutMs     how far behind the most advanced source a source may fall before it is idle.
     */
    public Watermarks(final long allowedLatenessMs, final long idleTimeoutMs)
    {
        if (allowedLatenessMs < 0 || idleTimeoutMs <= 0)
        {
            throw new IllegalArgumentException("lateness must be >= 0 and the idleness timeout > 0");
        }
        this.allowedLatenessMs = allowedLatenessMs;
        this.idleTimeoutMs = idleTimeoutMs;
        this.recomputeStepMs = Math.max(1, Math.min(1000, idleTimeoutMs / 4));
        Arrays.fill(sourceMaxMs, NO_WATERMARK);
    }

    /**
     * Takes in a data event's time and says whether it is late. Every data event counts toward its source's
     * progress, whatever becomes of it afterwards.
     *
     * @param sourceId    the event's source, 0 to 65535.
     * @param eventTimeMs its event time.
     * @return true when the event is behind the watermark (after taking it in): {@link #countLate} it, do not
     *         apply it.
     */
    public boolean onData(final int sourceId, final long eventTimeMs)
    {
        if (sourceId < 0 || sourceId >= sourceMaxMs.length || NO_WATERMARK == sourceMaxMs[sourceId])
        {
            addSource(sourceId, eventTimeMs);
        }
        else if (eventTimeMs > sourceMaxMs[sourceId])
        {
            sourceMaxMs[sourceId] = eventTimeMs;
            if (eventTimeMs > globalMaxMs)
            {
                globalMaxMs = eventTimeMs;
            }
            if (1 == knownSourceCount)
            {
                // one source: it is the frontier, and never idle
                frontierMs = eventTimeMs;
                final long candidate = eventTimeMs - allowedLatenessMs;
                if (candidate > watermarkMs)
                {
                    watermarkMs = candidate;
                }
            }
            else if (sourceId == frontierSource || globalMaxMs >= nextRecomputeMs)
            {
                recompute();
            }
        }

        return eventTimeMs < watermarkMs;
    }

    /**
     * Counts a late event against its source.
     *
     * @param sourceId the event's source, already taken in by {@link #onData}.
     */
    public void countLate(final int sourceId)
    {
        sourceLate[sourceId]++;
        lateEvents++;
    }

    private void addSource(final int sourceId, final long eventTimeMs)
    {
        if (sourceId < 0)
        {
            throw new IllegalArgumentException("source id must not be negative: " + sourceId);
        }
        if (sourceId >= sourceMaxMs.length)
        {
            final int capacity = Math.max(sourceId + 1, sourceMaxMs.length * 2);
            final int oldLength = sourceMaxMs.length;
            sourceMaxMs = Arrays.copyOf(sourceMaxMs, capacity);
            Arrays.fill(sourceMaxMs, oldLength, capacity, NO_WATERMARK);
            sourceLate = Arrays.copyOf(sourceLate, capacity);
        }
        if (knownSourceCount == knownSources.length)
        {
            knownSources = Arrays.copyOf(knownSources, knownSourceCount * 2);
        }
        knownSources[knownSourceCount++] = sourceId;
        sourceMaxMs[sourceId] = eventTimeMs;
        if (eventTimeMs > globalMaxMs)
        {
            globalMaxMs = eventTimeMs;
        }
        recompute();
    }

    private void recompute()
    {
        final long globalMaxMs = this.globalMaxMs;
        long frontierMs = Long.MAX_VALUE;
        int frontier = -1;
        for (int i = 0; i < knownSourceCount; i++)
        {
            final int source = knownSources[i];
            final long maxMs = sourceMaxMs[source];
            if (globalMaxMs - maxMs <= idleTimeoutMs && maxMs < frontierMs)
            {
                frontierMs = maxMs;
                frontier = source;
            }
        }
        frontierSource = frontier;
        nextRecomputeMs = globalMaxMs + recomputeStepMs;
        if (frontierMs > this.frontierMs)
        {
            this.frontierMs = frontierMs;
        }
        final long candidate = frontierMs - allowedLatenessMs;
        if (candidate > watermarkMs)
        {
            watermarkMs = candidate;
        }
    }

    /**
     * Changes the allowed lateness (from a window spec update). A smaller lateness moves the watermark forward
     * at once; a larger one takes effect as the sources advance (the watermark never goes back).
     *
     * @param allowedLatenessMs the new lateness.
     */
    public void allowedLatenessMs(final long allowedLatenessMs)
    {
        if (allowedLatenessMs < 0)
        {
            throw new IllegalArgumentException("lateness must be >= 0: " + allowedLatenessMs);
        }
        this.allowedLatenessMs = allowedLatenessMs;
        if (knownSourceCount > 0)
        {
            recompute();
        }
    }

    /**
     * The watermark now.
     *
     * @return epoch milliseconds, or {@link #NO_WATERMARK} before any data.
     */
    public long watermarkMs()
    {
        return watermarkMs;
    }

    /**
     * The frontier: the latest event time of the slowest active source, never going back; the watermark is this
     * minus the allowed lateness (or more, if the lateness shrank).
     *
     * @return epoch milliseconds, or {@link #NO_WATERMARK} before any data.
     */
    public long frontierMs()
    {
        return frontierMs;
    }

    /**
     * The latest event time any source has sent.
     *
     * @return epoch milliseconds, or {@link #NO_WATERMARK}.
     */
    public long maxEventTimeMs()
    {
        return globalMaxMs;
    }

    /**
     * The allowed lateness in force.
     *
     * @return milliseconds.
     */
    public long allowedLatenessMs()
    {
        return allowedLatenessMs;
    }

    /**
     * The idleness timeout.
     *
     * @return milliseconds of event time.
     */
    public long idleTimeoutMs()
    {
        return idleTimeoutMs;
    }

    /**
     * How often, in progress of the most advanced source, idleness is re-evaluated at the least.
     *
     * @return milliseconds of event time.
     */
    public long recomputeStepMs()
    {
        return recomputeStepMs;
    }

    /**
     * Whether a source counts toward the watermark now.
     *
     * @param sourceId the source.
     * @return false for an idle source or one that never sent data.
     */
    public boolean isActive(final int sourceId)
    {
        return sourceId >= 0 && sourceId < sourceMaxMs.length && NO_WATERMARK != sourceMaxMs[sourceId] &&
            globalMaxMs - sourceMaxMs[sourceId] <= idleTimeoutMs;
    }

    /**
     * The latest event time a source has sent.
     *
     * @param sourceId the source.
     * @return epoch milliseconds, or {@link #NO_WATERMARK}.
     */
    public long sourceMaxMs(final int sourceId)
    {
        return sourceId >= 0 && sourceId < sourceMaxMs.length ? sourceMaxMs[sourceId] : NO_WATERMARK;
    }

    /**
     * Late events from one source.
     *
     * @param sourceId the source.
     * @return the count.
     */
    public long lateEvents(final int sourceId)
    {
        return sourceId >= 0 && sourceId < sourceLate.length ? sourceLate[sourceId] : 0;
    }

    /**
     * Late events from every source.
     *
     * @return the count.
     */
    public long lateEvents()
    {
        return lateEvents;
    }

    /**
     * A hash of the event-time state: per-source progress and late counts, and the watermark.
     *
     * @return the hash.
     */
    public long stateHash()
    {
        long hash = StateHash.mix(StateHash.SEED, watermarkMs);
        hash = StateHash.mix(hash, globalMaxMs);
        for (int i = 0; i < knownSourceCount; i++)
        {
            final int source = knownSources[i];
            hash = StateHash.mix(hash, source);
            hash = StateHash.mix(hash, sourceMaxMs[source]);
            hash = StateHash.mix(hash, sourceLate[source]);
        }
        return StateHash.mix(hash, lateEvents);
    }
}
