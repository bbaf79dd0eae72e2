/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.anomaly;

import java.util.Arrays;

/**
 * How the anomaly detector learns and when it alarms. Immutable; {@link #DEFAULT} runs well on KPI series
 * sampled every few seconds to every few minutes, and the {@code with...} methods give modified copies.
 *
 * <h2>Baseline</h2>
 * Per series the expectation is {@code level + season(time of day) + week(day of week)}: an exponentially
 * weighted level ({@code levelAlpha} per sample), a time-of-day profile of {@code seasonSlots} knots over
 * {@code seasonMs}, linearly interpolated between knots (each visit of a knot moves it by about
 * {@code seasonAlpha} of the residual, whatever the sampling rate), and, with {@code weekly}, one offset per day of
 * the week. The residual scale is an exponentially weighted mean absolute residual ({@code scaleAlpha}), winsorised
 * at four scales, times 1.2533 (the normal-consistent factor), so one outlier barely moves it.
 *
 * <h2>Threshold</h2>
 * A series alarms at once when its score (residual / scale) reaches its threshold. The threshold is the normal
 * quantile for the per-sample rate that gives {@code targetAlarmsPerElementDay} false alarms per element per day
 * (at the series' own sampling interval, shared between the element's metrics), corrected by the series' own
 * score distribution: streaming estimates of the 95th and 99th percentiles of its scores scale it up or down when
 * the scores are wider or heavier-tailed than normal. The result is clamped to [{@code minThreshold},
 * {@code maxThreshold}], and raised by up to {@code settlePenalty} (a fraction) for a series younger than
 * {@code settleSamples}, whose estimates are still rough.
 *
 * <h2>Cold start</h2>
 * A series is scored from its {@code warmupSamples + 1}-th sample on; before that it only learns (expected NaN,
 * score 0). Its seasonal profile needs a few periods of the season to settle (about seven days for a daily cycle
 * with the default rates); until then the level follows the cycle with a lag that the scale absorbs.
 *
 * <h2>Persistence and hysteresis</h2>
 * Scores between {@code sustainFactor * threshold} and the threshold alarm only when they persist in one
 * direction for {@code minDuration} samples in a row (a level shift). Once raised, an anomaly clears after
 * {@code clearSamples} samples in a row below {@code clearFactor * threshold}; while it lasts, the baseline learns
 * at {@code damping} times its normal rate. A variance burst alarms when the exponentially weighted mean of the
 * squared (clipped) scores reaches {@code varianceRaise}; a stuck series when it repeats one value
 * {@code stuckSamples} times in a row though it rarely repeats.
 *
 * <h2>Mass events</h2>
 * Within a region, the first {@code massQuietOnsets} element anomalies in one direction within {@code massSpanMs}
 * alarm as usual; further ones are held while the detector decides. When the elements anomalous in one direction
 * reach {@code max(massMinElements, massShare * elements of the region)}, one region-level mass-event alert is
 * raised and the held and later element anomalies are attached to it (not alarmed); it clears when fewer than half
 * that many remain. Held anomalies are released as ordinary alarms when the span passes without a mass event.
 *
 * <h2>Correlation hints</h2>
 * {@code correlationPairs} lists metric id pairs {@code a0, b0, a1, b1, ...} whose values are correlated per element
 * (exponentially weighted with weight {@code correlationAlpha}, samples of the two metrics matched when at most
 * {@code pairToleranceMs} apart); every series is also correlated with its site's mean of the same metric.
 *
 * @param seasonMs                  length of the season (one day by default).
 * @param seasonSlots               knots of the seasonal profile.
 * @param weekly                    whether to learn a day-of-week offset too.
 * @param warmupSamples             samples a series learns from before it is scored.
 * @param levelAlpha                weight of a sample in the level.
 * @param scaleAlpha                weight of a sample in the residual scale.
 * @param seasonAlpha               share of the residual a knot learns per visit.
 * @param targetAlarmsPerElementDay false alarms per element per day the threshold aims at.
 * @param minThreshold              lowest threshold, in scales.
 * @param maxThreshold              highest threshold, in scales.
 * @param settleSamples             samples after which a series' threshold carries no youth penalty.
 * @param settlePenalty             the youth penalty of a new series, as a fraction of its threshold.
 * @param sustainFactor             share of the threshold a persistent score must reach.
 * @param minDuration               samples a marginal score must persist.
 * @param clearFactor               share of the threshold below which an anomaly counts as recovering.
 * @param clearSamples              samples in a row of recovery that clear an anomaly.
 * @param damping                   factor on the learning rates while a series is anomalous.
 * @param stuckSamples              repeats of one value that make a stuck series.
 * @param varianceRaise             mean squared score (clipped at 4) that makes a variance burst.
 * @param massShare                 share of a region's elements that makes a mass event.
 * @param massMinElements           fewest elements that make a mass event.
 * @param massQuietOnsets           element anomalies per span and direction a region alarms before holding.
 * @param massSpanMs                event time within which onsets count as one group.
 * @param correlationPairs          metric id pairs correlated per element.
 * @param correlationAlpha          the least weight of a sample in a correlation.
 * @param pairToleranceMs           how far apart two metrics' samples may be to form a pair.
 */
