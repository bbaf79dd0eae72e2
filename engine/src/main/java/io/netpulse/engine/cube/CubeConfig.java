/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.time.Duration;

/**
 * How the cube keeps time: how late an event may arrive and still count, and for each cuboid how long it keeps
 * minute buckets before rolling them into hours, hours before rolling them into days, and days before dropping
 * them. Retention is measured in event time back from the watermark, so storage stays bounded however long the
 * engine runs. Immutable.
 *
 * @param allowedLatenessMs how far behind the engine's event-time frontier (the router's, the slowest active
 *                          source's latest event time) an event may be and still be applied; the minute buckets
 *                          behind it are sealed.
 * @param element           retention of the element cuboid (the largest: one cell per element, service and
 *                          metric).
 * @param site              retention of the site cuboid.
 * @param region            retention of the region x class x vendor cuboid.
 */
public record CubeConfig(long allowedLatenessMs, Retention element, Retention site, Retention region)
{
    /** A minute, the finest bucket. */
    public static final long MINUTE_MS = 60_000L;

    /** An hour. */
    public static final long HOUR_MS = 60 * MINUTE_MS;

    /** A day. */
    public static final long DAY_MS = 24 * HOUR_MS;

    /**
     * Defaults sized for about 10,000 elements in a 4 GiB heap (see BENCHMARKS.md for the memory per cell):
     * a minute of lateness; element detail for 15 minutes, 12 hours and 2 days; sites for 2 hours, 3 days and
     * 30 days; regions for 6 hours, 7 days and 90 days.
     */
    public static final CubeConfig DEFAULTS = new CubeConfig(
        MINUTE_MS,
        new Retention(15 * MINUTE_MS, 12 * HOUR_MS, 2 * DAY_MS),
        new Retention(2 * HOUR_MS, 3 * DAY_MS, 30 * DAY_MS),
        new Retention(6 * HOUR_MS, 7 * DAY_MS, 90 * DAY_MS));

    /**
     * Checks the settings.
     */
    public CubeConfig
    {
        if (allowedLatenessMs < 0)
        {
            throw new IllegalArgumentException("allowedLatenessMs must be >= 0: " + allowedLatenessMs);
        }
        if (null == element || null == site || null == region)
        {
            throw new IllegalArgumentException("every cuboid needs a retention");
        }
    }

    /**
     * The retention of a cuboid.
     *
     * @param cuboid the cuboid.
     * @return its retention.
     */
    public Retention retention(final Cuboid cuboid)
    {
        switch (cuboid)
        {
            case ELEMENT:
                return element;
            case SITE:
                return site;
            default:
                return region;
        }
    }

    /**
     * A copy with another lateness.
     *
     * @param latenessMs allowed lateness.
     * @return the copy.
     */
    public CubeConfig withAllowedLatenessMs(final long latenessMs)
    {
        return new CubeConfig(latenessMs, element, site, region);
    }

    /**
     * A copy with one cuboid's retention changed.
     *
     * @param cuboid    the cuboid.
     * @param retention its new retention.
     * @return the copy.
     */
    public CubeConfig withRetention(final Cuboid cuboid, final Retention retention)
    {
        return new CubeConfig(allowedLatenessMs,
            cuboid == Cuboid.ELEMENT ? retention : element,
            cuboid == Cuboid.SITE ? retention : site,
            cuboid == Cuboid.REGION ? retention : region);
    }

    /**
     * A copy with every cuboid given the same retention.
     *
     * @param retention for all.
     * @return the copy.
     */
    public CubeConfig withRetention(final Retention retention)
    {
        return new CubeConfig(allowedLatenessMs, retention, retention, retention);
    }

    /**
     * How long one cuboid keeps each resolution, in event time behind the watermark. An hour's minutes roll into
     * the hour once the whole hour is older than {@code minutesMs}; a day's hours roll into the day once the
     * whole day is older than {@code hoursMs}; a day is dropped once it is older than {@code daysMs}.
     *
     * @param minutesMs keep minute buckets this long.
     * @param hoursMs   keep hour buckets this long.
     * @param daysMs    keep day buckets this long.
     */
    public record Retention(long minutesMs, long hoursMs, long daysMs)
    {
        /**
         * Checks the settings.
         */
        public Retention
        {
            if (minutesMs < 0 || hoursMs < 0 || daysMs < 0)
            {
                throw new IllegalArgumentException("retention must not be negative");
            }
        }

        /**
         * Parses {@code 15m,12h,2d}: minutes, hours and days kept, each a number with a unit (s, m, h, d).
         *
         * @param text the three durations.
         * @return the retention.
         * @throws IllegalArgumentException naming the expected form.
         */
        public static Retention parse(final String text)
        {
            final String[] parts = text.split(",");
            if (parts.length != 3)
            {
                throw new IllegalArgumentException(
                    "retention '" + text + "': expected minutes,hours,days kept, e.g. 15m,12h,2d");
            }
            return new Retention(durationMs(parts[0]), durationMs(parts[1]), durationMs(parts[2]));
        }

        /**
         * Parses a duration such as {@code 90s}, {@code 15m}, {@code 12h} or {@code 2d}.
         *
         * @param text the duration.
         * @return milliseconds.
         * @throws IllegalArgumentException naming the expected form.
         */
        public static long durationMs(final String text)
        {
            final String value = text.trim();
            if (value.length() < 2)
            {
                throw new IllegalArgumentException("duration '" + text + "': expected a number and s, m, h or d");
            }
            final long unit;
            switch (value.charAt(value.length() - 1))
            {
                case 's':
                    unit = 1000L;
                    break;
                case 'm':
                    unit = MINUTE_MS;
                    break;
                case 'h':
                    unit = HOUR_MS;
                    break;
                case 'd':
                    unit = DAY_MS;
                    break;
                default:
                    throw new IllegalArgumentException("duration '" + text + "': expected a number and s, m, h or d");
            }
            try
            {
                return Math.multiplyExact(Long.parseLong(value.substring(0, value.length() - 1)), unit);
            }
            catch (final NumberFormatException | ArithmeticException ex)
            {
                throw new IllegalArgumentException("duration '" + text + "': expected a number and s, m, h or d");
            }
        }

        /**
         * The retention as {@link #parse} reads it.
         *
         * @return e.g. {@code 15m,12h,2d}.
         */
        public String format()
        {
            return format(minutesMs) + "," + format(hoursMs) + "," + format(daysMs);
        }

        private static String format(final long ms)
        {
            final Duration duration = Duration.ofMillis(ms);
            if (ms % DAY_MS == 0)
            {
                return duration.toDays() + "d";
            }
            if (ms % HOUR_MS == 0)
            {
                return duration.toHours() + "h";
            }
            if (ms % MINUTE_MS == 0)
            {
                return duration.toMinutes() + "m";
            }
            return duration.toSeconds() + "s";
        }
    }
}
