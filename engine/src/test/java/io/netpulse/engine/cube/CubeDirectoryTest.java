/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.codec.sbe.NodeLevel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The names queries resolve follow the topology from the end of the batch that changed it: a bulk load, a rename
 * and move, a removal and a bulk change of known nodes, each nameable at once, while a directory a query already
 * holds stays as it was.
 */
class CubeDirectoryTest
{
    private static final int ELEMENTS = 2 * Directory.CHUNK + 40;

    private static CubeHarness loaded()
    {
        final CubeHarness harness = new CubeHarness(CubeConfig.DEFAULTS);
        harness.node(1, 0, NodeLevel.REGION, "north", "", "");
        harness.node(2, 1, NodeLevel.SITE, "hill", "", "");
        harness.node(3, 1, NodeLevel.SITE, "dale", "", "");
        for (int e = 0; e < ELEMENTS; e++)
        {
            harness.node(100 + e, 2, NodeLevel.ELEMENT, "cell-" + e, "gnodeb", "nokia");
        }
        return harness;
    }

    @Test
    void everyNodeOfABulkLoadIsNameableAtTheEndOfItsBatch()
    {
        final CubeHarness harness = loaded();
        final Directory directory = harness.cube.directory();
        for (int e = 0; e < ELEMENTS; e++)
        {
            assertEquals(List.of(harness.topology.indexOf(100 + e)),
                directory.findNodes(NodeLevel.ELEMENT, "cell-" + e), "cell-" + e);
        }
        // a query filtering by the last node loaded resolves it (no data yet: no rows, no error)
        final CubeResult result = harness.cube.query().where(Dimension.ELEMENT, "cell-" + (ELEMENTS - 1))
            .groupBy(Dimension.ELEMENT).execute();
        assertEquals(0, result.rows().size());
        assertEquals(harness.topology.nodeCount(), directory.nodeCount());
        harness.cube.close();
    }

    @Test
    void aRenameMoveAndRemovalAreNameableAtOnceAndAnEarlierDirectoryKeepsItsNames()
    {
        final CubeHarness harness = loaded();
        final Directory before = harness.cube.directory();
        final int renamed = harness.topology.indexOf(105);
        final int removed = harness.topology.indexOf(100 + Directory.CHUNK + 7);

        harness.node(105, 3, NodeLevel.ELEMENT, "cell-5-moved", "gnodeb", "ericsson");
        harness.removeNode(100 + Directory.CHUNK + 7, NodeLevel.ELEMENT);
        harness.node(100 + ELEMENTS, 3, NodeLevel.ELEMENT, "cell-new", "enodeb", "nokia");

        final Directory after = harness.cube.directory();
        assertEquals(List.of(renamed), after.findNodes(NodeLevel.ELEMENT, "cell-5-moved"));
        assertEquals(List.of(), after.findNodes(NodeLevel.ELEMENT, "cell-5"));
        assertEquals(harness.topology.indexOf(3), after.parent(renamed));
        assertEquals("ericsson", after.vendorName(after.vendor(renamed)));
        assertTrue(after.isRemoved(removed));
        assertEquals(List.of(harness.topology.indexOf(100 + ELEMENTS)),
            after.findNodes(NodeLevel.ELEMENT, "cell-new"));
        assertEquals("enodeb", after.className(after.equipmentClass(harness.topology.indexOf(100 + ELEMENTS))));

        // the directory a query held before the changes still answers as it did
        assertEquals("cell-5", before.name(renamed));
        assertEquals(harness.topology.indexOf(2), before.parent(renamed));
        assertFalse(before.isRemoved(removed));
        assertEquals(harness.topology.nodeCount() - 1, before.nodeCount());
        assertEquals("#" + (before.nodeCount()), before.name(before.nodeCount()));
        harness.cube.close();
    }

    @Test
    void aBulkChangeOfKnownNodesInOneBatchIsNameableAtItsEnd()
    {
        final CubeHarness harness = loaded();
        harness.endOfBatch = false;
        for (int round = 0; round < 5; round++)
        {
            for (int e = 0; e < ELEMENTS; e++)
            {
                harness.node(100 + e, 2 + (round + e) % 2, NodeLevel.ELEMENT, "cell-" + e + "-r" + round, "gnodeb",
                    "nokia");
            }
        }
        harness.flush();
        final Directory directory = harness.cube.directory();
        for (int e = 0; e < ELEMENTS; e++)
        {
            final int index = harness.topology.indexOf(100 + e);
            assertEquals("cell-" + e + "-r4", directory.name(index));
            assertEquals(harness.topology.indexOf(2 + (4 + e) % 2), directory.parent(index));
        }
        harness.cube.close();
    }
}
