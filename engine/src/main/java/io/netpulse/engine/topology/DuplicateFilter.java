/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.topology;

import io.netpulse.codec.RejectReason;
import io.netpulse.engine.stage.StateHash;
import io.netpulse.engine.status.SystemCounters;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Recognises a call detail record sent again: a CDR whose id was already seen, with an event time within the
 * horizon of the first one's, is a duplicate, counted (reason {@code duplicate}, in total and per source) and
 * not applied, so a feed that re-sends what it was not sure was received (after a reconnect, say) does not
 * count calls twice.
 * <p>
 * It runs in the router, the first analytics stage, on ring order: the journal keeps every CDR as it arrived,
 * duplicates included, and a replay meets them in the same order and decides the same way, so the state after
 * a replay is the state of the run. Ids are kept from the watermark (the highest event time seen) back to the
 * horizon; older ones are swept out as the watermark advances, and a CDR older than that is taken as new,
 * having nothing left to be compared with. The number of ids kept is bounded: past the bound, the sweep
 * shortens the horizon until the ids fit, and counts each time it had to. Single writer: the router's thread.
 */
public final class DuplicateFilter
{
    /** Default horizon: ten minutes of event time. */
    public static final long DEFAULT_HORIZON_MS = 10 * 60_000L;

    /** Default bound on ids kept. */
    public static final int DEFAULT_MAX_IDS = 1 << 20;

    /** Sources counted one by one; sources with higher ids share the last slot. */
    public static final int TRACKED_SOURCES = 1024;

    private static final long MISSING = Long.MIN_VALUE;

    private final long horizonMs;
    private final int maxIds;
    private final SystemCounters counters;
    private static final int MIN_CAPACITY = 1024;
    private static final int RUN = 8;

    // Open addressing, (id, first seen) side by side, MISSING for an empty slot. Ids are placed by a hash of
    // id / 8 with the low three bits kept, so the consecutive ids a switch hands out fill neighbouring slots:
    // one cache miss per eight CDRs instead of one per CDR. A sweep rebuilds into the spare table.
    private long[] entries = emptyTable(MIN_CAPACITY);
    private long[] spare;
    private int mask = MIN_CAPACITY - 1;
    private int size;
    private final AtomicLongArray bySource = new AtomicLongArray(TRACKED_SOURCES);
    private long watermarkMs = Long.MIN_VALUE;
    private long sweptAtMs = Long.MIN_VALUE;
    private long duplicates;
    private long horizonShortened;

    /**
     * A filter.
     *
     * @param horizonMs how far apart in event time a CDR and its re-sent copy may be; positive.
     * @param maxIds    most ids kept.
     * @param counters  engine counters, for the rejection totals.
     */
    public DuplicateFilter(final long horizonMs, final int maxIds, final SystemCounters counters)
    {
        if (horizonMs <= 0 || maxIds < 16)
        {
            throw new IllegalArgumentException("horizonMs must be positive and maxIds at least 16");
        }
        this.horizonMs = horizonMs;
        this.maxIds = maxIds;
        this.counters = counters;
    }

    /**
     * Checks a CDR, remembering its id when it is new.
     *
     * @param cdrId       the record's id.
     * @param eventTimeMs its event time.
     * @param sourceId    the source it came from.
     * @return true for a duplicate, which has been counted.
     */
    public boolean isDuplicate(final long cdrId, final long eventTimeMs, final int sourceId)
    {
        final long seenMs = entries[slotOf(entries, mask, cdrId) + 1];
        if (seenMs != MISSING && Math.abs(eventTimeMs - seenMs) <= horizonMs)
        {
            duplicates++;
            final int slot = Math.min(Math.max(sourceId, 0), TRACKED_SOURCES - 1);
            bySource.setRelease(slot, bySource.getPlain(slot) + 1);
            counters.reject(RejectReason.DUPLICATE);
            return true;
        }

        if (eventTimeMs > watermarkMs)
        {
            watermarkMs = eventTimeMs;
            if (sweptAtMs == Long.MIN_VALUE)
            {
                sweptAtMs = eventTimeMs;
            }
            else if (eventTimeMs - sweptAtMs >= horizonMs / 2)
            {
                sweep(watermarkMs - horizonMs);
            }
        }
        if (eventTimeMs >= watermarkMs - horizonMs)
        {
            put(cdrId, eventTimeMs);
            if (size > maxIds)
            {
                shorten();
            }
        }
        return false;
    }

