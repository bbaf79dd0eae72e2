/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import java.util.Map;

/**
 * How an engine keeps windows. The specs are the engine's starting point; {@code WindowSpecUpdate} control
 * events change them at run time and, being journaled, replay the same. The other settings are the engine's own
 * (a replay reproduces a run when it uses the same configuration, as {@code netpulse replay} does by reading the
 * same configuration file).
 *
 * @param enabled           whether the engine keeps windows at all (the router keeps event time regardless).
 * @param defaultSpec       the spec of every metric without its own.
 * @param metricSpecs       specs of particular metrics, by metric id.
 * @param idleTimeoutMs     event time after which a source that has fallen behind stops holding the watermark
 *                          back.
 * @param ewmaHalfLifeMs    half-life of each series' time-aware EWMA.
 * @param dataGapFactor     an element silent for more than this many expected reporting intervals raises a
 *                          data-gap alert; 0 turns data-gap alerts off.
 * @param gapCheckIntervalMs how often, in watermark progress, silent elements are looked for.
 */
public record WindowConfig(
    boolean enabled,
    WindowSpec defaultSpec,
    Map<Integer, WindowSpec> metricSpecs,
    long idleTimeoutMs,
    long ewmaHalfLifeMs,
    double dataGapFactor,
    long gapCheckIntervalMs)
{
    /** Default EWMA half-life: five minutes of event time. */
    public static final long DEFAULT_EWMA_HALF_LIFE_MS = 300_000;

    /** Default data-gap factor: silent for three expected intervals. */
    public static final double DEFAULT_DATA_GAP_FACTOR = 3.0;

    /** Default gap check interval: every 15 seconds of watermark progress. */
    public static final long DEFAULT_GAP_CHECK_INTERVAL_MS = 15_000;

    /** The defaults: {@link WindowSpec#DEFAULT}, five-minute idleness timeout and EWMA half-life, gaps at 3x. */
    public static final WindowConfig DEFAULT = new WindowConfig(
        true, WindowSpec.DEFAULT, Map.of(), Watermarks.DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_EWMA_HALF_LIFE_MS,
        DEFAULT_DATA_GAP_FACTOR, DEFAULT_GAP_CHECK_INTERVAL_MS);

    /**
     * Checks the settings.
     */
    public WindowConfig
    {
        metricSpecs = Map.copyOf(metricSpecs);
        if (idleTimeoutMs <= 0 || ewmaHalfLifeMs <= 0 || gapCheckIntervalMs <= 0)
        {
            throw new IllegalArgumentException("idle timeout, EWMA half-life and gap check interval must be positive");
        }
        if (!(dataGapFactor >= 0) || Double.isInfinite(dataGapFactor))
        {
            throw new IllegalArgumentException("data-gap factor must be a finite number >= 0: " + dataGapFactor);
        }
    }

    /**
     * A spec table holding these specs.
     *
     * @return a new table.
     */
    public WindowSpecTable newSpecTable()
    {
        final WindowSpecTable table = new WindowSpecTable(defaultSpec);
        for (final Map.Entry<Integer, WindowSpec> entry : metricSpecs.entrySet())
        {
            final WindowSpec spec = entry.getValue();
            for (int r = 0; r < spec.resolutions(); r++)
            {
                table.put(entry.getKey(), spec.resolutionMs(r), spec.bucketCount(r), spec.allowedLatenessMs(r));
            }
        }
        return table;
    }

    /**
     * A copy with windows on or off.
     *
     * @param enabled whether to keep windows.
     * @return the copy.
     */
    public WindowConfig withEnabled(final boolean enabled)
    {
        return new WindowConfig(enabled, defaultSpec, metricSpecs, idleTimeoutMs, ewmaHalfLifeMs, dataGapFactor,
            gapCheckIntervalMs);
    }

    /**
     * A copy with another default spec.
     *
     * @param spec the default spec.
     * @return the copy.
     */
    public WindowConfig withDefaultSpec(final WindowSpec spec)
    {
        return new WindowConfig(enabled, spec, metricSpecs, idleTimeoutMs, ewmaHalfLifeMs, dataGapFactor,
            gapCheckIntervalMs);
    }

    /**
     * A copy with another idleness timeout.
     *
     * @param timeoutMs event time.
     * @return the copy.
     */
    public WindowConfig withIdleTimeoutMs(final long timeoutMs)
    {
        return new WindowConfig(enabled, defaultSpec, metricSpecs, timeoutMs, ewmaHalfLifeMs, dataGapFactor,
            gapCheckIntervalMs);
    }

    /**
     * A copy with another EWMA half-life.
     *
     * @param halfLifeMs event time.
     * @return the copy.
     */
    public WindowConfig withEwmaHalfLifeMs(final long halfLifeMs)
    {
        return new WindowConfig(enabled, defaultSpec, metricSpecs, idleTimeoutMs, halfLifeMs, dataGapFactor,
            gapCheckIntervalMs);
    }

    /**
     * A copy with other data-gap settings.
     *
     * @param factor          silence, in expected intervals, that raises an alert; 0 for none.
     * @param checkIntervalMs how often to look, in watermark progress.
     * @return the copy.
     */
    public WindowConfig withDataGaps(final double factor, final long checkIntervalMs)
    {
        return new WindowConfig(enabled, defaultSpec, metricSpecs, idleTimeoutMs, ewmaHalfLifeMs, factor,
            checkIntervalMs);
    }

    /**
     * A copy with a metric's own spec.
     *
     * @param metricId the metric.
     * @param spec     its windows.
     * @return the copy.
     */
    public WindowConfig withMetricSpec(final int metricId, final WindowSpec spec)
    {
        final java.util.HashMap<Integer, WindowSpec> specs = new java.util.HashMap<>(metricSpecs);
        specs.put(metricId, spec);
        return new WindowConfig(enabled, defaultSpec, specs, idleTimeoutMs, ewmaHalfLifeMs, dataGapFactor,
            gapCheckIntervalMs);
    }
}
