/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One published state of one shard's cube: everything a query reads, consistent as of one point in the shard's
 * event stream. The closed buckets come from the maintainer's {@link ShardView}; buckets sealed since, and the
 * open buckets' mirrors, come from the writer.
 * <p>
 * States are pooled and reused. A reader pins one by raising {@link #pins} from a non-negative value; the
 * writer refreshes only a state it claimed by moving {@code pins} from 0 to -1, so it never changes a state a
 * reader holds and never waits for one: when every spare state is pinned it makes another.
 */
final class ShardState
{
    final int slot;
    final AtomicInteger pins = new AtomicInteger();

    long syncedEpoch = Long.MIN_VALUE;
    // A spare the writer has emptied (it held back reuse, see CubeUpdater#claimState): holds nothing to read until
    // the writer refreshes it again. Written only while the writer holds the state, so a pin sees it.
    boolean released;
    long watermarkMs = Long.MIN_VALUE;
    long maxEventTimeMs = Long.MIN_VALUE;
    long eventsApplied;
    long valuesApplied;
    long lateEvents;
    long contentHash;
    ShardView view = ShardView.EMPTY;
    // The minutes the writer holds, all element cells: coarser cuboids read them through their placements.
    Slice[] sealed = new Slice[0];
    Slice[] open = new Slice[0];
    long sealedVersion = -1;
    long openVersion = -1;
    Placements.View placements;
    Directory directory = Directory.EMPTY;
    MetricCatalog.Snapshot metrics;

    // Arrays for the two lists, by length, reused when this state is refreshed again: the writer refreshes only a
    // state no reader holds, and the lists are short (the open minutes, the maintainer's bounded backlog).
    private final ArraysByLength openArrays = new ArraysByLength();
    private final ArraysByLength sealedArrays = new ArraysByLength();

    ShardState(final int slot)
    {
        this.slot = slot;
    }

    /**
     * An array for the open minutes, for the writer to fill.
     *
     * @param length the minutes.
     * @return this state's array of that length.
     */
    Slice[] openArray(final int length)
    {
        return openArrays.of(length);
    }

    /**
     * An array for the sealed minutes, for the writer to fill.
     *
     * @param length the minutes.
     * @return this state's array of that length.
     */
    Slice[] sealedArray(final int length)
    {
        return sealedArrays.of(length);
    }

    /**
     * Tries to pin this state for reading.
     *
     * @return true when pinned; false when the writer holds it.
     */
    boolean tryPin()
    {
        final int current = pins.get();
        return current >= 0 && pins.compareAndSet(current, current + 1);
    }

    /**
     * Unpins after reading.
     */
    void unpin()
    {
        pins.decrementAndGet();
    }

    private static final class ArraysByLength
    {
        // Made up front for every length the lists usually reach (the open minutes and the maintainer's backlog are
        // bounded), so that a deeper backlog than any before does not make one on the event path.
        private static final int LENGTHS_MADE_AHEAD = 2 * CubeUpdater.MAX_BUCKETS_READY;

        private Slice[][] byLength = new Slice[LENGTHS_MADE_AHEAD + 1][];

        ArraysByLength()
        {
            for (int length = 0; length < byLength.length; length++)
            {
                byLength[length] = new Slice[length];
            }
        }

        Slice[] of(final int length)
        {
            if (length >= byLength.length)
            {
                byLength = Arrays.copyOf(byLength, length + 1);
            }
            Slice[] array = byLength[length];
            if (null == array)
            {
                array = new Slice[length];
                byLength[length] = array;
            }
            return array;
        }
    }
}
