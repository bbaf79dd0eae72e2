/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.Arrays;

/**
 * The most cells, histogram pairs and dense keys a shard's minute tables have held, per cuboid and table, so
 * that a new minute's table starts at the size the last ones reached instead of growing to it by copies on the
 * event path. Written by the shard's updater only.
 */
final class TableSizes
{
    private final int[][] cells = new int[Cuboid.count()][0];
    private final int[][] pairs = new int[Cuboid.count()][0];
    private final int[][] denseKeys = new int[Cuboid.count()][0];

    int cells(final int cuboid, final int table)
    {
        return valueAt(cells[cuboid], table);
    }

    int pairs(final int cuboid, final int table)
    {
        return valueAt(pairs[cuboid], table);
    }

    int denseKeys(final int cuboid, final int table)
    {
        return valueAt(denseKeys[cuboid], table);
    }

    /**
     * Notes what a table held when its minute was sealed.
     *
     * @param cuboid ordinal.
     * @param table  table id.
     * @param from   the table.
     */
    void record(final int cuboid, final int table, final CellTable from)
    {
        cells[cuboid] = raise(cells[cuboid], table, from.cellCount);
        pairs[cuboid] = raise(pairs[cuboid], table, from.pairCount);
        denseKeys[cuboid] = raise(denseKeys[cuboid], table, from.denseKeys());
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
