/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.netpulse.app.NetpulseCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldShowASeriesRebuiltFromARunsJournal()
    {
        final Path data = dir.resolve("demo");
        final NetpulseCommandTest.Result demo = run("demo", "--elements", "200", "--events", "60000", "--data",
            data.toString(), "--json", "--threads", "sharded:2");
        assertEquals(0, demo.exitCode(), demo.err());
        assertTrue(demo.out().contains("\"windows\":{\"series\":"), demo.out());

        final NetpulseCommandTest.Result element = run("window", "--data", data.toString(), "--node", "1000001",
            "--metric", "traffic_mbps", "--last", "10m", "--decay", "exp:5m");
        assertEquals(0, element.exitCode(), element.err());
        assertTrue(element.out().startsWith("netpulse window: node 1000001, metric traffic_mbps, 1m buckets"),
            element.out());
        assertTrue(element.out().contains(" closed"), element.out());
        assertTrue(element.out().contains("aggregate (exp:5m, at the watermark): count "), element.out());
        assertTrue(element.out().contains("ewma "), element.out());
        assertEquals(10, element.out().lines().filter(line -> line.startsWith("  2026-")).count(), element.out());

        final NetpulseCommandTest.Result network = run("window", "--data", data.toString(), "--node", "network",
            "--metric", "1", "--resolution", "15m", "--json", "--threads", "pipelined");
        assertEquals(0, network.exitCode(), network.err());
        assertEquals("0", network.field("node"));
        assertEquals("900000", network.field("resolutionMs"));
        assertTrue(network.out().contains("\"aggregate\":{\"decay\":\"none\",\"count\":"), network.out());
        assertTrue(network.out().contains("\"ewma\":null"), "no EWMA for a roll-up: " + network.out());

        final NetpulseCommandTest.Result region = run("window", "--data", data.toString(), "--node", "101",
            "--metric", "cpu_util", "--last", "3m", "--json");
        assertEquals(0, region.exitCode(), region.err());
        assertTrue(region.out().contains("\"closed\":true"), region.out());
    }

    @Test
    void shouldExplainWhatItCannotShow()
    {
        final Path data = dir.resolve("demo");
        assertEquals(0, run("demo", "--elements", "50", "--events", "5000", "--data", data.toString()).exitCode());

        final NetpulseCommandTest.Result metric = run("window", "--data", data.toString(), "--node", "1000001",
            "--metric", "nosuch");
        assertEquals(2, metric.exitCode());
        assertTrue(metric.err().contains("cpu_util"), metric.err());

        final NetpulseCommandTest.Result node = run("window", "--data", data.toString(), "--node", "4242",
            "--metric", "1");
        assertEquals(2, node.exitCode());
        assertTrue(node.err().contains("no 1m windows"), node.err());

        final NetpulseCommandTest.Result resolution = run("window", "--data", data.toString(), "--node", "1000001",
            "--metric", "1", "--resolution", "10s");
        assertEquals(2, resolution.exitCode());

        final NetpulseCommandTest.Result id = run("window", "--data", data.toString(), "--node", "x", "--metric", "1");
        assertEquals(2, id.exitCode());
        assertTrue(id.err().contains("--node x"), id.err());

        final NetpulseCommandTest.Result none = run("window", "--data", data.toString(), "--node", "1", "--metric",
            "1", "--windows", "none");
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("no windows"), none.err());

        final NetpulseCommandTest.Result decay = run("window", "--data", data.toString(), "--node", "1", "--metric",
            "1", "--decay", "gauss");
        assertEquals(2, decay.exitCode());

        final NetpulseCommandTest.Result missing = run("window", "--data", dir.resolve("nothing").toString(),
            "--node", "1", "--metric", "1");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("no journal"), missing.err());
    }

    @Test
    void shouldTakeWindowOptionsOnEveryEngineCommand()
    {
        final Path data = dir.resolve("demo");
        final NetpulseCommandTest.Result demo = run("demo", "--elements", "100", "--events", "20000", "--data",
            data.toString(), "--json", "--windows", "10s*30,1h*24", "--allowed-lateness", "1m", "--idle-timeout",
            "10m", "--ewma-half-life", "1m", "--data-gap-factor", "0");
        assertEquals(0, demo.exitCode(), demo.err());
        final NetpulseCommandTest.Result replay = run("replay", "--data", data.toString(), "--json", "--windows",
            "10s*30,1h*24", "--allowed-lateness", "1m", "--idle-timeout", "10m", "--ewma-half-life", "1m",
            "--data-gap-factor", "0");
        assertEquals(demo.field("stateHash"), replay.field("stateHash"), "replay with the same settings");
        final NetpulseCommandTest.Result window = run("window", "--data", data.toString(), "--node", "1000001",
            "--metric", "0", "--resolution", "10s", "--last", "1m", "--windows", "10s*30,1h*24",
            "--allowed-lateness", "1m");
        assertEquals(0, window.exitCode(), window.err());
        assertTrue(window.out().contains("10s buckets"), window.out());

        final NetpulseCommandTest.Result off = run("demo", "--elements", "50", "--events", "5000", "--data",
            dir.resolve("off").toString(), "--json", "--windows", "none");
        assertEquals(0, off.exitCode(), off.err());
        assertTrue(!off.out().contains("\"windows\""), off.out());

        final NetpulseCommandTest.Result bad = run("demo", "--events", "10", "--data", dir.resolve("bad").toString(),
            "--windows", "1m");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("RESOLUTION*BUCKETS"), bad.err());
    }
}
