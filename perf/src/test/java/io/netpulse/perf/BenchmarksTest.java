/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import io.netpulse.codec.FrameDecoder;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.Options;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each benchmark's set-up and body, run once, so the suite cannot rot between the times someone runs it; and the
 * runner's command line.
 */
class BenchmarksTest
{
    @Test
    void shouldRunTheRouterAndEveryPeerWorkloadStageOverTheirEvents()
    {
        final RouterStageBenchmark router = new RouterStageBenchmark();
        router.elements = 200;
        router.setUp();
        final long firstMs = router.eventTimeMs(0);
        final long lastMs = router.eventTimeMs(StageBenchmark.SLOTS - 1);
        long sequence = 0;
        for (int i = 0; i < StageBenchmark.SLOTS / StageBenchmark.BATCH + 2; i++)
        {
            sequence = router.perEvent();
        }
        assertEquals((StageBenchmark.SLOTS / StageBenchmark.BATCH + 2L) * StageBenchmark.BATCH, sequence,
            "wrapped past the last slot and on");
        // each event moves on by the corpus's span as it comes round again, and only then
        assertTrue(router.spanMs() > 0);
        assertEquals(firstMs + router.spanMs(), router.eventTimeMs(0));
        assertEquals(lastMs, router.eventTimeMs(StageBenchmark.SLOTS - 1), "not yet handed over in the second lap");
        for (int i = 0; i < StageBenchmark.SLOTS / StageBenchmark.BATCH; i++)
        {
            router.perEvent();
        }
        assertEquals(firstMs + 2 * router.spanMs(), router.eventTimeMs(0));
        assertEquals(lastMs + router.spanMs(), router.eventTimeMs(StageBenchmark.SLOTS - 1));
        router.tearDown();

        for (final String workload : List.of("windows", "anomaly", "region-service"))
        {
            final PeerWorkloadStageBenchmark stage = new PeerWorkloadStageBenchmark();
            stage.elements = 200;
            stage.workload = workload;
            stage.setUp();
            assertEquals(StageBenchmark.BATCH, stage.perEvent());
            stage.tearDown();
        }
        final PeerWorkloadStageBenchmark unknown = new PeerWorkloadStageBenchmark();
        unknown.elements = 200;
        unknown.workload = "nothing";
        assertThrows(IllegalArgumentException.class, unknown::setUp);
    }

    @Test
    void shouldEncodeCheckValidateAndFillEachMessage()
    {
        for (final String message : List.of("kpi", "cdr"))
        {
            final FrameCodecBenchmark codec = new FrameCodecBenchmark();
            codec.message = message;
            codec.setUp();
            assertTrue(codec.encode() > 40);
            assertEquals(FrameDecoder.FRAME, codec.checkFrame());
            assertNull(codec.checkAndValidate());
            assertEquals(1_000_001, codec.fillSlot());
        }
    }

    @Test
    void shouldScanTheStreamAndHandFramesToAConsumerThread()
    {
        final FrameScannerBenchmark scanner = new FrameScannerBenchmark();
        scanner.setUp();
        final long first = scanner.scanStream();
        assertTrue(first > FrameScannerBenchmark.FRAMES * 40L, "every frame seen: " + first);

        for (final String wait : List.of("yielding", "busy-spin"))
        {
            final RingHandOffBenchmark ring = new RingHandOffBenchmark();
            ring.waitStrategy = wait;
            ring.setUp();
            final int consumed = ring.publishChunk();
            assertEquals(consumed, ring.publishChunk());
            assertTrue(consumed >= RingHandOffBenchmark.FRAMES * 45);
            ring.tearDown();
        }
    }

    @Test
    void shouldAppendToTheJournal() throws IOException
    {
        final JournalAppendBenchmark journal = new JournalAppendBenchmark();
        journal.framesPerExcerpt = 16;
        journal.setUp();
        assertEquals(1024, journal.appendPerEvent());
        journal.tearDown();
    }

    @Test
    void shouldRunTheWholeSuiteWithTheForkFlagsAndWriteJson() throws Exception
    {
        final Options defaults = Benchmarks.options(new String[0]).build();
        assertEquals(List.of("io\\.netpulse\\.perf\\..*"), defaults.getIncludes());
        assertEquals(Benchmarks.DEFAULT_RESULT, defaults.getResult().get());
        assertEquals(ResultFormatType.JSON, defaults.getResultFormat().get());
        assertTrue(defaults.getJvmArgsAppend().get().containsAll(Arrays.asList(JvmFlags.FORK_FLAGS)));
        assertTrue(defaults.getJvmArgsAppend().get().contains("-Dagrona.disable.bounds.checks=true"));

        final Options subset = Benchmarks.options(
            new String[]{"-p", "elements=10000", "-wi", "1", "Router", "FrameCodec", "out.json"}).build();
        assertEquals(List.of("Router", "FrameCodec"), subset.getIncludes());
        assertEquals("out.json", subset.getResult().get());
        assertEquals(1, subset.getWarmupIterations().get());
        assertEquals(List.of("10000"), List.copyOf(subset.getParameter("elements").get()));
    }
}
