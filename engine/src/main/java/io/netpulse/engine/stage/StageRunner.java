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
    private final String name;
    private final Stage[] stages;
    // the stages again, each behind a call of its position's own class (see runStages)
    private final StageCall[] calls;
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
     * The first position of a runner beside the chain of analytics stages (the journaler, a parallel consumer of
     * the ring): its stage is called through a class of its own, so that the router's call site at position 0
     * sees the router alone.
     */
    public static final int BESIDE_CHAIN = -1;

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
        this(name, stages, errorLog, latency, affinity, cpu, shard, 0);
    }

    /**
     * A runner for stages that stand further along the engine's chain of stages.
     *
     * @param name          of the thread.
     * @param stages        run in order on every event of the shard (or every event) and every control event.
     * @param errorLog      where stage errors go.
     * @param latency       records publish-to-done latency of the events it serves, or null.
     * @param affinity      pins the thread.
     * @param cpu           to pin to, or -1 for none.
     * @param shard         the shard served, or -1 to serve every event.
     * @param firstPosition where the first of these stages stands in the engine's chain (the router is 0), or
     *                      {@link #BESIDE_CHAIN}: each position has a call class of its own (see runStages), so a
     *                      stage called through the same one in every thread mode and runner is the only class
     *                      its call site sees.
     */
    public StageRunner(
        final String name,
        final Stage[] stages,
        final ErrorLog errorLog,
        final LatencyTracker latency,
        final ThreadAffinity affinity,
        final int cpu,
        final int shard,
        final int firstPosition)
    {
        this.shard = shard;
        this.publishNanos = null == latency ? null : new long[LATENCY_BATCH];
        this.name = name;
        this.stages = stages.clone();
        this.calls = new StageCall[stages.length];
        for (int i = 0; i < stages.length; i++)
        {
            calls[i] = StageCall.at(BESIDE_CHAIN == firstPosition ? BESIDE_CHAIN : firstPosition + i, stages[i]);
        }
        this.errorLog = errorLog;
        this.latency = latency;
        this.affinity = affinity;
        this.cpu = cpu;
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
     * Calls each stage through its position's {@link StageCall}: a vtable stub, 0.9% of the fused thread in a
     * profile. Two other shapes were measured and left: a loop calling the stages themselves is one call site
     * seeing every stage's class, which the JIT dispatches through an interface stub (2.4%); a call site of its
     * own per stage let the JIT inline all five stages into one 76 KB method, which a cold run recompiled five
     * times (0.3-0.6 s of compiler time each) as rare branches deoptimized it (BENCHMARKS.md, "Stage dispatch and
     * the JIT").
     */
    private void runStages(final NetworkEvent event, final long sequence, final boolean endOfBatch)
    {
        final StageCall[] calls = this.calls;
        for (int i = 0; i < calls.length; i++)
        {
            final StageCall call = calls[i];
            try
            {
                call.onEvent(event, sequence, endOfBatch);
            }
            catch (final Throwable ex)
            {
                errorLog.record(call.stage.name(), ex);
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

    /**
     * A stage's call, in a class of its position's own. The runner's loop calls through a virtual method (a
     * vtable stub, cheaper than the interface stub a loop over the stages themselves needs), and each position's
     * class calls its stage from a site that sees one class, so the JIT compiles each stage with its own call
     * and keeps the stages apart: one stage's deoptimization recompiles that stage, not the whole runner.
     */
    private abstract static class StageCall
    {
        final Stage stage;

        StageCall(final Stage stage)
        {
            this.stage = stage;
        }

        abstract void onEvent(NetworkEvent event, long sequence, boolean endOfBatch);

        static StageCall at(final int position, final Stage stage)
        {
            switch (position)
            {
                case BESIDE_CHAIN:
                    return new CallBeside(stage);
                case 0:
                    return new Call0(stage);
                case 1:
                    return new Call1(stage);
                case 2:
                    return new Call2(stage);
                case 3:
                    return new Call3(stage);
                case 4:
                    return new Call4(stage);
                default:
                    return new CallAny(stage);
            }
        }
    }

    private static final class Call0 extends StageCall
    {
        Call0(final Stage stage)
        {
            super(stage);
        }

        void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
        {
            stage.onEvent(event, sequence, endOfBatch);
        }
    }

    private static final class Call1 extends StageCall
    {
        Call1(final Stage stage)
        {
            super(stage);
        }

        void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
        {
            stage.onEvent(event, sequence, endOfBatch);
        }
    }

    private static final class Call2 extends StageCall
    {
        Call2(final Stage stage)
        {
            super(stage);
        }

        void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
        {
            stage.onEvent(event, sequence, endOfBatch);
        }
    }

    private static final class Call3 extends StageCall
    {
        Call3(final Stage stage)
        {
            super(stage);
        }

        void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
        {
            stage.onEvent(event, sequence, endOfBatch);
        }
    }

    private static final class Call4 extends StageCall
    {
        Call4(final Stage stage)
        {
            super(stage);
        }

        void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
        {
            stage.onEvent(event, sequence, endOfBatch);
        }
    }

    private static final class CallBeside extends StageCall
    {
        CallBeside(final Stage stage)
        {
            super(stage);
        }

        void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
        {
            stage.onEvent(event, sequence, endOfBatch);
        }
    }

    private static final class CallAny extends StageCall
    {
        CallAny(final Stage stage)
        {
            super(stage);
        }

        void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
        {
            stage.onEvent(event, sequence, endOfBatch);
        }
    }
}
