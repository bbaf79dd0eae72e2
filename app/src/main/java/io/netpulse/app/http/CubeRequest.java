/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app.http;

import io.netpulse.engine.cube.Cube;
import io.netpulse.engine.cube.CubeConfig;
import io.netpulse.engine.cube.CubeQuery;
import io.netpulse.engine.cube.CubeQueryException;
import io.netpulse.engine.cube.Dimension;
import io.netpulse.engine.cube.Granularity;
import io.netpulse.engine.cube.Measure;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the query parameters of {@code GET /api/cube} into a {@link CubeQuery}, refusing anything it does not
 * understand with a {@link BadRequest} that names the parameter and what it allows.
 * <pre>
 *   groupBy=region,metric              dimensions to group by (time, region, site, element, service, class,
 *                                      vendor, metric)
 *   region=north,south  metric=...     filters: a dimension's name, any of the comma-separated values
 *   from=...&amp;to=...                    range of bucket starts: epoch ms or ISO-8601 instants
 *   last=1h                            or the most recent period of event time (s, m, h, d)
 *   wholeHours=6                       or the newest whole hours the cube has filed (final, kept answers)
 *   granularity=hour                   time grouping: minute, hour, day
 *   measures=count,mean,p99            count, sum, min, max, mean, stddev, p50, p95, p99
 *   order=p99:desc  limit=10           order by a measure or grouped dimension; top-N
 *   compareFrom=...&amp;compareTo=...      baseline range: every row gets baseline, delta and ratio
 * </pre>
 */
final class CubeRequest
{
    /** Every parameter understood. */
    static final Set<String> PARAMETERS = Set.of("groupBy", "time", "region", "site", "element", "service", "class",
        "vendor", "metric", "from", "to", "last", "wholeHours", "granularity", "measures", "order", "limit",
        "compareFrom", "compareTo");

    private CubeRequest()
    {
    }

    /**
     * Builds the query a request asks for.
     *
     * @param cube    the cube to query.
     * @param request the request.
     * @return the query, ready to execute.
     * @throws BadRequest naming the parameter at fault.
     */
    static CubeQuery parse(final Cube cube, final HttpService.Request request)
    {
        for (final String name : request.params().keySet())
        {
            if (!PARAMETERS.contains(name))
            {
                throw new BadRequest(name, "unknown parameter '" + name + "'; allowed: groupBy, " +
                    "region, site, element, service, class, vendor, metric, from, to, last, wholeHours, " +
                    "granularity, measures, order, limit, compareFrom, compareTo");
            }
        }
        try
        {
            final CubeQuery query = cube.query();
            for (final String value : values(request, "groupBy"))
            {
                query.groupBy(dimension("groupBy", value));
            }
            for (final Dimension dimension : Dimension.values())
            {
                if (dimension == Dimension.TIME)
                {
                    if (request.params().containsKey("time"))
                    {
                        throw new BadRequest("time", "filter time with from and to (or last), not time=");
                    }
                    continue;
                }
                final List<String> filter = values(request, dimension.label());
                if (request.params().containsKey(dimension.label()) && filter.isEmpty())
                {
                    throw new BadRequest(dimension.label(), "give at least one " + dimension.label() + " value");
                }
                if (!filter.isEmpty())
                {
                    query.where(dimension, filter);
                }
            }

            final String last = request.param("last");
            final String from = request.param("from");
            final String to = request.param("to");
            final String wholeHours = request.param("wholeHours");
            if (null != wholeHours)
            {
                if (null != last || null != from || null != to)
                {
                    throw new BadRequest("wholeHours", "give one of wholeHours, last or from/to");
                }
                query.lastWholeHours(integer("wholeHours", wholeHours, 1, CubeQuery.MAX_WHOLE_HOURS));
            }
            else if (null != last)
            {
                if (null != from || null != to)
                {
                    throw new BadRequest("last", "give either last or from/to, not both");
                }
                query.last(Duration.ofMillis(duration("last", last)));
            }
            else if (null != from || null != to)
            {
                final long fromMs = null == from ? Long.MIN_VALUE : time("from", from);
                final long toMs = null == to ? Long.MAX_VALUE : time("to", to);
                if (toMs <= fromMs)
                {
                    throw new BadRequest("to", "to must be after from");
                }
                query.between(fromMs, toMs);
            }

            final String granularity = request.param("granularity");
            if (null != granularity)
            {
                final Granularity parsed = Granularity.parse(granularity);
                if (null == parsed)
                {
                    throw new BadRequest("granularity", "unknown granularity '" + granularity +
                        "'; allowed: minute, hour, day");
                }
                query.granularity(parsed);
            }

            final List<String> measures = values(request, "measures");
            if (request.params().containsKey("measures") && measures.isEmpty())
            {
                throw new BadRequest("measures", "give at least one of " + Measure.allowed());
            }
            if (!measures.isEmpty())
            {
                final List<Measure> parsed = new ArrayList<>();
                for (final String value : measures)
                {
                    parsed.add(measure("measures", value));
                }
                query.measures(parsed.toArray(new Measure[0]));
            }

            final String order = request.param("order");
            if (null != order)
            {
                order(query, order);
            }
            final String limit = request.param("limit");
            if (null != limit)
            {
                query.limit(integer("limit", limit, 1, CubeQuery.MAX_LIMIT));
            }

            final String compareFrom = request.param("compareFrom");
            final String compareTo = request.param("compareTo");
            if (null != compareFrom || null != compareTo)
            {
                if (null == compareFrom || null == compareTo)
                {
                    throw new BadRequest(null == compareFrom ? "compareFrom" : "compareTo",
                        "a comparison needs both compareFrom and compareTo");
                }
                final long baselineFrom = time("compareFrom", compareFrom);
                final long baselineTo = time("compareTo", compareTo);
                if (baselineTo <= baselineFrom)
                {
                    throw new BadRequest("compareTo", "compareTo must be after compareFrom");
                }
                query.compareWith(baselineFrom, baselineTo);
            }
            return query;
        }
        catch (final CubeQueryException ex)
        {
            throw new BadRequest(ex.parameter(), ex.getMessage());
        }
    }

