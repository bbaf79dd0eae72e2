/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WindowFeedTest
{
    @Test
    void shouldFeedAMinuteARoundAndCloseOnlyWhenTheWatermarkIsMoved()
    {
        final WindowFeed feed = new WindowFeed(400, true);
        feed.round(-1);
        assertEquals(400, feed.updater().samples(), "a sample of every series");
        assertEquals(WindowFeed.T0 + WindowFeed.MINUTE_MS, feed.roundStartMs());
        feed.round(-1);
        assertEquals(0, feed.updater().bucketsClosed(), "the watermark held short of every minute's end");

        feed.updater().onWatermark(feed.roundStartMs(), feed.roundStartMs());
        assertEquals(2, feed.updater().bucketsClosed(), "both minutes fed, one roll-up each");
    }

    @Test
    void shouldMeasureOneMinuteCloseAnInvocation()
    {
        final WindowCloseBenchmark benchmark = new WindowCloseBenchmark();
        benchmark.series = 400;
        benchmark.setUp();
        benchmark.nextMinute();
        final long first = benchmark.closeMinute();
        benchmark.nextMinute();
        assertEquals(first + 1, benchmark.closeMinute(), "the next minute, alone");
        assertEquals(3 * 400, benchmark.samples(), "three rounds of every series");
    }

    @Test
    void shouldApplyTheUpdateBenchmarksSamplesWithTheWatermarkTrailing()
    {
        final WindowUpdateBenchmark benchmark = new WindowUpdateBenchmark();
        benchmark.series = 4096;
        benchmark.order = "steady";
        benchmark.setUp();
        assertEquals(4096 + 1024, benchmark.applySamples());
    }
}
