/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.codec.text.TextFormatOptions;
import io.netpulse.codec.text.TextIdentities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoresFileTest
{
    private static final long T = Instant.parse("2024-01-01T00:05:00Z").toEpochMilli();
    private static final long CELL = TextIdentities.elementIdForName("cell-1");
    private static final int LATENCY = TextIdentities.metricIdForName("latency_ms");

    @TempDir
    Path dir;

    @Test
    void shouldWriteOneRowPerInputRecordInInputOrderWithTheDetectorsScores() throws Exception
    {
        final Path input = Files.writeString(dir.resolve("in.csv"),
            "timestamp,element,metric,value\n" +
            "2024-01-01T00:05:00Z,cell-1,latency_ms,12.5\n" +
            "2024-01-01T01:10:00,cell-1,latency_ms,13\n" +
            "1704067800000,\"cell,2\",7,1.5\n" +
            "2024-01-01T00:15:00Z,cell-1,latency_ms,oops\n" +
            "2024-01-01T00:05:00Z,cell-1,latency_ms,12.5\n" +
            "2024-01-01T00:05:00Z,cell-1,latency_ms,12.5\n");
        final ScoresFile scores = new ScoresFile();
        // the detector's calls, in an order of its own: the second sample (Berlin time) first, then the first
        // sample and its first repeat (the second repeat was never scored)
        scores.onScore(T + 300_000, CELL, LATENCY, 13, 10.0, 2.5, 4.0, true, true);
        scores.onScore(T, CELL, LATENCY, 12.5, Double.NaN, 0, 5.0, false, false);
        scores.onScore(T, CELL, LATENCY, 12.5, 12.0, 0.5, 4.5, true, false);
        scores.onScore(1_704_067_800_000L, TextIdentities.elementIdForName("cell,2"), 7, 1.5, 1.25, -0.5, 3.0, false,
            true);
        assertEquals(4, scores.scored());

        final TextFormatOptions options = new TextFormatOptions()
            .identities(new TextIdentities(true))
            .zone(ZoneId.of("Europe/Berlin"));
        final Path output = dir.resolve("scores.csv");
        assertEquals(6, scores.write(input, options, output));
        assertEquals(List.of(
            "timestamp,element,metric,value,expected,score,threshold,anomaly,alert",
            "2024-01-01T00:05:00Z,cell-1,latency_ms,12.5,NaN,0.0,5.0,0,0",
            "2024-01-01T00:10:00Z,cell-1,latency_ms,13.0,10.0,2.5,4.0,1,1",
            "2024-01-01T00:10:00Z,\"cell,2\",7,1.5,1.25,-0.5,3.0,0,1",
            "2024-01-01T00:15:00Z,cell-1,latency_ms,oops,,,,0,0",
            "2024-01-01T00:05:00Z,cell-1,latency_ms,12.5,12.0,0.5,4.5,1,0",
            "2024-01-01T00:05:00Z,cell-1,latency_ms,12.5,,,,0,0"),
            Files.readAllLines(output));
    }

    @Test
    void shouldKeepManyScoresAndFindEachOnce()
    {
        final ScoresFile scores = new ScoresFile();
        for (int i = 0; i < 5000; i++)
        {
            scores.onScore(T + i * 300_000L, CELL, LATENCY, i, i, 0, 1, false, i == 4321);
        }
        assertEquals(5000, scores.scored());
        assertEquals(4321, scores.take(T + 4321 * 300_000L, CELL, LATENCY));
        assertEquals(-1, scores.take(T + 4321 * 300_000L, CELL, LATENCY));
        assertEquals(-1, scores.take(T + 4321 * 300_000L, CELL, LATENCY + 1));
        assertEquals(-1, scores.take(T + 4321 * 300_000L, CELL + 1, LATENCY));
        assertEquals(0, scores.take(T, CELL, LATENCY));
    }

    @Test
    void shouldSayWhichFileItCannotWrite() throws Exception
    {
        final Path input = Files.writeString(dir.resolve("in.csv"), "timestamp,element,metric,value\n");
        final Path output = Files.createDirectories(dir.resolve("a-directory"));
        final UncheckedIOException thrown = assertThrows(UncheckedIOException.class,
            () -> new ScoresFile().write(input, new TextFormatOptions(), output));
        assertEquals("cannot write " + output, thrown.getMessage());
    }

    @Test
    void shouldQuoteTextThatNeedsIt() throws Exception
    {
        final StringWriter out = new StringWriter();
        ScoresFile.writeText(out, "plain");
        out.write('|');
        ScoresFile.writeText(out, "a \"b\"");
        out.write('|');
        ScoresFile.writeText(out, "two\nlines");
        out.write('|');
        ScoresFile.writeText(out, "cr\r");
        out.write('|');
        ScoresFile.writeText(out, null);
        assertEquals("plain|\"a \"\"b\"\"\"|\"two\nlines\"|\"cr\r\"|", out.toString());
    }

    @Test
    void shouldRunAKpiCsvAndWriteItsScoresFile() throws Exception
    {
        final StringBuilder csv = new StringBuilder("timestamp,element,metric,value\n");
        for (int i = 0; i < 50; i++)
        {
            csv.append(Instant.ofEpochMilli(T + i * 300_000L)).append(",cell-1,latency_ms,")
                .append(20 + 5 * Math.sin(i / 10.0)).append('\n');
        }
        csv.append("2024-01-02T00:00:00Z,cell-1,latency_ms,\n");
        final Path input = Files.writeString(dir.resolve("c.csv"), csv.toString());
        final Path output = dir.resolve("scores.csv");
        final NetpulseCommandTest.Result run = NetpulseCommandTest.run("run", "--input", input.toString(),
            "--format", "kpi-csv", "--data", dir.resolve("data").toString(), "--scores", output.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("50", run.field("events"));
        assertEquals("1", run.field("elements"));
        assertTrue(run.err().contains("51 rows"), run.err());

        final List<String> lines = Files.readAllLines(output);
        assertEquals(52, lines.size());
        assertEquals(ScoresFile.HEADER, lines.get(0));
        assertTrue(lines.get(1).startsWith("2024-01-01T00:05:00Z,cell-1,latency_ms,20.0,"), lines.get(1));
        assertTrue(lines.get(50).startsWith("2024-01-01T04:10:00Z,cell-1,latency_ms,"), lines.get(50));
        assertEquals("2024-01-02T00:00:00Z,cell-1,latency_ms,,,,,0,0", lines.get(51));
        for (final String line : lines.subList(1, lines.size()))
        {
            assertEquals(9, line.split(",", -1).length, line);
        }
    }

    @Test
    void shouldRefuseScoresWithoutKpiCsvOrWithShards() throws Exception
    {
        final Path input = Files.writeString(dir.resolve("c.csv"), "timestamp,element,metric,value\n");
        final NetpulseCommandTest.Result csv = NetpulseCommandTest.run("run", "--input", input.toString(),
            "--format", "csv", "--data", dir.resolve("a").toString(), "--scores", dir.resolve("s.csv").toString());
        assertEquals(2, csv.exitCode());
        assertTrue(csv.err().contains("--scores needs --format kpi-csv"), csv.err());

        final NetpulseCommandTest.Result sharded = NetpulseCommandTest.run("run", "--input", input.toString(),
            "--format", "kpi-csv", "--threads", "sharded:2", "--data", dir.resolve("b").toString(),
            "--scores", dir.resolve("s.csv").toString());
        assertEquals(2, sharded.exitCode());
        assertTrue(sharded.err().contains("--threads fused or pipelined"), sharded.err());
    }
}
