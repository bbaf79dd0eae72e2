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

import java.util.SplittableRandom;

/**
 * A window stage (default spec) and the KPI samples of a network whose every series reports once a minute of event
 * time, an element's four metrics together, in rounds of a minute: the window benchmarks' workload. Elements sit
 * 40 to a site and 32 sites to a region, with dense node indices as the topology gives them.
 */
final class WindowFeed
{
    static final int METRICS = 4;
    static final long T0 = 1_767_571_200_000L;
    static final long MINUTE_MS = 60_000;

    private static final int ELEMENTS_PER_SITE = 40;
    private static final int SITES_PER_REGION = 32;

    private final NetworkEvent event = new NetworkEvent();
    private final WindowUpdater updater;
    private final int series;
    private final int[] elementOrder;
    private final int[] siteOf;
    private final int[] regionOf;
    private final int firstElementIndex;
    private final double msPerSample;
    private long roundStartMs = T0;
    private int inRound;
    private long sequence;

    /**
     * A feed.
     *
     * @param series   series in the network (four per element).
     * @param shuffled whether elements report in a shuffled order (every sample a cache miss with many series)
     *                 rather than the order they were first seen (a collector's steady order).
     */
    WindowFeed(final int series, final boolean shuffled)
    {
        this.series = series;
        final int elements = series / METRICS;
        msPerSample = (double)MINUTE_MS / series;
        final int sites = (elements + ELEMENTS_PER_SITE - 1) / ELEMENTS_PER_SITE;
        final int regions = (sites + SITES_PER_REGION - 1) / SITES_PER_REGION;
        // dense node indices as the topology gives them: root, regions, sites, then elements
        firstElementIndex = 1 + regions + sites;
        siteOf = new int[elements];
        regionOf = new int[elements];
        elementOrder = new int[elements];
        for (int e = 0; e < elements; e++)
        {
            final int site = e / ELEMENTS_PER_SITE;
            siteOf[e] = 1 + regions + site;
            regionOf[e] = 1 + site / SITES_PER_REGION;
            elementOrder[e] = e;
        }
        final SplittableRandom random = new SplittableRandom(42);
        for (int e = elements - 1; shuffled && e > 0; e--)
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
    }

    /**
     * Applies the next sample, with the engine's watermark its event time less a lag.
     *
     * @param watermarkLagMs how far the watermark trails the sample's event time; or, when negative, the
     *                       watermark stays where the round started less a millisecond (nothing closes).
     */
    void next(final long watermarkLagMs)
    {
        final int inRound = this.inRound;
        final int element = elementOrder[inRound >> 2];
        final NetworkEvent event = this.event;
        final long eventTimeMs = roundStartMs + (long)(inRound * msPerSample);
        event.eventTimeMs = eventTimeMs;
        event.watermarkMs = watermarkLagMs >= 0 ? eventTimeMs - watermarkLagMs : roundStartMs - 1;
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
     * Applies a whole round: a sample of every series in the minute the round is at.
     *
     * @param watermarkLagMs as for {@link #next}.
     */
    void round(final long watermarkLagMs)
    {
        do
        {
            next(watermarkLagMs);
        }
        while (inRound != 0);
    }

    /**
     * Where the next round starts in event time.
     *
     * @return epoch milliseconds.
     */
    long roundStartMs()
    {
        return roundStartMs;
    }

    WindowUpdater updater()
    {
        return updater;
    }
}
