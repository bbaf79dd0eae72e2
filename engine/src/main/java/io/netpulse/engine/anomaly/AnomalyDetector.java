/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.anomaly;

import io.netpulse.codec.MessageType;
import io.netpulse.codec.sbe.AlertAction;
import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.Severity;
import io.netpulse.engine.alert.AlertEvent;
import io.netpulse.engine.alert.AlertPublisher;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.stage.Stage;
import io.netpulse.engine.stage.StageContext;
import io.netpulse.engine.stage.StateHash;
import io.netpulse.engine.stat.NormalTail;
import io.netpulse.engine.stat.PairMoments;
import io.netpulse.engine.stat.StreamingQuantile;
import io.netpulse.engine.topology.Topology;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

import static io.netpulse.engine.anomaly.SeriesTable.ACTIVE_SAMPLES;
import static io.netpulse.engine.anomaly.SeriesTable.ACTIVE_SINCE_MS;
import static io.netpulse.engine.anomaly.SeriesTable.CANDIDATE_SINCE_MS;
import static io.netpulse.engine.anomaly.SeriesTable.COUNT;
import static io.netpulse.engine.anomaly.SeriesTable.CUSUM_DOWN;
import static io.netpulse.engine.anomaly.SeriesTable.CUSUM_DOWN_SINCE_MS;
import static io.netpulse.engine.anomaly.SeriesTable.CUSUM_UP;
import static io.netpulse.engine.anomaly.SeriesTable.CUSUM_UP_SINCE_MS;
import static io.netpulse.engine.anomaly.SeriesTable.DIRECTION;
import static io.netpulse.engine.anomaly.SeriesTable.INTERVAL_MS;
import static io.netpulse.engine.anomaly.SeriesTable.KIND;
import static io.netpulse.engine.anomaly.SeriesTable.LAST_TIME_MS;
import static io.netpulse.engine.anomaly.SeriesTable.LAST_VALUE;
import static io.netpulse.engine.anomaly.SeriesTable.LEVEL;
import static io.netpulse.engine.anomaly.SeriesTable.MEAN_ABS;
import static io.netpulse.engine.anomaly.SeriesTable.MEAN_EW;
import static io.netpulse.engine.anomaly.SeriesTable.PEAK_SCORE;
import static io.netpulse.engine.anomaly.SeriesTable.PERSIST;
import static io.netpulse.engine.anomaly.SeriesTable.PERSIST_DIRECTION;
import static io.netpulse.engine.anomaly.SeriesTable.Q95;
import static io.netpulse.engine.anomaly.SeriesTable.Q99;
import static io.netpulse.engine.anomaly.SeriesTable.QUIET;
import static io.netpulse.engine.anomaly.SeriesTable.QUIET_RESIDUAL;
import static io.netpulse.engine.anomaly.SeriesTable.REPEAT_RATE;
import static io.netpulse.engine.anomaly.SeriesTable.STATUS;
import static io.netpulse.engine.anomaly.SeriesTable.STUCK_RUN;
import static io.netpulse.engine.anomaly.SeriesTable.VARIANCE_EW;
import static io.netpulse.engine.anomaly.SeriesTable.Z_TARGET;
import static io.netpulse.engine.anomaly.SeriesTable.flag;
import static io.netpulse.engine.anomaly.SeriesTable.stat;
import static io.netpulse.engine.anomaly.SeriesTable.time;

/**
 * The anomaly detector stage: scores every KPI sample of every (element, metric) series against a seasonal
 * baseline learned online, alarms with self-tuning thresholds, hysteresis and a minimum duration, groups a
 * region's simultaneous anomalies into one mass-event alert, and attaches correlation hints. See
 * {@link AnomalyConfig} for the model and its knobs.
 * <p>
 * It runs after the window updater, on the shard that owns the element (all of a region's elements are on one
 * shard, so per-region grouping needs nothing from other shards). Every decision is taken on the events of the
 * series' own region, in ring order, so every thread mode raises the same alerts and reaches the same
 * {@link #stateHash()}. Late events are skipped. Silence is the window updater's data-gap alert; the detector
 * only counts the gaps it sees ({@link #silences()}).
 * <p>
 * Per sample it does a few dozen array reads and writes: no allocation, no boxing, no hashing except for a new
 * series. Element moves to another site or region (a topology update) restart the element's series, in every
 * instance, so the state stays the same whichever shard the element lands on.
 */
public final class AnomalyDetector implements Stage
{
    static final double SIGMA_PER_MEAN_ABS = Math.sqrt(Math.PI / 2);
    static final double Z95 = NormalTail.twoSided(0.05);
    static final double Z99 = NormalTail.twoSided(0.01);
    static final double NORMAL_TAIL_RATIO = Z99 / Z95;
    static final double MAX_TAIL_FACTOR = 3.0;
    static final double QUANTILE_STEP = 0.02;
    static final double LEVEL_CLIP = 3.0;
    static final double SCALE_CLIP = 4.0;
    static final double SCORE_CLIP = 4.0;
    static final double VARIANCE_ALPHA = 0.2;
    // drift is summed only beyond two scales a sample: a baseline still learning its season leaves residuals of one
    // to two scales for hours, which a slack of one scale summed into false level shifts
    static final double CUSUM_SLACK = 2.0;
    static final double CUSUM_LIMIT = 12.0;
    static final long WEEK_MS = 7 * AnomalyConfig.DAY_MS;
    static final int REBASE_SAMPLES = 30;
    static final double RELATIVE_RECOVERY = 0.3;
    static final int AFTERMATH_SPANS = 6;
    static final double INTERVAL_ALPHA = 0.05;
    static final double REPEAT_ALPHA = 0.05;
    static final double MAX_REPEAT_RATE = 0.2;
    static final int REPEAT_LEARNING_RUN = 3;
    static final double SILENCE_FACTOR = 3.0;
    static final int TARGET_REFRESH_MASK = 63;
    static final int MIN_HINT_SAMPLES = 10;
    static final double RELATIVE_SCALE_FLOOR = 1e-9;
    static final int INITIAL_CAPACITY = 1024;

    private static final int NO_KIND = -1;

    private final AnomalyConfig config;
    private final Topology topology;
    private final AlertPublisher alerts;
    private final ScoreListener listener;
    private final SeriesTable table;
    private final int[] pairA;
    private final int[] pairB;
    private final int slots;
    private final double slotsPerMs;
    private final long seasonMs;
    private final double sustainFactor;
    private final double clearFactor;
    private final int warmup;
    private final int minDuration;
    private final int clearSamples;
    private final double damping;
    private final long[] hintIds;
    private final double[] hintValues;
    private final boolean[] hintSite;

