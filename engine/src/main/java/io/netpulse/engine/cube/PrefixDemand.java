/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What queries have asked of each cuboid, as counts that the maintainer compares from one of its prefix steps to
 * the next, to make only the hour prefixes someone reads ({@link CubeMaintainer#foldIntoHour}).
 * <p>
 * A range that reaches into the running hour from its start ("the last 12 hours to now") reads the prefixes made
 * every ten minutes. Any query of a cuboid may soon ask for "the last whole hour" just after an hour ends, while
 * its last minutes are inside the lateness or behind the maintainer: it reads the prefix made as the hour ends, or
 * the last step's. A dashboard of whole-hour element views so costs the maintainer two element prefixes an hour,
 * not seven. Queries write, the maintainer reads; a count is all either side shares.
 */
final class PrefixDemand
{
    private static final int RUNNING = 0;
    private static final int ANY = 1;

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
     * Notes a query of a cuboid.
     *
     * @param cuboid the cuboid it reads.
     */
    void noteQuery(final Cuboid cuboid)
    {
        counts.incrementAndGet(2 * cuboid.ordinal() + ANY);
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
     * Queries of a cuboid so far.
     *
     * @param cuboid the cuboid's ordinal.
     * @return the count.
     */
    long queries(final int cuboid)
    {
        return counts.get(2 * cuboid + ANY);
    }
}
