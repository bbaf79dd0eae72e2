/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

/**
 * The measures the cube derives from call detail records, QoS measurements and flow records: each is a member of
 * the metric dimension beside the KPI metrics, with a fixed index. 0/1-valued members ({@code cdr.failed},
 * {@code cdr.dropped}) make the mean a rate.
 */
public enum DerivedMetric
{
    /** Call setup delay, ms; every CDR. */
    CDR_SETUP_MS("cdr.setup_ms", "ms", true),

    /** Call duration, ms; answered and dropped calls only (others have none). */
    CDR_DURATION_MS("cdr.duration_ms", "ms", false),

    /** Mean opinion score, 1.0 to 5.0; calls where it was measured. */
    CDR_MOS("cdr.mos", "MOS", false),

    /** Bytes up plus down; every CDR. */
    CDR_BYTES("cdr.bytes", "bytes", false),

    /** 1 for a call that failed to set up (result FAILED), else 0; every CDR. */
    CDR_FAILED("cdr.failed", "ratio", false),

    /** 1 for a dropped call, else 0; every CDR. */
    CDR_DROPPED("cdr.dropped", "ratio", false),

    /** QoS latency, microseconds. */
    QOS_LATENCY_US("qos.latency_us", "us", true),

    /** QoS jitter, microseconds. */
    QOS_JITTER_US("qos.jitter_us", "us", true),

    /** QoS packet loss, parts per million. */
    QOS_LOSS_PPM("qos.loss_ppm", "ppm", false),

    /** QoS throughput, kbit/s. */
    QOS_THROUGHPUT_KBPS("qos.throughput_kbps", "kbit/s", false),

    /** Flow bytes. */
    FLOW_BYTES("flow.bytes", "bytes", false),

    /** Flow packets. */
    FLOW_PACKETS("flow.packets", "packets", false),

    /** Flow duration, ms. */
    FLOW_DURATION_MS("flow.duration_ms", "ms", false);

    private static final DerivedMetric[] VALUES = values();

    private final String metricName;
    private final String unit;
    private final boolean histogram;

    DerivedMetric(final String metricName, final String unit, final boolean histogram)
    {
        this.metricName = metricName;
        this.unit = unit;
        this.histogram = histogram;
    }

    /**
     * Index in the metric dimension.
     *
     * @return the index.
     */
    public int index()
    {
        return ordinal();
    }

    /**
     * Name in queries.
     *
     * @return e.g. {@code cdr.setup_ms}.
     */
    public String metricName()
    {
        return metricName;
    }

    /**
     * Unit of values.
     *
     * @return the unit.
     */
    public String unit()
    {
        return unit;
    }

    /**
     * Whether the cube keeps a histogram (and so percentiles) for it.
     *
     * @return true for latency-like measures.
     */
    public boolean histogram()
    {
        return histogram;
    }

    /**
     * The table that holds it: the event type's.
     *
     * @return {@link MetricCatalog#CDR_TABLE}, {@link MetricCatalog#QOS_TABLE} or {@link MetricCatalog#FLOW_TABLE}.
     */
    int table()
    {
        return ordinal() < QOS_LATENCY_US.ordinal() ? MetricCatalog.CDR_TABLE :
            ordinal() < FLOW_BYTES.ordinal() ? MetricCatalog.QOS_TABLE : MetricCatalog.FLOW_TABLE;
    }

    /**
     * Its column in its table.
     *
     * @return the column.
     */
    int column()
    {
        return ordinal() - (ordinal() < QOS_LATENCY_US.ordinal() ? CDR_SETUP_MS.ordinal() :
            ordinal() < FLOW_BYTES.ordinal() ? QOS_LATENCY_US.ordinal() : FLOW_BYTES.ordinal());
    }

    /**
     * How many there are; KPI metrics take the indices from here on.
     *
     * @return the count.
     */
    public static int count()
    {
        return VALUES.length;
    }

    /**
     * The member at an index.
     *
     * @param index in the metric dimension.
     * @return the metric.
     */
    public static DerivedMetric get(final int index)
    {
        return VALUES[index];
    }
}
