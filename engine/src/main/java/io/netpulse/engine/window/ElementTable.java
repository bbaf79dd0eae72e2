/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import io.netpulse.engine.stage.StateHash;

import java.util.Arrays;

/**
 * What a window updater knows about each element it owns, struct-of-arrays by dense element index: its place in
 * the hierarchy (as its contributions roll up now), when it last reported, whether a data gap is open, and its
 * expected reporting interval. Grows as elements appear; single writer.
 */
final class ElementTable
{
    /** Last-seen time of an element that has not reported. */
    static final long NEVER = Long.MIN_VALUE;

    /** Gap start of an element with no open gap. */
    static final long NO_GAP = Long.MIN_VALUE;

    private boolean[] owned = new boolean[0];
    private long[] ids = new long[0];
    private int[] sites = new int[0];
    private int[] regions = new int[0];
    private long[] lastSeenMs = new long[0];
    private long[] gapSinceMs = new long[0];
    private int[] intervalsMs = new int[0];
    private int[] splits = new int[0];
    private int limit;
    private int ownedCount;

    /**
     * Makes room for a node index.
     *
     * @param index dense node index.
     */
    void ensure(final int index)
    {
        if (index < owned.length)
        {
            if (index >= limit)
            {
                limit = index + 1;
            }
            return;
        }
        final int capacity = Math.max(index + 1, Math.max(1024, owned.length * 2));
        final int old = owned.length;
        owned = Arrays.copyOf(owned, capacity);
        ids = Arrays.copyOf(ids, capacity);
        sites = Arrays.copyOf(sites, capacity);
        regions = Arrays.copyOf(regions, capacity);
        lastSeenMs = Arrays.copyOf(lastSeenMs, capacity);
        gapSinceMs = Arrays.copyOf(gapSinceMs, capacity);
        intervalsMs = Arrays.copyOf(intervalsMs, capacity);
        splits = Arrays.copyOf(splits, capacity);
        Arrays.fill(lastSeenMs, old, capacity, NEVER);
        Arrays.fill(gapSinceMs, old, capacity, NO_GAP);
        limit = index + 1;
    }

    /**
     * Starts owning an element.
     *
     * @param index  dense index.
     * @param id     global id.
     * @param site   its site, or -1.
     * @param region its region, or -1.
     */
    void own(final int index, final long id, final int site, final int region)
    {
        ensure(index);
        owned[index] = true;
        ids[index] = id;
        sites[index] = site;
        regions[index] = region;
        lastSeenMs[index] = NEVER;
        gapSinceMs[index] = NO_GAP;
        splits[index] = 0;
        ownedCount++;
    }

    /**
     * Stops owning an element (removed, or handed to another shard).
     *
     * @param index dense index.
     */
    void release(final int index)
    {
        if (owned[index])
        {
            owned[index] = false;
            lastSeenMs[index] = NEVER;
            gapSinceMs[index] = NO_GAP;
            splits[index] = 0;
            ownedCount--;
        }
    }

    boolean owns(final int index)
    {
        return index < owned.length && owned[index];
    }

    int limit()
    {
        return limit;
    }

    int ownedCount()
    {
        return ownedCount;
    }

    long id(final int index)
    {
        return ids[index];
    }

    int site(final int index)
    {
        return sites[index];
    }

    int region(final int index)
    {
        return regions[index];
    }

    void place(final int index, final int site, final int region)
    {
        sites[index] = site;
        regions[index] = region;
    }

    long lastSeenMs(final int index)
    {
        return lastSeenMs[index];
    }

    /**
     * Notes a report.
     *
     * @param index       dense index.
     * @param eventTimeMs its event time.
     * @return the gap start if a gap was open (and is now closed), else {@link #NO_GAP}.
     */
    long seen(final int index, final long eventTimeMs)
    {
        if (eventTimeMs > lastSeenMs[index])
        {
            lastSeenMs[index] = eventTimeMs;
        }
        final long gapSince = gapSinceMs[index];
        if (NO_GAP != gapSince)
        {
            gapSinceMs[index] = NO_GAP;
        }
        return gapSince;
    }

    long gapSinceMs(final int index)
    {
        return gapSinceMs[index];
    }

    void openGap(final int index, final long sinceMs)
    {
        gapSinceMs[index] = sinceMs;
    }

    int intervalMs(final int index)
    {
        return index < intervalsMs.length ? intervalsMs[index] : 0;
    }

    void intervalMs(final int index, final int intervalMs)
    {
        ensure(index);
        intervalsMs[index] = intervalMs;
    }

    int splits(final int index)
    {
        return splits[index];
    }

    void splits(final int index, final int count)
    {
        splits[index] = count;
    }

    /**
     * Restores an element handed over from another shard.
     */
    void restore(final int index, final long lastSeen, final long gapSince)
    {
        lastSeenMs[index] = lastSeen;
        gapSinceMs[index] = gapSince;
    }

    /**
     * The hash of one owned element's own state, a term of the updater's additive hash.
     *
     * @param index dense index of an owned element.
     * @return the term.
     */
    long hashTerm(final int index)
    {
        long hash = StateHash.mix(StateHash.SEED, index);
        hash = StateHash.mix(hash, sites[index]);
        hash = StateHash.mix(hash, regions[index]);
        hash = StateHash.mix(hash, lastSeenMs[index]);
        return StateHash.mix(hash, gapSinceMs[index]);
    }
}
