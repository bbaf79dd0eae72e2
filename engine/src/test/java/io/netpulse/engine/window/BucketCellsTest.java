/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BucketCellsTest
{
    private static double[] samples(final long seed, final int n, final double offset, final double spread)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final double[] values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = offset + (random.nextDouble() - 0.5) * spread;
        }
        return values;
    }

    private static double twoPassM2(final double[] values, final int from, final int to)
    {
        double mean = 0;
        for (int i = from; i < to; i++)
        {
            mean += values[i];
        }
        mean /= to - from;
        double m2 = 0;
        for (int i = from; i < to; i++)
        {
            m2 += (values[i] - mean) * (values[i] - mean);
        }
        return m2;
    }

    private static void assertRelative(final double expected, final double actual, final double tolerance)
    {
        assertTrue(Math.abs(expected - actual) <= tolerance * Math.max(Math.abs(expected), Double.MIN_NORMAL),
            "expected " + expected + " but was " + actual);
    }

    @Test
    void shouldAccumulateCountSumMinMaxAndStableVariance()
    {
        // values around a billion with a spread of one: the raw sum of squares would cancel catastrophically
        final double[] values = samples(1, 10_000, 1e9, 1.0);
        final long[] cells = new long[BucketCells.LONGS * 2];
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double sum = 0;
        for (final double value : values)
        {
            BucketCells.add(cells, BucketCells.LONGS, value);
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
        }
        final int at = BucketCells.LONGS;
        assertEquals(values.length, BucketCells.count(cells, at));
        assertEquals(sum, BucketCells.sum(cells, at));
        assertEquals(min, BucketCells.min(cells, at));
        assertEquals(max, BucketCells.max(cells, at));
        final double expected = twoPassM2(values, 0, values.length);
        assertRelative(expected, BucketCells.m2(cells, at), 1e-5);
        // the textbook sum-of-squares formula is off by orders of magnitude on the same data
        double squares = 0;
        for (final double value : values)
        {
            squares += value * value;
        }
        final double naive = squares - sum * sum / values.length;
        assertTrue(Math.abs(naive - expected) > 0.01 * expected, "naive m2 " + naive + " vs " + expected);
        assertEquals(0, BucketCells.count(cells, 0), "the neighbouring bucket is untouched");
    }

    @Test
    void shouldMergeLikeAddingEverySampleToOneBucket()
    {
        final double[] values = samples(2, 3_000, 250.0, 40.0);
        final long[] parts = new long[3 * BucketCells.LONGS];
        for (int i = 0; i < values.length; i++)
        {
            BucketCells.add(parts, (i % 3) * BucketCells.LONGS, values[i]);
        }
        final long[] merged = new long[BucketCells.LONGS];
        for (int part = 0; part < 3; part++)
        {
            BucketCells.merge(merged, 0, parts, part * BucketCells.LONGS);
        }

        final long[] whole = new long[BucketCells.LONGS];
        for (final double value : values)
        {
            BucketCells.add(whole, 0, value);
        }
        assertEquals(BucketCells.count(whole, 0), BucketCells.count(merged, 0));
        assertEquals(BucketCells.min(whole, 0), BucketCells.min(merged, 0));
        assertEquals(BucketCells.max(whole, 0), BucketCells.max(merged, 0));
        assertRelative(BucketCells.sum(whole, 0), BucketCells.sum(merged, 0), 1e-12);
        assertRelative(twoPassM2(values, 0, values.length), BucketCells.m2(merged, 0), 1e-9);
        assertRelative(BucketCells.m2(whole, 0), BucketCells.m2(merged, 0), 1e-9);
    }

    @Test
    void shouldTreatAnEmptyBucketAsNoDataWhenMerging()
    {
        final long[] cells = new long[2 * BucketCells.LONGS];
        BucketCells.add(cells, 0, 5.0);
        BucketCells.add(cells, 0, 7.0);
        final long[] before = cells.clone();

        BucketCells.merge(cells, 0, cells, BucketCells.LONGS);
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(cells), "merging nothing changes nothing");

        BucketCells.merge(cells, BucketCells.LONGS, cells, 0);
        assertEquals(2, BucketCells.count(cells, BucketCells.LONGS));
        assertEquals(12.0, BucketCells.sum(cells, BucketCells.LONGS));
        assertEquals(2.0, BucketCells.m2(cells, BucketCells.LONGS));
    }

    @Test
    void shouldTakeMinimumAndMaximumFromEitherSideOfAMerge()
    {
        final long[] cells = new long[2 * BucketCells.LONGS];
        BucketCells.set(cells, 0, 2, 10.0, 2.0, 4.0, 6.0);
        BucketCells.set(cells, BucketCells.LONGS, 2, 4.0, 0.0, 2.0, 2.0);
        BucketCells.merge(cells, 0, cells, BucketCells.LONGS);
        assertEquals(2.0, BucketCells.min(cells, 0));
        assertEquals(6.0, BucketCells.max(cells, 0));

        BucketCells.set(cells, BucketCells.LONGS, 1, 9.0, 0.0, 9.0, 9.0);
        BucketCells.merge(cells, 0, cells, BucketCells.LONGS);
        assertEquals(2.0, BucketCells.min(cells, 0));
        assertEquals(9.0, BucketCells.max(cells, 0));
        assertEquals(5, BucketCells.count(cells, 0));
        assertEquals(23.0, BucketCells.sum(cells, 0));
        // mean 4.6 of {4, 6, 2, 2, 9}: squared deviations 0.36 + 1.96 + 6.76 + 6.76 + 19.36
        assertEquals(35.2, BucketCells.m2(cells, 0), 1e-12);

        BucketCells.clear(cells, 0);
        assertEquals(0, BucketCells.count(cells, 0));
        assertEquals(0.0, BucketCells.sum(cells, 0));
    }

    @Test
    void shouldKeepMinimumAndMaximumWhenSamplesAreInside()
    {
        final long[] cells = new long[BucketCells.LONGS];
        BucketCells.add(cells, 0, 1.0);
        BucketCells.add(cells, 0, 3.0);
        BucketCells.add(cells, 0, 2.0);
        assertEquals(1.0, BucketCells.min(cells, 0));
        assertEquals(3.0, BucketCells.max(cells, 0));
        assertEquals(40, BucketCells.BYTES);
    }
}
