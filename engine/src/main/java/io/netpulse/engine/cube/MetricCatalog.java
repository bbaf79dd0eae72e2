/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.codec.sbe.MetricKind;
import org.agrona.collections.Int2IntHashMap;

import java.util.Arrays;

/**
 * The members of the metric dimension: the {@link DerivedMetric}s first, then each KPI metric id in order of
 * first sight. KPI metrics are named by their {@code MetricDefinition} ({@code kpi.<name>}), or {@code kpi.<id>}
 * until one arrives; those defined as {@link MetricKind#LATENCY} keep histograms.
 * <p>
 * Written by one cube updater; readers get immutable {@link Snapshot}s.
 */
final class MetricCatalog
{
    /** Most members the metric dimension can hold (its width in keys). */
    static final int MAX_METRICS = 1 << 12;

    /** The table of the CDR-derived measures: one column each. */
    static final int CDR_TABLE = 0;

    /** The table of the QoS-derived measures. */
    static final int QOS_TABLE = 1;

    /** The table of the flow-derived measures. */
    static final int FLOW_TABLE = 2;

    /** KPI metrics each have a table of one column, from this table id on. */
    static final int FIRST_KPI_TABLE = 3;

    private static final int MISSING = -1;

    private final Int2IntHashMap indexByKpiId = new Int2IntHashMap(MISSING);
    private final Int2IntHashMap kindByKpiId = new Int2IntHashMap(MISSING);
    private final Int2IntHashMap nameIndexByKpiId = new Int2IntHashMap(MISSING);
    private final java.util.List<String> definedNames = new java.util.ArrayList<>();
    private String[] names;
    private boolean[] histograms;
    private int[] kpiIds;
    private int count;
    private Snapshot snapshot;

    MetricCatalog()
    {
        final int derived = DerivedMetric.count();
        names = new String[derived + 16];
        histograms = new boolean[derived + 16];
        kpiIds = new int[derived + 16];
        for (int i = 0; i < derived; i++)
        {
            final DerivedMetric metric = DerivedMetric.get(i);
            names[i] = metric.metricName();
            histograms[i] = metric.histogram();
            kpiIds[i] = MISSING;
        }
        count = derived;
        snapshot = new Snapshot(Arrays.copyOf(names, count), Arrays.copyOf(histograms, count),
            Arrays.copyOf(kpiIds, count));
    }

    /**
     * The index of a KPI metric, registering it on first sight. The hot path's one map lookup per KPI sample.
     *
     * @param kpiId metric id from the sample.
     * @return the index, or -1 when the dimension is full.
     */
    int kpiIndex(final int kpiId)
    {
        final int index = indexByKpiId.get(kpiId);
        return MISSING != index ? index : register(kpiId);
    }

    private int register(final int kpiId)
    {
        if (count >= MAX_METRICS)
        {
            return MISSING;
        }
        if (count == names.length)
        {
            names = Arrays.copyOf(names, count * 2);
            histograms = Arrays.copyOf(histograms, count * 2);
            kpiIds = Arrays.copyOf(kpiIds, count * 2);
        }
        final int index = count++;
        kpiIds[index] = kpiId;
        indexByKpiId.put(kpiId, index);
        describe(index, kpiId);
        return index;
    }

    private void describe(final int index, final int kpiId)
    {
        final int nameIndex = nameIndexByKpiId.get(kpiId);
        names[index] = MISSING == nameIndex ? "kpi." + kpiId : "kpi." + definedNames.get(nameIndex);
        histograms[index] = kindByKpiId.get(kpiId) == MetricKind.LATENCY.value();
        snapshot = null;
    }

    /**
     * The table holding a member's values.
     *
     * @param metric member index.
     * @return the table id.
     */
    static int tableOf(final int metric)
    {
        return metric < DerivedMetric.count() ? DerivedMetric.get(metric).table() :
            FIRST_KPI_TABLE + metric - DerivedMetric.count();
    }

    /**
     * The column of a member within its table.
     *
     * @param metric member index.
     * @return the column.
     */
    static int columnOf(final int metric)
    {
        return metric < DerivedMetric.count() ? DerivedMetric.get(metric).column() : 0;
    }

    /**
     * Columns of a table.
     *
     * @param table the table id.
     * @return the columns.
     */
    static int columnsOf(final int table)
    {
        switch (table)
        {
            case CDR_TABLE:
                return 6;
            case QOS_TABLE:
                return 4;
            case FLOW_TABLE:
                return 3;
            default:
                return 1;
        }
    }

    /**
     * Whether a table's events carry no service, so its element keys all have {@link Cuboid#NO_SERVICE}: the KPI
     * tables' and the flows'. (The updater keys call records and QoS measurements by service.)
     *
     * @param table the table id.
     * @return true for a table without services.
     */
    static boolean serviceless(final int table)
    {
        return table != CDR_TABLE && table != QOS_TABLE;
    }

    /**
     * Applies a metric definition: names the metric (registering it if new) and, for latency metrics, turns its
     * histogram on from now.
     *
     * @param kpiId metric id.
     * @param kind  its kind.
     * @param name  its name.
     */
    void define(final int kpiId, final MetricKind kind, final String name)
    {
        definedNames.add(name);
        nameIndexByKpiId.put(kpiId, definedNames.size() - 1);
        kindByKpiId.put(kpiId, null == kind || kind == MetricKind.NULL_VAL ? MISSING : kind.value());
        final int index = indexByKpiId.get(kpiId);
        if (MISSING != index)
        {
            describe(index, kpiId);
        }
        else
        {
            // A defined metric is a member of the dimension before its first sample.
            register(kpiId);
        }
    }

    /**
     * Whether a member keeps a histogram.
     *
     * @param index member.
     * @return true when it does.
     */
    boolean histogram(final int index)
    {
        return histograms[index];
    }

    /**
     * Members so far.
     *
     * @return the count.
     */
    int count()
    {
        return count;
    }

    /**
     * The catalog as it is now, for readers.
     *
     * @return an immutable snapshot.
     */
    Snapshot snapshot()
    {
        if (null == snapshot)
        {
            snapshot = new Snapshot(
                Arrays.copyOf(names, count), Arrays.copyOf(histograms, count), Arrays.copyOf(kpiIds, count));
        }
        return snapshot;
    }

    /**
     * The metric dimension's members at one moment.
     */
    static final class Snapshot
    {
        private final String[] names;
        private final boolean[] histograms;
        private final int[] kpiIds;

        Snapshot(final String[] names, final boolean[] histograms, final int[] kpiIds)
        {
            this.names = names;
            this.histograms = histograms;
            this.kpiIds = kpiIds;
        }

        int count()
        {
            return names.length;
        }

        String name(final int index)
        {
            return names[index];
        }

        boolean histogram(final int index)
        {
            return histograms[index];
        }

        int kpiId(final int index)
        {
            return kpiIds[index];
        }

        int indexOf(final String name)
        {
            for (int i = 0; i < names.length; i++)
            {
                if (names[i].equals(name))
                {
                    return i;
                }
            }
            return MISSING;
        }
    }
}
