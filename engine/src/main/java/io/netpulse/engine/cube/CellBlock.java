/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.Arrays;

/**
 * The cells of one table in one time bucket of one cuboid, as readers see them. A table holds the measures an
 * event type carries, one column per metric (a KPI metric's table has one column; the CDR table has six, so a
 * CDR updates one cell per cuboid, not six). Each cell is one record of {@link #stride} longs in {@link #cells},
 * so that updating or reading a cell touches adjacent cache lines, and the histogram is sparse (cell, column,
 * bucket, count) pairs, each a record of {@link #pairStride} longs:
 * <pre>
 *   cell i at i * stride:     key | column 0: count | sum | min | max | sum of squares | column 1: ... [| epoch]
 *                             (doubles stored as their IEEE 754 bits; epoch: the writer's, tables only)
 *   pair j at j * pairStride: cell &lt;&lt; 20 | column &lt;&lt; 17 | bucket + INDEX_OFFSET | count [| epoch]
 * </pre>
 * Every measure is mergeable: counts and sums add, minima and maxima take the extreme, histogram pairs with the
 * same bucket add. A block is immutable once readers can reach it, except for the writer's own
 * {@link CellTable} (a subclass with an epoch in each record) and the mirrors it refreshes while no reader holds
 * them.
 */
class CellBlock
{
    /** Longs per column in a record: count, sum, min, max, sum of squares. */
    static final int MEASURES = 5;

    /** Longs in a pair record of a block. */
    static final int PAIR_STRIDE = 2;

    /** Bytes a histogram pair takes in a compact block. */
    static final int PAIR_BYTES = PAIR_STRIDE * Long.BYTES;

    /** Most columns a table can have. */
    static final int MAX_COLUMNS = 8;

    static final int KEY = 0;
    static final int COUNT = 0;
    static final int SUM = 1;
    static final int MIN = 2;
    static final int MAX = 3;
    static final int SUM_SQUARES = 4;

    static final int COLUMN_BITS = 3;
    static final long BUCKET_MASK = (1L << LogHistogram.INDEX_BITS) - 1;

    final int columns;
    final int stride;
    final int pairStride;
    long[] cells;
    int cellCount;
    long[] pairs;
    int pairCount;

    /**
     * In a compact block, the pairs ordered by column, then cell: column c's pairs are {@code columnPairs[c]} to
     * {@code columnPairs[c + 1]}, so a query reads only its metric's. Null in tables and their mirrors.
     */
    int[] columnPairs;

    CellBlock(final int columns, final int cellCapacity, final int pairCapacity)
    {
        this(columns, recordLength(columns), PAIR_STRIDE, cellCapacity, pairCapacity);
    }

    CellBlock(final int columns, final int stride, final int pairStride, final int cellCapacity,
        final int pairCapacity)
    {
        if (columns < 1 || columns > MAX_COLUMNS)
        {
            throw new IllegalArgumentException("columns must be 1.." + MAX_COLUMNS + ": " + columns);
        }
        this.columns = columns;
        this.stride = stride;
        this.pairStride = pairStride;
        cells = new long[Math.max(1, cellCapacity) * stride];
        pairs = new long[Math.max(1, pairCapacity) * pairStride];
    }

    /**
     * Longs in a block's record of a number of columns: the key and each column's measures.
     *
     * @param columns the columns.
     * @return the record length.
     */
    static int recordLength(final int columns)
    {
        return 1 + MEASURES * columns;
    }

    /**
     * Offset of a column's measure within a record.
     *
     * @param column  the column.
     * @param measure {@link #COUNT}, {@link #SUM}, {@link #MIN}, {@link #MAX} or {@link #SUM_SQUARES}.
     * @return the offset.
     */
    static int offset(final int column, final int measure)
    {
        return 1 + column * MEASURES + measure;
    }

    final long key(final int cell)
    {
        return cells[cell * stride];
    }

    final long count(final int cell, final int column)
    {
        return cells[cell * stride + offset(column, COUNT)];
    }

    final double sum(final int cell, final int column)
    {
        return Double.longBitsToDouble(cells[cell * stride + offset(column, SUM)]);
    }