    private final Long2LongHashMap siteSlots = new Long2LongHashMap(SeriesTable.NONE);
    private double[] siteSum = new double[64];
    private int[] siteCount = new int[64];

    private int[] regionElements = new int[0];
    private long[] onsetStartMs = new long[0];
    private int[] onsetCount = new int[0];
    private int[] activeElements = new int[0];
    private boolean[] massActive = new boolean[0];
    private long[] aftermathUntilMs = new long[0];
    private long[] massSinceMs = new long[0];
    private long[] massAttached = new long[0];
    private long[] massEvents = new long[0];
    private long[] massIds = new long[0];
    private double[] massScores = new double[0];
    private IntArrayList[] pending = new IntArrayList[0];

    // The season the last sample fell in, [seasonStartMs, seasonEndMs): samples arrive nearly in event-time order, so
    // most find their place in the season without a division.
    private long seasonStartMs = Long.MAX_VALUE;
    private long seasonEndMs = Long.MIN_VALUE;
    // The last target rate turned into a threshold, and the threshold: series that report at the same interval
    // (most of a network) share it, so most refreshes need no inverse error function.
    private double targetRate = Double.NaN;
    private double targetZ;

    private long samples;
    private long scored;
    private long raised;
    private long cleared;
    private long attached;
    private long held;
    private long massRaised;
    private long silences;

    /**
     * A detector.
     *
     * @param config   how it learns and alarms.
     * @param context  what the engine gives a stage.
     * @param listener sees every scored sample.
     */
    public AnomalyDetector(final AnomalyConfig config, final StageContext context, final ScoreListener listener)
    {
        this.config = config;
        this.topology = context.topology();
        this.alerts = context.alerts();
        this.listener = listener;
        final int[] pairs = config.correlationPairs();
        pairA = new int[pairs.length / 2];
        pairB = new int[pairs.length / 2];
        for (int k = 0; k < pairA.length; k++)
        {
            pairA[k] = pairs[2 * k];
            pairB[k] = pairs[2 * k + 1];
        }
        hintIds = new long[pairA.length + 1];
        hintValues = new double[pairA.length + 1];
        hintSite = new boolean[pairA.length + 1];
        slots = config.seasonSlots();
        seasonMs = config.seasonMs();
        slotsPerMs = (double)slots / seasonMs;
        sustainFactor = config.sustainFactor();
        clearFactor = config.clearFactor();
        warmup = config.warmupSamples();
        minDuration = config.minDuration();
        clearSamples = config.clearSamples();
        damping = config.damping();
        table = new SeriesTable(slots, config.weekly(), pairA.length, INITIAL_CAPACITY);
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return "anomaly";
    }

    /**
     * {@inheritDoc}
     */
    public void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
    {
        final MessageType type = event.type;
        if (type == MessageType.KPI_SAMPLE)
        {
            if (event.routed && !event.late)
            {
                sample(event.eventTimeMs, event.elementId, event.elementIndex, event.siteIndex, event.regionIndex,
                    event.metricId, event.value);
            }
        }
        else if (type == MessageType.TOPOLOGY_UPDATE)
        {
            onTopologyUpdate(event);
        }
    }

    /**
     * Releases the alarms still held for a mass-event decision: the run ends before it could be taken.
     */
    public void onShutdown()
    {
        for (int key = 0; key < pending.length; key++)
        {
            if (null != pending[key])
            {
                release(key, onsetStartMs[key]);
            }
        }
    }

    private void onTopologyUpdate(final NetworkEvent event)
    {
        final int index = event.elementIndex;
        final boolean moved = event.previousSiteIndex != event.siteIndex ||
            event.previousRegionIndex != event.regionIndex;
        if (index < 0 || !moved || (event.previousSiteIndex < 0 && event.previousRegionIndex < 0))
        {
            return;
        }
        // the node itself (an element) or every element under it (a site moving to another region)
        final SeriesTable t = table;
        for (int s = 0; s < t.size; s++)
        {
            if (t.times[time(s, COUNT)] > 0 && (t.elementIndex[s] == index || t.siteIndex[s] == index))
            {
                restart(s);
            }
        }
    }

