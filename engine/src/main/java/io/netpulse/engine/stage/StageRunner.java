/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.stage;

import com.lmax.disruptor.EventHandler;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.status.ErrorLog;
import io.netpulse.engine.status.LatencyTracker;

/**
 * Runs one or more stages, in order, on one ring consumer thread. The fused mode puts every analytics stage in
 * one runner; the pipelined mode gives each its own. A stage that throws skips only that event in only that
 * stage: the error is counted and logged once per cause, and the event goes on to the next stage. Exceptions
 * never reach the Disruptor, whose default handler would halt the consumer and, with it, every publisher.
 * <p>
 * In the sharded mode a runner serves one shard: it passes its stages the data events the router assigned to that
 * shard and every control event, and tells them the watermark of the other shards' events at the end of a batch
 * ({@link Stage#onWatermark(long, long)}). It records latency for the events it owns (shard 0 also for control events).
 * <p>
 * Latency is stamped once per batch, when the batch's last event leaves the last stage (or every
 * {@value #LATENCY_BATCH} events): a clock read per event would cost more than the stages it measures, and no
 * event finished later than that stamp.
 */
public final class StageRunner implements EventHandler<NetworkEvent>
{
    // stages called from a site of their own (see runStages)
    private static final int OWN_CALL_SITES = 5;

    private final String name;
    private final Stage[] stages;
    // the first OWN_CALL_SITES stages again, each called from its own site (see runStages)
    private final Stage stage0;
    private final Stage stage1;
    private final Stage stage2;
    private final Stage stage3;
    private final Stage stage4;
    private final ErrorLog errorLog;
    private final LatencyTracker latency;
    private final ThreadAffinity affinity;
    private final int cpu;
    private final int shard;
    private final long[] publishNanos;
    private int pending;
    private StageStalls.Entry[] stalls;

    /** Most events whose latency waits for one clock read. */
    public static final int LATENCY_BATCH = 4096;

    /**
     * A runner for stages.
     *
     * @param name     of the thread.
     * @param stages   run in order on every event.
     * @param errorLog where stage errors go.
     * @param latency  records publish-to-done latency after the last stage, or null when another runner does.
     * @param affinity pins the thread.
     * @param cpu      to pin to, or -1 for none.
     */
    public StageRunner(
        final String name,
        final Stage[] stages,
        final ErrorLog errorLog,
        final LatencyTracker latency,
        final ThreadAffinity affinity,
        final int cpu)
    {
        this(name, stages, errorLog, latency, affinity, cpu, -1);
    }

    /**
     * A runner for the stage instances of one shard.
     *
     * @param name     of the thread.
     * @param stages   run in order on every event of the shard and every control event.
     * @param errorLog where stage errors go.
     * @param latency  records publish-to-done latency of the shard's events, or null.
     * @param affinity pins the thread.
     * @param cpu      to pin to, or -1 for none.
     * @param shard    the shard served, or -1 to serve every event.
     */
    public StageRunner(
        final String name,
        final Stage[] stages,
        final ErrorLog errorLog,
        final LatencyTracker latency,
        final ThreadAffinity affinity,
        final int cpu,
        final int shard)
    {
        this.shard = shard;
        this.publishNanos = null == latency ? null : new long[LATENCY_BATCH];
        this.name = name;
        this.stages = stages.clone();
        this.stage0 = stageAt(this.stages, 0);
        this.stage1 = stageAt(this.stages, 1);
        this.stage2 = stageAt(this.stages, 2);
        this.stage3 = stageAt(this.stages, 3);
        this.stage4 = stageAt(this.stages, 4);
        this.errorLog = errorLog;
        this.latency = latency;
        this.affinity = affinity;
        this.cpu = cpu;
    }

    private static Stage stageAt(final Stage[] stages, final int index)
    {
        return index < stages.length ? stages[index] : null;
    }

    /**
     * Times every stage call from now on, into an engine's stall counters. Call before the ring starts.
     *
     * @param stageStalls where the calls that took long are counted.
     */
    public void timeStages(final StageStalls stageStalls)
    {
        final StageStalls.Entry[] entries = new StageStalls.Entry[stages.length];
        for (int i = 0; i < stages.length; i++)
        {
            entries[i] = stageStalls.register(name, stages[i].name());
        }
        this.stalls = entries;
    }

