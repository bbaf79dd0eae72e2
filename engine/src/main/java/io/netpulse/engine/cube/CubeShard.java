/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One shard's cube as the query side and the maintainer see it: the state its updater last published, and the
 * closed buckets the maintainer keeps (per cuboid: days, hours and minutes, each list in time order).
 * <p>
 * Writers: {@link #current} by the shard's updater; {@link #view} and the closed lists by the maintainer.
 */
final class CubeShard
{
    final int shard;
    volatile ShardState current;
    volatile ShardView view = ShardView.EMPTY;

    // Owned by the maintainer thread.
    final List<List<Slice>> minutes = new ArrayList<>();
    final List<List<Slice>> hours = new ArrayList<>();
    final List<List<Slice>> days = new ArrayList<>();
    long expiredValues;
    long viewVersion;
    final long[] builtHourMs = new long[Cuboid.count()];
    final long[] builtDayMs = new long[Cuboid.count()];
    final PeriodFold[] hoursInProgress = new PeriodFold[Cuboid.count()];
    final PeriodFold[] daysInProgress = new PeriodFold[Cuboid.count()];
    // The hour in progress as far as it is folded, published once the hour has ended in event time and until it
    // is filed, so that a query over the whole hour reads one slice and its last minutes, not sixty minutes.
    final Slice[] hourPrefixes = new Slice[Cuboid.count()];
    // Prefixes are made while queries read them (see CubeMaintainer.foldIntoHour): per kind, the demand count
    // at the last step that saw it change, and the event time until which prefixes are made because of it.
    final long[] runningDemandSeen = new long[Cuboid.count()];
    final long[] runningPrefixesUntilMs = new long[Cuboid.count()];
    final long[] queriesSeen = new long[Cuboid.count()];
    final long[] endPrefixesUntilMs = new long[Cuboid.count()];
    final ArrayDeque<BlockPool.Retired> retiredBlocks = new ArrayDeque<>();

    // Written by the shard's writer: the oldest view any of its pooled states holds (see BlockPool).
    volatile long oldestViewInUse;

    CubeShard(final int shard)
    {
        this.shard = shard;
        for (int c = 0; c < Cuboid.count(); c++)
        {
            minutes.add(new ArrayList<>());
            hours.add(new ArrayList<>());
            days.add(new ArrayList<>());
            hoursInProgress[c] = new PeriodFold(CubeConfig.HOUR_MS);
            daysInProgress[c] = new PeriodFold(CubeConfig.DAY_MS);
        }
        java.util.Arrays.fill(builtHourMs, Long.MIN_VALUE);
        java.util.Arrays.fill(builtDayMs, Long.MIN_VALUE);
        java.util.Arrays.fill(runningPrefixesUntilMs, Long.MIN_VALUE);
        java.util.Arrays.fill(endPrefixesUntilMs, Long.MIN_VALUE);
        final ShardState initial = new ShardState(-1);
        current = initial;
    }

    /**
     * Pins the newest state that can be pinned. Never blocks the writer: if it holds the state just read, the
     * next read finds the one it published.
     *
     * @return the pinned state; {@link ShardState#unpin()} it when done.
     */
    ShardState acquire()
    {
        while (true)
        {
            final ShardState state = current;
            if (state.tryPin())
            {
                if (!state.released)
                {
                    return state;
                }
                // read before the writer moved on and released it: the next read finds the current one
                state.unpin();
            }
            Thread.onSpinWait();
        }
    }
}
