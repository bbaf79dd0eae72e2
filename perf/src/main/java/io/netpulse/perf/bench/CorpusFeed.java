/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import io.netpulse.engine.ring.EventPublisher;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Streams a span of a corpus into a publisher in chunks, as a feed handler hands over socket reads, calling
 * back at chosen byte positions so a meter can start and stop without disturbing the loop.
 */
final class CorpusFeed
{
    /**
     * Called when the feed passes a marked position.
     */
    @FunctionalInterface
    interface Mark
    {
        /**
         * The feed has handed over everything before the marked position.
         *
         * @param index of the mark.
         */
        void reached(int index);
    }

    private CorpusFeed()
    {
    }

    /**
     * Publishes bytes {@code [from, to)} of a corpus.
     *
     * @param publisher  to publish through.
     * @param corpus     the corpus.
     * @param from       first byte, at a frame boundary.
     * @param to         end, at a frame boundary.
     * @param chunkBytes most bytes per call.
     * @param marks      ascending byte positions to call back at; may be empty.
     * @param mark       called once per position, when passed.
     * @return false if the engine closed before everything was published.
     */
    static boolean publish(
        final EventPublisher publisher,
        final Corpus corpus,
        final int from,
        final int to,
        final int chunkBytes,
        final int[] marks,
        final Mark mark)
    {
        final UnsafeBuffer buffer = corpus.buffer();
        int position = from;
        int nextMark = 0;
        while (position < to)
        {
            while (nextMark < marks.length && position >= marks[nextMark])
            {
                mark.reached(nextMark++);
            }
            final int length = Math.min(chunkBytes, to - position);
            final boolean end = position + length == to;
            final int consumed = publisher.publishStream(buffer, position, length, end);
            if (consumed == EventPublisher.CLOSED)
            {
                return false;
            }
            position += consumed;
        }
        while (nextMark < marks.length)
        {
            mark.reached(nextMark++);
        }
        return true;
    }
}
