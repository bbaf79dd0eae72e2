/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlatformStallsTest
{
    @Test
    void shouldCountTheGapsAClockShowsAndTheTimeLostInThem()
    {
        // a clock that moves 100 ns a reading, but for a stall of 3 ms and one of 50 us, over 10 ms in all
        final long[] readings = {0};
        final long[] stalls = {2_000_000, 3_000_000, 6_000_000, 50_000};
        final int[] next = {0};
        final PlatformStalls.Gaps gaps = new PlatformStalls.Gaps();
        PlatformStalls.spin(() ->
        {
            long step = 100;
            if (next[0] < stalls.length && readings[0] >= stalls[next[0]])
            {
                step = stalls[next[0] + 1];
                next[0] += 2;
            }
            readings[0] += step;
            return readings[0];
        }, TimeUnit.MILLISECONDS.toNanos(10), gaps);

        final PlatformStalls one = PlatformStalls.of(1, TimeUnit.MILLISECONDS.toNanos(10), gaps);
        assertEquals(3_000_000, one.maxGapNs());
        assertEquals(1, one.gapsOverMillisecond());
        assertEquals(3_050_000 / 10_000_000.0, one.lostFraction(), 1e-12);
    }

    @Test
    void shouldAddUpEveryThreadsGaps()
    {
        final PlatformStalls.Gaps first = new PlatformStalls.Gaps();
        final PlatformStalls.Gaps second = new PlatformStalls.Gaps();
        first.reading(2_500_000);
        first.reading(10);
        second.reading(1_500_000);
        second.reading(PlatformStalls.COUNTED_GAP_NS);

        final PlatformStalls both = PlatformStalls.of(2, 10_000_000, first, second);
        assertEquals(2_500_000, both.maxGapNs());
        assertEquals(2, both.gapsOverMillisecond());
        assertEquals(4_000_000 / 20_000_000.0, both.lostFraction(), 1e-12, "gaps at the threshold are not lost");
        assertEquals("2 threads spinning 0 s with nothing else running: longest stall 2.50 ms, 2 over 1 ms, " +
            "20.00% of the time lost", both.describe());
    }

    @Test
    void shouldSpinForTheSpanOnTheRealClock()
    {
        final PlatformStalls stalls = PlatformStalls.measure(2, TimeUnit.MILLISECONDS.toNanos(20));
        assertEquals(2, stalls.threads());
        assertTrue(stalls.maxGapNs() > 0);
        assertTrue(stalls.lostFraction() >= 0 && stalls.lostFraction() <= 1.5, "lost " + stalls.lostFraction());
    }
}
