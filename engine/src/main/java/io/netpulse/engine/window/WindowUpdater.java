/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.MessageType;
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
import io.netpulse.engine.topology.Topology;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The window stage: keeps every KPI series' buckets at every resolution of its spec, a time-aware EWMA per series,
 * and the roll-ups of closed buckets into sites, regions and the network; raises and clears data-gap alerts.
 * <p>
 * What it does per event is a few array writes: KPI samples (routed, not late) go into their series' current
 * bucket at each resolution ({@link BucketStore#add}); any data event marks its element as reporting. Everything
 * else happens when the watermark (written into each slot by the router) passes a boundary:
 * <ul>
 *     <li>a bucket closes when the watermark passes its end: its contents are final (later events for it are
 *     late) and it is rolled up by merging element contributions into site and region aggregates in ascending
 *     element order ({@link RollUp}); the network aggregate is the merge of the regions in ascending region order,
 *     done when read ({@link WindowReader}), so no thread ever writes state another shard owns;</li>
 *     <li>every {@link WindowConfig#gapCheckIntervalMs()} of watermark progress, elements silent for longer than
 *     their expected interval times the gap factor raise a data-gap alert; their next event clears it.</li>
 * </ul>
 * Topology changes apply without a pause: an element that moves keeps its series (its history); what it had put
 * into buckets still open rolls up under its old parents ({@link Departure}) and what arrives after the move under
 * the new ones ({@link SeriesSplit}). If the move takes it to a region on another shard, its state is handed over
 * at that ring position ({@link ShardExchange}). A removed element's open contributions stay with its old parents
 * and its series are released. A {@code WindowSpecUpdate} re-lays out the series of the metrics it changes,
 * keeping the buckets of the resolutions that remain.
 * <p>
 * In the sharded thread mode there is one instance per shard, each the single writer of the elements of its
 * regions; the instances of an engine share a {@link WindowGroup}. The state hash is a sum of per-series and
 * per-element terms, so the instances' hashes add up to the same value however regions are spread over shards.
 */
public final class WindowUpdater implements Stage
{
    private static final int SMALL_METRICS = 256;
    private static final Comparator<Departure> BY_ELEMENT = Comparator.comparingInt(departure -> departure.element);

    private final WindowGroup group;
    private final int shard;
    private final AlertPublisher alerts;
    private final WindowSpecTable specs;
    private final Ewma ewma;
    private final long idleTimeoutMs;
    private final long recomputeStepMs;
    private final double gapFactor;
    private final long gapCheckIntervalMs;
    private final ElementTable elements = new ElementTable();
    private final TopologyUpdateDecoder topologyDecoder = new TopologyUpdateDecoder();
    private final List<LayoutWindows> layouts = new ArrayList<>();
    private final MetricWindows[] smallMetrics = new MetricWindows[SMALL_METRICS];
    private final Int2ObjectHashMap<MetricWindows> largeMetrics = new Int2ObjectHashMap<>();
    private final List<MetricWindows> metrics = new ArrayList<>();
    private final Long2ObjectHashMap<SeriesSplit> splits = new Long2ObjectHashMap<>();
    private final List<Departure> departures = new ArrayList<>();
    private final List<Departure> matched = new ArrayList<>();
    private final LongArrayList closedSplits = new LongArrayList();
    private final RollUp rollUp = new RollUp();
    private volatile MetricWindows[] metricTable = new MetricWindows[0];
    private volatile long publishedWatermarkMs = Watermarks.NO_WATERMARK;
    private long watermarkMs = Watermarks.NO_WATERMARK;
    private long nextActionMs = Long.MIN_VALUE + 1;
    private long nextGapCheckMs = Long.MAX_VALUE;
    private boolean started;
    private long samples;
    private long gapsRaised;
    private long gapsCleared;

    WindowUpdater(
        final WindowGroup group,
        final int shard,
        final AlertPublisher alerts,
        final WindowConfig config)
    {
        this.group = group;
        this.shard = shard;
        this.alerts = alerts;
        this.specs = config.newSpecTable();
        this.ewma = new Ewma(config.ewmaHalfLifeMs());
        this.idleTimeoutMs = config.idleTimeoutMs();
        this.recomputeStepMs = new Watermarks(0, config.idleTimeoutMs()).recomputeStepMs();
        this.gapFactor = config.dataGapFactor();
        this.gapCheckIntervalMs = config.gapCheckIntervalMs();
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return "window";
    }

    /**
     * {@inheritDoc}
     */
    public void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
    {
        final long watermarkMs = event.watermarkMs;
        if (watermarkMs >= nextActionMs)
        {
            advanceWatermark(watermarkMs);
        }

        final MessageType type = event.type;
        if (type.isData())
        {
            if (event.routed && !event.late)
            {
                onData(event);
            }
        }
        else if (type == MessageType.TOPOLOGY_UPDATE)
        {
            onTopologyUpdate(event, sequence);
        }
        else if (type == MessageType.WINDOW_SPEC_UPDATE)
        {
            onWindowSpecUpdate(event);
        }
        if (endOfBatch)
        {
            publishedWatermarkMs = watermarkMs;
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onWatermark(final long watermarkMs, final long frontierMs)
    {
        if (watermarkMs >= nextActionMs)
        {
            advanceWatermark(watermarkMs);
        }
        publishedWatermarkMs = watermarkMs;
    }

    private void onData(final NetworkEvent event)
    {
        final int element = event.elementIndex;
        final ElementTable elements = this.elements;
        if (!elements.owns(element))
        {
            own(event);
        }
        final long gapSinceMs = elements.seen(element, event.eventTimeMs);
        if (ElementTable.NO_GAP != gapSinceMs)
        {
            clearGap(element, gapSinceMs, event.eventTimeMs, event.publishNanos);
        }
        if (event.type == MessageType.KPI_SAMPLE)
        {
            apply(element, event.metricId, event.eventTimeMs, event.value);
        }
    }

    private void apply(final int element, final int metricId, final long eventTimeMs, final double value)
    {
        MetricWindows metric = metricId >= 0 && metricId < SMALL_METRICS ?
            smallMetrics[metricId] : largeMetrics.get(metricId);
        if (null == metric)
        {
            metric = newMetric(metricId);
        }
        final LayoutWindows layout = metric.layout;
        if (null == layout)
        {
            return;
        }
        int series = metric.seriesPlain(element);
        if (MetricWindows.NONE == series)
        {
            series = layout.store.allocate();
            metric.series(element, series);
        }
        layout.store.add(series, eventTimeMs, value, ewma);
        layout.applied(eventTimeMs);
        if (elements.splits(element) > 0)
        {
            addToSplit(metric, element, eventTimeMs, value);
        }
        samples++;
    }

    private void own(final NetworkEvent event)
    {
        elements.own(event.elementIndex, event.elementId, event.siteIndex, event.regionIndex);
        group.directory().put(event.elementId, event.elementIndex, NodeLevel.ELEMENT);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Event time: closing buckets and looking for silent elements as the watermark passes.

    private void advanceWatermark(final long watermarkMs)
    {
        this.watermarkMs = watermarkMs;
        if (!started)
        {
            started = true;
            for (final LayoutWindows layout : layouts)
            {
                layout.start(watermarkMs);
            }
            nextGapCheckMs = (Math.floorDiv(watermarkMs, gapCheckIntervalMs) + 1) * gapCheckIntervalMs;
        }

        for (int i = 0; i < layouts.size(); i++)
        {
            close(layouts.get(i), watermarkMs);
        }
        if (watermarkMs >= nextGapCheckMs)
        {
            final long checkMs = Math.floorDiv(watermarkMs, gapCheckIntervalMs) * gapCheckIntervalMs;
            if (gapFactor > 0)
            {
                checkGaps(checkMs);
            }
            nextGapCheckMs = checkMs + gapCheckIntervalMs;
        }

        long next = nextGapCheckMs;
        for (int i = 0; i < layouts.size(); i++)
        {
            final LayoutWindows layout = layouts.get(i);
            for (int r = 0; r < layout.nextClose.length; r++)
            {
                next = Math.min(next, (layout.nextClose[r] + 1) * layout.layout.resolutionMs(r));
            }
        }
        nextActionMs = next;
        publishedWatermarkMs = watermarkMs;
    }

    private void close(final LayoutWindows layout, final long watermarkMs)
    {
        final SeriesLayout geometry = layout.layout;
        for (int r = 0; r < layout.nextClose.length; r++)
        {
            final long resolutionMs = geometry.resolutionMs(r);
            final long target = Math.floorDiv(watermarkMs, resolutionMs);
            if (layout.nextClose[r] >= target)
            {
                continue;
            }
            if (Long.MIN_VALUE != layout.maxEventTimeMs && Long.MAX_VALUE != layout.minOpenMs)
            {
                final long first = Math.max(layout.nextClose[r], Math.floorDiv(layout.minOpenMs, resolutionMs));
                final long last = Math.min(target, Math.floorDiv(layout.maxEventTimeMs, resolutionMs) + 1);
                for (long bucket = first; bucket < last; bucket++)
                {
                    closeBucket(layout, r, bucket);
                }
            }
            layout.nextClose[r] = target;
            layout.closedBefore.setRelease(r, target);
        }
        final long openFromMs = layout.openFromMs();
        layout.minOpenMs = layout.maxEventTimeMs >= openFromMs ? Math.max(layout.minOpenMs, openFromMs) : Long.MAX_VALUE;
    }

    private void closeBucket(final LayoutWindows layout, final int r, final long bucket)
    {
        final List<MetricWindows> layoutMetrics = layout.metrics;
        for (int i = 0; i < layoutMetrics.size(); i++)
        {
            rollUp(layoutMetrics.get(i), layout, r, bucket);
        }
        layout.bucketsClosed++;
    }

    /**
     * Rolls one closed bucket of one metric up (see {@link RollUp} for the order): every element's contribution,
     * in ascending element order; departures of moved elements under the parents they had; then the results into
     * the roll-up nodes' own series.
     */
    private void rollUp(final MetricWindows metric, final LayoutWindows layout, final int r, final long bucket)
    {
        final BucketStore store = layout.store;
        final long resolutionMs = layout.layout.resolutionMs(r);
        final int slot = store.slotOf(r, bucket);
        final ElementTable elements = this.elements;
        final RollUp rollUp = this.rollUp;
        final int departed = matchDepartures(metric.metricId, resolutionMs, bucket);
        int limit = elements.limit();
        if (departed > 0)
        {
            limit = Math.max(limit, matched.get(departed - 1).element + 1);
        }
        rollUp.begin(Math.max(limit, Topology.ROOT + 1));
        for (int i = 0; i < departed; i++)
        {
            rollUp.markDirty(matched.get(i).site);
        }
        if (!splits.isEmpty())
        {
            markSplitSites(metric.metricId, resolutionMs, bucket);
        }

        int next = 0;
        for (int element = 0; element < limit; element++)
        {
            while (next < departed && matched.get(next).element == element)
            {
                final Departure departure = matched.get(next++);
                if (departure.site >= 0)
                {
                    rollUp.site(departure.site, departure.cells, 0);
                }
                else
                {
                    rollUp.region(departure.region, departure.cells, 0);
                }
            }
            if (!elements.owns(element))
            {
                continue;
            }
            final int series = metric.seriesPlain(element);
            if (MetricWindows.NONE == series)
            {
                continue;
            }
            final int own = store.bucketIndex(series, r, bucket, slot);
            if (elements.splits(element) > 0 && rollUpSplit(metric, element, resolutionMs, bucket, store, series, r, own))
            {
                continue;
            }
            if (own >= 0)
            {
                rollUp.element(elements.site(element), elements.region(element), store.cellChunk(series, r), own);
            }
        }
        rollUp.finish();
        matched.clear();
        if (!closedSplits.isEmpty())
        {
            dropClosedSplits(resolutionMs, bucket);
        }

        final long[] accumulators = rollUp.accumulators();
        for (int i = 0; i < rollUp.touchedCount(); i++)
        {
            final int node = rollUp.touchedNode(i);
            int series = metric.seriesPlain(node);
            if (MetricWindows.NONE == series)
            {
                series = store.allocate();
                metric.series(node, series);
                if (Topology.ROOT == node)
                {
                    metric.rootPartial(true);
                }
                else if (rollUp.isRegion(node))
                {
                    metric.addRegion(node);
                }
            }
            store.putBucket(series, r, bucket, accumulators, node * BucketCells.LONGS);
        }
    }

    /**
     * Marks the sites of elements whose contribution to this bucket is split: they get site-only contributions.
     */
    private void markSplitSites(final int metricId, final long resolutionMs, final long bucket)
    {
        splits.forEach((key, split) ->
        {
            if ((int)(key >>> 32) == metricId && split.find(resolutionMs, bucket) >= 0)
            {
                final int element = (int)key.longValue();
                if (elements.owns(element))
                {
                    rollUp.markDirty(elements.site(element));
                }
            }
        });
    }

    /**
     * Rolls up a bucket of a moved element: at each split level, what arrived since the move; at the others, its
     * own bucket.
     *
     * @return false when the bucket is not split.
     */
    private boolean rollUpSplit(
        final MetricWindows metric,
        final int element,
        final long resolutionMs,
        final long bucket,
        final BucketStore store,
        final int series,
        final int r,
        final int own)
    {
        final long key = splitKey(metric.metricId, element);
        final SeriesSplit split = splits.get(key);
        if (null == split)
        {
            return false;
        }
        final int entry = split.find(resolutionMs, bucket);
        if (entry < 0)
        {
            return false;
        }
        final int site = elements.site(element);
        final int region = elements.region(element);
        if (split.isSplit(entry, SeriesSplit.SITE))
        {
            rollUp.site(site, split.cells, SeriesSplit.offset(entry, SeriesSplit.SITE));
        }
        else if (own >= 0)
        {
            rollUp.site(site, store.cellChunk(series, r), own);
        }
        if (split.isSplit(entry, SeriesSplit.REGION))
        {
            rollUp.region(region, split.cells, SeriesSplit.offset(entry, SeriesSplit.REGION));
        }
        else if (own >= 0)
        {
            rollUp.region(region, store.cellChunk(series, r), own);
        }
        // the roll-up reads the split's cells when it finishes: the entry goes after that
        closedSplits.addLong(key);
        return true;
    }

    private void dropClosedSplits(final long resolutionMs, final long bucket)
    {
        for (int i = 0; i < closedSplits.size(); i++)
        {
            final long key = closedSplits.getLong(i);
            final SeriesSplit split = splits.get(key);
            split.remove(split.find(resolutionMs, bucket));
            if (0 == split.size)
            {
                splits.remove(key);
                final int element = (int)key;
                elements.splits(element, elements.splits(element) - 1);
            }
        }
        closedSplits.clear();
    }

    /**
     * Moves the departures of one bucket of one metric into {@link #matched}, by element.
     *
     * @return how many.
     */
    private int matchDepartures(final int metricId, final long resolutionMs, final long bucket)
    {
        if (departures.isEmpty())
        {
            return 0;
        }
        int kept = 0;
        for (int i = 0; i < departures.size(); i++)
        {
            final Departure departure = departures.get(i);
            if (departure.metricId == metricId && departure.resolutionMs == resolutionMs && departure.bucket == bucket)
            {
                matched.add(departure);
            }
            else
            {
                departures.set(kept++, departure);
            }
        }
        departures.subList(kept, departures.size()).clear();
        matched.sort(BY_ELEMENT);
        return matched.size();
    }

    private void checkGaps(final long checkMs)
    {
        final ElementTable elements = this.elements;
        for (int element = 0, limit = elements.limit(); element < limit; element++)
        {
            if (!elements.owns(element) || ElementTable.NO_GAP != elements.gapSinceMs(element))
            {
                continue;
            }
            final int intervalMs = elements.intervalMs(element);
            final long lastSeenMs = elements.lastSeenMs(element);
            if (intervalMs <= 0 || ElementTable.NEVER == lastSeenMs)
            {
                continue;
            }
            final long thresholdMs = (long)(gapFactor * intervalMs);
            if (checkMs - lastSeenMs > thresholdMs)
            {
                elements.openGap(element, lastSeenMs);
                gapsRaised++;
                final AlertEvent alert = alerts.claim();
                alert.kind = AlertKind.DATA_GAP;
                alert.action = AlertAction.RAISE;
                alert.severity = Severity.MAJOR;
                alert.eventTimeMs = lastSeenMs + thresholdMs;
                alert.startTimeMs = lastSeenMs;
                alert.elementId = elements.id(element);
                alert.scopeLevel = NodeLevel.ELEMENT;
                alert.metricId = -1;
                alert.expected = intervalMs;
                alert.threshold = thresholdMs;
                alert.detail("no data for longer than its expected reporting interval allows");
                alerts.commit();
            }
        }
    }

    private void clearGap(final int element, final long gapSinceMs, final long eventTimeMs, final long publishNanos)
    {
        gapsCleared++;
        final AlertEvent alert = alerts.claim();
        alert.kind = AlertKind.DATA_GAP;
        alert.action = AlertAction.CLEAR;
        alert.severity = Severity.MAJOR;
        alert.eventTimeMs = eventTimeMs;
        alert.startTimeMs = gapSinceMs;
        alert.endTimeMs = eventTimeMs;
        alert.elementId = elements.id(element);
        alert.scopeLevel = NodeLevel.ELEMENT;
        alert.metricId = -1;
        alert.observed = eventTimeMs - gapSinceMs;
        alert.originPublishNanos = publishNanos;
        alert.detail("reporting again");
        alerts.commit();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Topology changes.

    private void onTopologyUpdate(final NetworkEvent event, final long sequence)
    {
        final int index = event.elementIndex;
        if (index < 0)
        {
            return;
        }
        final TopologyUpdateDecoder update = topologyDecoder.wrap(
            event.frame, FrameDescriptor.BODY_OFFSET, event.actingBlockLength, event.actingVersion);
        final NodeLevel level = update.level();
        final TopologyOp op = update.op();
        final long nodeId = update.elementId();
        if (0 == shard)
        {
            if (op == TopologyOp.REMOVE)
            {
                group.directory().remove(nodeId);
            }
            else
            {
                group.directory().put(nodeId, index, level);
            }
        }

        if (op == TopologyOp.REMOVE)
        {
            if (level == NodeLevel.ELEMENT && elements.owns(index))
            {
                removeElement(index);
            }
            return;
        }
        if (level == NodeLevel.ELEMENT)
        {
            elements.intervalMs(index, update.expectedIntervalMs());
        }

        final boolean moved = event.previousSiteIndex != event.siteIndex ||
            event.previousRegionIndex != event.regionIndex;
        final int from = event.previousShard;
        final int to = event.shard;
        final boolean crossShard = from >= 0 && to >= 0 && from != to;
        if (!moved && !crossShard)
        {
            return;
        }

        final List<ElementTransfer> transfers = new ArrayList<>();
        try
        {
            if (moved)
            {
                moveElements(level, index, event.siteIndex, event.regionIndex, crossShard && shard == from, transfers);
            }
        }
        finally
        {
            if (crossShard && shard == from)
            {
                group.exchange().publish(from, to, sequence, transfers);
            }
        }
        if (crossShard && shard == to)
        {
            for (final ElementTransfer transfer : group.exchange().take(from, to, sequence))
            {
                importElement(transfer);
            }
        }
    }

    private void moveElements(
        final NodeLevel level,
        final int node,
        final int site,
        final int region,
        final boolean export,
        final List<ElementTransfer> transfers)
    {
        if (level == NodeLevel.ELEMENT)
        {
            if (elements.owns(node))
            {
                moveElement(node, site, region, export, transfers);
            }
            return;
        }
        if (level != NodeLevel.SITE)
        {
            return;
        }
        for (int element = 0, limit = elements.limit(); element < limit; element++)
        {
            if (elements.owns(element) && elements.site(element) == node)
            {
                moveElement(element, node, region, export, transfers);
            }
        }
        if (export)
        {
            // the site's own roll-up history goes with it to the shard of its new region
            transfers.add(exportNode(node));
        }
    }

    private void moveElement(
        final int element,
        final int site,
        final int region,
        final boolean export,
        final List<ElementTransfer> transfers)
    {
        depart(element, elements.site(element) != site, elements.region(element) != region);
        elements.place(element, site, region);
        if (export)
        {
            transfers.add(exportElement(element));
        }
    }

    /**
     * Records what an element has contributed to the buckets still open, at each level whose parent changes, as
     * departures under its current parent there, and starts its contributions at those levels afresh (a split).
     */
    private void depart(final int element, final boolean siteChanges, final boolean regionChanges)
    {
        final int site = elements.site(element);
        final int region = elements.region(element);
        for (int m = 0; m < metrics.size(); m++)
        {
            final MetricWindows metric = metrics.get(m);
            final LayoutWindows layout = metric.layout;
            final int series = metric.seriesPlain(element);
            if (null == layout || MetricWindows.NONE == series || !layout.started())
            {
                continue;
            }
            final BucketStore store = layout.store;
            final long key = splitKey(metric.metricId, element);
            SeriesSplit split = splits.get(key);
            final boolean hadSplit = null != split;
            for (int r = 0; r < layout.layout.resolutions(); r++)
            {
                final long resolutionMs = layout.layout.resolutionMs(r);
                final long newest = store.newestBucket(series, r);
                if (SeriesLayout.NO_BUCKET == newest)
                {
                    continue;
                }
                final long first = Math.max(layout.nextClose[r], newest - layout.layout.slots(r) + 1);
                for (long bucket = first; bucket <= newest; bucket++)
                {
                    final int own = store.bucketIndex(series, r, bucket);
                    if (own < 0 || 0 == BucketCells.count(store.cellChunk(series, r), own))
                    {
                        continue;
                    }
                    if (null == split)
                    {
                        split = new SeriesSplit();
                    }
                    final int entry = split.entry(resolutionMs, bucket);
                    if (siteChanges)
                    {
                        depart(element, metric, resolutionMs, bucket, site, RollUp.SKIP, split, entry, SeriesSplit.SITE,
                            store.cellChunk(series, r), own);
                    }
                    if (regionChanges)
                    {
                        depart(element, metric, resolutionMs, bucket, RollUp.SKIP, region, split, entry,
                            SeriesSplit.REGION, store.cellChunk(series, r), own);
                    }
                }
            }
            if (!hadSplit && null != split)
            {
                splits.put(key, split);
                elements.splits(element, elements.splits(element) + 1);
            }
        }
    }

    /**
     * One level's departure: what the element contributed there so far (since its last move at that level, or
     * its own bucket), then a fresh start for that level.
     */
    private void depart(
        final int element,
        final MetricWindows metric,
        final long resolutionMs,
        final long bucket,
        final int site,
        final int region,
        final SeriesSplit split,
        final int entry,
        final int level,
        final long[] ownCells,
        final int own)
    {
        final long[] cells = split.isSplit(entry, level) ? split.cells : ownCells;
        final int at = split.isSplit(entry, level) ? SeriesSplit.offset(entry, level) : own;
        if (BucketCells.count(cells, at) > 0)
        {
            departures.add(new Departure(element, metric.metricId, resolutionMs, bucket, site, region, cells, at));
        }
        split.start(entry, level);
    }

    private void addToSplit(final MetricWindows metric, final int element, final long eventTimeMs, final double value)
    {
        final SeriesSplit split = splits.get(splitKey(metric.metricId, element));
        if (null == split)
        {
            return;
        }
        final SeriesLayout layout = metric.layout.layout;
        for (int r = 0; r < layout.resolutions(); r++)
        {
            final long resolutionMs = layout.resolutionMs(r);
            final int entry = split.find(resolutionMs, Math.floorDiv(eventTimeMs, resolutionMs));
            if (entry >= 0)
            {
                split.add(entry, value);
            }
        }
    }

    private ElementTransfer exportElement(final int element)
    {
        final ElementTransfer transfer = new ElementTransfer(element, elements.id(element), elements.site(element),
            elements.region(element), elements.lastSeenMs(element), elements.gapSinceMs(element));
        for (int m = 0; m < metrics.size(); m++)
        {
            final MetricWindows metric = metrics.get(m);
            final int series = metric.seriesPlain(element);
            if (null == metric.layout || MetricWindows.NONE == series)
            {
                continue;
            }
            final SeriesLayout layout = metric.layout.layout;
            final long[] header = new long[layout.headerLongs()];
            final long[] cells = new long[layout.seriesLongs()];
            metric.layout.store.copySeries(series, header, cells);
            transfer.series.add(new ElementTransfer.SeriesCopy(
                metric.metricId, layout, header, cells, splits.remove(splitKey(metric.metricId, element))));
            metric.series(element, MetricWindows.NONE);
            metric.layout.store.free(series);
        }
        elements.release(element);
        return transfer;
    }

    /**
     * Copies out and releases a roll-up node's own series (a site moving to another shard's region).
     */
    private ElementTransfer exportNode(final int node)
    {
        final ElementTransfer transfer = new ElementTransfer(node, 0, Topology.MISSING, Topology.MISSING,
            ElementTable.NEVER, ElementTable.NO_GAP);
        transfer.node = true;
        for (int m = 0; m < metrics.size(); m++)
        {
            final MetricWindows metric = metrics.get(m);
            final int series = metric.seriesPlain(node);
            if (null == metric.layout || MetricWindows.NONE == series)
            {
                continue;
            }
            final SeriesLayout layout = metric.layout.layout;
            final long[] header = new long[layout.headerLongs()];
            final long[] cells = new long[layout.seriesLongs()];
            metric.layout.store.copySeries(series, header, cells);
            transfer.series.add(new ElementTransfer.SeriesCopy(metric.metricId, layout, header, cells, null));
            metric.series(node, MetricWindows.NONE);
            metric.layout.store.free(series);
        }
        return transfer;
    }

    private void importElement(final ElementTransfer transfer)
    {
        final int element = transfer.element;
        if (!transfer.node)
        {
            elements.own(element, transfer.elementId, transfer.site, transfer.region);
            elements.restore(element, transfer.lastSeenMs, transfer.gapSinceMs);
        }
        int splitCount = 0;
        for (final ElementTransfer.SeriesCopy copy : transfer.series)
        {
            MetricWindows metric = metric(copy.metricId());
            if (null == metric)
            {
                metric = newMetric(copy.metricId());
            }
            final LayoutWindows layout = metric.layout;
            if (null == layout || !layout.layout.equals(copy.layout()))
            {
                throw new IllegalStateException("shards disagree on the windows of metric " + copy.metricId());
            }
            final int series = layout.store.allocate();
            layout.store.putSeries(series, copy.header(), copy.cells());
            metric.series(element, series);
            for (int r = 0; r < layout.layout.resolutions(); r++)
            {
                final long newest = copy.header()[SeriesLayout.NEWEST_OFFSET + r];
                if (SeriesLayout.NO_BUCKET != newest)
                {
                    layout.maxEventTimeMs = Math.max(layout.maxEventTimeMs,
                        (newest + 1) * layout.layout.resolutionMs(r) - 1);
                }
            }
            layout.minOpenMs = Math.min(layout.minOpenMs, layout.openFromMs());
            if (null != copy.split())
            {
                splits.put(splitKey(copy.metricId(), element), copy.split());
                splitCount++;
            }
        }
        elements.splits(element, splitCount);
    }

    private void removeElement(final int element)
    {
        depart(element, true, true);
        final long gapSinceMs = elements.gapSinceMs(element);
        if (ElementTable.NO_GAP != gapSinceMs)
        {
            final long endMs = Math.max(watermarkMs, gapSinceMs);
            gapsCleared++;
            final AlertEvent alert = alerts.claim();
            alert.kind = AlertKind.DATA_GAP;
            alert.action = AlertAction.CLEAR;
            alert.severity = Severity.MAJOR;
            alert.eventTimeMs = endMs;
            alert.startTimeMs = gapSinceMs;
            alert.endTimeMs = endMs;
            alert.elementId = elements.id(element);
            alert.scopeLevel = NodeLevel.ELEMENT;
            alert.metricId = -1;
            alert.detail("element removed from the topology");
            alerts.commit();
        }
        for (int m = 0; m < metrics.size(); m++)
        {
            final MetricWindows metric = metrics.get(m);
            final int series = metric.seriesPlain(element);
            if (null != metric.layout && MetricWindows.NONE != series)
            {
                metric.series(element, MetricWindows.NONE);
                metric.layout.store.free(series);
            }
            // the departures recorded above keep its open contributions; its own split, if any, ends here
            splits.remove(splitKey(metric.metricId, element));
        }
        elements.release(element);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Window specs.

    private void onWindowSpecUpdate(final NetworkEvent event)
    {
        specs.apply(event);
        for (int m = 0; m < metrics.size(); m++)
        {
            final MetricWindows metric = metrics.get(m);
            final WindowSpec spec = specs.specFor(metric.metricId);
            final LayoutWindows wanted = spec.isEmpty() ? null : layoutFor(spec);
            if (wanted != metric.layout)
            {
                metrics.set(m, relayout(metric, wanted));
            }
        }
        for (int i = layouts.size() - 1; i >= 0; i--)
        {
            if (layouts.get(i).metrics.isEmpty())
            {
                layouts.remove(i);
            }
        }
    }

    private MetricWindows relayout(final MetricWindows old, final LayoutWindows layout)
    {
        final MetricWindows fresh = new MetricWindows(old.metricId, layout, old.nodeLimit());
        final LayoutWindows oldLayout = old.layout;
        if (null != layout)
        {
            for (int node = 0, limit = old.nodeLimit(); null != oldLayout && node < limit; node++)
            {
                final int series = old.seriesPlain(node);
                if (MetricWindows.NONE != series)
                {
                    final int copy = layout.store.allocate();
                    copyCompatible(oldLayout.store, series, layout.store, copy);
                    fresh.series(node, copy);
                }
            }
            for (final int region : old.regions())
            {
                fresh.addRegion(region);
            }
            fresh.rootPartial(old.rootPartial());
            if (null != oldLayout)
            {
                layout.minOpenMs = Math.min(layout.minOpenMs, oldLayout.minOpenMs);
                layout.maxEventTimeMs = Math.max(layout.maxEventTimeMs, oldLayout.maxEventTimeMs);
            }
            layout.metrics.add(fresh);
        }
        publishMetric(fresh);

        if (null != oldLayout)
        {
            oldLayout.metrics.remove(old);
            for (int node = 0, limit = old.nodeLimit(); node < limit; node++)
            {
                final int series = old.seriesPlain(node);
                if (MetricWindows.NONE != series)
                {
                    old.series(node, MetricWindows.NONE);
                    oldLayout.store.free(series);
                }
            }
        }
        dropOrphanedContributions(fresh);
        return fresh;
    }

    private static void copyCompatible(final BucketStore from, final int fromSeries, final BucketStore to, final int series)
    {
        final SeriesLayout source = from.layout();
        final SeriesLayout target = to.layout();
        for (int r = 0; r < target.resolutions(); r++)
        {
            final int sourceR = source.indexOf(target.resolutionMs(r));
            final long newest = sourceR < 0 ? SeriesLayout.NO_BUCKET : from.newestBucket(fromSeries, sourceR);
            if (SeriesLayout.NO_BUCKET == newest)
            {
                continue;
            }
            final int kept = Math.min(source.slots(sourceR), target.slots(r));
            for (long bucket = newest - kept + 1; bucket <= newest; bucket++)
            {
                final int at = from.bucketIndex(fromSeries, sourceR, bucket);
                if (at >= 0)
                {
                    to.putBucket(series, r, bucket, from.cellChunk(fromSeries, sourceR), at);
                }
            }
        }
        final long[] header = from.headerChunk(fromSeries);
        final int h = from.headerIndex(fromSeries);
        to.ewma(series, Double.longBitsToDouble(header[h + SeriesLayout.EWMA_OFFSET]),
            header[h + SeriesLayout.EWMA_TIME_OFFSET]);
    }

    /**
     * Drops split contributions and departures of resolutions a metric no longer has.
     */
    private void dropOrphanedContributions(final MetricWindows metric)
    {
        final SeriesLayout layout = null == metric.layout ? null : metric.layout.layout;
        final List<Long> emptied = new ArrayList<>();
        splits.forEach((key, split) ->
        {
            if ((int)(key >>> 32) == metric.metricId)
            {
                for (int i = split.size - 1; i >= 0; i--)
                {
                    if (null == layout || layout.indexOf(split.resolutionsMs[i]) < 0)
                    {
                        split.remove(i);
                    }
                }
                if (0 == split.size)
                {
                    emptied.add(key);
                }
            }
        });
        for (final Long key : emptied)
        {
            splits.remove(key.longValue());
            final int element = (int)key.longValue();
            elements.splits(element, elements.splits(element) - 1);
        }
        departures.removeIf(departure -> departure.metricId == metric.metricId &&
            (null == layout || layout.indexOf(departure.resolutionMs) < 0));
    }

    private MetricWindows newMetric(final int metricId)
    {
        final WindowSpec spec = specs.specFor(metricId);
        final MetricWindows metric = new MetricWindows(
            metricId, spec.isEmpty() ? null : layoutFor(spec), elements.limit());
        if (null != metric.layout)
        {
            metric.layout.metrics.add(metric);
        }
        metrics.add(metric);
        publishMetric(metric);
        return metric;
    }

    private void publishMetric(final MetricWindows metric)
    {
        final int metricId = metric.metricId;
        if (metricId >= 0 && metricId < SMALL_METRICS)
        {
            smallMetrics[metricId] = metric;
        }
        else
        {
            largeMetrics.put(metricId, metric);
        }
        final MetricWindows[] table = metricTable;
        for (int i = 0; i < table.length; i++)
        {
            if (table[i].metricId == metricId)
            {
                final MetricWindows[] updated = table.clone();
                updated[i] = metric;
                metricTable = updated;
                return;
            }
        }
        final MetricWindows[] updated = Arrays.copyOf(table, table.length + 1);
        updated[table.length] = metric;
        metricTable = updated;
    }

    private LayoutWindows layoutFor(final WindowSpec spec)
    {
        final SeriesLayout wanted = new SeriesLayout(
            spec, specs.allowedLatenessMs() + idleTimeoutMs + recomputeStepMs);
        for (final LayoutWindows layout : layouts)
        {
            if (layout.layout.equals(wanted))
            {
                return layout;
            }
        }
        final LayoutWindows layout = new LayoutWindows(wanted);
        if (started)
        {
            layout.start(watermarkMs);
        }
        layouts.add(layout);
        return layout;
    }

    private MetricWindows metric(final int metricId)
    {
        return metricId >= 0 && metricId < SMALL_METRICS ? smallMetrics[metricId] : largeMetrics.get(metricId);
    }

    private static long splitKey(final int metricId, final int element)
    {
        return ((long)metricId << 32) | (element & 0xFFFF_FFFFL);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reading: from any thread for the published parts, from the writer (or a quiescent engine) for the rest.

    /**
     * A metric's series map, from any thread.
     *
     * @param metricId the metric.
     * @return its series here, or null.
     */
    MetricWindows publishedMetric(final int metricId)
    {
        for (final MetricWindows metric : metricTable)
        {
            if (metric.metricId == metricId)
            {
                return metric;
            }
        }
        return null;
    }

    MetricWindows[] publishedMetrics()
    {
        return metricTable;
    }

    /**
     * The watermark this instance has acted on, from any thread.
     *
     * @return epoch milliseconds, or {@link Watermarks#NO_WATERMARK}.
     */
    public long watermarkMs()
    {
        return publishedWatermarkMs;
    }

    /**
     * The shard this instance serves.
     *
     * @return the shard, 0 when not sharded.
     */
    public int shard()
    {
        return shard;
    }

    /**
     * Samples applied to series.
     *
     * @return the count.
     */
    public long samples()
    {
        return samples;
    }

    /**
     * Data-gap alerts raised.
     *
     * @return the count.
     */
    public long gapsRaised()
    {
        return gapsRaised;
    }

    /**
     * Data-gap alerts cleared.
     *
     * @return the count.
     */
    public long gapsCleared()
    {
        return gapsCleared;
    }

    /**
     * Elements this instance owns.
     *
     * @return the count.
     */
    public int elements()
    {
        return elements.ownedCount();
    }

    /**
     * Series (element and roll-up) held, once the engine is quiescent.
     *
     * @return the count.
     */
    public long series()
    {
        long count = 0;
        for (final LayoutWindows layout : layouts)
        {
            count += layout.store.liveSeries();
        }
        return count;
    }

    /**
     * Bytes allocated for buckets and series headers, once the engine is quiescent.
     *
     * @return the bytes.
     */
    public long allocatedBytes()
    {
        long bytes = 0;
        for (final LayoutWindows layout : layouts)
        {
            bytes += layout.store.allocatedBytes();
        }
        return bytes;
    }

    /**
     * Buckets closed (rolled up), every layout and resolution together.
     *
     * @return the count.
     */
    public long bucketsClosed()
    {
        long count = 0;
        for (final LayoutWindows layout : layouts)
        {
            count += layout.bucketsClosed;
        }
        return count;
    }

    /**
     * {@inheritDoc}
     * <p>
     * A sum of terms, one per owned element, per series, per pending departure and split contribution, so the
     * instances of a sharded engine add up to the hash of a single instance; shard 0 adds the network roll-up.
     */
    public long stateHash()
    {
        long hash = 0;
        final ElementTable elements = this.elements;
        for (int element = 0, limit = elements.limit(); element < limit; element++)
        {
            if (elements.owns(element))
            {
                hash += elements.hashTerm(element);
            }
        }
        for (final MetricWindows metric : metrics)
        {
            if (null == metric.layout)
            {
                continue;
            }
            for (int node = 0, limit = metric.nodeLimit(); node < limit; node++)
            {
                final int series = metric.seriesPlain(node);
                if (MetricWindows.NONE != series)
                {
                    hash += seriesHash(metric.layout.store, series, node, metric.metricId);
                }
            }
        }
        for (final Departure departure : departures)
        {
            long term = StateHash.mix(StateHash.SEED, departure.element);
            term = StateHash.mix(term, departure.metricId);
            term = StateHash.mix(term, departure.resolutionMs);
            term = StateHash.mix(term, departure.bucket);
            term = StateHash.mix(term, departure.site);
            term = StateHash.mix(term, departure.region);
            hash += cellsHash(term, departure.cells, 0);
        }
        final long[] sum = {0};
        splits.forEach((key, split) ->
        {
            for (int i = 0; i < split.size; i++)
            {
                long term = StateHash.mix(StateHash.SEED, key);
                term = StateHash.mix(term, split.resolutionsMs[i]);
                term = StateHash.mix(term, split.buckets[i]);
                term = StateHash.mix(term, split.levels[i]);
                term = cellsHash(term, split.cells, SeriesSplit.offset(i, SeriesSplit.SITE));
                sum[0] += cellsHash(term, split.cells, SeriesSplit.offset(i, SeriesSplit.REGION));
            }
        });
        hash += sum[0];
        if (0 == shard)
        {
            hash += group.networkHash();
        }
        return hash;
    }

    /**
     * The hash term of one series: its buckets in the ring (by bucket number, so the slot a bucket sits in does
     * not matter) and its EWMA.
     */
    static long seriesHash(final BucketStore store, final int series, final int node, final int metricId)
    {
        final SeriesLayout layout = store.layout();
        long hash = StateHash.mix(StateHash.SEED, node);
        hash = StateHash.mix(hash, metricId);
        for (int r = 0; r < layout.resolutions(); r++)
        {
            hash = StateHash.mix(hash, layout.resolutionMs(r));
            final long newest = store.newestBucket(series, r);
            hash = StateHash.mix(hash, newest);
            if (SeriesLayout.NO_BUCKET == newest)
            {
                continue;
            }
            for (long bucket = newest - layout.slots(r) + 1; bucket <= newest; bucket++)
            {
                final int at = store.bucketIndex(series, r, bucket);
                if (at >= 0 && BucketCells.count(store.cellChunk(series, r), at) > 0)
                {
                    hash = StateHash.mix(hash, bucket);
                    hash = cellsHash(hash, store.cellChunk(series, r), at);
                }
            }
        }
        final long[] header = store.headerChunk(series);
        final int h = store.headerIndex(series);
        hash = StateHash.mix(hash, header[h + SeriesLayout.EWMA_OFFSET]);
        return StateHash.mix(hash, header[h + SeriesLayout.EWMA_TIME_OFFSET]);
    }

    static long cellsHash(final long seed, final long[] cells, final int at)
    {
        long hash = seed;
        for (int i = 0; i < BucketCells.LONGS; i++)
        {
            hash = StateHash.mix(hash, cells[at + i]);
        }
        return hash;
    }
}
