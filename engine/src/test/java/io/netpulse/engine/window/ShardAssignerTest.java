/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.engine.topology.ShardAssigner;
import io.netpulse.engine.topology.Topology;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShardAssignerTest
{
    private static Topology topology(final int[] elementsPerRegion, final int intervalMs)
    {
        final Topology topology = new Topology();
        long id = 1;
        for (int r = 0; r < elementsPerRegion.length; r++)
        {
            final long region = 100 + r;
            topology.put(region, 0, NodeLevel.REGION, "r" + r, "", "", 0);
            final long site = 1000 + r;
            topology.put(site, region, NodeLevel.SITE, "s" + r, "", "", 0);
            for (int e = 0; e < elementsPerRegion[r]; e++)
            {
                topology.put(10_000 + id++, site, NodeLevel.ELEMENT, "e", "", "", intervalMs);
            }
        }
        return topology;
    }

    @Test
    void shouldPlaceHeaviestRegionsFirstOnTheLeastLoadedShard()
    {
        // regions of 50, 40, 30, 20 and 10 elements over two shards: 50+20+10 = 80 and 40+30 = 70
        final Topology topology = topology(new int[]{30, 50, 10, 40, 20}, 60_000);
        final ShardAssigner assigner = new ShardAssigner(2);
        assertEquals(ShardAssigner.UNASSIGNED, assigner.assignedShard(topology.indexOf(101)));
        final int first = assigner.shardOf(topology, topology.indexOf(100));
        assertEquals(1, first, "the 30-element region goes to the shard without the 50-element one");
        assertEquals(0, assigner.assignedShard(topology.indexOf(101)), "every known region was placed at once");
        assertEquals(1, assigner.shardOf(topology, topology.indexOf(103)));
        assertEquals(0, assigner.shardOf(topology, topology.indexOf(102)));
        assertEquals(0, assigner.shardOf(topology, topology.indexOf(104)));
        assertEquals(80.0, assigner.load(0));
        assertEquals(70.0, assigner.load(1));
        assertEquals(2, assigner.shardCount());
        assertEquals(0, assigner.shardOf(topology, Topology.MISSING), "elements without a region: shard 0");
        assertEquals(0, assigner.assignedShard(Topology.MISSING));
    }

    @Test
    void shouldWeighRegionsByExpectedRateAndPlaceLateRegionsOnTheLightestShard()
    {
        // one region reports every 15 s (four times the rate of the others)
        final Topology topology = topology(new int[]{10, 10}, 60_000);
        topology.put(10_999, 1000, NodeLevel.ELEMENT, "fast", "", "", 15_000);
        topology.put(10_998, 1001, NodeLevel.ELEMENT, "unknown-interval", "", "", 0);
        final ShardAssigner assigner = new ShardAssigner(3);
        assigner.shardOf(topology, topology.indexOf(100));
        assertEquals(14.0, assigner.load(0));
        assertEquals(11.0, assigner.load(1));
        assertEquals(0.0, assigner.load(2));

        topology.put(102, 0, NodeLevel.REGION, "late", "", "", 0);
        for (int i = 0; i < 300; i++)
        {
            topology.put(20_000 + i, 102, NodeLevel.ELEMENT, "e", "", "", 60_000);
        }
        assertEquals(2, assigner.shardOf(topology, topology.indexOf(102)));
        assertEquals(2, assigner.shardOf(topology, topology.indexOf(102)), "kept");
        assertEquals(300.0, assigner.load(2));
    }

    @Test
    void shouldPutEverythingOnShardZeroWhenThereIsOneShard()
    {
        final Topology topology = topology(new int[]{3, 3}, 60_000);
        final ShardAssigner assigner = new ShardAssigner(1);
        assertEquals(0, assigner.shardOf(topology, topology.indexOf(101)));
        assertEquals(0, assigner.assignedShard(topology.indexOf(100)));
        assertThrows(IllegalArgumentException.class, () -> new ShardAssigner(0));
        final ShardAssigner two = new ShardAssigner(2);
        assertNotEquals(two.shardOf(topology, topology.indexOf(100)), two.shardOf(topology, topology.indexOf(101)));
    }
}
