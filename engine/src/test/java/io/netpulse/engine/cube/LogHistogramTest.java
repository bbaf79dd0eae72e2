/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The histogram's buckets hold their values, keep value order, are at most 1/32 of their lower bound wide, and
 * its quantiles are within {@link LogHistogram#RELATIVE_ERROR} of the exact nearest-rank value.
 */
class LogHistogramTest
{
    @Property(tries = 2000)
    void everyValueLiesInItsBucket(@ForAll @DoubleRange(min = -1e12, max = 1e12) final double value)
    {
        final int bucket = LogHistogram.bucketOf(value);
        final double lower = LogHistogram.lowerBound(bucket);
        final double upper = LogHistogram.upperBound(bucket);
        if (value >= 0)
        {
            assertTrue(lower <= value && value < upper, lower + " <= " + value + " < " + upper);
        }
        else
        {
            assertTrue(lower < value && value <= upper, lower + " < " + value + " <= " + upper);
        }
        if (Math.abs(value) >= Double.MIN_NORMAL)
        {
            assertTrue((upper - lower) <= Math.abs(value) / 32 + Math.ulp(value), "width at " + value);
            assertTrue(Math.abs(LogHistogram.representative(bucket) - value) <=
                LogHistogram.RELATIVE_ERROR * Math.abs(value) * (1 + 1e-12), "representative of " + value);
        }
    }

    @Property(tries = 1000)
    void bucketOrderIsValueOrder(
        @ForAll @DoubleRange(min = -1e9, max = 1e9) final double a,
        @ForAll @DoubleRange(min = -1e9, max = 1e9) final double b)
    {
        if (a < b)
        {
            assertTrue(LogHistogram.bucketOf(a) <= LogHistogram.bucketOf(b));
        }
        final int packed = LogHistogram.bucketOf(a) + LogHistogram.INDEX_OFFSET;
        assertTrue(packed >= 0 && packed < (1 << LogHistogram.INDEX_BITS));
    }

    @Property(tries = 300)
    void quantilesAreWithinTheStatedError(
        @ForAll final long seed,
        @ForAll @IntRange(min = 1, max = 3000) final int count,
        @ForAll @DoubleRange(min = 0, max = 1) final double quantile)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final double[] values = new double[count];
        final TreeMap<Integer, Long> histogram = new TreeMap<>();
        final double scale = Math.pow(10, random.nextInt(-3, 8));
        for (int i = 0; i < count; i++)
        {
            values[i] = (random.nextBoolean() ? random.nextDouble() : Math.exp(random.nextGaussian() * 2)) * scale *
                (random.nextInt(10) == 0 ? -1 : 1);
            histogram.merge(LogHistogram.bucketOf(values[i]), 1L, Long::sum);
        }
        Arrays.sort(values);
        final int[] buckets = new int[histogram.size()];
        final long[] counts = new long[histogram.size()];
        int i = 0;
        for (final var entry : histogram.entrySet())
        {
            buckets[i] = entry.getKey();
            counts[i++] = entry.getValue();
        }
        final double estimate = LogHistogram.quantile(buckets, counts, buckets.length, count, quantile, values[0],
            values[count - 1]);
        final double exact = values[(int)Math.max(1, Math.ceil(quantile * count)) - 1];
        assertEquals(exact, estimate, LogHistogram.RELATIVE_ERROR * Math.abs(exact) + Double.MIN_NORMAL,
            "q" + quantile + " of " + count);
    }

    @Test
    void shouldHandleZeroInfinityAndEmptyHistograms()
    {
        assertEquals(0, LogHistogram.bucketOf(0.0));
        assertEquals(0, LogHistogram.bucketOf(-0.0));
        final int infinity = LogHistogram.bucketOf(Double.POSITIVE_INFINITY);
        assertEquals(LogHistogram.POSITIVE_BUCKETS - 1, infinity);
        assertEquals(Double.MAX_VALUE, LogHistogram.representative(infinity - 1), Double.MAX_VALUE / 16);
        assertTrue(Double.isNaN(LogHistogram.quantile(new int[0], new long[0], 0, 0, 0.5, 0, 0)));
        assertEquals(7.0, LogHistogram.quantile(new int[]{LogHistogram.bucketOf(5)}, new long[]{1}, 1, 3, 0.99, 1,
            7.0), "a rank past the counted values falls back to the maximum");
        assertEquals(1.0 / 64, LogHistogram.RELATIVE_ERROR);
    }
}
