/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A cube query, built fluently and run with {@link #execute()}:
 * <pre>{@code
 * CubeResult worst = cube.query()
 *     .where(Dimension.METRIC, "qos.latency_us")
 *     .where(Dimension.REGION, "region-03")
 *     .groupBy(Dimension.SITE)
 *     .last(Duration.ofHours(1))
 *     .measures(Measure.COUNT, Measure.MEAN, Measure.P99)
 *     .top(10, Measure.P99)
 *     .execute();
 * }</pre>
 * Filters name members by name or global id; several values for one dimension mean any of them. The time
 * range selects the stored buckets whose start lies in it. A comparison range ({@link #compareWith}) computes
 * the same measures over a baseline period, with the change per group. Not thread-safe; build one per query.
 */
public final class CubeQuery
{
    /** Most rows a query returns. */
    public static final int MAX_LIMIT = 100_000;

    /** Most hours {@link #lastWholeHours} selects: ten years. */
    public static final int MAX_WHOLE_HOURS = 10 * 366 * 24;

    private final Cube cube;
    final List<Dimension> groupBy = new ArrayList<>();
    final Map<Dimension, List<String>> filters = new EnumMap<>(Dimension.class);
    long fromMs = Long.MIN_VALUE;
    long toMs = Long.MAX_VALUE;
    long lastMs = -1;
    int wholeHours;
    Granularity granularity = Granularity.MINUTE;
    final List<Measure> measures = new ArrayList<>(List.of(Measure.COUNT, Measure.SUM, Measure.MIN, Measure.MAX,
        Measure.MEAN));
    Measure orderMeasure;
    Dimension orderDimension;
    boolean descending;
    int limit = MAX_LIMIT;
    boolean compare;
    long compareFromMs;
    long compareToMs;
    boolean uncached;

    CubeQuery(final Cube cube)
    {
        this.cube = cube;
    }

    /**
     * Groups by dimensions (added to any already given, in order).
     *
     * @param dimensions to group by.
     * @return this.
     */
    public CubeQuery groupBy(final Dimension... dimensions)
    {
        for (final Dimension dimension : dimensions)
        {
            if (!groupBy.contains(Objects.requireNonNull(dimension)))
            {
                groupBy.add(dimension);
            }
        }
        return this;
    }

    /**
     * Keeps only members of a dimension named by these values (names or global ids; any of them).
     *
     * @param dimension to filter; not {@link Dimension#TIME} (use a range).
     * @param values    allowed members.
     * @return this.
     */
    public CubeQuery where(final Dimension dimension, final String... values)
    {
        return where(dimension, Arrays.asList(values));
    }

    /**
     * Keeps only members of a dimension named by these values (names or global ids; any of them).
     *
     * @param dimension to filter; not {@link Dimension#TIME} (use a range).
     * @param values    allowed members.
     * @return this.
     */
    public CubeQuery where(final Dimension dimension, final Collection<String> values)
    {
        if (dimension == Dimension.TIME)
        {
            throw new CubeQueryException("time", "filter time with a range (from, to), not by value");
        }
        if (values.isEmpty())
        {
            throw new CubeQueryException(dimension.label(), "give at least one value");
        }
        filters.computeIfAbsent(dimension, d -> new ArrayList<>()).addAll(values);
        return this;
    }

    /**
     * Selects the buckets whose start lies in {@code [fromMs, toMs)}, event time.
     *
     * @param fromMs inclusive, epoch ms.
     * @param toMs   exclusive, epoch ms.
     * @return this.
     */
    public CubeQuery between(final long fromMs, final long toMs)
    {
        if (toMs <= fromMs)
        {
            throw new CubeQueryException("to", "must be after from");
        }
        this.fromMs = fromMs;
        this.toMs = toMs;
        this.lastMs = -1;
        this.wholeHours = 0;
        return this;
    }

    /**
     * Selects the most recent period of event time: the buckets that start within {@code period} before the end
     * of the newest minute seen.
     *
     * @param period how far back.
     * @return this.
     */
    public CubeQuery last(final Duration period)
    {
        if (period.isNegative() || period.isZero())
        {
            throw new CubeQueryException("from", "the period must be positive");
        }
        this.lastMs = period.toMillis();
        this.wholeHours = 0;
        this.fromMs = Long.MIN_VALUE;
        this.toMs = Long.MAX_VALUE;
        return this;
    }

    /**
     * Selects the newest whole hours the cube has filed: hours every minute of which is sealed and rolled up into
     * the hour's bucket, in every shard, so the answer is final and is kept until the next hour is filed. An hour
     * that has just ended by the clock still takes late data for the cube's lateness and is then filed; until
     * then this selects the hours before it, where {@link #between} over that hour would read it, partial, from
     * its minutes. What a dashboard's hourly overview wants: complete hours, each read as one bucket. Nothing
     * is selected before the first hour is filed.
     *
     * @param hours how many, at least 1.
     * @return this.
     */
    public CubeQuery lastWholeHours(final int hours)
    {
        if (hours < 1 || hours > MAX_WHOLE_HOURS)
        {
            throw new CubeQueryException("wholeHours", "must be between 1 and " + MAX_WHOLE_HOURS);
        }
        this.wholeHours = hours;
        this.lastMs = -1;
        this.fromMs = Long.MIN_VALUE;
        this.toMs = Long.MAX_VALUE;
        return this;
    }

    /**
     * How finely {@link Dimension#TIME} groups.
     *
     * @param granularity minute (the default), hour or day.
     * @return this.
     */
    public CubeQuery granularity(final Granularity granularity)
    {
        this.granularity = Objects.requireNonNull(granularity);
        return this;
    }

    /**
     * What to compute for each group, replacing the default (count, sum, min, max, mean).
     *
     * @param measures the measures.
     * @return this.
     */
    public CubeQuery measures(final Measure... measures)
    {
        if (measures.length == 0)
        {
            throw new CubeQueryException("measures", "give at least one of " + Measure.allowed());
        }
        this.measures.clear();
        for (final Measure measure : measures)
        {
            if (!this.measures.contains(measure))
            {
                this.measures.add(measure);
            }
        }
        return this;
    }

    /**
     * Orders rows by a measure.
     *
     * @param measure    to order by (computed even if not asked for).
     * @param descending largest first.
     * @return this.
     */
    public CubeQuery orderBy(final Measure measure, final boolean descending)
    {
        this.orderMeasure = Objects.requireNonNull(measure);
        this.orderDimension = null;
        this.descending = descending;
        return this;
    }

    /**
     * Orders rows by a grouped dimension's value (its name, or time).
     *
     * @param dimension  one of the grouped dimensions.
     * @param descending last first.
     * @return this.
     */
    public CubeQuery orderBy(final Dimension dimension, final boolean descending)
    {
        this.orderDimension = Objects.requireNonNull(dimension);
        this.orderMeasure = null;
        this.descending = descending;
        return this;
    }

    /**
     * Keeps at most this many rows, after ordering.
     *
     * @param limit 1 to {@link #MAX_LIMIT}.
     * @return this.
     */
    public CubeQuery limit(final int limit)
    {
        if (limit < 1 || limit > MAX_LIMIT)
        {
            throw new CubeQueryException("limit", "must be 1.." + MAX_LIMIT + ", not " + limit);
        }
        this.limit = limit;
        return this;
    }

    /**
     * The top {@code n} groups by a measure, largest first.
     *
     * @param n       how many.
     * @param measure ranked by.
     * @return this.
     */
    public CubeQuery top(final int n, final Measure measure)
    {
        return orderBy(measure, true).limit(n);
    }

    /**
     * Drills down from a member of a geographic level to the next level below it: filters to the member and
     * groups by the finer level in place of the coarser one (region to site, site to element).
     *
     * @param level  {@link Dimension#REGION} or {@link Dimension#SITE}.
     * @param member the member's name or id.
     * @return this.
     */
    public CubeQuery drillDown(final Dimension level, final String member)
    {
        final Dimension finer;
        if (level == Dimension.REGION)
        {
            finer = Dimension.SITE;
        }
        else if (level == Dimension.SITE)
        {
            finer = Dimension.ELEMENT;
        }
        else
        {
            throw new CubeQueryException("groupBy", "drill down from region or site, not " + level.label());
        }
        where(level, member);
        final int at = groupBy.indexOf(level);
        if (at >= 0)
        {
            groupBy.set(at, finer);
        }
        else
        {
            groupBy(finer);
        }
        return this;
    }

    /**
     * Rolls a geographic grouping up one level (element to site, site to region).
     *
     * @param level {@link Dimension#ELEMENT} or {@link Dimension#SITE}, as grouped now.
     * @return this.
     */
    public CubeQuery rollUp(final Dimension level)
    {
        final Dimension coarser;
        if (level == Dimension.ELEMENT)
        {
            coarser = Dimension.SITE;
        }
        else if (level == Dimension.SITE)
        {
            coarser = Dimension.REGION;
        }
        else
        {
            throw new CubeQueryException("groupBy", "roll up from element or site, not " + level.label());
        }
        final int at = groupBy.indexOf(level);
        if (at < 0)
        {
            throw new CubeQueryException("groupBy", "not grouped by " + level.label());
        }
        groupBy.set(at, coarser);
        return this;
    }

    /**
     * Also computes every measure over a baseline range, with each group's change: "how did this change after
     * the upgrade". The main range is the "after" period; this is the "before".
     *
     * @param baselineFromMs inclusive, epoch ms.
     * @param baselineToMs   exclusive, epoch ms.
     * @return this.
     */
    public CubeQuery compareWith(final long baselineFromMs, final long baselineToMs)
    {
        if (baselineToMs <= baselineFromMs)
        {
            throw new CubeQueryException("compareTo", "must be after compareFrom");
        }
        this.compare = true;
        this.compareFromMs = baselineFromMs;
        this.compareToMs = baselineToMs;
        return this;
    }

    /**
     * Computes the answer from the buckets even when the cube keeps a valid answer to the same query over the same
     * closed buckets (see {@link CubeResult#cached()}): for measuring the scan itself.
     *
     * @return this.
     */
    public CubeQuery uncached()
    {
        this.uncached = true;
        return this;
    }

    /**
     * The grouped dimensions, in order.
     *
     * @return an unmodifiable list.
     */
    public List<Dimension> groupedBy()
    {
        return Collections.unmodifiableList(groupBy);
    }

    /**
     * Runs the query over a consistent snapshot of every shard.
     *
     * @return the result.
     * @throws CubeQueryException when a filter names nothing the cube knows, or the grouping is too wide.
     */
    public CubeResult execute()
    {
        return cube.execute(this);
    }
}
