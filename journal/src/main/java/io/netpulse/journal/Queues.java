/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.nio.file.Path;

/**
 * Opens every Chronicle queue netpulse keeps, so they all share one configuration.
 */
final class Queues
{
    private Queues()
    {
    }

    /**
     * Opens (creating if need be) a queue in a directory. Daily files: a file per day keeps a 24/7 run's
     * journal in manageable pieces for retention and copying, and the fast daily cycle indexes up to
     * 2^32 excerpts a day, far above the batched excerpt rate.
     *
     * @param directory of the queue.
     * @param readOnly  whether to open it for reading only.
     * @return the open queue.
     */
    static ChronicleQueue open(final Path directory, final boolean readOnly)
    {
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(RollCycles.FAST_DAILY)
            .readOnly(readOnly);
        return builder.build();
    }
}
