/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.ObjectName;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.GarbageCollectorMXBean;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetersTest
{
    @TempDir
    Path dir;

    @Test
    void shouldCountWhatAThreadAllocates() throws InterruptedException
    {
        assertTrue(ThreadAllocation.supported());
        final Thread worker = new Thread(() -> { }, ThreadAllocation.ENGINE_THREAD_PREFIX + "worker");
        final ThreadAllocation allocation = ThreadAllocation.engineThreads(Thread.currentThread());
        allocation.begin();
        long[] sink = null;
        for (int i = 0; i < 100; i++)
        {
            sink = new long[1024];
        }
        allocation.end();
        assertEquals(1024, sink.length);

        assertTrue(allocation.totalBytes() >= 100 * 8 * 1024, "allocated: " + allocation.totalBytes());
        final Map<String, Long> byThread = allocation.bytesByThread();
        assertTrue(byThread.get("publisher") >= 100 * 8 * 1024);
        worker.start();
        worker.join();
    }

    @Test
    void shouldNameEngineThreadsWithoutTheirPrefix() throws InterruptedException
    {
        final Object gate = new Object();
        final Thread engineThread = new Thread(() ->
        {
            synchronized (gate)
            {
                try
                {
                    gate.wait(10_000);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
        }, ThreadAllocation.ENGINE_THREAD_PREFIX + "probe");
        engineThread.start();
        try
        {
            final ThreadAllocation allocation = ThreadAllocation.engineThreads(Thread.currentThread());
            allocation.begin();
            allocation.end();
            assertTrue(allocation.bytesByThread().containsKey("probe"), allocation.bytesByThread().toString());
            assertEquals(0, allocation.bytesByThread().get("probe"));
        }
        finally
        {
            synchronized (gate)
            {
                gate.notifyAll();
            }
            engineThread.join();
        }
    }

    @Test
    void shouldSeeACollectionBetweenReadings()
    {
        final GcActivity gc = new GcActivity();
        gc.begin();
        System.gc();
        gc.end();
        assertTrue(gc.collections() >= 1);
        assertTrue(gc.pauseMs() >= 0);
    }

    @Test
    void shouldCountZgcCyclesAsCollectionsAndOnlyItsPausesAsPauseTime()
    {
        final List<GarbageCollectorMXBean> zgc =
            List.of(collector("ZGC Cycles", 3, 900), collector("ZGC Pauses", 9, 2));
        assertEquals(3, GcActivity.collections(zgc));
        assertEquals(2, GcActivity.pauseMs(zgc));

        final List<GarbageCollectorMXBean> g1 =
            List.of(collector("G1 Young Generation", 5, 40), collector("G1 Old Generation", 1, 300));
        assertEquals(6, GcActivity.collections(g1));
        assertEquals(340, GcActivity.pauseMs(g1));
    }

    private static GarbageCollectorMXBean collector(final String name, final long count, final long timeMs)
    {
        return new GarbageCollectorMXBean()
        {
            public long getCollectionCount()
            {
                return count;
            }

            public long getCollectionTime()
            {
                return timeMs;
            }

            public String getName()
            {
                return name;
            }

            public boolean isValid()
            {
                return true;
            }

            public String[] getMemoryPoolNames()
            {
                return new String[0];
            }

            public ObjectName getObjectName()
            {
                return null;
            }
        };
    }

    @Test
    void shouldMeasureHeapAndMappedFilesUnderTheDataDirectory() throws IOException
    {
        final MemoryFootprint before = MemoryFootprint.measure(dir);
        assertEquals(0, before.mappedBytes());
        assertTrue(before.heapBytes() > 0);
        assertTrue(before.residentBytes() > 0);

        try (RandomAccessFile file = new RandomAccessFile(dir.resolve("mapped").toFile(), "rw");
            FileChannel channel = file.getChannel())
        {
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, 1 << 20);
            for (int i = 0; i < 1 << 20; i += 4096)
            {
                mapped.put(i, (byte)1);
            }
            final byte[][] held = new byte[64][];
            for (int i = 0; i < held.length; i++)
            {
                held[i] = new byte[1 << 16];
            }
            final MemoryFootprint after = MemoryFootprint.measure(dir);
            final MemoryFootprint grown = after.minus(before);
            assertEquals(1 << 20, grown.mappedBytes());
            assertTrue(grown.heapBytes() >= held.length * (1 << 16) / 2, "heap grew: " + grown.heapBytes());
            assertEquals(after.residentBytes(), grown.residentBytes());
            assertEquals(64, held.length);
        }
        assertEquals(0, MemoryFootprint.mappedResidentBytes(dir.resolve("elsewhere")));
    }

    @Test
    void shouldSummariseRunsByMinimumMedianAndMaximum()
    {
        assertEquals(new Stats(1, 2, 5), Stats.of(List.of(5.0, 1.0, 2.0), Double::doubleValue));
        assertEquals(new Stats(1, 2.5, 4), Stats.of(List.of(4.0, 1.0, 3.0, 2.0), Double::doubleValue));
        assertTrue(Double.isNaN(Stats.of(List.<Double>of(), Double::doubleValue).median()));
    }
}
