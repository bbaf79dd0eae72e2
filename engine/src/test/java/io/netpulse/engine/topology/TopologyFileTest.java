/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.topology;

import io.netpulse.codec.sbe.NodeLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopologyFileTest
{
    @TempDir
    Path dir;

    private Path file(final String content) throws Exception
    {
        final Path path = dir.resolve("topology.csv");
        Files.writeString(path, content);
        return path;
    }

    @Test
    void shouldRoundTrip()
    {
        final List<TopologyFile.Node> nodes = List.of(
            new TopologyFile.Node(101, 0, NodeLevel.REGION, "north", "", "", 0),
            new TopologyFile.Node(1001, 101, NodeLevel.SITE, "site-a", "", "", 0),
            new TopologyFile.Node(5, 1001, NodeLevel.ELEMENT, "cell-5", "gnodeb", "nokia", 60_000));
        final Path path = dir.resolve("t.csv");
        TopologyFile.write(path, nodes);
        assertEquals(nodes, TopologyFile.read(path));
    }

    @Test
    void shouldSkipCommentsAndBlankLines() throws Exception
    {
        final Path path = file("# my network\n\n" + TopologyFile.HEADER + "\n# regions\n101,0,region,north,,,\n");
        final List<TopologyFile.Node> nodes = TopologyFile.read(path);
        assertEquals(1, nodes.size());
        assertEquals(0, nodes.get(0).expectedIntervalMs());
    }

    @Test
    void shouldNameLineAndColumnOfBadValues() throws Exception
    {
        assertMessage(file("id,parent\n"), "expected header");
        assertMessage(file(TopologyFile.HEADER + "\n101,0,region\n"), ":2: expected 7 columns, found 3");
        assertMessage(file(TopologyFile.HEADER + "\nx,0,region,n,,,0\n"), ":2:1: id is not a number: 'x'");
        assertMessage(file(TopologyFile.HEADER + "\n1,y,region,n,,,0\n"), ":2:2: parent is not a number");
        assertMessage(file(TopologyFile.HEADER + "\n1,0,planet,n,,,0\n"), ":2:3: level must be region, site or element");
        assertMessage(file(TopologyFile.HEADER + "\n1,0,site,n,,,-5\n"), ":2:7: interval out of range");
        assertMessage(file(TopologyFile.HEADER + "\n0,0,site,n,,,0\n"), ":2:1: id 0 is the network root");
        assertMessage(dir.resolve("missing.csv"), "cannot read topology file");
    }

    private static void assertMessage(final Path path, final String expected)
    {
        final RuntimeException ex = assertThrows(RuntimeException.class, () -> TopologyFile.read(path));
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }

    @Test
    void shouldRefuseNamesThatBreakTheFormat()
    {
        final List<TopologyFile.Node> nodes = List.of(
            new TopologyFile.Node(101, 0, NodeLevel.REGION, "north, east", "", "", 0));
        assertThrows(IllegalArgumentException.class, () -> TopologyFile.write(dir.resolve("bad.csv"), nodes));
    }
}
