/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import com.lmax.disruptor.RingBuffer;
import io.netpulse.codec.MessageType;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.engine.alert.AlertEvent;
import io.netpulse.engine.alert.AlertPublisher;
import io.netpulse.engine.anomaly.AnomalyConfig;
import io.netpulse.engine.anomaly.AnomalyDetector;
import io.netpulse.engine.anomaly.ScoreListener;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.stage.StageContext;
import io.netpulse.engine.status.SystemCounters;
import io.netpulse.engine.topology.Topology;
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
 * What the anomaly detector costs per KPI sample, on its own thread: elements of four metrics each, in sites of
 * 40 and regions of 1,280, reporting once a minute in a steady order; every series past its warm-up, so every
 * sample is scored (baseline, threshold, alarm checks, correlation updates and the score listener call). Values
 * are a daily cycle plus noise from a precomputed table, so the benchmark measures the detector, not a random
 * number generator.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsPrepend = {"-Xms2g", "-Xmx6g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AnomalyDetectorBenchmark
{
    private static final int SAMPLES_PER_INVOCATION = 1024;
    private static final int METRICS = 4;
    private static final int ELEMENTS_PER_SITE = 40;
    private static final int SITES_PER_REGION = 32;
    private static final int NOISE = 1 << 16;
    private static final long T0 = 1_767_571_200_000L;
    private static final long MINUTE_MS = 60_000;

    /** (element, metric) series. */
    @Param({"10000", "1000000"})
    int series;

    private final NetworkEvent event = new NetworkEvent();
    private final double[] noise = new double[NOISE];
    private AnomalyDetector detector;
    private Topology topology;
    private int elements;
    private int[] siteOf;
    private int[] regionOf;
    private long[] idOf;
    private int element;
    private int metric;
    private int noiseIndex;
    private long round;
    private long sequence;

    /**
     * Builds the topology and the detector, and takes every series past its warm-up.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        elements = series / METRICS;
        topology = new Topology();
        final int sites = (elements + ELEMENTS_PER_SITE - 1) / ELEMENTS_PER_SITE;
        final int regions = (sites + SITES_PER_REGION - 1) / SITES_PER_REGION;
        for (int r = 0; r < regions; r++)
        {
            topology.put(101 + r, 0, NodeLevel.REGION, "r" + r, "", "", 0);
        }
        for (int s = 0; s < sites; s++)
        {
            topology.put(100_001 + s, 101 + s / SITES_PER_REGION, NodeLevel.SITE, "s" + s, "", "", 0);
        }
        siteOf = new int[elements];
        regionOf = new int[elements];
        idOf = new long[elements];
        final int[] indexOf = new int[elements];
        for (int e = 0; e < elements; e++)
        {
            idOf[e] = 10_000_001L + e;
            final int site = e / ELEMENTS_PER_SITE;
            indexOf[e] = topology.put(idOf[e], 100_001 + site, NodeLevel.ELEMENT, "e" + e, "", "", 60_000);
            siteOf[e] = topology.site(indexOf[e]);
            regionOf[e] = topology.region(indexOf[e]);
        }
        elementIndex = indexOf;
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < NOISE; i++)
        {
            noise[i] = random.nextDouble() * 2 - 1 + random.nextDouble() * 2 - 1;
        }
        final RingBuffer<AlertEvent> alerts = RingBuffer.createMultiProducer(AlertEvent::new, 1024);
        detector = new AnomalyDetector(AnomalyConfig.DEFAULT, new StageContext(topology,
            new AlertPublisher(alerts, () -> true), new SystemCounters(), SystemNanoClock.INSTANCE, 0, 1),
            ScoreListener.NONE);
        event.type = MessageType.KPI_SAMPLE;
        event.routed = true;
        for (int i = 0; i < (AnomalyConfig.DEFAULT.warmupSamples() + 5) * series; i++)
        {
            next();
        }
    }

    private int[] elementIndex;

    private void next()
    {
        final int e = element;
        final int m = metric;
        event.eventTimeMs = T0 + round * MINUTE_MS + e;
        event.elementId = idOf[e];
        event.elementIndex = elementIndex[e];
        event.siteIndex = siteOf[e];
        event.regionIndex = regionOf[e];
        event.metricId = m;
        final double daily = Math.sin(round * (2 * Math.PI / 1440));
        event.value = 100 + 10 * m + 20 * daily + noise[noiseIndex++ & (NOISE - 1)];
        detector.onEvent(event, sequence++, false);
        if (++metric == METRICS)
        {
            metric = 0;
            if (++element == elements)
            {
                element = 0;
                round++;
            }
        }
    }

    /**
     * Scores a batch of samples.
     *
     * @return the samples the detector has seen, so the work is not dead.
     */
    @Benchmark
    @OperationsPerInvocation(SAMPLES_PER_INVOCATION)
    public long perSample()
    {
        for (int i = 0; i < SAMPLES_PER_INVOCATION; i++)
        {
            next();
        }
        return detector.samples();
    }
}
