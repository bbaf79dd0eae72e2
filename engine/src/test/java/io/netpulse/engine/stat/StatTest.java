/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.stat;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatTest
{
    @Test
    void shouldEqualCommonsMathsPearsonWhileTheWeightsAreEqual()
    {
        final Random random = new Random(1);
        final int n = 50;
        final double[] x = new double[n];
        final double[] y = new double[n];
        final double[] state = new double[3 + PairMoments.SLOTS];
        for (int i = 0; i < n; i++)
        {
            x[i] = 1_000 + 30 * random.nextGaussian();
            y[i] = 0.4 * x[i] + 10 * random.nextGaussian();
            PairMoments.update(state, 3, x[i], y[i], 1.0 / n);
        }
        assertEquals(new PearsonsCorrelation().correlation(x, y), PairMoments.correlation(state, 3), 1e-12);
        assertEquals(n, PairMoments.count(state, 3));
        PairMoments.clear(state, 3);
        assertEquals(0, PairMoments.count(state, 3));
        assertEquals(0.0, PairMoments.correlation(state, 3));
    }

    @Test
    void shouldWeightOlderPairsExponentiallyOnceTheMinimumWeightIsReached()
    {
        final Random random = new Random(2);
        final int n = 400;
        final double alpha = 0.05;
        final double[] x = new double[n];
        final double[] y = new double[n];
        final double[] state = new double[PairMoments.SLOTS];
        for (int i = 0; i < n; i++)
        {
            x[i] = random.nextGaussian();
            y[i] = (i < 200 ? 1 : -1) * x[i] + 0.5 * random.nextGaussian();
            PairMoments.update(state, 0, x[i], y[i], alpha);
        }
        // the weights the recurrences give: 1 / k while that is above alpha, then alpha, each later one discounted
        final double[] weight = new double[n];
        double later = 1;
        for (int i = n - 1; i >= 0; i--)
        {
            final double w = Math.max(1.0 / (i + 1), alpha);
            weight[i] = w * later;
            later *= 1 - w;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++)
        {
            mx += weight[i] * x[i];
            my += weight[i] * y[i];
        }
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++)
        {
            sxx += weight[i] * (x[i] - mx) * (x[i] - mx);
            syy += weight[i] * (y[i] - my) * (y[i] - my);
            sxy += weight[i] * (x[i] - mx) * (y[i] - my);
        }
        final double expected = sxy / Math.sqrt(sxx * syy);
        assertEquals(expected, PairMoments.correlation(state, 0), 1e-9);
        assertEquals(-1, Math.signum(expected), "the recent, negative relation dominates");
    }

    @Test
    void shouldReportNoCorrelationWithoutVarianceAndClampRoundingToOne()
    {
        final double[] flatX = new double[PairMoments.SLOTS];
        final double[] flatY = new double[PairMoments.SLOTS];
        final double[] same = new double[PairMoments.SLOTS];
        for (int i = 0; i < 30; i++)
        {
            PairMoments.update(flatX, 0, 5, i, 0.01);
            PairMoments.update(flatY, 0, i, 5, 0.01);
            PairMoments.update(same, 0, 0.1 * i, 0.1 * i, 0.01);
        }
        assertEquals(0.0, PairMoments.correlation(flatX, 0));
        assertEquals(0.0, PairMoments.correlation(flatY, 0));
        assertEquals(1.0, PairMoments.correlation(same, 0), 1e-15);
        final double[] negative = {3, 0, 0, 1, 1, -1.0000001};
        assertEquals(-1.0, PairMoments.correlation(negative, 0));
        final double[] positive = {3, 0, 0, 1, 1, 1.0000001};
        assertEquals(1.0, PairMoments.correlation(positive, 0));
    }

    @Test
    void shouldSettleOnTheQuantileOfAStream()
    {
        final Random random = new Random(3);
        final double[] sample = new double[200_000];
        double q95 = 0;
        for (int i = 0; i < sample.length; i++)
        {
            sample[i] = Math.abs(random.nextGaussian());
            q95 = StreamingQuantile.update(q95, sample[i], 0.95, 0.01);
        }
        assertEquals(new Percentile().evaluate(sample, 95), q95, 0.05);
        assertEquals(1.0 + 0.5, StreamingQuantile.update(1.0, 2.0, 0.5, 1.0));
        assertEquals(1.0 - 0.25, StreamingQuantile.update(1.0, 0.5, 0.75, 1.0));
    }

    @Test
    void shouldGiveNormalTailQuantilesAsCommonsMathDoes()
    {
        final NormalDistribution normal = new NormalDistribution();
        for (final double rate : new double[]{0.5, 0.05, 0.01, 1e-4, 1e-7})
        {
            assertEquals(normal.inverseCumulativeProbability(1 - rate / 2), NormalTail.twoSided(rate), 1e-6);
        }
        assertEquals(0.0, NormalTail.twoSided(1.0), 1e-12);
        assertEquals(0.0, NormalTail.twoSided(2.0), 1e-12);
        assertEquals(NormalTail.twoSided(NormalTail.MIN_RATE), NormalTail.twoSided(0.0));
        assertEquals(normal.inverseCumulativeProbability(1 - 5e-16), NormalTail.twoSided(NormalTail.MIN_RATE), 0.05);
    }
}
