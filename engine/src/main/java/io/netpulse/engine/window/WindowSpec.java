/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import io.netpulse.codec.EventValidator;

import java.util.Arrays;

/**
 * The windows kept for a metric: several resolutions, each a ring of event-time buckets, with the allowed
 * lateness each was configured with. Immutable; {@link #with} and {@link #without} give changed copies, which is
 * how {@code WindowSpecUpdate} control events apply. Resolutions are kept in ascending order, one entry per
 * resolution.
 * <p>
 * Written as text ({@link #parse}): {@code 1m*60,15m*96} is one-minute buckets for the last hour and
 * fifteen-minute buckets for the last day.
 */
public final class WindowSpec
{
    /** Most resolutions in one spec. */
    public static final int MAX_RESOLUTIONS = 16;

    private static final WindowSpec EMPTY = new WindowSpec(new long[0], new int[0], new long[0]);

    /** The default allowed lateness: 30 seconds of event time. */
    public static final long DEFAULT_ALLOWED_LATENESS_MS = 30_000;

    /**
     * The default windows: one-minute buckets for the last hour and fifteen-minute buckets for the last day
     * (156 buckets, 6,240 bytes of buckets a series). Longer views (hours for a week, days for a month) are a
     * configuration away; they are not the default because every bucket is paid for by every series.
     */
    public static final WindowSpec DEFAULT = parse("1m*60,15m*96", DEFAULT_ALLOWED_LATENESS_MS);

    private final long[] resolutionsMs;
    private final int[] bucketCounts;
    private final long[] latenessMs;

    private WindowSpec(final long[] resolutionsMs, final int[] bucketCounts, final long[] latenessMs)
    {
        this.resolutionsMs = resolutionsMs;
        this.bucketCounts = bucketCounts;
        this.latenessMs = latenessMs;
    }

    /**
     * A spec with no resolutions.
     *
     * @return the empty spec.
     */
    public static WindowSpec empty()
    {
        return EMPTY;
    }

