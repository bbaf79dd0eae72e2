/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetpulseCommandTest
{
    @TempDir
    Path dir;

    /** What a command printed and returned. */
    record Result(int exitCode, String out, String err)
    {
        String field(final String name)
        {
            final Matcher matcher = Pattern.compile("\"" + name + "\":\"?([^,\"}]*)").matcher(out);
            return matcher.find() ? matcher.group(1) : null;
        }
    }

    static Result run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = Netpulse.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void shouldPrintUsage()
    {
        final Result result = run();
        assertEquals(0, result.exitCode());
        assertTrue(result.out().contains("demo"), result.out());
        assertTrue(run("--help").out().contains("replay"));
        assertTrue(run("--version").out().contains("netpulse"));
    }

    @Test
    void shouldRunTheDemoAndReplayItToTheSameState()
    {
        final Path data = dir.resolve("demo");
        final Result demo = run("demo", "--elements", "300", "--events", "50000", "--data", data.toString(), "--json");
        assertEquals(0, demo.exitCode(), demo.err());
        assertTrue(demo.out().trim().startsWith("{") && demo.out().trim().endsWith("}"), demo.out());
        assertEquals("50000", demo.field("events"));
        assertEquals("300", demo.field("elements"));
        assertTrue(Long.parseLong(demo.field("eventsPerSecond")) > 0);
        assertTrue(demo.out().contains("\"rejected\":{\"total\":"));
        assertTrue(demo.out().contains("\"alertsByKind\":{\"unknown_element\":0"));
        assertTrue(Files.exists(data.resolve("summary.json")));
        assertTrue(Files.exists(data.resolve("input.frames.labels.ndjson")));
        final String hash = demo.field("stateHash");
        assertEquals(16, hash.length());
        // The cube applies every data event but those behind its own sealed minutes, and copies the open minutes'
        // changed cells into the states it publishes.
        final Result cube = new Result(0, demo.out().substring(demo.out().indexOf("\"cube\":{")), "");
        assertEquals(50_000, Long.parseLong(cube.field("eventsApplied")) + Long.parseLong(cube.field("lateEvents")));
        assertTrue(Long.parseLong(cube.field("valuesApplied")) > Long.parseLong(cube.field("eventsApplied")));
        assertTrue(Long.parseLong(cube.field("closedCells")) > 0);
        assertTrue(Long.parseLong(cube.field("cellsPublished")) > 0);

        final Result replay = run("replay", "--data", data.toString(), "--json");
        assertEquals(0, replay.exitCode(), replay.err());
        assertEquals(hash, replay.field("stateHash"));
        assertEquals("50000", replay.field("events"));

        final Result pipelined = run("replay", "--data", data.toString(), "--threads", "pipelined", "--json");
        assertEquals(hash, pipelined.field("stateHash"));

        final Result partial = run("replay", "--data", data.toString(), "--to", "1000", "--json");
        assertFalse(hash.equals(partial.field("stateHash")));
        assertEquals("1000", partial.field("published"));

        final Result table = run("demo", "--elements", "300", "--events", "20000", "--data", data.toString());
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().startsWith("netpulse demo: 20,000 events in "), table.out());
        assertTrue(table.out().contains("journal   "), table.out());
    }

    @Test
    void shouldLeaveOutTheStagesItIsToldTo()
    {
        final Path data = dir.resolve("without");
        final Result all = run("demo", "--elements", "300", "--events", "30000", "--data", data.toString(), "--json");
        assertEquals(0, all.exitCode(), all.err());
        assertTrue(all.out().contains("\"cube\":{") && all.out().contains("\"windows\":{"), all.out());

        final Result light = run("demo", "--elements", "300", "--events", "30000", "--data", data.toString(), "--json",
            "--without", "anomaly,cube");
        assertEquals(0, light.exitCode(), light.err());
        assertFalse(light.out().contains("\"cube\":"), light.out());
        assertTrue(light.out().contains("\"windows\":{"), light.out());
        final Result noCube = run("demo", "--elements", "300", "--events", "30000", "--data",
            dir.resolve("no-cube").toString(), "--json", "--without", "Cube");
        assertFalse(noCube.out().contains("\"cube\":"), noCube.out());
        // the detector's state is part of the engine's: leaving it out as well changes the hash
        assertFalse(light.field("stateHash").equals(noCube.field("stateHash")));
        assertFalse(all.field("stateHash").equals(noCube.field("stateHash")));

        // a replay keeps the stages it is given, not the ones the run had
        assertEquals(light.field("stateHash"),
            run("replay", "--data", data.toString(), "--json", "--without", "anomaly", "--without", "cube")
                .field("stateHash"));
        assertEquals(all.field("stateHash"), run("replay", "--data", data.toString(), "--json").field("stateHash"));

        final Result noWindows = run("demo", "--elements", "50", "--events", "5000", "--data",
            dir.resolve("no-windows").toString(), "--json", "--without", "windows");
        assertEquals(0, noWindows.exitCode(), noWindows.err());
        assertFalse(noWindows.out().contains("\"windows\":"), noWindows.out());

        final Result unknown = run("demo", "--events", "10", "--data", dir.resolve("x").toString(), "--without",
            "journal");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("no built-in stage 'journal'"), unknown.err());
        final Result serve = run("serve", "--data", dir.resolve("s").toString(), "--without", "cube");
        assertEquals(2, serve.exitCode());
        assertTrue(serve.err().contains("keeps one"), serve.err());
        final Result evaluate = run("evaluate", "--without", "anomaly");
        assertEquals(2, evaluate.exitCode());
        assertTrue(evaluate.err().contains("anomaly detector"), evaluate.err());
    }

    @Test
    void shouldGenerateAndRunAFrameFile() throws Exception
    {
        final Path frames = dir.resolve("net.frames");
        final Result generate = run("generate", "--elements", "100", "--events", "20000", "--seed", "7",
            "--out", frames.toString());
        assertEquals(0, generate.exitCode(), generate.err());
        assertTrue(generate.out().contains("wrote 20,000 valid events"), generate.out());
        assertTrue(Files.size(frames) > 20000 * 40);
        assertTrue(Files.exists(dir.resolve("net.frames.topology.csv")));

        final Path data = dir.resolve("run");
        final Result run = run("run", "--input", frames.toString(), "--data", data.toString(), "--json",
            "--alerts-console", "--wait", "sleeping", "--ring-size", "1024");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("20000", run.field("events"));

        final Result again = run("run", "--input", frames.toString(), "--data", data.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("--overwrite"), again.err());

        final Result overwrite = run("run", "--input", frames.toString(), "--data", data.toString(), "--overwrite",
            "--topology", dir.resolve("net.frames.topology.csv").toString(), "--json");
        assertEquals(0, overwrite.exitCode(), overwrite.err());
        assertEquals(run.field("events"), overwrite.field("events"));
        assertEquals(run.field("elements"), overwrite.field("elements"), "the same topology loaded twice");
        assertEquals(2 * Long.parseLong(run.field("topology")), Long.parseLong(overwrite.field("topology")));
    }

    @Test
    void shouldExplainBadUsage() throws Exception
    {
        final Result missing = run("run", "--input", dir.resolve("nope").toString(), "--data", dir.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("no such file"), missing.err());

        final Path file = Files.writeString(dir.resolve("x.frames"), "");
        final Result format = run("run", "--input", file.toString(), "--format", "xml");
        assertEquals(2, format.exitCode());
        assertTrue(format.err().contains("--format xml"), format.err());

        final Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("precious.txt"), "keep me");
        final Result refuse = run("demo", "--events", "10", "--data", foreign.toString());
        assertEquals(2, refuse.exitCode());
        assertTrue(refuse.err().contains("was not made by netpulse"), refuse.err());
        assertTrue(Files.exists(foreign.resolve("precious.txt")));

        final Result threads = run("demo", "--events", "10", "--data", dir.resolve("d").toString(), "--threads", "x");
        assertEquals(2, threads.exitCode());
        assertTrue(threads.err().contains("unknown thread mode"), threads.err());

        final Result replay = run("replay", "--data", dir.resolve("empty").toString());
        assertEquals(2, replay.exitCode());
        assertTrue(replay.err().contains("no journal"), replay.err());

        final Result unknownOption = run("demo", "--bogus");
        assertEquals(2, unknownOption.exitCode());
    }
}
