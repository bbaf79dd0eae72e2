/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesSplitTest
{
    @Test
    void shouldKeepAContributionPerSplitLevelAndBucket()
    {
        final SeriesSplit split = new SeriesSplit();
        for (int bucket = 0; bucket < 9; bucket++)
        {
            assertEquals(bucket, split.entry(60_000, bucket));
        }
        assertEquals(3, split.entry(60_000, 3), "found, not added");
        assertEquals(-1, split.find(900_000, 3));
        assertEquals(9, split.size);

        final int entry = split.entry(900_000, 0);
        assertFalse(split.isSplit(entry, SeriesSplit.SITE));
        split.add(entry, 5.0);
        assertEquals(0, BucketCells.count(split.cells, SeriesSplit.offset(entry, SeriesSplit.SITE)), "nothing split");
        split.start(entry, SeriesSplit.REGION);
        split.add(entry, 5.0);
        assertEquals(0, BucketCells.count(split.cells, SeriesSplit.offset(entry, SeriesSplit.SITE)));
        assertEquals(1, BucketCells.count(split.cells, SeriesSplit.offset(entry, SeriesSplit.REGION)));
        split.start(entry, SeriesSplit.SITE);
        split.add(entry, 7.0);
        assertTrue(split.isSplit(entry, SeriesSplit.SITE));
        assertEquals(7.0, BucketCells.sum(split.cells, SeriesSplit.offset(entry, SeriesSplit.SITE)));
        assertEquals(12.0, BucketCells.sum(split.cells, SeriesSplit.offset(entry, SeriesSplit.REGION)));
        split.start(entry, SeriesSplit.REGION);
        assertEquals(0, BucketCells.count(split.cells, SeriesSplit.offset(entry, SeriesSplit.REGION)), "restarted");

        // removing an entry moves the last one into its place
        split.remove(2);
        assertEquals(2, split.find(900_000, 0));
        assertTrue(split.isSplit(2, SeriesSplit.SITE));
        assertEquals(7.0, BucketCells.sum(split.cells, SeriesSplit.offset(2, SeriesSplit.SITE)));
        split.remove(split.size - 1);
        assertEquals(8, split.size);
        assertEquals(-1, split.find(60_000, 8));
    }
}
