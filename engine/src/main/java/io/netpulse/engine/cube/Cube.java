/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.engine.stage.Stage;
import io.netpulse.engine.stage.StageContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The multi-dimensional cube: time (minute buckets rolled into hours and days), region, site, element, service
 * type, equipment class, vendor and metric, with count, sum, minimum, maximum, mean, standard deviation and
 * percentiles per group, kept by the cube updater stage and queried from any thread while ingest runs.
 * <p>
 * Each shard's updater owns its cells outright; a query pins the latest published state of every shard and
 * merges their cells into one answer, so partial answers combine exactly. Queries never block the updaters and
 * any number may run at once.
 * <pre>{@code
 * Cube cube = engine.cube();
 * CubeResult perRegion = cube.query()
 *     .where(Dimension.METRIC, "cdr.failed")
 *     .groupBy(Dimension.REGION)
 *     .measures(Measure.COUNT, Measure.MEAN)
 *     .execute();
 * for (CubeRow row : perRegion.rows())
 * {
 *     System.out.println(row.value(Dimension.REGION) + " failure rate " + row.mean());
 * }
 * }</pre>
 */
public final class Cube implements AutoCloseable
{
    private final CubeConfig config;
    private final List<CubeShard> shards = new CopyOnWriteArrayList<>();
    private final QueryCache queryCache = new QueryCache();
    private final List<CubeUpdater> updaters = new CopyOnWriteArrayList<>();
    private final PrefixDemand prefixDemand = new PrefixDemand();
    // One a shard, each started by its shard's first sealed minute: a single maintainer for every shard would cap
    // a sharded engine at what one thread can roll up, however many cores the shards have.
    private CubeMaintainer[] maintainers = new CubeMaintainer[0];
    private boolean closed;

    /**
     * An empty cube; {@link #newUpdater} adds its writers.
     *
     * @param config time buckets, lateness and retention.
     */
    public Cube(final CubeConfig config)
    {
        this.config = config;
    }

    /**
     * The configuration.
     *
     * @return the config.
     */
    public CubeConfig config()
    {
        return config;
    }

    /**
     * Builds the updater stage for one shard (a {@link io.netpulse.engine.stage.StageFactory}).
     *
     * @param context what the engine gives the stage; its shard number names the shard.
     * @return the stage.
     */
    public synchronized Stage newUpdater(final StageContext context)
    {
        final CubeShard shard = new CubeShard(context.shard());
        final CubeUpdater updater = new CubeUpdater(this, shard, context.topology(), config);
        shards.add(shard);
        updaters.add(updater);
        return updater;
    }

    CubeShard shard(final int index)
    {
        return shards.get(index);
    }

    /**
     * The maintainer of a shard's sealed minutes, started on first use.
     *
     * @param shard the shard's number.
     * @return its maintainer.
     */
    synchronized CubeMaintainer maintainer(final int shard)
    {
        if (shard >= maintainers.length)
        {
            maintainers = Arrays.copyOf(maintainers, shard + 1);
        }
        CubeMaintainer maintainer = maintainers[shard];
        if (null == maintainer)
        {
            maintainer = new CubeMaintainer(config, prefixDemand);
            maintainers[shard] = maintainer;
        }
        return maintainer;
    }

    private synchronized List<CubeMaintainer> startedMaintainers()
    {
        final List<CubeMaintainer> started = new ArrayList<>();
        for (final CubeMaintainer maintainer : maintainers)
        {
            if (null != maintainer)
            {
                started.add(maintainer);
            }
        }
        return started;
    }

    /**
     * Starts a query.
     *
     * @return a builder; call {@link CubeQuery#execute()} on it.
     */
    public CubeQuery query()
    {
        return new CubeQuery(this);
    }

    QueryCache queryCache()
    {
        return queryCache;
    }

    CubeResult execute(final CubeQuery query)
    {
        final ShardState[] states = pinAll();
        try
        {
            return new QueryExecutor(query, states, queryCache, prefixDemand).execute();
        }
        finally
        {
            unpinAll(states);
        }
    }

    private ShardState[] pinAll()
    {
        final List<CubeShard> shards = new ArrayList<>(this.shards);
        final ShardState[] states = new ShardState[shards.size()];
        for (int i = 0; i < states.length; i++)
        {
            states[i] = shards.get(i).acquire();
        }
        return states;
    }

