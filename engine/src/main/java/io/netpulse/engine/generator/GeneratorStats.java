/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.generator;

import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a generator produced, so tests and the CLI can check the engine counted exactly that.
 */
public final class GeneratorStats
{
    private final long[] valid = new long[MessageType.values().length];
    private final long[] corrupted = new long[RejectReason.count()];
    private long delayed;
    private long firstEventTimeMs = Long.MAX_VALUE;
    private long lastEventTimeMs = Long.MIN_VALUE;

    void countValid(final MessageType type)
    {
        valid[type.ordinal()]++;
    }

    void countCorrupted(final RejectReason expected)
    {
        corrupted[expected.id()]++;
    }

    void countDelayed()
    {
        delayed++;
    }

    void countEventTime(final long timeMs)
    {
        if (timeMs < firstEventTimeMs)
        {
            firstEventTimeMs = timeMs;
        }
        if (timeMs > lastEventTimeMs)
        {
            lastEventTimeMs = timeMs;
        }
    }

    /**
     * Valid frames of a type.
     *
     * @param type message type.
     * @return the count.
     */
    public long valid(final MessageType type)
    {
        return valid[type.ordinal()];
    }

    /**
     * Valid data frames, every type together.
     *
     * @return the count.
     */
    public long validData()
    {
        long total = 0;
        for (final MessageType type : MessageType.values())
        {
            if (type.isData())
            {
                total += valid[type.ordinal()];
            }
        }
        return total;
    }

    /**
     * Corrupted frames expected to be refused for a reason.
     *
     * @param reason the reason the engine should give.
     * @return the count.
     */
    public long corrupted(final RejectReason reason)
    {
        return corrupted[reason.id()];
    }

    /**
     * Corrupted frames in all.
     *
     * @return the count.
     */
    public long corrupted()
    {
        long total = 0;
        for (final long count : corrupted)
        {
            total += count;
        }
        return total;
    }

    /**
     * Corrupted frames by the reason label the engine should report.
     *
     * @return reason label to count, reasons with none left out.
     */
    public Map<String, Long> corruptedByReason()
    {
        final Map<String, Long> map = new LinkedHashMap<>();
        for (int id = 0; id < corrupted.length; id++)
        {
            if (corrupted[id] > 0)
            {
                map.put(RejectReason.get(id).label(), corrupted[id]);
            }
        }
        return map;
    }

    /**
     * Valid frames emitted later than their place in the stream.
     *
     * @return the count.
     */
    public long delayed()
    {
        return delayed;
    }

    /**
     * Earliest data event time.
     *
     * @return epoch milliseconds.
     */
    public long firstEventTimeMs()
    {
        return firstEventTimeMs;
    }

    /**
     * Latest data event time.
     *
     * @return epoch milliseconds.
     */
    public long lastEventTimeMs()
    {
        return lastEventTimeMs;
    }
}
