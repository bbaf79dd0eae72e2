/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.alert;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.function.BooleanSupplier;

/**
 * How a stage raises alerts: {@link #claim()} a slot, fill it, {@link #commit()}. One instance per stage
 * thread. When the alert ring is full the stage waits for the alert processor (alerts are never dropped)
 * unless the engine is closing, when the alert is counted as lost instead of blocking the shutdown.
 */
public final class AlertPublisher
{
    private final RingBuffer<AlertEvent> ring;
    private final BooleanSupplier halted;
    private final IdleStrategy idleStrategy = new BackoffIdleStrategy();
    private final AlertEvent discard = new AlertEvent();
    private long claimed = -1;
    private long lost;

    /**
     * A publisher onto the alert ring.
     *
     * @param ring   the alert ring.
     * @param halted true once the alert processor has stopped.
     */
    public AlertPublisher(final RingBuffer<AlertEvent> ring, final BooleanSupplier halted)
    {
        this.ring = ring;
        this.halted = halted;
    }

    /**
     * Claims a slot, reset and ready to fill.
     *
     * @return the slot; fill it, then call {@link #commit()}.
     */
    public AlertEvent claim()
    {
        if (claimed >= 0)
        {
            throw new IllegalStateException("previous alert not committed");
        }

        while (true)
        {
            try
            {
                claimed = ring.tryNext();
                idleStrategy.reset();
                return ring.get(claimed).reset();
            }
            catch (final InsufficientCapacityException ex)
            {
                if (halted.getAsBoolean())
                {
                    lost++;
                    return discard.reset();
                }
                idleStrategy.idle();
            }
        }
    }

    /**
     * Publishes the claimed slot.
     */
    public void commit()
    {
        final long sequence = claimed;
        if (sequence >= 0)
        {
            claimed = -1;
            ring.publish(sequence);
        }
    }

    /**
     * Alerts lost because the alert processor had stopped.
     *
     * @return the count.
     */
    public long lost()
    {
        return lost;
    }
}
