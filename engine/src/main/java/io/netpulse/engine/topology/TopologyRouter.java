/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.topology;

import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.sbe.AlertAction;
import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.Severity;
import io.netpulse.codec.sbe.TopologyOp;
import io.netpulse.codec.sbe.TopologyUpdateDecoder;
import io.netpulse.engine.alert.AlertEvent;
import io.netpulse.engine.alert.AlertPublisher;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.stage.Stage;
import io.netpulse.engine.stage.StateHash;
import io.netpulse.engine.status.SystemCounter;
import io.netpulse.engine.status.SystemCounters;
import io.netpulse.engine.window.WindowSpec;
import io.netpulse.engine.window.WindowSpecTable;
import io.netpulse.engine.window.Watermarks;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.Arrays;

/**
 * The first analytics stage: resolves each data event's element to its dense index and its place in the
 * hierarchy (site, region, equipment class, vendor, shard) and writes them into the slot for the stages after
 * it; applies topology updates in ring order, so a move takes effect exactly between the events around it.
 * <p>
 * Events for elements the topology does not know are either registered on first sight (under a synthetic
 * "unassigned" region and site) or counted as unknown, not routed, and reported in a rate-limited alert.
 * <p>
 * Because it sees every event in ring order, the router also keeps event time for everyone: it takes each data
 * event into the {@link Watermarks}, writes the watermark into every slot, marks late events, takes the allowed
 * lateness from window spec updates, and assigns each element's events a shard by region ({@link ShardAssigner}).
 * Late events are counted ({@code EVENTS_LATE}, per source and per element), kept in the journal and applied by no
 * stage; they are not counted as rejected: they were accepted and journaled, and whether one is late depends on
 * the allowed lateness and the other events around it, not on the event itself.
 */
public final class TopologyRouter implements Stage
{
    /** At most one unknown-element alert per element in this much event time. */
    public static final long DEFAULT_UNKNOWN_ALERT_INTERVAL_MS = 5 * 60_000L;

    /** At most this many unknown-element alerts per minute of event time, every element together. */
    public static final int DEFAULT_UNKNOWN_ALERTS_PER_MINUTE = 10;

    private static final int MAX_TRACKED_UNKNOWN = 1 << 16;
    private static final long MINUTE_MS = 60_000L;

    private final Topology topology;
    private final AlertPublisher alerts;
    private final SystemCounters counters;
    private final boolean autoRegister;
    private final long unknownAlertIntervalMs;
    private final int unknownAlertsPerMinute;
    private final AtomicCounter routed;
    private final AtomicCounter unknown;
    private final AtomicCounter controlEvents;
    private final AtomicCounter autoRegistered;
    private final AtomicCounter late;
    private final Watermarks watermarks;
    private final WindowSpecTable windowSpecs;
    private final ShardAssigner shards;
    private final TopologyUpdateDecoder topologyDecoder = new TopologyUpdateDecoder();
    private final Long2LongHashMap unknownLastAlertMs = new Long2LongHashMap(Long.MIN_VALUE);
    private final Long2LongHashMap unknownSinceAlert = new Long2LongHashMap(0);
    private final long[] eventsByType = new long[MessageType.values().length];
    private long[] nodeEvents = new long[1024];
    private long[] nodeLate = new long[1024];
    private long unknownEvents;
    private long unknownAlerts;
    private long alertMinute = Long.MIN_VALUE;
    private int alertsThisMinute;
    private long maxEventTimeMs = Long.MIN_VALUE;
    private long lastElementId;
    private int lastIndex = Topology.MISSING;
    private long lastVersion = -1;
    private DuplicateFilter duplicateFilter;

    /**
     * A router over a topology.
     *
     * @param topology               the hierarchy; this stage becomes its only writer.
     * @param alerts                 for unknown-element alerts.
     * @param counters               engine counters.
     * @param autoRegister           whether to register unknown elements on first sight.
     * @param unknownAlertIntervalMs least event time between two alerts for one unknown element.
     * @param unknownAlertsPerMinute most unknown-element alerts per event-time minute.
     */
    public TopologyRouter(
        final Topology topology,
        final AlertPublisher alerts,
        final SystemCounters counters,
        final boolean autoRegister,
        final long unknownAlertIntervalMs,
        final int unknownAlertsPerMinute)
    {
        this(topology, alerts, counters, autoRegister, unknownAlertIntervalMs, unknownAlertsPerMinute,
            new WindowSpecTable(WindowSpec.DEFAULT), Watermarks.DEFAULT_IDLE_TIMEOUT_MS, 1);
    }

