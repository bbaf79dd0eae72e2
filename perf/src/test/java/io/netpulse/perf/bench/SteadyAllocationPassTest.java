/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import io.netpulse.engine.ThreadMode;
import io.netpulse.engine.WaitStrategyKind;
import io.netpulse.engine.cube.CubeConfig;
import io.netpulse.engine.cube.Cuboid;
import io.netpulse.engine.generator.GeneratorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SteadyAllocationPassTest
{
    @TempDir
    Path dir;

    @Test
    void shouldMeterALapWithEventTimeMovedOnAfterTheWarmUpLapsAndPutTheCorpusBack() throws IOException
    {
        final Corpus corpus = Corpus.generate(GeneratorConfig.defaults(200, 40_000, 11), 1000);
        final byte[] original = Arrays.copyOf(corpus.buffer().byteArray(), corpus.length());
        final BenchSettings settings = new BenchSettings(WaitStrategyKind.YIELDING, 1024, new int[0], dir, 4096, true);

        final SteadyAllocationPass pass = SteadyAllocationPass.run(corpus, ThreadMode.FUSED, settings, 2);

        assertEquals(2, pass.warmUpLaps());
        assertEquals(2 * corpus.validDataEvents(), pass.warmUpEvents(), "every lap accepted in full");
        assertEquals(corpus.validDataEvents(), pass.events(), "the moved frames are all accepted");
        assertEquals(corpus.eventTimeSpanMs(), pass.eventTimeSpanMs());
        assertEquals(corpus.firstEventTimeMs() + 2 * corpus.eventTimeSpanMs(), pass.eventTimeFromMs());
        final Map<String, Long> byThread = pass.allocatedBytesByThread();
        assertTrue(byThread.containsKey("publisher") && byThread.containsKey("journal") &&
            byThread.containsKey("cube-maintainer"), byThread.toString());
        long total = 0;
        long eventPath = 0;
        for (final Map.Entry<String, Long> entry : byThread.entrySet())
        {
            total += entry.getValue();
            eventPath += SteadyAllocationPass.OFF_EVENT_PATH_THREADS.contains(entry.getKey()) ? 0 : entry.getValue();
            assertEquals((double)entry.getValue() / pass.events(),
                pass.allocationBytesPerEventByThread().get(entry.getKey()), 1e-12);
        }
        assertEquals(total, pass.allocatedBytes());
        assertEquals((double)total / pass.events(), pass.allocationBytesPerEvent(), 1e-12);
        assertEquals((double)eventPath / pass.events(), pass.eventPathAllocationBytesPerEvent(), 1e-12);
        assertTrue(pass.cubeBlocksAllocated() >= 0 && pass.cubeBlocksRecycled() >= 0 && pass.cubeClosedBytes() > 0);

        assertArrayEquals(original, Arrays.copyOf(corpus.buffer().byteArray(), corpus.length()),
            "the corpus's event times are put back");
        assertEquals(0, corpus.shiftedMs());
        try (Stream<Path> left = Files.list(dir))
        {
            assertEquals(0, left.count(), "the pass's journal deleted");
        }
    }

    @Test
    void shouldRunEnoughLapsToCoverTwentyMinutesOfEventTime()
    {
        final long minute = 60_000;
        assertEquals(2, SteadyAllocationPass.warmUpLaps(2, 77 * minute), "the default corpus: as asked");
        assertEquals(1, SteadyAllocationPass.warmUpLaps(1, 20 * minute));
        assertEquals(2, SteadyAllocationPass.warmUpLaps(1, 20 * minute - 1));
        assertEquals(15, SteadyAllocationPass.warmUpLaps(2, 80_000), "a corpus reporting every second");
        assertEquals(20 * 60, SteadyAllocationPass.warmUpLaps(1, 1000));
        assertEquals(3, SteadyAllocationPass.warmUpLaps(3, 0), "a corpus at one instant: as asked");
    }

    @Test
    void shouldKeepEveryCuboidsMinutesAsLongAsTheElementsAndTheRestAsTheDefaults()
    {
        final CubeConfig cube = SteadyAllocationPass.CUBE;
        for (final Cuboid cuboid : Cuboid.values())
        {
            assertEquals(CubeConfig.DEFAULTS.element().minutesMs(), cube.retention(cuboid).minutesMs());
            assertEquals(CubeConfig.DEFAULTS.retention(cuboid).hoursMs(), cube.retention(cuboid).hoursMs());
            assertEquals(CubeConfig.DEFAULTS.retention(cuboid).daysMs(), cube.retention(cuboid).daysMs());
        }
        assertEquals(CubeConfig.DEFAULTS.allowedLatenessMs(), cube.allowedLatenessMs());
    }

    @Test
    void shouldRefuseToMeterAnEngineThatHasNotRunTheCorpus()
    {
        final Corpus corpus = Corpus.generate(GeneratorConfig.defaults(20, 1000, 1), 0);
        final BenchSettings settings = new BenchSettings(WaitStrategyKind.YIELDING, 1024, new int[0], dir, 4096, true);
        assertThrows(IllegalArgumentException.class,
            () -> SteadyAllocationPass.run(corpus, ThreadMode.FUSED, settings, 0));
    }
}
