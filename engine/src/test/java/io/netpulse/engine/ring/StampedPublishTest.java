/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.ring;

import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.RejectReason;
import io.netpulse.engine.Engine;
import io.netpulse.engine.stage.Stage;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StampedPublishTest
{
    private static final long EVENT_TIME_MS = 1_767_571_200_000L;
    private static final long CLOCK_NS = 5_000_000;
    private static final long INTENDED_NS = 1_000_000;

    private final AtomicLong clock = new AtomicLong(CLOCK_NS);
    private final AtomicLong lastPublishNanos = new AtomicLong();
    private final EventFrameEncoder encoder = new EventFrameEncoder();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);

    private Engine engine()
    {
        return Engine.builder()
            .nanoClock(clock::get)
            .stage(context -> new Stage()
            {
                public String name()
                {
                    return "stamp-probe";
                }

                public void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
                {
                    lastPublishNanos.set(event.publishNanos);
                }
            })
            .build();
    }

    @Test
    void shouldStampTheGivenTimeAndMeasureLatencyFromIt()
    {
        try (Engine engine = engine())
        {
            final EventPublisher publisher = engine.newPublisher("paced");
            final int length = encoder.kpiSample(frame, 0, EVENT_TIME_MS, 1_000_001, 0, 1.5, 0);

            assertEquals(EventPublisher.PUBLISHED, publisher.publishStamped(frame, 0, length, INTENDED_NS));
            assertTrue(engine.awaitDrained(10_000));
            assertEquals(INTENDED_NS, lastPublishNanos.get());
            final Histogram latency = engine.latency().snapshot();
            assertEquals(1, latency.getTotalCount());
            assertTrue(latency.valuesAreEquivalent(CLOCK_NS - INTENDED_NS, latency.getMaxValue()),
                "latency from the intended time: " + latency.getMaxValue());

            assertEquals(EventPublisher.PUBLISHED, publisher.publish(frame, 0, length));
            assertTrue(engine.awaitDrained(10_000));
            assertEquals(CLOCK_NS, lastPublishNanos.get(), "an unstamped publish reads the clock again");
        }
    }

    @Test
    void shouldCarryTheStampToTheAlertAnEventRaises()
    {
        try (Engine engine = engine())
        {
            final EventPublisher publisher = engine.newPublisher("paced");
            final int length = encoder.kpiSample(frame, 0, EVENT_TIME_MS, 7_777_777, 0, 1.5, 0);

            assertEquals(EventPublisher.PUBLISHED, publisher.publishStamped(frame, 0, length, INTENDED_NS));
            assertTrue(engine.awaitDrained(10_000));
            final long deadlineNs = System.nanoTime() + 10_000_000_000L;
            Histogram alerts = engine.alertLatency().snapshot();
            while (alerts.getTotalCount() == 0 && System.nanoTime() < deadlineNs)
            {
                LockSupport.parkNanos(1_000_000);
                alerts = engine.alertLatency().snapshot();
            }
            assertEquals(1, alerts.getTotalCount(), "the unknown element's alert");
            assertTrue(alerts.valuesAreEquivalent(CLOCK_NS - INTENDED_NS, alerts.getMaxValue()),
                "alert latency from the intended time: " + alerts.getMaxValue());
        }
    }

    @Test
    void shouldRejectABadStampedFrameAndStampTheNextFromTheClock()
    {
        try (Engine engine = engine())
        {
            final EventPublisher publisher = engine.newPublisher("paced");
            final int length = encoder.kpiSample(frame, 0, EVENT_TIME_MS, 1_000_001, 0, 1.5, 0);
            frame.putByte(length - 1, (byte)(frame.getByte(length - 1) ^ 0x5A));

            assertEquals(EventPublisher.REJECTED, publisher.publishStamped(frame, 0, length, INTENDED_NS));
            assertEquals(RejectReason.BAD_CHECKSUM, publisher.lastRejectReason());

            final int good = encoder.kpiSample(frame, 0, EVENT_TIME_MS, 1_000_001, 0, 1.5, 0);
            assertEquals(EventPublisher.PUBLISHED, publisher.publish(frame, 0, good));
            assertTrue(engine.awaitDrained(10_000));
            assertEquals(CLOCK_NS, lastPublishNanos.get());
        }
    }
}
