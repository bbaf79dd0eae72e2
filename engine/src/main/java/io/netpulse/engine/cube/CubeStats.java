/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

/**
 * What the cube holds, from its latest published states.
 *
 * @param shards               shards (updaters).
 * @param eventsApplied        data events applied.
 * @param valuesApplied        measure values applied (an event carries one to six).
 * @param lateEvents           events older than the watermark's sealed buckets, not applied (they stay in the
 *                             journal).
 * @param closedCells          cells in closed (maintained) buckets, every cuboid.
 * @param closedBytes          heap bytes of the closed buckets' arrays.
 * @param openCells            cells in open and freshly sealed buckets.
 * @param expiredValues        element-cuboid values dropped past the day retention.
 * @param watermarkMs          the lowest shard watermark.
 * @param maxEventTimeMs       the newest event time applied.
 * @param publications         states published by the updaters.
 * @param skippedPublications  publications skipped because readers held every pooled state.
 * @param cellsPublished       open-minute cells the writers copied into published states: about two per cell
 *                             changed in a batch.
 * @param maintenanceBacklog   sealed buckets waiting for the maintainer.
 * @param maintenanceWaits     times a writer paused because the maintainer's backlog was full.
 * @param rollups              hour and day buckets built.
 * @param maintenanceErrors    maintainer failures (each logged).
 * @param blocksRecycled       closed blocks that reused the storage of expired ones.
 * @param blocksAllocated      closed blocks that needed new storage.
 * @param queryCacheHits       queries answered again from a kept answer over the same closed buckets, or given
 *                             the answer the same query was computing meanwhile.
 * @param queryCacheMisses     queries over closed buckets only that had to be computed (then kept).
 */
public record CubeStats(
    int shards,
    long eventsApplied,
    long valuesApplied,
    long lateEvents,
    long closedCells,
    long closedBytes,
    long openCells,
    long expiredValues,
    long watermarkMs,
    long maxEventTimeMs,
    long publications,
    long skippedPublications,
    long cellsPublished,
    long maintenanceBacklog,
    long maintenanceWaits,
    long rollups,
    long maintenanceErrors,
    long blocksRecycled,
    long blocksAllocated,
    long queryCacheHits,
    long queryCacheMisses)
{
}
