/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Hands element state from one shard's window updater to another's when a topology change moves elements to a
 * region on another shard. Both see the change at the same ring sequence: the old owner exports (always, even
 * nothing) and the new owner waits for that export before it goes on, so it never applies an event for an element
 * whose history has not arrived. Waits only ever go to the export of the same sequence by a shard that never
 * waits for the waiter at that sequence, so there is no deadlock.
 * <p>
 * One queue per (from, to) pair; exports arrive in ring order.
 */
final class ShardExchange
{
    private final int shards;
    private final List<ConcurrentLinkedQueue<Export>> queues = new ArrayList<>();
    private volatile boolean closed;

    ShardExchange(final int shards)
    {
        this.shards = shards;
        for (int i = 0; i < shards * shards; i++)
        {
            queues.add(new ConcurrentLinkedQueue<>());
        }
    }

    void publish(final int from, final int to, final long sequence, final List<ElementTransfer> transfers)
    {
        queues.get(from * shards + to).add(new Export(sequence, transfers));
    }

    /**
     * Waits for the export of a sequence.
     *
     * @return the transfers, or an empty list if the engine is closing and the export will never come.
     */
    List<ElementTransfer> take(final int from, final int to, final long sequence)
    {
        final ConcurrentLinkedQueue<Export> queue = queues.get(from * shards + to);
        while (true)
        {
            final Export export = queue.peek();
            if (null != export)
            {
                queue.poll();
                if (export.sequence == sequence)
                {
                    return export.transfers;
                }
                if (export.sequence > sequence)
                {
                    throw new IllegalStateException("shard hand-off out of order: expected sequence " + sequence +
                        ", found " + export.sequence);
                }
                continue;
            }
            if (closed)
            {
                return List.of();
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    void close()
    {
        closed = true;
    }

    private record Export(long sequence, List<ElementTransfer> transfers)
    {
    }
}
