/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.engine.stage.ThreadAffinity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the closed buckets of a shard, off the event path: compacts each sealed minute bucket's element cells
 * into blocks, rolls them up into the minute's site and region cells, rolls an hour's minutes into one hour
 * bucket as soon as the hour is complete and a day's hours into one day bucket likewise, drops minutes past the
 * cuboid's minute retention (their hour stays), hours past the hour retention (their day stays) and days past the
 * day retention, and publishes each shard's closed buckets as a new immutable {@link ShardView}. Roll-ups merge
 * mergeable state (counts, sums, extremes, sums of squares, histogram counts), so no total changes.
 * <p>
 * One thread a shard, started with the shard's first sealed bucket; the work it does per event-time minute is
 * proportional to the cells sealed in that minute.
 */
final class CubeMaintainer implements Runnable, AutoCloseable
{
    private static final System.Logger LOGGER = System.getLogger("netpulse.cube");
    private static final int ELEMENT = Cuboid.ELEMENT.ordinal();
    /** How often, within an hour, the hour folded so far is published. */
    static final long PREFIX_STEP_MS = 10 * CubeConfig.MINUTE_MS;
    private static final int MAX_TASKS = 4096;

    private final CubeConfig config;
    private final PrefixDemand prefixDemand;
    // An array queue, so that a hand-over allocates no node: the writers wait while the backlog is over its bound,
    // so it never holds more than that bound and one a shard.
    private final ArrayBlockingQueue<Task> tasks = new ArrayBlockingQueue<>(MAX_TASKS);
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong rollups = new AtomicLong();
    private final BlockPool blocks = new BlockPool();
    // Scratch tables the sealed minutes' element cells are rolled up into, per cuboid and table, then compacted.
    private final CellTable[][] rollUpTables = new CellTable[Cuboid.count()][0];
    private final Thread thread;
    private volatile boolean running = true;
    // Tests hold the maintainer here to play a starved or slow one.
    volatile Runnable beforeTask;

