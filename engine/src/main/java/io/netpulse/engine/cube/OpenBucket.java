/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.Arrays;

/**
 * A minute bucket the cube updater is still writing: a {@link CellTable} per table of the element cuboid, and per
 * publication slot the {@link Slice}s through which readers see the tables' mirrors. Once the watermark passes
 * its end it is sealed: the writer stops touching it, readers see the tables themselves, and the maintainer
 * compacts it into a closed bucket and rolls it up into the coarser cuboids (until then a query on those reads
 * its element cells through their placements, as it does for open minutes). When no published state can reach
 * it any more, the writer reuses it.
 */
final class OpenBucket
{
    private static final int INITIAL_CELLS = 256;
    private static final int INITIAL_PAIRS = 256;
    private static final int ELEMENT = Cuboid.ELEMENT.ordinal();

    long startMs;
    long sealSeq;
    long retireEpoch;
    final CellTable[][] tables = new CellTable[Cuboid.count()][];
    private Slice[][] slotSlices = new Slice[0][];
    private Slice[] sealedSlices;
    private Placements.View sealedPlacements;
    private final TableSizes sizes;

    OpenBucket(final long startMs, final TableSizes sizes)
    {
        this.startMs = startMs;
        this.sizes = sizes;
        for (int c = 0; c < tables.length; c++)
        {
            tables[c] = new CellTable[0];
        }
    }

    /**
     * A table of a cuboid, made on first use.
     *
     * @param cuboid ordinal.
     * @param tableId the table ({@link MetricCatalog#tableOf}).
     * @param epoch  the writer's epoch now.
     * @return the table.
     */
    CellTable table(final int cuboid, final int tableId, final long epoch)
    {
        CellTable[] byTable = tables[cuboid];
        if (tableId >= byTable.length)
        {
            byTable = Arrays.copyOf(byTable, Math.max(tableId + 1, byTable.length + 8));
            tables[cuboid] = byTable;
        }
        CellTable table = byTable[tableId];
        if (null == table)
        {
            table = new CellTable(MetricCatalog.columnsOf(tableId),
                Math.max(INITIAL_CELLS, sizes.cells(cuboid, tableId)),
                Math.max(INITIAL_PAIRS, sizes.pairs(cuboid, tableId)),
                sizes.denseKeys(cuboid, tableId), cuboid == ELEMENT, epoch);
            byTable[tableId] = table;
        }
        return table;
    }

    /**
     * Empties the bucket for another minute, keeping its tables' capacity.
     *
     * @param newStartMs the minute's start.
     * @param epoch      the writer's epoch now.
     */
    void reuse(final long newStartMs, final long epoch)
    {
        startMs = newStartMs;
        sealSeq = 0;
        sealedSlices = null;
        sealedPlacements = null;
        for (final CellTable[] byTable : tables)
        {
            for (final CellTable table : byTable)
            {
                if (null != table)
                {
                    table.reset(epoch);
                }
            }
        }
    }

    /**
     * Brings the mirrors of a slot up to date and returns the slot's slices, one per cuboid.
     *
     * @param slot  publication slot.
     * @param epoch the epoch being closed.
     * @return the slices, stable per slot.
     */
    Slice[] sync(final int slot, final long epoch)
    {
        if (slot >= slotSlices.length)
        {
            slotSlices = Arrays.copyOf(slotSlices, slot + 1);
        }
        Slice[] slices = slotSlices[slot];
        if (null == slices)
        {
            slices = new Slice[tables.length];
            for (int c = 0; c < slices.length; c++)
            {
                slices[c] = new Slice(startMs, CubeConfig.MINUTE_MS, new CellBlock[0]);
            }
            slotSlices[slot] = slices;
        }
        else if (slices[0].startMs != startMs)
        {
            for (int c = 0; c < slices.length; c++)
            {
                slices[c] = new Slice(startMs, CubeConfig.MINUTE_MS, slices[c].byTable);
            }
        }
        for (int c = 0; c <= ELEMENT; c++)
        {
            final CellTable[] byTable = tables[c];
            final Slice slice = slices[c];
            CellBlock[] mirrors = slice.byTable;
            if (mirrors.length != byTable.length)
            {
                mirrors = Arrays.copyOf(mirrors, byTable.length);
                slice.byTable = mirrors;
            }
            for (int m = 0; m < byTable.length; m++)
            {
                final CellTable table = byTable[m];
                mirrors[m] = null == table || table.cellCount == 0 && null == mirrors[m] ?
                    null : table.syncMirror(slot, epoch);
            }
        }
        return slices;
    }

    /**
     * Seals the bucket: from now on readers read the tables themselves. The coarser cuboids' cells are the
     * maintainer's to build, off the event path.
     *
     * @param seq        the seal's sequence in this shard.
     * @param placements the placements the element cells' keys refer to, as of sealing.
     */
    void seal(final long seq, final Placements.View placements)
    {
        sealSeq = seq;
        final CellTable[] elementTables = tables[ELEMENT];
        final CellBlock[] blocks = new CellBlock[elementTables.length];
        for (int m = 0; m < blocks.length; m++)
        {
            final CellTable table = elementTables[m];
            if (null != table)
            {
                sizes.record(ELEMENT, m, table);
            }
            blocks[m] = null == table || table.cellCount == 0 ? null : table;
        }
        sealedSlices = new Slice[] {new Slice(startMs, CubeConfig.MINUTE_MS, blocks)};
        sealedPlacements = placements;
    }

    /**
     * The sealed bucket's element-cuboid slice.
     *
     * @return the slice, or null before sealing.
     */
    Slice sealedSlice()
    {
        return null == sealedSlices ? null : sealedSlices[ELEMENT];
    }

    /**
     * The placements the sealed slice's keys refer to.
     *
     * @return the placements as of sealing, or null before.
     */
    Placements.View sealedPlacements()
    {
        return sealedPlacements;
    }
}
