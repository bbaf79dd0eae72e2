/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.Arrays;

/**
 * A {@link CellBlock} its one writer can update: an open-addressing index from key to cell, another from
 * (cell, histogram bucket) to pair, and, when it is published to readers, a log of what changed in each
 * publication epoch so that mirrors are refreshed with the cells that changed rather than copied whole.
 * <p>
 * Each cell record carries the epoch in which the writer last changed it, beside its measures, so an update
 * touches the index slot and one record: two cache lines. The writer logs a cell (or pair) the first time it
 * changes it in an epoch; a {@link Mirror} that holds everything up to epoch {@code e} is brought up to date by
 * copying the logged records of the epochs after {@code e}. Updating a cell allocates nothing: the indices and
 * arrays grow (by copying) only when a new cell or pair does not fit.
 * <p>
 * Small keys (the element cuboid's: a placement and a service) are indexed densely, and a table
 * finds a cell and column's histogram pairs through a short chain (a minute of one element holds a few buckets
 * per column), moving a column whose chain grows long to the hash index: so an event touches index slots next to
 * those of the previous event from the same collector instead of random ones.
 */
final class CellTable extends CellBlock
{
    /** Longs in a table's pair record: a block's, and the epoch of the last change. */
    static final int TABLE_PAIR_STRIDE = PAIR_STRIDE + 1;

