/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Minimum, median and maximum of repeated measurements.
 *
 * @param min    smallest.
 * @param median middle (mean of the two middle values for an even count).
 * @param max    largest.
 */
public record Stats(double min, double median, double max)
{
    /**
     * Summarises measurements.
     *
     * @param items    measured things.
     * @param quantity what to take from each.
     * @param <T>      the kind of thing.
     * @return the summary; NaN everywhere when there are none.
     */
    public static <T> Stats of(final List<T> items, final ToDoubleFunction<T> quantity)
    {
        if (items.isEmpty())
        {
            return new Stats(Double.NaN, Double.NaN, Double.NaN);
        }
        final double[] values = new double[items.size()];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = quantity.applyAsDouble(items.get(i));
        }
        Arrays.sort(values);
        final int n = values.length;
        final double median = (n & 1) == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        return new Stats(values[0], median, values[n - 1]);
    }
}