public record AnomalyConfig(
    long seasonMs,
    int seasonSlots,
    boolean weekly,
    int warmupSamples,
    double levelAlpha,
    double scaleAlpha,
    double seasonAlpha,
    double targetAlarmsPerElementDay,
    double minThreshold,
    double maxThreshold,
    int settleSamples,
    double settlePenalty,
    double sustainFactor,
    int minDuration,
    double clearFactor,
    int clearSamples,
    double damping,
    int stuckSamples,
    double varianceRaise,
    double massShare,
    int massMinElements,
    int massQuietOnsets,
    long massSpanMs,
    int[] correlationPairs,
    double correlationAlpha,
    long pairToleranceMs)
{
    /** One day. */
    public static final long DAY_MS = 86_400_000L;

    /**
     * The defaults. The correlation pairs name the generator's metric ids: latency (2) with traffic (1), CPU (0)
     * with traffic (1), and error rate (3) with latency (2).
     */
    public static final AnomalyConfig DEFAULT = new AnomalyConfig(
        DAY_MS, 24, true, 20, 0.05, 0.02, 0.5, 0.001, 4.5, 50.0, 500, 0.6, 0.6, 3, 0.5, 3, 0.05, 10, 6.0,
        0.2, 5, 3, 300_000, new int[]{2, 1, 0, 1, 3, 2}, 0.02, 30_000);

    /**
     * Checks the settings.
     */
    public AnomalyConfig
    {
        require(seasonMs > 0 && seasonSlots >= 2 && seasonMs / seasonSlots > 0, "season");
        require(warmupSamples >= 2, "warmupSamples must be >= 2");
        require(inUnit(levelAlpha) && inUnit(scaleAlpha) && inUnit(seasonAlpha) && inUnit(correlationAlpha) &&
            inUnit(damping), "rates must be in (0, 1]");
        require(targetAlarmsPerElementDay > 0, "targetAlarmsPerElementDay must be positive");
        require(minThreshold > 0 && maxThreshold >= minThreshold, "threshold bounds");
        require(settleSamples >= 1 && settlePenalty >= 0, "settle");
        require(inUnit(sustainFactor) && inUnit(clearFactor) && minDuration >= 1 && clearSamples >= 1, "hysteresis");
        require(stuckSamples >= 2 && varianceRaise > 1, "stuck and variance");
        require(inUnit(massShare) && massMinElements >= 1 && massQuietOnsets >= 0 && massSpanMs > 0, "mass events");
        require(correlationPairs.length % 2 == 0, "correlationPairs must hold pairs");
        require(pairToleranceMs >= 0, "pairToleranceMs");
        correlationPairs = correlationPairs.clone();
    }

    private static boolean inUnit(final double value)
    {
        return value > 0 && value <= 1;
    }

    private static void require(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new IllegalArgumentException("invalid anomaly configuration: " + what);
        }
    }

    /**
     * The metric id pairs, {@code a0, b0, a1, b1, ...}.
     *
     * @return a copy.
     */
    public int[] correlationPairs()
    {
        return correlationPairs.clone();
    }

    /**
     * Slot width of the seasonal profile.
     *
     * @return milliseconds.
     */
    public long slotMs()
    {
        return seasonMs / seasonSlots;
    }

    /**
     * A copy with another season.
     *
     * @param seasonMs    the season's length.
     * @param seasonSlots knots of its profile.
     * @param weekly      whether to learn a day-of-week offset.
     * @return the copy.
     */
    public AnomalyConfig withSeason(final long seasonMs, final int seasonSlots, final boolean weekly)
    {
        return new AnomalyConfig(seasonMs, seasonSlots, weekly, warmupSamples, levelAlpha, scaleAlpha, seasonAlpha,
            targetAlarmsPerElementDay, minThreshold, maxThreshold, settleSamples, settlePenalty, sustainFactor,
            minDuration, clearFactor, clearSamples, damping, stuckSamples, varianceRaise, massShare, massMinElements,
            massQuietOnsets, massSpanMs, correlationPairs, correlationAlpha, pairToleranceMs);
    }

    /**
     * A copy with another false-alarm target and threshold bounds.
     *
     * @param targetAlarmsPerElementDay false alarms per element per day.
     * @param minThreshold              lowest threshold.
     * @param maxThreshold              highest threshold.
     * @return the copy.
     */
    public AnomalyConfig withTarget(
        final double targetAlarmsPerElementDay, final double minThreshold, final double maxThreshold)
    {
        return new AnomalyConfig(seasonMs, seasonSlots, weekly, warmupSamples, levelAlpha, scaleAlpha, seasonAlpha,
            targetAlarmsPerElementDay, minThreshold, maxThreshold, settleSamples, settlePenalty, sustainFactor,
            minDuration, clearFactor, clearSamples, damping, stuckSamples, varianceRaise, massShare, massMinElements,
            massQuietOnsets, massSpanMs, correlationPairs, correlationAlpha, pairToleranceMs);
    }

    /**
     * A copy with another cold start.
     *
     * @param warmupSamples samples before scoring.
     * @param settleSamples samples until the youth penalty is gone.
     * @param settlePenalty the youth penalty of a new series.
     * @return the copy.
     */
    public AnomalyConfig withWarmup(final int warmupSamples, final int settleSamples, final double settlePenalty)
    {
        return new AnomalyConfig(seasonMs, seasonSlots, weekly, warmupSamples, levelAlpha, scaleAlpha, seasonAlpha,
            targetAlarmsPerElementDay, minThreshold, maxThreshold, settleSamples, settlePenalty, sustainFactor,
            minDuration, clearFactor, clearSamples, damping, stuckSamples, varianceRaise, massShare, massMinElements,
            massQuietOnsets, massSpanMs, correlationPairs, correlationAlpha, pairToleranceMs);
    }

    /**
     * A copy with other mass-event rules.
     *
     * @param massShare       share of a region's elements.
     * @param massMinElements fewest elements.
     * @param massQuietOnsets onsets alarmed before holding.
     * @param massSpanMs      grouping span.
     * @return the copy.
     */
    public AnomalyConfig withMass(
        final double massShare, final int massMinElements, final int massQuietOnsets, final long massSpanMs)
    {
        return new AnomalyConfig(seasonMs, seasonSlots, weekly, warmupSamples, levelAlpha, scaleAlpha, seasonAlpha,
            targetAlarmsPerElementDay, minThreshold, maxThreshold, settleSamples, settlePenalty, sustainFactor,
            minDuration, clearFactor, clearSamples, damping, stuckSamples, varianceRaise, massShare, massMinElements,
            massQuietOnsets, massSpanMs, correlationPairs, correlationAlpha, pairToleranceMs);
    }

    /**
     * A copy with other correlation pairs.
     *
     * @param correlationPairs metric id pairs {@code a0, b0, a1, b1, ...}.
     * @return the copy.
     */
    public AnomalyConfig withCorrelationPairs(final int... correlationPairs)
    {
        return new AnomalyConfig(seasonMs, seasonSlots, weekly, warmupSamples, levelAlpha, scaleAlpha, seasonAlpha,
            targetAlarmsPerElementDay, minThreshold, maxThreshold, settleSamples, settlePenalty, sustainFactor,
            minDuration, clearFactor, clearSamples, damping, stuckSamples, varianceRaise, massShare, massMinElements,
            massQuietOnsets, massSpanMs, correlationPairs, correlationAlpha, pairToleranceMs);
    }

    /**
     * Equal when every setting is.
     *
     * @param other the other object.
     * @return whether equal.
     */
    @Override
    public boolean equals(final Object other)
    {
        return other instanceof AnomalyConfig that && toString().equals(that.toString());
    }

    /**
     * A hash of every setting.
     *
     * @return the hash.
     */
    @Override
    public int hashCode()
    {
        return toString().hashCode();
    }

    /**
     * Every setting, for logs.
     *
     * @return the settings.
     */
    @Override
    public String toString()
    {
        return "AnomalyConfig[seasonMs=" + seasonMs + ", seasonSlots=" + seasonSlots + ", weekly=" + weekly +
            ", warmupSamples=" + warmupSamples + ", levelAlpha=" + levelAlpha + ", scaleAlpha=" + scaleAlpha +
            ", seasonAlpha=" + seasonAlpha + ", targetAlarmsPerElementDay=" + targetAlarmsPerElementDay +
            ", threshold=[" + minThreshold + ", " + maxThreshold + "], settleSamples=" + settleSamples +
            ", settlePenalty=" + settlePenalty + ", sustainFactor=" + sustainFactor + ", minDuration=" +
            minDuration + ", clearFactor=" + clearFactor + ", clearSamples=" + clearSamples + ", damping=" + damping +
            ", stuckSamples=" + stuckSamples + ", varianceRaise=" + varianceRaise + ", massShare=" + massShare +
            ", massMinElements=" + massMinElements + ", massQuietOnsets=" + massQuietOnsets + ", massSpanMs=" +
            massSpanMs + ", correlationPairs=" + Arrays.toString(correlationPairs) + ", correlationAlpha=" +
            correlationAlpha + ", pairToleranceMs=" + pairToleranceMs + "]";
    }
}