    private static void order(final CubeQuery query, final String order)
    {
        final int colon = order.indexOf(':');
        final String key = colon < 0 ? order : order.substring(0, colon);
        final String direction = colon < 0 ? "" : order.substring(colon + 1).trim().toLowerCase(java.util.Locale.ROOT);
        if (!direction.isEmpty() && !"asc".equals(direction) && !"desc".equals(direction))
        {
            throw new BadRequest("order", "unknown direction '" + direction + "'; allowed: asc, desc");
        }
        final Measure measure = Measure.parse(key);
        if (null != measure)
        {
            query.orderBy(measure, !"asc".equals(direction));
            return;
        }
        final Dimension dimension = Dimension.parse(key);
        if (null != dimension)
        {
            query.orderBy(dimension, "desc".equals(direction));
            return;
        }
        throw new BadRequest("order", "cannot order by '" + key + "'; allowed: a measure (" + Measure.allowed() +
            ") or a grouped dimension, optionally followed by :asc or :desc");
    }

    private static List<String> values(final HttpService.Request request, final String name)
    {
        final List<String> values = new ArrayList<>();
        final List<String> given = request.params().get(name);
        if (null != given)
        {
            for (final String value : given)
            {
                for (final String part : value.split(","))
                {
                    if (!part.isBlank())
                    {
                        values.add(part.trim());
                    }
                }
            }
        }
        return values;
    }

    private static Dimension dimension(final String parameter, final String value)
    {
        final Dimension dimension = Dimension.parse(value);
        if (null == dimension)
        {
            throw new BadRequest(parameter, "unknown dimension '" + value + "'; allowed: " + Dimension.allowed());
        }
        return dimension;
    }

    private static Measure measure(final String parameter, final String value)
    {
        final Measure measure = Measure.parse(value);
        if (null == measure)
        {
            throw new BadRequest(parameter, "unknown measure '" + value + "'; allowed: " + Measure.allowed());
        }
        return measure;
    }

    /**
     * Parses a time: epoch milliseconds or an ISO-8601 instant.
     *
     * @param parameter its name, for errors.
     * @param value     the text.
     * @return epoch milliseconds.
     */
    static long time(final String parameter, final String value)
    {
        try
        {
            return Long.parseLong(value.trim());
        }
        catch (final NumberFormatException notMillis)
        {
            try
            {
                return Instant.parse(value.trim()).toEpochMilli();
            }
            catch (final DateTimeParseException ex)
            {
                throw new BadRequest(parameter, "cannot read time '" + value + "'; allowed: epoch milliseconds or " +
                    "an ISO-8601 instant such as 2026-01-05T10:00:00Z");
            }
        }
    }

    static long duration(final String parameter, final String value)
    {
        try
        {
            final long ms = CubeConfig.Retention.durationMs(value);
            if (ms <= 0)
            {
                throw new BadRequest(parameter, "the period must be positive");
            }
            return ms;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new BadRequest(parameter, "cannot read period '" + value + "'; allowed: a number with s, m, h " +
                "or d, such as 90m or 1h");
        }
    }

    static int integer(final String parameter, final String value, final int min, final int max)
    {
        try
        {
            final int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max)
            {
                return parsed;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new BadRequest(parameter, "'" + value + "' is not a whole number from " + min + " to " + max);
    }

    /**
     * Reads a map of parameters as {@link HttpService.Request} would carry them: for callers and tests.
     *
     * @param params the parameters.
     * @return a GET request for /api/cube.
     */
    static HttpService.Request request(final Map<String, List<String>> params)
    {
        return new HttpService.Request("GET", "/api/cube", params, new byte[0]);
    }
}
