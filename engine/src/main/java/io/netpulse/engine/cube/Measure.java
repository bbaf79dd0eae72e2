/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.Locale;

/**
 * What a cube query computes for each group. Every one derives from mergeable state: count, sum, minimum,
 * maximum and sum of squares per cell, and for latency-like metrics a {@link LogHistogram}.
 */
public enum Measure
{
    /** Values in the group. */
    COUNT("count"),

    /** Their sum. */
    SUM("sum"),

    /** The smallest. */
    MIN("min"),

    /** The largest. */
    MAX("max"),

    /** Sum over count. */
    MEAN("mean"),

    /** Population standard deviation, from the sums of values and of squares. */
    STDDEV("stddev"),

    /** Median, from the histogram (latency-like metrics only; NaN otherwise). */
    P50("p50"),

    /** 95th percentile, from the histogram. */
    P95("p95"),

    /** 99th percentile, from the histogram. */
    P99("p99");

    private static final Measure[] VALUES = values();

    private final String label;

    Measure(final String label)
    {
        this.label = label;
    }

    /**
     * Name in queries and results.
     *
     * @return e.g. {@code p99}.
     */
    public String label()
    {
        return label;
    }

    /**
     * Whether it needs the histogram.
     *
     * @return true for the percentiles.
     */
    public boolean isPercentile()
    {
        return this == P50 || this == P95 || this == P99;
    }

    /**
     * The quantile of a percentile measure.
     *
     * @return 0.5, 0.95 or 0.99; NaN for the others.
     */
    public double quantile()
    {
        switch (this)
        {
            case P50:
                return 0.5;
            case P95:
                return 0.95;
            case P99:
                return 0.99;
            default:
                return Double.NaN;
        }
    }

    /**
     * Parses a measure name.
     *
     * @param text e.g. {@code mean}.
     * @return the measure, or null when it names none.
     */
    public static Measure parse(final String text)
    {
        final String value = text.trim().toLowerCase(Locale.ROOT);
        for (final Measure measure : VALUES)
        {
            if (measure.label.equals(value))
            {
                return measure;
            }
        }
        return null;
    }

    /**
     * The names {@link #parse} accepts, for error messages.
     *
     * @return e.g. {@code count, sum, ...}.
     */
    public static String allowed()
    {
        final StringBuilder out = new StringBuilder();
        for (final Measure measure : VALUES)
        {
            out.append(out.length() > 0 ? ", " : "").append(measure.label);
        }
        return out.toString();
    }
}
