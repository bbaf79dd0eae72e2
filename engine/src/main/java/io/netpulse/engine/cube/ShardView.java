/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

/**
 * The closed buckets of one shard's cube, as the maintainer last published them: per cuboid, its day, hour and
 * minute slices in time order, and the last sealed minute bucket they include. Immutable.
 */
final class ShardView
{
    static final ShardView EMPTY = new ShardView(emptySlices(), 0, 0, 0, 0, 0);

    final Slice[][] slices;
    final long coveredSealSeq;
    final long version;
    final long cells;
    final long footprintBytes;
    final long expiredValues;

    ShardView(
        final Slice[][] slices,
        final long coveredSealSeq,
        final long version,
        final long cells,
        final long footprintBytes,
        final long expiredValues)
    {
        this.slices = slices;
        this.coveredSealSeq = coveredSealSeq;
        this.version = version;
        this.cells = cells;
        this.footprintBytes = footprintBytes;
        this.expiredValues = expiredValues;
    }

    private static Slice[][] emptySlices()
    {
        final Slice[][] slices = new Slice[Cuboid.count()][];
        for (int c = 0; c < slices.length; c++)
        {
            slices[c] = new Slice[0];
        }
        return slices;
    }
}