    /**
     * A router that also keeps event time and assigns shards.
     *
     * @param topology               the hierarchy; this stage becomes its only writer.
     * @param alerts                 for unknown-element alerts.
     * @param counters               engine counters.
     * @param autoRegister           whether to register unknown elements on first sight.
     * @param unknownAlertIntervalMs least event time between two alerts for one unknown element.
     * @param unknownAlertsPerMinute most unknown-element alerts per event-time minute.
     * @param windowSpecs            the window specs the engine starts with; their largest allowed lateness is the
     *                               engine's; this stage becomes the table's only user.
     * @param idleTimeoutMs          event time after which a source that has fallen behind stops holding the
     *                               watermark back.
     * @param shardCount             shards of the sharded thread mode; 1 otherwise.
     */
    public TopologyRouter(
        final Topology topology,
        final AlertPublisher alerts,
        final SystemCounters counters,
        final boolean autoRegister,
        final long unknownAlertIntervalMs,
        final int unknownAlertsPerMinute,
        final WindowSpecTable windowSpecs,
        final long idleTimeoutMs,
        final int shardCount)
    {
        this.windowSpecs = windowSpecs;
        this.watermarks = new Watermarks(windowSpecs.allowedLatenessMs(), idleTimeoutMs);
        this.shards = new ShardAssigner(shardCount);
        this.late = counters.get(SystemCounter.EVENTS_LATE);
        this.topology = topology;
        this.alerts = alerts;
        this.counters = counters;
        this.autoRegister = autoRegister;
        this.unknownAlertIntervalMs = unknownAlertIntervalMs;
        this.unknownAlertsPerMinute = unknownAlertsPerMinute;
        this.routed = counters.get(SystemCounter.EVENTS_ROUTED);
        this.unknown = counters.get(SystemCounter.EVENTS_UNKNOWN_ELEMENT);
        this.controlEvents = counters.get(SystemCounter.CONTROL_EVENTS);
        this.autoRegistered = counters.get(SystemCounter.ELEMENTS_AUTO_REGISTERED);
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return "router";
    }

    /**
     * {@inheritDoc}
     */
    public void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
    {
        eventsByType[event.type.ordinal()]++;
        if (event.type.isData())
        {
            route(event);
        }
        else
        {
            event.routed = false;
            event.late = false;
            if (event.type == MessageType.TOPOLOGY_UPDATE)
            {
                applyTopologyUpdate(event);
            }
            else if (event.type == MessageType.WINDOW_SPEC_UPDATE)
            {
                applyWindowSpecUpdate(event);
            }
            event.watermarkMs = watermarks.watermarkMs();
            event.frontierMs = watermarks.frontierMs();
            controlEvents.incrementRelease();
        }
    }

    private void applyWindowSpecUpdate(final NetworkEvent event)
    {
        try
        {
            windowSpecs.apply(event);
            watermarks.allowedLatenessMs(windowSpecs.allowedLatenessMs());
        }
        catch (final IllegalArgumentException ex)
        {
            // An impossible spec changes nothing; the window updater counts it as its error.
        }
    }

    private void route(final NetworkEvent event)
    {
        final Topology topology = this.topology;
        if (event.eventTimeMs > maxEventTimeMs)
        {
            maxEventTimeMs = event.eventTimeMs;
        }

        // every data event, refused or not, shows how far its source has come in event time
        final boolean late = watermarks.onData(event.sourceId, event.eventTimeMs);
        event.watermarkMs = watermarks.watermarkMs();
        event.frontierMs = watermarks.frontierMs();
        event.late = false;
        event.shard = 0;

        if (event.type == MessageType.CALL_DETAIL_RECORD && null != duplicateFilter &&
            duplicateFilter.isDuplicate(event.cdrId, event.eventTimeMs, event.sourceId))
        {
            event.routed = false;
            return;
        }

        // Collectors send an element's events together: one remembered lookup saves most map probes. Any change to
        // the topology moves its version and forgets it.
        int index;
        if (event.elementId == lastElementId && topology.version() == lastVersion)
        {
            index = lastIndex;
        }
        else
        {
            index = topology.indexOf(event.elementId);
            lastElementId = event.elementId;
            lastIndex = index;
            lastVersion = topology.version();
        }
        if (Topology.MISSING == index)
        {
            if (!autoRegister)
            {
                onUnknownElement(event);
                return;
            }
            index = register(event.elementId);
        }

        if (late)
        {
            onLate(event, index);
        }
        event.routed = true;
        event.elementIndex = index;
        final int site = topology.site(index);
        final int region = topology.region(index);
        event.siteIndex = site;
        event.regionIndex = region;
        event.classIndex = topology.equipmentClass(index);
        event.vendorIndex = topology.vendor(index);
        event.shard = shards.shardOf(topology, region);

        final long[] nodeEvents = this.nodeEvents;
        nodeEvents[index]++;
        if (Topology.MISSING != site)
        {
            nodeEvents[site]++;
        }
        if (Topology.MISSING != region)
        {
            nodeEvents[region]++;
        }
        nodeEvents[Topology.ROOT]++;
        routed.incrementRelease();
    }

