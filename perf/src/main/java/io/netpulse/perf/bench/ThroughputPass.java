/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import io.netpulse.engine.Engine;
import io.netpulse.engine.ThreadMode;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.engine.stage.StageFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One throughput pass: a fresh engine (journal on, every stage), the corpus's configuration prefix published
 * and drained untimed, then the data streamed in as fast as the engine takes it. Events per second count the
 * valid data events from the first data publish until every stage and the journaler have processed the last.
 * Allocation is read over the middle 80% of the stream (after the first tenth, before the drain), garbage
 * collections over the whole timed span: the engine is fresh, so what it allocates there is mostly its state being
 * built (series, windows, the cube's first tables); {@link SteadyAllocationPass} measures steady state.
 *
 * @param mode                     thread mode.
 * @param events                   valid data events processed.
 * @param elapsedNs                first data publish to drained.
 * @param allocatedBytes           bytes allocated by the engine's threads and the publisher in the metered span.
 * @param allocationEvents         events published in the metered span.
 * @param allocatedBytesByThread   the same bytes by thread.
 * @param gcCollections            collections during the timed span.
 * @param gcPauseMs                their reported time.
 * @param memory                   footprint growth while the engine held its state, or null when not measured.
 * @param stateHash                the engine's state hash after the pass.
 */
public record ThroughputPass(
    ThreadMode mode,
    long events,
    long elapsedNs,
    long allocatedBytes,
    long allocationEvents,
    Map<String, Long> allocatedBytesByThread,
    long gcCollections,
    long gcPauseMs,
    MemoryFootprint memory,
    long stateHash)
{
    /** Share of the data stream before the allocation meter starts. */
    static final double STEADY_FROM = 0.10;

    /** Share of the data stream after which the allocation meter stops. */
    static final double STEADY_TO = 0.90;

    /**
     * Runs a pass.
     *
     * @param corpus        the events.
     * @param mode          thread mode.
     * @param settings      engine settings.
     * @param extraStages   stages added after the built-in ones.
     * @param analytics     whether the built-in windows, anomaly detector and cube run.
     * @param measureMemory whether to measure the footprint once drained (costs full collections).
     * @param baseline      footprint before the engine was built, subtracted; null when not measuring.
     * @return the pass.
     */
    public static ThroughputPass run(
        final Corpus corpus,
        final ThreadMode mode,
        final BenchSettings settings,
        final List<StageFactory> extraStages,
        final boolean analytics,
        final boolean measureMemory,
        final MemoryFootprint baseline)
    {
        final Path journal = settings.passDirectory("throughput-" + mode);
        try
        {
            final Engine engine = settings.startEngine(mode, journal, extraStages, analytics);
            try (engine)
            {
                final EventPublisher publisher = engine.newPublisher("bench");
                if (!CorpusFeed.publish(publisher, corpus, 0, corpus.prefixLength(), settings.chunkBytes(),
                    new int[0], index -> {}))
                {
                    throw new IllegalStateException("engine closed while the prefix was published");
                }
                engine.awaitDrained(Long.MAX_VALUE);

                final long acceptedBefore = publisher.accepted();
                final int dataBytes = corpus.length() - corpus.prefixLength();
                final int[] marks = {
                    corpus.prefixLength() + (int)(dataBytes * STEADY_FROM),
                    corpus.prefixLength() + (int)(dataBytes * STEADY_TO)};
                final ThreadAllocation allocation = ThreadAllocation.engineThreads(Thread.currentThread());
                final GcActivity gc = new GcActivity();
                final long[] steadyAccepted = new long[2];

                gc.begin();
                final long startNs = System.nanoTime();
                final boolean complete = CorpusFeed.publish(
                    publisher, corpus, corpus.prefixLength(), corpus.length(), settings.chunkBytes(), marks,
                    index ->
                    {
                        if (0 == index)
                        {
                            allocation.begin();
                        }
                        else
                        {
                            allocation.end();
                        }
                        steadyAccepted[index] = publisher.accepted();
                    });
                engine.awaitDrained(Long.MAX_VALUE);
                final long endNs = System.nanoTime();
                gc.end();
                if (!complete)
                {
                    throw new IllegalStateException("engine closed during the pass");
                }

                final long events = publisher.accepted() - acceptedBefore;
                final MemoryFootprint memory =
                    measureMemory ? MemoryFootprint.measure(journal).minus(baseline) : null;
                engine.close();
                return new ThroughputPass(
                    mode, events, endNs - startNs, allocation.totalBytes(), steadyAccepted[1] - steadyAccepted[0],
                    allocation.bytesByThread(), gc.collections(), gc.pauseMs(), memory, engine.stateHash());
            }
        }
        finally
        {
            BenchSettings.delete(journal);
        }
    }

    /**
     * Valid data events per second.
     *
     * @return the throughput.
     */
    public double eventsPerSecond()
    {
        return events * 1e9 / elapsedNs;
    }

    /**
     * Heap bytes allocated per event in the metered span, by the fresh engine.
     *
     * @return bytes per event.
     */
    public double allocationBytesPerEvent()
    {
        return allocationEvents <= 0 ? 0 : (double)allocatedBytes / allocationEvents;
    }
}
