/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import io.netpulse.engine.WaitStrategyKind;
import net.openhft.affinity.Affinity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BenchTest
{
    @TempDir
    Path dir;

    private BenchPlan plan(final boolean peer)
    {
        final BenchSettings settings = new BenchSettings(WaitStrategyKind.YIELDING, 1024, new int[0], dir, 4096, true);
        return new BenchPlan(List.of("fused", "pipelined", "sharded:2"), 200, 30_000, List.of(400), List.of("fused"),
            20_000, 2, 1, 1, List.of(20_000.0, 0.5), 0.2, 0.05, peer, 20_000, 1000, -1, 7, 60_000, settings);
    }

    @Test
    void shouldMeasureEveryModeAndSizeAndReportThemAsTableAndJson() throws IOException
    {
        final StringWriter progress = new StringWriter();
        final BenchResults results = new Bench(plan(true), new PrintWriter(progress)).run();

        final BenchResults.ModeResult fused = results.modes().get(0);
        assertEquals("fused", fused.mode());
        assertNull(fused.unavailable());
        assertEquals(2, fused.throughput().size());
        for (final ThroughputPass pass : fused.throughput())
        {
            assertEquals(results.corpus().validDataEvents(), pass.events(), "every data event processed");
            assertTrue(pass.eventsPerSecond() > 0);
            assertTrue(pass.allocationEvents() > 0 && pass.allocationEvents() <= pass.events());
            assertTrue(pass.allocatedBytesByThread().containsKey("publisher"));
            assertTrue(pass.allocatedBytesByThread().containsKey("journal"), pass.allocatedBytesByThread().toString());
        }
        assertNotNull(fused.allocation(), "a steady-state allocation pass per mode");
        assertEquals(1, fused.allocation().warmUpLaps());
        assertEquals(results.corpus().validDataEvents(), fused.allocation().events());
        assertEquals(results.corpus().validDataEvents(), fused.allocation().warmUpEvents());
        assertTrue(fused.allocation().allocatedBytesByThread().containsKey("publisher"));
        assertNotNull(fused.throughput().get(0).memory(), "memory measured on the first pass");
        assertNull(fused.throughput().get(1).memory());
        assertTrue(fused.throughput().get(0).memory().heapBytes() > 1024 * 100, "the ring's slots at least");

        assertEquals(2, fused.latency().size());
        final LatencyPass paced = fused.latency().get(0);
        assertEquals(20_000, paced.offeredEventsPerSecond());
        assertEquals(4000, paced.sentFrames());
        assertTrue(paced.lastStage().getTotalCount() <= paced.sentFrames() &&
            paced.lastStage().getTotalCount() >= paced.sentFrames() * 0.99, "every accepted frame recorded once");
        assertTrue(paced.achievedEventsPerSecond() > 10_000, "paced near the offered rate");
        final long fraction = Math.round(Stats.of(fused.throughput(), ThroughputPass::eventsPerSecond).median() *
            0.5 / 1000) * 1000;
        assertEquals(Math.max(1000, fraction), fused.latency().get(1).offeredEventsPerSecond());

        final BenchResults.ModeResult sharded = results.modes().get(2);
        if (null != sharded.unavailable())
        {
            assertTrue(sharded.throughput().isEmpty());
            assertNull(sharded.allocation());
        }
        assertEquals(1, results.scale().size());
        assertEquals(400, results.scale().get(0).elements());
        assertEquals(20_000 + results.scale().get(0).corpus().unknownElement(),
            results.scale().get(0).throughput().get(0).events());

        assertTrue(results.peer().agree(), "netpulse and Esper computed the same");
        assertEquals(2, results.peer().peer().size());
        assertEquals(2, results.peer().peerNoJournal().size());
        assertTrue(results.peer().peer().get(0).journaled());
        assertFalse(results.peer().peerNoJournal().get(0).journaled());
        assertTrue(results.peer().ratio() > 0);
        assertTrue(results.peer().ratioToPeerWithoutJournal() > 0);

        try (Stream<Path> left = Files.list(dir))
        {
            assertEquals(0, left.count(), "every pass's journal deleted");
        }
        assertTrue(progress.toString().contains("bench: fused pass 2/2"));

        final BenchReport report = new BenchReport(results);
        final String json = report.json();
        assertFalse(json.contains("\n"), "one line, for tools that take the last JSON line");
        assertTrue(json.startsWith("{\"command\":\"bench\""));
        for (final String field : List.of("\"modes\":{\"fused\":{\"eventsPerSecond\":", "\"pipelined\":{",
            "\"latencyNanos\":{\"count\":", "\"p50\":", "\"p99\":", "\"p999\":", "\"max\":",
            "\"allocationBytesPerEvent\":", "\"peer\":{\"name\":\"Esper 9.0.0\",\"eventsPerSecond\":", "\"ratio\":",
            "\"resultsAgree\":true", "\"peerJournals\":true", "\"ratioToPeerWithoutJournal\":",
            "\"scale\":[{\"elements\":400", "\"stateHashesAgree\":true",
            "\"memory\":{\"heapBytes\":", "\"eventPathAllocationBytesPerEvent\":",
            "\"freshEngineAllocationBytesPerEvent\":", "\"allocation\":{\"measured\":\"steady state",
            "\"allocationBytesPerEventByThread\":{", "\"freshEngineAllocationBytesPerEventByThread\":{",
            "\"steadyWarmUpLaps\":1"))
        {
            assertTrue(json.contains(field), field + " in " + json);
        }
        assertEquals(20_000, longField(json, "offeredEventsPerSecond"), "headline: the first rate when 1M absent");

        final String table = report.table();
        assertTrue(table.contains("throughput, events/s"));
        assertTrue(table.contains("  fused "));
        assertTrue(table.contains("ratio "));
        assertTrue(table.contains("results agree"));
        assertTrue(table.contains("(journal on)") && table.contains("(no journal)"));
        assertTrue(table.contains("allocation in steady state"));
        // the fresh-engine figure is the worst throughput pass of every mode (sharded too) and every scale step
        double worstPass = worst(results.scale().get(0).throughput());
        // the headline is the worst steady-state pass of every mode
        double worstSteady = 0;
        double worstEventPath = 0;
        for (final BenchResults.ModeResult mode : results.modes())
        {
            worstPass = Math.max(worstPass, worst(mode.throughput()));
            if (null != mode.allocation())
            {
                worstSteady = Math.max(worstSteady, mode.allocation().allocationBytesPerEvent());
                worstEventPath = Math.max(worstEventPath, mode.allocation().eventPathAllocationBytesPerEvent());
            }
        }
        assertEquals(worstPass, report.freshEngineAllocationBytesPerEvent());
        assertEquals(worstSteady, report.allocationBytesPerEvent());
        assertEquals(worstEventPath, report.eventPathAllocationBytesPerEvent());
        assertTrue(worstSteady > 0, "something is allocated on a tiny corpus, if only by the cube maintainer");
    }

    private static double worst(final List<ThroughputPass> passes)
    {
        double worst = 0;
        for (final ThroughputPass pass : passes)
        {
            worst = Math.max(worst, pass.allocationBytesPerEvent());
        }
        return worst;
    }

    private static long longField(final String json, final String name)
    {
        final Matcher matcher = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertTrue(matcher.find(), name);
        return Long.parseLong(matcher.group(1));
    }

    @Test
    void shouldLeaveThePeerOutWhenAskedTo()
    {
        final BenchResults results = new Bench(plan(false), new PrintWriter(new StringWriter())).run();
        assertNull(results.peer());
        final BenchReport report = new BenchReport(results);
        assertFalse(report.json().contains("\"peer\""));
        assertFalse(report.table().contains("ratio"));
        assertTrue(Bench.machine().cores() > 0);
    }

    @Test
    void shouldDescribeTheMachineAsItIsBeforeThePublisherIsPinned() throws InterruptedException
    {
        final BitSet cpus = Affinity.getAffinity();
        assumeTrue(cpus.cardinality() > 1, "needs two CPUs");
        final BenchSettings settings = new BenchSettings(WaitStrategyKind.YIELDING, 1024, new int[0], dir, 4096, true);
        final BenchPlan plan = new BenchPlan(List.of("fused"), 200, 30_000, List.of(), List.of("fused"), 20_000, 1, 0,
            1, List.of(20_000.0), 0.2, 0.05, false, 20_000, 1000, cpus.nextSetBit(0), 7, 60_000, settings);
        final AtomicReference<BenchResults> results = new AtomicReference<>();
        // its own thread: the bench pins the thread that runs it
        final Thread runner = new Thread(() -> results.set(new Bench(plan, new PrintWriter(new StringWriter())).run()));
        runner.start();
        runner.join();

        assertEquals(cpus.cardinality(), results.get().machine().cores(), "the machine's CPUs, not the publisher's");
        assertEquals(List.of(1, cpus.cardinality()),
            results.get().platform().stream().map(PlatformStalls::threads).toList(), "the probe spins one a CPU too");
    }

    @Test
    void shouldReportTheLongStageCallsOfTheRecordedSpanWhenAsked()
    {
        final BenchSettings settings = new BenchSettings(WaitStrategyKind.YIELDING, 1024, new int[0], dir, 4096, true,
            true);
        final BenchPlan plan = new BenchPlan(List.of("fused"), 200, 30_000, List.of(), List.of("fused"), 20_000, 1, 0,
            1, List.of(20_000.0), 0.2, 0.05, false, 20_000, 1000, -1, 7, 60_000, settings);
        final BenchResults results = new Bench(plan, new PrintWriter(new StringWriter())).run();

        final LatencyPass pass = results.modes().get(0).latency().get(0);
        assertEquals(List.of("journal/journal", "analytics/router", "analytics/window", "analytics/anomaly",
            "analytics/cube"), pass.stageStalls().stream().map(s -> s.stage()).toList(), "every stage, every runner");
        for (final var stall : pass.stageStalls())
        {
            assertTrue(stall.longCalls() <= stall.noted() && stall.maxNanos() <= stall.totalNanos(), stall.toString());
        }
        final BenchReport report = new BenchReport(results);
        assertTrue(report.json().contains("\"stageStalls\":[{\"stage\":\"journal/journal\",\"callsOver100us\":"),
            report.json());
        assertTrue(report.table().contains("stage calls over 100 us in the recorded span"), report.table());
        assertTrue(report.table().contains("analytics/window"), report.table());

        final BenchResults untimed = new Bench(plan(false), new PrintWriter(new StringWriter())).run();
        assertTrue(untimed.modes().get(0).latency().get(0).stageStalls().isEmpty());
        assertFalse(new BenchReport(untimed).json().contains("stageStalls"));
    }

    @Test
    void shouldSkipAScaleSizeTheHeapCannotHold()
    {
        // 100,000 elements stalled in collections with the launcher's 4 GiB and ran with 14.
        assertFalse(Bench.heapFits(100_000, 4L << 30));
        assertTrue(Bench.heapFits(100_000, 14L << 30));
        assertTrue(Bench.heapFits(2_000, 2L << 30), "small networks need the floor of 1 GiB");
        assertEquals(100_000_000_000L, Bench.heapNeeded(1_000_000));
    }

    @Test
    void shouldFormatLatenciesInReadableUnits()
    {
        assertEquals("2.5 us", Bench.micros(2_500));
        assertEquals("1.50 ms", Bench.micros(1_500_000));
        assertEquals("42 ms", Bench.micros(42_000_000));
        assertEquals("1,234,567", Bench.rate(1_234_567.4));
    }
}
