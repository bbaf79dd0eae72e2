/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.Locale;

/**
 * The dimensions a cube query groups and filters by. Geography is a hierarchy (region, then site, then element)
 * for drill-down and roll-up; equipment class and vendor are attributes of elements; service type is carried by
 * CDRs and QoS measurements ({@code none} for the other events); metric names a KPI or a measure derived from
 * CDRs, QoS measurements and flows; time is the bucket an event fell in.
 */
public enum Dimension
{
    /** Start of the time bucket, at the query's granularity. */
    TIME("time"),

    /** Region of the element, at event time. */
    REGION("region"),

    /** Site of the element, at event time. */
    SITE("site"),

    /** The network element: the finest drill-down. */
    ELEMENT("element"),

    /** Service type: voice, video, sms, data, or none. */
    SERVICE("service"),

    /** Equipment class of the element. */
    EQUIPMENT_CLASS("class"),

    /** Vendor of the element. */
    VENDOR("vendor"),

    /** A KPI metric or derived measure. */
    METRIC("metric");

    private static final Dimension[] VALUES = values();

    private final String label;

    Dimension(final String label)
    {
        this.label = label;
    }

    /**
     * Name in queries and results.
     *
     * @return e.g. {@code region}, {@code class}.
     */
    public String label()
    {
        return label;
    }

    /**
     * Parses a dimension name.
     *
     * @param text e.g. {@code region}.
     * @return the dimension, or null when it names none.
     */
    public static Dimension parse(final String text)
    {
        final String value = text.trim().toLowerCase(Locale.ROOT);
        for (final Dimension dimension : VALUES)
        {
            if (dimension.label.equals(value) || dimension.name().toLowerCase(Locale.ROOT).equals(value))
            {
                return dimension;
            }
        }
        return null;
    }

    /**
     * The names {@link #parse} accepts, for error messages.
     *
     * @return e.g. {@code time, region, ...}.
     */
    public static String allowed()
    {
        final StringBuilder out = new StringBuilder();
        for (final Dimension dimension : VALUES)
        {
            out.append(out.length() > 0 ? ", " : "").append(dimension.label);
        }
        return out.toString();
    }
}
