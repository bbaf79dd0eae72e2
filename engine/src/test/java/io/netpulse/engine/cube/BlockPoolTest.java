/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.codec.sbe.NodeLevel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closed blocks are reused only once no published state can reach them, and a reused block holds exactly what a
 * fresh compact copy would.
 */
class BlockPoolTest
{
    private static final long DAY0 = 1_767_571_200_000L;

    @Test
    void shouldCopyLikeAFreshCompactBlockIntoAReusedOne()
    {
        final CellTable first = table(40, 7);
        final CellTable second = table(30, 11);
        final BlockPool pool = new BlockPool();
        final CubeShard shard = new CubeShard(0);

        final CellBlock block = pool.compact(first);
        assertCompactEquals(first.compact(), block);
        pool.retire(shard, new Slice(DAY0, CubeConfig.MINUTE_MS, new CellBlock[] {block}), 2);

        shard.oldestViewInUse = 1;
        pool.release(shard);
        final CellBlock whileHeld = pool.compact(second);
        assertNotSame(block, whileHeld, "a block a state may still read was handed out again");

        shard.oldestViewInUse = 2;
        pool.release(shard);
        assertEquals(1, pool.free());
        final CellBlock reused = pool.compact(second);
        assertSame(block, reused);
        assertCompactEquals(second.compact(), reused);
        assertEquals(1, pool.recycled());
        assertEquals(2, pool.allocated());
    }

    @Test
    void shouldNotReuseABlockMuchLargerThanNeeded()
    {
        final BlockPool pool = new BlockPool();
        final CubeShard shard = new CubeShard(0);
        final CellBlock large = pool.compact(table(400, 3));
        pool.retire(shard, new Slice(DAY0, CubeConfig.HOUR_MS, new CellBlock[] {large}), 1);
        shard.oldestViewInUse = 1;
        pool.release(shard);

        final CellBlock small = pool.compact(table(20, 3));
        assertNotSame(large, small);
        assertEquals(1, pool.free());
        assertTrue(small.cellCapacity() < 40, "capacity " + small.cellCapacity());
    }

    @Test
    void shouldKeepNoMoreFreeBytesThanItsBound()
    {
        final CellBlock first = new BlockPool().compact(table(40, 1));
        final CellBlock second = new BlockPool().compact(table(40, 2));
        final BlockPool pool = new BlockPool(first.footprintBytes() + second.footprintBytes() / 2);
        final CubeShard shard = new CubeShard(0);
        pool.retire(shard, new Slice(DAY0, CubeConfig.MINUTE_MS, new CellBlock[] {first, second}), 1);
        shard.oldestViewInUse = 1;
        pool.release(shard);

        assertEquals(1, pool.free());
        assertEquals(first.footprintBytes(), pool.freeBytes());
        assertSame(first, pool.compact(table(40, 3)));
        assertEquals(0, pool.freeBytes());
    }