    final double min(final int cell, final int column)
    {
        return Double.longBitsToDouble(cells[cell * stride + offset(column, MIN)]);
    }

    final double max(final int cell, final int column)
    {
        return Double.longBitsToDouble(cells[cell * stride + offset(column, MAX)]);
    }

    final double sumSquares(final int cell, final int column)
    {
        return Double.longBitsToDouble(cells[cell * stride + offset(column, SUM_SQUARES)]);
    }

    final int pairCell(final int pair)
    {
        return (int)(pairs[pair * pairStride] >>> (LogHistogram.INDEX_BITS + COLUMN_BITS));
    }

    final int pairColumn(final int pair)
    {
        return (int)(pairs[pair * pairStride] >>> LogHistogram.INDEX_BITS) & (MAX_COLUMNS - 1);
    }

    final int pairBucket(final int pair)
    {
        return (int)(pairs[pair * pairStride] & BUCKET_MASK) - LogHistogram.INDEX_OFFSET;
    }

    final long pairCountOf(final int pair)
    {
        return pairs[pair * pairStride + 1];
    }

    static long pairKey(final int cell, final int column, final int bucket)
    {
        return ((long)cell << (LogHistogram.INDEX_BITS + COLUMN_BITS)) | ((long)column << LogHistogram.INDEX_BITS) |
            (bucket + LogHistogram.INDEX_OFFSET);
    }

    /**
     * Cells in use.
     *
     * @return the count.
     */
    final int cellCount()
    {
        return cellCount;
    }

    /**
     * Histogram pairs in use.
     *
     * @return the count.
     */
    final int pairCount()
    {
        return pairCount;
    }

    /**
     * Values in the block.
     *
     * @return the sum of the cells' counts, every column.
     */
    final long totalCount()
    {
        long total = 0;
        for (int i = 0; i < cellCount; i++)
        {
            for (int column = 0; column < columns; column++)
            {
                total += cells[i * stride + offset(column, COUNT)];
            }
        }
        return total;
    }

    /**
     * Brings the pair records up to date before they are read: nothing to do but for a table that keeps its pairs
     * elsewhere while it is written.
     */
    void settle()
    {
    }

    /**
     * Heap bytes held by the arrays, whatever is in use.
     *
     * @return the footprint.
     */
    long footprintBytes()
    {
        return (long)(cells.length + pairs.length) * Long.BYTES;
    }

    final int cellCapacity()
    {
        return cells.length / stride;
    }

    final int pairCapacity()
    {
        return pairs.length / pairStride;
    }

    final void ensureCellCapacity(final int capacity)
    {
        if (capacity > cellCapacity())
        {
            final int length = Math.max(capacity, cellCapacity() + (cellCapacity() >> 1) + 16);
            cells = Arrays.copyOf(cells, length * stride);
        }
    }

    final void ensurePairCapacity(final int capacity)
    {
        if (capacity > pairCapacity())
        {
            final int length = Math.max(capacity, pairCapacity() + (pairCapacity() >> 1) + 16);
            pairs = Arrays.copyOf(pairs, length * pairStride);
        }
    }

    /**
     * Copies one cell from another block into the same index here.
     */
    final void copyCell(final CellBlock from, final int cell)
    {
        System.arraycopy(from.cells, cell * from.stride, cells, cell * stride, recordLength(columns));
    }

    /**
     * Copies one histogram pair from another block into the same index here.
     */
    final void copyPair(final CellBlock from, final int pair)
    {
        final int to = pair * pairStride;
        final int at = pair * from.pairStride;
        pairs[to] = from.pairs[at];
        pairs[to + 1] = from.pairs[at + 1];
    }

