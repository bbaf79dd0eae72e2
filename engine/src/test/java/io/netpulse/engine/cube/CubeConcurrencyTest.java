/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.ServiceType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Twenty query threads read while one writer applies events as fast as it can, sealing buckets every few
 * thousand events and rolling them up behind: no reader ever sees a torn bucket.
 * <p>
 * Every CDR adds exactly one value to each of {@code cdr.setup_ms}, {@code cdr.bytes}, {@code cdr.failed} and
 * {@code cdr.dropped}, in different cells of different tables, and every value is a constant per metric. So
 * in any state that is the result of a whole prefix of the events, per region and minute the four counts are
 * equal, each sum is its constant times the count, minimum equals maximum, and the histogram accounts for
 * every value. A reader that saw a cell half-updated (count without sum), a CDR half-applied (one metric's cell
 * and not another's), a mirror half-refreshed, or a bucket both sealed and open, or neither, would see one of
 * these break.
 */
class CubeConcurrencyTest
{
    private static final int READERS = 20;
    private static final int EVENTS = 100_000;
    private static final int SETUP_MS = 700;
    private static final long BYTES = 1000;

    @Test
    void concurrentReadersNeverSeeATornBucket() throws Exception
    {
        final CubeConfig.Retention retention = new CubeConfig.Retention(
            10 * CubeConfig.MINUTE_MS, 2 * CubeConfig.HOUR_MS, 10 * CubeConfig.DAY_MS);
        final CubeHarness harness = new CubeHarness(new CubeConfig(CubeConfig.MINUTE_MS, retention, retention,
            retention), 2);
        final int regions = 4;
        for (int r = 0; r < regions; r++)
        {
            harness.node(10 + r, 0, NodeLevel.REGION, "r" + r, "", "");
            harness.node(100 + r, 10 + r, NodeLevel.SITE, "s" + r, "", "");
            for (int e = 0; e < 25; e++)
            {
                harness.node(1000 + r * 100 + e, 100 + r, NodeLevel.ELEMENT, "e" + r + "-" + e, "sbc", "ribbon");
            }
        }
        harness.flush();

        final AtomicBoolean writing = new AtomicBoolean(true);
        final AtomicLong queries = new AtomicLong();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final CountDownLatch started = new CountDownLatch(READERS);
        final List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++)
        {
            final int reader = i;
            final Thread thread = new Thread(() ->
            {
                started.countDown();
                long lastTotal = 0;
                while (writing.get() && failures.isEmpty())
                {
                    final CubeResult result = harness.cube.query()
                        .groupBy(Dimension.REGION, Dimension.TIME, Dimension.METRIC)
                        .where(Dimension.METRIC, "cdr.setup_ms", "cdr.bytes", "cdr.failed", "cdr.dropped")
                        .measures(Measure.COUNT, Measure.SUM, Measure.MIN, Measure.MAX, Measure.P50)
                        .execute();
                    final long total = check(result, failures, reader);
                    if (total < lastTotal)
                    {
                        failures.add("reader " + reader + " went back in time: " + total + " < " + lastTotal);
                    }
                    lastTotal = total;
                    queries.incrementAndGet();
                }
            }, "cube-reader-" + i);
            readers.add(thread);
            thread.start();
        }
        started.await();

        final SplittableRandom random = new SplittableRandom(5);
        final long start = 1_767_571_200_000L;
        for (int i = 0; i < EVENTS && failures.isEmpty(); i++)
        {
            harness.endOfBatch = random.nextInt(8) == 0;
            final long element = 1000 + random.nextInt(regions) * 100 + random.nextInt(25);
            // about 2,000 events a minute, so buckets seal and roll up while the readers read
            final long timeMs = start + i * 120L - random.nextInt(20_000);
            harness.cdr(timeMs, element, ServiceType.get((short)random.nextInt(4)),
                random.nextBoolean() ? CallResult.FAILED : CallResult.DROPPED, SETUP_MS, 1000, 0, BYTES, 0);
        }
        harness.flush();
        writing.set(false);
        for (final Thread thread : readers)
        {
            thread.join();
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(queries.get() >= READERS, "queries ran: " + queries.get());
        System.out.println("torn-bucket check: " + queries.get() + " queries by " + READERS + " readers during " +
            EVENTS + " events, " + harness.cube.stats().publications() + " publications");

        assertTrue(harness.cube.awaitMaintained(30_000));
        harness.flush();
        final List<String> finalFailures = new ArrayList<>();
        final CubeResult last = harness.cube.query().groupBy(Dimension.METRIC)
            .where(Dimension.METRIC, "cdr.setup_ms", "cdr.bytes", "cdr.failed", "cdr.dropped").execute();
        assertEquals(4, last.rows().size());
        for (final CubeRow row : last.rows())
        {
            assertEquals(EVENTS - harness.cube.stats().lateEvents(), row.count(), row.value(Dimension.METRIC));
        }
        assertTrue(finalFailures.isEmpty());
        assertTrue(harness.cube.stats().rollups() > 0, "roll-ups ran during the reads");
        harness.cube.close();
    }

    private static long check(final CubeResult result, final ConcurrentLinkedQueue<String> failures,
        final int reader)
    {
        final Map<String, Long> countByGroup = new java.util.HashMap<>();
        long total = 0;
        for (final CubeRow row : result.rows())
        {
            final String group = row.value(Dimension.REGION) + "@" + row.value(Dimension.TIME);
            final String metric = row.value(Dimension.METRIC);
            final long count = row.count();
            final Long previous = countByGroup.putIfAbsent(group, count);
            if (null != previous && previous != count)
            {
                failures.add("reader " + reader + ": " + group + " " + metric + " count " + count + " but another " +
                    "metric has " + previous);
            }
            final double value;
            switch (metric)
            {
                case "cdr.setup_ms":
                    value = SETUP_MS;
                    total += count;
                    if (Math.abs(row.p50() - SETUP_MS) > SETUP_MS * LogHistogram.RELATIVE_ERROR)
                    {
                        failures.add("reader " + reader + ": histogram of " + group + " gives p50 " + row.p50());
                    }
                    break;
                case "cdr.bytes":
                    value = BYTES;
                    break;
                default:
                    value = Double.NaN;
            }
            if (!Double.isNaN(value) && (row.sum() != value * count || row.min() != value || row.max() != value))
            {
                failures.add("reader " + reader + ": " + group + " " + metric + " count " + count + " sum " +
                    row.sum() + " min " + row.min() + " max " + row.max());
            }
        }
        if (countByGroup.size() * 4L != result.rows().size())
        {
            failures.add("reader " + reader + ": a group is missing a metric: " + result.rows().size() + " rows for " +
                countByGroup.size() + " groups");
        }
        return total;
    }
}
