/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import io.netpulse.engine.Engine;
import io.netpulse.engine.cube.Cube;
import io.netpulse.engine.cube.CubeConfig;
import io.netpulse.engine.cube.CubeQuery;
import io.netpulse.engine.cube.CubeResult;
import io.netpulse.engine.cube.CubeStats;
import io.netpulse.engine.cube.Dimension;
import io.netpulse.engine.cube.Measure;
import io.netpulse.engine.feed.GeneratorFeed;
import io.netpulse.engine.generator.EventGenerator;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.perf.bench.GcActivity;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The cube's query-under-load harness: ingest at the engine's full rate over a 10,000-element network until the
 * cube holds a given number of events, then, in one run, measure the ingest rate alone, the ingest rate while
 * query threads run a mix of group-by, drill-down and top-N queries (recording each query's latency), and the
 * ingest rate alone again. The ratio compares the rate with queries against the mean of the two rates without.
 * <p>
 * Usage: {@code CubeQueryLoad [--events N] [--elements E] [--threads T] [--seconds S] [--heap SIZE]
 * [--journal DIR] [--mode fused|pipelined] [--modes paced,saturating] [--query-rate R] [--solo N] [--jfr FILE]
 * [--gc g1|zgc|parallel] [--uncached] [--no-pretouch] [--clock-hours] [--warm-up S] [--slow MS]}.
 * <p>
 * The query phases, in the order given, each followed by a phase of ingest alone: {@code saturating}, the query
 * threads issuing
 * queries back to back (on a machine with fewer cores than threads they take the CPU from ingest by design), and
 * {@code paced}, each thread issuing {@code --query-rate} queries a second on a fixed schedule, as a NOC's
 * dashboards do (latency counted from the scheduled start). The query threads run {@code --warm-up} seconds
 * (default 10) before a phase's figures are recorded, the first queries finding the query code not yet compiled
 * and no answer kept; those are reported on a line of their own. The warm-up is that long because compiling the
 * query code is a service's start-up cost, not its queries': with 2 s the C2 compiler was still taking 1.6 s of
 * the recorded 20 from the stage threads. Each phase prints the CPU time of every thread group of the process
 * ({@link ThreadCpu}: stage threads, maintainer, feeder, queries, compilers, collector) and the machine's idle
 * time, which say where a phase's ingest went. {@code --solo N} first runs each query kind N times
 * on one thread, for the work a query does with a core to itself; {@code --jfr} records the child JVM;
 * {@code --gc} picks its collector (default {@code zgc}, the launcher's: G1's young pauses copy the cube's new
 * blocks and stall every query behind them); the child's heap is committed and touched at start
 * ({@code -XX:+AlwaysPreTouch}, as the launcher runs {@code netpulse serve}), unless {@code --no-pretouch}: a page
 * first touched under load costs the thread that touches it the kernel's zeroing, and queries, which allocate
 * their scratch, spent over a third of their time there;
 * the queries over whole hours ask for the newest ones the cube has filed ({@link CubeQuery#lastWholeHours}), or
 * with {@code --clock-hours} for those before the newest event's hour ({@code between}), which just after an
 * hour's end reads that hour, not yet filed, from its parts;
 * {@code --uncached} makes every query scan its buckets even where the cube keeps a valid answer
 * ({@link CubeQuery#uncached()}); {@code --slow MS} lists, after each query phase, every query whose latency
 * passed MS: when, which, how late it started, its own time and CPU, the cells it read, and the event time's
 * minute of the hour (what makes a query slow: a burst at an hour's end, a scan, or the wait for a core).
 * It runs itself in a child JVM with the project's fork flags
 * ({@link JvmFlags}), so run it with a plain {@code java -cp}.
 */
public final class CubeQueryLoad
{
    private static final String MAINTAINER_THREAD = "netpulse-cube-maintainer";

    private final long preloadEvents;
    private final int elements;
    private final int queryThreads;
    private final long phaseNs;
    private final Path journal;
    private final String mode;
    private final List<Double> rates;
    private final int soloQueries;
    private final boolean uncached;
    private final long slowNs;
    private final long warmUpNs;

    private CubeQueryLoad(final long preloadEvents, final int elements, final int queryThreads, final int seconds,
        final Path journal, final String mode, final List<Double> rates, final int soloQueries,
        final boolean uncached, final long slowMs, final int warmUpSeconds)
    {
        this.warmUpNs = TimeUnit.SECONDS.toNanos(warmUpSeconds);
        this.uncached = uncached;
        this.slowNs = slowMs > 0 ? TimeUnit.MILLISECONDS.toNanos(slowMs) : Long.MAX_VALUE;
        this.rates = rates;
        this.soloQueries = soloQueries;
        this.preloadEvents = preloadEvents;
        this.elements = elements;
        this.queryThreads = queryThreads;
        this.phaseNs = TimeUnit.SECONDS.toNanos(seconds);
        this.journal = journal;
        this.mode = mode;
    }

    /**
     * Entry point.
     *
     * @param args options, see the class description.
     * @throws Exception when the run fails.
     */
    public static void main(final String[] args) throws Exception
    {
        long events = 50_000_000;
        int elements = 10_000;
        int threads = 20;
        int seconds = 20;
        String heap = "8g";
        Path journal = null;
        String mode = "fused";
        String modes = "paced,saturating";
        double rate = 5;
        int solo = 0;
        String jfr = null;
        String gc = "zgc";
        boolean uncached = false;
        boolean preTouch = true;
        long slowMs = 0;
        int warmUpSeconds = 10;
        boolean child = false;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--events":
                    events = Long.parseLong(args[++i]);
                    break;
                case "--elements":
                    elements = Integer.parseInt(args[++i]);
                    break;
                case "--threads":
                    threads = Integer.parseInt(args[++i]);
                    break;
                case "--seconds":
                    seconds = Integer.parseInt(args[++i]);
                    break;
                case "--heap":
                    heap = args[++i];
                    break;
                case "--journal":
                    journal = Path.of(args[++i]);
                    break;
                case "--mode":
                    mode = args[++i];
                    break;
                case "--modes":
                    modes = args[++i];
                    break;
                case "--query-rate":
                    rate = Double.parseDouble(args[++i]);
                    break;
                case "--solo":
                    solo = Integer.parseInt(args[++i]);
                    break;
                case "--jfr":
                    jfr = args[++i];
                    break;
                case "--gc":
                    gc = args[++i];
                    break;
                case "--uncached":
                    uncached = true;
                    break;
                case "--clock-hours":
                    clockHours = true;
                    break;
                case "--no-pretouch":
                    preTouch = false;
                    break;
                case "--warm-up":
                    warmUpSeconds = Integer.parseInt(args[++i]);
                    break;
                case "--slow":
                    slowMs = Long.parseLong(args[++i]);
                    break;
                case "--child":
                    child = true;
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (!child)
        {
            final List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(JvmFlags.FORK_FLAGS));
            if (null != jfr)
            {
                command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
            }
            if (preTouch)
            {
                command.add("-XX:+AlwaysPreTouch");
            }
            command.addAll(List.of("-Xms" + heap, "-Xmx" + heap, collectorFlag(gc), "-cp",
                System.getProperty("java.class.path"), CubeQueryLoad.class.getName(), "--child"));
            command.addAll(List.of(args));
            System.exit(new ProcessBuilder(command).inheritIO().start().waitFor());
        }
        final List<Double> rates = new ArrayList<>();
        for (final String phase : modes.split(","))
        {
            switch (phase.trim())
            {
                case "saturating":
                    rates.add(0.0);
                    break;
                case "paced":
                    rates.add(rate);
                    break;
                case "":
                    break;
                default:
                    throw new IllegalArgumentException("unknown mode " + phase + ": saturating or paced");
            }
        }
        new CubeQueryLoad(events, elements, threads, seconds, journal, mode, rates, solo, uncached, slowMs,
            warmUpSeconds).run();
    }

    /** Feeds the engine from the generator as fast as it takes events, on its own thread. */
    private static final class Feeder implements Runnable
    {
        private final EventPublisher publisher;
        private final int elements;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private volatile long accepted;

        Feeder(final EventPublisher publisher, final int elements)
        {
            this.publisher = publisher;
            this.elements = elements;
        }

        public void run()
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(GeneratorFeed.BATCH_BYTES));
            long startMs = GeneratorConfig.DEFAULT_START_TIME_MS;
            for (long chunk = 0; running.get(); chunk++)
            {
                final GeneratorConfig config = GeneratorConfig.defaults(elements, 100_000_000, 42 + chunk)
                    .withStartTimeMs(startMs).withCorruptFraction(0).withOutOfOrder(0.005, 4096);
                final EventGenerator generator = new EventGenerator(config);
                while (running.get() && GeneratorFeed.publishBatch(generator, buffer, publisher) > 0)
                {
                    accepted = publisher.accepted();
                }
                startMs = generator.endTimeMs();
            }
        }
    }

    private static String collectorFlag(final String gc)
    {
        switch (gc)
        {
            case "g1":
                return "-XX:+UseG1GC";
            case "zgc":
                return "-XX:+UseZGC";
            case "parallel":
                return "-XX:+UseParallelGC";
            default:
                throw new IllegalArgumentException("unknown collector " + gc + ": g1, zgc or parallel");
        }
    }

    private CubeQuery query(final QueryKind kind, final Cube cube)
    {
        final CubeQuery query = kind.build().apply(cube);
        return uncached ? query.uncached() : query;
    }

    /** One kind of query in the mix. */
    private record QueryKind(String name, Function<Cube, CubeQuery> build)
    {
    }

    /** Whether whole hours are counted back from the newest event's hour rather than the newest filed one. */
    private static boolean clockHours;

    /** The newest event time, for query ranges; updated by the main thread. */
    private static volatile long nowMs = GeneratorConfig.DEFAULT_START_TIME_MS;

    private static long hourEnd()
    {
        return Math.floorDiv(nowMs, CubeConfig.HOUR_MS) * CubeConfig.HOUR_MS;
    }

    /**
     * The query mix, as a NOC dashboard asks: overviews over whole hours (read from hour buckets), live views of
     * the last minutes, drill-downs and top-N.
     */
    private static List<QueryKind> mix(final SplittableRandom random, final int regions, final int sites)
    {
        return List.of(
            new QueryKind("group-by region x metric, last 6 whole hours", cube -> wholeHours(cube.query()
                .groupBy(Dimension.REGION, Dimension.METRIC), 6)),
            new QueryKind("group-by vendor x class, failure rate, last 12 h", cube -> wholeHours(cube.query()
                .groupBy(Dimension.VENDOR, Dimension.EQUIPMENT_CLASS).where(Dimension.METRIC, "cdr.failed")
                .measures(Measure.COUNT, Measure.MEAN), 12)),
            new QueryKind("drill-down region -> sites, latency p95, last 15 min", cube -> cube.query()
                .drillDown(Dimension.REGION, String.format("region-%02d", 1 + random.nextInt(regions)))
                .where(Dimension.METRIC, "qos.latency_us").measures(Measure.COUNT, Measure.MEAN, Measure.P95)
                .last(Duration.ofMinutes(15))),
            new QueryKind("drill-down site -> elements, cpu, last whole hour", cube -> wholeHours(cube.query()
                .drillDown(Dimension.SITE, String.format("site-%05d", 1 + random.nextInt(sites)))
                .where(Dimension.METRIC, "kpi.cpu_util").measures(Measure.MEAN, Measure.MAX), 1)),
            new QueryKind("top-10 elements by latency p99, last whole hour", cube -> wholeHours(cube.query()
                .groupBy(Dimension.ELEMENT).where(Dimension.METRIC, "qos.latency_us")
                .measures(Measure.COUNT, Measure.P99).top(10, Measure.P99), 1)),
            new QueryKind("top-10 sites by drop rate, last 6 whole hours", cube -> wholeHours(cube.query()
                .groupBy(Dimension.SITE).where(Dimension.METRIC, "cdr.dropped").measures(Measure.COUNT, Measure.MEAN)
                .top(10, Measure.MEAN), 6)));
    }

    /**
     * The last whole hours: the newest the cube has filed ({@link CubeQuery#lastWholeHours}), or with
     * {@code --clock-hours} those before the hour the newest event is in, which for a minute and the maintainer's
     * lag after each hour's end holds an hour not filed yet, read from its folded part and minutes.
     */
    private static CubeQuery wholeHours(final CubeQuery query, final int hours)
    {
        return clockHours ? query.between(hourEnd() - hours * CubeConfig.HOUR_MS, hourEnd()) :
            query.lastWholeHours(hours);
    }

    private void run() throws Exception
    {
        final Engine engine = Engine.builder()
            .threadMode(io.netpulse.engine.ThreadMode.parse(mode))
            .ringSize(64 * 1024)
            .singlePublisher(true)
            .journalDirectory(journal)
            .build();
        final Cube cube = engine.cube();
        final Feeder feeder = new Feeder(engine.newPublisher("generator"), elements);
        final Thread feed = new Thread(feeder, "feeder");
        feed.start();

        final long loadStartNs = System.nanoTime();
        long lastReport = loadStartNs;
        final Thread clock = new Thread(() ->
        {
            while (!Thread.currentThread().isInterrupted())
            {
                nowMs = Math.max(nowMs, cube.stats().maxEventTimeMs());
                try
                {
                    Thread.sleep(100);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
            }
        }, "clock");
        clock.setDaemon(true);
        clock.start();
        while (cube.stats().eventsApplied() < preloadEvents)
        {
            Thread.sleep(200);
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10))
            {
                lastReport = System.nanoTime();
                final CubeStats stats = cube.stats();
                System.out.printf(Locale.ROOT, "loading: %,d events in the cube, %,d closed cells, %,d MiB, %.0f s%n",
                    stats.eventsApplied(), stats.closedCells(), stats.closedBytes() >> 20,
                    (lastReport - loadStartNs) / 1e9);
            }
        }
        final double loadSeconds = (System.nanoTime() - loadStartNs) / 1e9;
        final CubeStats loaded = cube.stats();
        System.out.printf(Locale.ROOT, "loaded %,d events in %.1f s (%,.0f events/s), event time %s to %s%n",
            loaded.eventsApplied(), loadSeconds, loaded.eventsApplied() / loadSeconds,
            java.time.Instant.ofEpochMilli(GeneratorConfig.DEFAULT_START_TIME_MS),
            java.time.Instant.ofEpochMilli(loaded.maxEventTimeMs()));

        final int regions = Math.max(2, elements / 1250);
        final int sites = (int)Math.ceil(elements / 40.0);
        final List<QueryKind> kinds = mix(new SplittableRandom(7), regions, sites);
        if (soloQueries > 0)
        {
            solo(cube, kinds);
        }

        final double before = ingestRate(cube, "alone", feeder, phaseNs);
        final List<Phase> phases = new ArrayList<>();
        double previous = before;
        for (final double rate : rates)
        {
            final Phase phase = queryPhase(cube, feeder, rate, regions, sites);
            phase.before = previous;
            phase.after = ingestRate(cube, "alone", feeder, phaseNs);
            previous = phase.after;
            phases.add(phase);
        }

        feeder.running.set(false);
        feed.join();
        engine.close();

        final CubeStats stats = cube.stats();
        System.out.printf(Locale.ROOT, "%ncube: %,d events, %,d values, %,d closed cells in %,d MiB (%.1f bytes/cell)," +
            " %,d open cells, %,d late, %,d roll-ups%n", stats.eventsApplied(), stats.valuesApplied(),
            stats.closedCells(), stats.closedBytes() >> 20, (double)stats.closedBytes() / Math.max(1,
            stats.closedCells()), stats.openCells(), stats.lateEvents(), stats.rollups());
        for (final Phase phase : phases)
        {
            final String label = phase.ratePerThread > 0 ? String.format(Locale.ROOT,
                "%d query threads paced at %.1f queries/s each", queryThreads, phase.ratePerThread) :
                queryThreads + " back-to-back query threads";
            final Histogram all = phase.all;
            System.out.printf(Locale.ROOT, "%n== %s ==%n", label);
            System.out.printf(Locale.ROOT, "ingest without queries %,.0f events/s, with them %,.0f, without " +
                "again %,.0f: ratio %.3f%n", phase.before, phase.during, phase.after, phase.ratio());
            System.out.printf(Locale.ROOT, "queries: %,d in %.0f s (%,.0f/s), %,.0f cells each on average, %.1f%% " +
                "answered from the cube's query cache%s; GC pauses %d ms during the phase; load average %.2f at its " +
                "end; cube maintenance backlog %d sealed minutes at its start, %d at its end%n", all.getTotalCount(),
                phaseNs / 1e9, all.getTotalCount() / (phaseNs / 1e9),
                (double)phase.cells / Math.max(1, all.getTotalCount()),
                100.0 * phase.cached / Math.max(1, all.getTotalCount()), uncached ? " (--uncached)" : "",
                phase.gcMs, phase.loadAverage, phase.backlogBefore, phase.backlogAfter);
            if (phase.ratePerThread > 0)
            {
                System.out.println("(paced: latency counted from each query's scheduled start, so a query that " +
                    "waits behind a late one counts its wait)");
            }
            System.out.printf(Locale.ROOT, "%-52s %9s %9s %9s %9s%n", "query latency (ms)", "count", "p50", "p99",
                "max");
            for (int k = 0; k < kinds.size(); k++)
            {
                print(kinds.get(k).name(), phase.byKind.get(k));
            }
            print("all", all);
            if (warmUpNs > 0)
            {
                print(String.format(Locale.ROOT, "warm-up, first %d s, not recorded above", warmUpNs / 1_000_000_000),
                    phase.warmUp);
            }
            System.out.printf(Locale.ROOT, "{\"events\":%d,\"queryThreads\":%d,\"ratePerThread\":%.2f," +
                "\"ingestBefore\":%.0f,\"ingestDuring\":%.0f,\"ingestAfter\":%.0f,\"ratio\":%.4f,\"queries\":%d," +
                "\"cached\":%d,\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"maxMs\":%.3f,\"closedBytes\":%d,\"closedCells\":%d," +
                "\"warmUpSeconds\":%d,\"warmUpQueries\":%d,\"warmUpP99Ms\":%.3f,\"warmUpMaxMs\":%.3f}%n",
                stats.eventsApplied(), queryThreads, phase.ratePerThread, phase.before, phase.during, phase.after,
                phase.ratio(), all.getTotalCount(), phase.cached, all.getValueAtPercentile(50) / 1e6,
                all.getValueAtPercentile(99) / 1e6, all.getMaxValue() / 1e6, stats.closedBytes(),
                stats.closedCells(), warmUpNs / 1_000_000_000, phase.warmUp.getTotalCount(),
                phase.warmUp.getValueAtPercentile(99) / 1e6, phase.warmUp.getMaxValue() / 1e6);
        }
    }

    /** One query phase's figures. */
    private static final class Phase
    {
        final double ratePerThread;
        final Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final Histogram warmUp = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final List<Histogram> byKind = new ArrayList<>();
        double before;
        double during;
        double after;
        long cells;
        long cached;
        long gcMs;
        double loadAverage;
        long backlogBefore;
        long backlogAfter;

        Phase(final double ratePerThread, final int kinds)
        {
            this.ratePerThread = ratePerThread;
            for (int k = 0; k < kinds; k++)
            {
                byKind.add(new Histogram(TimeUnit.SECONDS.toNanos(60), 3));
            }
        }

        double ratio()
        {
            return during / ((before + after) / 2);
        }
    }

    /**
     * Each query kind alone on one thread (ingest running): the work a query does when it has a core to itself.
     */
    private void solo(final Cube cube, final List<QueryKind> kinds)
    {
        System.out.printf(Locale.ROOT, "%nsolo: each query kind %d times on one thread, ingest running, every one " +
            "scanning its buckets (uncached)%n", soloQueries);
        System.out.printf(Locale.ROOT, "%-52s %9s %9s %9s %9s %9s %9s %9s%n", "query latency (ms)", "count", "p50",
            "p99", "max", "cpu p50", "KiB p50", "cells");
        final com.sun.management.ThreadMXBean cpu =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        for (final QueryKind kind : kinds)
        {
            final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            final Histogram cpuTime = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            final Histogram allocated = new Histogram(3);
            long cells = 0;
            for (int i = 0; i < soloQueries; i++)
            {
                final long startCpuNs = cpu.getCurrentThreadCpuTime();
                final long startBytes = cpu.getCurrentThreadAllocatedBytes();
                final long startNs = System.nanoTime();
                final CubeResult result = kind.build().apply(cube).uncached().execute();
                histogram.recordValue(System.nanoTime() - startNs);
                allocated.recordValue(Math.max(0, cpu.getCurrentThreadAllocatedBytes() - startBytes));
                cpuTime.recordValue(Math.max(0, cpu.getCurrentThreadCpuTime() - startCpuNs));
                cells += result.cellsScanned();
            }
            System.out.printf(Locale.ROOT, "%-52s %9d %9.3f %9.3f %9.3f %9.3f %9d %9d%n", kind.name(),
                histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1e6,
                histogram.getValueAtPercentile(99) / 1e6, histogram.getMaxValue() / 1e6,
                cpuTime.getValueAtPercentile(50) / 1e6, allocated.getValueAtPercentile(50) >> 10,
                cells / soloQueries);
        }
    }

    /**
     * Runs the query threads for one phase while measuring the ingest rate. With a rate, each thread issues its
     * queries on a fixed schedule (a dashboard's refreshes) and a query's latency runs from its scheduled start.
     */
    private Phase queryPhase(final Cube cube, final Feeder feeder, final double ratePerThread, final int regions,
        final int sites) throws InterruptedException
    {
        final Phase phase = new Phase(ratePerThread, mix(new SplittableRandom(7), regions, sites).size());
        final AtomicBoolean querying = new AtomicBoolean(true);
        final List<Thread> threads = new ArrayList<>();
        final long[] cells = new long[queryThreads];
        final long[] cached = new long[queryThreads];
        final long intervalNs = ratePerThread > 0 ? (long)(1e9 / ratePerThread) : 0;
        final com.sun.management.ThreadMXBean cpu =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final java.util.Queue<String> slow = new java.util.concurrent.ConcurrentLinkedQueue<>();
        // the first queries find the query code not yet compiled and no answer kept: not recorded, reported apart
        final long recordFromNs = System.nanoTime() + warmUpNs;
        for (int t = 0; t < queryThreads; t++)
        {
            final int thread = t;
            final Thread query = new Thread(() ->
            {
                final SplittableRandom random = new SplittableRandom(thread);
                final List<QueryKind> ownKinds = mix(random, regions, sites);
                final Histogram[] local = new Histogram[ownKinds.size()];
                for (int k = 0; k < local.length; k++)
                {
                    local[k] = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
                }
                final Histogram warm = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
                int next = thread;
                // threads start spread over one interval, so paced queries do not arrive in lockstep
                long scheduledNs = System.nanoTime() + intervalNs * thread / queryThreads;
                while (querying.get())
                {
                    if (intervalNs > 0)
                    {
                        final long waitNs = scheduledNs - System.nanoTime();
                        if (waitNs > 0)
                        {
                            LockSupport.parkNanos(waitNs);
                            continue;
                        }
                    }
                    final int k = next++ % ownKinds.size();
                    final long startNs = intervalNs > 0 ? scheduledNs : System.nanoTime();
                    final long issuedNs = System.nanoTime();
                    final long cpuStartNs = slowNs == Long.MAX_VALUE ? 0 : cpu.getCurrentThreadCpuTime();
                    final long userStartNs = slowNs == Long.MAX_VALUE ? 0 : cpu.getCurrentThreadUserTime();
                    final long bytesBefore = slowNs == Long.MAX_VALUE ? 0 : cpu.getCurrentThreadAllocatedBytes();
                    final long eventTimeMs = nowMs;
                    final CubeResult result = query(ownKinds.get(k), cube).execute();
                    final long endNs = System.nanoTime();
                    final boolean recorded = startNs >= recordFromNs;
                    (recorded ? local[k] : warm).recordValue(Math.min(endNs - startNs, TimeUnit.SECONDS.toNanos(60)));
                    if (endNs - startNs > slowNs)
                    {
                        slow.add(String.format(Locale.ROOT,
                            "%8.3f %9s %-52s %9.2f %9.2f %9.2f %9.2f %9.2f %9d %9d %6s %3d",
                            (startNs - recordFromNs) / 1e9, "query-" + thread, ownKinds.get(k).name(),
                            (endNs - startNs) / 1e6, (issuedNs - startNs) / 1e6, (endNs - issuedNs) / 1e6,
                            (cpu.getCurrentThreadCpuTime() - cpuStartNs) / 1e6,
                            (cpu.getCurrentThreadUserTime() - userStartNs) / 1e6,
                            (cpu.getCurrentThreadAllocatedBytes() - bytesBefore) >> 10, result.cellsScanned(),
                            result.cached() ? "yes" : "no",
                            Math.floorMod(eventTimeMs, CubeConfig.HOUR_MS) / CubeConfig.MINUTE_MS));
                    }
                    if (recorded)
                    {
                        cells[thread] += result.cellsScanned();
                        cached[thread] += result.cached() ? 1 : 0;
                    }
                    scheduledNs += intervalNs;
                }
                synchronized (phase)
                {
                    for (int k = 0; k < local.length; k++)
                    {
                        phase.byKind.get(k).add(local[k]);
                        phase.all.add(local[k]);
                    }
                    phase.warmUp.add(warm);
                }
            }, "query-" + t);
            threads.add(query);
        }
        final long gcBefore = GcActivity.pauseMsNow();
        phase.backlogBefore = cube.stats().maintenanceBacklog();
        for (final Thread thread : threads)
        {
            thread.start();
        }
        TimeUnit.NANOSECONDS.sleep(warmUpNs);
        phase.during = ingestRate(cube, ratePerThread > 0 ? "paced" : "saturating", feeder, phaseNs);
        phase.backlogAfter = cube.stats().maintenanceBacklog();
        phase.loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        querying.set(false);
        for (final Thread thread : threads)
        {
            thread.join();
        }
        phase.gcMs = GcActivity.pauseMsNow() - gcBefore;
        if (slowNs != Long.MAX_VALUE)
        {
            final List<String> lines = new ArrayList<>(slow);
            lines.sort(java.util.Comparator.comparingDouble(line -> Double.parseDouble(line.trim().split(" ")[0])));
            System.out.printf(Locale.ROOT, "%nqueries over %d ms (%d): start s (negative: warm-up), thread, kind, " +
                "latency ms, started late ms, own ms, own CPU ms, of it user ms, KiB allocated, cells, cached, " +
                "event minute of the hour%n", slowNs / 1_000_000, lines.size());
            lines.forEach(System.out::println);
        }
        for (int t = 0; t < queryThreads; t++)
        {
            phase.cells += cells[t];
            phase.cached += cached[t];
        }
        return phase;
    }

    private static void print(final String name, final Histogram histogram)
    {
        System.out.printf(Locale.ROOT, "%-52s %9d %9.2f %9.2f %9.2f%n", name, histogram.getTotalCount(),
            histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
            histogram.getMaxValue() / 1e6);
    }

    private static double ingestRate(final Cube cube, final String label, final Feeder feeder, final long spanNs)
        throws InterruptedException
    {
        final CubeStats first = cube.stats();
        final long startNs = System.nanoTime();
        final long startEvents = feeder.accepted;
        final long maintainerStartNs = threadCpuNs(MAINTAINER_THREAD);
        final Map<String, Double> cpuBefore = ThreadCpu.snapshot();
        final double idleBefore = ThreadCpu.machineIdleSeconds();
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(spanNs));
        final Map<String, Double> cpuAfter = ThreadCpu.snapshot();
        final double idle = ThreadCpu.machineIdleSeconds() - idleBefore;
        final double rate = (feeder.accepted - startEvents) / ((System.nanoTime() - startNs) / 1e9);
        final long maintainerNs = threadCpuNs(MAINTAINER_THREAD) - maintainerStartNs;
        final CubeStats last = cube.stats();
        final long rollups = last.rollups() - first.rollups();
        final long events = last.eventsApplied() - first.eventsApplied();
        System.out.printf(Locale.ROOT, "phase %s: %,.0f events/s; writer paused for the maintainer %d times, " +
            "blocks new %d recycled %d, publications skipped %d, cells copied into published states %.2f an event, " +
            "roll-ups %d, maintainer CPU %.2f s (%.0f ms a roll-up)%n", label, rate,
            last.maintenanceWaits() - first.maintenanceWaits(), last.blocksAllocated() - first.blocksAllocated(),
            last.blocksRecycled() - first.blocksRecycled(),
            last.skippedPublications() - first.skippedPublications(),
            events > 0 ? (double)(last.cellsPublished() - first.cellsPublished()) / events : 0.0, rollups,
            maintainerNs / 1e9, rollups > 0 ? maintainerNs / 1e6 / rollups : 0.0);
        System.out.printf(Locale.ROOT, "phase %s: CPU by thread, s: %s; machine idle %.2f s%n", label,
            ThreadCpu.describe(cpuBefore, cpuAfter), idle);
        return rate;
    }

    /**
     * A live thread's CPU time by name, 0 when there is none: the maintainer's, whose CPU per roll-up says what a
     * phase cost it whatever the machine's other load did to the rates.
     */
    private static long threadCpuNs(final String name)
    {
        final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (final java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds()))
        {
            if (null != info && name.equals(info.getThreadName()))
            {
                return Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return 0;
    }
}
