/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of every thread of this process, the JVM's own included (collector, compilers), grouped by role: read
 * from {@code /proc/self/task} because {@code ThreadMXBean} sees only Java threads, and what a phase of a load
 * test costs the machine is often in the collector's or the compiler's threads. Linux only; elsewhere a snapshot
 * is empty and {@link #describe} says so.
 */
final class ThreadCpu
{
    /** Linux's USER_HZ: /proc reports thread times in ticks of 10 ms on every architecture the JDK runs on. */
    private static final double SECONDS_PER_TICK = 0.01;
    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadCpu()
    {
    }

    /**
     * The CPU time used so far by each group of threads.
     *
     * @return seconds of user and system time by group name, in name order; empty where {@code /proc} is not.
     */
    static Map<String, Double> snapshot()
    {
        final Map<String, Double> seconds = new TreeMap<>();
        if (!Files.isDirectory(TASKS))
        {
            return seconds;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS))
        {
            for (final Path task : tasks)
            {
                final String stat;
                try
                {
                    stat = Files.readString(task.resolve("stat"));
                }
                catch (final IOException ex)
                {
                    continue; // the thread ended between listing and reading
                }
                // "pid (comm) state ...": the name may hold spaces or parentheses, so split after its last ')'
                final int close = stat.lastIndexOf(')');
                final String name = stat.substring(stat.indexOf('(') + 1, close);
                final String[] fields = stat.substring(close + 2).split(" ");
                // fields[0] is the state (the stat's 3rd field): utime and stime are its 14th and 15th
                final long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                seconds.merge(group(name), ticks * SECONDS_PER_TICK, Double::sum);
            }
        }
        catch (final IOException ex)
        {
            return new TreeMap<>();
        }
        return seconds;
    }

    /**
     * Idle time of the whole machine so far, all cores together: with the groups' times it says whether a phase had
     * the cores to itself, and what else ran.
     *
     * @return seconds idle or waiting on I/O, from {@code /proc/stat}; -1 where it cannot be read.
     */
    static double machineIdleSeconds()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/stat")))
            {
                if (line.startsWith("cpu "))
                {
                    final String[] fields = line.trim().split("\\s+");
                    return (Long.parseLong(fields[4]) + Long.parseLong(fields[5])) * SECONDS_PER_TICK;
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
        return -1;
    }

    /**
     * A thread's group: its name without a trailing number, so that twenty query threads, the collector's workers
     * or the compiler threads count as one. The kernel keeps the first 15 characters of a name.
     *
     * @param name the thread's name as the kernel holds it.
     * @return the group's name.
     */
    static String group(final String name)
    {
        int end = name.length();
        while (end > 0 && (Character.isDigit(name.charAt(end - 1)) || name.charAt(end - 1) == '#'))
        {
            end--;
        }
        while (end > 0 && (name.charAt(end - 1) == '-' || name.charAt(end - 1) == ' '))
        {
            end--;
        }
        return end == 0 ? name : name.substring(0, end);
    }

    /**
     * What each group used between two snapshots, largest first, groups under 0.05 s left out.
     *
     * @param before the earlier snapshot.
     * @param after the later snapshot.
     * @return for example {@code "netpulse-stage 19.8, netpulse-cube-m 11.0, query 1.9, ... (34.1 s in all)"}.
     */
    static String describe(final Map<String, Double> before, final Map<String, Double> after)
    {
        if (after.isEmpty())
        {
            return "not available here (no /proc/self/task)";
        }
        final Map<String, Double> used = new TreeMap<>();
        double total = 0;
        for (final Map.Entry<String, Double> entry : after.entrySet())
        {
            final double seconds = entry.getValue() - before.getOrDefault(entry.getKey(), 0.0);
            total += Math.max(0, seconds); // a group whose thread ended in between loses that thread's time
            if (seconds >= 0.05)
            {
                used.put(entry.getKey(), seconds);
            }
        }
        final StringBuilder text = new StringBuilder();
        used.entrySet().stream()
            .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
            .forEach(entry -> text.append(text.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.2f", entry.getKey(), entry.getValue())));
        return text.append(String.format(Locale.ROOT, " (%.2f s in all)", total)).toString();
    }
}