    private static long[] emptyTable(final int capacity)
    {
        final long[] table = new long[capacity * 2];
        Arrays.fill(table, MISSING);
        return table;
    }

    /**
     * The slot (index of the id) holding an id, or the empty slot where it would go.
     */
    private static int slotOf(final long[] table, final int mask, final long id)
    {
        final long h = (id >>> 3) * 0x9E3779B97F4A7C15L;
        int slot = (int)(((h ^ (h >>> 29)) & ~(RUN - 1L)) | (id & (RUN - 1))) & mask;
        while (true)
        {
            final int at = slot * 2;
            if (table[at + 1] == MISSING || table[at] == id)
            {
                return at;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void put(final long id, final long seenMs)
    {
        final int at = slotOf(entries, mask, id);
        if (entries[at + 1] == MISSING)
        {
            if ((size + 1) * 2 > mask + 1)
            {
                rebuild(Long.MIN_VALUE, (mask + 1) * 2);
                put(id, seenMs);
                return;
            }
            size++;
            entries[at] = id;
        }
        entries[at + 1] = seenMs;
    }

    /**
     * Moves the ids first seen at or after a time into the spare table (of the given capacity) and swaps it in.
     */
    private void rebuild(final long cutoffMs, final int capacity)
    {
        long[] next = spare;
        if (null == next || next.length != capacity * 2)
        {
            next = emptyTable(capacity);
        }
        else
        {
            Arrays.fill(next, MISSING);
        }
        final long[] from = entries;
        final int nextMask = capacity - 1;
        int kept = 0;
        for (int at = 0; at < from.length; at += 2)
        {
            final long seenMs = from[at + 1];
            if (seenMs != MISSING && seenMs >= cutoffMs)
            {
                final int to = slotOf(next, nextMask, from[at]);
                next[to] = from[at];
                next[to + 1] = seenMs;
                kept++;
            }
        }
        spare = from.length == next.length ? from : null;
        entries = next;
        mask = nextMask;
        size = kept;
    }

    private void sweep(final long cutoffMs)
    {
        sweptAtMs = watermarkMs;
        rebuild(cutoffMs, mask + 1);
    }

    /**
     * Too many ids within the horizon: drop the older half of the window until they fit.
     */
    private void shorten()
    {
        long keepMs = horizonMs;
        while (size > maxIds / 2 && keepMs > 0)
        {
            keepMs /= 2;
            sweep(watermarkMs - keepMs);
        }
        if (size > maxIds / 2)
        {
            rebuild(Long.MAX_VALUE, mask + 1);
        }
        horizonShortened++;
    }

    /**
     * Duplicates found.
     *
     * @return the count.
     */
    public long duplicates()
    {
        return duplicates;
    }

    /**
     * Duplicates found from one source, readable from any thread.
     *
     * @param sourceId the source.
     * @return the count (sources beyond {@link #TRACKED_SOURCES} share one count).
     */
    public long duplicates(final int sourceId)
    {
        return bySource.get(Math.min(Math.max(sourceId, 0), TRACKED_SOURCES - 1));
    }

    /**
     * Times the id bound forced a shorter horizon.
     *
     * @return the count.
     */
    public long horizonShortened()
    {
        return horizonShortened;
    }

    /**
     * Ids kept now.
     *
     * @return the count.
     */
    public int size()
    {
        return size;
    }

    /**
     * The horizon.
     *
     * @return milliseconds of event time.
     */
    public long horizonMs()
    {
        return horizonMs;
    }

    /**
     * Mixes what the filter decided into a state hash; nothing when it found no duplicate, so runs without
     * duplicates hash as they did before it existed.
     *
     * @param hash so far.
     * @return the hash.
     */
    public long mixInto(final long hash)
    {
        return duplicates == 0 ? hash : StateHash.mix(hash, duplicates);
    }
}
