/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine;

import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.engine.alert.AlertJson;
import io.netpulse.engine.ring.EventPublisher;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the embedding example of the README, and checks the README still shows exactly this code.
 */
class EmbeddingExampleTest
{
    @TempDir
    Path dataDirectory;

    @Test
    void shouldRunTheReadmeExample() throws Exception
    {
        final Path topologyFile = Files.writeString(dataDirectory.resolve("topology.csv"),
            "id,parent,level,name,equipment_class,vendor,expected_interval_ms\n" +
            "101,0,region,north,,,0\n10001,101,site,s1,,,0\n1000001,10001,element,cell-1,gnodeb,nokia,60000\n");
        final List<String> alerts = new ArrayList<>();
        final long eventTimeMs = 1_767_571_200_000L;
        final long elementId = 1_000_001;
        final int metricId = 2;
        final double value = 12.5;

        // example:start
        try (Engine engine = Engine.builder()
            .journalDirectory(dataDirectory.resolve("journal"))
            .topologyFile(topologyFile)
            .alertSink(alert -> alerts.add(AlertJson.append(new StringBuilder(), alert).toString()))
            .build())
        {
            final EventPublisher feed = engine.newPublisher("gateway-feed");
            final EventFrameEncoder encoder = new EventFrameEncoder();
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);

            final int length = encoder.kpiSample(frame, 0, eventTimeMs, elementId, metricId, value, 0);
            if (feed.publish(frame, 0, length) == EventPublisher.REJECTED)
            {
                System.err.println("refused: " + feed.lastRejectReason().description());
            }
        }
        // example:end

        assertTrue(alerts.isEmpty());
        assertTrue(Files.isDirectory(dataDirectory.resolve("journal").resolve("input")));
    }

    @Test
    void shouldMatchTheReadme() throws Exception
    {
        final String source = Files.readString(
            Path.of("src/test/java/io/netpulse/engine/EmbeddingExampleTest.java"), StandardCharsets.UTF_8);
        final String example = between(source, "// example:start\n", "        // example:end");
        final String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        final String shown = between(readme, "<!-- embedding-example:start -->\n```java\n", "```\n<!-- embedding-example:end -->");
        assertEquals(normalise(example), normalise(shown));
    }

    private static String between(final String text, final String start, final String end)
    {
        final int from = text.indexOf(start);
        final int to = text.indexOf(end, from);
        assertTrue(from >= 0 && to > from, "markers " + start.trim() + " .. " + end.trim());
        return text.substring(from + start.length(), to);
    }

    private static String normalise(final String code)
    {
        final StringBuilder out = new StringBuilder();
        for (final String line : code.split("\n"))
        {
            out.append(line.strip()).append('\n');
        }
        return out.toString().strip();
    }
}