    /**
     * Starts the maintainer's thread.
     *
     * @param config     lateness and retention.
     * @param prefixDemand what queries ask of unfiled hours: hour prefixes are made only while queries read them.
     */
    CubeMaintainer(final CubeConfig config, final PrefixDemand prefixDemand)
    {
        this.config = config;
        this.prefixDemand = prefixDemand;
        this.thread = new Thread(this, "netpulse-cube-maintainer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Hands over a sealed bucket. Called by a shard's updater; the bucket is never written again.
     *
     * @param shard       the shard it belongs to.
     * @param bucket      the sealed bucket.
     * @param watermarkMs the shard's watermark at sealing, which drives roll-ups and expiry.
     */
    void submit(final CubeShard shard, final OpenBucket bucket, final long watermarkMs)
    {
        submitted.incrementAndGet();
        final Task task = bucket.task;
        task.shard = shard;
        task.elementSlice = bucket.sealedSlice();
        task.placements = bucket.sealedPlacements();
        task.sealSeq = bucket.sealSeq;
        task.watermarkMs = watermarkMs;
        if (!tasks.offer(task))
        {
            throw new IllegalStateException("more sealed minutes in hand than the writers' backlog bound allows");
        }
    }

    /**
     * {@inheritDoc}
     */
    public void run()
    {
        // started by the first shard to seal a minute: not on that shard's CPU, if it is pinned
        ThreadAffinity.unpin();
        while (running || !tasks.isEmpty())
        {
            final Task task;
            try
            {
                task = tasks.poll(100, TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
            if (null == task)
            {
                continue;
            }
            try
            {
                final Runnable beforeTask = this.beforeTask;
                if (null != beforeTask)
                {
                    beforeTask.run();
                }
                process(task);
            }
            catch (final Throwable ex)
            {
                errors.incrementAndGet();
                LOGGER.log(System.Logger.Level.ERROR, "cube maintenance failed", ex);
            }
            finally
            {
                completed.incrementAndGet();
            }
        }
    }

    private void process(final Task task)
    {
        final CubeShard shard = task.shard;
        final Slice sealed = task.elementSlice;
        blocks.release(shard);
        for (int c = 0; c < Cuboid.count(); c++)
        {
            final CellBlock[] compacted = new CellBlock[sealed.byTable.length];
            for (int m = 0; m < compacted.length; m++)
            {
                final CellBlock block = sealed.byTable[m];
                if (null == block || block.cellCount == 0)
                {
                    continue;
                }
                if (c == ELEMENT)
                {
                    compacted[m] = blocks.compact(block);
                }
                else
                {
                    // The roll-up visits the element cells in their table's order, so the sums are the same
                    // whichever thread does it and whenever.
                    final CellTable rolled = rollUpTable(c, m);
                    rolled.rollUp(block, task.placements, Cuboid.get(c));
                    compacted[m] = blocks.compact(rolled);
                    rolled.reset(0);
                }
            }
            final Slice minute = new Slice(sealed.startMs, CubeConfig.MINUTE_MS, compacted);
            insert(shard.minutes.get(c), minute);
            foldIntoHour(shard, c, minute);
            maintain(shard, c, config.retention(Cuboid.get(c)), task.watermarkMs, sealed.startMs);
        }
        publish(shard, task.sealSeq);
    }

    private CellTable rollUpTable(final int cuboid, final int table)
    {
        CellTable[] byTable = rollUpTables[cuboid];
        if (table >= byTable.length)
        {
            byTable = Arrays.copyOf(byTable, table + 1);
            rollUpTables[cuboid] = byTable;
        }
        CellTable rolled = byTable[table];
        if (null == rolled)
        {
            rolled = new CellTable(MetricCatalog.columnsOf(table), 256, 256, false, 0).hashEveryPair();
            byTable[table] = rolled;
        }
        return rolled;
    }

    /**
     * Folds a closed minute into its hour. Minutes are sealed in time order, so the hour is complete, and filed,
     * once its last minute is folded or, where that minute had no data, once a minute past it comes.
     * <p>
     * A query over a range that holds the hour's first minutes (the last hours to now, or the whole hour that
     * has ended but whose last minute is still inside the cube's lateness) would read them one by one, up to
     * sixty: every {@link #PREFIX_STEP_MS} and as the hour ends, the hour folded so far is therefore published
     * too, and such a query reads it instead of the minutes it covers. A maintainer that lags leaves at most a
     * step of minutes and its backlog to read.
     * <p>
     * A prefix is a copy of the hour so far, and six of them an hour cost about a fifth of the maintainer's time,
     * so a cuboid's are made only while queries read them ({@link PrefixDemand}): the steps' for an hour of event
     * time after a step that saw a query reach into a running hour; the last step's and the one as the hour ends,
     * which "the last whole hour" reads just after the hour (the last step's while the maintainer lags), for an
     * hour after a step that saw any query of the cuboid. An engine nobody queries makes none, and the first
     * queries after a quiet spell read the hour's minutes until the next step.
     */
    private void foldIntoHour(final CubeShard shard, final int cuboid, final Slice minute)
    {
        final PeriodFold hour = shard.hoursInProgress[cuboid];
        final long hourStartMs = Math.floorDiv(minute.startMs, CubeConfig.HOUR_MS) * CubeConfig.HOUR_MS;
        if (PeriodFold.NONE != hour.startMs() && hour.startMs() != hourStartMs)
        {
            fileHour(shard, cuboid, hour);
        }
        if (hourStartMs > shard.builtHourMs[cuboid])
        {
            hour.fold(hourStartMs, minute);
            final long minuteEndMs = minute.startMs + CubeConfig.MINUTE_MS;
            final long hourEndMs = hourStartMs + CubeConfig.HOUR_MS;
            if (minuteEndMs == hourEndMs)
            {
                fileHour(shard, cuboid, hour);
            }
            else if (minuteEndMs - hourStartMs >= 2 * CubeConfig.MINUTE_MS)
            {
                final boolean hourEnding = minuteEndMs + config.allowedLatenessMs() >= hourEndMs;
                if (hourEnding || (minuteEndMs - hourStartMs) % PREFIX_STEP_MS == 0)
                {
                    noteDemand(shard, cuboid, minuteEndMs);
                    final boolean lastStep = minuteEndMs + PREFIX_STEP_MS >= hourEndMs;
                    if (minuteEndMs <= shard.runningPrefixesUntilMs[cuboid] ||
                        ((hourEnding || lastStep) && minuteEndMs <= shard.endPrefixesUntilMs[cuboid]))
                    {
                        retirePrefix(shard, cuboid);
                        shard.hourPrefixes[cuboid] = hour.prefix(minuteEndMs, blocks);
                    }
                }
            }
        }
    }

    /**
     * Keeps making a kind of prefix for an hour of event time after a step that saw queries ask for it.
     */
    private void noteDemand(final CubeShard shard, final int cuboid, final long minuteEndMs)
    {
        final long running = prefixDemand.runningHours(cuboid);
        if (running != shard.runningDemandSeen[cuboid])
        {
            shard.runningDemandSeen[cuboid] = running;
            shard.runningPrefixesUntilMs[cuboid] = minuteEndMs + CubeConfig.HOUR_MS;
        }
        final long queries = prefixDemand.queries(cuboid);
        if (queries != shard.queriesSeen[cuboid])
        {
            shard.queriesSeen[cuboid] = queries;
            shard.endPrefixesUntilMs[cuboid] = minuteEndMs + CubeConfig.HOUR_MS;
        }
    }

    private void fileHour(final CubeShard shard, final int cuboid, final PeriodFold hour)
    {
        final long finishedMs = hour.startMs();
        final Slice filed = hour.finish(blocks);
        insert(shard.hours.get(cuboid), filed);
        shard.builtHourMs[cuboid] = Math.max(shard.builtHourMs[cuboid], finishedMs);
        retirePrefix(shard, cuboid);
        rollups.incrementAndGet();
        foldIntoDay(shard, cuboid, filed);
    }

    /**
     * Folds a filed hour into its day, and files the day once its last hour is in. Hours are filed in time order,
     * so a day is complete once its last hour is folded, or once an hour or a minute past it comes
     * ({@link #fileDayIfComplete}).
     * <p>
     * Folding each hour as it is filed spreads a day's roll-up over the day, as {@link #foldIntoHour} does for
     * an hour's: built in one go from 24 hours as the day ended, it held the maintainer for seconds at full ingest,
     * and through the writers' backlog bound, held ingest too. The same hours are folded in the same order either
     * way, so the day is the same bit for bit.
     */
    private void foldIntoDay(final CubeShard shard, final int cuboid, final Slice hour)
    {
        final PeriodFold day = shard.daysInProgress[cuboid];
        final long dayStartMs = Math.floorDiv(hour.startMs, CubeConfig.DAY_MS) * CubeConfig.DAY_MS;
        if (PeriodFold.NONE != day.startMs() && day.startMs() != dayStartMs)
        {
            fileDay(shard, cuboid, day);
        }
        if (dayStartMs > shard.builtDayMs[cuboid])
        {
            day.fold(dayStartMs, hour);
            if (hour.startMs + CubeConfig.HOUR_MS == dayStartMs + CubeConfig.DAY_MS)
            {
                fileDay(shard, cuboid, day);
            }
        }
    }

    /**
     * Files the day in progress once every minute of it has been sealed: for a day whose last hour had no data.
     *
     * @param sealedEndMs end of the minute just sealed.
     */
    private void fileDayIfComplete(final CubeShard shard, final int cuboid, final long sealedEndMs)
    {
        final PeriodFold day = shard.daysInProgress[cuboid];
        if (PeriodFold.NONE != day.startMs() && day.startMs() + CubeConfig.DAY_MS <= sealedEndMs)
        {
            fileDay(shard, cuboid, day);
        }
    }

    private void fileDay(final CubeShard shard, final int cuboid, final PeriodFold day)
    {
        final long finishedMs = day.startMs();
        insert(shard.days.get(cuboid), day.finish(blocks));
        shard.builtDayMs[cuboid] = Math.max(shard.builtDayMs[cuboid], finishedMs);
        rollups.incrementAndGet();
    }

    private void retirePrefix(final CubeShard shard, final int cuboid)
    {
        final Slice prefix = shard.hourPrefixes[cuboid];
        if (null != prefix)
        {
            blocks.retire(shard, prefix, shard.viewVersion + 1);
            shard.hourPrefixes[cuboid] = null;
        }
    }

    private static void insert(final List<Slice> slices, final Slice slice)
    {
        int at = slices.size();
        while (at > 0 && slices.get(at - 1).startMs > slice.startMs)
        {
            at--;
        }
        slices.add(at, slice);
    }

    /**
     * Rolls and expires one cuboid's closed buckets for a watermark. An hour is folded together minute by minute
     * ({@link #foldIntoHour}) and filed once a later minute is sealed: minutes are sealed in time order, so every
     * minute of the hour is in and none can change. A day is folded together hour by hour as they are filed
     * ({@link #foldIntoDay}) and filed once its last minute is sealed. The finer buckets stay until their
     * retention passes, so a query over whole hours or days reads one bucket per period, and one over part of an
     * hour still reads its minutes.
     *
     * @param sealedStartMs start of the minute bucket just sealed: it and every earlier minute have been filed.
     */
    private void maintain(final CubeShard shard, final int cuboid, final CubeConfig.Retention retention,
        final long watermarkMs, final long sealedStartMs)
    {
        final List<Slice> minutes = shard.minutes.get(cuboid);
        final List<Slice> hours = shard.hours.get(cuboid);
        final List<Slice> days = shard.days.get(cuboid);
        fileDayIfComplete(shard, cuboid, sealedStartMs + CubeConfig.MINUTE_MS);
        dropBefore(shard, minutes, CubeConfig.HOUR_MS, watermarkMs - retention.minutesMs(),
            shard.builtHourMs[cuboid]);
        dropBefore(shard, hours, CubeConfig.DAY_MS, watermarkMs - retention.hoursMs(), shard.builtDayMs[cuboid]);

        final long dropBeforeMs = watermarkMs - retention.daysMs();
        while (!days.isEmpty() && days.get(0).startMs + days.get(0).spanMs <= dropBeforeMs)
        {
            final Slice expired = days.remove(0);
            blocks.retire(shard, expired, shard.viewVersion + 1);
            if (cuboid == Cuboid.ELEMENT.ordinal())
            {
                shard.expiredValues += expired.values();
            }
        }
    }

    /**
     * Drops the finer slices of whole periods that end before a time and have been built into coarser ones.
     */
    private void dropBefore(final CubeShard shard, final List<Slice> finer, final long periodMs,
        final long beforeMs, final long lastBuiltMs)
    {
        while (!finer.isEmpty())
        {
            final long periodStart = Math.floorDiv(finer.get(0).startMs, periodMs) * periodMs;
            if (periodStart + periodMs > beforeMs || periodStart > lastBuiltMs)
            {
                return;
            }
            blocks.retire(shard, finer.remove(0), shard.viewVersion + 1);
        }
    }

    /**
     * Merges a period's closed slices, given in time order, into the period's slice.
     */
    static Slice merge(final long startMs, final long spanMs, final List<Slice> members)
    {
        final PeriodFold fold = new PeriodFold(spanMs);
        for (final Slice member : members)
        {
            fold.fold(startMs, member);
        }
        return fold.finish(new BlockPool());
    }

    private void publish(final CubeShard shard, final long sealSeq)
    {
        final Slice[][] slices = new Slice[Cuboid.count()][];
        long cells = 0;
        long bytes = 0;
        for (int c = 0; c < slices.length; c++)
        {
            final List<Slice> all = new ArrayList<>(shard.days.get(c));
            all.addAll(shard.hours.get(c));
            if (null != shard.hourPrefixes[c])
            {
                all.add(shard.hourPrefixes[c]);
            }
            all.addAll(shard.minutes.get(c));
            slices[c] = all.toArray(new Slice[0]);
            for (final Slice slice : all)
            {
                cells += slice.cells();
                bytes += slice.footprintBytes();
            }
        }
        shard.view = new ShardView(slices, sealSeq, ++shard.viewVersion, cells, bytes, shard.expiredValues);
    }

    /**
     * Waits until every bucket handed over so far has been processed. For tests and orderly reports.
     *
     * @param timeoutMs longest wait.
     * @return true when caught up.
     */
    boolean awaitIdle(final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (completed.get() < submitted.get())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            try
            {
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Buckets handed over and not yet processed.
     *
     * @return the backlog.
     */
    long backlog()
    {
        return submitted.get() - completed.get();
    }

    /**
     * Whether the thread still takes work: false once closing has begun.
     *
     * @return true while running.
     */
    boolean isRunning()
    {
        return running && thread.isAlive();
    }

    /**
     * Maintenance runs that failed (each logged).
     *
     * @return the count.
     */
    long errors()
    {
        return errors.get();
    }

    /**
     * Closed blocks that reused the storage of expired ones.
     *
     * @return the count.
     */
    long blocksRecycled()
    {
        return blocks.recycled();
    }

    /**
     * Closed blocks that needed new storage.
     *
     * @return the count.
     */
    long blocksAllocated()
    {
        return blocks.allocated();
    }

    /**
     * Roll-ups done (hours and days built).
     *
     * @return the count.
     */
    long rollups()
    {
        return rollups.get();
    }

    /**
     * Finishes the buckets handed over, then stops the thread.
     */
    public void close()
    {
        running = false;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A sealed minute handed over: owned by its bucket and reused with it, as the bucket comes back to the writer
     * only once this task's minute is published.
     */
    static final class Task
    {
        CubeShard shard;
        Slice elementSlice;
        Placements.View placements;
        long sealSeq;
        long watermarkMs;
    }
}
