/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.List;

/**
 * One group of a cube query's answer: the value of each grouped dimension and the measures over the group's
 * values. For a comparison, {@link #baseline()} holds the same measures over the baseline range, and
 * {@link #delta} and {@link #ratio} the change. Immutable.
 */
public final class CubeRow
{
    private final List<Dimension> dimensions;
    private final String[] labels;
    private final long[] ids;
    private final long count;
    private final double sum;
    private final double min;
    private final double max;
    private final double stddev;
    private final double p50;
    private final double p95;
    private final double p99;
    private final CubeRow baseline;

    CubeRow(
        final List<Dimension> dimensions,
        final String[] labels,
        final long[] ids,
        final long count,
        final double sum,
        final double min,
        final double max,
        final double stddev,
        final double[] percentiles,
        final CubeRow baseline)
    {
        this.dimensions = dimensions;
        this.labels = labels;
        this.ids = ids;
        this.count = count;
        this.sum = sum;
        this.min = count > 0 ? min : Double.NaN;
        this.max = count > 0 ? max : Double.NaN;
        this.stddev = stddev;
        this.p50 = percentiles[0];
        this.p95 = percentiles[1];
        this.p99 = percentiles[2];
        this.baseline = baseline;
    }

    /**
     * The value of a grouped dimension: a member's name, a service or metric name, or for time the bucket's
     * start as an ISO-8601 instant.
     *
     * @param dimension one of the query's grouped dimensions.
     * @return the value.
     * @throws IllegalArgumentException when the query did not group by it.
     */
    public String value(final Dimension dimension)
    {
        return labels[position(dimension)];
    }

    /**
     * The numeric identity of a grouped dimension's value: a node's global id for region, site and element,
     * the bucket start (epoch ms) for time, the KPI metric id (or -1 for a derived measure) for metric, and
     * the index for service, class and vendor.
     *
     * @param dimension one of the query's grouped dimensions.
     * @return the id.
     */
    public long id(final Dimension dimension)
    {
        return ids[position(dimension)];
    }

    private int position(final Dimension dimension)
    {
        final int at = dimensions.indexOf(dimension);
        if (at < 0)
        {
            throw new IllegalArgumentException("the query did not group by " + dimension.label());
        }
        return at;
    }

    /**
     * Values in the group.
     *
     * @return the count.
     */
    public long count()
    {
        return count;
    }

    /**
     * Their sum.
     *
     * @return the sum.
     */
    public double sum()
    {
        return sum;
    }

    /**
     * The smallest.
     *
     * @return the minimum, NaN when empty.
     */
    public double min()
    {
        return min;
    }

    /**
     * The largest.
     *
     * @return the maximum, NaN when empty.
     */
    public double max()
    {
        return max;
    }

    /**
     * Sum over count.
     *
     * @return the mean, NaN when empty.
     */
    public double mean()
    {
        return count > 0 ? sum / count : Double.NaN;
    }

    /**
     * Population standard deviation.
     *
     * @return the deviation, NaN when empty.
     */
    public double stddev()
    {
        return stddev;
    }

    /**
     * Median, within {@link LogHistogram#RELATIVE_ERROR}.
     *
     * @return the estimate; NaN when the group's values are not all of latency-like metrics.
     */
    public double p50()
    {
        return p50;
    }

    /**
     * 95th percentile, within {@link LogHistogram#RELATIVE_ERROR}.
     *
     * @return the estimate, or NaN.
     */
    public double p95()
    {
        return p95;
    }

    /**
     * 99th percentile, within {@link LogHistogram#RELATIVE_ERROR}.
     *
     * @return the estimate, or NaN.
     */
    public double p99()
    {
        return p99;
    }

    /**
     * A measure by name.
     *
     * @param measure which.
     * @return its value.
     */
    public double get(final Measure measure)
    {
        switch (measure)
        {
            case COUNT:
                return count;
            case SUM:
                return sum;
            case MIN:
                return min;
            case MAX:
                return max;
            case MEAN:
                return mean();
            case STDDEV:
                return stddev;
            case P50:
                return p50;
            case P95:
                return p95;
            default:
                return p99;
        }
    }

    /**
     * The same group over the comparison's baseline range.
     *
     * @return the baseline row (a count of 0 when the group had no values then), or null without a comparison.
     */
    public CubeRow baseline()
    {
        return baseline;
    }

    /**
     * The change of a measure from the baseline: this minus baseline.
     *
     * @param measure which.
     * @return the difference; NaN without a comparison or when either side is undefined.
     */
    public double delta(final Measure measure)
    {
        return null == baseline ? Double.NaN : get(measure) - baseline.get(measure);
    }

    /**
     * The ratio of a measure to the baseline: this over baseline.
     *
     * @param measure which.
     * @return the ratio; NaN without a comparison, when either side is undefined, or when the baseline is 0.
     */
    public double ratio(final Measure measure)
    {
        if (null == baseline)
        {
            return Double.NaN;
        }
        final double before = baseline.get(measure);
        return before == 0 ? Double.NaN : get(measure) / before;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        final StringBuilder out = new StringBuilder("CubeRow{");
        for (int i = 0; i < labels.length; i++)
        {
            out.append(dimensions.get(i).label()).append('=').append(labels[i]).append(", ");
        }
        return out.append("count=").append(count).append(", mean=").append(mean()).append('}').toString();
    }
}