    /**
     * Scores and learns one KPI sample.
     *
     * @param timeMs       event time.
     * @param elementId    the element's global id.
     * @param elementIndex its dense index.
     * @param siteIndex    its site's dense index, or -1.
     * @param regionIndex  its region's dense index, or -1.
     * @param metricId     the metric.
     * @param value        the value.
     */
    void sample(
        final long timeMs,
        final long elementId,
        final int elementIndex,
        final int siteIndex,
        final int regionIndex,
        final int metricId,
        final double value)
    {
        samples++;
        final SeriesTable t = table;
        final int s = t.findOrAdd(elementIndex, elementId, metricId);
        if (t.times[time(s, COUNT)] > 0 && (t.siteIndex[s] != siteIndex || t.regionIndex[s] != regionIndex))
        {
            restart(s);
        }
        final long n = ++t.times[time(s, COUNT)];
        if (n == 1)
        {
            start(s, timeMs, siteIndex, regionIndex, value);
            listener.onScore(timeMs, elementId, metricId, value, Double.NaN, 0, Double.NaN, false, false);
            return;
        }

        final long previousTimeMs = t.times[time(s, LAST_TIME_MS)];
        final long gapMs = timeMs - previousTimeMs;
        if (gapMs > 0)
        {
            final double intervalMs = t.stats[stat(s, INTERVAL_MS)];
            if (intervalMs > 0 && gapMs > SILENCE_FACTOR * intervalMs)
            {
                silences++;
            }
            t.stats[stat(s, INTERVAL_MS)] =
                intervalMs == 0 ? gapMs : intervalMs + INTERVAL_ALPHA * (gapMs - intervalMs);
            t.times[time(s, LAST_TIME_MS)] = timeMs;
        }
        final double previous = t.stats[stat(s, LAST_VALUE)];
        t.stats[stat(s, LAST_VALUE)] = value;
        final int stuck = value == previous ? t.flags[flag(s, STUCK_RUN)] + 1 : 0;
        t.flags[flag(s, STUCK_RUN)] = stuck;
        if (stuck < REPEAT_LEARNING_RUN)
        {
            // how often the series repeats a value, learned from short runs only (a stuck stretch teaches nothing)
            t.stats[stat(s, REPEAT_RATE)] += REPEAT_ALPHA * ((stuck > 0 ? 1 : 0) - t.stats[stat(s, REPEAT_RATE)]);
        }
        correlate(s, timeMs, previousTimeMs, value, previous);

        // the expectation: level + time-of-day profile (interpolated) + day-of-week offset
        if (timeMs < seasonStartMs || timeMs >= seasonEndMs)
        {
            // (an end past Long.MAX_VALUE wraps below every time, which only means recomputing each time)
            seasonStartMs = timeMs - Math.floorMod(timeMs, seasonMs);
            seasonEndMs = seasonStartMs + seasonMs;
        }
        final double position = (timeMs - seasonStartMs) * slotsPerMs;
        final int knot = Math.min((int)position, slots - 1);
        final double fraction = position - knot;
        final int seasonBase = s * slots;
        final int lower = seasonBase + knot;
        final int upper = knot + 1 == slots ? seasonBase : lower + 1;
        final int weekSlot = t.weekSlots == 0 ? -1 :
            s * 7 + (int)Math.floorMod(Math.floorDiv(timeMs, AnomalyConfig.DAY_MS) + 3, 7L);
        final double expected = t.stats[stat(s, LEVEL)] + (1 - fraction) * t.season[lower] +
            fraction * t.season[upper] + (weekSlot < 0 ? 0 : t.week[weekSlot]);
        final double residual = value - expected;
        final double sigma = Math.max(SIGMA_PER_MEAN_ABS * t.stats[stat(s, MEAN_ABS)],
            Math.max(Double.MIN_NORMAL, RELATIVE_SCALE_FLOOR * Math.abs(t.stats[stat(s, LEVEL)])));

        if (n <= warmup)
        {
            final double weight = Math.max(1.0 / n, config.levelAlpha());
            final double scaleWeight = Math.max(1.0 / (n - 1), config.scaleAlpha());
            learn(s, residual, Math.abs(residual), weight, scaleWeight, 1.0, lower, upper, fraction, weekSlot);
            listener.onScore(timeMs, elementId, metricId, value, Double.NaN, 0, Double.NaN, false, false);
            return;
        }

        scored++;
        if (((n - warmup - 1) & TARGET_REFRESH_MASK) == 0)
        {
            refreshTarget(s);
        }
        final double youth = youth(n);
        final double threshold = threshold(s, youth);
        final double z = residual / sigma;
        final double score = Math.abs(z);
        final double clipped = Math.max(-SCORE_CLIP, Math.min(SCORE_CLIP, z));
        // until a series has seen a whole season its profile is still being learned: a slow residual then is the
        // profile catching up, not a drift, so the drift sums (CUSUM) start after one season; far values alarm anyway
        final boolean seasoned = n * t.stats[stat(s, INTERVAL_MS)] >= seasonMs;
        final double up = seasoned ? t.stats[stat(s, CUSUM_UP)] : 0;
        t.stats[stat(s, CUSUM_UP)] = Math.max(0, up + clipped - CUSUM_SLACK);
        if (up == 0)
        {
            t.times[time(s, CUSUM_UP_SINCE_MS)] = timeMs;
        }
        final double down = seasoned ? t.stats[stat(s, CUSUM_DOWN)] : 0;
        t.stats[stat(s, CUSUM_DOWN)] = Math.max(0, down - clipped - CUSUM_SLACK);
        if (down == 0)
        {
            t.times[time(s, CUSUM_DOWN_SINCE_MS)] = timeMs;
        }

        boolean alerted = false;
        if (t.flags[flag(s, STATUS)] == SeriesTable.NORMAL)
        {
            alerted = watch(s, timeMs, z, score, threshold, youth, stuck, value, expected);
            if (t.flags[flag(s, STATUS)] == SeriesTable.NORMAL)
            {
                t.stats[stat(s, Q95)] = StreamingQuantile.update(t.stats[stat(s, Q95)], score, 0.95, QUANTILE_STEP);
                t.stats[stat(s, Q99)] = StreamingQuantile.update(t.stats[stat(s, Q99)], score, 0.99, QUANTILE_STEP);
            }
        }
        else
        {
            follow(s, timeMs, z, score, threshold, stuck, value, expected, residual);
        }
        // the variance statistics lag one sample, so a sample is judged against the scatter before it
        t.stats[stat(s, VARIANCE_EW)] += VARIANCE_ALPHA * (clipped * clipped - t.stats[stat(s, VARIANCE_EW)]);
        t.stats[stat(s, MEAN_EW)] += VARIANCE_ALPHA * (clipped - t.stats[stat(s, MEAN_EW)]);
        if (regionIndex >= 0)
        {
            releaseExpired(regionIndex, timeMs);
        }

        final boolean anomalous = t.flags[flag(s, STATUS)] != SeriesTable.NORMAL;
        final boolean protectedRegion = regionIndex >= 0 &&
            (massActive[2 * regionIndex] || massActive[2 * regionIndex + 1]);
        // an anomalous series does not learn its scale at all, and its level and season only slowly
        final double scaleDamp = anomalous ? 0.0 : protectedRegion || t.flags[flag(s, PERSIST)] > 0 ? damping : 1.0;
        final double levelDamp = scaleDamp < 1 || stuck >= 2 ? damping : 1.0;
        final double limit = LEVEL_CLIP * sigma;
        learn(s, Math.max(-limit, Math.min(limit, residual)), Math.min(Math.abs(residual), SCALE_CLIP * sigma),
            config.levelAlpha() * levelDamp, config.scaleAlpha() * scaleDamp, levelDamp, lower, upper, fraction,
            weekSlot);

        listener.onScore(timeMs, elementId, metricId, value, expected, score, threshold, anomalous, alerted);
    }

