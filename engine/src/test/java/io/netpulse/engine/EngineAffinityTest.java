/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine;

import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.engine.stage.ThreadAffinity;
import net.openhft.affinity.Affinity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A thread starts on the CPUs of the thread that started it. The engine's unpinned threads must not stay on the CPU
 * of a pinned starter: the cube's maintainer is started by the first shard to seal a minute, and with pinned stages
 * it shared that stage's one CPU.
 */
class EngineAffinityTest
{
    @Test
    void aThreadStartedByAPinnedOneRunsOnEveryCpuOnceUnpinned() throws Exception
    {
        final BitSet processCpus = Affinity.getAffinity();
        assumeTrue(processCpus.cardinality() > 1, "needs two CPUs");
        final int cpu = processCpus.nextSetBit(0);

        final AtomicInteger inherited = new AtomicInteger();
        final AtomicInteger unpinned = new AtomicInteger();
        final AtomicReference<Boolean> pinned = new AtomicReference<>();
        final Thread starter = new Thread(() ->
        {
            pinned.set(new ThreadAffinity(true).pin(cpu, "starter"));
            final Thread child = new Thread(() -> inherited.set(Affinity.getAffinity().cardinality()));
            final Thread freed = new Thread(() ->
            {
                ThreadAffinity.unpin();
                unpinned.set(Affinity.getAffinity().cardinality());
            });
            child.start();
            freed.start();
            join(child);
            join(freed);
        });
        starter.start();
        starter.join();

        assumeTrue(Boolean.TRUE.equals(pinned.get()), "this machine lets threads be pinned");
        assertEquals(1, inherited.get(), "a thread starts on its starter's one CPU");
        assertEquals(processCpus.cardinality(), unpinned.get(), "unpinned, it runs on every CPU the process had");
        assertEquals(processCpus, ThreadAffinity.processCpus());
    }

    @Test
    void theCubeMaintainerIsNotKeptOnThePinnedStageThatStartsIt() throws IOException, InterruptedException
    {
        final BitSet processCpus = Affinity.getAffinity();
        assumeTrue(processCpus.cardinality() > 1, "needs two CPUs");
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "reads threads' CPUs from /proc");
        final int cpu = processCpus.nextSetBit(0);
        assumeTrue(canPin(cpu), "this machine lets threads be pinned");

        final EngineTestSupport.Stream stream =
            EngineTestSupport.generate(GeneratorConfig.defaults(200, 60_000, 7).withCorruptFraction(0));
        // the journaler and the fused stage thread both on one CPU: the stage seals the first minute
        final Engine engine = Engine.builder().pinThreads(cpu, cpu).build();
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("test");
            publisher.publishStream(stream.buffer(), 0, stream.length(), true);
            assertTrue(engine.awaitDrained(60_000));

            final String stage = allowedCpus("netpulse-analytics").get(0);
            assertEquals(String.valueOf(cpu), stage, "the stages are pinned as asked");
            final List<String> maintainer = allowedCpus("netpulse-cube-maintainer");
            assertEquals(1, maintainer.size(), "one maintainer, started once a minute was sealed");
            assertEquals(cpuList(processCpus), maintainer.get(0), "the maintainer runs on every CPU");
        }
    }

    private static boolean canPin(final int cpu) throws InterruptedException
    {
        final AtomicReference<Boolean> pinned = new AtomicReference<>(false);
        final Thread probe = new Thread(() -> pinned.set(new ThreadAffinity(true).pin(cpu, "probe")));
        probe.start();
        probe.join();
        return pinned.get();
    }

    private static void join(final Thread thread)
    {
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The CPUs each live thread of this process with the given name may run on, as the kernel lists them ("0-1",
     * "3"). The kernel keeps a thread's name to its first 15 characters.
     */
    private static List<String> allowedCpus(final String name) throws IOException
    {
        final String kept = name.substring(0, Math.min(15, name.length()));
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task")))
        {
            return tasks
                .filter(task -> read(task.resolve("comm")).trim().equals(kept))
                .map(task -> read(task.resolve("status")).lines()
                    .filter(line -> line.startsWith("Cpus_allowed_list:"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse(null))
                .peek(cpus -> assertNotNull(cpus, "a thread's status lists its CPUs"))
                .toList();
        }
    }

    private static String read(final Path path)
    {
        try
        {
            return Files.readString(path);
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    /**
     * The kernel's list form of a set of CPUs: ranges joined by commas.
     */
    private static String cpuList(final BitSet cpus)
    {
        final StringBuilder list = new StringBuilder();
        for (int from = cpus.nextSetBit(0); from >= 0; )
        {
            final int to = cpus.nextClearBit(from) - 1;
            if (list.length() > 0)
            {
                list.append(',');
            }
            list.append(from);
            if (to > from)
            {
                list.append('-').append(to);
            }
            from = cpus.nextSetBit(to + 1);
        }
        return list.toString();
    }
}
