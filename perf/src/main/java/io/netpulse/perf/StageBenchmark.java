/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import com.lmax.disruptor.RingBuffer;
import io.netpulse.codec.EventValidator;
import io.netpulse.codec.FrameDecoder;
import io.netpulse.engine.alert.AlertEvent;
import io.netpulse.engine.alert.AlertPublisher;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.engine.ring.EventDecoding;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.stage.Stage;
import io.netpulse.engine.stage.StageContext;
import io.netpulse.engine.status.SystemCounters;
import io.netpulse.engine.topology.Topology;
import io.netpulse.engine.topology.TopologyRouter;
import io.netpulse.engine.window.Watermarks;
import io.netpulse.perf.bench.Corpus;
import org.agrona.concurrent.SystemNanoClock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one stage costs per event, on the thread that runs it, with nothing else in the way: the generator's
 * events are decoded into ring slots once, the topology is loaded through a real router, every data event is
 * routed once (so the routing fields are filled, as the router leaves them for the stages after it), and then
 * the benchmark hands the slots to the stage under test in order, a batch of {@value #BATCH} per invocation,
 * {@code endOfBatch} set on the last.
 * <p>
 * Adding a stage is one small class: extend this one and implement {@link #createStage}. A stage that reads the
 * output of another stage (not just the router's fields) overrides {@link #upstreamStages}; those run over every
 * event once during set-up, after the router. When the slots run out the benchmark starts again from the first,
 * with every event time (and the router's watermark fields) moved forward by the corpus's span, so event-time
 * stages keep seeing time advance.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class StageBenchmark
{
    /** Events handed to the stage per benchmark invocation. */
    public static final int BATCH = 1024;

    /** Data events decoded into slots. */
    public static final int SLOTS = 1 << 18;

    /** Network elements the generator builds. */
    @Param({"10000", "1000000"})
    public int elements;

    private NetworkEvent[] events;
    private Stage stage;
    private long spanMs;
    private int cursor;
    private long sequence;
    // 0 in the first lap; the span once the events come round again, each moved on by it as it is handed over
    private long shiftMs;

    /**
     * Builds the stage under test.
     *
     * @param context what the engine would give it: the router's topology, an alert publisher onto a ring with
     *                no consumer (alerts cost their claim, fill and publish), counters and the clock.
     * @param router  the router that loaded the topology and routed the events.
     * @return the stage.
     */
    protected abstract Stage createStage(StageContext context, TopologyRouter router);

    /**
     * Stages between the router and the stage under test whose output it reads; run once over every event
     * during set-up.
     *
     * @param context as for {@link #createStage}.
     * @return the stages, in path order; none by default.
     */
    protected List<Stage> upstreamStages(final StageContext context)
    {
        return List.of();
    }

    /**
     * Generates the events, loads the topology, routes every event and builds the stage.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        final Corpus corpus = Corpus.generate(GeneratorConfig.defaults(elements, SLOTS, 42), 0);
        final RingBuffer<AlertEvent> alertRing = RingBuffer.createMultiProducer(AlertEvent::new, 1024);
        final SystemCounters counters = new SystemCounters();
        final Topology topology = new Topology();
        final TopologyRouter router = new TopologyRouter(
            topology, new AlertPublisher(alertRing, () -> true), counters, false,
            TopologyRouter.DEFAULT_UNKNOWN_ALERT_INTERVAL_MS, TopologyRouter.DEFAULT_UNKNOWN_ALERTS_PER_MINUTE);
        final StageContext context = new StageContext(
            topology, new AlertPublisher(alertRing, () -> true), counters, SystemNanoClock.INSTANCE, 0, 1);

        final FrameDecoder decoder = new FrameDecoder();
        final EventValidator validator = new EventValidator();
        final EventDecoding decoding = new EventDecoding();
        final NetworkEvent scratch = new NetworkEvent();
        final List<NetworkEvent> data = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < corpus.frames(); i++)
        {
            final int offset = corpus.frameOffset(i);
            final int length = corpus.frameLength(i);
            // What the publisher refuses never reaches a stage: corrupt frames, and frames with bad fields (the
            // generator's out-of-range timestamps, 1 ms after the epoch, would otherwise make the replay span
            // decades and every lap a jump across every ring).
            if (decoder.decode(corpus.buffer(), offset, length) != FrameDecoder.FRAME ||
                null != validator.validate(corpus.buffer(), offset, decoder))
            {
                continue;
            }
            final boolean isData = decoder.messageType().isData();
            final NetworkEvent event = isData ? new NetworkEvent() : scratch;
            decoding.fill(event, corpus.buffer(), offset, length, decoder.messageType(), decoder.actingBlockLength(),
                decoder.actingVersion());
            router.onEvent(event, i, false);
            if (isData)
            {
                data.add(event);
                first = Math.min(first, event.eventTimeMs);
                last = Math.max(last, event.eventTimeMs);
            }
        }
        events = data.toArray(new NetworkEvent[0]);
        spanMs = last - first + GeneratorConfig.defaults(elements, 0, 0).kpiIntervalMs();

        for (final Stage upstream : upstreamStages(context))
        {
            for (int i = 0; i < events.length; i++)
            {
                upstream.onEvent(events[i], i, i == events.length - 1);
            }
        }
        stage = createStage(context, router);
        stage.onStart();
    }

    /**
     * Lets the stage finish.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        stage.onShutdown();
    }

    /**
     * Hands the stage the next batch of events.
     *
     * @return the next sequence, so the work is not optimised away.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long perEvent()
    {
        final NetworkEvent[] events = this.events;
        final Stage stage = this.stage;
        int cursor = this.cursor;
        long sequence = this.sequence;
        long shiftMs = this.shiftMs;
        for (int i = 0; i < BATCH; i++)
        {
            if (cursor == events.length)
            {
                cursor = 0;
                shiftMs = spanMs;
            }
            final NetworkEvent event = events[cursor++];
            if (0 != shiftMs)
            {
                moveOn(event, shiftMs);
            }
            stage.onEvent(event, sequence++, i == BATCH - 1);
        }
        this.cursor = cursor;
        this.sequence = sequence;
        this.shiftMs = shiftMs;
        return sequence;
    }

    /**
     * The event time a slot's event has now (for the suite's test).
     *
     * @param slot the slot.
     * @return its event time.
     */
    long eventTimeMs(final int slot)
    {
        return events[slot].eventTimeMs;
    }

    /**
     * How far each lap moves the event times on (for the suite's test).
     *
     * @return the corpus's span.
     */
    long spanMs()
    {
        return spanMs;
    }

    /**
     * Moves an event on by a lap's span as it is handed to the stage, rather than every event in a pass of its own
     * when a lap ends: that pass missed the caches on each of the events and took about a seventh of the time
     * measured.
     */
    private static void moveOn(final NetworkEvent event, final long spanMs)
    {
        // The router's watermark fields move with the events: stages that seal buckets on them (the cube) would
        // otherwise never seal another and keep every later minute open.
        event.eventTimeMs += spanMs;
        if (event.watermarkMs != Watermarks.NO_WATERMARK)
        {
            event.watermarkMs += spanMs;
        }
        if (event.frontierMs != Watermarks.NO_WATERMARK)
        {
            event.frontierMs += spanMs;
        }
    }
}
