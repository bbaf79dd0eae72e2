/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.MessageType;
import io.netpulse.codec.sbe.ConfigOp;
import io.netpulse.codec.sbe.WindowSpecUpdateEncoder;
import io.netpulse.engine.ring.EventDecoding;
import io.netpulse.engine.ring.NetworkEvent;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowSpecTest
{
    @Test
    void shouldParseResolutionsInAscendingOrder()
    {
        final WindowSpec spec = WindowSpec.parse("1h*168, 10s*60,1m x 60,15m*96,1d*30", 5_000);
        assertEquals("10s*60,1m*60,15m*96,1h*168,1d*30", spec.toString());
        assertEquals(5, spec.resolutions());
        assertEquals(10_000, spec.resolutionMs(0));
        assertEquals(60, spec.bucketCount(0));
        assertEquals(86_400_000, spec.resolutionMs(4));
        assertEquals(5_000, spec.allowedLatenessMs(2));
        assertEquals(5_000, spec.allowedLatenessMs());
        assertEquals(2, spec.indexOf(900_000));
        assertEquals(-1, spec.indexOf(7));
        assertEquals((60 + 60 + 96 + 168 + 30) * 40L, spec.bucketBytes());
        assertEquals(spec, WindowSpec.parse(spec.toString(), 5_000));
        assertEquals(spec.hashCode(), WindowSpec.parse(spec.toString(), 5_000).hashCode());
        assertNotEquals(spec, WindowSpec.parse(spec.toString(), 6_000));
        assertNotEquals(spec, "10s*60");
        assertNotEquals(WindowSpec.parse("1m*60", 0), WindowSpec.parse("1m*61", 0));
        assertNotEquals(WindowSpec.parse("1m*60", 0), WindowSpec.parse("2m*60", 0));
        assertEquals("1m*60,15m*96", WindowSpec.DEFAULT.toString());
        assertEquals(6_240, WindowSpec.DEFAULT.bucketBytes());
    }

    @Test
    void shouldGiveChangedCopies()
    {
        final WindowSpec spec = WindowSpec.parse("1m*60", 0);
        final WindowSpec more = spec.with(10_000, 30, 1_000).with(3_600_000, 24, 2_000);
        assertEquals("10s*30,1m*60,1h*24", more.toString());
        assertEquals(2_000, more.allowedLatenessMs());
        assertEquals("10s*30,1m*10,1h*24", more.with(60_000, 10, 0).toString());
        assertEquals("10s*30,1h*24", more.without(60_000).toString());
        assertSame(more, more.without(7));
        assertEquals(9_000, more.withAllowedLatenessMs(9_000).allowedLatenessMs(0));
        assertTrue(WindowSpec.empty().isEmpty());
        assertFalse(spec.isEmpty());
        assertEquals(0, WindowSpec.empty().allowedLatenessMs());
        assertEquals("none", WindowSpec.parse(" none ", 0).toString());
        assertTrue(WindowSpec.parse("", 0).isEmpty());
    }

    @Test
    void shouldRefuseImpossibleSpecs()
    {
        assertThrows(IllegalArgumentException.class, () -> WindowSpec.parse("1m", 0));
        assertThrows(IllegalArgumentException.class, () -> WindowSpec.parse("1m*x", 0));
        assertThrows(IllegalArgumentException.class, () -> WindowSpec.parse("1m*6a", 0));
        assertThrows(IllegalArgumentException.class, () -> WindowSpec.parse("1m*2000000", 0));
        assertThrows(IllegalArgumentException.class, () -> WindowSpec.parse("1m*60,1m*30", 0));
        assertThrows(IllegalArgumentException.class, () -> WindowSpec.parse("1q*60", 0));
        assertThrows(IllegalArgumentException.class, () -> WindowSpec.parse("0s*60", 0));
        assertThrows(IllegalArgumentException.class, () -> WindowSpec.parse("1m*0", 0));
        assertThrows(IllegalArgumentException.class, () -> WindowSpec.parse("1m*60", -1));
        WindowSpec spec = WindowSpec.empty();
        for (int i = 1; i <= WindowSpec.MAX_RESOLUTIONS; i++)
        {
            spec = spec.with(i * 1000L, 1, 0);
        }
        final WindowSpec full = spec;
        assertThrows(IllegalArgumentException.class, () -> full.with(99_000, 1, 0));
    }

    @Test
    void shouldApplyUpdatesToTheDefaultAndToOneMetric()
    {
        final WindowSpecTable table = new WindowSpecTable(WindowSpec.DEFAULT);
        assertEquals(WindowSpec.DEFAULT, table.specFor(3));
        assertEquals(WindowSpec.DEFAULT_ALLOWED_LATENESS_MS, table.allowedLatenessMs());

        final NetworkEvent event = new NetworkEvent();
        assertEquals(3, apply(table, event, 3, ConfigOp.PUT, 10_000, 60, 45_000));
        assertTrue(table.hasOwnSpec(3));
        assertEquals("10s*60", table.specFor(3).toString(), "a metric's own spec does not inherit the default");
        assertEquals(45_000, table.allowedLatenessMs(), "the largest lateness of any spec");
        assertEquals(WindowSpec.DEFAULT, table.specFor(4));

        apply(table, event, WindowSpecTable.DEFAULT_METRIC, ConfigOp.PUT, 3_600_000, 24, 0);
        assertEquals("1m*60,15m*96,1h*24", table.defaultSpec().toString());
        apply(table, event, WindowSpecTable.DEFAULT_METRIC, ConfigOp.REMOVE, 900_000, 0, 0);
        assertEquals("1m*60,1h*24", table.specFor(4).toString());

        apply(table, event, 3, ConfigOp.REMOVE, 10_000, 0, 0);
        assertFalse(table.hasOwnSpec(3), "an emptied spec falls back to the default");
        assertEquals(table.defaultSpec(), table.specFor(3));
        assertEquals(WindowSpec.DEFAULT_ALLOWED_LATENESS_MS, table.allowedLatenessMs());
        table.remove(9, 60_000);
        assertFalse(table.hasOwnSpec(9));
        table.put(9, 60_000, 5, 0);
        table.put(9, 1_000, 5, 0);
        table.remove(9, 60_000);
        assertEquals("1s*5", table.specFor(9).toString());

        assertThrows(IllegalArgumentException.class, () -> table.put(9, 0, 5, 0));
        assertEquals("1s*5", table.specFor(9).toString(), "a refused update changes nothing");
    }

    private static int apply(
        final WindowSpecTable table,
        final NetworkEvent event,
        final int metricId,
        final ConfigOp op,
        final long resolutionMs,
        final int buckets,
        final long latenessMs)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[512]);
        final int length = new EventFrameEncoder().windowSpecUpdate(frame, 0, 0, metricId, op, resolutionMs,
            Math.max(buckets, 1), latenessMs);
        new EventDecoding().fill(event, frame, 0, length, MessageType.WINDOW_SPEC_UPDATE,
            WindowSpecUpdateEncoder.BLOCK_LENGTH, WindowSpecUpdateEncoder.SCHEMA_VERSION);
        return table.apply(event);
    }

    @Test
    void shouldParseAndFormatDurations()
    {
        assertEquals(250, Durations.parseMs("250ms"));
        assertEquals(250, Durations.parseMs("250"));
        assertEquals(10_000, Durations.parseMs("10s"));
        assertEquals(900_000, Durations.parseMs(" 15M "));
        assertEquals(7_200_000, Durations.parseMs("2h"));
        assertEquals(604_800_000, Durations.parseMs("7d"));
        for (final String bad : new String[]{"", "m", "10 s", "10sec", "1.5h", "99999999999999999999s", "10y"})
        {
            assertThrows(IllegalArgumentException.class, () -> Durations.parseMs(bad), bad);
        }
        assertThrows(ArithmeticException.class, () -> Durations.parseMs("9223372036854775807d"));
        assertEquals("1d", Durations.format(86_400_000));
        assertEquals("3h", Durations.format(10_800_000));
        assertEquals("15m", Durations.format(900_000));
        assertEquals("10s", Durations.format(10_000));
        assertEquals("1500ms", Durations.format(1_500));
        assertEquals("0ms", Durations.format(0));
    }
}
