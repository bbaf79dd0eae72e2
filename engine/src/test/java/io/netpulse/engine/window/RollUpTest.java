/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import io.netpulse.engine.topology.Topology;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RollUpTest
{
    private static long[] bucket(final double... values)
    {
        final long[] cells = new long[BucketCells.LONGS];
        for (final double value : values)
        {
            BucketCells.add(cells, 0, value);
        }
        return cells;
    }

    private static long[] merged(final long[]... parts)
    {
        final long[] into = new long[BucketCells.LONGS];
        for (final long[] part : parts)
        {
            BucketCells.merge(into, 0, part, 0);
        }
        return into;
    }

    private static long[] node(final RollUp rollUp, final int node)
    {
        return Arrays.copyOfRange(rollUp.accumulators(), node * BucketCells.LONGS, (node + 1) * BucketCells.LONGS);
    }

    private static boolean touched(final RollUp rollUp, final int node)
    {
        for (int i = 0; i < rollUp.touchedCount(); i++)
        {
            if (rollUp.touchedNode(i) == node)
            {
                return true;
            }
        }
        return false;
    }

    @Test
    void shouldMergeElementsIntoSitesAndSitesIntoRegionsInCanonicalOrder()
    {
        final RollUp rollUp = new RollUp();
        rollUp.begin(10);
        final long[] a = bucket(1, 2);
        final long[] b = bucket(10);
        final long[] c = bucket(3, 4, 5);
        final long[] d = bucket(7);
        final long[] e = bucket(100, 200);
        // region 1: sites 4 and 2 (site 2 first in the region, by index); an element of region 1 without a site;
        // site 5 without a region, and an element without either
        rollUp.element(4, 1, a, 0);
        rollUp.element(2, 1, b, 0);
        rollUp.element(4, 1, c, 0);
        rollUp.element(-1, 1, d, 0);
        rollUp.element(5, Topology.MISSING, e, 0);
        rollUp.element(-1, Topology.MISSING, d, 0);
        rollUp.element(4, 1, new long[BucketCells.LONGS], 0);
        rollUp.finish();

        assertArrayEquals(merged(a, c), node(rollUp, 4));
        assertArrayEquals(b, node(rollUp, 2));
        assertArrayEquals(merged(b, merged(a, c), d), node(rollUp, 1), "sites ascending, then direct contributions");
        assertArrayEquals(merged(e, d), node(rollUp, Topology.ROOT), "what has no region goes to the root");
        assertTrue(rollUp.isRegion(1));
        assertFalse(rollUp.isRegion(4));
        assertFalse(rollUp.isRegion(Topology.ROOT));
        assertEquals(5, rollUp.touchedCount());
    }

    @Test
    void shouldKeepAPartialForASiteWithContributionsOfItsOwn()
    {
        final RollUp rollUp = new RollUp();
        rollUp.begin(10);
        rollUp.markDirty(3);
        rollUp.markDirty(3);
        rollUp.markDirty(-1);
        final long[] stay = bucket(1, 1);
        final long[] siteSide = bucket(50);
        final long[] regionSide = bucket(-20);
        // an element that stays; a moved element: its site side and its region side
        rollUp.element(3, 7, stay, 0);
        rollUp.site(3, siteSide, 0);
        rollUp.site(-1, siteSide, 0);
        rollUp.site(3, new long[BucketCells.LONGS], 0);
        rollUp.region(8, regionSide, 0);
        rollUp.region(8, new long[BucketCells.LONGS], 0);
        rollUp.finish();

        assertArrayEquals(merged(stay, siteSide), node(rollUp, 3));
        assertArrayEquals(stay, node(rollUp, 7), "the region gets the partial without the site's own part");
        assertArrayEquals(regionSide, node(rollUp, 8));

        // the next bucket starts clean: site 3 is no longer special
        rollUp.begin(10);
        rollUp.element(3, 7, stay, 0);
        rollUp.finish();
        assertArrayEquals(stay, node(rollUp, 3));
        assertArrayEquals(stay, node(rollUp, 7));
        assertFalse(touched(rollUp, 8));
    }

    @Test
    void shouldLeaveOutADirtySiteThatGotOnlyItsOwnContributions()
    {
        final RollUp rollUp = new RollUp();
        rollUp.begin(4);
        rollUp.markDirty(2);
        rollUp.site(2, bucket(9), 0);
        rollUp.finish();
        assertEquals(1, rollUp.touchedCount(), "nothing reaches a region");

        // an empty contribution to a dirty site adds nothing to its region either
        rollUp.begin(4);
        rollUp.markDirty(2);
        rollUp.element(1, 3, bucket(4), 0);
        rollUp.site(2, bucket(9), 0);
        rollUp.element(2, 3, new long[BucketCells.LONGS], 0);
        rollUp.finish();
        assertArrayEquals(bucket(4), node(rollUp, 3));
    }

    @Test
    void shouldGrowForLargeTopologiesAndManyContributions()
    {
        final RollUp rollUp = new RollUp();
        rollUp.begin(1);
        for (int site = 0; site < 40; site++)
        {
            rollUp.markDirty(5_000 + site);
        }
        final long[] one = bucket(1);
        for (int i = 0; i < 100; i++)
        {
            rollUp.element(5_000 + (i % 40), 4_000, one, 0);
            rollUp.region(4_001 + (i % 3), one, 0);
        }
        rollUp.finish();
        assertEquals(100 + 100, BucketCells.count(rollUp.accumulators(), 4_000 * BucketCells.LONGS) +
            BucketCells.count(rollUp.accumulators(), 4_001 * BucketCells.LONGS) +
            BucketCells.count(rollUp.accumulators(), 4_002 * BucketCells.LONGS) +
            BucketCells.count(rollUp.accumulators(), 4_003 * BucketCells.LONGS));
        assertEquals(40 + 4, rollUp.touchedCount());
    }
}
