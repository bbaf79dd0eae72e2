/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.Arrays;

/**
 * A minute bucket the cube updater is still writing: a {@link CellTable} per table of the element cuboid, and per
 * publication slot the {@link Slice} through which readers see the tables' mirrors. Once the watermark passes
 * its end it is sealed: the writer stops touching it, readers see the tables themselves, and the maintainer
 * compacts it into a closed bucket and rolls it up into the coarser cuboids (until then a query on those reads
 * its element cells through their placements, as it does for open minutes). When no published state can reach
 * it any more, the writer reuses it.
 */
final class OpenBucket
{
    private static final int INITIAL_CELLS = 256;
    private static final int INITIAL_PAIRS = 256;

    long startMs;
    long sealSeq;
    long retireEpoch;
    // The element cuboid's tables, by table id: the only cells written per event.
    private CellTable[] tables = new CellTable[0];
    private Slice[] slotSlices = new Slice[0];
    private Slice sealedSlice;
    // The sealed slice, kept for the bucket's next minute: by then no published state can reach it.
    private Slice sealedStore;
    /** The bucket's hand-over to the maintainer, reused with it likewise. */
    final CubeMaintainer.Task task = new CubeMaintainer.Task();
    private Placements.View sealedPlacements;
    private final TableSizes sizes;
    private long lastSyncCells;

    OpenBucket(final long startMs, final TableSizes sizes)
    {
        this.startMs = startMs;
        this.sizes = sizes;
    }

    /**
     * A table, made on first use.
     *
     * @param tableId the table ({@link MetricCatalog#tableOf}).
     * @param epoch   the writer's epoch now.
     * @return the table.
     */
    CellTable table(final int tableId, final long epoch)
    {
        if (tableId >= tables.length)
        {
            tables = Arrays.copyOf(tables, Math.max(tableId + 1, tables.length + 8));
        }
        CellTable table = tables[tableId];
        if (null == table)
        {
            table = new CellTable(MetricCatalog.columnsOf(tableId), cellsFor(tableId), pairsFor(tableId),
                sizes.denseKeys(tableId), true, epoch, MetricCatalog.serviceless(tableId));
            tables[tableId] = table;
        }
        return table;
    }

    /**
     * Makes every table a minute has had so far, at the size of the largest, and its mirrors for the given
     * publication slots: a bucket made ready ahead of need.
     *
     * @param epoch the writer's epoch now.
     * @param slots publication slots in use.
     */
    void prepare(final long epoch, final int slots)
    {
        for (int m = 0; m < sizes.tables(); m++)
        {
            if (sizes.cells(m) > 0)
            {
                final CellTable table = table(m, epoch);
                for (int slot = 0; slot < slots; slot++)
                {
                    table.mirror(slot);
                }
            }
        }
    }

    /**
     * Starts emptying the tables of a bucket no published state can reach any more, a step at a time
     * ({@link #clearSome}), before {@link #reuse} needs them empty.
     */
    void startClearing()
    {
        for (final CellTable table : tables)
        {
            if (null != table)
            {
                table.startClearing();
            }
        }
    }

    /**
     * Clears up to {@code budget} index slots of the tables being emptied.
     *
     * @param budget slots to clear at most.
     * @return the budget left: more than 0 once every table is clear.
     */
    int clearSome(final int budget)
    {
        int left = budget;
        final CellTable[] tables = this.tables;
        for (int m = 0; m < tables.length && left > 0; m++)
        {
            if (null != tables[m])
            {
                left = tables[m].clearSome(left);
            }
        }
        return left;
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
        sealedSlice = null;
        sealedPlacements = null;
        for (int m = 0; m < tables.length; m++)
        {
            final CellTable table = tables[m];
            if (null != table)
            {
                table.reset(epoch);
                table.reserve(sizes.cells(m), sizes.pairs(m), sizes.denseKeys(m));
            }
        }
    }

    // A table is made with room for the most any minute of it has held and an eighth more, and a reused one grows
    // only once that most outgrows it: the most creeps up a little over a long run, and a minute a little fuller
    // than any before must not grow a table on the event path.
    private int cellsFor(final int tableId)
    {
        final int most = sizes.cells(tableId);
        return Math.max(INITIAL_CELLS, most + (most >> 3));
    }

    private int pairsFor(final int tableId)
    {
        final int most = sizes.pairs(tableId);
        return Math.max(INITIAL_PAIRS, most + (most >> 3));
    }

    /**
     * Cells the last {@link #sync} copied into the slot's mirrors.
     *
     * @return the count.
     */
    long lastSyncCells()
    {
        return lastSyncCells;
    }

    /**
     * Lets go of a publication slot's mirrors until the slot is refreshed again, then copied whole: the tables keep
     * no changes for them meanwhile.
     *
     * @param slot publication slot of a released state.
     */
    void forget(final int slot)
    {
        for (final CellTable table : tables)
        {
            if (null != table)
            {
                table.forgetMirror(slot);
            }
        }
    }

    /**
     * Brings the mirrors of a slot up to date and returns the slot's slice.
     *
     * @param slot  publication slot.
     * @param epoch the epoch being closed.
     * @return the slice, stable per slot and minute.
     */
    Slice sync(final int slot, final long epoch)
    {
        if (slot >= slotSlices.length)
        {
            slotSlices = Arrays.copyOf(slotSlices, slot + 1);
        }
        Slice slice = slotSlices[slot];
        if (null == slice)
        {
            slice = new Slice(startMs, CubeConfig.MINUTE_MS, new CellBlock[0]);
            slotSlices[slot] = slice;
        }
        else if (slice.startMs != startMs)
        {
            // the bucket's previous minute: no published state can reach it any more
            slice.renew(startMs);
        }
        CellBlock[] mirrors = slice.byTable;
        if (mirrors.length != tables.length)
        {
            mirrors = Arrays.copyOf(mirrors, tables.length);
            slice.byTable = mirrors;
        }
        long copied = 0;
        for (int m = 0; m < tables.length; m++)
        {
            final CellTable table = tables[m];
            if (null == table || table.cellCount == 0 && null == mirrors[m])
            {
                mirrors[m] = null;
            }
            else
            {
                mirrors[m] = table.syncMirror(slot, epoch);
                copied += table.lastSyncCells();
            }
        }
        lastSyncCells = copied;
        return slice;
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
        Slice sealed = sealedStore;
        if (null == sealed || sealed.byTable.length != tables.length)
        {
            sealed = new Slice(startMs, CubeConfig.MINUTE_MS, new CellBlock[tables.length]);
            sealedStore = sealed;
        }
        else
        {
            sealed.renew(startMs);
        }
        final CellBlock[] blocks = sealed.byTable;
        for (int m = 0; m < blocks.length; m++)
        {
            final CellTable table = tables[m];
            if (null != table)
            {
                sizes.record(m, table);
            }
            blocks[m] = null == table || table.cellCount == 0 ? null : table;
        }
        sealedSlice = sealed;
        sealedPlacements = placements;
    }

    /**
     * The sealed bucket's element-cuboid slice.
     *
     * @return the slice, or null before sealing.
     */
    Slice sealedSlice()
    {
        return sealedSlice;
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
