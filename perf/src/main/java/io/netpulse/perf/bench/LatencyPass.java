/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import io.netpulse.engine.Engine;
import io.netpulse.engine.ThreadMode;
import io.netpulse.engine.cube.CubeConfig;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.engine.stage.StageFactory;
import io.netpulse.engine.stage.StageStalls;
import io.netpulse.engine.status.SystemCounter;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One latency pass at a fixed offered rate: a fresh engine (journal on, every stage), the configuration prefix
 * published and drained, then the corpus's frames sent one by one on a fixed schedule, each stamped with its
 * intended send time rather than the time it was actually handed over. Latency is therefore measured from when
 * each event should have been sent: a stall anywhere (the engine, the publisher, the OS) is charged to every
 * event it delayed, which corrects for coordinated omission.
 * <p>
 * What is recorded is the steady state: the corpus's frames before the recorded span are sent first at full
 * speed and not recorded, so that every element's series, windows and cube cells exist (a fresh engine
 * allocating them for 10,000 elements would otherwise set off collections inside the span and measure start-up,
 * not service), then a short paced run, then a collection, then the recorded span.
 *
 * @param mode                   thread mode.
 * @param offeredEventsPerSecond the schedule's rate, frames per second.
 * @param sentFrames             frames sent in the recorded span.
 * @param elapsedNs              the recorded span, from its first intended send to drained.
 * @param lastStage              publish to the last analytics stage, in the recorded span.
 * @param alert                  publish of the causing event to the alert's delivery, in the recorded span.
 * @param maxSendLagNs           most a send fell behind its schedule.
 * @param gcCollections          collections during the recorded span.
 * @param gcPauseMs              their reported time.
 * @param stageStalls            the stage calls over 100 us that ended in the recorded span, stage by stage,
 *                               when the settings asked for them; else empty.
 */
public record LatencyPass(
    ThreadMode mode,
    long offeredEventsPerSecond,
    long sentFrames,
    long elapsedNs,
    Histogram lastStage,
    Histogram alert,
    long maxSendLagNs,
    long gcCollections,
    long gcPauseMs,
    List<StageStalls.Stall> stageStalls)
{
    private static final long SCHEDULE_LEAD_NS = 100_000;

    private static final long ALERT_SETTLE_NS = 10_000_000;

    /**
     * Runs a pass.
     *
     * @param corpus       the events; its data frames are sent in order, from the first.
     * @param mode         thread mode.
     * @param settings     engine settings.
     * @param extraStages  stages added after the built-in ones.
     * @param rate         frames per second offered.
     * @param warmUpFrames frames sent on the schedule before recording starts, after the full-speed warm-up.
     * @param frames       frames sent while recording, the corpus's last; at most half of it.
     * @return the pass.
     */
    public static LatencyPass run(
        final Corpus corpus,
        final ThreadMode mode,
        final BenchSettings settings,
        final List<StageFactory> extraStages,
        final long rate,
        final long warmUpFrames,
        final long frames)
    {
        final Path journal = settings.passDirectory("latency-" + mode + "-" + rate);
        try
        {
            final Engine engine = settings.startEngine(mode, journal, extraStages, true, CubeConfig.DEFAULTS,
                settings.stageStalls());
            try (engine)
            {
                final EventPublisher publisher = engine.newPublisher("bench");
                CorpusFeed.publish(publisher, corpus, 0, corpus.prefixLength(), settings.chunkBytes(), new int[0],
                    index -> {});
                engine.awaitDrained(Long.MAX_VALUE);

                final int first = corpus.prefixFrames();
                final long available = corpus.frames() - first;
                final long recorded = Math.min(frames, available / 2);
                final long paced = Math.min(warmUpFrames, (available - recorded) / 2);
                final long warmUp = available - recorded;

                CorpusFeed.publish(publisher, corpus, corpus.frameOffset(first),
                    corpus.frameOffset((int)(first + warmUp - paced)), settings.chunkBytes(), new int[0], index -> {});
                final long[] maxLagNs = new long[1];
                send(publisher, corpus, first, warmUp - paced, warmUp, rate, maxLagNs);
                engine.awaitDrained(Long.MAX_VALUE);
                awaitAlertsDelivered(engine);
                System.gc();

                // Baselines are taken with the ring drained and the schedule restarted after them, so that the
                // snapshot's own cost is charged to no event.
                final Histogram lastStageBase = engine.latency().snapshot();
                final Histogram alertBase = engine.alertLatency().snapshot();
                final StageStalls stalls = engine.stageStalls();
                if (null != stalls)
                {
                    stalls.startSpan();
                }
                final GcActivity gc = new GcActivity();
                gc.begin();
                maxLagNs[0] = 0;
                final long recordStartNs = send(publisher, corpus, first, warmUp, available, rate, maxLagNs);
                engine.awaitDrained(Long.MAX_VALUE);
                final long endNs = System.nanoTime();
                gc.end();
                awaitAlertsDelivered(engine);

                final Histogram lastStage = engine.latency().snapshot();
                final Histogram alert = engine.alertLatency().snapshot();
                lastStage.subtract(lastStageBase);
                alert.subtract(alertBase);
                return new LatencyPass(
                    mode, rate, recorded, endNs - recordStartNs, lastStage, alert, maxLagNs[0],
                    gc.collections(), gc.pauseMs(),
                    null == stalls ? List.of() : stalls.snapshot());
            }
        }
        finally
        {
            BenchSettings.delete(journal);
        }
    }

    /**
     * Sends frames {@code [from, to)} of the data on a schedule starting now, each stamped with its intended time.
     *
     * @return the intended time of the first frame.
     */
    private static long send(
        final EventPublisher publisher,
        final Corpus corpus,
        final int firstDataFrame,
        final long from,
        final long to,
        final long rate,
        final long[] maxLagNs)
    {
        final UnsafeBuffer buffer = corpus.buffer();
        final double intervalNs = 1e9 / rate;
        final long scheduleStartNs = System.nanoTime() + SCHEDULE_LEAD_NS;
        long maxLag = maxLagNs[0];
        for (long k = from; k < to; k++)
        {
            final long intendedNs = scheduleStartNs + (long)((k - from) * intervalNs);
            long nowNs;
            while ((nowNs = System.nanoTime()) < intendedNs)
            {
                // yield rather than spin: on a machine with few cores the engine's threads need this one
                Thread.yield();
            }
            maxLag = Math.max(maxLag, nowNs - intendedNs);
            final int index = (int)(firstDataFrame + k);
            if (publisher.publishStamped(buffer, corpus.frameOffset(index), corpus.frameLength(index), intendedNs) ==
                EventPublisher.CLOSED)
            {
                throw new IllegalStateException("engine closed during the pass");
            }
        }
        maxLagNs[0] = maxLag;
        return scheduleStartNs;
    }

    /**
     * Alerts travel on their own ring after the event ring drains; give the alert processor a moment to deliver
     * the last of them, until the alert count stops moving.
     */
    private static void awaitAlertsDelivered(final Engine engine)
    {
        long seen = -1;
        long alerts = engine.counters().value(SystemCounter.ALERTS);
        while (alerts != seen)
        {
            seen = alerts;
            LockSupport.parkNanos(ALERT_SETTLE_NS);
            alerts = engine.counters().value(SystemCounter.ALERTS);
        }
    }

    /**
     * Frames per second actually handed over in the recorded span.
     *
     * @return the achieved rate.
     */
    public double achievedEventsPerSecond()
    {
        return elapsedNs <= 0 ? 0 : sentFrames * 1e9 / elapsedNs;
    }
}