    private static void unpinAll(final ShardState[] states)
    {
        for (final ShardState state : states)
        {
            state.unpin();
        }
    }

    /**
     * The freshest copy of the topology's names that any shard published.
     *
     * @return the directory.
     */
    public Directory directory()
    {
        final ShardState[] states = pinAll();
        try
        {
            Directory freshest = Directory.EMPTY;
            for (final ShardState state : states)
            {
                if (state.directory.topologyVersion() > freshest.topologyVersion())
                {
                    freshest = state.directory;
                }
            }
            return freshest;
        }
        finally
        {
            unpinAll(states);
        }
    }

    /**
     * The metric dimension's members, by name.
     *
     * @return the names, derived measures first.
     */
    public List<String> metricNames()
    {
        final ShardState[] states = pinAll();
        try
        {
            final List<String> names = new ArrayList<>();
            for (final ShardState state : states)
            {
                if (null != state.metrics)
                {
                    for (int m = 0; m < state.metrics.count(); m++)
                    {
                        if (!names.contains(state.metrics.name(m)))
                        {
                            names.add(state.metrics.name(m));
                        }
                    }
                }
            }
            return names;
        }
        finally
        {
            unpinAll(states);
        }
    }

    /**
     * Sizes and counts, from the latest published states.
     *
     * @return the statistics.
     */
    public CubeStats stats()
    {
        final ShardState[] states = pinAll();
        try
        {
            long events = 0;
            long values = 0;
            long late = 0;
            long closedCells = 0;
            long closedBytes = 0;
            long openCells = 0;
            long expired = 0;
            long watermarkMs = Long.MAX_VALUE;
            long maxEventTimeMs = Long.MIN_VALUE;
            for (final ShardState state : states)
            {
                events += state.eventsApplied;
                values += state.valuesApplied;
                late += state.lateEvents;
                closedCells += state.view.cells;
                closedBytes += state.view.footprintBytes;
                expired += state.view.expiredValues;
                for (final Slice slice : state.sealed)
                {
                    openCells += slice.cells();
                }
                for (final Slice slice : state.open)
                {
                    openCells += slice.cells();
                }
                watermarkMs = Math.min(watermarkMs, state.watermarkMs);
                maxEventTimeMs = Math.max(maxEventTimeMs, state.maxEventTimeMs);
            }
            long publications = 0;
            long skipped = 0;
            long cellsPublished = 0;
            long waits = 0;
            for (final CubeUpdater updater : updaters)
            {
                publications += updater.publications();
                skipped += updater.skippedPublications();
                cellsPublished += updater.cellsPublished();
                waits += updater.maintainerWaits();
            }
            long backlog = 0;
            long rollups = 0;
            long errors = 0;
            long blocksRecycled = 0;
            long blocksAllocated = 0;
            for (final CubeMaintainer maintainer : startedMaintainers())
            {
                backlog += maintainer.backlog();
                rollups += maintainer.rollups();
                errors += maintainer.errors();
                blocksRecycled += maintainer.blocksRecycled();
                blocksAllocated += maintainer.blocksAllocated();
            }
            return new CubeStats(states.length, events, values, late, closedCells, closedBytes, openCells, expired,
                watermarkMs, maxEventTimeMs, publications, skipped, cellsPublished, backlog, waits, rollups, errors,
                blocksRecycled, blocksAllocated, queryCache.hits(), queryCache.misses());
        }
        finally
        {
            unpinAll(states);
        }
    }

    /**
     * A hash of everything applied, equal for equal input whatever the thread mode: the sum of the shards'.
     * Read once the engine is closed or drained.
     *
     * @return the hash.
     */
    public long stateHash()
    {
        long hash = 0;
        for (final CubeUpdater updater : updaters)
        {
            hash += updater.stateHash();
        }
        return hash;
    }

    /**
     * Waits until the maintainers have filed every sealed bucket into the closed buckets and rolled up what is due.
     *
     * @param timeoutMs longest wait, for all of them.
     * @return true when caught up.
     */
    public boolean awaitMaintained(final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (final CubeMaintainer maintainer : startedMaintainers())
        {
            final long leftMs = TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadlineNs - System.nanoTime()));
            if (!maintainer.awaitIdle(leftMs))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops the maintainers after each has processed what it was given. Published states stay readable.
     */
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        for (final CubeMaintainer maintainer : startedMaintainers())
        {
            maintainer.close();
        }
    }
}
