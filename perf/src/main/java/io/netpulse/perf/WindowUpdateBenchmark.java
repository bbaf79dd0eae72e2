/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import com.lmax.disruptor.RingBuffer;
import io.netpulse.codec.MessageType;
import io.netpulse.engine.alert.AlertEvent;
import io.netpulse.engine.alert.AlertPublisher;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.stage.StageContext;
import io.netpulse.engine.status.SystemCounters;
import io.netpulse.engine.window.WindowConfig;
import io.netpulse.engine.window.WindowGroup;
import io.netpulse.engine.window.WindowUpdater;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What the window stage costs per KPI sample, by how many series it keeps (default spec: one-minute buckets for an
 * hour, fifteen-minute buckets for a day; 6,280 bytes a series). Every series reports once a minute of event time,
 * an element's four metrics together, as a collector sends them. In the steady order elements report in the same
 * order every minute (series sit in memory in that order); shuffled, consecutive samples hit unrelated series, so
 * with many series nearly every sample misses the caches. The cost includes the watermark-driven closes and
 * roll-ups into sites and regions, amortised over the samples.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// a million series of the default spec take 6.3 GB: this benchmark alone needs a large heap
@Fork(value = 1, jvmArgsPrepend = {"-Xms2g", "-Xmx10g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class WindowUpdateBenchmark
{
    private static final int EVENTS_PER_INVOCATION = 1024;
    private static final int METRICS = 4;
    private static final int ELEMENTS_PER_SITE = 40;
    private static final int SITES_PER_REGION = 32;
    private static final long T0 = 1_767_571_200_000L;
    private static final long MINUTE_MS = 60_000;

    @Param({"10000", "100000", "1000000"})
    int series;

    /** Elements in the order they were first seen (a collector's steady order) or shuffled (every sample a miss). */
    @Param({"steady", "shuffled"})
    String order;

    private final NetworkEvent event = new NetworkEvent();
    private WindowUpdater updater;
    private int[] elementOrder;
    private int[] siteOf;
    private int[] regionOf;
    private int elements;
    private int firstElementIndex;
    private double msPerSample;
    private long roundStartMs = T0;
    private int inRound;
    private long sequence;

    /**
     * Builds the window stage and an order of elements, then runs one full minute so every series exists.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        elements = series / METRICS;
        msPerSample = (double)MINUTE_MS / series;
        final int sites = (elements + ELEMENTS_PER_SITE - 1) / ELEMENTS_PER_SITE;
        final int regions = (sites + SITES_PER_REGION - 1) / SITES_PER_REGION;
        // dense node indices as the topology gives them: root, regions, sites, then elements
        firstElementIndex = 1 + regions + sites;
        siteOf = new int[elements];
        regionOf = new int[elements];
        for (int e = 0; e < elements; e++)
        {
            final int site = e / ELEMENTS_PER_SITE;
            siteOf[e] = 1 + regions + site;
            regionOf[e] = 1 + site / SITES_PER_REGION;
        }
        elementOrder = new int[elements];
        for (int e = 0; e < elements; e++)
        {
            elementOrder[e] = e;
        }
        final SplittableRandom random = new SplittableRandom(42);
        for (int e = elements - 1; "shuffled".equals(order) && e > 0; e--)
        {
            final int other = random.nextInt(e + 1);
            final int swap = elementOrder[e];
            elementOrder[e] = elementOrder[other];
            elementOrder[other] = swap;
        }

        final RingBuffer<AlertEvent> alertRing = RingBuffer.createMultiProducer(AlertEvent::new, 1024);
        final WindowGroup group = new WindowGroup(WindowConfig.DEFAULT, 1);
        updater = group.newInstance(new StageContext(null, new AlertPublisher(alertRing, () -> true),
            new SystemCounters(), SystemNanoClock.INSTANCE, 0, 1));
        event.type = MessageType.KPI_SAMPLE;
        event.routed = true;
        for (long i = 0; i < series; i++)
        {
            next();
        }
    }

    private void next()
    {
        final int inRound = this.inRound;
        final int element = elementOrder[inRound >> 2];
        final NetworkEvent event = this.event;
        final long eventTimeMs = roundStartMs + (long)(inRound * msPerSample);
        event.eventTimeMs = eventTimeMs;
        event.watermarkMs = eventTimeMs - 30_000;
        event.elementIndex = firstElementIndex + element;
        event.elementId = 1_000_000L + element;
        event.siteIndex = siteOf[element];
        event.regionIndex = regionOf[element];
        event.metricId = inRound & (METRICS - 1);
        event.value = 10.0 + (inRound & 15);
        updater.onEvent(event, sequence, (++sequence & 1023) == 0);
        if (++this.inRound == series)
        {
            this.inRound = 0;
            roundStartMs += MINUTE_MS;
        }
    }

    /**
     * Applies 1024 KPI samples.
     *
     * @return the samples applied so far, so the work is not optimised away.
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_INVOCATION)
    public long applySamples()
    {
        for (int i = 0; i < EVENTS_PER_INVOCATION; i++)
        {
            next();
        }
        return updater.samples();
    }
}
