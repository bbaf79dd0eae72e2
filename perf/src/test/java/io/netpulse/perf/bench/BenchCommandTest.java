/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import io.netpulse.engine.WaitStrategyKind;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest
{
    private static BenchPlan parse(final String... args)
    {
        final BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command.plan();
    }

    @Test
    void shouldDefaultToAFewMinutesOfMeasurement()
    {
        final BenchPlan plan = parse();
        assertEquals(List.of("fused", "pipelined", "sharded:2"), plan.modes());
        assertEquals(10_000, plan.elements());
        assertEquals(5_000_000, plan.events());
        assertEquals(List.of(100_000, 1_000_000), plan.scaleSizes());
        assertEquals(List.of("fused"), plan.scaleModes());
        assertEquals(3, plan.runs());
        assertEquals(2, plan.warmUpRuns());
        assertEquals(SteadyAllocationPass.DEFAULT_WARM_UP_LAPS, plan.steadyWarmUpLaps());
        assertEquals(List.of(100_000.0, 1_000_000.0, 0.8), plan.rates());
        assertTrue(plan.peer());
        assertEquals(WaitStrategyKind.SLEEPING, plan.settings().waitStrategy(), "what demo, run and serve use");
        assertEquals(16_384, plan.settings().ringSize());
        assertTrue(plan.settings().journal(), "figures are always measured with the journal on");
        assertEquals(-1, plan.publisherCpu());
    }

    @Test
    void shouldTakeTheLongMatrixAndTheEngineSettings()
    {
        final BenchPlan plan = parse("--full", "--modes", "fused,pipelined", "--scale", "none", "--wait", "busy-spin",
            "--pin", "1,1", "--pin-publisher", "0", "--no-peer", "--rates", "50000", "--steady-laps", "3");
        assertEquals(3, plan.steadyWarmUpLaps());
        assertEquals(5, plan.runs());
        assertEquals(5.0, plan.latencySeconds());
        assertEquals(List.of("fused", "pipelined"), plan.scaleModes());
        assertEquals(List.of(), plan.scaleSizes());
        assertEquals(WaitStrategyKind.BUSY_SPIN, plan.settings().waitStrategy());
        assertEquals(2, plan.settings().cpus().length);
        assertEquals(0, plan.publisherCpu());
        assertEquals(false, plan.peer());
        assertEquals(5_000_000, plan.peerEvents());
    }

    @Test
    void shouldRefuseAPlanThatCannotRun()
    {
        assertThrows(IllegalArgumentException.class, () -> parse("--runs", "0"));
        assertThrows(IllegalArgumentException.class, () -> parse("--rates", "-5"));
        assertThrows(IllegalArgumentException.class, () -> parse("--modes", ""));
        assertThrows(IllegalArgumentException.class, () -> parse("--steady-laps", "0"));

        final StringWriter err = new StringWriter();
        final int exit = BenchCommand.execute(new String[]{"--runs", "0", "--scale", "none", "--no-peer"},
            new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(2, exit);
        assertTrue(err.toString().startsWith("netpulse bench: "), err.toString());
    }

    @Test
    void shouldPrintHelp()
    {
        final StringWriter out = new StringWriter();
        assertEquals(0, BenchCommand.execute(new String[]{"--help"}, new PrintWriter(out),
            new PrintWriter(new StringWriter())));
        assertTrue(out.toString().contains("--latency-seconds"));
        assertTrue(out.toString().contains("coordinated omission"));
    }
}
