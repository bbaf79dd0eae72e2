/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import java.util.Arrays;

/**
 * The contributions of a moved element to the buckets that were open when it moved: the element's own bucket
 * keeps every sample (its history is intact), while at each level of the hierarchy whose parent changed (the site
 * for an element that moved, the region for an element or site that moved to another region) its roll-up takes
 * only what arrived after the move. Levels whose parent did not change keep rolling up the whole own bucket.
 * One entry per (resolution, bucket), with a contribution per level, dropped when the bucket closes.
 * <pre>
 *   entry i:  resolutionsMs[i] | buckets[i] | levels[i] (SITE | REGION bits) | cells: site block, region block
 * </pre>
 */
final class SeriesSplit
{
    /** The site-level contribution is split. */
    static final int SITE = 1;

    /** The region-level contribution is split. */
    static final int REGION = 2;

    private static final int ENTRY_LONGS = 2 * BucketCells.LONGS;

    long[] resolutionsMs = new long[4];
    long[] buckets = new long[4];
    int[] levels = new int[4];
    long[] cells = new long[4 * ENTRY_LONGS];
    int size;

    /**
     * The entry of a bucket, or -1.
     */
    int find(final long resolutionMs, final long bucket)
    {
        for (int i = 0; i < size; i++)
        {
            if (resolutionsMs[i] == resolutionMs && buckets[i] == bucket)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * The entry of a bucket, added (with no level split) when absent.
     */
    int entry(final long resolutionMs, final long bucket)
    {
        final int existing = find(resolutionMs, bucket);
        if (existing >= 0)
        {
            return existing;
        }
        if (size == buckets.length)
        {
            resolutionsMs = Arrays.copyOf(resolutionsMs, size * 2);
            buckets = Arrays.copyOf(buckets, size * 2);
            levels = Arrays.copyOf(levels, size * 2);
            cells = Arrays.copyOf(cells, size * 2 * ENTRY_LONGS);
        }
        final int at = size++;
        resolutionsMs[at] = resolutionMs;
        buckets[at] = bucket;
        levels[at] = 0;
        BucketCells.clear(cells, at * ENTRY_LONGS);
        BucketCells.clear(cells, at * ENTRY_LONGS + BucketCells.LONGS);
        return at;
    }

    /**
     * Whether a level of an entry is split.
     */
    boolean isSplit(final int entry, final int level)
    {
        return (levels[entry] & level) != 0;
    }

    /**
     * Starts an empty contribution for a level of an entry.
     */
    void start(final int entry, final int level)
    {
        levels[entry] |= level;
        BucketCells.clear(cells, offset(entry, level));
    }

    /**
     * Offset in {@link #cells} of a level's contribution.
     */
    static int offset(final int entry, final int level)
    {
        return entry * ENTRY_LONGS + (SITE == level ? 0 : BucketCells.LONGS);
    }

    /**
     * Adds a sample to the split levels of an entry.
     */
    void add(final int entry, final double value)
    {
        if (isSplit(entry, SITE))
        {
            BucketCells.add(cells, offset(entry, SITE), value);
        }
        if (isSplit(entry, REGION))
        {
            BucketCells.add(cells, offset(entry, REGION), value);
        }
    }

    void remove(final int at)
    {
        final int last = --size;
        if (at != last)
        {
            resolutionsMs[at] = resolutionsMs[last];
            buckets[at] = buckets[last];
            levels[at] = levels[last];
            System.arraycopy(cells, last * ENTRY_LONGS, cells, at * ENTRY_LONGS, ENTRY_LONGS);
        }
    }
}
