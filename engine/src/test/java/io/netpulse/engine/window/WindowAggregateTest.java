/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowAggregateTest
{
    @Test
    void shouldReportNoDataRatherThanZero()
    {
        final WindowAggregate aggregate = new WindowAggregate();
        assertFalse(aggregate.hasData());
        assertEquals(0, aggregate.buckets());
        assertEquals(0.0, aggregate.count());
        assertEquals(0.0, aggregate.sum());
        assertTrue(Double.isNaN(aggregate.mean()));
        assertTrue(Double.isNaN(aggregate.variance()));
        assertTrue(Double.isNaN(aggregate.populationVariance()));
        assertTrue(Double.isNaN(aggregate.min()));
        assertTrue(Double.isNaN(aggregate.max()));
        assertEquals(0.0, aggregate.sumOfSquares());
        assertTrue(aggregate.toString().contains("buckets=0"));
    }

    @Test
    void shouldMergeBucketsWithWeightsAsFrequencyWeights()
    {
        final WindowAggregate aggregate = new WindowAggregate();
        // bucket {1, 3}: sum 4, m2 2; bucket {10}: sum 10, m2 0
        assertSame(aggregate, aggregate.merge(2, 4.0, 2.0, 1.0, 3.0, 1.0));
        aggregate.merge(1, 10.0, 0.0, 10.0, 10.0, 0.5);
        aggregate.merge(5, 50.0, 3.0, 9.0, 11.0, 0.0);
        aggregate.merge(0, 0.0, 0.0, 0.0, 0.0, 1.0);
        aggregate.merge(3, 30.0, 1.0, 9.0, 11.0, Double.NaN);

        // weighted samples: 1 (w1), 3 (w1), 10 (w0.5): W = 2.5, mean = 9 / 2.5 = 3.6
        assertEquals(2, aggregate.buckets());
        assertEquals(2.5, aggregate.count(), 1e-15);
        assertEquals(9.0, aggregate.sum(), 1e-15);
        assertEquals(3.6, aggregate.mean(), 1e-15);
        final double m2 = (1 - 3.6) * (1 - 3.6) + (3 - 3.6) * (3 - 3.6) + 0.5 * (10 - 3.6) * (10 - 3.6);
        assertEquals(m2, aggregate.m2(), 1e-12);
        assertEquals(m2 / 2.5, aggregate.populationVariance(), 1e-12);
        assertEquals(m2 / 1.5, aggregate.variance(), 1e-12);
        assertEquals(Math.sqrt(m2 / 1.5), aggregate.standardDeviation(), 1e-12);
        assertEquals(1 + 9 + 0.5 * 100, aggregate.sumOfSquares(), 1e-12);
        assertEquals(1.0, aggregate.min());
        assertEquals(10.0, aggregate.max());

        aggregate.reset();
        assertFalse(aggregate.hasData());
    }

    @Test
    void shouldMergeFromBucketCells()
    {
        final long[] cells = new long[BucketCells.LONGS];
        BucketCells.add(cells, 0, 2.0);
        BucketCells.add(cells, 0, 4.0);
        final WindowAggregate aggregate = new WindowAggregate().merge(cells, 0, 1.0);
        assertEquals(2.0, aggregate.count());
        assertEquals(3.0, aggregate.mean());
        assertEquals(2.0, aggregate.variance());
        assertTrue(Double.isNaN(new WindowAggregate().merge(1, 1.0, 0.0, 1.0, 1.0, 1.0).variance()),
            "one sample has no sample variance");
    }
}
