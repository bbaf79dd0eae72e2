/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

/**
 * One time bucket of one cuboid as readers see it: its start, its length (a minute, an hour or a day) and a
 * {@link CellBlock} per metric (null where no event carried that metric).
 */
final class Slice
{
    private static final java.util.concurrent.atomic.AtomicLong NEXT_ID = new java.util.concurrent.atomic.AtomicLong();

    /** Unique to this slice's contents in the process: what the query cache compares (see {@link QueryCache}). */
    long id = NEXT_ID.incrementAndGet();
    long startMs;
    final long spanMs;
    CellBlock[] byTable;

    Slice(final long startMs, final long spanMs, final CellBlock[] byTable)
    {
        this.startMs = startMs;
        this.spanMs = spanMs;
        this.byTable = byTable;
    }

    /**
     * Makes this the slice of another bucket of the same span, with an id of its own: for the writer's minute
     * slices, reused with their bucket once no published state can reach them.
     *
     * @param newStartMs the bucket's start.
     */
    void renew(final long newStartMs)
    {
        startMs = newStartMs;
        id = NEXT_ID.incrementAndGet();
    }

    /**
     * The block of a metric.
     *
     * @param metric index.
     * @return the block, or null.
     */
    CellBlock block(final int metric)
    {
        final CellBlock[] byTable = this.byTable;
        return metric < byTable.length ? byTable[metric] : null;
    }

    long cells()
    {
        long cells = 0;
        for (final CellBlock block : byTable)
        {
            cells += null == block ? 0 : block.cellCount;
        }
        return cells;
    }

    long pairs()
    {
        long pairs = 0;
        for (final CellBlock block : byTable)
        {
            pairs += null == block ? 0 : block.pairCount;
        }
        return pairs;
    }

    long values()
    {
        long values = 0;
        for (final CellBlock block : byTable)
        {
            values += null == block ? 0 : block.totalCount();
        }
        return values;
    }

    long footprintBytes()
    {
        long bytes = 0;
        for (final CellBlock block : byTable)
        {
            bytes += null == block ? 0 : block.footprintBytes();
        }
        return bytes;
    }
}
