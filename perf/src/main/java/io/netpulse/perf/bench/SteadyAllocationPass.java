/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import io.netpulse.engine.Engine;
import io.netpulse.engine.ThreadMode;
import io.netpulse.engine.cube.CubeConfig;
import io.netpulse.engine.cube.CubeStats;
import io.netpulse.engine.cube.Cuboid;
import io.netpulse.engine.ring.EventPublisher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Bytes allocated per event in steady state: one engine (journal on, every stage) runs the corpus's data for
 * {@code warmUpLaps} laps first, unmetered, so that its state exists (every element seen, window and anomaly
 * series built, the cube's minutes past their retention dropped and their blocks back in the pool), and then one
 * more lap is metered by thread. Each lap after the first is the same data with its event time moved on by the
 * corpus's span ({@link Corpus#shiftEventTime(long)}), so event time keeps moving forward as it would on a live
 * network, and every minute, hour and window the metered lap touches is a new one.
 * <p>
 * The meter covers the whole metered lap, from its first publish until every stage and the journaler have
 * processed its last event, on every engine thread (stage threads, journaler, alert processor, cube maintainer)
 * and the publishing thread. A throughput pass meters a fresh engine, which is still building its state.
 *
 * @param mode                   thread mode.
 * @param warmUpLaps             laps of the corpus's data run before the metered one.
 * @param warmUpEvents           valid data events accepted before the meter started.
 * @param events                 valid data events accepted in the metered lap.
 * @param eventTimeFromMs        event time the metered lap starts at (the corpus's, moved on).
 * @param eventTimeSpanMs        event time the metered lap covers.
 * @param allocatedBytes         bytes allocated by the engine's threads and the publisher in the metered lap.
 * @param allocatedBytesByThread the same bytes by thread.
 * @param gcCollections          collections during the metered lap.
 * @param gcPauseMs              their reported time.
 * @param cubeBlocksAllocated    closed cube blocks the cube maintainer made new in the metered lap (-1 without a
 *                               cube).
 * @param cubeBlocksRecycled     closed cube blocks it made from recycled ones in the metered lap.
 * @param cubeClosedBytes        bytes of the cube's closed buckets after the metered lap.
 */
public record SteadyAllocationPass(
    ThreadMode mode,
    int warmUpLaps,
    long warmUpEvents,
    long events,
    long eventTimeFromMs,
    long eventTimeSpanMs,
    long allocatedBytes,
    Map<String, Long> allocatedBytesByThread,
    long gcCollections,
    long gcPauseMs,
    long cubeBlocksAllocated,
    long cubeBlocksRecycled,
    long cubeClosedBytes)
{
    /** Laps run before the metered one by default: the first builds the state, the second lets it settle. */
    public static final int DEFAULT_WARM_UP_LAPS = 2;

    /**
     * Event time the warm-up laps cover at the least, however many laps that takes: the cube's writer has its
     * minute buckets ready and its tables sized for the largest minute only after a dozen or so minutes have
     * been sealed and reused. The default corpus covers 77 minutes a lap; one whose elements report every second
     * covers about one, and after one warm-up lap its metered lap allocated 229 bytes an event on the event path
     * where after fifteen it allocated none.
     */
    public static final long MIN_WARM_UP_EVENT_TIME_MS = 20 * 60_000L;

    /**
     * The cube retention of the pass: the defaults, except that the site and region cuboids keep their minutes
     * for 15 minutes, as the element cuboid does, instead of 2 and 6 hours. Minutes are dropped an hour at a
     * time, once the hour is older than the minute retention, and their blocks are what later minutes reuse; with
     * the default retention the site and region cuboids would still be filling theirs (3 and 7 hours of event
     * time) during the metered lap, which is growth of kept state towards its bound, not steady state, and the
     * corpus would have to be run for hours of event time to get past it. Hours and days keep the defaults: an
     * hour's block is new state every event-hour until hours are dropped, a day at a time, days later (see
     * {@link #cubeBlocksAllocated()}).
     */
    public static final CubeConfig CUBE = CubeConfig.DEFAULTS
        .withRetention(Cuboid.SITE, new CubeConfig.Retention(CubeConfig.DEFAULTS.element().minutesMs(),
            CubeConfig.DEFAULTS.site().hoursMs(), CubeConfig.DEFAULTS.site().daysMs()))
        .withRetention(Cuboid.REGION, new CubeConfig.Retention(CubeConfig.DEFAULTS.element().minutesMs(),
            CubeConfig.DEFAULTS.region().hoursMs(), CubeConfig.DEFAULTS.region().daysMs()));

    /**
     * Threads off the event path: the cube maintainer (compacts and rolls up each sealed minute, asynchronously)
     * and the dead-letter writer (journals refused input). Every other thread metered handles each event.
     */
    public static final Set<String> OFF_EVENT_PATH_THREADS = Set.of("cube-maintainer", "dead-letters");

    private static final int[] NO_MARKS = new int[0];

    private static final CorpusFeed.Mark NO_MARK = index -> {};

    /**
     * Runs a pass. The corpus's event times are moved while it runs and put back before it returns.
     *
     * @param corpus     the events.
     * @param mode       thread mode.
     * @param settings   engine settings.
     * @param warmUpLaps laps run before the metered one, at least 1; more where the laps would cover less than
     *                   {@link #MIN_WARM_UP_EVENT_TIME_MS} of event time.
     * @return the pass.
     */
    public static SteadyAllocationPass run(
        final Corpus corpus, final ThreadMode mode, final BenchSettings settings, final int warmUpLaps)
    {
        if (warmUpLaps < 1)
        {
            throw new IllegalArgumentException("the engine needs at least one lap to build its state");
        }
        final Path journal = settings.passDirectory("allocation-" + mode);
        final long spanMs = corpus.eventTimeSpanMs();
        final int laps = warmUpLaps(warmUpLaps, spanMs);
        try
        {
            final Engine engine = settings.startEngine(mode, journal, List.of(), true, CUBE);
            try (engine)
            {
                final EventPublisher publisher = engine.newPublisher("bench");
                lap(engine, publisher, corpus, 0, corpus.prefixLength(), settings);
                final long acceptedBefore = publisher.accepted();
                for (int lap = 0; lap < laps; lap++)
                {
                    if (lap > 0)
                    {
                        corpus.shiftEventTime(spanMs);
                    }
                    lap(engine, publisher, corpus, corpus.prefixLength(), corpus.length(), settings);
                }
                corpus.shiftEventTime(spanMs);
                final long warmUpEvents = publisher.accepted() - acceptedBefore;

                final ThreadAllocation allocation = ThreadAllocation.engineThreads(Thread.currentThread());
                final GcActivity gc = new GcActivity();
                final long meteredFrom = publisher.accepted();
                final CubeStats cubeBefore = null == engine.cube() ? null : engine.cube().stats();
                gc.begin();
                allocation.begin();
                lap(engine, publisher, corpus, corpus.prefixLength(), corpus.length(), settings);
                allocation.end();
                gc.end();
                final CubeStats cubeAfter = null == engine.cube() ? null : engine.cube().stats();
                return new SteadyAllocationPass(mode, laps, warmUpEvents, publisher.accepted() - meteredFrom,
                    corpus.firstEventTimeMs() + corpus.shiftedMs(), spanMs, allocation.totalBytes(),
                    allocation.bytesByThread(), gc.collections(), gc.pauseMs(),
                    null == cubeAfter ? -1 : cubeAfter.blocksAllocated() - cubeBefore.blocksAllocated(),
                    null == cubeAfter ? -1 : cubeAfter.blocksRecycled() - cubeBefore.blocksRecycled(),
                    null == cubeAfter ? -1 : cubeAfter.closedBytes());
            }
        }
        finally
        {
            corpus.resetEventTime();
            BenchSettings.delete(journal);
        }
    }

    /**
     * The warm-up laps a pass runs: as many as asked for, and enough to cover {@link #MIN_WARM_UP_EVENT_TIME_MS}
     * (at most that many milliseconds' worth, for a corpus of a millisecond).
     *
     * @param asked  laps asked for.
     * @param spanMs event time one lap covers.
     * @return the laps.
     */
    static int warmUpLaps(final int asked, final long spanMs)
    {
        if (spanMs <= 0)
        {
            return asked; // every event at one instant: more laps move no time on
        }
        final long needed = (MIN_WARM_UP_EVENT_TIME_MS + spanMs - 1) / spanMs;
        return (int)Math.max(asked, needed);
    }

    private static void lap(
        final Engine engine,
        final EventPublisher publisher,
        final Corpus corpus,
        final int from,
        final int to,
        final BenchSettings settings)
    {
        if (!CorpusFeed.publish(publisher, corpus, from, to, settings.chunkBytes(), NO_MARKS, NO_MARK))
        {
            throw new IllegalStateException("engine closed during the pass");
        }
        engine.awaitDrained(Long.MAX_VALUE);
    }

    /**
     * Heap bytes allocated per event in the metered lap.
     *
     * @return bytes per event.
     */
    public double allocationBytesPerEvent()
    {
        return events <= 0 ? 0 : (double)allocatedBytes / events;
    }

    /**
     * Heap bytes allocated per event in the metered lap by the threads on the event path: the publisher, the
     * stage threads, the journaler and the alert processor (not {@link #OFF_EVENT_PATH_THREADS}).
     *
     * @return bytes per event.
     */
    public double eventPathAllocationBytesPerEvent()
    {
        long bytes = 0;
        for (final Map.Entry<String, Long> entry : allocatedBytesByThread.entrySet())
        {
            if (!OFF_EVENT_PATH_THREADS.contains(entry.getKey()))
            {
                bytes += entry.getValue();
            }
        }
        return events <= 0 ? 0 : (double)bytes / events;
    }

    /**
     * Heap bytes allocated per event in the metered lap by one thread.
     *
     * @return bytes per event by thread name.
     */
    public Map<String, Double> allocationBytesPerEventByThread()
    {
        final Map<String, Double> perEvent = new TreeMap<>();
        for (final Map.Entry<String, Long> entry : allocatedBytesByThread.entrySet())
        {
            perEvent.put(entry.getKey(), events <= 0 ? 0 : (double)entry.getValue() / events);
        }
        return perEvent;
    }
}
