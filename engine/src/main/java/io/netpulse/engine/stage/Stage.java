/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.stage;

import io.netpulse.engine.ring.NetworkEvent;

/**
 * One step of the event path. A stage owns its state outright: only the thread running it touches it, so it
 * needs no locks. The wiring decides which thread that is (see {@link io.netpulse.engine.EngineWiring}); the
 * stage does not know whether it shares its thread with others.
 */
public interface Stage
{
    /**
     * Short name, for thread names, errors and metrics.
     *
     * @return the name.
     */
    String name();

    /**
     * Processes one event. May throw: the runner counts the error, skips the event in this stage only, and
     * goes on.
     *
     * @param event      the ring slot.
     * @param sequence   its ring sequence.
     * @param endOfBatch whether it is the last event available now: the moment to flush batched work.
     */
    void onEvent(NetworkEvent event, long sequence, boolean endOfBatch);

    /**
     * Event-time progress without an event of this instance's own: in the {@code sharded:N} thread mode the runner
     * calls it at the end of a batch whose last event went to another shard, with that event's
     * {@link NetworkEvent#watermarkMs} and {@link NetworkEvent#frontierMs}, so an instance closes periods (buckets,
     * baselines, SLA periods) as the
     * watermark passes even while its own elements are quiet, and ends a run having acted on the final watermark
     * like the single instance of the other modes. Watermarks only grow. Stages that close nothing by event time
     * ignore it. It ends the instance's batch as an event of its own with {@code endOfBatch} would: a stage that
     * flushes or publishes at the end of a batch does so here too, or what it applied earlier in the batch waits
     * for the next batch that ends on one of its events.
     *
     * @param watermarkMs the engine's watermark, epoch milliseconds.
     * @param frontierMs  the engine's event-time frontier (the watermark before the allowed lateness), for stages
     *                    with a lateness of their own.
     */
    default void onWatermark(final long watermarkMs, final long frontierMs)
    {
    }

    /**
     * Called on the stage's thread before the first event.
     */
    default void onStart()
    {
    }

    /**
     * Called on the stage's thread after the last event.
     */
    default void onShutdown()
    {
    }

    /**
     * A hash of the stage's state, equal for equal inputs whatever the threading. Read only when the engine is
     * quiescent (closed, or drained).
     * <p>
     * In the {@code sharded:N} mode the engine adds up (mod 2^64) the hashes of a stage's per-shard instances, so
     * a stage that runs sharded writes its hash as a sum of terms, one per element (or per key) it owns, each a
     * function of that key and its state only (e.g. {@code StateHash.mix(StateHash.mix(SEED, elementIndex), x)});
     * then any split of the elements over shards adds up to the hash of the single instance of the other modes.
     *
     * @return the hash; 0 for a stateless stage.
     */
    default long stateHash()
    {
        return 0;
    }
}
