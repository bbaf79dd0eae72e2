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
 * <p>
 * The sweep is spread over the CDRs: each one moves a cursor over as many slots as the watermark's advance asks
 * for, so the whole table is passed once every half horizon, and expired ids are taken out of the clusters they
 * lie in. Sweeping the whole table at once held the router for milliseconds every five minutes of event time,
 * and every event behind it.
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
    // the sweep's next slot, and the watermark's advance not yet swept for, in slot-milliseconds
    private int sweepCursor;
    private long sweepOwed;
    private long[] keptIds = new long[64];
    private long[] keptSeenMs = new long[64];
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
            final long advanceMs = watermarkMs == Long.MIN_VALUE ? 0 : eventTimeMs - watermarkMs;
            watermarkMs = eventTimeMs;
            if (advanceMs > 0)
            {
                sweepFor(advanceMs);
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
        int slot = homeSlot(mask, id);
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

    /**
     * An id's home slot (index of the slot, not of the id), where its search starts.
     */
    private static int homeSlot(final int mask, final long id)
    {
        final long h = (id >>> 3) * 0x9E3779B97F4A7C15L;
        return (int)(((h ^ (h >>> 29)) & ~(RUN - 1L)) | (id & (RUN - 1))) & mask;
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
        rebuild(cutoffMs, mask + 1);
    }

    /**
     * Sweeps the share of the table that an advance of the watermark asks for: all of it per half horizon. A
     * jump of half a horizon or more rebuilds the table at once, which costs less than taking ids out one by one.
     */
    private void sweepFor(final long advanceMs)
    {
        final long halfHorizonMs = Math.max(1, horizonMs / 2);
        if (advanceMs >= halfHorizonMs)
        {
            sweepOwed = 0;
            sweep(watermarkMs - horizonMs);
            return;
        }
        sweepOwed += advanceMs * (mask + 1);
        final long slots = sweepOwed / halfHorizonMs;
        sweepOwed -= slots * halfHorizonMs;
        final long cutoffMs = watermarkMs - horizonMs;
        final long[] entries = this.entries;
        final int mask = this.mask;
        int cursor = sweepCursor;
        long left = slots;
        while (left > 0)
        {
            if (entries[cursor * 2 + 1] == MISSING)
            {
                cursor = (cursor + 1) & mask;
                left--;
                continue;
            }
            // a cluster (ids between two empty slots): an insert may have joined the cursor's slot to the one
            // before it, so start from the cluster's first slot
            int first = cursor;
            while (entries[((first - 1) & mask) * 2 + 1] != MISSING)
            {
                first = (first - 1) & mask;
            }
            final int end = sweepCluster(first, cutoffMs);
            left -= (end - cursor) & mask;
            cursor = end;
        }
        sweepCursor = cursor;
    }

    /**
     * Takes the expired ids out of one cluster: when it holds any, its live ids are put back from their home
     * slots into the emptied cluster (each home slot lies in the cluster, after the empty slot before it), so
     * every live id is still found along its probe path, with no tombstones. One pass over the cluster and, only
     * when something expired, one more: taking ids out one at a time would shift the rest of the cluster back
     * each time.
     *
     * @return the empty slot after the cluster.
     */
    private int sweepCluster(final int first, final long cutoffMs)
    {
        final long[] entries = this.entries;
        final int mask = this.mask;
        int end = first;
        int live = 0;
        int length = 0;
        long seenMs;
        while ((seenMs = entries[end * 2 + 1]) != MISSING)
        {
            live += seenMs >= cutoffMs ? 1 : 0;
            length++;
            end = (end + 1) & mask;
        }
        if (live == length)
        {
            return end;
        }
        if (keptIds.length < live)
        {
            keptIds = new long[Math.max(live, keptIds.length * 2)];
            keptSeenMs = new long[keptIds.length];
        }
        int kept = 0;
        for (int slot = first; slot != end; slot = (slot + 1) & mask)
        {
            final int at = slot * 2;
            if (entries[at + 1] >= cutoffMs)
            {
                keptIds[kept] = entries[at];
                keptSeenMs[kept++] = entries[at + 1];
            }
            entries[at] = 0;
            entries[at + 1] = MISSING;
        }
        for (int i = 0; i < kept; i++)
        {
            final int at = slotOf(entries, mask, keptIds[i]);
            entries[at] = keptIds[i];
            entries[at + 1] = keptSeenMs[i];
        }
        size -= length - live;
        return end;
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