    private void learn(
        final int s,
        final double residual,
        final double absResidual,
        final double weight,
        final double scaleWeight,
        final double seasonDamp,
        final int lower,
        final int upper,
        final double fraction,
        final int weekSlot)
    {
        final SeriesTable t = table;
        t.stats[stat(s, LEVEL)] += weight * residual;
        final double rest = (1 - weight) * residual * seasonDamp;
        final double intervalMs = t.stats[stat(s, INTERVAL_MS)];
        final double knotRate = config.seasonAlpha() * Math.min(1.0, intervalMs * slotsPerMs);
        t.season[lower] += (float)(knotRate * (1 - fraction) * rest);
        t.season[upper] += (float)(knotRate * fraction * rest);
        // day-of-week offsets are only told apart from the level once a whole week has been seen
        if (weekSlot >= 0 && t.times[time(s, COUNT)] * intervalMs >= WEEK_MS)
        {
            t.week[weekSlot] += (float)(config.seasonAlpha() * Math.min(1.0, intervalMs / AnomalyConfig.DAY_MS) * rest);
        }
        t.stats[stat(s, MEAN_ABS)] += scaleWeight * (absResidual - t.stats[stat(s, MEAN_ABS)]);
    }

    private void refreshTarget(final int s)
    {
        final SeriesTable t = table;
        final double intervalMs = Math.max(1.0, t.stats[stat(s, INTERVAL_MS)]);
        final double rate = config.targetAlarmsPerElementDay() / t.metricCount[t.elementSlot[s]] *
            intervalMs / AnomalyConfig.DAY_MS;
        if (rate != targetRate)
        {
            targetRate = rate;
            targetZ = NormalTail.twoSided(rate);
        }
        t.stats[stat(s, Z_TARGET)] = targetZ;
    }

    private double youth(final long n)
    {
        final int settle = config.settleSamples();
        return n < settle ? 1 + config.settlePenalty() * (settle - n) / settle : 1.0;
    }

    private double threshold(final int s, final double youth)
    {
        final SeriesTable t = table;
        final double q99 = t.stats[stat(s, Q99)];
        final double tail = (q99 / t.stats[stat(s, Q95)]) / NORMAL_TAIL_RATIO;
        final double tailFactor = Math.max(1.0, Math.min(MAX_TAIL_FACTOR, tail * tail));
        final double base = Math.max(config.minThreshold(),
            Math.min(config.maxThreshold(), t.stats[stat(s, Z_TARGET)] * (q99 / Z99) * tailFactor));
        return Math.min(config.maxThreshold(), base * youth);
    }

    /**
     * A normal series: does this sample start an anomaly?
     */
    private boolean watch(
        final int s,
        final long timeMs,
        final double z,
        final double score,
        final double threshold,
        final double youth,
        final int stuck,
        final double value,
        final double expected)
    {
        final SeriesTable t = table;
        final int direction = z >= 0 ? 1 : -1;
        if (score >= sustainFactor * threshold)
        {
            if (t.flags[flag(s, PERSIST)] > 0 && t.flags[flag(s, PERSIST_DIRECTION)] == direction)
            {
                t.flags[flag(s, PERSIST)]++;
            }
            else
            {
                t.flags[flag(s, PERSIST)] = 1;
                t.flags[flag(s, PERSIST_DIRECTION)] = direction;
                t.times[time(s, CANDIDATE_SINCE_MS)] = timeMs;
            }
        }
        else
        {
            t.flags[flag(s, PERSIST)] = 0;
        }

        final int persist = t.flags[flag(s, PERSIST)];
        if (score >= threshold)
        {
            if (scattered(s, 0.5 * youth * youth))
            {
                // a far value amid wide scatter to both sides: the noise grew, not one value
                return onset(s, AnomalyKind.VARIANCE.ordinal(), 0, timeMs, timeMs, value, expected, score, threshold);
            }
            final int kind = persist >= minDuration ? AnomalyKind.LEVEL_SHIFT.ordinal() :
                direction > 0 ? AnomalyKind.SPIKE.ordinal() : AnomalyKind.DIP.ordinal();
            return onset(s, kind, direction, persist > 1 ? t.times[time(s, CANDIDATE_SINCE_MS)] : timeMs, timeMs, value,
                expected, score, threshold);
        }
        if (persist >= minDuration)
        {
            return onset(s, AnomalyKind.LEVEL_SHIFT.ordinal(), t.flags[flag(s, PERSIST_DIRECTION)],
                t.times[time(s, CANDIDATE_SINCE_MS)], timeMs, value, expected, score, threshold);
        }
        final double drift = CUSUM_LIMIT * youth;
        if (t.stats[stat(s, CUSUM_UP)] >= drift)
        {
            return onset(s, AnomalyKind.LEVEL_SHIFT.ordinal(), 1, t.times[time(s, CUSUM_UP_SINCE_MS)], timeMs, value,
                expected, score, threshold);
        }
        if (t.stats[stat(s, CUSUM_DOWN)] >= drift)
        {
            return onset(s, AnomalyKind.LEVEL_SHIFT.ordinal(), -1, t.times[time(s, CUSUM_DOWN_SINCE_MS)], timeMs, value,
                expected, score, threshold);
        }
        if (scattered(s, youth * youth))
        {
            return onset(s, AnomalyKind.VARIANCE.ordinal(), 0, timeMs, timeMs, value, expected, score, threshold);
        }
        if (stuck >= config.stuckSamples() && t.stats[stat(s, REPEAT_RATE)] < MAX_REPEAT_RATE)
        {
            return onset(s, AnomalyKind.STUCK.ordinal(), 0, timeMs - (long)(stuck * t.stats[stat(s, INTERVAL_MS)]),
                timeMs, value, expected, score, threshold);
        }
        return false;
    }

    /**
     * Whether the recent scores scatter widely to both sides: their mean square reaches a share of the variance
     * limit while their mean stays under a quarter of their root mean square.
     */
    private boolean scattered(final int s, final double share)
    {
        final double variance = table.stats[stat(s, VARIANCE_EW)];
        return variance >= config.varianceRaise() * share &&
            4 * Math.abs(table.stats[stat(s, MEAN_EW)]) < Math.sqrt(variance);
    }

