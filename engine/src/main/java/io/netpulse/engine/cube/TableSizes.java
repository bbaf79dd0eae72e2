/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.Arrays;

/**
 * The most cells, histogram pairs and dense keys a shard's minute tables have held, per table of the element
 * cuboid, so that a new minute's table starts at the size the last ones reached instead of growing to it by
 * copies on the event path. Written by the shard's updater only.
 */
final class TableSizes
{
    private int[] cells = new int[0];
    private int[] pairs = new int[0];
    private int[] denseKeys = new int[0];

    /**
     * Table ids that have a size: one past the highest.
     *
     * @return the count.
     */
    int tables()
    {
        return cells.length;
    }

    int cells(final int table)
    {
        return valueAt(cells, table);
    }

    int pairs(final int table)
    {
        return valueAt(pairs, table);
    }

    int denseKeys(final int table)
    {
        return valueAt(denseKeys, table);
    }

    /**
     * Notes what a table held when its minute was sealed.
     *
     * @param table table id.
     * @param from  the table.
     */
    void record(final int table, final CellTable from)
    {
        cells = raise(cells, table, from.cellCount);
        pairs = raise(pairs, table, from.pairCount);
        denseKeys = raise(denseKeys, table, from.denseKeys());
    }

    private static int valueAt(final int[] values, final int table)
    {
        return table < values.length ? values[table] : 0;
    }

    private static int[] raise(final int[] values, final int table, final int value)
    {
        final int[] sized = table < values.length ? values : Arrays.copyOf(values, table + 1);
        sized[table] = Math.max(sized[table], value);
        return sized;
    }
}
