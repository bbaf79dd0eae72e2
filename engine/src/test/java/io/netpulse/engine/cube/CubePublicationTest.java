/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.codec.sbe.NodeLevel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which pooled state the writer refreshes: once readers have made the pool grow, two states still take turns (each
 * refresh copies the changes of the last two batches, not of as many as the pool holds), and the states left
 * behind are refreshed when they hold back reuse, so minute buckets and closed blocks are still recycled.
 */
class CubePublicationTest
{
    private static final long DAY0 = 1_767_571_200_000L;
    private static final int ELEMENTS = 20;

    @Test
    void shouldTakeTurnsBetweenTheTwoNewestStatesAfterReadersGrewThePool()
    {
        final CubeHarness harness = harness();
        final CubeShard shard = harness.cube.shard(0);
        batch(harness, 0, 0);
        batch(harness, 0, 1);

        // Two readers hold the two states there are, so the next publication makes a third.
        final ShardState first = shard.acquire();
        batch(harness, 0, 2);
        final ShardState second = shard.acquire();
        assertNotSame(first, second);
        batch(harness, 0, 3);
        final ShardState third = shard.current;
        assertNotSame(first, third);
        assertNotSame(second, third);
        first.unpin();
        second.unpin();

        // Within the minute nothing waits on the left-behind state: the newest spare is refreshed every time, and
        // copies the changes of the two batches since it was last refreshed (each element's one cell, twice).
        final CubeUpdater updater = (CubeUpdater)harness.updaters[0];
        final long copiedBefore = updater.cellsPublished();
        final List<ShardState> published = new ArrayList<>();
        for (int b = 4; b < 16; b++)
        {
            batch(harness, 0, b);
            published.add(shard.current);
        }
        final Map<ShardState, Integer> uses = new IdentityHashMap<>();
        for (final ShardState state : published)
        {
            uses.merge(state, 1, Integer::sum);
        }
        assertEquals(2, uses.size(), "states published in turn within a minute");
        assertEquals(published.size() * 2L * ELEMENTS, updater.cellsPublished() - copiedBefore, "cells copied");
        assertEquals(harness.cube.stats().cellsPublished(), updater.cellsPublished());
        assertSame(second, published.get(0), "the spare refreshed last is refreshed again first");
        for (int i = 1; i < published.size(); i++)
        {
            assertNotSame(published.get(i - 1), published.get(i));
        }
        harness.cube.close();
    }

    @Test
    void shouldStillRecycleMinuteBucketsAndBlocksWithAStateLeftBehind()
    {
        final long[] withoutReaders = run(false);
        final long[] withReaders = run(true);
        assertTrue(withReaders[0] <= CubeUpdater.MAX_BUCKETS_READY, "minute buckets made: " + withReaders[0]);
        // Which blocks the maintainer can reuse when depends on how its views and the writer's publications
        // interleave, so the counts may differ by a few; a state that held an old view for good would stop reuse.
        final String blocks = "closed blocks allocated / recycled: " + withReaders[1] + " / " + withReaders[2] +
            " with readers, " + withoutReaders[1] + " / " + withoutReaders[2] + " without";
        assertTrue(withoutReaders[2] > 50, blocks);
        assertTrue(withReaders[1] <= withoutReaders[1] + withoutReaders[1] / 10, blocks);
        assertTrue(withReaders[2] >= withoutReaders[2] - withoutReaders[2] / 10, blocks);
    }

