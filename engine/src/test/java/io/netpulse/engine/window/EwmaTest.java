/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EwmaTest
{
    private static final long HALF_LIFE_MS = 300_000;

    /**
     * The closed form: x0 * 2^(-(tn - t0)/h) + sum_k (1 - 2^(-(tk - tk-1)/h)) * xk * 2^(-(tn - tk)/h).
     */
    private static double closedForm(final long[] times, final double[] values, final int n)
    {
        final long last = times[n - 1];
        double result = values[0] * Math.pow(2, -(double)(last - times[0]) / HALF_LIFE_MS);
        for (int k = 1; k < n; k++)
        {
            final double alpha = 1 - Math.pow(2, -(double)(times[k] - times[k - 1]) / HALF_LIFE_MS);
            result += alpha * values[k] * Math.pow(2, -(double)(last - times[k]) / HALF_LIFE_MS);
        }
        return result;
    }

    @Test
    void shouldMatchTheClosedFormWithIrregularGaps()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final int n = 500;
        final long[] times = new long[n];
        final double[] values = new double[n];
        long t = 1_767_571_200_000L;
        for (int i = 0; i < n; i++)
        {
            t += 1 + random.nextInt(i % 50 == 0 ? 3_600_000 : 90_000);
            times[i] = t;
            values[i] = 100 + 30 * random.nextGaussian();
        }

        final Ewma ewma = new Ewma(HALF_LIFE_MS);
        double average = values[0];
        for (int i = 1; i < n; i++)
        {
            average = ewma.update(average, values[i], times[i] - times[i - 1]);
            if (i % 97 == 0 || i == n - 1)
            {
                final double expected = closedForm(times, values, i + 1);
                assertEquals(expected, average, 1e-9 * Math.abs(expected), "after sample " + i);
            }
        }
    }

    @Test
    void shouldWeighTheGapNotTheSampleCount()
    {
        final Ewma ewma = new Ewma(HALF_LIFE_MS);
        assertEquals(0.5, ewma.alpha(HALF_LIFE_MS), 1e-15);
        assertEquals(0.75, ewma.alpha(2 * HALF_LIFE_MS), 1e-15);
        assertEquals(0.5, ewma.alpha(HALF_LIFE_MS), 1e-15, "cached gap");
        assertEquals(0.0, ewma.alpha(0));
        assertEquals(0.0, ewma.alpha(-5));
        // ten samples a millisecond apart move it far less than one sample after a half-life
        double burst = 0;
        for (int i = 0; i < 10; i++)
        {
            burst = ewma.update(burst, 100, 1);
        }
        assertTrue(burst < 1.0, "burst moved it to " + burst);
        assertEquals(50.0, ewma.update(0, 100, HALF_LIFE_MS), 1e-12);
        assertEquals(HALF_LIFE_MS, ewma.halfLifeMs());
        assertThrows(IllegalArgumentException.class, () -> new Ewma(0));
    }
}
