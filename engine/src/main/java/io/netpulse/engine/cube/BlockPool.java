/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The maintainer's closed blocks, recycled: a block dropped from a shard's closed buckets (a minute past its
 * retention, an hour past its own) is kept here and becomes the storage of a later compacted minute or hour once
 * no published state can reach it any more.
 * <p>
 * Why: closed buckets live for minutes to days of event time, long enough to survive young collections and be
 * copied into the old generation, and short enough to die there. At full speed a fresh array for every sealed
 * minute made the collector copy hundreds of megabytes a second (pauses of 150 to 220 ms on 2 cores). Reused
 * blocks stay where they are.
 * <p>
 * When a block is free: a block removed before the maintainer published view {@code v} of a shard is in views
 * {@code < v} only. The shard's writer refreshes its pooled states with ever newer views and publishes the oldest
 * view any of them (pinned by a reader or not) still holds ({@link CubeShard#oldestViewInUse}); once that is
 * {@code v} or later nothing reaches the block. Owned by the maintainer thread.
 */
final class BlockPool
{
    /**
     * Free blocks kept per column count; more are left to the collector. Minutes are dropped an hour at a time
     * (sixty per table and cuboid at once) and reused over the next hour, so this holds an hour's worth for the
     * default tables and cuboids, with room for larger networks' tables.
     */
    static final int MAX_FREE = 4096;
    /** Retired blocks waiting per shard; past this the oldest are left to the collector. */
    static final int MAX_RETIRED = 4096;
    /**
     * Most bytes of free blocks kept, a quarter of the heap. Minutes are dropped an hour at a time, and the next
     * hour's minutes take their blocks back one by one: the pool holds what the cube held at its peak anyway, so
     * in steady state the maintainer allocates nothing. A smaller bound (256 MiB, tried) left most of an hour's
     * dropped minutes (about 1 GiB at 10,000 elements) to the collector, and the maintainer allocated 85 MB/s
     * of new long-lived blocks that every young collection copied.
     */
    static final long MAX_FREE_BYTES = Runtime.getRuntime().maxMemory() / 4;

    private final List<List<CellBlock>> freeByColumns = new ArrayList<>();
    private final long maxFreeBytes;
    private long freeBytes;
    private int[] orderScratch = new int[0];
    // Written by the maintainer only; volatile so that statistics can read them from any thread.
    private volatile long recycled;
    private volatile long allocated;

    BlockPool()
    {
        this(MAX_FREE_BYTES);
    }

    /**
     * A pool that keeps at most so many bytes of free blocks.
     *
     * @param maxFreeBytes the bound.
     */
    BlockPool(final long maxFreeBytes)
    {
        this.maxFreeBytes = maxFreeBytes;
        for (int columns = 0; columns <= CellBlock.MAX_COLUMNS; columns++)
        {
            freeByColumns.add(new ArrayList<>());
        }
    }

    /**
     * A compact, read-only copy of a block whose pairs are ordered by column and cell: a recycled block when one
     * fits, otherwise a new one.
     *
     * @param from the block to copy.
     * @return the copy.
     */
    CellBlock compact(final CellBlock from)
    {
        final CellBlock into = take(from.columns, from.cellCount, from.pairCount);
        orderScratch = into.compactFrom(from, orderScratch);
        return into;
    }

    /**
     * Retires the blocks of a slice the maintainer removed before publishing a view: they may be reused once
     * every state of the shard holds that view or a later one.
     *
     * @param shard        the shard whose closed buckets held it.
     * @param slice        the removed slice.
     * @param firstViewWithout the version of the first view published without it.
     */
    void retire(final CubeShard shard, final Slice slice, final long firstViewWithout)
    {
        final ArrayDeque<Retired> retired = shard.retiredBlocks;
        for (final CellBlock block : slice.byTable)
        {
            if (null != block)
            {
                retired.addLast(new Retired(block, firstViewWithout));
            }
        }
        while (retired.size() > MAX_RETIRED)
        {
            retired.pollFirst();
        }
    }

    /**
     * Frees the shard's retired blocks that no published state can reach.
     *
     * @param shard the shard.
     */
    void release(final CubeShard shard)
    {
        final long oldestInUse = shard.oldestViewInUse;
        final ArrayDeque<Retired> retired = shard.retiredBlocks;
        while (!retired.isEmpty() && retired.peekFirst().firstViewWithout <= oldestInUse)
        {
            final CellBlock block = retired.pollFirst().block;
            final List<CellBlock> free = freeByColumns.get(block.columns);
            final long bytes = block.footprintBytes();
            if (free.size() < MAX_FREE && freeBytes + bytes <= maxFreeBytes)
            {
                free.add(block);
                freeBytes += bytes;
            }
        }
    }

    /**
     * Blocks handed out again.
     *
     * @return the count.
     */
    long recycled()
    {
        return recycled;
    }

    /**
     * Blocks made new because none free fitted.
     *
     * @return the count.
     */
    long allocated()
    {
        return allocated;
    }

    /**
     * Bytes of the free blocks now.
     *
     * @return the bytes.
     */
    long freeBytes()
    {
        return freeBytes;
    }

    /**
     * Free blocks now.
     *
     * @return the count.
     */
    int free()
    {
        int free = 0;
        for (final List<CellBlock> blocks : freeByColumns)
        {
            free += blocks.size();
        }
        return free;
    }

    /**
     * The free block that fits with the least room left over, if its room is at most twice what is needed (a
     * day's block would otherwise end up holding a minute); else a new block with an eighth to spare, so that
     * it fits the next minutes of about the same size when it comes back.
     */
    private CellBlock take(final int columns, final int cells, final int pairs)
    {
        final List<CellBlock> free = freeByColumns.get(columns);
        int best = -1;
        long bestRoom = Long.MAX_VALUE;
        for (int i = 0; i < free.size(); i++)
        {
            final CellBlock block = free.get(i);
            final int cellRoom = block.cellCapacity();
            final int pairRoom = block.pairCapacity();
            if (cellRoom >= cells && pairRoom >= pairs && cellRoom <= 2L * cells + 16 && pairRoom <= 2L * pairs + 16)
            {
                final long room = (long)(cellRoom - cells) * block.stride + (long)(pairRoom - pairs) * block.pairStride;
                if (room < bestRoom)
                {
                    best = i;
                    bestRoom = room;
                }
            }
        }
        if (best >= 0)
        {
            final int last = free.size() - 1;
            final CellBlock block = free.get(best);
            free.set(best, free.get(last));
            free.remove(last);
            freeBytes -= block.footprintBytes();
            recycled++;
            return block;
        }
        allocated++;
        return new CellBlock(columns, cells + (cells >> 3), pairs + (pairs >> 3));
    }

    /**
     * A block waiting for the views that hold it to be replaced.
     */
    record Retired(CellBlock block, long firstViewWithout)
    {
    }
}