    /**
     * An anomalous series: does it recover, or show what kind it really is?
     */
    private void follow(
        final int s,
        final long timeMs,
        final double z,
        final double score,
        final double threshold,
        final int stuck,
        final double value,
        final double expected,
        final double residual)
    {
        final SeriesTable t = table;
        t.flags[flag(s, ACTIVE_SAMPLES)]++;
        t.stats[stat(s, PEAK_SCORE)] = Math.max(t.stats[stat(s, PEAK_SCORE)], score);
        int kind = t.flags[flag(s, KIND)];
        if (kind == AnomalyKind.SPIKE.ordinal() || kind == AnomalyKind.DIP.ordinal() ||
            kind == AnomalyKind.LEVEL_SHIFT.ordinal())
        {
            if (scattered(s, 1.0))
            {
                // far values to both sides in a row: a variance burst (it keeps its direction for any mass-event
                // count until it ends)
                kind = AnomalyKind.VARIANCE.ordinal();
            }
            else if (t.flags[flag(s, ACTIVE_SAMPLES)] >= minDuration && score >= sustainFactor * threshold &&
                (z > 0 ? 1 : -1) == t.flags[flag(s, DIRECTION)])
            {
                kind = AnomalyKind.LEVEL_SHIFT.ordinal();
            }
            t.flags[flag(s, KIND)] = kind;
        }
        final boolean recovering;
        if (kind == AnomalyKind.STUCK.ordinal())
        {
            recovering = stuck == 0;
        }
        else if (kind == AnomalyKind.LEVEL_SHIFT.ordinal())
        {
            // back under the clear level, or, after a long shift, far down from its peak: what remains then is the
            // drift of the season while the baseline was held (the level settles there when it clears)
            recovering = score < clearFactor * threshold ||
                (t.flags[flag(s, ACTIVE_SAMPLES)] >= REBASE_SAMPLES &&
                score < RELATIVE_RECOVERY * t.stats[stat(s, PEAK_SCORE)]);
        }
        else
        {
            // a spike or a burst recovers once the scatter has faded, so that a burst of spikes stays one anomaly
            recovering = score < clearFactor * threshold && t.stats[stat(s, VARIANCE_EW)] < config.varianceRaise() / 3;
        }
        t.flags[flag(s, QUIET)] = recovering ? t.flags[flag(s, QUIET)] + 1 : 0;
        t.stats[stat(s, QUIET_RESIDUAL)] = recovering ? t.stats[stat(s, QUIET_RESIDUAL)] + residual : 0;
        if (t.flags[flag(s, QUIET)] >= clearSamples)
        {
            end(s, timeMs, value, expected, threshold);
        }
    }

    private boolean onset(
        final int s,
        final int kind,
        final int direction,
        final long sinceMs,
        final long timeMs,
        final double value,
        final double expected,
        final double score,
        final double threshold)
    {
        final SeriesTable t = table;
        t.flags[flag(s, KIND)] = kind;
        t.flags[flag(s, DIRECTION)] = direction;
        t.times[time(s, ACTIVE_SINCE_MS)] = sinceMs;
        t.flags[flag(s, QUIET)] = 0;
        t.flags[flag(s, ACTIVE_SAMPLES)] = 0;
        t.stats[stat(s, PEAK_SCORE)] = score;
        t.flags[flag(s, PERSIST)] = 0;
        t.stats[stat(s, CUSUM_UP)] = 0;
        t.stats[stat(s, CUSUM_DOWN)] = 0;
        final int region = t.regionIndex[s];
        // part of a mass event (either way) or of the recovery after one: the region alert covers it, a variance
        // burst too (a surge and its end scatter the scores); a stuck value is the element's own fault
        final boolean covered = region >= 0 && kind != AnomalyKind.STUCK.ordinal() &&
            (massActive[2 * region] || massActive[2 * region + 1] || timeMs < aftermathUntilMs[region]);
        if (!covered && (direction == 0 || region < 0))
        {
            t.flags[flag(s, STATUS)] = SeriesTable.RAISED;
            raise(s, timeMs, value, expected, score, threshold);
            return true;
        }

        // (an anomaly without a direction goes with the mass event down while there is one, else with the one up)
        final int key = 2 * region + (direction < 0 || direction == 0 && massActive[2 * region + 1] ? 1 : 0);
        boolean alerted = false;
        if (covered)
        {
            t.flags[flag(s, STATUS)] = SeriesTable.ATTACHED;
            attach(key, s);
        }
        else
        {
            if (0 == onsetCount[key] || timeMs - onsetStartMs[key] > config.massSpanMs())
            {
                onsetStartMs[key] = timeMs;
                onsetCount[key] = 1;
            }
            else
            {
                onsetCount[key]++;
            }
            if (onsetCount[key] > config.massQuietOnsets())
            {
                t.flags[flag(s, STATUS)] = SeriesTable.HELD;
                held++;
                pendingList(key).addInt(s);
            }
            else
            {
                t.flags[flag(s, STATUS)] = SeriesTable.RAISED;
                raise(s, timeMs, value, expected, score, threshold);
                alerted = true;
            }
        }

        if (direction != 0)
        {
            final int slot = t.elementSlot[s];
            final int[] active = direction > 0 ? t.activeUp : t.activeDown;
            if (active[slot]++ == 0 && ++activeElements[key] >= massThreshold(region) && !massActive[key])
            {
                raiseMass(key, s, timeMs);
            }
        }
        return alerted;
    }

    private void end(final int s, final long timeMs, final double value, final double expected, final double threshold)
    {
        final SeriesTable t = table;
        final int status = t.flags[flag(s, STATUS)];
        if (status == SeriesTable.HELD)
        {
            raise(s, timeMs, value, expected, t.stats[stat(s, PEAK_SCORE)], threshold);
        }
        if (status != SeriesTable.ATTACHED)
        {
            clear(s, timeMs, value, expected, threshold);
        }
        // (not for a mass event's members: their baselines were protected, the region's return is no new level)
        if (status != SeriesTable.ATTACHED && t.flags[flag(s, KIND)] == AnomalyKind.LEVEL_SHIFT.ordinal() &&
            t.flags[flag(s, ACTIVE_SAMPLES)] >= REBASE_SAMPLES)
        {
            // a long shift the damped level has partly followed: settle the level where the recovered samples are,
            // or the offset that remains would raise the same shift again
            t.stats[stat(s, LEVEL)] += t.stats[stat(s, QUIET_RESIDUAL)] / t.flags[flag(s, QUIET)];
        }
        deactivate(s, timeMs);
    }

    private void deactivate(final int s, final long timeMs)
    {
        final SeriesTable t = table;
        watchAfresh(s);
        t.flags[flag(s, QUIET)] = 0;
        final int direction = t.flags[flag(s, DIRECTION)];
        final int region = t.regionIndex[s];
        if (direction != 0 && region >= 0)
        {
            final int key = 2 * region + (direction > 0 ? 0 : 1);
            final int[] active = direction > 0 ? t.activeUp : t.activeDown;
            if (--active[t.elementSlot[s]] == 0 && --activeElements[key] * 2 < massThreshold(region) &&
                massActive[key])
            {
                clearMass(key, timeMs);
            }
        }
    }

