/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.Arrays;

/**
 * Closed slices of one period (an hour's minutes, a day's hours) merged into the period's slice, one at a time
 * and in time order. The maintainer keeps one per shard and cuboid for the hour in progress and folds each
 * minute in as it closes, so an hour's roll-up is spread over its sixty minutes rather than done in one go when
 * the hour completes (which held the maintainer, and through its backlog the writer); a day is folded from its
 * hours in one go ({@link CubeMaintainer#merge}). Either way the result is the same bit for bit. The fold's
 * tables keep their capacity from one period to the next. Owned by the maintainer.
 */
final class PeriodFold
{
    static final long NONE = Long.MIN_VALUE;

    private final long spanMs;
    private long startMs = NONE;
    private CellTable[] byTable = new CellTable[0];

    /**
     * An empty fold.
     *
     * @param spanMs the period's length.
     */
    PeriodFold(final long spanMs)
    {
        this.spanMs = spanMs;
    }

    long startMs()
    {
        return startMs;
    }

    /**
     * Adds a closed slice of this period.
     *
     * @param periodStartMs the period's start.
     * @param slice         the slice.
     */
    void fold(final long periodStartMs, final Slice slice)
    {
        startMs = periodStartMs;
        if (byTable.length < slice.byTable.length)
        {
            byTable = Arrays.copyOf(byTable, slice.byTable.length);
        }
        for (int m = 0; m < slice.byTable.length; m++)
        {
            final CellBlock block = slice.byTable[m];
            if (null == block || block.cellCount == 0)
            {
                continue;
            }
            CellTable table = byTable[m];
            if (null == table)
            {
                table = new CellTable(MetricCatalog.columnsOf(m), block.cellCount, block.pairCount, 0, false, 0,
                    MetricCatalog.serviceless(m)).hashEveryPair();
                byTable[m] = table;
            }
            table.merge(block);
        }
    }

    /**
     * The part of the period folded so far, as a closed slice of its own (the fold goes on): from the period's
     * start to {@code endMs}.
     *
     * @param endMs  end of the last slice folded.
     * @param blocks where the slice's compact blocks come from.
     * @return the prefix.
     */
    Slice prefix(final long endMs, final BlockPool blocks)
    {
        return new Slice(startMs, endMs - startMs, compactTables(blocks));
    }

    /**
     * The period as a closed slice, and this emptied for the next.
     *
     * @param blocks where the slice's compact blocks come from.
     * @return the period's slice.
     */
    Slice finish(final BlockPool blocks)
    {
        final Slice period = new Slice(startMs, spanMs, compactTables(blocks));
        for (final CellTable table : byTable)
        {
            if (null != table && table.cellCount > 0)
            {
                table.reset(0);
            }
        }
        startMs = NONE;
        return period;
    }

    private CellBlock[] compactTables(final BlockPool blocks)
    {
        final CellBlock[] compacted = new CellBlock[byTable.length];
        for (int m = 0; m < byTable.length; m++)
        {
            final CellTable table = byTable[m];
            if (null != table && table.cellCount > 0)
            {
                compacted[m] = blocks.compact(table);
            }
        }
        return compacted;
    }
}
