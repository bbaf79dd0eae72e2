/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.Locale;

/**
 * How finely a query groups by time. A stored bucket coarser than the granularity (an hour already rolled up,
 * asked for by minute) is reported at its own start.
 */
public enum Granularity
{
    /** Minutes. */
    MINUTE(CubeConfig.MINUTE_MS),

    /** Hours. */
    HOUR(CubeConfig.HOUR_MS),

    /** Days (UTC). */
    DAY(CubeConfig.DAY_MS);

    private final long millis;

    Granularity(final long millis)
    {
        this.millis = millis;
    }

    /**
     * Length of one step.
     *
     * @return milliseconds.
     */
    public long millis()
    {
        return millis;
    }

    /**
     * Name in queries.
     *
     * @return e.g. {@code hour}.
     */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a granularity name.
     *
     * @param text minute, hour or day.
     * @return the granularity, or null when it names none.
     */
    public static Granularity parse(final String text)
    {
        final String value = text.trim().toLowerCase(Locale.ROOT);
        for (final Granularity granularity : values())
        {
            if (granularity.label().equals(value))
            {
                return granularity;
            }
        }
        return null;
    }
}
