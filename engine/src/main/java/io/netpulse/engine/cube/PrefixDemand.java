/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What queries have asked of hours not filed yet, per cuboid: counts that the maintainer compares from one of
 * its prefix steps to the next, to make only the hour prefixes someone reads ({@link CubeMaintainer#foldIntoHour}).
 * <p>
 * Two kinds of range read an unfiled hour from its start. One that reaches into the running hour ("the last 12
 * hours to now") reads the prefixes made every ten minutes. One over an hour that has ended in event time but
 * whose last minutes are still inside the lateness ("the last whole hour" just after the hour) reads the prefix
 * made as the hour ends, or the last step's while the maintainer lags. A dashboard of whole-hour element views so
 * costs the maintainer two element prefixes an hour, not seven. Queries write, the maintainer reads; a count is
 * all either side shares.
 */
final class PrefixDemand
{
    private static final int RUNNING = 0;
    private static final int ENDED = 1;

    private final AtomicLongArray counts = new AtomicLongArray(2 * Cuboid.count());

    /**
     * Notes a query over a running hour's start.
     *
     * @param cuboid the cuboid it reads.
     */
    void noteRunningHour(final Cuboid cuboid)
    {
        counts.incrementAndGet(2 * cuboid.ordinal() + RUNNING);
    }

    /**
     * Notes a query over an ended, unfiled hour's start.
     *
     * @param cuboid the cuboid it reads.
     */
    void noteEndedHour(final Cuboid cuboid)
    {
        counts.incrementAndGet(2 * cuboid.ordinal() + ENDED);
    }

    /**
     * Queries over a running hour's start so far.
     *
     * @param cuboid the cuboid's ordinal.
     * @return the count.
     */
    long runningHours(final int cuboid)
    {
        return counts.get(2 * cuboid + RUNNING);
    }

    /**
     * Queries over an ended, unfiled hour's start so far.
     *
     * @param cuboid the cuboid's ordinal.
     * @return the count.
     */
    long endedHours(final int cuboid)
    {
        return counts.get(2 * cuboid + ENDED);
    }
}
