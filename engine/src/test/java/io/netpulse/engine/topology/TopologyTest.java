/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.topology;

import io.netpulse.codec.sbe.NodeLevel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopologyTest
{
    private final Topology topology = new Topology();

    private void network()
    {
        topology.put(101, 0, NodeLevel.REGION, "north", "", "", 0);
        topology.put(102, 0, NodeLevel.REGION, "south", "", "", 0);
        topology.put(1001, 101, NodeLevel.SITE, "site-a", "", "", 0);
        topology.put(1002, 102, NodeLevel.SITE, "site-b", "", "", 0);
        topology.put(1, 1001, NodeLevel.ELEMENT, "cell-1", "gnodeb", "nokia", 60_000);
        topology.put(2, 1001, NodeLevel.ELEMENT, "cell-2", "enodeb", "ericsson", 900_000);
    }

    @Test
    void shouldDenormaliseSiteAndRegion()
    {
        network();
        final int cell = topology.indexOf(1);
        assertEquals(topology.indexOf(1001), topology.site(cell));
        assertEquals(topology.indexOf(101), topology.region(cell));
        assertEquals(topology.indexOf(1001), topology.parent(cell));
        assertEquals(NodeLevel.ELEMENT, topology.level(cell));
        assertEquals("gnodeb", topology.className(topology.equipmentClass(cell)));
        assertEquals("nokia", topology.vendorName(topology.vendor(cell)));
        assertEquals(60_000, topology.expectedIntervalMs(cell));
        assertEquals("cell-1", topology.name(cell));
        assertEquals(1, topology.id(cell));
        assertEquals(2, topology.activeElements());
        assertEquals(7, topology.nodeCount());
        assertEquals(3, topology.classCount());
        assertEquals(3, topology.vendorCount());
        assertEquals(Topology.MISSING, topology.region(Topology.ROOT));
        assertEquals(Topology.MISSING, topology.indexOf(99));
    }

    @Test
    void shouldMoveASiteWithItsElements()
    {
        network();
        final long before = topology.stateHash();
        topology.put(1001, 102, NodeLevel.SITE, "site-a", "", "", 0);
        assertEquals(topology.indexOf(102), topology.region(topology.indexOf(1)));
        assertEquals(topology.indexOf(102), topology.region(topology.indexOf(2)));
        assertEquals(topology.indexOf(1001), topology.site(topology.indexOf(2)));
        assertNotEquals(before, topology.stateHash());
    }

    @Test
    void shouldMoveAnElementKeepingItsIndex()
    {
        network();
        final int cell = topology.indexOf(1);
        assertEquals(cell, topology.put(1, 1002, NodeLevel.ELEMENT, "cell-1", "gnodeb", "nokia", 60_000));
        assertEquals(topology.indexOf(1002), topology.site(cell));
        assertEquals(topology.indexOf(102), topology.region(cell));
    }

    @Test
    void shouldHoldAPlaceForAParentNamedBeforeItIsDescribed()
    {
        topology.put(5, 777, NodeLevel.ELEMENT, "early", "", "", 0);
        final int placeholder = topology.indexOf(777);
        assertEquals(NodeLevel.SITE, topology.level(placeholder));
        assertEquals(placeholder, topology.site(topology.indexOf(5)));

        topology.put(777, 70, NodeLevel.SITE, "site-777", "", "", 0);
        assertEquals(NodeLevel.REGION, topology.level(topology.indexOf(70)));
        assertEquals(topology.indexOf(70), topology.region(topology.indexOf(5)));
        assertEquals("site-777", topology.name(placeholder));

        topology.put(9, 888, NodeLevel.REGION, "r", "", "", 0);
        assertEquals(NodeLevel.REGION, topology.level(topology.indexOf(888)));
    }

    @Test
    void shouldForgetRemovedNodes()
    {
        network();
        final int cell = topology.indexOf(2);
        assertEquals(cell, topology.remove(2));
        assertTrue(topology.isRemoved(cell));
        assertFalse(topology.isRemoved(topology.indexOf(1)));
        assertEquals(Topology.MISSING, topology.indexOf(2));
        assertEquals(1, topology.activeElements());
        assertEquals(Topology.MISSING, topology.remove(2));
        assertEquals(Topology.MISSING, topology.remove(0));

        final int again = topology.put(2, 1001, NodeLevel.ELEMENT, "cell-2", "", "", 0);
        assertNotEquals(cell, again, "indices are never reused");
        assertEquals(2, topology.activeElements());
    }

    @Test
    void shouldTrackActiveElementsWhenALevelChanges()
    {
        network();
        topology.put(1, 1001, NodeLevel.SITE, "now-a-site", "", "", 0);
        assertEquals(1, topology.activeElements());
        topology.put(1, 1001, NodeLevel.ELEMENT, "element-again", "", "", 0);
        assertEquals(2, topology.activeElements());
        final long version = topology.version();
        topology.put(1, 1001, NodeLevel.ELEMENT, "same", "", "", 0);
        assertEquals(version + 1, topology.version());
    }

    @Test
    void shouldRefuseTheRootId()
    {
        assertThrows(IllegalArgumentException.class, () -> topology.put(0, 0, NodeLevel.REGION, "x", "", "", 0));
    }

    @Test
    void shouldGrowPastInitialCapacity()
    {
        topology.put(101, 0, NodeLevel.REGION, "r", "", "", 0);
        topology.put(1001, 101, NodeLevel.SITE, "s", "", "", 0);
        for (int i = 0; i < 5000; i++)
        {
            topology.put(10_000 + i, 1001, NodeLevel.ELEMENT, "e" + i, "c" + (i % 7), "v" + (i % 3), 0);
        }
        assertEquals(5000, topology.activeElements());
        assertEquals(topology.indexOf(101), topology.region(topology.indexOf(14_999)));
        assertEquals("e4999", topology.name(topology.indexOf(14_999)));
    }

    @Test
    void shouldHashEqualTopologiesEqually()
    {
        network();
        final Topology other = new Topology();
        other.put(101, 0, NodeLevel.REGION, "north", "", "", 0);
        other.put(102, 0, NodeLevel.REGION, "south", "", "", 0);
        other.put(1001, 101, NodeLevel.SITE, "site-a", "", "", 0);
        other.put(1002, 102, NodeLevel.SITE, "site-b", "", "", 0);
        other.put(1, 1001, NodeLevel.ELEMENT, "cell-1", "gnodeb", "nokia", 60_000);
        other.put(2, 1001, NodeLevel.ELEMENT, "cell-2", "enodeb", "ericsson", 900_000);
        assertEquals(topology.stateHash(), other.stateHash());
        other.put(2, 1001, NodeLevel.ELEMENT, "cell-2", "enodeb", "nokia", 900_000);
        assertNotEquals(topology.stateHash(), other.stateHash());
    }
}
