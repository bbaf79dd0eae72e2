/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.topology;

import io.netpulse.codec.sbe.NodeLevel;

import java.util.Arrays;

/**
 * Topology-aware partitioning for the sharded thread mode: every element of a region lives on one shard, so
 * region roll-ups need no traffic between shards, and regions are spread over the shards by their expected event
 * rate (elements divided by their expected reporting interval).
 * <p>
 * A region is assigned when the first data event for any region arrives (then every region known so far is
 * placed at once, heaviest first, each on the least loaded shard) or, for regions that appear later, at its own
 * first data event or when a node moves under it. An assignment is kept for the region's life: moving a region
 * would mean handing the state of every element in it to another shard. Everything here is a function of the
 * events in ring order, so the same input gives the same assignment in every run; and no state hash depends on
 * it, so runs with different shard counts reach the same state.
 * <p>
 * Elements without a region go to shard 0. Single writer: the router.
 */
public final class ShardAssigner
{
    /** Shard of a region not yet assigned. */
    public static final int UNASSIGNED = -1;

    /** Reporting interval assumed for elements that declare none. */
    static final int DEFAULT_INTERVAL_MS = 60_000;

    private final int shardCount;
    private final double[] shardLoad;
    private int[] regionShard = new int[1024];
    private boolean placedAll;

    /**
     * An assigner for a number of shards.
     *
     * @param shardCount shards, at least 1.
     */
    public ShardAssigner(final int shardCount)
    {
        if (shardCount < 1)
        {
            throw new IllegalArgumentException("shardCount must be >= 1: " + shardCount);
        }
        this.shardCount = shardCount;
        this.shardLoad = new double[shardCount];
        Arrays.fill(regionShard, UNASSIGNED);
    }

    /**
     * The shard of a region, assigning it (and, the first time, every known region) when it has none yet.
     *
     * @param topology    the hierarchy.
     * @param regionIndex dense index of the region, or {@link Topology#MISSING}.
     * @return the shard.
     */
    public int shardOf(final Topology topology, final int regionIndex)
    {
        if (1 == shardCount || Topology.MISSING == regionIndex)
        {
            return 0;
        }
        if (regionIndex < regionShard.length && UNASSIGNED != regionShard[regionIndex])
        {
            return regionShard[regionIndex];
        }
        return assign(topology, regionIndex);
    }

    /**
     * The shard of a region if it has one, without assigning.
     *
     * @param regionIndex dense index of the region, or {@link Topology#MISSING}.
     * @return the shard, or {@link #UNASSIGNED}.
     */
    public int assignedShard(final int regionIndex)
    {
        if (1 == shardCount || Topology.MISSING == regionIndex)
        {
            return 0;
        }
        return regionIndex < regionShard.length ? regionShard[regionIndex] : UNASSIGNED;
    }

    private int assign(final Topology topology, final int regionIndex)
    {
        final double[] weights = regionWeights(topology);
        ensureCapacity(topology.nodeCount());
        if (!placedAll)
        {
            placedAll = true;
            final Integer[] regions = regionsByWeight(topology, weights);
            for (final Integer region : regions)
            {
                place(region, weights[region]);
            }
        }
        if (UNASSIGNED == regionShard[regionIndex])
        {
            place(regionIndex, weights[regionIndex]);
        }
        return regionShard[regionIndex];
    }

    private void place(final int regionIndex, final double weight)
    {
        int lightest = 0;
        for (int shard = 1; shard < shardCount; shard++)
        {
            if (shardLoad[shard] < shardLoad[lightest])
            {
                lightest = shard;
            }
        }
        regionShard[regionIndex] = lightest;
        shardLoad[lightest] += weight;
    }

    private static double[] regionWeights(final Topology topology)
    {
        final int nodes = topology.nodeCount();
        final double[] weights = new double[nodes];
        for (int i = 0; i < nodes; i++)
        {
            if (!topology.isRemoved(i) && topology.level(i) == NodeLevel.ELEMENT)
            {
                final int region = topology.region(i);
                if (Topology.MISSING != region)
                {
                    final int intervalMs = topology.expectedIntervalMs(i);
                    weights[region] += (double)DEFAULT_INTERVAL_MS / (intervalMs > 0 ? intervalMs : DEFAULT_INTERVAL_MS);
                }
            }
        }
        return weights;
    }

    private static Integer[] regionsByWeight(final Topology topology, final double[] weights)
    {
        int count = 0;
        final int nodes = topology.nodeCount();
        final Integer[] regions = new Integer[nodes];
        for (int i = 0; i < nodes; i++)
        {
            if (!topology.isRemoved(i) && topology.level(i) == NodeLevel.REGION)
            {
                regions[count++] = i;
            }
        }
        final Integer[] sorted = Arrays.copyOf(regions, count);
        // heaviest first (longest-processing-time), ties by index, so the placement is a function of the topology
        Arrays.sort(sorted, (a, b) -> weights[a] != weights[b] ? Double.compare(weights[b], weights[a]) : a - b);
        return sorted;
    }

    private void ensureCapacity(final int nodes)
    {
        if (regionShard.length < nodes)
        {
            final int oldLength = regionShard.length;
            regionShard = Arrays.copyOf(regionShard, Math.max(nodes, oldLength * 2));
            Arrays.fill(regionShard, oldLength, regionShard.length, UNASSIGNED);
        }
    }

    /**
     * Shards there are.
     *
     * @return the shard count.
     */
    public int shardCount()
    {
        return shardCount;
    }

    /**
     * The expected load placed on a shard so far, in events per minute of expected reporting.
     *
     * @param shard the shard.
     * @return the load.
     */
    public double load(final int shard)
    {
        return shardLoad[shard];
    }
}
