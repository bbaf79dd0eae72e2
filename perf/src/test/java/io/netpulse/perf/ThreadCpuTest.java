/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ThreadCpuTest
{
    @Test
    void shouldGroupThreadsByTheirNameWithoutItsNumber()
    {
        assertEquals("query", ThreadCpu.group("query-17"));
        assertEquals("ZWorker", ThreadCpu.group("ZWorker#0"));
        assertEquals("C2 CompilerThre", ThreadCpu.group("C2 CompilerThre"));
        assertEquals("netpulse-cube-m", ThreadCpu.group("netpulse-cube-m"));
        assertEquals("GC Thread", ThreadCpu.group("GC Thread#12"));
        assertEquals("42", ThreadCpu.group("42"), "a name of digits only stays itself");
    }

    @Test
    void shouldListWhatEachGroupUsedLargestFirstAndTheTotal()
    {
        final Map<String, Double> before = Map.of("a", 1.0, "b", 2.0, "gone", 5.0);
        final Map<String, Double> after = Map.of("a", 1.5, "b", 9.0, "new", 0.25, "idle", 0.01, "gone", 4.0);

        assertEquals("b 7.00, a 0.50, new 0.25 (7.76 s in all)", ThreadCpu.describe(before, after),
            "under 0.05 s left out of the list but not the total; a group that lost a thread adds nothing");
    }

    @Test
    void shouldCountTheCpuOfTheThreadThatSpendsIt() throws Exception
    {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        final CountDownLatch spent = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Thread spinner = new Thread(() ->
        {
            // spins until it has used 100 ms of CPU of its own, however busy the machine, then waits alive
            final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long x = 0;
            while (threads.getCurrentThreadCpuTime() < TimeUnit.MILLISECONDS.toNanos(100))
            {
                x += x * 31 + 7;
            }
            spent.countDown();
            try
            {
                release.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            if (x == 42)
            {
                System.out.println(x);
            }
        }, "cpu-spinner-3");
        final Map<String, Double> before = ThreadCpu.snapshot();
        spinner.start();
        spent.await();
        final Map<String, Double> during = ThreadCpu.snapshot();
        release.countDown();
        spinner.join();

        assertEquals(0.0, before.getOrDefault("cpu-spinner", 0.0), "not started yet");
        assertTrue(during.getOrDefault("cpu-spinner", 0.0) >= 0.08, "100 ms spent, in 10 ms ticks: " + during);
        assertTrue(ThreadCpu.machineIdleSeconds() >= 0, "the machine's idle time is read");
    }
}