    /**
     * A normal series with nothing building up: no persistence run, no drift sums, the score scatter at its prior.
     */
    private void watchAfresh(final int s)
    {
        final SeriesTable t = table;
        t.flags[flag(s, STATUS)] = SeriesTable.NORMAL;
        t.flags[flag(s, PERSIST)] = 0;
        t.stats[stat(s, VARIANCE_EW)] = 1;
        t.stats[stat(s, MEAN_EW)] = 0;
        t.stats[stat(s, CUSUM_UP)] = 0;
        t.stats[stat(s, CUSUM_DOWN)] = 0;
    }

    private int massThreshold(final int region)
    {
        return Math.max(config.massMinElements(), (int)Math.ceil(config.massShare() * regionElements[region]));
    }

    private IntArrayList pendingList(final int key)
    {
        if (null == pending[key])
        {
            pending[key] = new IntArrayList();
        }
        return pending[key];
    }

    private void releaseExpired(final int region, final long timeMs)
    {
        for (int key = 2 * region; key < 2 * region + 2; key++)
        {
            if (null != pending[key] && !pending[key].isEmpty() && timeMs - onsetStartMs[key] > config.massSpanMs())
            {
                release(key, timeMs);
            }
        }
    }

    /**
     * The span passed without a mass event: the held anomalies alarm as ordinary ones.
     */
    private void release(final int key, final long timeMs)
    {
        final SeriesTable t = table;
        final IntArrayList list = pending[key];
        for (int i = 0, size = list.size(); i < size; i++)
        {
            final int s = list.getInt(i);
            if (t.flags[flag(s, STATUS)] == SeriesTable.HELD)
            {
                t.flags[flag(s, STATUS)] = SeriesTable.RAISED;
                raise(s, timeMs, t.stats[stat(s, LAST_VALUE)], Double.NaN, t.stats[stat(s, PEAK_SCORE)], Double.NaN);
            }
        }
        list.clear();
    }

