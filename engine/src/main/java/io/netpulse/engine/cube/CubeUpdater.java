/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.MessageType;
import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.MetricDefinitionDecoder;
import io.netpulse.codec.sbe.ConfigOp;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.stage.Stage;
import io.netpulse.engine.stage.StateHash;
import io.netpulse.engine.window.Watermarks;
import io.netpulse.engine.topology.Topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The cube's writer: the stage that adds every data event's measures to the open minute bucket of the element
 * cuboid, seals minute buckets as the watermark passes them (rolling each sealed minute's element cells up into
 * its site and region cells, in the element table's order), and publishes a consistent state for queries at the
 * end of every batch.
 * <p>
 * Per event it finds the event's minute bucket among the few open ones, its placement (one array compare when
 * the element has not moved), and its cell in the element cuboid's table for the event type: one lookup in a
 * dense index by placement and service. The coarser cuboids are not written per event: a query over an open
 * minute answered from the site or region cuboid reads that minute's element cells instead (same answer, more
 * cells scanned), and from sealing on the minute has its own site and region cells. Each measure the event
 * carries (a KPI sample one, a CDR up to six, a QoS measurement four, a flow three) is a column of that cell:
 * five primitive updates, plus a histogram pair (found through the cell's short chain) for latency-like
 * measures. Nothing is allocated, boxed or locked on that path.
 * <p>
 * Publication never waits for readers: the writer refreshes a pooled {@link ShardState} no reader holds
 * (copying only the cells changed since that state was last refreshed) and swaps it in with one volatile store.
 * <p>
 * One instance per shard; it applies only the data events its shard owns and every control event.
 */
public final class CubeUpdater implements Stage
{
    private static final long MINUTE_MS = CubeConfig.MINUTE_MS;
    private static final int MAX_POOLED_STATES = 16;
    private static final int MAX_RETIRED = 64;
    // Sealed minutes the maintainer may hold unprocessed before the writer waits for it: each is a whole minute's
    // tables, so an unbounded backlog (a replay at full speed, a maintainer starved of CPU) would grow the heap
    // until it runs out. The writer waits rather than the heap grows; the ring's backpressure does the rest.
    static final int MAX_MAINTAINER_BACKLOG = 8;
    // As many minute buckets as can be in flight at once: open, sealed and awaiting the maintainer, retired.
    static final int MAX_BUCKETS_READY = MAX_MAINTAINER_BACKLOG + 4;
    // Buckets made ready at first: what a maintainer that keeps up has in flight (two open minutes, one sealed, one
    // retired, one being cleared) and one more. Each is a whole minute's tables and their mirrors, about 250 MB at
    // 100,000 elements, so the rest are made only once a backlog has needed them.
    static final int MIN_BUCKETS_READY = 6;
    private static final long MAINTAINER_WAIT_NS = 50_000;
    private static final int MIN_CHANGED_NODES = 1024;
    /**
     * Index slots of spare buckets cleared at the end of each batch, per event in the batch and at least: a
     * minute's buckets hold about a million slots at 10,000 elements, cleared over a minute's batches this way
     * rather than in one call of about a millisecond when the next minute first needs them.
     */
    private static final int CLEAR_SLOTS_PER_EVENT = 64;
    private static final int CLEAR_SLOTS_MIN = 4096;

    private final Cube cube;
    private final CubeShard shard;
    private final Topology topology;
    private final CubeConfig config;
    private final int shardIndex;
    private final MetricCatalog metrics = new MetricCatalog();
    private final Placements placements = new Placements();
    private final MetricDefinitionDecoder metricDecoder = new MetricDefinitionDecoder();
    private final List<ShardState> pool = new ArrayList<>();
    private final ArrayDeque<OpenBucket> sealedPending = new ArrayDeque<>();
    private final ArrayDeque<OpenBucket> retired = new ArrayDeque<>();
    private final ArrayDeque<OpenBucket> spare = new ArrayDeque<>();
    // Buckets no published state reaches any more whose tables are being emptied, a step each batch (clearSpares).
    private final ArrayDeque<OpenBucket> clearing = new ArrayDeque<>();
    private long eventsAtLastClear;
    private final TableSizes tableSizes = new TableSizes();

    private OpenBucket[] open = new OpenBucket[4];
    private int openCount;
    private long openVersion;
    private long sealedVersion;
    private long writeEpoch;
    private long sealSeq;
    private long maxEventTimeMs = Long.MIN_VALUE;
    private long watermarkMs = Long.MIN_VALUE;
    private long frontierMs = Watermarks.NO_WATERMARK;
    private long eventsApplied;
    private long valuesApplied;
    private long lateEvents;
    private long skippedValues;
    private long contentHash;
    private long publications;
    private long skippedPublications;
    private long maintainerWaits;
    private long releasedStates;
    private long cellsPublished;
    private CubeMaintainer maintainer;
    private boolean dirty = true;
    private ShardView publishedView;
    private Directory directory = Directory.EMPTY;
    private boolean directoryWanted = true;
    private boolean directoryRebuild = true;
    private int[] changedNodes = new int[16];
    private int changedNodeCount;
    private int bucketsMade;
    private int bucketsWanted = MIN_BUCKETS_READY;

    // Per event scratch: the key of the event's cell in the element cuboid.
    private long elementKey;
    private CellTable elementTable;
    private int elementCell;
    private long elementHash;
    private long cellHash;
    private int placement;

    CubeUpdater(final Cube cube, final CubeShard shard, final Topology topology, final CubeConfig config)
    {
        this.cube = cube;
        this.shard = shard;
        this.topology = topology;
        this.config = config;
        this.shardIndex = shard.shard;
        publish();
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return "cube";
    }

    /**
     * {@inheritDoc}
     */
    public void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
    {
        final MessageType type = event.type;
        if (type.isData())
        {
            if (event.routed && event.shard == shardIndex)
            {
                apply(event);
            }
        }
        else if (type == MessageType.METRIC_DEFINITION)
        {
            define(event);
        }
        else if (type == MessageType.TOPOLOGY_UPDATE)
        {
            nodeChanged(event.elementIndex);
            dirty = true;
        }

        if (endOfBatch)
        {
            publishIfChanged();
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onShutdown()
    {
        refreshDirectory();
        publish();
    }

    /**
     * {@inheritDoc}
     */
    public void onWatermark(final long watermarkMs, final long frontierMs)
    {
        advanceWatermark(frontierMs);
        // The end of a batch whose last event was another shard's: the moment to publish this shard's part of it,
        // as its own last event would have been. Without this, a shard's events stayed out of queries until one
        // of its batches ended on an event of its own.
        publishIfChanged();
    }

    /**
     * Publishes at the end of a batch, when the batch changed the shard's cells or the maintainer filed more.
     */
    private void publishIfChanged()
    {
        if (dirty || shard.view != publishedView)
        {
            publish();
        }
    }

    private void advanceWatermark(final long engineFrontierMs)
    {
        if (engineFrontierMs > frontierMs)
        {
            frontierMs = engineFrontierMs;
        }
        final long cubeWatermarkMs = Watermarks.NO_WATERMARK == frontierMs ?
            Watermarks.NO_WATERMARK : frontierMs - config.allowedLatenessMs();
        if (cubeWatermarkMs > watermarkMs)
        {
            watermarkMs = cubeWatermarkMs;
            sealUpTo(cubeWatermarkMs);
            dirty = true;
        }
    }

    private void apply(final NetworkEvent event)
    {
        final long timeMs = event.eventTimeMs;
        if (timeMs > maxEventTimeMs)
        {
            maxEventTimeMs = timeMs;
        }
        // The engine's event-time frontier (kept by the router, the same at this event in every thread mode) less
        // the cube's lateness seals minutes, so every shard and mode agrees on what the cube holds.
        advanceWatermark(event.frontierMs);
        final long startMs = Math.floorDiv(timeMs, MINUTE_MS) * MINUTE_MS;
        dirty = true;
        if (startMs + MINUTE_MS <= watermarkMs)
        {
            lateEvents++;
            return;
        }
        final OpenBucket bucket = bucketFor(startMs);

        if (event.elementIndex > Cuboid.MAX_NODE_INDEX || event.siteIndex > Cuboid.MAX_NODE_INDEX ||
            event.regionIndex > Cuboid.MAX_NODE_INDEX || event.classIndex > Cuboid.MAX_ATTRIBUTE_INDEX ||
            event.vendorIndex > Cuboid.MAX_ATTRIBUTE_INDEX)
        {
            skippedValues++;
            return;
        }
        elementHash = StateHash.mix(event.elementId, startMs / MINUTE_MS);
        placement = placements.placementOf(
            event.elementIndex, event.elementId, event.siteIndex, event.regionIndex, event.classIndex,
            event.vendorIndex);
        if (!directoryWanted && event.elementIndex >= directory.nodeCount())
        {
            directoryWanted = true;
        }
        eventsApplied++;

        switch (event.type)
        {
            case KPI_SAMPLE:
            {
                key(Cuboid.NO_SERVICE);
                final int metric = metrics.kpiIndex(event.metricId);
                if (metric < 0)
                {
                    skippedValues++;
                    return;
                }
                cells(bucket, MetricCatalog.tableOf(metric));
                put(metric, event.value);
                break;
            }

            case CALL_DETAIL_RECORD:
            {
                key(service(event.serviceType));
                cells(bucket, MetricCatalog.CDR_TABLE);
                put(DerivedMetric.CDR_SETUP_MS.index(), event.setupMs);
                final int result = event.callResult;
                final boolean connected = result == CallResult.ANSWERED.value() || result == CallResult.DROPPED.value();
                if (connected)
                {
                    put(DerivedMetric.CDR_DURATION_MS.index(), event.durationMs);
                }
                if (event.mosX100 > 0)
                {
                    put(DerivedMetric.CDR_MOS.index(), event.mosX100 / 100.0);
                }
                put(DerivedMetric.CDR_BYTES.index(), (double)event.bytesUp + event.bytesDown);
                put(DerivedMetric.CDR_FAILED.index(), result == CallResult.FAILED.value() ? 1 : 0);
                put(DerivedMetric.CDR_DROPPED.index(), result == CallResult.DROPPED.value() ? 1 : 0);
                break;
            }

            case QOS_MEASUREMENT:
                key(service(event.serviceType));
                cells(bucket, MetricCatalog.QOS_TABLE);
                put(DerivedMetric.QOS_LATENCY_US.index(), event.latencyUs);
                put(DerivedMetric.QOS_JITTER_US.index(), event.jitterUs);
                put(DerivedMetric.QOS_LOSS_PPM.index(), event.lossPpm);
                put(DerivedMetric.QOS_THROUGHPUT_KBPS.index(), event.throughputKbps);
                break;

            case FLOW_RECORD:
                key(Cuboid.NO_SERVICE);
                cells(bucket, MetricCatalog.FLOW_TABLE);
                put(DerivedMetric.FLOW_BYTES.index(), event.flowBytes);
                put(DerivedMetric.FLOW_PACKETS.index(), event.flowPackets);
                put(DerivedMetric.FLOW_DURATION_MS.index(), event.durationMs);
                break;

            default:
                break;
        }
    }

    private static int service(final int serviceType)
    {
        return serviceType >= 0 && serviceType < Cuboid.NO_SERVICE ? serviceType : Cuboid.NO_SERVICE;
    }

    private void key(final int service)
    {
        elementKey = Cuboid.elementKey(placement, service);
        cellHash = elementHash + service * 0xC2B2AE3D27D4EB4FL;
    }

    /**
     * Finds (or makes) the event's cell in the element cuboid's table: one lookup, whatever the number of
     * measures the event carries. The maintainer rolls the site and region cuboids up from the element cells
     * once the minute is sealed.
     */
    private void cells(final OpenBucket bucket, final int table)
    {
        final long epoch = writeEpoch;
        elementTable = bucket.table(table, epoch);
        elementCell = elementTable.cell(elementKey, epoch);
    }

    /**
     * Adds one measure value to the event's cells.
     */
    private void put(final int metric, final double value)
    {
        final long epoch = writeEpoch;
        final int column = MetricCatalog.columnOf(metric);
        if (metrics.histogram(metric))
        {
            elementTable.addWithHistogram(elementCell, column, value, epoch);
        }
        else
        {
            elementTable.add(elementCell, column, value, epoch);
        }
        valuesApplied++;
        contentHash += StateHash.mix(cellHash + metric * 8L, value);
    }

    private OpenBucket bucketFor(final long startMs)
    {
        final OpenBucket[] open = this.open;
        for (int i = openCount - 1; i >= 0; i--)
        {
            final OpenBucket bucket = open[i];
            if (bucket.startMs == startMs)
            {
                return bucket;
            }
        }
        return openBucket(startMs);
    }

    private OpenBucket openBucket(final long startMs)
    {
        OpenBucket bucket = spare.pollFirst();
        if (null == bucket)
        {
            // reuse finishes what the steps between batches have not cleared
            bucket = clearing.pollFirst();
        }
        if (null == bucket)
        {
            // more in flight than ever before (a maintainer's backlog): made on the event path this once, and two
            // more are made ready for the next such backlog
            bucket = new OpenBucket(startMs, tableSizes);
            bucketsMade++;
            bucketsWanted = Math.min(MAX_BUCKETS_READY, Math.max(bucketsWanted, bucketsMade + 2));
        }
        else
        {
            bucket.reuse(startMs, writeEpoch);
        }
        if (openCount == open.length)
        {
            open = Arrays.copyOf(open, openCount * 2);
        }
        int at = openCount;
        while (at > 0 && open[at - 1].startMs > startMs)
        {
            open[at] = open[at - 1];
            at--;
        }
        open[at] = bucket;
        openCount++;
        openVersion++;
        return bucket;
    }

    private void sealUpTo(final long watermarkMs)
    {
        while (openCount > 0 && open[0].startMs + MINUTE_MS <= watermarkMs)
        {
            final OpenBucket bucket = open[0];
            System.arraycopy(open, 1, open, 0, openCount - 1);
            open[--openCount] = null;
            openVersion++;
            bucket.seal(++sealSeq, placements.view());
            sealedPending.addLast(bucket);
            sealedVersion++;
            submit(bucket, watermarkMs);
        }
    }

    private void submit(final OpenBucket bucket, final long watermarkMs)
    {
        CubeMaintainer maintainer = this.maintainer;
        if (null == maintainer)
        {
            maintainer = cube.maintainer(shardIndex);
            this.maintainer = maintainer;
        }
        maintainer.submit(shard, bucket, watermarkMs);
        if (maintainer.backlog() > MAX_MAINTAINER_BACKLOG)
        {
            maintainerWaits++;
            while (maintainer.backlog() > MAX_MAINTAINER_BACKLOG / 2 && maintainer.isRunning())
            {
                LockSupport.parkNanos(MAINTAINER_WAIT_NS);
            }
        }
    }

    private void define(final NetworkEvent event)
    {
        final MetricDefinitionDecoder definition = metricDecoder.wrap(
            event.frame, FrameDescriptor.BODY_OFFSET, event.actingBlockLength, event.actingVersion);
        final int metricId = definition.metricId();
        final io.netpulse.codec.sbe.MetricKind kind = definition.kind();
        final ConfigOp op = definition.op();
        final String metricName = definition.name();
        if (op == ConfigOp.PUT)
        {
            metrics.define(metricId, kind, metricName);
            dirty = true;
        }
    }

    /**
     * Publishes the state as of now: refreshes a pooled state no reader holds and makes it current.
     */
    private void publish()
    {
        final ShardState state = claimState();
        if (null == state)
        {
            skippedPublications++;
            return;
        }
        final long epoch = writeEpoch;

        final ShardView view = shard.view;
        boolean sealedChanged = false;
        while (!sealedPending.isEmpty() && sealedPending.peekFirst().sealSeq <= view.coveredSealSeq)
        {
            final OpenBucket covered = sealedPending.pollFirst();
            covered.retireEpoch = epoch;
            retired.addLast(covered);
            sealedChanged = true;
        }
        if (sealedChanged)
        {
            sealedVersion++;
        }

        // A slot's slice of a minute is the same object at every refresh, so the state's list is remade only when
        // the open minutes changed.
        final Slice[] openSlices = state.openVersion == openVersion ? state.open : state.openArray(openCount);
        for (int i = 0; i < openCount; i++)
        {
            openSlices[i] = open[i].sync(state.slot, epoch);
            cellsPublished += open[i].lastSyncCells();
        }
        state.open = openSlices;
        state.openVersion = openVersion;

        if (state.sealedVersion != sealedVersion)
        {
            // Sealed minutes are element cells until the maintainer has rolled them up: coarser cuboids read them
            // through their placements, as they read open minutes.
            final Slice[] sealedSlices = state.sealedArray(sealedPending.size());
            // Round the queue once rather than iterate it: an iterator is an allocation the JIT does not always
            // remove in the fused thread's large compiled body.
            for (int i = 0; i < sealedSlices.length; i++)
            {
                final OpenBucket bucket = sealedPending.pollFirst();
                sealedSlices[i] = bucket.sealedSlice();
                sealedPending.addLast(bucket);
            }
            state.sealed = sealedSlices;
            state.sealedVersion = sealedVersion;
        }

        if (directoryWanted)
        {
            refreshDirectory();
        }

        state.view = view;
        publishedView = view;
        state.watermarkMs = watermarkMs;
        state.maxEventTimeMs = maxEventTimeMs;
        state.eventsApplied = eventsApplied;
        state.valuesApplied = valuesApplied;
        state.lateEvents = lateEvents;
        state.contentHash = contentHash;
        state.placements = placements.view();
        state.directory = directory;
        state.metrics = metrics.snapshot();
        state.syncedEpoch = epoch;

        state.pins.set(0);
        shard.current = state;
        shard.oldestViewInUse = oldestViewInUse();
        writeEpoch = epoch + 1;
        dirty = false;
        publications++;
        recycle();
        clearSpares();
        makeReady();
    }

    /**
     * Clears a step of the buckets being emptied, in proportion to the events since the last step, and makes those
     * done spare.
     */
    private void clearSpares()
    {
        final long events = eventsApplied;
        if (clearing.isEmpty())
        {
            eventsAtLastClear = events;
            return;
        }
        int budget = (int)Math.min(Integer.MAX_VALUE,
            Math.max(CLEAR_SLOTS_MIN, (events - eventsAtLastClear) * CLEAR_SLOTS_PER_EVENT));
        eventsAtLastClear = events;
        while (budget > 0 && !clearing.isEmpty())
        {
            budget = clearing.peekFirst().clearSome(budget);
            if (budget > 0)
            {
                spare.addLast(clearing.pollFirst());
            }
        }
    }

    /**
     * Notes a node a topology update changed, for the directory's refresh at the end of the batch. Past a bound
     * (a bulk load of changes to known nodes) the refresh copies every node instead.
     */
    private void nodeChanged(final int index)
    {
        directoryWanted = true;
        if (directoryRebuild || index < 0)
        {
            return;
        }
        if (changedNodeCount == changedNodes.length)
        {
            if (changedNodeCount >= Math.max(MIN_CHANGED_NODES, directory.nodeCount() / 8))
            {
                directoryRebuild = true;
                return;
            }
            changedNodes = Arrays.copyOf(changedNodes, changedNodeCount * 2);
        }
        changedNodes[changedNodeCount++] = index;
    }

    /**
     * Brings the query directory up to date with the topology: the nodes added since the last refresh and those
     * the batch's topology updates changed (a whole copy after a bulk change), so a topology change is nameable
     * from the publication at the end of its batch.
     */
    private void refreshDirectory()
    {
        try
        {
            directory = directoryRebuild ? Directory.of(topology) :
                directory.refreshed(topology, changedNodes, changedNodeCount);
            directoryWanted = false;
            directoryRebuild = false;
            changedNodeCount = 0;
        }
        catch (final RuntimeException ex)
        {
            // The router may be changing the topology on its own thread (pipelined mode); copy it all next time.
            directoryWanted = true;
            directoryRebuild = true;
        }
    }

    /**
     * Claims the spare state to refresh: the one refreshed last, which has the fewest changed cells to copy, so that
     * two states take turns as they do with no reader. Readers who held both for a moment made a third; refreshing
     * the least recent, as this once did, made every state lag by as many publications as the pool holds, and
     * every refresh copy that many batches' changes, and every new minute's tables once more. A spare left behind
     * holds what the writer and the maintainer would reuse (a retired minute bucket, the blocks of an older view),
     * so once something waits on it, it is released instead: it drops what it holds and is rebuilt whole if
     * readers ever pin both of the others again.
     */
    private ShardState claimState()
    {
        final ShardState current = shard.current;
        ShardState newest = null;
        for (int i = 0; i < pool.size(); i++)
        {
            final ShardState candidate = pool.get(i);
            if (candidate != current && candidate.pins.get() == 0 &&
                (null == newest || candidate.syncedEpoch > newest.syncedEpoch))
            {
                newest = candidate;
            }
        }
        for (int i = 0; i < pool.size(); i++)
        {
            final ShardState candidate = pool.get(i);
            if (candidate != current && candidate != newest && !candidate.released && holdsBack(candidate) &&
                candidate.pins.compareAndSet(0, -1))
            {
                release(candidate);
                candidate.pins.set(0);
            }
        }
        if (null != newest && newest.pins.compareAndSet(0, -1))
        {
            newest.released = false;
            return newest;
        }
        if (pool.size() < MAX_POOLED_STATES)
        {
            final ShardState fresh = new ShardState(pool.size());
            fresh.pins.set(-1);
            pool.add(fresh);
            return fresh;
        }
        return null;
    }

    /**
     * Whether a state keeps a retired minute bucket from reuse ({@link #recycle}) or holds a maintainer view older
     * than the newest, whose dropped blocks the maintainer may not reuse until no state holds it.
     */
    private boolean holdsBack(final ShardState state)
    {
        return (!retired.isEmpty() && state.syncedEpoch <= retired.peekFirst().retireEpoch) ||
            state.view.version < shard.view.version;
    }

    /**
     * Drops what a claimed spare state holds: its lists, its view, and its mirrors' place in the open tables' change
     * logs (they are copied whole if it is ever refreshed again). A reader that pins it by a stale reference finds
     * it released and reads the current state instead ({@link CubeShard#acquire}).
     */
    private void release(final ShardState state)
    {
        state.released = true;
        state.syncedEpoch = Long.MIN_VALUE;
        state.open = state.openArray(0);
        state.openVersion = -1;
        state.sealed = state.sealedArray(0);
        state.sealedVersion = -1;
        state.view = ShardView.EMPTY;
        for (int i = 0; i < openCount; i++)
        {
            open[i].forget(state.slot);
        }
        releasedStates++;
    }

    /**
     * The oldest maintainer view a pooled state still holds, pinned by a reader or not: closed blocks dropped
     * before a later view was published are unreachable and the maintainer may reuse them.
     */
    private long oldestViewInUse()
    {
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < pool.size(); i++)
        {
            final ShardState state = pool.get(i);
            if (!state.released)
            {
                oldest = Math.min(oldest, state.view.version);
            }
        }
        return oldest;
    }

    /**
     * Reuses sealed buckets that no state can reach any more: every pooled state was refreshed after the bucket
     * left the published sealed list.
     */
    private void recycle()
    {
        if (retired.isEmpty())
        {
            return;
        }
        long oldestSync = Long.MAX_VALUE;
        for (int i = 0; i < pool.size(); i++)
        {
            final ShardState state = pool.get(i);
            if (!state.released)
            {
                oldestSync = Math.min(oldestSync, state.syncedEpoch);
            }
        }
        while (!retired.isEmpty() && retired.peekFirst().retireEpoch < oldestSync)
        {
            final OpenBucket bucket = retired.pollFirst();
            bucket.startClearing();
            clearing.addLast(bucket);
        }
        while (retired.size() > MAX_RETIRED)
        {
            retired.pollFirst();
        }
    }

    /**
     * Makes one more minute bucket ready, from the first seal on (when the tables' sizes are known) until there are
     * as many as a maintainer that keeps up has in flight, and two more than the most a backlog has had in flight
     * (at most as many as can be). Spares are kept, never dropped, so a later backlog (an hour's filing, a starved
     * thread) finds them waiting instead of making new ones, each a whole minute's tables, on the event path.
     */
    private void makeReady()
    {
        if (bucketsMade < bucketsWanted && sealSeq > 0)
        {
            final OpenBucket ready = new OpenBucket(Long.MIN_VALUE, tableSizes);
            ready.prepare(writeEpoch, pool.size());
            spare.addLast(ready);
            bucketsMade++;
        }
    }

    /**
     * An order-independent hash of every value applied (element, minute, metric, service, value) and of the late
     * events refused: a sum, so the same events give the same hash in every thread mode, and the shards' hashes
     * add up to the unsharded one.
     *
     * @return the hash.
     */
    public long stateHash()
    {
        return contentHash + eventsApplied * 0x9E3779B97F4A7C15L + lateEvents * 0xC2B2AE3D27D4EB4FL;
    }

    /**
     * Minute buckets made since the start, ready or on demand.
     *
     * @return the count.
     */
    int bucketsMade()
    {
        return bucketsMade;
    }

    /**
     * Data events applied by this shard.
     *
     * @return the count.
     */
    long eventsApplied()
    {
        return eventsApplied;
    }

    /**
     * States published.
     *
     * @return the count.
     */
    long publications()
    {
        return publications;
    }

    /**
     * Times this writer waited for the maintainer to work its backlog down.
     *
     * @return the count.
     */
    long maintainerWaits()
    {
        return maintainerWaits;
    }

    /**
     * Cells copied into published states: the writer's cost of publishing, about two per cell changed in a batch
     * (each of the two states that take turns gets every change once).
     *
     * @return the count.
     */
    long cellsPublished()
    {
        return cellsPublished;
    }

    /**
     * Spare states released because they held back reuse (see {@link #claimState}).
     *
     * @return the count.
     */
    long releasedStates()
    {
        return releasedStates;
    }

    /**
     * States in the pool: two with no reader, more once readers held both at a publication.
     *
     * @return the count.
     */
    int pooledStates()
    {
        return pool.size();
    }

    /**
     * Publications skipped because every pooled state was pinned.
     *
     * @return the count.
     */
    long skippedPublications()
    {
        return skippedPublications;
    }

    /**
     * Values not applied because a dimension index did not fit a key or the metric dimension was full.
     *
     * @return the count.
     */
    long skippedValues()
    {
        return skippedValues;
    }
}
