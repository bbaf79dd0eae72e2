/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What the cube's maintainer does for one sealed minute of one table, off the event path: roll the element cells
 * up into the site and region cuboids, compact all three, and fold each into its hour. The minute is a QoS-like
 * table (four columns, each with a latency histogram) with an element-cuboid cell per element and service, about
 * two values per cell and column, drawn from a log-normal spread so that cells hold a few histogram buckets each
 * and sites and regions many. The hour folds are emptied every sixty minutes, as the maintainer's are.
 * <p>
 * In the cube's package because the maintainer's parts are package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = {"-Xms1g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CubeMaintenanceBenchmark
{
    private static final int COLUMNS = 4;
    private static final int SERVICES = 3;
    private static final int ELEMENTS_PER_SITE = 20;
    private static final int SITES_PER_REGION = 25;
    private static final int MINUTES = 60;

    @Param({"10000"})
    int elements;

    private final CellTable[] minutes = new CellTable[4];
    private final CellTable site = new CellTable(COLUMNS, 256, 256, false, 0).hashEveryPair();
    private final CellTable region = new CellTable(COLUMNS, 256, 256, false, 0).hashEveryPair();
    private final PeriodFold[] hours = {new PeriodFold(CubeConfig.HOUR_MS), new PeriodFold(CubeConfig.HOUR_MS),
        new PeriodFold(CubeConfig.HOUR_MS)};
    private final BlockPool blocks = new BlockPool();
    private final CubeShard shard = new CubeShard(0);
    private Placements.View placements;
    private int minute;
    private long view;

    /**
     * Builds the placements and a few different minutes to cycle through.
     */
    @Setup
    public void setUp()
    {
        final Placements all = new Placements();
        for (int e = 0; e < elements; e++)
        {
            final int site = e / ELEMENTS_PER_SITE;
            all.placementOf(e, 1_000_000L + e, site, site / SITES_PER_REGION, e % 3, e % 4);
        }
        placements = all.view();
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < minutes.length; i++)
        {
            final CellTable table = new CellTable(COLUMNS, elements * SERVICES, elements * SERVICES * COLUMNS * 2,
                elements * SERVICES, true, 0, false);
            // Cells in the order the elements first report in the minute, as a real minute's table has them.
            final int[] order = new int[elements];
            for (int e = 0; e < elements; e++)
            {
                final int at = random.nextInt(e + 1);
                order[e] = order[at];
                order[at] = e;
            }
            for (final int e : order)
            {
                for (int service = 0; service < SERVICES; service++)
                {
                    final int cell = table.cell(Cuboid.elementKey(e, service), 0);
                    for (int column = 0; column < COLUMNS; column++)
                    {
                        for (int v = 0; v < 2; v++)
                        {
                            table.addWithHistogram(cell, column, Math.exp(3 + 0.6 * random.nextGaussian()), 0);
                        }
                    }
                }
            }
            minutes[i] = table;
        }
    }

    /**
     * One sealed minute's maintenance.
     *
     * @return cells kept, so the work is not discarded.
     */
    @Benchmark
    public long minute()
    {
        final CellTable elementCells = minutes[minute % minutes.length];
        final long startMs = minute * CubeConfig.MINUTE_MS;
        site.rollUp(elementCells, placements, Cuboid.SITE);
        region.rollUp(elementCells, placements, Cuboid.REGION);
        long cells = fold(0, startMs, blocks.compact(elementCells));
        cells += fold(1, startMs, blocks.compact(site));
        cells += fold(2, startMs, blocks.compact(region));
        site.reset(0);
        region.reset(0);
        if (++minute % MINUTES == 0)
        {
            for (final PeriodFold hour : hours)
            {
                retire(hour.finish(blocks));
            }
        }
        return cells;
    }

    private long fold(final int cuboid, final long startMs, final CellBlock block)
    {
        final Slice slice = new Slice(startMs, CubeConfig.MINUTE_MS, new CellBlock[] {block});
        hours[cuboid].fold(0, slice);
        retire(slice);
        return block.cellCount;
    }

    private void retire(final Slice slice)
    {
        // Every block is dropped at once and reusable at the next view: the steady state of a long run.
        blocks.retire(shard, slice, ++view);
        shard.oldestViewInUse = view;
        blocks.release(shard);
    }
}
