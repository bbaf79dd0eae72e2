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

import java.util.concurrent.TimeUnit;

/**
 * What the anomaly detector costs per KPI sample, by how many series it scores. Elements of a real hierarchy
 * (regions of sites of elements) report their four metrics once a minute of event time, in the same order every
 * minute, with a daily cycle and deterministic noise, so the detector does all its work (baseline, scale,
 * threshold, drift sums, correlation pairs and site aggregates) and, after the warm-up run in set-up, alarms
 * rarely, as on a healthy network.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsPrepend = {"-Xms2g", "-Xmx6g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AnomalyDetectorBenchmark
{
    private static final int EVENTS_PER_INVOCATION = 1024;
    private static final int METRICS = 4;
    private static final int ELEMENTS_PER_SITE = 40;
    private static final int SITES_PER_REGION = 32;
    private static final long T0 = 1_767_571_200_000L;
    private static final long MINUTE_MS = 60_000;
    private static final int WARM_UP_ROUNDS = 30;

    @Param({"10000", "1000000"})
    int series;

    private final NetworkEvent event = new NetworkEvent();
    private AnomalyDetector detector;
    private int[] elementIndex;
    private int[] siteIndex;
    private int[] regionIndex;
    private long[] elementId;
    private double msPerSample;
    private long roundStartMs = T0;
    private int inRound;
    private long sequence;

    /**
     * Builds the topology and the detector, then runs enough rounds that every series is past its cold start.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        final int elements = series / METRICS;
        msPerSample = (double)MINUTE_MS / series;
        final Topology topology = new Topology();
        elementIndex = new int[elements];
        siteIndex = new int[elements];
        regionIndex = new int[elements];
        elementId = new long[elements];
        final int sites = (elements + ELEMENTS_PER_SITE - 1) / ELEMENTS_PER_SITE;
        for (int site = 0; site < sites; site++)
        {
            final long regionId = 100 + site / SITES_PER_REGION;
            if (site % SITES_PER_REGION == 0)
            {
                topology.put(regionId, 0, NodeLevel.REGION, "r" + regionId, "", "", 0);
            }
            topology.put(10_000 + site, regionId, NodeLevel.SITE, "s" + site, "", "", 0);
        }
        for (int e = 0; e < elements; e++)
        {
            final long id = 1_000_000L + e;
            topology.put(id, 10_000 + e / ELEMENTS_PER_SITE, NodeLevel.ELEMENT, "e" + e, "", "", (int)MINUTE_MS);
            final int index = topology.indexOf(id);
            elementId[e] = id;
            elementIndex[e] = index;
            siteIndex[e] = topology.site(index);
            regionIndex[e] = topology.region(index);
        }

        final RingBuffer<AlertEvent> alertRing = RingBuffer.createMultiProducer(AlertEvent::new, 1024);
        detector = new AnomalyDetector(AnomalyConfig.DEFAULT,
            new StageContext(topology, new AlertPublisher(alertRing, () -> true), new SystemCounters(),
                SystemNanoClock.INSTANCE, 0, 1), ScoreListener.NONE);
        event.type = MessageType.KPI_SAMPLE;
        event.routed = true;
        for (long i = 0; i < (long)series * WARM_UP_ROUNDS; i++)
        {
            next();
        }
    }

    private void next()
    {
        final int inRound = this.inRound;
        final int e = inRound >> 2;
        final NetworkEvent event = this.event;
        final long eventTimeMs = roundStartMs + (long)(inRound * msPerSample);
        event.eventTimeMs = eventTimeMs;
        event.elementIndex = elementIndex[e];
        event.elementId = elementId[e];
        event.siteIndex = siteIndex[e];
        event.regionIndex = regionIndex[e];
        final int metric = inRound & (METRICS - 1);
        event.metricId = metric;
        // a daily cycle around a per-element level, with noise of a few percent that does not repeat per minute
        final double cycle = Math.sin(2 * Math.PI * (eventTimeMs % 86_400_000L) / 86_400_000.0);
        final long mix = (eventTimeMs / MINUTE_MS) * 0x9E3779B97F4A7C15L + inRound * 0xC2B2AE3D27D4EB4FL;
        event.value = (50 + (e & 63) + 10 * metric) * (1 + 0.2 * cycle) + ((mix >>> 40) & 1023) / 256.0;
        detector.onEvent(event, sequence++, false);
        if (++this.inRound == series)
        {
            this.inRound = 0;
            roundStartMs += MINUTE_MS;
        }
    }

    /**
     * Scores 1024 KPI samples.
     *
     * @return the detector, so the work is not optimised away.
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_INVOCATION)
    public Object scoreSamples()
    {
        for (int i = 0; i < EVENTS_PER_INVOCATION; i++)
        {
            next();
        }
        return detector;
    }
}