    /**
     * Makes this block's cells an exact copy of another's, growing it when they do not fit.
     */
    private void copyCells(final CellBlock from)
    {
        final int count = from.cellCount;
        ensureCellCapacity(count);
        if (from.stride == stride)
        {
            System.arraycopy(from.cells, 0, cells, 0, count * stride);
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                copyCell(from, i);
            }
        }
        cellCount = count;
    }

    /**
     * Makes this block an exact copy of another's cells and pairs.
     *
     * @param from the source.
     */
    final void copyAll(final CellBlock from)
    {
        from.settle();
        copyCells(from);

        final int pairs = from.pairCount;
        ensurePairCapacity(pairs);
        if (from.pairStride == pairStride)
        {
            System.arraycopy(from.pairs, 0, this.pairs, 0, pairs * pairStride);
        }
        else
        {
            for (int j = 0; j < pairs; j++)
            {
                copyPair(from, j);
            }
        }
        pairCount = pairs;
    }

    /**
     * A compact, exactly sized copy: what a closed bucket keeps.
     *
     * @return the copy.
     */
    final CellBlock compact()
    {
        final CellBlock copy = new CellBlock(columns, cellCount, pairCount);
        copy.compactFrom(this, new int[0]);
        return copy;
    }

    /**
     * Makes this block a compact copy of another of the same columns, reusing this block's arrays when they are
     * large enough: the cells as they are, the pairs ordered by column and, within a column, by cell (a cell's
     * pairs keep their order), with where each column's pairs start, so that a query reads only its metric's
     * pairs, and a cell's one after another.
     *
     * @param from    the block to copy.
     * @param scratch room for counting the pairs per column and cell; a larger one is made when it is too small.
     * @return the scratch used, for the next call.
     */
    final int[] compactFrom(final CellBlock from, final int[] scratch)
    {
        if (from.columns != columns)
        {
            throw new IllegalArgumentException("columns differ: " + from.columns + " into " + columns);
        }
        from.settle();
        copyCells(from);
        final int cells = cellCount;
        final int count = from.pairCount;
        ensurePairCapacity(count);

        final int runs = columns * cells;
        final int[] starts = scratch.length > runs ? scratch : new int[Math.max(runs + 1, scratch.length * 2)];
        Arrays.fill(starts, 0, runs + 1, 0);
        for (int j = 0; j < count; j++)
        {
            starts[from.pairColumn(j) * cells + from.pairCell(j) + 1]++;
        }
        for (int run = 0; run < runs; run++)
        {
            starts[run + 1] += starts[run];
        }
        int[] columnStarts = columnPairs;
        if (null == columnStarts || columnStarts.length != columns + 1)
        {
            columnStarts = new int[columns + 1];
        }
        for (int c = 0; c <= columns; c++)
        {
            columnStarts[c] = starts[c * cells];
        }
        final long[] pairsFrom = from.pairs;
        final long[] pairsTo = this.pairs;
        final int strideFrom = from.pairStride;
        for (int j = 0; j < count; j++)
        {
            final int at = starts[from.pairColumn(j) * cells + from.pairCell(j)]++ * pairStride;
            pairsTo[at] = pairsFrom[j * strideFrom];
            pairsTo[at + 1] = pairsFrom[j * strideFrom + 1];
        }
        pairCount = count;
        columnPairs = columnStarts;
        if (from.pairsInSlotOrder())
        {
            sortRunsByBucket();
        }
        return starts;
    }

    /**
     * Whether the pair records come in an order that depends on how the block was built (a table's pair slots),
     * rather than each cell and column's in the order its buckets were first seen.
     *
     * @return false: a block's records are in the order they were added.
     */
    boolean pairsInSlotOrder()
    {
        return false;
    }

    /**
     * Orders each cell and column's pairs by bucket, so that a copy of a table whose records come in slot order is
     * the same whatever the table's history. A cluster's slots mostly follow its buckets, so the records are
     * nearly in order and the insertion sort is close to one pass.
     */
    private void sortRunsByBucket()
    {
        final long[] pairs = this.pairs;
        final int stride = pairStride;
        for (int j = 1; j < pairCount; j++)
        {
            final long key = pairs[j * stride];
            final long count = pairs[j * stride + 1];
            final long run = key >>> LogHistogram.INDEX_BITS;
            int at = j;
            while (at > 0 && pairs[(at - 1) * stride] > key &&
                pairs[(at - 1) * stride] >>> LogHistogram.INDEX_BITS == run)
            {
                pairs[at * stride] = pairs[(at - 1) * stride];
                pairs[at * stride + 1] = pairs[(at - 1) * stride + 1];
                at--;
            }
            pairs[at * stride] = key;
            pairs[at * stride + 1] = count;
        }
    }
}
