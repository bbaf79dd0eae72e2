/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.FrameDecoder;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.ConfigOp;
import io.netpulse.codec.sbe.MetricKind;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.ServiceType;
import io.netpulse.codec.sbe.TopologyOp;
import io.netpulse.engine.ring.EventDecoding;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.stage.Stage;
import io.netpulse.engine.stage.StageContext;
import io.netpulse.engine.stage.StageRunner;
import io.netpulse.engine.stage.ThreadAffinity;
import io.netpulse.engine.status.ErrorLog;
import io.netpulse.engine.status.SystemCounter;
import io.netpulse.engine.status.SystemCounters;
import io.netpulse.engine.topology.Topology;
import io.netpulse.engine.topology.TopologyRouter;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Drives a topology router and cube updaters on the calling thread, frame by frame, through the engine's stage
 * runners, so cube tests are deterministic and fast. With several shards, the harness plays the router's part of
 * assigning each element's events to a shard (by region), and each shard's updater sees what its runner passes on:
 * its own events, and at the end of a batch that ends on another shard's event, the watermark alone.
 */
final class CubeHarness
{
    final Topology topology = new Topology();
    final SystemCounters counters = new SystemCounters();
    final TopologyRouter router = new TopologyRouter(topology, null, counters, false, 60_000, 10);
    final Cube cube;
    final Stage[] updaters;
    private final StageRunner[] runners;
    private final ErrorLog errors = new ErrorLog(counters.get(SystemCounter.STAGE_ERRORS));
    private final NetworkEvent event = new NetworkEvent();
    private final EventDecoding decoding = new EventDecoding();
    private final EventFrameEncoder encoder = new EventFrameEncoder();
    private final FrameDecoder decoder = new FrameDecoder();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);
    private long sequence;
    private long nextCdrId = 1;
    boolean endOfBatch = true;

    CubeHarness(final CubeConfig config, final int shards)
    {
        cube = new Cube(config);
        updaters = new Stage[shards];
        runners = new StageRunner[shards];
        for (int s = 0; s < shards; s++)
        {
            updaters[s] = cube.newUpdater(new StageContext(topology, null, counters, SystemNanoClock.INSTANCE, s,
                shards));
            runners[s] = new StageRunner("cube-" + s, new Stage[] {updaters[s]}, errors, null, ThreadAffinity.NONE,
                -1, shards == 1 ? -1 : s);
        }
    }

    CubeHarness(final CubeConfig config)
    {
        this(config, 1);
    }

    void node(final long id, final long parentId, final NodeLevel level, final String name, final String cls,
        final String vendor)
    {
        feed(encoder.topologyUpdate(frame, 0, 0, id, parentId, level, TopologyOp.ADD, 60_000, name, cls, vendor));
    }

    void removeNode(final long id, final NodeLevel level)
    {
        feed(encoder.topologyUpdate(frame, 0, 0, id, 0, level, TopologyOp.REMOVE, 0, "", "", ""));
    }

    void metric(final int metricId, final MetricKind kind, final String name)
    {
        feed(encoder.metricDefinition(frame, 0, 0, metricId, kind, ConfigOp.PUT, name, "unit"));
    }

    void kpi(final long timeMs, final long elementId, final int metricId, final double value)
    {
        feed(encoder.kpiSample(frame, 0, timeMs, elementId, metricId, value, 0));
    }

    void cdr(final long timeMs, final long elementId, final ServiceType service, final CallResult result,
        final int setupMs, final int durationMs, final int mosX100, final long bytesUp, final long bytesDown)
    {
        feed(encoder.callDetailRecord(frame, 0, timeMs, nextCdrId++, elementId, service, result, 16, setupMs,
            durationMs, mosX100, bytesUp, bytesDown, 1, 2));
    }

    void qos(final long timeMs, final long elementId, final ServiceType service, final int latencyUs,
        final int jitterUs, final int lossPpm, final long throughputKbps)
    {
        feed(encoder.qosMeasurement(frame, 0, timeMs, elementId, service, latencyUs, jitterUs, lossPpm,
            throughputKbps));
    }

    void flow(final long timeMs, final long elementId, final long bytes, final long packets, final int durationMs)
    {
        feed(encoder.flowRecord(frame, 0, timeMs, elementId, 0, 1, 0, 2, 1000, 443, 6, 0, bytes, packets,
            durationMs));
    }

    private void feed(final int length)
    {
        assertEquals(FrameDecoder.FRAME, decoder.decode(frame, 0, length));
        decoding.fill(event, frame, 0, length, decoder.messageType(), decoder.actingBlockLength(),
            decoder.actingVersion());
        final long seq = sequence++;
        router.onEvent(event, seq, endOfBatch);
        if (event.routed)
        {
            event.shard = updaters.length == 1 ? 0 : Math.floorMod(event.regionIndex, updaters.length);
        }
        for (final StageRunner runner : runners)
        {
            runner.onEvent(event, seq, endOfBatch);
        }
        // the runner counts a stage's exception and goes on; a test must not
        if (counters.get(SystemCounter.STAGE_ERRORS).get() > 0)
        {
            throw new AssertionError("a cube updater threw: " + errors.observations());
        }
    }

    /**
     * Holds the cube's maintainer before its next task until the latch opens: a starved or slow maintainer.
     *
     * @param release opened to let it go on.
     */
    void holdMaintainer(final java.util.concurrent.CountDownLatch release)
    {
        cube.maintainer(0).beforeTask = () ->
        {
            try
            {
                release.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        };
    }

    /**
     * Publishes any pending state, as the end of a batch would.
     */
    void flush()
    {
        final boolean previous = endOfBatch;
        endOfBatch = true;
        kpiNoop();
        endOfBatch = previous;
    }

    private void kpiNoop()
    {
        // A metric definition is a control event: it ends a batch without changing any cell.
        feed(encoder.metricDefinition(frame, 0, 0, Integer.MAX_VALUE, MetricKind.GAUGE, ConfigOp.REMOVE, "noop", ""));
    }
}
