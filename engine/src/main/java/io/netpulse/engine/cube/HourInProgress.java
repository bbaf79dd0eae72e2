/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.Arrays;

/**
 * The hour a shard's cuboid is folding its closed minutes into as they arrive, so that an hour's roll-up is
 * spread over its sixty minutes rather than done in one go when the hour completes (which held the maintainer,
 * and through its backlog the writer, for as long as sixty minutes took to merge). Minutes are folded in time
 * order, as a one-go merge would take them, so the hour is bit for bit the same. Owned by the maintainer.
 */
final class HourInProgress
{
    static final long NONE = Long.MIN_VALUE;

    private long startMs = NONE;
    private CellTable[] byTable = new CellTable[0];

    long startMs()
    {
        return startMs;
    }

    /**
     * Adds a closed minute of this hour.
     *
     * @param hourStartMs the hour's start.
     * @param minute      the minute's slice.
     */
    void fold(final long hourStartMs, final Slice minute)
    {
        startMs = hourStartMs;
        if (byTable.length < minute.byTable.length)
        {
            byTable = Arrays.copyOf(byTable, minute.byTable.length);
        }
        for (int m = 0; m < minute.byTable.length; m++)
        {
            final CellBlock block = minute.byTable[m];
            if (null == block || block.cellCount == 0)
            {
                continue;
            }
            CellTable table = byTable[m];
            if (null == table)
            {
                table = new CellTable(MetricCatalog.columnsOf(m), block.cellCount, block.pairCount, false, 0);
                byTable[m] = table;
            }
            table.merge(block);
        }
    }

    /**
     * The hour as a closed slice, and this emptied for the next (its tables keep their capacity).
     *
     * @return the hour.
     */
    Slice finish()
    {
        final CellBlock[] merged = new CellBlock[byTable.length];
        for (int m = 0; m < byTable.length; m++)
        {
            final CellTable table = byTable[m];
            if (null != table && table.cellCount > 0)
            {
                merged[m] = table.compact();
                table.reset(0);
            }
        }
        final Slice hour = new Slice(startMs, CubeConfig.HOUR_MS, merged);
        startMs = NONE;
        return hour;
    }
}
