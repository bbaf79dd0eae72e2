/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupportTest
{
    @Test
    void shouldWriteJson()
    {
        final Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("a", 1L);
        counts.put("b", 2L);
        final String json = new JsonWriter().beginObject()
            .field("s", "q\"\\\n\r\t\u0001")
            .field("n", 5L)
            .field("d", 1.5)
            .field("nan", Double.NaN)
            .field("t", true)
            .field("counts", counts)
            .name("list").beginArray().value("x").value((String)null).raw("{}").endArray()
            .endObject().toString();
        assertEquals("{\"s\":\"q\\\"\\\\\\n\\r\\t\\u0001\",\"n\":5,\"d\":1.5,\"nan\":null,\"t\":true," +
            "\"counts\":{\"a\":1,\"b\":2},\"list\":[\"x\",null,{}]}", json);
    }

    @Test
    void shouldRenderProgress()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "gen", "ev", true);
        assertEquals("gen [###############...............]  50% 500 ev 250/s", bar.render(500, 1000, 2_000_000_000L));
        bar.update(1000, 1000);
        bar.finish();
        assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("\rgen [#####"));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).endsWith(System.lineSeparator()));

        final ByteArrayOutputStream silent = new ByteArrayOutputStream();
        final ProgressBar off = new ProgressBar(new PrintStream(silent, true, StandardCharsets.UTF_8), "x", "y", false);
        off.update(1, 2);
        off.finish();
        assertEquals(0, silent.size());
    }

    @Test
    void shouldShortenNumbers()
    {
        assertEquals("999", ProgressBar.human(999));
        assertEquals("1.5k", ProgressBar.human(1_500));
        assertEquals("2.50M", ProgressBar.human(2_500_000));
        assertEquals("3.00G", ProgressBar.human(3_000_000_000L));
        assertEquals("12 ns", RunReport.duration(12));
        assertEquals("1.5 us", RunReport.duration(1_500));
        assertEquals("2.00 ms", RunReport.duration(2_000_000));
        assertEquals("3.00 s", RunReport.duration(3_000_000_000L));
        assertEquals("1.0 KiB", RunReport.bytes(1024));
        assertEquals("2.0 MiB", RunReport.bytes(2L << 20));
        assertEquals("3.00 GiB", RunReport.bytes(3L << 30));
    }
}
