/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatermarksTest
{
    private static final long T0 = 1_767_571_200_000L;

    @Test
    void shouldTrailOneSourceByTheAllowedLateness()
    {
        final Watermarks watermarks = new Watermarks(10_000, 60_000);
        assertEquals(Watermarks.NO_WATERMARK, watermarks.watermarkMs());
        assertFalse(watermarks.onData(1, T0));
        assertEquals(T0 - 10_000, watermarks.watermarkMs());
        assertFalse(watermarks.onData(1, T0 + 30_000));
        assertEquals(T0 + 20_000, watermarks.watermarkMs());
        assertFalse(watermarks.onData(1, T0 + 20_000), "out of order within the lateness");
        assertTrue(watermarks.onData(1, T0 + 19_999), "past the lateness");
        watermarks.countLate(1);
        assertEquals(1, watermarks.lateEvents(1));
        assertEquals(1, watermarks.lateEvents());
        assertEquals(0, watermarks.lateEvents(2));
        assertEquals(0, watermarks.lateEvents(99_999));
        assertEquals(T0 + 30_000, watermarks.maxEventTimeMs());
        assertEquals(T0 + 30_000, watermarks.sourceMaxMs(1));
        assertEquals(Watermarks.NO_WATERMARK, watermarks.sourceMaxMs(-1));
        assertEquals(Watermarks.NO_WATERMARK, watermarks.sourceMaxMs(1_000_000));
        assertEquals(0, watermarks.lateEvents(-1));
        assertTrue(watermarks.isActive(1));
        assertFalse(watermarks.isActive(2));
        assertFalse(watermarks.isActive(-1));
        assertFalse(watermarks.isActive(1_000));
    }

    @Test
    void shouldStopWaitingForAnIdleSourceAfterTheTimeoutMeasuredInEventTime()
    {
        final Watermarks watermarks = new Watermarks(0, 60_000);
        watermarks.onData(1, T0);
        watermarks.onData(2, T0);
        watermarks.onData(1, T0 + 50_000);
        assertEquals(T0, watermarks.watermarkMs(), "source 2 holds the watermark back");

        // source 1 runs on; once it is more than the timeout ahead, source 2 stops counting
        watermarks.onData(1, T0 + 60_000);
        assertEquals(T0, watermarks.watermarkMs(), "at exactly the timeout source 2 still counts");
        watermarks.onData(1, T0 + 60_000 + watermarks.recomputeStepMs() + 1);
        assertFalse(watermarks.isActive(2));
        assertEquals(T0 + 60_000 + watermarks.recomputeStepMs() + 1, watermarks.watermarkMs());

        // source 2 comes back far behind: its events are late, and it does not pull the watermark back
        assertTrue(watermarks.onData(2, T0 + 1_000));
        assertEquals(T0 + 60_000 + watermarks.recomputeStepMs() + 1, watermarks.watermarkMs());
        // once it catches up it counts again
        watermarks.onData(2, T0 + 80_000);
        assertTrue(watermarks.isActive(2));
        watermarks.onData(1, T0 + 100_000);
        assertEquals(T0 + 80_000, watermarks.watermarkMs());
    }

    @Test
    void shouldHoldTheWatermarkForANewSourceButNeverMoveItBack()
    {
        final Watermarks watermarks = new Watermarks(0, 60_000);
        watermarks.onData(1, T0 + 10_000);
        watermarks.onData(7, T0 + 5_000);
        assertEquals(T0 + 10_000, watermarks.watermarkMs(), "never backwards");
        watermarks.onData(1, T0 + 20_000);
        assertEquals(T0 + 10_000, watermarks.watermarkMs(), "the new source holds it");
        watermarks.onData(7, T0 + 15_000);
        assertEquals(T0 + 15_000, watermarks.watermarkMs());
        // many sources: the arrays grow
        for (int source = 100; source < 140; source++)
        {
            watermarks.onData(source, T0 + 20_000);
        }
        watermarks.onData(7, T0 + 20_000);
        assertEquals(T0 + 20_000, watermarks.watermarkMs());
        assertThrows(IllegalArgumentException.class, () -> watermarks.onData(-1, T0));
    }

    @Test
    void shouldApplyALatenessChange()
    {
        final Watermarks watermarks = new Watermarks(30_000, 300_000);
        watermarks.allowedLatenessMs(0);
        assertEquals(Watermarks.NO_WATERMARK, watermarks.watermarkMs(), "no data, no watermark");
        watermarks.allowedLatenessMs(30_000);
        watermarks.onData(1, T0);
        assertEquals(T0 - 30_000, watermarks.watermarkMs());
        watermarks.allowedLatenessMs(10_000);
        assertEquals(T0 - 10_000, watermarks.watermarkMs(), "a smaller lateness moves it forward at once");
        watermarks.allowedLatenessMs(60_000);
        assertEquals(T0 - 10_000, watermarks.watermarkMs(), "a larger one does not move it back");
        assertEquals(60_000, watermarks.allowedLatenessMs());
        assertEquals(300_000, watermarks.idleTimeoutMs());
        assertThrows(IllegalArgumentException.class, () -> watermarks.allowedLatenessMs(-1));
        assertThrows(IllegalArgumentException.class, () -> new Watermarks(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Watermarks(0, 0));
    }

    @Test
    void shouldHashProgressAndLateCounts()
    {
        final Watermarks a = new Watermarks(0, 60_000);
        final Watermarks b = new Watermarks(0, 60_000);
        a.onData(1, T0);
        b.onData(1, T0);
        assertEquals(a.stateHash(), b.stateHash());
        b.countLate(1);
        assertNotEquals(a.stateHash(), b.stateHash());
    }
}
