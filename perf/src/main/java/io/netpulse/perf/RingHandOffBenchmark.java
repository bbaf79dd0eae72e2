/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.EventValidator;
import io.netpulse.engine.WaitStrategyKind;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.ring.RejectListener;
import io.netpulse.engine.status.SystemCounters;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The hand-off from the edge to a stage thread: a publisher streaming checked frames into the event ring in
 * batches (validate, claim, fill slots, publish) and one consumer thread taking them off; time per event, which
 * is whichever side is slower once the ring is full.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RingHandOffBenchmark
{
    /** Frames per publish call. */
    public static final int FRAMES = 1024;

    /** How the consumer waits. */
    @Param({"yielding", "busy-spin"})
    public String waitStrategy;

    private final UnsafeBuffer chunk = new UnsafeBuffer(new byte[FRAMES * 64]);
    private int chunkLength;
    private Disruptor<NetworkEvent> disruptor;
    private EventPublisher publisher;
    private final ConsumedCounter consumer = new ConsumedCounter();

    /**
     * Starts the ring and its consumer, and encodes a chunk of KPI frames.
     */
    @Setup
    public void setUp()
    {
        final EventFrameEncoder encoder = new EventFrameEncoder();
        int position = 0;
        for (int i = 0; i < FRAMES; i++)
        {
            position += encoder.kpiSample(chunk, position, 1_767_571_200_000L + i, 1_000_001 + i, i & 3, i, 0);
        }
        chunkLength = position;

        disruptor = new Disruptor<>(NetworkEvent::new, 64 * 1024, DaemonThreadFactory.INSTANCE, ProducerType.SINGLE,
            WaitStrategyKind.parse(waitStrategy).newWaitStrategy());
        disruptor.handleEventsWith(consumer);
        disruptor.start();
        publisher = new EventPublisher(disruptor.getRingBuffer(), 1, "bench", new SystemCounters(),
            RejectListener.NONE, () -> false, SystemNanoClock.INSTANCE, new EventValidator());
    }

    /**
     * Stops the consumer.
     */
    @TearDown
    public void tearDown()
    {
        disruptor.halt();
    }

    /**
     * Publishes a chunk of {@value #FRAMES} frames.
     *
     * @return bytes consumed.
     */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public int publishChunk()
    {
        return publisher.publishStream(chunk, 0, chunkLength, true);
    }

    /**
     * Reads what a stage would read first from each slot.
     */
    static final class ConsumedCounter implements EventHandler<NetworkEvent>
    {
        long elementSum;

        public void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
        {
            elementSum += event.elementId;
        }
    }
}
