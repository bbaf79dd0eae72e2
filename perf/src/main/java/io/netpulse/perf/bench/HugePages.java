/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Whether the heap is on transparent huge pages, for the bench's report: fused throughput differed by a tenth
 * (median, 0.97-1.19x) with and without them (BENCHMARKS.md, "Huge pages"), and whether they are granted is the
 * system's setting, not the JVM's.
 */
final class HugePages
{
    private static final Path THP = Path.of("/sys/kernel/mm/transparent_hugepage");

    private HugePages()
    {
    }

    /**
     * This JVM's huge pages, described.
     *
     * @return e.g. {@code transparent, shmem_enabled advise}, or {@code off}.
     */
    static String current()
    {
        boolean requested = false;
        try
        {
            requested = Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("UseTransparentHugePages").getValue());
        }
        catch (final RuntimeException ex)
        {
            // not a HotSpot JVM: say off
        }
        boolean zgc = false;
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
        {
            zgc |= collector.getName().startsWith("ZGC");
        }
        return describe(requested, zgc, read(THP.resolve("enabled")), read(THP.resolve("shmem_enabled")));
    }

    /**
     * Describes huge pages from the JVM's request and the system's settings.
     *
     * @param requested whether the JVM asks for transparent huge pages.
     * @param zgc       whether the heap is ZGC's (shared memory, governed by {@code shmem_enabled}).
     * @param enabled   the contents of {@code transparent_hugepage/enabled}, or null where unreadable.
     * @param shmem     the contents of {@code transparent_hugepage/shmem_enabled}, or null where unreadable.
     * @return {@code off}, or {@code transparent, SETTING VALUE}, with {@code (normal pages)} where the setting
     * grants none.
     */
    static String describe(final boolean requested, final boolean zgc, final String enabled, final String shmem)
    {
        if (!requested)
        {
            return "off";
        }
        final String setting = zgc ? "shmem_enabled" : "enabled";
        final String value = selected(zgc ? shmem : enabled);
        final boolean granted = zgc ?
            "advise".equals(value) || "always".equals(value) || "within_size".equals(value) || "force".equals(value) :
            "madvise".equals(value) || "always".equals(value);
        return "transparent, " + setting + " " + value + (granted ? "" : " (normal pages)");
    }

    /**
     * The bracketed choice of a sysfs setting, e.g. {@code advise} from {@code always within_size [advise] never}.
     */
    private static String selected(final String setting)
    {
        if (null == setting)
        {
            return "unknown";
        }
        final int open = setting.indexOf('[');
        final int close = setting.indexOf(']', open + 1);
        return open < 0 || close < 0 ? setting.trim() : setting.substring(open + 1, close);
    }

    private static String read(final Path path)
    {
        try
        {
            return Files.readString(path);
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }
}