    private void onLate(final NetworkEvent event, final int index)
    {
        event.late = true;
        watermarks.countLate(event.sourceId);
        nodeLate[index]++;
        late.incrementRelease();
    }

    private int register(final long elementId)
    {
        if (Topology.MISSING == topology.indexOf(Topology.UNASSIGNED_SITE_ID))
        {
            topology.put(Topology.UNASSIGNED_REGION_ID, 0, NodeLevel.REGION, "unassigned", "", "", 0);
            topology.put(
                Topology.UNASSIGNED_SITE_ID, Topology.UNASSIGNED_REGION_ID, NodeLevel.SITE, "unassigned", "", "", 0);
        }
        final int index = topology.put(
            elementId, Topology.UNASSIGNED_SITE_ID, NodeLevel.ELEMENT, Long.toString(elementId), "", "", 0);
        ensureNodeCapacity();
        autoRegistered.incrementRelease();
        return index;
    }

    private void onUnknownElement(final NetworkEvent event)
    {
        event.routed = false;
        unknownEvents++;
        unknown.incrementRelease();
        counters.reject(RejectReason.UNKNOWN_ELEMENT);

        final long elementId = event.elementId;
        final long seen = unknownSinceAlert.get(elementId) + 1;
        final long lastAlertMs = unknownLastAlertMs.get(elementId);
        final long nowMs = maxEventTimeMs;
        final long minute = Math.floorDiv(nowMs, MINUTE_MS);
        if (minute != alertMinute)
        {
            alertMinute = minute;
            alertsThisMinute = 0;
        }

        final boolean due = lastAlertMs == Long.MIN_VALUE || nowMs - lastAlertMs >= unknownAlertIntervalMs;
        if (due && alertsThisMinute < unknownAlertsPerMinute)
        {
            alertsThisMinute++;
            unknownAlerts++;
            if (unknownLastAlertMs.size() >= MAX_TRACKED_UNKNOWN)
            {
                unknownLastAlertMs.clear();
                unknownSinceAlert.clear();
            }
            unknownLastAlertMs.put(elementId, nowMs);
            unknownSinceAlert.remove(elementId);

            final AlertEvent alert = alerts.claim();
            alert.kind = AlertKind.UNKNOWN_ELEMENT;
            alert.action = AlertAction.NOTICE;
            alert.severity = Severity.MINOR;
            alert.eventTimeMs = event.eventTimeMs;
            alert.startTimeMs = event.eventTimeMs;
            alert.elementId = elementId;
            alert.count = seen;
            alert.originPublishNanos = event.publishNanos;
            alert.detail("events for an element not in the topology");
            alerts.commit();
        }
        else if (unknownSinceAlert.size() < MAX_TRACKED_UNKNOWN || unknownSinceAlert.containsKey(elementId))
        {
            unknownSinceAlert.put(elementId, seen);
        }
    }

