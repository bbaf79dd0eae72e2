/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

import java.util.Locale;

/**
 * How a stage waits for the next event: a trade of latency against CPU. Chosen in configuration.
 */
public enum WaitStrategyKind
{
    /** Spin on the sequence: lowest latency, a core per stage thread; for pinned threads on spare cores. */
    BUSY_SPIN,

    /** Spin briefly, then yield: low latency that shares cores politely; the default. */
    YIELDING,

    /** Spin, yield, then park for short periods: low CPU when idle, latency of tens of microseconds. */
    SLEEPING,

    /** Park on a lock and condition: least CPU, highest latency. */
    BLOCKING;

    /**
     * A new Disruptor wait strategy of this kind.
     *
     * @return the strategy.
     */
    public WaitStrategy newWaitStrategy()
    {
        switch (this)
        {
            case BUSY_SPIN:
                return new BusySpinWaitStrategy();
            case SLEEPING:
                return new SleepingWaitStrategy();
            case BLOCKING:
                return new BlockingWaitStrategy();
            default:
                return new YieldingWaitStrategy();
        }
    }

    /**
     * Parses a name such as {@code busy-spin} or {@code yielding}.
     *
     * @param text the name.
     * @return the kind.
     * @throws IllegalArgumentException listing the accepted names.
     */
    public static WaitStrategyKind parse(final String text)
    {
        final String value = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (final WaitStrategyKind kind : values())
        {
            if (kind.name().equals(value))
            {
                return kind;
            }
        }
        throw new IllegalArgumentException(
            "unknown wait strategy '" + text + "': expected busy-spin, yielding, sleeping or blocking");
    }

    /**
     * The name as {@link #parse} reads it.
     *
     * @return e.g. {@code busy-spin}.
     */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
