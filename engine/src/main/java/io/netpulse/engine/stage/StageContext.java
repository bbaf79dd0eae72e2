/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.stage;

import io.netpulse.engine.alert.AlertPublisher;
import io.netpulse.engine.status.SystemCounters;
import io.netpulse.engine.topology.Topology;
import org.agrona.concurrent.NanoClock;

/**
 * What a stage is given when the engine builds it.
 * <p>
 * In the {@code sharded:N} thread mode the engine builds one instance of every stage after the router per shard;
 * the instance for shard {@code s} sees the data events the router assigned to shard {@code s}
 * ({@code event.shard == s}) and every control event, and owns the state of exactly those elements. In the other
 * modes there is one instance, shard 0 of 1, and it sees everything.
 * <p>
 * The router assigns shards by region (all of a region's elements on one shard, regions balanced by expected
 * event rate), so per-region state needs nothing from other shards. Every slot carries the engine's watermark
 * ({@code event.watermarkMs}, and {@code event.frontierMs} for stages with a lateness of their own) and a late
 * flag, the same in every mode; an instance also learns the watermark of
 * other shards' events through {@link Stage#onWatermark(long, long)}. The engine adds up the instances' state hashes
 * (see {@link Stage#stateHash()}), and instances of one stage that must share something (the window stage hands
 * a moved element's state from one shard to another) share it through the factory that built them.
 *
 * @param topology   the hierarchy, written by the router; stages after it may read it for events the router
 *                   has passed.
 * @param alerts     this stage's own alert publisher.
 * @param counters   engine counters.
 * @param nanoClock  the engine's clock, for measurement only (never for event time).
 * @param shard      the shard this instance serves, 0 when not sharded.
 * @param shardCount how many shards there are, 1 when not sharded.
 */
public record StageContext(
    Topology topology,
    AlertPublisher alerts,
    SystemCounters counters,
    NanoClock nanoClock,
    int shard,
    int shardCount)
{
}
