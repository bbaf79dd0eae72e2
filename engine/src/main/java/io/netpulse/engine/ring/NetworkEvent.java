/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.ring;

import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.MessageType;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One slot of the ring, allocated once and reused forever: the raw frame as received (what the journal
 * keeps) and the decoded primitive fields the stages read (so no stage decodes). Fields of other message types
 * keep stale values; a stage reads only the fields of the event's {@link #type}.
 * <p>
 * The edge fills the frame and decoded fields; the topology router fills the routing fields; the stages after
 * it read them. The ring's sequence barriers give each stage a consistent view.
 */
public final class NetworkEvent
{
    /** Slot for the raw frame: {@link FrameDescriptor#MAX_FRAME_LENGTH} bytes. */
    public final UnsafeBuffer frame = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);

    /** Length of the frame in {@link #frame}. */
    public int frameLength;

    /** Block length the producer wrote. */
    public int actingBlockLength;

    /** Schema version the producer wrote. */
    public int actingVersion;

    /** What the frame holds. */
    public MessageType type;

    /** Which source (feed, file, generator, replay) delivered it. */
    public int sourceId;

    /** {@code System.nanoTime()} when published, for publish-to-stage latency. */
    public long publishNanos;

    // Fields common to every message.

    /** Event time, epoch milliseconds. */
    public long eventTimeMs;

    /** Global id of the element (or node, for topology updates). */
    public long elementId;

    // KpiSample.

    /** Metric of a KPI sample. */
    public int metricId;

    /** Value of a KPI sample. */
    public double value;

    /** Quality flag bits of a KPI sample. */
    public int quality;

    // CallDetailRecord, and serviceType for QosMeasurement.

    /** Id of a CDR. */
    public long cdrId;

    /** Service type of a CDR or QoS measurement. */
    public int serviceType;

    /** Result of a CDR. */
    public int callResult;

    /** Q.850 release cause of a CDR. */
    public int releaseCause;

    /** Setup delay of a CDR. */
    public int setupMs;

    /** Duration of a CDR or flow. */
    public int durationMs;

    /** Mean opinion score x 100 of a CDR, 0 when not measured. */
    public int mosX100;

    /** Uplink bytes of a CDR. */
    public long bytesUp;

    /** Downlink bytes of a CDR. */
    public long bytesDown;

    // FlowRecord.

    /** Bytes of a flow. */
    public long flowBytes;

    /** Packets of a flow. */
    public long flowPackets;

    /** IP protocol of a flow. */
    public int protocol;

    /** DSCP of a flow. */
    public int dscp;

    /** Destination port of a flow. */
    public int dstPort;

    // QosMeasurement.

    /** Latency of a QoS measurement. */
    public int latencyUs;

    /** Jitter of a QoS measurement. */
    public int jitterUs;

    /** Loss of a QoS measurement, parts per million. */
    public int lossPpm;

    /** Throughput of a QoS measurement. */
    public long throughputKbps;

    // Routing, written by the topology router.

    /** Whether the router resolved the element; stages skip data events it could not. */
    public boolean routed;

    /** Dense index of the element. */
    public int elementIndex;

    /** Dense index of the element's site, or -1. */
    public int siteIndex;

    /** Dense index of the element's region, or -1. */
    public int regionIndex;

    /** Dense index of the element's equipment class. */
    public int classIndex;

    /** Dense index of the element's vendor. */
    public int vendorIndex;

    /** Shard that owns the element's state in the sharded thread mode (0 for events the router did not route). */
    public int shard;

    /**
     * Whether this frame comes from the engine's own input journal, replayed at start to recover an earlier run's
     * state ({@code EngineBuilder.recover}): the stages apply it as before, and the journaler does not append it
     * again.
     */
    public boolean recovered;

    /**
     * The engine's event-time watermark after this event (see {@code io.netpulse.engine.window.Watermarks}),
     * written by the router into every slot, control events included: every stage in every thread mode sees the
     * same watermark at the same event. {@code Long.MIN_VALUE} before the first data event.
     */
    public long watermarkMs;

    /**
     * The engine's event-time frontier after this event: the latest event time of the slowest active source
     * (never going back), which is the watermark before the allowed lateness is taken off. A stage with a lateness
     * of its own derives its watermark from it, and still agrees with itself in every thread mode.
     */
    public long frontierMs;

    /**
     * Whether this data event is behind the watermark (past the allowed lateness): it is journaled and counted,
     * and stages do not apply it to their state.
     */
    public boolean late;

    // Topology updates: the router writes the node's index and its site, region and shard after the update into
    // elementIndex, siteIndex, regionIndex and shard (-1 when the update named no node it knows), and the values
    // before the update below (-1 for a node that did not exist, or for no site, region or assigned shard).

    /** For a topology update: the node's site before the update, or -1. */
    public int previousSiteIndex;

    /** For a topology update: the node's region before the update, or -1. */
    public int previousRegionIndex;

    /** For a topology update: the shard of the node's region before the update, or -1 when it had none. */
    public int previousShard;

    /**
     * Whether this is a data event (a measurement) rather than a control event.
     *
     * @return true for KPI samples, CDRs, flows and QoS measurements.
     */
    public boolean isData()
    {
        return type.isData();
    }
}