    @Test
    void shouldLeaveTheBlocksOfAPinnedStateAloneAndReuseThemOnceReleased()
    {
        final CubeConfig.Retention retention = new CubeConfig.Retention(
            10 * CubeConfig.MINUTE_MS, 2 * CubeConfig.HOUR_MS, 2 * CubeConfig.DAY_MS);
        final CubeHarness harness = new CubeHarness(new CubeConfig(0, retention, retention, retention));
        harness.node(1, 0, NodeLevel.REGION, "north", "", "");
        harness.node(2, 1, NodeLevel.SITE, "hill", "", "");
        harness.node(3, 2, NodeLevel.ELEMENT, "cell-1", "gnodeb", "nokia");
        harness.node(4, 2, NodeLevel.ELEMENT, "cell-2", "gnodeb", "nokia");
        int minute = 0;
        for (; minute < 90; minute++)
        {
            kpis(harness, minute);
        }
        harness.flush();
        assertTrue(harness.cube.awaitMaintained(30_000));
        harness.flush();

        // A reader holds a state whose view has the first hour's minutes, which retention is about to drop.
        final CubeShard shard = harness.cube.shard(0);
        final ShardState pinned = shard.acquire();
        final List<CellBlock> held = new ArrayList<>();
        final List<long[]> heldCells = new ArrayList<>();
        for (final Slice[] slices : pinned.view.slices)
        {
            for (final Slice slice : slices)
            {
                for (final CellBlock block : slice.byTable)
                {
                    if (null != block)
                    {
                        held.add(block);
                        heldCells.add(Arrays.copyOf(block.cells, block.cellCount * block.stride));
                    }
                }
            }
        }
        assertTrue(held.size() > 60, "blocks " + held.size());

        minute = feedMaintained(harness, minute, 6 * 60);
        for (int i = 0; i < held.size(); i++)
        {
            final CellBlock block = held.get(i);
            assertArrayEquals(heldCells.get(i), Arrays.copyOf(block.cells, block.cellCount * block.stride),
                "a block the pinned state reads was rewritten");
        }
        final long recycledWhilePinned = harness.cube.stats().blocksRecycled();
        pinned.unpin();

        minute = feedMaintained(harness, minute, 12 * 60);
        harness.flush();
        final CubeStats stats = harness.cube.stats();
        assertTrue(stats.blocksRecycled() > recycledWhilePinned + 100,
            "recycled " + stats.blocksRecycled() + ", while pinned " + recycledWhilePinned);
        assertTrue(stats.blocksRecycled() > stats.blocksAllocated(),
            "recycled " + stats.blocksRecycled() + ", allocated " + stats.blocksAllocated());

        // Nothing was lost or doubled on the way: every value is kept or counted as expired.
        final CubeResult total = harness.cube.query().measures(Measure.COUNT, Measure.SUM).execute();
        final long values = 2L * minute;
        assertEquals(values, total.rows().get(0).count() + stats.expiredValues());
        assertEquals(0, stats.expiredValues());
        assertEquals(3.0 * minute, total.rows().get(0).sum(), 0.0);
        harness.cube.close();
    }

    /**
     * Feeds minutes up to an end, letting the maintainer catch up every half hour (a replay at full speed would
     * otherwise wait on its backlog), and waits for it at the end.
     *
     * @return the end.
     */
    private static int feedMaintained(final CubeHarness harness, final int from, final int to)
    {
        for (int minute = from; minute < to; minute++)
        {
            kpis(harness, minute);
            if (minute % 30 == 0)
            {
                assertTrue(harness.cube.awaitMaintained(30_000));
            }
        }
        harness.flush();
        assertTrue(harness.cube.awaitMaintained(30_000));
        return to;
    }

    private static void kpis(final CubeHarness harness, final int minute)
    {
        final long timeMs = DAY0 + minute * CubeConfig.MINUTE_MS;
        harness.kpi(timeMs, 3, 1, 1.0);
        harness.kpi(timeMs + 1, 4, 1, 2.0);
    }

    private static CellTable table(final int cells, final int seed)
    {
        final CellTable table = new CellTable(2, 4, 4, true, 0);
        for (int i = 0; i < cells * 3; i++)
        {
            final long key = 1_000_000L + (i * 7919L + seed) % cells;
            final int cell = table.cell(key, 0);
            final double value = (i * 31 + seed) % 97 + 0.5;
            table.addWithHistogram(cell, i % 2, value, 0);
        }
        return table;
    }

    private static void assertCompactEquals(final CellBlock expected, final CellBlock actual)
    {
        assertEquals(expected.cellCount, actual.cellCount);
        assertEquals(expected.pairCount, actual.pairCount);
        assertArrayEquals(Arrays.copyOf(expected.cells, expected.cellCount * expected.stride),
            Arrays.copyOf(actual.cells, actual.cellCount * actual.stride));
        assertArrayEquals(Arrays.copyOf(expected.pairs, expected.pairCount * expected.pairStride),
            Arrays.copyOf(actual.pairs, actual.pairCount * actual.pairStride));
        assertArrayEquals(expected.columnPairs, actual.columnPairs);
    }
}
