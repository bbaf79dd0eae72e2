/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.List;

/**
 * A cube query's answer: typed rows, and what was read to answer it.
 *
 * @param groupBy         the grouped dimensions, in order.
 * @param measures        the measures asked for.
 * @param rows            the groups, ordered and limited as asked.
 * @param totalGroups     groups before the limit.
 * @param cuboid          the aggregation level read.
 * @param fromMs          start of the range asked for (resolved), epoch ms; Long.MIN_VALUE when open.
 * @param toMs            end of the range asked for (exclusive), epoch ms; Long.MAX_VALUE when open;
 *                        Long.MIN_VALUE, as is fromMs, when {@link CubeQuery#lastWholeHours} found no filed hour.
 * @param coveredFromMs   start of the first bucket read, or -1 when none.
 * @param coveredToMs     end of the last bucket read, or -1 when none.
 * @param compared        whether rows carry a baseline.
 * @param bucketsScanned  time buckets read (every shard, both ranges).
 * @param cellsScanned    cells read.
 * @param watermarkMs     the lowest shard watermark: buckets ending before it are final.
 * @param maxEventTimeMs  the newest event time applied.
 * @param eventsApplied   events in the snapshot, every shard.
 * @param elapsedNanos    time to answer.
 * @param cached          whether the answer is one the cube kept from the same query over the same closed buckets
 *                        (nothing scanned: {@code bucketsScanned} and {@code cellsScanned} are 0); ranges that
 *                        reach an open minute are always computed.
 */
public record CubeResult(
    List<Dimension> groupBy,
    List<Measure> measures,
    List<CubeRow> rows,
    int totalGroups,
    Cuboid cuboid,
    long fromMs,
    long toMs,
    long coveredFromMs,
    long coveredToMs,
    boolean compared,
    long bucketsScanned,
    long cellsScanned,
    long watermarkMs,
    long maxEventTimeMs,
    long eventsApplied,
    long elapsedNanos,
    boolean cached)
{
}
