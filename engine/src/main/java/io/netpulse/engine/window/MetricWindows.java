/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * One metric's series in one window updater: which series (in its layout's store) each node of the hierarchy
 * has, elements and roll-up nodes alike, by dense node index. Replaced whole when the metric's spec changes, so a
 * reader that holds one sees a layout and a series map that belong together.
 * <p>
 * Single writer; readers read {@link #series(int)} with acquire semantics, after which the series' header is
 * initialised.
 */
final class MetricWindows
{
    static final int NONE = -1;

    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

    final int metricId;
    final LayoutWindows layout;
    private int[] writerSeries;
    private volatile int[] seriesByNode;
    private volatile int[] regions = new int[0];
    private volatile boolean rootPartial;
    private int seriesCount;

    MetricWindows(final int metricId, final LayoutWindows layout, final int nodeCapacity)
    {
        this.metricId = metricId;
        this.layout = layout;
        final int[] series = new int[Math.max(16, nodeCapacity)];
        Arrays.fill(series, NONE);
        this.writerSeries = series;
        this.seriesByNode = series;
    }

    /**
     * The series of a node, from any thread.
     *
     * @param node dense node index.
     * @return the series, or {@link #NONE}.
     */
    int series(final int node)
    {
        final int[] series = seriesByNode;
        return node >= 0 && node < series.length ? (int)INTS.getAcquire(series, node) : NONE;
    }

    /**
     * The series of a node, writer thread only.
     */
    int seriesPlain(final int node)
    {
        final int[] series = writerSeries;
        return node < series.length ? series[node] : NONE;
    }

    void series(final int node, final int series)
    {
        int[] table = writerSeries;
        if (node >= table.length)
        {
            final int old = table.length;
            table = Arrays.copyOf(table, Math.max(node + 1, old * 2));
            Arrays.fill(table, old, table.length, NONE);
            writerSeries = table;
            seriesByNode = table;
        }
        if (NONE == table[node] && NONE != series)
        {
            seriesCount++;
        }
        else if (NONE != table[node] && NONE == series)
        {
            seriesCount--;
        }
        INTS.setRelease(table, node, series);
    }

    int seriesCount()
    {
        return seriesCount;
    }

    int nodeLimit()
    {
        return writerSeries.length;
    }

    /**
     * Regions with a roll-up series here, ascending.
     */
    int[] regions()
    {
        return regions;
    }

    void addRegion(final int region)
    {
        final int[] old = regions;
        int at = Arrays.binarySearch(old, region);
        if (at >= 0)
        {
            return;
        }
        at = -at - 1;
        final int[] updated = new int[old.length + 1];
        System.arraycopy(old, 0, updated, 0, at);
        updated[at] = region;
        System.arraycopy(old, at, updated, at + 1, old.length - at);
        regions = updated;
    }

    /**
     * Whether the network root holds a partial roll-up of elements that have no region.
     */
    boolean rootPartial()
    {
        return rootPartial;
    }

    void rootPartial(final boolean rootPartial)
    {
        this.rootPartial = rootPartial;
    }
}