    @Test
    void shouldReleaseTheStateLeftBehindAndRebuildItWholeWhenReadersHoldTheOthers()
    {
        final CubeHarness harness = harness();
        final CubeShard shard = harness.cube.shard(0);
        final CubeUpdater updater = (CubeUpdater)harness.updaters[0];
        batch(harness, 0, 0);
        growThePool(harness, shard);
        assertEquals(3, updater.pooledStates());

        // Minutes go by: each retires a bucket, which the state left behind would hold back.
        int events = 3 * ELEMENTS;
        for (int m = 1; m <= 5; m++)
        {
            for (int b = 0; b < 3; b++)
            {
                batch(harness, m, b);
                events += ELEMENTS;
            }
            assertTrue(harness.cube.awaitMaintained(30_000));
        }
        assertTrue(updater.releasedStates() >= 1, "states released: " + updater.releasedStates());

        // Readers hold the two states in use, so the next publication must rebuild the released one.
        final ShardState heldFirst = shard.acquire();
        batch(harness, 5, 3);
        events += ELEMENTS;
        final ShardState heldSecond = shard.acquire();
        assertNotSame(heldFirst, heldSecond);
        final long released = updater.releasedStates();
        batch(harness, 5, 4);
        events += ELEMENTS;
        final ShardState rebuilt = shard.current;
        assertNotSame(heldFirst, rebuilt);
        assertNotSame(heldSecond, rebuilt);
        assertEquals(3, updater.pooledStates(), "the released state is reused, not a new one made");

        // The rebuilt state holds every value, the open minute's included.
        final CubeResult total = harness.cube.query().measures(Measure.COUNT, Measure.SUM).execute();
        assertEquals(events, total.rows().get(0).count());
        final CubeResult lastMinute = harness.cube.query()
            .between(DAY0 + 5 * CubeConfig.MINUTE_MS, DAY0 + 6 * CubeConfig.MINUTE_MS)
            .measures(Measure.COUNT, Measure.SUM).execute();
        assertEquals(5 * ELEMENTS, lastMinute.rows().get(0).count());
        double sum = 0;
        for (int b = 0; b < 5; b++)
        {
            for (int e = 0; e < ELEMENTS; e++)
            {
                sum += b + e;
            }
        }
        assertEquals(sum, lastMinute.rows().get(0).sum(), 0.0);
        assertEquals(released, updater.releasedStates());
        heldFirst.unpin();
        heldSecond.unpin();
        harness.cube.close();
    }

    /**
     * Three hours of minutes, several batches each, waiting for the maintainer each minute: a bucket retired each
     * minute must come back as a spare (or the writer makes new ones, a whole minute's tables each, on the event
     * path), and the maintainer must get back the blocks of the views the states no longer hold.
     *
     * @return minute buckets made, closed blocks allocated and recycled.
     */
    private static long[] run(final boolean readersGrowThePool)
    {
        final CubeHarness harness = harness();
        final CubeShard shard = harness.cube.shard(0);
        final CubeUpdater updater = (CubeUpdater)harness.updaters[0];
        batch(harness, 0, 0);
        if (readersGrowThePool)
        {
            growThePool(harness, shard);
        }
        else
        {
            batch(harness, 0, 1);
            batch(harness, 0, 2);
        }

        final int minutes = 180;
        for (int m = 1; m < minutes; m++)
        {
            for (int b = 0; b < 4; b++)
            {
                batch(harness, m, b);
            }
            assertTrue(harness.cube.awaitMaintained(30_000));
        }
        assertTrue(harness.cube.awaitMaintained(30_000));
        harness.flush();
        final CubeResult total = harness.cube.query().measures(Measure.COUNT).execute();
        assertEquals(3 * ELEMENTS + (minutes - 1) * 4 * ELEMENTS, total.rows().get(0).count());
        final CubeStats stats = harness.cube.stats();
        harness.cube.close();
        return new long[] {updater.bucketsMade(), stats.blocksAllocated(), stats.blocksRecycled()};
    }

    /**
     * Two readers hold the two states there are while the writer publishes minute 0's second and third batches,
     * so it makes a third; then they let go.
     */
    private static void growThePool(final CubeHarness harness, final CubeShard shard)
    {
        final ShardState first = shard.acquire();
        batch(harness, 0, 1);
        final ShardState second = shard.acquire();
        batch(harness, 0, 2);
        first.unpin();
        second.unpin();
    }

    private static CubeHarness harness()
    {
        final CubeHarness harness = new CubeHarness(CubeConfig.DEFAULTS);
        harness.node(1, 0, NodeLevel.REGION, "north", "", "");
        harness.node(2, 1, NodeLevel.SITE, "hill", "", "");
        for (int e = 0; e < ELEMENTS; e++)
        {
            harness.node(10 + e, 2, NodeLevel.ELEMENT, "cell-" + e, "gnodeb", "nokia");
        }
        return harness;
    }

    /**
     * One batch: a KPI sample from every element, in the minute given, ending with a publication.
     */
    private static void batch(final CubeHarness harness, final int minute, final int batch)
    {
        final long timeMs = DAY0 + minute * CubeConfig.MINUTE_MS + batch * 100L;
        harness.endOfBatch = false;
        for (int e = 0; e < ELEMENTS; e++)
        {
            harness.endOfBatch = e == ELEMENTS - 1;
            harness.kpi(timeMs + e, 10 + e, 1, batch + e);
        }
        harness.endOfBatch = true;
    }
}
