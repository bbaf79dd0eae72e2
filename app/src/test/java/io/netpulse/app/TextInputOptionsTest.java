/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.codec.text.TextFormat;
import io.netpulse.codec.text.TextIdentities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextInputOptionsTest
{
    @TempDir
    Path dir;

    @Test
    void shouldCountBytesReadEitherWay() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("x.csv"), "h\u00e9llo");
        try (TextInputOptions.CountingInputStream in = TextInputOptions.open(file))
        {
            assertEquals('h', in.read());
            assertEquals(1, in.count());
            assertEquals(5, in.read(new byte[10], 0, 10));
            assertEquals(6, in.count());
            assertEquals(-1, in.read());
            assertEquals(-1, in.read(new byte[10], 0, 10));
            assertEquals(6, in.count());
        }
        assertThrows(UncheckedIOException.class, () -> TextInputOptions.open(dir.resolve("missing")));
        assertEquals("h\u00e9llo", new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    @Test
    void shouldNameFormatsAndMapTopologyNames() throws IOException
    {
        assertNull(TextInputOptions.textFormat("frames"));
        assertEquals(TextFormat.NDJSON, TextInputOptions.textFormat("ndjson"));
        assertThrows(IllegalArgumentException.class, () -> TextInputOptions.textFormat("xml"));
        final Path topology = Files.writeString(dir.resolve("t.csv"),
            "id,parent,level,name,equipment_class,vendor,expected_interval_ms\n" +
            "101,0,region,north,,,0\n1000001,101,element,cell-1,gnodeb,nokia,60000\n");
        final TextIdentities identities = TextInputOptions.identities(topology, false);
        assertEquals(1_000_001, identities.elementId("cell-1"));
        assertEquals(101, identities.elementId("north"));
        assertEquals(TextIdentities.elementIdForName("cell-2"), identities.elementId("cell-2"));
        final TextInputOptions options = new TextInputOptions();
        options.timeZone = "UTC";
        options.delimiter = "tab";
        options.channelField = "channel";
        assertEquals('\t', options.toOptions(identities).delimiter());
        options.delimiter = "\\t";
        assertEquals('\t', options.toOptions(identities).delimiter());
        options.delimiter = "\"";
        assertThrows(IllegalArgumentException.class, () -> options.toOptions(identities));
    }
}
