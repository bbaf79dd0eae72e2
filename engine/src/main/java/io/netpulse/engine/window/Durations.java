/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import java.util.Locale;

/**
 * Durations as people write them in configuration: {@code 250ms}, {@code 10s}, {@code 1m}, {@code 15m},
 * {@code 1h}, {@code 7d}, or a bare number of milliseconds.
 */
public final class Durations
{
    private static final long SECOND_MS = 1000L;
    private static final long MINUTE_MS = 60 * SECOND_MS;
    private static final long HOUR_MS = 60 * MINUTE_MS;
    private static final long DAY_MS = 24 * HOUR_MS;

    private Durations()
    {
    }

    /**
     * Parses a duration.
     *
     * @param text such as {@code 15m}.
     * @return milliseconds, never negative.
     * @throws IllegalArgumentException when it is not a duration.
     */
    public static long parseMs(final String text)
    {
        final String value = text.trim().toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < value.length() && Character.isDigit(value.charAt(split)))
        {
            split++;
        }
        if (0 == split || split < value.length() - 2)
        {
            throw new IllegalArgumentException("bad duration '" + text + "': expected e.g. 500ms, 10s, 1m, 1h, 1d");
        }

        final long amount;
        try
        {
            amount = Long.parseLong(value.substring(0, split));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("bad duration '" + text + "'", ex);
        }
        final long unitMs;
        switch (value.substring(split))
        {
            case "":
            case "ms":
                unitMs = 1;
                break;
            case "s":
                unitMs = SECOND_MS;
                break;
            case "m":
                unitMs = MINUTE_MS;
                break;
            case "h":
                unitMs = HOUR_MS;
                break;
            case "d":
                unitMs = DAY_MS;
                break;
            default:
                throw new IllegalArgumentException("bad duration unit in '" + text + "': expected ms, s, m, h or d");
        }
        return Math.multiplyExact(amount, unitMs);
    }

    /**
     * Formats a duration in its largest whole unit.
     *
     * @param ms milliseconds.
     * @return such as {@code 15m}, or {@code 1500ms} when no larger unit divides it.
     */
    public static String format(final long ms)
    {
        if (ms != 0)
        {
            if (ms % DAY_MS == 0)
            {
                return ms / DAY_MS + "d";
            }
            if (ms % HOUR_MS == 0)
            {
                return ms / HOUR_MS + "h";
            }
            if (ms % MINUTE_MS == 0)
            {
                return ms / MINUTE_MS + "m";
            }
            if (ms % SECOND_MS == 0)
            {
                return ms / SECOND_MS + "s";
            }
        }
        return ms + "ms";
    }
}