    /**
     * {@inheritDoc}
     */
    public void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
    {
        final Stage[] stages = this.stages;
        final boolean data = event.type.isData();
        if (shard >= 0 && data && event.shard != shard)
        {
            if (endOfBatch)
            {
                watermark(stages, event.watermarkMs, event.frontierMs);
                if (null != latency && pending > 0)
                {
                    latency.recordBatch(publishNanos, pending);
                    pending = 0;
                }
            }
            return;
        }

        if (null == stalls)
        {
            runStages(event, sequence, endOfBatch);
        }
        else
        {
            runTimedStages(event, sequence, endOfBatch);
        }

        if (null != latency)
        {
            if (shard <= 0 || data)
            {
                publishNanos[pending++] = event.publishNanos;
            }
            if (endOfBatch || LATENCY_BATCH == pending)
            {
                latency.recordBatch(publishNanos, pending);
                pending = 0;
            }
        }
    }

    /**
     * Each stage has its own call site here, up to {@value #OWN_CALL_SITES} of them: a loop over the array would
     * be one call site seeing every stage's class, which the JIT calls through an interface stub each time (2.4%
     * of the fused thread in a profile); a call site that sees one class is called directly. Further stages go
     * through the loop.
     */
    private void runStages(final NetworkEvent event, final long sequence, final boolean endOfBatch)
    {
        final int count = stages.length;
        if (count > 0)
        {
            try
            {
                stage0.onEvent(event, sequence, endOfBatch);
            }
            catch (final Throwable ex)
            {
                errorLog.record(stage0.name(), ex);
            }
        }
        if (count > 1)
        {
            try
            {
                stage1.onEvent(event, sequence, endOfBatch);
            }
            catch (final Throwable ex)
            {
                errorLog.record(stage1.name(), ex);
            }
        }
        if (count > 2)
        {
            try
            {
                stage2.onEvent(event, sequence, endOfBatch);
            }
            catch (final Throwable ex)
            {
                errorLog.record(stage2.name(), ex);
            }
        }
        if (count > 3)
        {
            try
            {
                stage3.onEvent(event, sequence, endOfBatch);
            }
            catch (final Throwable ex)
            {
                errorLog.record(stage3.name(), ex);
            }
        }
        if (count > 4)
        {
            try
            {
                stage4.onEvent(event, sequence, endOfBatch);
            }
            catch (final Throwable ex)
            {
                errorLog.record(stage4.name(), ex);
            }
        }
        for (int i = OWN_CALL_SITES; i < count; i++)
        {
            final Stage stage = stages[i];
            try
            {
                stage.onEvent(event, sequence, endOfBatch);
            }
            catch (final Throwable ex)
            {
                errorLog.record(stage.name(), ex);
            }
        }
    }

    private void runTimedStages(final NetworkEvent event, final long sequence, final boolean endOfBatch)
    {
        final StageStalls.Entry[] stalls = this.stalls;
        for (int i = 0; i < stages.length; i++)
        {
            final Stage stage = stages[i];
            try
            {
                final long startNs = System.nanoTime();
                stage.onEvent(event, sequence, endOfBatch);
                stalls[i].record(System.nanoTime() - startNs);
            }
            catch (final Throwable ex)
            {
                errorLog.record(stage.name(), ex);
            }
        }
    }

    private void watermark(final Stage[] stages, final long watermarkMs, final long frontierMs)
    {
        for (int i = 0; i < stages.length; i++)
        {
            final Stage stage = stages[i];
            try
            {
                stage.onWatermark(watermarkMs, frontierMs);
            }
            catch (final Throwable ex)
            {
                errorLog.record(stage.name(), ex);
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onStart()
    {
        Thread.currentThread().setName("netpulse-" + name);
        affinity.pin(cpu, name);
        for (final Stage stage : stages)
        {
            try
            {
                stage.onStart();
            }
            catch (final Throwable ex)
            {
                errorLog.record(stage.name(), ex);
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onShutdown()
    {
        for (final Stage stage : stages)
        {
            try
            {
                stage.onShutdown();
            }
            catch (final Throwable ex)
            {
                errorLog.record(stage.name(), ex);
            }
        }
    }

    /**
     * The thread's name, without the netpulse- prefix.
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }
}