    private void applyTopologyUpdate(final NetworkEvent event)
    {
        final TopologyUpdateDecoder update = topologyDecoder.wrap(
            event.frame, FrameDescriptor.BODY_OFFSET, event.actingBlockLength, event.actingVersion);
        final long id = update.elementId();
        final long parentId = update.parentId();
        final NodeLevel level = update.level();
        final TopologyOp op = update.op();
        final int expectedIntervalMs = update.expectedIntervalMs();
        final String name = update.name();
        final String equipmentClass = update.equipmentClass();
        final String vendor = update.vendor();

        final int existing = topology.indexOf(id);
        event.previousSiteIndex = Topology.MISSING == existing ? Topology.MISSING : topology.site(existing);
        event.previousRegionIndex = Topology.MISSING == existing ? Topology.MISSING : topology.region(existing);
        event.previousShard = Topology.MISSING == existing ?
            ShardAssigner.UNASSIGNED : shards.assignedShard(event.previousRegionIndex);

        final int index;
        if (op == TopologyOp.REMOVE)
        {
            index = topology.remove(id);
        }
        else
        {
            index = topology.put(id, parentId, level, name, equipmentClass, vendor, expectedIntervalMs);
            ensureNodeCapacity();
        }

        event.elementIndex = index;
        if (Topology.MISSING == index)
        {
            event.siteIndex = Topology.MISSING;
            event.regionIndex = Topology.MISSING;
            event.shard = ShardAssigner.UNASSIGNED;
            return;
        }
        event.siteIndex = topology.site(index);
        event.regionIndex = topology.region(index);
        // a node leaving a region that holds state needs a shard to hand that state to
        event.shard = ShardAssigner.UNASSIGNED != event.previousShard ?
            shards.shardOf(topology, event.regionIndex) : shards.assignedShard(event.regionIndex);
    }

    private void ensureNodeCapacity()
    {
        if (nodeEvents.length < topology.nodeCount())
        {
            nodeEvents = Arrays.copyOf(nodeEvents, Math.max(topology.nodeCount(), nodeEvents.length * 2));
            nodeLate = Arrays.copyOf(nodeLate, nodeEvents.length);
        }
    }

    /**
     * Recognise re-sent CDRs here, before they are routed; set before the engine starts.
     *
     * @param duplicateFilter the filter, or null for none.
     */
    public void duplicateFilter(final DuplicateFilter duplicateFilter)
    {
        this.duplicateFilter = duplicateFilter;
    }

    /**
     * The duplicate filter.
     *
     * @return the filter, or null when there is none.
     */
    public DuplicateFilter duplicateFilter()
    {
        return duplicateFilter;
    }

    /**
     * Data events routed to a node or anywhere below it.
     *
     * @param index dense index of the node.
     * @return the count.
     */
    public long nodeEvents(final int index)
    {
        return index < nodeEvents.length ? nodeEvents[index] : 0;
    }

    /**
     * Events seen of one message type, control events included.
     *
     * @param type of message.
     * @return the count.
     */
    public long events(final MessageType type)
    {
        return eventsByType[type.ordinal()];
    }

    /**
     * Late data events for an element: behind the watermark when they arrived, journaled but not applied.
     *
     * @param index dense index of the element.
     * @return the count.
     */
    public long lateEvents(final int index)
    {
        return index >= 0 && index < nodeLate.length ? nodeLate[index] : 0;
    }

    /**
     * The event-time state: per-source watermarks and late counts.
     *
     * @return the watermarks; read them once the engine is closed or drained.
     */
    public Watermarks watermarks()
    {
        return watermarks;
    }

    /**
     * The shard assignment of regions.
     *
     * @return the assigner.
     */
    public ShardAssigner shards()
    {
        return shards;
    }

    /**
     * Data events whose element was unknown.
     *
     * @return the count.
     */
    public long unknownEvents()
    {
        return unknownEvents;
    }

    /**
     * Unknown-element alerts raised.
     *
     * @return the count.
     */
    public long unknownAlerts()
    {
        return unknownAlerts;
    }

    /**
     * The topology this router writes.
     *
     * @return the topology.
     */
    public Topology topology()
    {
        return topology;
    }

    /**
     * {@inheritDoc}
     */
    public long stateHash()
    {
        long hash = topology.stateHash();
        for (int i = 0, n = topology.nodeCount(); i < n; i++)
        {
            hash = StateHash.mix(hash, nodeEvents(i));
            hash = StateHash.mix(hash, lateEvents(i));
        }
        hash = StateHash.mix(hash, watermarks.stateHash());
        for (final long count : eventsByType)
        {
            hash = StateHash.mix(hash, count);
        }
        hash = StateHash.mix(hash, unknownEvents);
        hash = StateHash.mix(hash, unknownAlerts);
        return null == duplicateFilter ? hash : duplicateFilter.mixInto(hash);
    }
}
