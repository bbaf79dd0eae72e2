/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The process's memory at one moment, after a full collection: live heap, direct buffers (off-heap memory the
 * engine and its libraries allocate), memory-mapped files (the journal's mapped chunks, which Chronicle maps
 * itself, so they are read from {@code /proc/self/smaps} rather than the JVM's buffer pools) and the resident set
 * (its proportional size where the OS gives it).
 *
 * @param heapBytes     live heap after a full collection.
 * @param directBytes   memory held by direct byte buffers.
 * @param mappedBytes   resident memory of the files mapped from under one directory (a pass's journal).
 * @param residentBytes the process's resident set size (proportional: a page mapped at several addresses counts
 *                      once), or -1 where the OS does not say.
 */
public record MemoryFootprint(long heapBytes, long directBytes, long mappedBytes, long residentBytes)
{
    private static final Pattern MAPPING_HEADER = Pattern.compile("^[0-9a-f]+-[0-9a-f]+ .*");

    /**
     * Collects garbage and measures.
     *
     * @param mappedUnder files mapped from under here count as mapped memory.
     * @return the footprint now.
     */
    public static MemoryFootprint measure(final Path mappedUnder)
    {
        for (int i = 0; i < 3; i++)
        {
            System.gc();
        }
        long direct = 0;
        final List<BufferPoolMXBean> pools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
        for (final BufferPoolMXBean pool : pools)
        {
            if ("direct".equals(pool.getName()))
            {
                direct += pool.getMemoryUsed();
            }
        }
        final long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new MemoryFootprint(heap, direct, mappedResidentBytes(mappedUnder), readResidentBytes());
    }

    /**
     * Resident bytes of the mappings of files under a directory, from {@code /proc/self/smaps}.
     *
     * @param directory of the mapped files.
     * @return the bytes, or 0 where the OS does not say.
     */
    static long mappedResidentBytes(final Path directory)
    {
        final Path smaps = Path.of("/proc/self/smaps");
        if (!Files.isReadable(smaps))
        {
            return 0;
        }
        final String prefix = directory.toAbsolutePath().normalize().toString();
        long total = 0;
        boolean inside = false;
        try
        {
            for (final String line : Files.readAllLines(smaps))
            {
                if (MAPPING_HEADER.matcher(line).matches())
                {
                    final int slash = line.indexOf('/');
                    inside = slash >= 0 && line.substring(slash).startsWith(prefix);
                }
                else if (inside && line.startsWith("Rss:"))
                {
                    total += Long.parseLong(line.substring(4).trim().split("\\s+")[0]) * 1024;
                }
            }
            return total;
        }
        catch (final IOException | RuntimeException ex)
        {
            return 0;
        }
    }

    /**
     * What the heap and direct buffers grew by since a baseline; the mapped bytes and the resident set as
     * measured now.
     *
     * @param baseline measured before.
     * @return the differences.
     */
    public MemoryFootprint minus(final MemoryFootprint baseline)
    {
        return new MemoryFootprint(
            heapBytes - baseline.heapBytes, directBytes - baseline.directBytes, mappedBytes, residentBytes);
    }

    /**
     * The resident set, counted as the proportional set size where the OS gives it: ZGC maps its heap at three
     * addresses, and a page touched through more than one of them counts once per mapping in {@code VmRSS}, which
     * then exceeds the heap's maximum. The proportional size shares such a page between its mappings, so each
     * counts once.
     */
    private static long readResidentBytes()
    {
        final long proportional = readKibibytes(Path.of("/proc/self/smaps_rollup"), "Pss:");
        return proportional >= 0 ? proportional : readKibibytes(Path.of("/proc/self/status"), "VmRSS:");
    }

    private static long readKibibytes(final Path file, final String field)
    {
        if (!Files.isReadable(file))
        {
            return -1;
        }
        try
        {
            for (final String line : Files.readAllLines(file))
            {
                if (line.startsWith(field))
                {
                    final String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024;
                }
            }
            return -1;
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }
}
