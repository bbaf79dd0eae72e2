/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.anomaly;

import io.netpulse.engine.stat.NormalTail;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The detector keeps the season its last sample fell in and the last target threshold it computed, to spare a
 * division and an inverse error function per sample; neither may change what a sample is scored against.
 */
class AnomalyShortcutsTest
{
    private static final long T0 = DetectorHarness.T0;
    private static final long HOUR_MS = 3_600_000;
    private static final long DAY_MS = AnomalyConfig.DAY_MS;
    private static final int WARMUP = 5;

    @Test
    void shouldGiveEverySeriesTheTargetThresholdOfItsOwnInterval()
    {
        // no settling penalty and thresholds never clamped: a series' first scored sample is judged against its
        // target z itself, since its tail quantiles start at the normal distribution's
        final DetectorHarness harness = new DetectorHarness(
            AnomalyConfig.DEFAULT.withTarget(0.001, 0.01, 1_000).withWarmup(WARMUP, 1, 0));
        final long[] gapsMs = {60_000, 300_000, 60_000, 300_000, 300_000, 900_000};
        for (int i = 0; i < gapsMs.length; i++)
        {
            for (int k = 0; k <= WARMUP + 1; k++)
            {
                harness.loose(i, 1 + i, 7, T0 + k * gapsMs[i], 10.0 + k % 3);
            }
        }

        for (int i = 0; i < gapsMs.length; i++)
        {
            final long elementId = 1 + i;
            final List<DetectorHarness.Score> scores = harness.scores.stream()
                .filter((score) -> score.elementId() == elementId && !Double.isNaN(score.threshold())).toList();
            final double rate = 0.001 * gapsMs[i] / DAY_MS;
            assertEquals(NormalTail.twoSided(rate), scores.get(0).threshold(), "series " + i);
        }
        assertNotEquals(NormalTail.twoSided(0.001 * 60_000 / DAY_MS), NormalTail.twoSided(0.001 * 300_000 / DAY_MS));
    }

    @Test
    void shouldPlaceEverySampleInItsSeasonWhateverTheSampleBefore()
    {
        final long lastMs = T0 + 30 * HOUR_MS + 17 * 60_000;
        final DetectorHarness alone = warmed();
        alone.loose(0, 1, 3, lastMs, 14.0);
        final DetectorHarness.Score expected = alone.scores.get(alone.scores.size() - 1);
        assertFalse(Double.isNaN(expected.expected()), "scored against its baseline");

        // another series' sample in a later season, then in an earlier one, then in the same, just before
        final long[] beforeMs = {lastMs + 40 * DAY_MS, lastMs - 40 * DAY_MS, lastMs - 1, lastMs + DAY_MS - 1};
        for (final long otherMs : beforeMs)
        {
            final DetectorHarness harness = warmed();
            // (a series' first sample only starts it: the second is placed in its season)
            harness.loose(1, 2, 3, otherMs - HOUR_MS, 5.0);
            harness.loose(1, 2, 3, otherMs, 5.0);
            harness.loose(0, 1, 3, lastMs, 14.0);
            assertEquals(expected, harness.scores.get(harness.scores.size() - 1), "after a sample at " + otherMs);
        }
    }

    private static DetectorHarness warmed()
    {
        final DetectorHarness harness = new DetectorHarness(AnomalyConfig.DEFAULT);
        for (int k = 0; k < 30; k++)
        {
            final long timeMs = T0 + k * HOUR_MS;
            harness.loose(0, 1, 3, timeMs, 10.0 + 5.0 * Math.sin(2 * Math.PI * (timeMs % DAY_MS) / DAY_MS));
        }
        return harness;
    }
}