    /**
     * Parses {@code RESOLUTION*BUCKETS[,RESOLUTION*BUCKETS...]}, e.g. {@code 10s*60,1m*60,15m*96,1h*168,1d*30}.
     *
     * @param text              the spec; {@code x} may stand for {@code *}.
     * @param allowedLatenessMs the allowed lateness of every resolution.
     * @return the spec.
     * @throws IllegalArgumentException when the text is not a spec.
     */
    public static WindowSpec parse(final String text, final long allowedLatenessMs)
    {
        WindowSpec spec = EMPTY;
        if (text.isBlank() || "none".equals(text.trim()))
        {
            return spec;
        }
        for (final String part : text.split(","))
        {
            final String[] pieces = part.trim().split("[*x]");
            if (2 != pieces.length)
            {
                throw new IllegalArgumentException(
                    "bad window '" + part.trim() + "' in '" + text + "': expected RESOLUTION*BUCKETS, e.g. 1m*60");
            }
            final int buckets;
            try
            {
                buckets = Integer.parseInt(pieces[1].trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("bad bucket count in '" + part.trim() + "'", ex);
            }
            final long resolutionMs = Durations.parseMs(pieces[0]);
            if (spec.indexOf(resolutionMs) >= 0)
            {
                throw new IllegalArgumentException("resolution " + pieces[0].trim() + " given twice in '" + text + "'");
            }
            spec = spec.with(resolutionMs, buckets, allowedLatenessMs);
        }
        return spec;
    }

    /**
     * A copy with one resolution put (added, or its bucket count and lateness replaced).
     *
     * @param resolutionMs      bucket width, positive.
     * @param bucketCount       buckets kept, 1 to {@link EventValidator#MAX_BUCKET_COUNT}.
     * @param allowedLatenessMs how far behind the most advanced source an event may be and still count.
     * @return the copy.
     */
    public WindowSpec with(final long resolutionMs, final int bucketCount, final long allowedLatenessMs)
    {
        if (resolutionMs <= 0)
        {
            throw new IllegalArgumentException("window resolution must be positive: " + resolutionMs);
        }
        if (bucketCount < 1 || bucketCount > EventValidator.MAX_BUCKET_COUNT)
        {
            throw new IllegalArgumentException(
                "bucket count must be 1.." + EventValidator.MAX_BUCKET_COUNT + ": " + bucketCount);
        }
        if (allowedLatenessMs < 0)
        {
            throw new IllegalArgumentException("allowed lateness must not be negative: " + allowedLatenessMs);
        }

        final int existing = indexOf(resolutionMs);
        if (existing >= 0)
        {
            final int[] counts = bucketCounts.clone();
            final long[] lateness = latenessMs.clone();
            counts[existing] = bucketCount;
            lateness[existing] = allowedLatenessMs;
            return new WindowSpec(resolutionsMs, counts, lateness);
        }
        if (resolutionsMs.length == MAX_RESOLUTIONS)
        {
            throw new IllegalArgumentException("a window spec has at most " + MAX_RESOLUTIONS + " resolutions");
        }

        final int n = resolutionsMs.length;
        int at = 0;
        while (at < n && resolutionsMs[at] < resolutionMs)
        {
            at++;
        }
        final long[] resolutions = new long[n + 1];
        final int[] counts = new int[n + 1];
        final long[] lateness = new long[n + 1];
        System.arraycopy(resolutionsMs, 0, resolutions, 0, at);
        System.arraycopy(bucketCounts, 0, counts, 0, at);
        System.arraycopy(latenessMs, 0, lateness, 0, at);
        resolutions[at] = resolutionMs;
        counts[at] = bucketCount;
        lateness[at] = allowedLatenessMs;
        System.arraycopy(resolutionsMs, at, resolutions, at + 1, n - at);
        System.arraycopy(bucketCounts, at, counts, at + 1, n - at);
        System.arraycopy(latenessMs, at, lateness, at + 1, n - at);
        return new WindowSpec(resolutions, counts, lateness);
    }

    /**
     * A copy without one resolution.
     *
     * @param resolutionMs the resolution to drop.
     * @return the copy, or this when it had no such resolution.
     */
    public WindowSpec without(final long resolutionMs)
    {
        final int at = indexOf(resolutionMs);
        if (at < 0)
        {
            return this;
        }
        final int n = resolutionsMs.length - 1;
        final long[] resolutions = new long[n];
        final int[] counts = new int[n];
        final long[] lateness = new long[n];
        System.arraycopy(resolutionsMs, 0, resolutions, 0, at);
        System.arraycopy(bucketCounts, 0, counts, 0, at);
        System.arraycopy(latenessMs, 0, lateness, 0, at);
        System.arraycopy(resolutionsMs, at + 1, resolutions, at, n - at);
        System.arraycopy(bucketCounts, at + 1, counts, at, n - at);
        System.arraycopy(latenessMs, at + 1, lateness, at, n - at);
        return new WindowSpec(resolutions, counts, lateness);
    }

    /**
     * A copy with every resolution's allowed lateness set.
     *
     * @param allowedLatenessMs the lateness.
     * @return the copy.
     */
    public WindowSpec withAllowedLatenessMs(final long allowedLatenessMs)
    {
        WindowSpec spec = this;
        for (int i = 0; i < resolutionsMs.length; i++)
        {
            spec = spec.with(resolutionsMs[i], bucketCounts[i], allowedLatenessMs);
        }
        return spec;
    }

    /**
     * Resolutions in the spec.
     *
     * @return the count.
     */
    public int resolutions()
    {
        return resolutionsMs.length;
    }

    /**
     * Whether the spec keeps no windows.
     *
     * @return true with no resolutions.
     */
    public boolean isEmpty()
    {
        return 0 == resolutionsMs.length;
    }

    /**
     * Bucket width of a resolution.
     *
     * @param index of the resolution, ascending by width.
     * @return milliseconds.
     */
    public long resolutionMs(final int index)
    {
        return resolutionsMs[index];
    }

    /**
     * Buckets kept at a resolution.
     *
     * @param index of the resolution.
     * @return the count.
     */
    public int bucketCount(final int index)
    {
        return bucketCounts[index];
    }

    /**
     * Allowed lateness given for a resolution.
     *
     * @param index of the resolution.
     * @return milliseconds.
     */
    public long allowedLatenessMs(final int index)
    {
        return latenessMs[index];
    }

    /**
     * The largest allowed lateness of any resolution.
     *
     * @return milliseconds; 0 for an empty spec.
     */
    public long allowedLatenessMs()
    {
        long max = 0;
        for (final long lateness : latenessMs)
        {
            max = Math.max(max, lateness);
        }
        return max;
    }

    /**
     * Where a resolution is in the spec.
     *
     * @param resolutionMs bucket width.
     * @return its index, or -1.
     */
    public int indexOf(final long resolutionMs)
    {
        for (int i = 0; i < resolutionsMs.length; i++)
        {
            if (resolutionsMs[i] == resolutionMs)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Bytes of buckets one series of this spec holds.
     *
     * @return the bucket bytes, before any ring extension for lateness.
     */
    public long bucketBytes()
    {
        long buckets = 0;
        for (final int count : bucketCounts)
        {
            buckets += count;
        }
        return buckets * BucketCells.BYTES;
    }

    /**
     * {@inheritDoc}
     */
    public boolean equals(final Object other)
    {
        if (!(other instanceof WindowSpec))
        {
            return false;
        }
        final WindowSpec spec = (WindowSpec)other;
        return Arrays.equals(resolutionsMs, spec.resolutionsMs) && Arrays.equals(bucketCounts, spec.bucketCounts) &&
            Arrays.equals(latenessMs, spec.latenessMs);
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        return (Arrays.hashCode(resolutionsMs) * 31 + Arrays.hashCode(bucketCounts)) * 31 + Arrays.hashCode(latenessMs);
    }

    /**
     * The spec as {@link #parse} reads it.
     *
     * @return e.g. {@code 1m*60,15m*96}.
     */
    public String toString()
    {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < resolutionsMs.length; i++)
        {
            if (i > 0)
            {
                out.append(',');
            }
            out.append(Durations.format(resolutionsMs[i])).append('*').append(bucketCounts[i]);
        }
        return out.length() == 0 ? "none" : out.toString();
    }
}
