/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.generator;

import io.netpulse.codec.sbe.MetricKind;

/**
 * The KPI metrics the generator produces for every element, with the shape of each: a base level drawn per
 * element, the daily and weekly seasonal amplitude (as fractions of the base), and the noise.
 */
public enum SyntheticMetric
{
    /** Processor load, percent. */
    CPU_UTIL(0, "cpu_util", "%", MetricKind.GAUGE, 20, 45, 0.35, 0.10, 0.05),

    /** Traffic carried, megabits per second: strongly seasonal. */
    TRAFFIC_MBPS(1, "traffic_mbps", "Mbit/s", MetricKind.GAUGE, 50, 500, 0.60, 0.15, 0.05),

    /** Round-trip latency, milliseconds: rises a little with load. */
    LATENCY_MS(2, "latency_ms", "ms", MetricKind.LATENCY, 5, 25, 0.15, 0.05, 0.06),

    /** Errored transmissions, percent. */
    ERROR_RATE(3, "error_rate", "%", MetricKind.RATIO, 0.05, 0.5, 0.20, 0.05, 0.10);

    private static final SyntheticMetric[] BY_ID = values();

    private final int id;
    private final String metricName;
    private final String unit;
    private final MetricKind kind;
    private final double minBase;
    private final double maxBase;
    private final double dailyAmplitude;
    private final double weeklyAmplitude;
    private final double noise;

    SyntheticMetric(
        final int id,
        final String metricName,
        final String unit,
        final MetricKind kind,
        final double minBase,
        final double maxBase,
        final double dailyAmplitude,
        final double weeklyAmplitude,
        final double noise)
    {
        this.id = id;
        this.metricName = metricName;
        this.unit = unit;
        this.kind = kind;
        this.minBase = minBase;
        this.maxBase = maxBase;
        this.dailyAmplitude = dailyAmplitude;
        this.weeklyAmplitude = weeklyAmplitude;
        this.noise = noise;
    }

    /**
     * Metric id in KPI samples.
     *
     * @return the id.
     */
    public int id()
    {
        return id;
    }

    /**
     * Metric name.
     *
     * @return the name.
     */
    public String metricName()
    {
        return metricName;
    }

    /**
     * Unit of values.
     *
     * @return the unit.
     */
    public String unit()
    {
        return unit;
    }

    /**
     * Kind of metric.
     *
     * @return the kind.
     */
    public MetricKind kind()
    {
        return kind;
    }

    /**
     * Lowest base level.
     *
     * @return the minimum.
     */
    public double minBase()
    {
        return minBase;
    }

    /**
     * Highest base level.
     *
     * @return the maximum.
     */
    public double maxBase()
    {
        return maxBase;
    }

    /**
     * Daily swing as a fraction of the base.
     *
     * @return the amplitude.
     */
    public double dailyAmplitude()
    {
        return dailyAmplitude;
    }

    /**
     * Weekday/weekend swing as a fraction of the base.
     *
     * @return the amplitude.
     */
    public double weeklyAmplitude()
    {
        return weeklyAmplitude;
    }

    /**
     * Standard deviation of the noise as a fraction of the base.
     *
     * @return the noise.
     */
    public double noise()
    {
        return noise;
    }

    /**
     * The metric with an id.
     *
     * @param id metric id.
     * @return the metric, or null.
     */
    public static SyntheticMetric get(final int id)
    {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /**
     * The metric with a name.
     *
     * @param name metric name.
     * @return the metric, or null.
     */
    public static SyntheticMetric byName(final String name)
    {
        for (final SyntheticMetric metric : BY_ID)
        {
            if (metric.metricName.equals(name))
            {
                return metric;
            }
        }
        return null;
    }
}