    private void attach(final int key, final int s)
    {
        final int index = (int)Math.min(massAttached[key], AlertEvent.MAX_RELATED);
        if (index < AlertEvent.MAX_RELATED)
        {
            massIds[key * AlertEvent.MAX_RELATED + index] = table.elementId[s];
            massScores[key * AlertEvent.MAX_RELATED + index] = table.stats[stat(s, PEAK_SCORE)];
        }
        massAttached[key]++;
        attached++;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Series life.

    private void start(final int s, final long timeMs, final int siteIndex, final int regionIndex, final double value)
    {
        final SeriesTable t = table;
        t.siteIndex[s] = siteIndex;
        t.regionIndex[s] = regionIndex;
        t.times[time(s, LAST_TIME_MS)] = timeMs;
        t.stats[stat(s, LAST_VALUE)] = value;
        t.stats[stat(s, INTERVAL_MS)] = 0;
        t.stats[stat(s, LEVEL)] = value;
        t.stats[stat(s, MEAN_ABS)] = 0;
        t.stats[stat(s, Q95)] = Z95;
        t.stats[stat(s, Q99)] = Z99;
        t.stats[stat(s, Z_TARGET)] = 0;
        // a new series is assumed to repeat itself until it shows it does not: no stuck alarm on thin evidence
        t.stats[stat(s, REPEAT_RATE)] = 1;
        t.flags[flag(s, STUCK_RUN)] = 0;
        watchAfresh(s);
        Arrays.fill(t.season, s * slots, (s + 1) * slots, 0f);
        Arrays.fill(t.week, s * t.weekSlots, (s + 1) * t.weekSlots, 0f);
        PairMoments.clear(t.siteMoments, s * PairMoments.SLOTS);

        final int slot = t.elementSlot[s];
        if (t.elementRegion[slot] != regionIndex)
        {
            if (t.elementRegion[slot] >= 0)
            {
                regionElements[t.elementRegion[slot]]--;
            }
            if (regionIndex >= 0)
            {
                ensureRegion(regionIndex);
                regionElements[regionIndex]++;
            }
            t.elementRegion[slot] = regionIndex;
        }

        final int siteSlot = siteIndex < 0 ? SeriesTable.NONE : siteSlot(siteIndex, t.metricId[s]);
        t.siteSlot[s] = siteSlot;
        if (siteSlot >= 0)
        {
            siteSum[siteSlot] += value;
            siteCount[siteSlot]++;
        }
    }

    /**
     * Forgets a series (its element moved): it starts afresh at its next sample.
     */
    private void restart(final int s)
    {
        final SeriesTable t = table;
        if (t.flags[flag(s, STATUS)] != SeriesTable.NORMAL)
        {
            deactivate(s, t.times[time(s, LAST_TIME_MS)]);
        }
        final int siteSlot = t.siteSlot[s];
        if (siteSlot >= 0)
        {
            siteSum[siteSlot] -= t.stats[stat(s, LAST_VALUE)];
            siteCount[siteSlot]--;
            t.siteSlot[s] = SeriesTable.NONE;
        }
        final int slot = t.elementSlot[s];
        if (t.elementRegion[slot] >= 0)
        {
            regionElements[t.elementRegion[slot]]--;
            t.elementRegion[slot] = SeriesTable.NONE;
        }
        for (int k = 0; k < pairA.length; k++)
        {
            PairMoments.clear(t.pairMoments, (slot * pairA.length + k) * PairMoments.SLOTS);
        }
        t.times[time(s, COUNT)] = 0;
        t.times[time(s, LAST_TIME_MS)] = Long.MIN_VALUE;
    }

    private int siteSlot(final int siteIndex, final int metricId)
    {
        final long key = ((long)siteIndex << 32) | (metricId & 0xFFFF_FFFFL);
        final long existing = siteSlots.get(key);
        if (existing != SeriesTable.NONE)
        {
            return (int)existing;
        }
        final int slot = siteSlots.size();
        if (slot == siteSum.length)
        {
            siteSum = Arrays.copyOf(siteSum, slot * 2);
            siteCount = Arrays.copyOf(siteCount, slot * 2);
        }
        siteSlots.put(key, slot);
        return slot;
    }

    private void ensureRegion(final int region)
    {
        if (region < regionElements.length)
        {
            return;
        }
        final int regions = Math.max(region + 1, regionElements.length * 2);
        final int keys = 2 * regions;
        regionElements = Arrays.copyOf(regionElements, regions);
        onsetStartMs = Arrays.copyOf(onsetStartMs, keys);
        onsetCount = Arrays.copyOf(onsetCount, keys);
        activeElements = Arrays.copyOf(activeElements, keys);
        massActive = Arrays.copyOf(massActive, keys);
        aftermathUntilMs = Arrays.copyOf(aftermathUntilMs, regions);
        massSinceMs = Arrays.copyOf(massSinceMs, keys);
        massAttached = Arrays.copyOf(massAttached, keys);
        massEvents = Arrays.copyOf(massEvents, keys);
        massIds = Arrays.copyOf(massIds, keys * AlertEvent.MAX_RELATED);
        massScores = Arrays.copyOf(massScores, keys * AlertEvent.MAX_RELATED);
        pending = Arrays.copyOf(pending, keys);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Correlation.

    private void correlate(
        final int s, final long timeMs, final long previousTimeMs, final double value, final double previous)
    {
        final SeriesTable t = table;
        final int siteSlot = t.siteSlot[s];
        if (siteSlot >= 0)
        {
            siteSum[siteSlot] += value - previous;
            PairMoments.update(
                t.siteMoments, s * PairMoments.SLOTS, value, siteSum[siteSlot] / siteCount[siteSlot],
                config.correlationAlpha());
        }
        final int metric = t.metricId[s];
        final int slot = t.elementSlot[s];
        for (int k = 0; k < pairA.length; k++)
        {
            final boolean first = pairA[k] == metric;
            if (first || pairB[k] == metric)
            {
                final int partner = t.find(slot, first ? pairB[k] : pairA[k]);
                // (a restarted partner has no last sample: its time is Long.MIN_VALUE until it starts again)
                if (partner != SeriesTable.NONE && t.times[time(partner, LAST_TIME_MS)] > previousTimeMs &&
                    Math.abs(timeMs - t.times[time(partner, LAST_TIME_MS)]) <= config.pairToleranceMs())
                {
                    final double other = t.stats[stat(partner, LAST_VALUE)];
                    PairMoments.update(t.pairMoments, (slot * pairA.length + k) * PairMoments.SLOTS,
                        first ? value : other, first ? other : value, config.correlationAlpha());
                }
            }
        }
    }

    /**
     * The correlation hints of a series, most correlated first, into {@link #hintIds} and {@link #hintValues}:
     * the element's other metrics (id: the metric id) and the site aggregate (id: the site's global id).
     */
    private int hints(final int s)
    {
        final SeriesTable t = table;
        int count = 0;
        final int metric = t.metricId[s];
        final int slot = t.elementSlot[s];
        for (int k = 0; k < pairA.length; k++)
        {
            final int offset = (slot * pairA.length + k) * PairMoments.SLOTS;
            if ((pairA[k] == metric || pairB[k] == metric) &&
                PairMoments.count(t.pairMoments, offset) >= MIN_HINT_SAMPLES)
            {
                count = insertHint(count, pairA[k] == metric ? pairB[k] : pairA[k],
                    PairMoments.correlation(t.pairMoments, offset), false);
            }
        }
        final int siteOffset = s * PairMoments.SLOTS;
        if (t.siteSlot[s] >= 0 && PairMoments.count(t.siteMoments, siteOffset) >= MIN_HINT_SAMPLES)
        {
            count = insertHint(
                count, topology.id(t.siteIndex[s]), PairMoments.correlation(t.siteMoments, siteOffset), true);
        }
        return count;
    }

    private int insertHint(final int count, final long id, final double value, final boolean site)
    {
        int at = count;
        while (at > 0 && Math.abs(hintValues[at - 1]) < Math.abs(value))
        {
            hintIds[at] = hintIds[at - 1];
            hintValues[at] = hintValues[at - 1];
            hintSite[at] = hintSite[at - 1];
            at--;
        }
        hintIds[at] = id;
        hintValues[at] = value;
        hintSite[at] = site;
        return count + 1;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Alerts.

    private void raise(
        final int s, final long timeMs, final double value, final double expected, final double score,
        final double threshold)
    {
        final SeriesTable t = table;
        raised++;
        final AlertEvent alert = alerts.claim();
        alert.kind = AlertKind.ANOMALY;
        alert.action = AlertAction.RAISE;
        alert.severity = score >= 2 * threshold ? Severity.MAJOR : Severity.MINOR;
        alert.eventTimeMs = timeMs;
        alert.startTimeMs = t.times[time(s, ACTIVE_SINCE_MS)];
        alert.elementId = t.elementId[s];
        alert.scopeLevel = NodeLevel.ELEMENT;
        alert.metricId = t.metricId[s];
        alert.direction = t.flags[flag(s, DIRECTION)];
        alert.observed = value;
        alert.expected = expected;
        alert.score = score;
        alert.threshold = threshold;
        alert.count = 1;
        final int hints = hints(s);
        int at = kindText(alert.detail, t.flags[flag(s, KIND)], t.flags[flag(s, DIRECTION)]);
        at = AlertText.append(alert.detail, at, "; score ");
        at = AlertText.append(alert.detail, at, score, 1, false);
        for (int i = 0; i < hints; i++)
        {
            alert.addRelated(hintIds[i], hintValues[i]);
            at = AlertText.append(alert.detail, at, hintSite[i] ? "; site " : "; metric ");
            if (!hintSite[i])
            {
                at = AlertText.append(alert.detail, at, hintIds[i]);
                at = AlertText.append(alert.detail, at, ' ');
            }
            at = AlertText.append(alert.detail, at, hintValues[i], 2, true);
        }
        alert.detailLength = at;
        alerts.commit();
    }

    private void clear(
        final int s, final long timeMs, final double value, final double expected, final double threshold)
    {
        final SeriesTable t = table;
        cleared++;
        final AlertEvent alert = alerts.claim();
        alert.kind = AlertKind.ANOMALY;
        alert.action = AlertAction.CLEAR;
        alert.severity = Severity.MINOR;
        alert.eventTimeMs = timeMs;
        alert.startTimeMs = t.times[time(s, ACTIVE_SINCE_MS)];
        alert.endTimeMs = timeMs;
        alert.elementId = t.elementId[s];
        alert.scopeLevel = NodeLevel.ELEMENT;
        alert.metricId = t.metricId[s];
        alert.direction = t.flags[flag(s, DIRECTION)];
        alert.observed = value;
        alert.expected = expected;
        alert.score = t.stats[stat(s, PEAK_SCORE)];
        alert.threshold = threshold;
        alert.count = 1;
        int at = kindText(alert.detail, t.flags[flag(s, KIND)], t.flags[flag(s, DIRECTION)]);
        at = AlertText.append(alert.detail, at, "; recovered, peak score ");
        alert.detailLength = AlertText.append(alert.detail, at, t.stats[stat(s, PEAK_SCORE)], 1, false);
        alerts.commit();
    }

    private void raiseMass(final int key, final int s, final long timeMs)
    {
        final SeriesTable t = table;
        massActive[key] = true;
        massSinceMs[key] = onsetStartMs[key];
        massAttached[key] = 0;
        massEvents[key]++;
        massRaised++;
        final IntArrayList list = pending[key];
        if (null != list)
        {
            for (int i = 0, size = list.size(); i < size; i++)
            {
                final int p = list.getInt(i);
                if (t.flags[flag(p, STATUS)] == SeriesTable.HELD)
                {
                    t.flags[flag(p, STATUS)] = SeriesTable.ATTACHED;
                    attach(key, p);
                }
            }
            list.clear();
        }
        massAlert(key, AlertAction.RAISE, t.metricId[s], timeMs, activeElements[key]);
    }

    private void clearMass(final int key, final long timeMs)
    {
        massActive[key] = false;
        aftermathUntilMs[key / 2] = timeMs + AFTERMATH_SPANS * config.massSpanMs();
        onsetCount[key] = 0;
        massAlert(key, AlertAction.CLEAR, -1, timeMs, massAttached[key]);
    }

    private void massAlert(
        final int key, final AlertAction action, final int metricId, final long timeMs, final long count)
    {
        final int region = key / 2;
        final int direction = (key & 1) == 0 ? 1 : -1;
        final AlertEvent alert = alerts.claim();
        alert.kind = AlertKind.MASS_EVENT;
        alert.action = action;
        alert.severity = Severity.MAJOR;
        alert.eventTimeMs = timeMs;
        alert.startTimeMs = massSinceMs[key];
        alert.endTimeMs = action == AlertAction.CLEAR ? timeMs : 0;
        alert.elementId = topology.id(region);
        alert.scopeLevel = NodeLevel.REGION;
        alert.metricId = metricId;
        alert.direction = direction;
        alert.observed = activeElements[key];
        alert.expected = regionElements[region];
        alert.threshold = massThreshold(region);
        alert.count = count;
        final int listed = (int)Math.min(massAttached[key], AlertEvent.MAX_RELATED);
        for (int i = 0; i < listed; i++)
        {
            alert.addRelated(massIds[key * AlertEvent.MAX_RELATED + i], massScores[key * AlertEvent.MAX_RELATED + i]);
        }
        alert.relatedTotal = (int)Math.min(Integer.MAX_VALUE, massAttached[key]);
        int at = kindText(alert.detail, AnomalyKind.MASS_EVENT.ordinal(), direction);
        at = AlertText.append(alert.detail, at, "; ");
        at = AlertText.append(alert.detail, at, count);
        at = AlertText.append(alert.detail, at, action == AlertAction.CLEAR ? " elements attached, over" :
            " elements anomalous of ");
        if (action != AlertAction.CLEAR)
        {
            at = AlertText.append(alert.detail, at, (long)regionElements[region]);
        }
        alert.detailLength = at;
        alerts.commit();
    }

    private static int kindText(final char[] out, final int kind, final int direction)
    {
        int at = AlertText.append(out, 0, AnomalyKind.get(kind).label());
        if (direction != 0)
        {
            at = AlertText.append(out, at, direction > 0 ? " up" : " down");
        }
        return at;
    }

    // ---------------------------------------------------------------------------------------------------------
    // State and statistics.

    /**
     * {@inheritDoc}
     * <p>
     * A sum of one term per series (keyed by element index and metric) and one per region with mass-event
     * history, so the shards of a sharded engine add up to the single instance of the other modes.
     */
    public long stateHash()
    {
        final SeriesTable t = table;
        long hash = 0;
        for (int s = 0; s < t.size; s++)
        {
            if (t.times[time(s, COUNT)] > 0)
            {
                long term = StateHash.mix(StateHash.mix(StateHash.SEED, t.elementIndex[s]), t.metricId[s]);
                term = StateHash.mix(term, t.times[time(s, COUNT)]);
                term = StateHash.mix(term, t.stats[stat(s, LEVEL)]);
                term = StateHash.mix(term, t.stats[stat(s, MEAN_ABS)]);
                term = StateHash.mix(term, t.stats[stat(s, Q99)]);
                term = StateHash.mix(term, (long)t.flags[flag(s, STATUS)] << 8 | t.flags[flag(s, KIND)]);
                hash += term;
            }
        }
        for (int key = 0; key < massEvents.length; key++)
        {
            if (massEvents[key] > 0)
            {
                hash += StateHash.mix(StateHash.mix(StateHash.mix(~StateHash.SEED, key), massEvents[key]),
                    massAttached[key]);
            }
        }
        return hash;
    }

    /**
     * KPI samples seen (not late).
     *
     * @return the count.
     */
    public long samples()
    {
        return samples;
    }

    /**
     * Samples scored (past their series' warm-up).
     *
     * @return the count.
     */
    public long scored()
    {
        return scored;
    }

    /**
     * Series kept.
     *
     * @return the count.
     */
    public int series()
    {
        return table.size;
    }

    /**
     * Element anomaly alarms raised.
     *
     * @return the count.
     */
    public long raised()
    {
        return raised;
    }

    /**
     * Element anomaly alarms cleared.
     *
     * @return the count.
     */
    public long cleared()
    {
        return cleared;
    }

    /**
     * Element anomalies attached to a mass event instead of alarmed.
     *
     * @return the count.
     */
    public long attached()
    {
        return attached;
    }

    /**
     * Element anomalies held while a mass event might form.
     *
     * @return the count.
     */
    public long held()
    {
        return held;
    }

    /**
     * Mass events raised.
     *
     * @return the count.
     */
    public long massEvents()
    {
        return massRaised;
    }

    /**
     * Silences seen: a series' sample arriving more than three of its intervals after the one before (the window
     * updater alarms these as data gaps; the detector counts them and does not alarm again).
     *
     * @return the count.
     */
    public long silences()
    {
        return silences;
    }

    /**
     * How it was configured.
     *
     * @return the configuration.
     */
    public AnomalyConfig config()
    {
        return config;
    }
}