    private static final int PAIR_EPOCH = PAIR_STRIDE;
    private static final long HASH_MULTIPLIER = 0x9E3779B97F4A7C15L;
    private static final int MIN_INDEX_CAPACITY = 64;
    /**
     * Dense index slots: the element cuboid's keys below this are indexed densely (up to 2^18 placements, or 2^21
     * in a table without services); larger ones by hash.
     */
    private static final int DENSE_KEY_LIMIT = 1 << 21;
    /** Longest chain of pairs for one cell and column before they are indexed by hash. */
    private static final int MAX_CHAIN = 8;
    // The steps of emptying a spare table (clearSome), in order.
    private static final int IN_USE = -1;
    private static final int CLEAR_CELL_INDEX = 0;
    private static final int CLEAR_PAIR_INDEX = 1;
    private static final int CLEAR_PAIR_SLOTS = 2;
    private static final int CLEAR_DENSE_INDEX = 3;
    private static final int CLEAR_PAIR_HEADS = 4;
    private static final int CLEARED = 5;
    private static final long POSITIVE_INFINITY_BITS = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
    private static final long NEGATIVE_INFINITY_BITS = Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);
    private static final long ZERO_BITS = Double.doubleToRawLongBits(0.0);

    private final boolean tracked;
    private final int epochOffset;
    // A table whose element keys all carry no service (a KPI's, the flows'): its dense index has a slot per
    // placement rather than per placement and service, an eighth of the size and of the cache lines it touches.
    private final boolean serviceless;

    private int[] index;
    private int indexShift;
    private int hashedCells;
    private int hashedPairs;
    // Tracked tables find a cell and column's pairs through a chain, the column's few buckets this minute:
    // the head of each (cell * columns + column), 0 for none and -1 once it moved to the hash index; the next of
    // each pair.
    private int[] pairHeads = new int[0];
    // Tables that fold whole minutes or hours, where nearly every cell and column gathers more buckets than a
    // chain holds, keep their pairs in an open-addressing table of (key + 1, count) instead of records found
    // through an index: merging a cell and column's buckets then touches the few cache lines of its cluster rather
    // than an index slot, a key and a record per bucket, records that lie wherever each bucket was first seen. The
    // records are written from it when they are read ({@link #settle}).
    private boolean hashEveryPair;
    private long[] pairSlots;
    private int pairSlotShift;
    private boolean pairsSettled = true;
    private int[] pairNext = new int[0];
    private int[] denseIndex = new int[0];
    private int[] pairIndex;
    // Emptying a spare table a step at a time: the phase reached (IN_USE while a bucket writes it) and where in it.
    private int clearPhase = IN_USE;
    private int clearAt;
    // The key of each pair index entry, beside it: a probe compares keys here instead of reading a pair record.
    private long[] pairIndexKeys;
    private int pairIndexShift;

    private int[] logCells = new int[64];
    private long[] logCellEpochs = new long[64];
    private int logCellCount;
    private int[] logPairs = new int[64];
    private long[] logPairEpochs = new long[64];
    private int logPairCount;
    private long logBaseEpoch;
    private Mirror[] mirrors = new Mirror[0];
    private int[] mergeScratch = new int[0];
    // Cells the last syncMirror copied: what a publication costs the writer.
    private int lastSyncCells;

    /**
     * A table.
     *
     * @param columns      measure columns in each cell.
     * @param cellCapacity cells to hold before growing.
     * @param pairCapacity histogram pairs to hold before growing.
     * @param tracked      whether changes are logged for mirrors (the updater's tables) or not (roll-ups).
     * @param epoch        the writer's epoch now.
     */
    CellTable(final int columns, final int cellCapacity, final int pairCapacity, final boolean tracked,
        final long epoch)
    {
        this(columns, cellCapacity, pairCapacity, 0, tracked, epoch, false);
    }

    /**
     * A table sized for what it is expected to hold, for keys with or without services.
     *
     * @param denseKeys   room in the dense index: the small keys expected.
     * @param serviceless whether every element key it holds has no service ({@link MetricCatalog#serviceless}):
     *                    its dense index then has a slot per placement.
     */
    CellTable(final int columns, final int cellCapacity, final int pairCapacity, final int denseKeys,
        final boolean tracked, final long epoch, final boolean serviceless)
    {
        super(columns, recordLength(columns) + 1, TABLE_PAIR_STRIDE, Math.max(16, cellCapacity),
            Math.max(16, pairCapacity));
        this.tracked = tracked;
        this.serviceless = serviceless;
        this.epochOffset = recordLength(columns);
        final int indexCapacity = indexCapacityFor(cellCapacity());
        index = new int[indexCapacity];
        indexShift = 64 - Integer.numberOfTrailingZeros(indexCapacity);
        final int pairIndexCapacity = indexCapacityFor(pairCapacity());
        pairIndex = new int[pairIndexCapacity];
        pairIndexKeys = new long[pairIndexCapacity];
        pairIndexShift = 64 - Integer.numberOfTrailingZeros(pairIndexCapacity);
        logBaseEpoch = epoch;
        denseIndex = new int[Math.min(DENSE_KEY_LIMIT, Math.max(0, denseKeys))];
    }

    /**
     * Room in the dense index now.
     *
     * @return the slots.
     */
    int denseKeys()
    {
        return denseIndex.length;
    }

    private static int indexCapacityFor(final int entries)
    {
        return Math.max(MIN_INDEX_CAPACITY, Integer.highestOneBit(Math.max(1, entries) * 2 - 1) << 1);
    }

    /**
     * The cell of a key, made when new: the one lookup an event makes per cuboid.
     *
     * @param key   cell key.
     * @param epoch the writer's epoch now.
     * @return the cell's index.
     */
    int cell(final long key, final long epoch)
    {
        return cellFor(key, epoch);
    }

    /**
     * Adds a value to a column of a cell.
     *
     * @param cell   from {@link #cell}.
     * @param column the metric's column.
     * @param value  the value.
     * @param epoch  the writer's epoch now.
     */
    void add(final int cell, final int column, final double value, final long epoch)
    {
        final long[] cells = this.cells;
        final int record = cell * stride;
        final int at = record + 1 + column * MEASURES;
        cells[at + COUNT]++;
        cells[at + SUM] = Double.doubleToRawLongBits(Double.longBitsToDouble(cells[at + SUM]) + value);
        cells[at + SUM_SQUARES] = Double.doubleToRawLongBits(
            Double.longBitsToDouble(cells[at + SUM_SQUARES]) + value * value);
        if (value < Double.longBitsToDouble(cells[at + MIN]))
        {
            cells[at + MIN] = Double.doubleToRawLongBits(value);
        }
        if (value > Double.longBitsToDouble(cells[at + MAX]))
        {
            cells[at + MAX] = Double.doubleToRawLongBits(value);
        }
        if (tracked && cells[record + epochOffset] != epoch)
        {
            cells[record + epochOffset] = epoch;
            logCell(cell, epoch);
        }
    }

    /**
     * Adds a value to a column of a cell and to that column's histogram.
     *
     * @param cell   from {@link #cell}.
     * @param column the metric's column.
     * @param value  the value.
     * @param epoch  the writer's epoch now.
     */
    void addWithHistogram(final int cell, final int column, final double value, final long epoch)
    {
        add(cell, column, value, epoch);
        if (hashEveryPair)
        {
            pairsSettled = false;
            addToPairSlot(pairKey(cell, column, LogHistogram.bucketOf(value)), 1);
            return;
        }
        final int pair = pairFor(cell, column, LogHistogram.bucketOf(value), epoch);
        final long[] pairs = this.pairs;
        final int at = pair * TABLE_PAIR_STRIDE;
        pairs[at + 1]++;
        if (tracked && pairs[at + PAIR_EPOCH] != epoch)
        {
            pairs[at + PAIR_EPOCH] = epoch;
            logPair(pair, epoch);
        }
    }

    /**
     * Adds a value to the one column of a key's cell: for single-column tables and tests.
     *
     * @param key   cell key.
     * @param value the value.
     * @param epoch the writer's epoch now.
     * @return the cell's index.
     */
    int add(final long key, final double value, final long epoch)
    {
        final int cell = cellFor(key, epoch);
        add(cell, 0, value, epoch);
        return cell;
    }

    /**
     * Adds a value to the one column of a key's cell and to its histogram.
     *
     * @param key   cell key.
     * @param value the value.
     * @param epoch the writer's epoch now.
     */
    void addWithHistogram(final long key, final double value, final long epoch)
    {
        addWithHistogram(cellFor(key, epoch), 0, value, epoch);
    }

    /**
     * Merges every cell and histogram pair of another block of the same columns into this one: the roll-up step.
     *
     * @param from the block to merge.
     */
    void merge(final CellBlock from)
    {
        merge(from, null, Cuboid.ELEMENT);
    }

    /**
     * Merges every cell and histogram pair of an element-cuboid block into this one under the keys of a coarser
     * cuboid: the roll-up of a sealed minute from its element cells into its site or region cells. Cells are
     * visited in the block's order, so the same block always gives the same sums.
     *
     * @param from       an element-cuboid block of the same columns.
     * @param placements the placements its keys refer to.
     * @param into       the cuboid whose keys this table holds.
     */
    void rollUp(final CellBlock from, final Placements.View placements, final Cuboid into)
    {
        merge(from, placements, into);
    }

    private static long rolledKey(final long key, final Placements.View placements, final Cuboid into)
    {
        if (null == placements)
        {
            return key;
        }
        final int placement = Cuboid.placement(key);
        final int service = Cuboid.service(key);
        if (into == Cuboid.SITE)
        {
            return Cuboid.siteKey(placements.sites[placement], placements.regions[placement], service);
        }
        return Cuboid.regionKey(placements.regions[placement], placements.classes[placement],
            placements.vendors[placement], service);
    }

    private void merge(final CellBlock from, final Placements.View placements, final Cuboid into)
    {
        final int count = from.cellCount;
        if (mergeScratch.length < count)
        {
            mergeScratch = new int[Math.max(count, mergeScratch.length * 2)];
        }
        final int[] mapped = mergeScratch;
        final long[] source = from.cells;
        for (int i = 0; i < count; i++)
        {
            final int in = i * from.stride;
            final int cell = cellFor(rolledKey(source[in + KEY], placements, into), 0);
            mapped[i] = cell;
            final long[] cells = this.cells;
            for (int column = 0; column < columns; column++)
            {
                final int at = cell * stride + 1 + column * MEASURES;
                final int src = in + 1 + column * MEASURES;
                cells[at + COUNT] += source[src + COUNT];
                cells[at + SUM] = Double.doubleToRawLongBits(Double.longBitsToDouble(cells[at + SUM]) +
                    Double.longBitsToDouble(source[src + SUM]));
                cells[at + SUM_SQUARES] = Double.doubleToRawLongBits(
                    Double.longBitsToDouble(cells[at + SUM_SQUARES]) + Double.longBitsToDouble(source[src + SUM_SQUARES]));
                cells[at + MIN] = Double.doubleToRawLongBits(Math.min(Double.longBitsToDouble(cells[at + MIN]),
                    Double.longBitsToDouble(source[src + MIN])));
                cells[at + MAX] = Double.doubleToRawLongBits(Math.max(Double.longBitsToDouble(cells[at + MAX]),
                    Double.longBitsToDouble(source[src + MAX])));
            }
        }
        if (hashEveryPair)
        {
            pairsSettled = false;
            for (int j = 0, pairCount = from.pairCount; j < pairCount; j++)
            {
                addToPairSlot(pairKey(mapped[from.pairCell(j)], from.pairColumn(j), from.pairBucket(j)),
                    from.pairCountOf(j));
            }
            return;
        }
        for (int j = 0, pairCount = from.pairCount; j < pairCount; j++)
        {
            final int pair = pairFor(mapped[from.pairCell(j)], from.pairColumn(j), from.pairBucket(j), 0);
            pairs[pair * TABLE_PAIR_STRIDE + 1] += from.pairCountOf(j);
        }
    }

    private int cellFor(final long key, final long epoch)
    {
        final int denseSlot = denseSlotOf(key);
        if (denseSlot >= 0)
        {
            return denseCellFor(denseSlot, key, epoch);
        }
        int[] index = this.index;
        int mask = index.length - 1;
        int slot = (int)((key * HASH_MULTIPLIER) >>> indexShift);
        while (true)
        {
            final int entry = index[slot];
            if (0 == entry)
            {
                break;
            }
            if (cells[(entry - 1) * stride] == key)
            {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }

        if ((hashedCells + 1) * 2 > index.length)
        {
            rehashCells(index.length * 2);
            index = this.index;
            mask = index.length - 1;
            slot = (int)((key * HASH_MULTIPLIER) >>> indexShift);
            while (0 != index[slot])
            {
                slot = (slot + 1) & mask;
            }
        }
        final int cell = newCell(key, epoch);
        index[slot] = cell + 1;
        hashedCells++;
        return cell;
    }

    /**
     * The cell of a small key through the dense index: the element cuboid's keys are a placement (numbered from 0
     * in the order elements first report) and a service, so consecutive events touch neighbouring index slots
     * rather than random ones.
     */
    private int denseCellFor(final int slot, final long key, final long epoch)
    {
        int[] dense = denseIndex;
        if (slot < dense.length)
        {
            final int entry = dense[slot];
            if (0 != entry)
            {
                return entry - 1;
            }
        }
        else
        {
            dense = Arrays.copyOf(dense, Math.min(DENSE_KEY_LIMIT, Math.max(slot + 1, dense.length * 2)));
            denseIndex = dense;
        }
        final int cell = newCell(key, epoch);
        dense[slot] = cell + 1;
        return cell;
    }

    /**
     * A key's slot in the dense index, or -1 for a key indexed by hash.
     */
    private int denseSlotOf(final long key)
    {
        if (serviceless)
        {
            return key >= 0 && Cuboid.service(key) == Cuboid.NO_SERVICE && key >>> 3 < DENSE_KEY_LIMIT ?
                Cuboid.placement(key) : -1;
        }
        return key >= 0 && key < DENSE_KEY_LIMIT ? (int)key : -1;
    }

    private int newCell(final long key, final long epoch)
    {
        final int cell = cellCount;
        ensureCellCapacity(cell + 1);
        final long[] cells = this.cells;
        final int record = cell * stride;
        cells[record + KEY] = key;
        for (int column = 0; column < columns; column++)
        {
            final int at = record + 1 + column * MEASURES;
            cells[at + COUNT] = 0;
            cells[at + SUM] = ZERO_BITS;
            cells[at + MIN] = POSITIVE_INFINITY_BITS;
            cells[at + MAX] = NEGATIVE_INFINITY_BITS;
            cells[at + SUM_SQUARES] = ZERO_BITS;
        }
        cells[record + epochOffset] = epoch;
        cellCount = cell + 1;
        if (tracked)
        {
            logCell(cell, epoch);
        }
        return cell;
    }

    /**
     * Keeps every histogram pair in the pair slots from the start, with no chains first: for an untracked table
     * that merges whole blocks (a period's fold, a roll-up), where nearly every cell and column soon has more
     * buckets than a chain holds and walking the chains first only costs cache misses. Its pair records are
     * written from the slots, in slot order, when they are read. Call while the table is empty.
     *
     * @return this.
     */
    CellTable hashEveryPair()
    {
        if (pairCount > 0)
        {
            throw new IllegalStateException("the table already has pairs");
        }
        if (tracked)
        {
            throw new IllegalStateException("a tracked table logs pair records as they change");
        }
        hashEveryPair = true;
        final int capacity = indexCapacityFor(pairCapacity());
        pairSlots = new long[2 * capacity];
        pairSlotShift = 64 - Integer.numberOfTrailingZeros(capacity);
        pairIndex = new int[0];
        pairIndexKeys = new long[0];
        return this;
    }

    /**
     * Adds to a pair's count in the pair slots, making the pair when new. The slots grow before they would be more
     * than half full with one more pair, whether or not this one is new: compaction orders the pairs by bucket,
     * so when they grow changes no copy.
     */
    private void addToPairSlot(final long key, final long count)
    {
        if ((pairCount + 1) * 4 > pairSlots.length)
        {
            growPairSlots();
        }
        final long[] slots = pairSlots;
        final int mask = (slots.length >> 1) - 1;
        final long stored = key + 1;
        int slot = pairSlot(key, pairSlotShift, mask);
        long found;
        while (0 != (found = slots[slot << 1]))
        {
            if (found == stored)
            {
                slots[(slot << 1) + 1] += count;
                return;
            }
            slot = (slot + 1) & mask;
        }
        slots[slot << 1] = stored;
        slots[(slot << 1) + 1] = count;
        pairCount++;
    }

    private void growPairSlots()
    {
        final long[] from = pairSlots;
        final int capacity = from.length;
        final long[] slots = new long[2 * capacity];
        final int shift = 64 - Integer.numberOfTrailingZeros(capacity);
        final int mask = capacity - 1;
        for (int at = 0; at < from.length; at += 2)
        {
            final long stored = from[at];
            if (0 != stored)
            {
                int slot = pairSlot(stored - 1, shift, mask);
                while (0 != slots[slot << 1])
                {
                    slot = (slot + 1) & mask;
                }
                slots[slot << 1] = stored;
                slots[(slot << 1) + 1] = from[at + 1];
            }
        }
        pairSlots = slots;
        pairSlotShift = shift;
    }

    /**
     * Writes the pair records from the pair slots of a table that hashes every pair, in slot order, where they
     * changed since last written: before the records are read.
     */
    @Override
    void settle()
    {
        if (pairsSettled)
        {
            return;
        }
        ensurePairCapacity(pairCount);
        final long[] slots = pairSlots;
        final long[] pairs = this.pairs;
        int at = 0;
        for (int slot = 0; slot < slots.length; slot += 2)
        {
            final long stored = slots[slot];
            if (0 != stored)
            {
                pairs[at] = stored - 1;
                pairs[at + 1] = slots[slot + 1];
                pairs[at + PAIR_EPOCH] = 0;
                at += TABLE_PAIR_STRIDE;
            }
        }
        pairsSettled = true;
    }

    @Override
    boolean pairsInSlotOrder()
    {
        return hashEveryPair;
    }

    private int pairFor(final int cell, final int column, final int bucket, final long epoch)
    {
        final int chain = cell * columns + column;
        int[] heads = pairHeads;
        if (chain >= heads.length)
        {
            heads = Arrays.copyOf(heads, Math.max(chain + 1, heads.length * 2));
            pairHeads = heads;
        }
        final int head = heads[chain];
        if (head < 0)
        {
            return hashedPairFor(cell, column, bucket, epoch);
        }
        final long key = pairKey(cell, column, bucket);
        final long[] pairs = this.pairs;
        int length = 0;
        for (int entry = head; 0 != entry; entry = pairNext[entry - 1])
        {
            if (pairs[(entry - 1) * TABLE_PAIR_STRIDE] == key)
            {
                return entry - 1;
            }
            length++;
        }
        if (length >= MAX_CHAIN)
        {
            // A busy cell and column: index its pairs by hash from now on (room made first, so that no rehash
            // runs while the chain is half indexed).
            while ((hashedPairs + length + 1) * 2 > pairIndex.length)
            {
                rehashPairs(pairIndex.length * 2);
            }
            for (int entry = head; 0 != entry; entry = pairNext[entry - 1])
            {
                indexPair(entry - 1, pairs[(entry - 1) * TABLE_PAIR_STRIDE]);
            }
            heads[chain] = -1;
            return hashedPairFor(cell, column, bucket, epoch);
        }
        final int pair = newPair(key, epoch);
        if (pairNext.length < pairCapacity())
        {
            pairNext = Arrays.copyOf(pairNext, pairCapacity());
        }
        pairNext[pair] = head;
        heads[chain] = pair + 1;
        return pair;
    }

    /**
     * Whether a pair is found through the hash index rather than a chain.
     */
    private boolean hashed(final int pair)
    {
        final int chain = pairCell(pair) * columns + pairColumn(pair);
        return chain < pairHeads.length && pairHeads[chain] < 0;
    }

    private int hashedPairFor(final int cell, final int column, final int bucket, final long epoch)
    {
        final long key = pairKey(cell, column, bucket);
        final int[] pairIndex = this.pairIndex;
        final long[] pairIndexKeys = this.pairIndexKeys;
        final int mask = pairIndex.length - 1;
        int slot = pairSlot(key, pairIndexShift, mask);
        while (true)
        {
            final int entry = pairIndex[slot];
            if (0 == entry)
            {
                break;
            }
            if (pairIndexKeys[slot] == key)
            {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
        final int pair = newPair(key, epoch);
        indexPair(pair, key);
        return pair;
    }

    /**
     * Where a pair's search starts in the pair index: a hash of its cell and column, plus its bucket. A cell and
     * column's buckets are then next to each other in the index, so a roll-up or fold, which merges one cell and
     * column's pairs after another, finds them in a few cache lines rather than one line per pair.
     */
    private static int pairSlot(final long key, final int shift, final int mask)
    {
        return ((int)(((key >>> LogHistogram.INDEX_BITS) * HASH_MULTIPLIER) >>> shift) + (int)(key & BUCKET_MASK)) &
            mask;
    }

    private void indexPair(final int pair, final long key)
    {
        if ((hashedPairs + 1) * 2 > pairIndex.length)
        {
            rehashPairs(pairIndex.length * 2);
        }
        final int[] pairIndex = this.pairIndex;
        final int mask = pairIndex.length - 1;
        int slot = pairSlot(key, pairIndexShift, mask);
        while (0 != pairIndex[slot])
        {
            slot = (slot + 1) & mask;
        }
        pairIndex[slot] = pair + 1;
        pairIndexKeys[slot] = key;
        hashedPairs++;
    }

    private int newPair(final long key, final long epoch)
    {
        final int pair = pairCount;
        ensurePairCapacity(pair + 1);
        final int at = pair * TABLE_PAIR_STRIDE;
        pairs[at] = key;
        pairs[at + 1] = 0;
        pairs[at + PAIR_EPOCH] = epoch;
        pairCount = pair + 1;
        if (tracked)
        {
            logPair(pair, epoch);
        }
        return pair;
    }

    private void rehashCells(final int capacity)
    {
        final int[] index = new int[capacity];
        final int shift = 64 - Integer.numberOfTrailingZeros(capacity);
        final int mask = capacity - 1;
        for (int cell = 0; cell < cellCount; cell++)
        {
            final long key = cells[cell * stride];
            if (denseSlotOf(key) >= 0)
            {
                continue;
            }
            int slot = (int)((key * HASH_MULTIPLIER) >>> shift);
            while (0 != index[slot])
            {
                slot = (slot + 1) & mask;
            }
            index[slot] = cell + 1;
        }
        this.index = index;
        this.indexShift = shift;
    }

    private void rehashPairs(final int capacity)
    {
        final int[] index = new int[capacity];
        final long[] keys = new long[capacity];
        final int shift = 64 - Integer.numberOfTrailingZeros(capacity);
        final int mask = capacity - 1;
        for (int pair = 0; pair < pairCount; pair++)
        {
            if (!hashed(pair))
            {
                continue;
            }
            final long key = pairs[pair * TABLE_PAIR_STRIDE];
            int slot = pairSlot(key, shift, mask);
            while (0 != index[slot])
            {
                slot = (slot + 1) & mask;
            }
            index[slot] = pair + 1;
            keys[slot] = key;
        }
        this.pairIndex = index;
        this.pairIndexKeys = keys;
        this.pairIndexShift = shift;
    }

    private void logCell(final int cell, final long epoch)
    {
        if (logCellCount == logCells.length)
        {
            logCells = Arrays.copyOf(logCells, logCellCount * 2);
            logCellEpochs = Arrays.copyOf(logCellEpochs, logCellCount * 2);
        }
        logCells[logCellCount] = cell;
        logCellEpochs[logCellCount++] = epoch;
    }

    private void logPair(final int pair, final long epoch)
    {
        if (logPairCount == logPairs.length)
        {
            logPairs = Arrays.copyOf(logPairs, logPairCount * 2);
            logPairEpochs = Arrays.copyOf(logPairEpochs, logPairCount * 2);
        }
        logPairs[logPairCount] = pair;
        logPairEpochs[logPairCount++] = epoch;
    }

    /**
     * The mirror of this table for a publication slot, brought up to date: everything the writer did up to and
     * including {@code epoch} is in it. Called by the writer while no reader holds the slot.
     *
     * @param slot  publication slot.
     * @param epoch the epoch being closed.
     * @return the mirror.
     */
    Mirror syncMirror(final int slot, final long epoch)
    {
        final Mirror mirror = mirror(slot);

        if (mirror.syncedEpoch < logBaseEpoch - 1)
        {
            mirror.copyAll(this);
            lastSyncCells = cellCount;
        }
        else
        {
            mirror.ensureCellCapacity(cellCount);
            mirror.ensurePairCapacity(pairCount);
            final int firstCell = firstAfter(logCellEpochs, logCellCount, mirror.syncedEpoch);
            for (int i = firstCell; i < logCellCount; i++)
            {
                mirror.copyCell(this, logCells[i]);
            }
            lastSyncCells = logCellCount - firstCell;
            for (int i = firstAfter(logPairEpochs, logPairCount, mirror.syncedEpoch); i < logPairCount; i++)
            {
                mirror.copyPair(this, logPairs[i]);
            }
            mirror.cellCount = cellCount;
            mirror.pairCount = pairCount;
        }
        mirror.syncedEpoch = epoch;
        trimLog();
        return mirror;
    }

    /**
     * Cells the last {@link #syncMirror} copied, whole or from the change log.
     *
     * @return the count.
     */
    int lastSyncCells()
    {
        return lastSyncCells;
    }

    /**
     * Marks a slot's mirror to be copied whole on its next refresh, so that the change log is no longer kept for it.
     *
     * @param slot publication slot.
     */
    void forgetMirror(final int slot)
    {
        if (slot < mirrors.length && null != mirrors[slot])
        {
            mirrors[slot].syncedEpoch = Long.MIN_VALUE;
        }
    }

    /**
     * The mirror for a publication slot, made on first use.
     *
     * @param slot publication slot.
     * @return the mirror.
     */
    Mirror mirror(final int slot)
    {
        if (slot >= mirrors.length)
        {
            mirrors = Arrays.copyOf(mirrors, slot + 1);
        }
        Mirror mirror = mirrors[slot];
        if (null == mirror)
        {
            // as large as the table, which is sized for the minute, so the mirror does not grow by copies
            mirror = new Mirror(columns, cellCapacity(), pairCapacity());
            mirrors[slot] = mirror;
        }
        return mirror;
    }

    /**
     * Drops log entries every mirror already holds; when one mirror lags so far that the log outgrows the table,
     * drops them anyway and lets that mirror be copied whole next time.
     */
    private void trimLog()
    {
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        for (final Mirror mirror : mirrors)
        {
            // a mirror never synced, or since reset or forgotten, is copied whole: it needs no log
            if (null != mirror && Long.MIN_VALUE != mirror.syncedEpoch)
            {
                oldest = Math.min(oldest, mirror.syncedEpoch);
                newest = Math.max(newest, mirror.syncedEpoch);
            }
        }
        final boolean overgrown = logCellCount + logPairCount > 2 * (cellCount + pairCount) + 1024;
        final long upTo = overgrown ? newest : oldest;
        final int cellsDone = firstAfter(logCellEpochs, logCellCount, upTo);
        final int pairsDone = firstAfter(logPairEpochs, logPairCount, upTo);
        if (overgrown || (cellsDone + pairsDone > 0 && cellsDone * 2 >= logCellCount && pairsDone * 2 >= logPairCount))
        {
            System.arraycopy(logCells, cellsDone, logCells, 0, logCellCount - cellsDone);
            System.arraycopy(logCellEpochs, cellsDone, logCellEpochs, 0, logCellCount - cellsDone);
            logCellCount -= cellsDone;
            System.arraycopy(logPairs, pairsDone, logPairs, 0, logPairCount - pairsDone);
            System.arraycopy(logPairEpochs, pairsDone, logPairEpochs, 0, logPairCount - pairsDone);
            logPairCount -= pairsDone;
            // Everything after 'upTo' is still logged; a mirror synced before it must be copied whole.
            logBaseEpoch = Math.max(logBaseEpoch, upTo + 1);
        }
    }

    /**
     * Position of the first log entry with an epoch after {@code epoch}: the log's epochs never decrease.
     */
    private static int firstAfter(final long[] epochs, final int length, final long epoch)
    {
        int low = 0;
        int high = length;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (epochs[mid] <= epoch)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    /**
     * Starts emptying a table no published state can reach any more (a spare bucket's), so that {@link #clearSome}
     * can clear its indexes a step at a time between batches instead of all at once when a new minute first needs
     * it: about a millisecond a minute on the event path otherwise, at 10,000 elements.
     */
    void startClearing()
    {
        if (IN_USE == clearPhase)
        {
            clearPhase = CLEAR_CELL_INDEX;
            clearAt = 0;
        }
    }

    /**
     * Clears up to {@code budget} index slots of a table being emptied.
     *
     * @param budget slots to clear at most.
     * @return the budget left: more than 0 once the table's indexes are clear.
     */
    int clearSome(final int budget)
    {
        int left = budget;
        while (left > 0 && IN_USE != clearPhase && CLEARED != clearPhase)
        {
            switch (clearPhase)
            {
                case CLEAR_CELL_INDEX:
                    left = clearStep(index, index.length, left);
                    break;
                case CLEAR_PAIR_INDEX:
                    left = clearStep(pairIndex, pairIndex.length, left);
                    break;
                case CLEAR_PAIR_SLOTS:
                    left = hashEveryPair ? clearStep(pairSlots, left) : nextClearPhase(left);
                    break;
                case CLEAR_DENSE_INDEX:
                    left = clearDenseStep(left);
                    break;
                case CLEAR_PAIR_HEADS:
                    left = clearStep(pairHeads, Math.min(pairHeads.length, cellCount * columns), left);
                    break;
                default:
                    throw new IllegalStateException("clear phase " + clearPhase);
            }
        }
        return left;
    }

    /**
     * Empties the table for reuse by another bucket, keeping its capacity and its mirrors (which are copied whole
     * on their next refresh): clears what {@link #clearSome} has not.
     *
     * @param epoch the writer's epoch now.
     */
    void reset(final long epoch)
    {
        startClearing();
        clearSome(Integer.MAX_VALUE);
        clearPhase = IN_USE;
        if (hashEveryPair)
        {
            pairsSettled = true;
        }
        hashedCells = 0;
        hashedPairs = 0;
        cellCount = 0;
        pairCount = 0;
        logCellCount = 0;
        logPairCount = 0;
        logBaseEpoch = epoch;
        for (final Mirror mirror : mirrors)
        {
            if (null != mirror)
            {
                mirror.syncedEpoch = Long.MIN_VALUE;
                mirror.cellCount = 0;
                mirror.pairCount = 0;
            }
        }
    }

    private int clearStep(final int[] array, final int end, final int budget)
    {
        final int to = clearStepEnd(end, budget);
        Arrays.fill(array, clearAt, to, 0);
        return clearedTo(to, end, budget);
    }

    private int clearStep(final long[] array, final int budget)
    {
        final int to = clearStepEnd(array.length, budget);
        Arrays.fill(array, clearAt, to, 0L);
        return clearedTo(to, array.length, budget);
    }

    /** The dense index is cleared through the cells' keys: only the slots this table used. */
    private int clearDenseStep(final int budget)
    {
        final int[] dense = denseIndex;
        final long[] cells = this.cells;
        final int to = clearStepEnd(cellCount, budget);
        for (int cell = clearAt; cell < to; cell++)
        {
            final int slot = denseSlotOf(cells[cell * stride]);
            if (slot >= 0 && slot < dense.length)
            {
                dense[slot] = 0;
            }
        }
        return clearedTo(to, cellCount, budget);
    }

    /**
     * Where a step of the phase's clearing stops: at its end, or where the budget runs out.
     */
    private int clearStepEnd(final int end, final int budget)
    {
        return (int)Math.min(end, (long)clearAt + budget);
    }

    /**
     * Notes a step cleared up to {@code to}, moving to the next phase at the phase's end.
     *
     * @return the budget left.
     */
    private int clearedTo(final int to, final int end, final int budget)
    {
        final int left = budget - (to - clearAt);
        clearAt = to;
        return to == end ? nextClearPhase(left) : left;
    }

    private int nextClearPhase(final int left)
    {
        clearPhase++;
        clearAt = 0;
        // done is told by budget left over, so a last step that used all of it still leaves 1
        return CLEARED == clearPhase ? Math.max(1, left) : left;
    }

    /**
     * Makes room in an emptied table for what it is expected to hold, so that filling it copies no array: the
     * updater's tables are reused minute after minute, and each would otherwise grow by copies, on the event path,
     * whenever a minute holds more than the minutes it has held before.
     *
     * @param cellCapacity cells to hold without growing.
     * @param pairCapacity histogram pairs to hold without growing.
     * @param denseKeys    room in the dense index.
     */
    void reserve(final int cellCapacity, final int pairCapacity, final int denseKeys)
    {
        if (cellCount != 0 || pairCount != 0)
        {
            throw new IllegalStateException("only an empty table is reserved");
        }
        // An array too small grows to a quarter more than asked: the largest minute creeps up over a long run, and
        // each step would otherwise copy every reused table once more.
        if (cellCapacity() < cellCapacity)
        {
            ensureCellCapacity(roomFor(cellCapacity));
        }
        if (pairCapacity() < pairCapacity)
        {
            ensurePairCapacity(roomFor(pairCapacity));
        }
        // the table is empty, so a rehash only makes the index larger
        final int indexCapacity = indexCapacityFor(cellCapacity());
        if (index.length < indexCapacity)
        {
            rehashCells(indexCapacity);
        }
        final int pairIndexCapacity = indexCapacityFor(pairCapacity());
        if (!hashEveryPair && pairIndex.length < pairIndexCapacity)
        {
            rehashPairs(pairIndexCapacity);
        }
        final int dense = Math.min(DENSE_KEY_LIMIT, Math.max(0, denseKeys));
        if (denseIndex.length < dense)
        {
            // exactly: the size noted is a dense index's length, which already has room to spare
            denseIndex = new int[dense];
        }
        if (pairHeads.length < cellCapacity() * columns)
        {
            pairHeads = new int[cellCapacity() * columns];
        }
        if (pairNext.length < pairCapacity())
        {
            pairNext = new int[pairCapacity()];
        }
        if (tracked && logCells.length < cellCapacity)
        {
            logCells = new int[roomFor(cellCapacity)];
            logCellEpochs = new long[logCells.length];
        }
        if (tracked && logPairs.length < pairCapacity)
        {
            logPairs = new int[roomFor(pairCapacity)];
            logPairEpochs = new long[logPairs.length];
        }
        for (final Mirror mirror : mirrors)
        {
            if (null != mirror && mirror.cellCapacity() < cellCapacity)
            {
                mirror.ensureCellCapacity(roomFor(cellCapacity));
            }
            if (null != mirror && mirror.pairCapacity() < pairCapacity)
            {
                mirror.ensurePairCapacity(roomFor(pairCapacity));
            }
        }
    }

    private static int roomFor(final int needed)
    {
        return needed + (needed >> 2);
    }

    /**
     * Heap bytes held, indices, change log and mirrors included.
     *
     * @return the footprint.
     */
    long footprintBytes()
    {
        long bytes = super.footprintBytes() + (long)(index.length + pairIndex.length + denseIndex.length +
            pairHeads.length + pairNext.length) * Integer.BYTES +
            (long)(pairIndexKeys.length + (hashEveryPair ? pairSlots.length : 0)) * Long.BYTES;
        if (tracked)
        {
            bytes += (long)(logCells.length + logPairs.length) * (Integer.BYTES + Long.BYTES);
        }
        for (final Mirror mirror : mirrors)
        {
            if (null != mirror)
            {
                bytes += mirror.footprintBytes();
            }
        }
        return bytes;
    }

    /**
     * A reader-side copy of a table for one publication slot.
     */
    static final class Mirror extends CellBlock
    {
        long syncedEpoch = Long.MIN_VALUE;

        Mirror(final int columns, final int cellCapacity, final int pairCapacity)
        {
            super(columns, Math.max(16, cellCapacity), Math.max(16, pairCapacity));
        }
    }
}
