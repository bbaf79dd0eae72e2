/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.codec.sbe.NodeLevel;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers a {@link CubeQuery} over pinned shard states: chooses the coarsest cuboid that keeps every dimension
 * the query uses, resolves its filters to index sets, scans the cells of the buckets in range (closed, sealed and
 * open alike) into a {@link GroupTable}, and turns the groups into ordered, limited rows.
 * <p>
 * Element-level cells are keyed by placement, so the filters and group-key parts that depend only on the
 * placement are worked out once per placement, and each cell costs a few array reads, a group looked up once per
 * placement while the block's time and metric stay the same, and five additions. Histogram pairs are noted a
 * cell's run at a time and merged per group only for the groups whose percentiles are needed; a query ordered by
 * a measure with a limit names and sorts only the groups that can make the cut.
 * <p>
 * The writer keeps open and freshly sealed minutes in the element cuboid only (the maintainer rolls a sealed
 * minute up into its site and region cells), so a query answered from a coarser cuboid reads those minutes'
 * element cells, grouped through their placements: the same groups and totals, more cells scanned.
 */
final class QueryExecutor
{
    private static final String[] SERVICE_NAMES = {"voice", "video", "sms", "data", "service-4", "service-5",
        "service-6", "none"};
    private static final double[] QUANTILES = {0.5, 0.95, 0.99};

    private final CubeQuery query;
    private final ShardState[] states;
    private final Directory directory;
    private final List<String> metricNames = new ArrayList<>();
    private final QueryCache cache;
    private final PrefixDemand prefixDemand;
    private final List<Integer> metricKpiIds = new ArrayList<>();
    private final int[][] localToGlobal;
    private final Cuboid cuboid;
    private final boolean wantPercentiles;
    private GroupTable groups;

    // Filters: null means no filter on that dimension.
    private boolean[] regionAllowed;
    private boolean[] siteAllowed;
    private boolean[] elementAllowed;
    private boolean[] classAllowed;
    private boolean[] vendorAllowed;
    private boolean[] serviceAllowed;
    private boolean[] metricAllowed;

    // Group key layout: for each dimension, the word (0 lo, 1 hi) and shift; -1 when not grouped.
    private final int[] word = new int[Dimension.values().length];
    private final int[] shift = new int[Dimension.values().length];
    private long timeBase;
    private long fromMs;
    private long toMs;
    private long bucketsScanned;
    private long cellsScanned;
    private long coveredFromMs = Long.MAX_VALUE;
    private long coveredToMs = Long.MIN_VALUE;
    private int[] groupOfCell = new int[1024];
    // Open minutes are kept in the element cuboid only: the slices read through it for a coarser cuboid.
    private final Set<Slice> elementKeyed = Collections.newSetFromMap(new IdentityHashMap<>());

    QueryExecutor(final CubeQuery query, final ShardState[] states, final QueryCache cache,
        final PrefixDemand prefixDemand)
    {
        this.query = query;
        this.states = states;
        this.cache = cache;
        this.prefixDemand = prefixDemand;

        Directory freshest = Directory.EMPTY;
        for (final ShardState state : states)
        {
            if (state.directory.topologyVersion() > freshest.topologyVersion())
            {
                freshest = state.directory;
            }
        }
        this.directory = freshest;

        localToGlobal = new int[states.length][];
        for (int s = 0; s < states.length; s++)
        {
            final MetricCatalog.Snapshot metrics = states[s].metrics;
            final int count = null == metrics ? 0 : metrics.count();
            localToGlobal[s] = new int[count];
            for (int m = 0; m < count; m++)
            {
                int global = metricNames.indexOf(metrics.name(m));
                if (global < 0)
                {
                    global = metricNames.size();
                    metricNames.add(metrics.name(m));
                    metricKpiIds.add(metrics.kpiId(m));
                }
                localToGlobal[s][m] = global;
            }
        }

        final Set<Dimension> needed = EnumSet.noneOf(Dimension.class);
        needed.addAll(query.groupBy);
        needed.addAll(query.filters.keySet());
        this.cuboid = Cuboid.coarsestFor(needed);

        boolean percentiles = null != query.orderMeasure && query.orderMeasure.isPercentile();
        for (final Measure measure : query.measures)
        {
            percentiles |= measure.isPercentile();
        }
        this.wantPercentiles = percentiles;
    }

    CubeResult execute()
    {
        groups = GroupTable.acquire();
        try
        {
            return run();
        }
        finally
        {
            groups.release();
            groups = null;
        }
    }

    private CubeResult run()
    {
        final long startNs = System.nanoTime();
        prefixDemand.noteQuery(cuboid);
        resolveFilters();
        resolveRange();
        final List<List<Slice>> main = select(fromMs, toMs);
        final List<List<Slice>> baseline = query.compare ? select(query.compareFromMs, query.compareToMs) : null;
        final long[] sliceIds = query.uncached ? null : closedSliceIds(main, baseline);
        final QueryCache.Key key = null == sliceIds ? null : cacheKey();
        final QueryCache.Inputs inputs =
            new QueryCache.Inputs(sliceIds, directory.topologyVersion(), List.copyOf(metricNames));
        QueryCache.Computation computation = null;
        if (null != key)
        {
            final QueryCache.Answer answer = cache.find(key, inputs);
            if (null != answer)
            {
                return result(answer.rows(), answer.totalGroups(), answer.coveredFromMs(), answer.coveredToMs(),
                    startNs, true);
            }
            computation = cache.start(key, inputs);
            if (!computation.leads())
            {
                final QueryCache.Answer shared = cache.await(computation);
                if (null != shared)
                {
                    return result(shared.rows(), shared.totalGroups(), shared.coveredFromMs(),
                        shared.coveredToMs(), startNs, true);
                }
                computation = null;
            }
        }
        QueryCache.Answer computed = null;
        try
        {
            computed = compute(main, baseline, inputs);
        }
        finally
        {
            if (null != computation)
            {
                cache.finish(key, computation, computed);
            }
        }
        return result(computed.rows(), computed.totalGroups(), computed.coveredFromMs(), computed.coveredToMs(),
            startNs, false);
    }

    private QueryCache.Answer compute(final List<List<Slice>> main, final List<List<Slice>> baseline,
        final QueryCache.Inputs inputs)
    {
        layout(main, baseline);

        for (int s = 0; s < states.length; s++)
        {
            scanShard(s, main.get(s), 0);
            if (null != baseline)
            {
                scanShard(s, baseline.get(s), 1);
            }
        }

        final List<CubeRow> rows = rows();
        final int total = groups.size;
        final List<CubeRow> limited = rows.size() > query.limit ? List.copyOf(rows.subList(0, query.limit)) :
            List.copyOf(rows);
        final boolean covered = coveredFromMs != Long.MAX_VALUE;
        final long coveredFrom = covered ? coveredFromMs : -1;
        final long coveredTo = covered ? coveredToMs : -1;
        return new QueryCache.Answer(inputs, limited, total, cuboid, coveredFrom, coveredTo);
    }

    private CubeResult result(final List<CubeRow> rows, final int total, final long coveredFrom,
        final long coveredTo, final long startNs, final boolean cached)
    {
        long watermarkMs = Long.MAX_VALUE;
        long maxEventTimeMs = Long.MIN_VALUE;
        long events = 0;
        for (final ShardState state : states)
        {
            watermarkMs = Math.min(watermarkMs, state.watermarkMs);
            maxEventTimeMs = Math.max(maxEventTimeMs, state.maxEventTimeMs);
            events += state.eventsApplied;
        }
        return new CubeResult(List.copyOf(query.groupBy), List.copyOf(query.measures), rows, total, cuboid,
            fromMs, toMs, coveredFrom, coveredTo, query.compare, bucketsScanned, cellsScanned, watermarkMs,
            maxEventTimeMs, events, System.nanoTime() - startNs, cached);
    }

    /**
     * The ids of the slices chosen, shard by shard with a separator, or null when one is an open minute (the
     * writer still changes it, so the answer cannot be kept).
     */
    private long[] closedSliceIds(final List<List<Slice>> main, final List<List<Slice>> baseline)
    {
        int count = 0;
        for (int s = 0; s < states.length; s++)
        {
            count += main.get(s).size() + 1 + (null == baseline ? 0 : baseline.get(s).size() + 1);
        }
        final long[] ids = new long[count];
        int at = 0;
        for (int s = 0; s < states.length; s++)
        {
            final Slice[] open = states[s].open;
            for (final List<Slice> chosen : null == baseline ? List.of(main.get(s)) :
                List.of(main.get(s), baseline.get(s)))
            {
                for (final Slice slice : chosen)
                {
                    for (final Slice writing : open)
                    {
                        if (writing == slice)
                        {
                            return null;
                        }
                    }
                    ids[at++] = slice.id;
                }
                ids[at++] = -1;
            }
        }
        return ids;
    }

    private QueryCache.Key cacheKey()
    {
        final Map<Dimension, List<String>> filters = new java.util.EnumMap<>(Dimension.class);
        for (final Map.Entry<Dimension, List<String>> filter : query.filters.entrySet())
        {
            filters.put(filter.getKey(), List.copyOf(filter.getValue()));
        }
        return new QueryCache.Key(List.copyOf(query.groupBy), filters, List.copyOf(query.measures),
            query.orderMeasure, query.orderDimension, query.descending, query.limit, query.granularity, fromMs, toMs,
            query.compare, query.compareFromMs, query.compareToMs);
    }

    private void resolveFilters()
    {
        final int nodes = maxNodeIndex() + 2;
        for (final Map.Entry<Dimension, List<String>> filter : query.filters.entrySet())
        {
            final Dimension dimension = filter.getKey();
            final List<String> values = filter.getValue();
            switch (dimension)
            {
                case REGION:
                    regionAllowed = nodes(dimension, NodeLevel.REGION, values, nodes);
                    break;
                case SITE:
                    siteAllowed = nodes(dimension, NodeLevel.SITE, values, nodes);
                    break;
                case ELEMENT:
                    elementAllowed = nodes(dimension, NodeLevel.ELEMENT, values, nodes);
                    break;
                case SERVICE:
                    serviceAllowed = new boolean[SERVICE_NAMES.length];
                    for (final String value : values)
                    {
                        serviceAllowed[service(value)] = true;
                    }
                    break;
                case EQUIPMENT_CLASS:
                    classAllowed = new boolean[Cuboid.MAX_ATTRIBUTE_INDEX + 1];
                    for (final String value : values)
                    {
                        final int index = directory.findClass(value);
                        if (index < 0)
                        {
                            throw new CubeQueryException(dimension.label(), "no equipment class named '" + value +
                                "'; known: " + known(directory.classCount(), true));
                        }
                        classAllowed[index] = true;
                    }
                    break;
                case VENDOR:
                    vendorAllowed = new boolean[Cuboid.MAX_ATTRIBUTE_INDEX + 1];
                    for (final String value : values)
                    {
                        final int index = directory.findVendor(value);
                        if (index < 0)
                        {
                            throw new CubeQueryException(dimension.label(), "no vendor named '" + value +
                                "'; known: " + known(directory.vendorCount(), false));
                        }
                        vendorAllowed[index] = true;
                    }
                    break;
                case METRIC:
                    metricAllowed = new boolean[metricNames.size()];
                    for (final String value : values)
                    {
                        final int index = metricNames.indexOf(value.trim());
                        if (index < 0)
                        {
                            throw new CubeQueryException(dimension.label(), "no metric named '" + value +
                                "'; known: " + String.join(", ", metricNames));
                        }
                        metricAllowed[index] = true;
                    }
                    break;
                default:
                    throw new CubeQueryException(dimension.label(), "filter time with a range (from, to)");
            }
        }
    }

    private String known(final int count, final boolean classes)
    {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            names.add(classes ? directory.className(i) : directory.vendorName(i));
        }
        return String.join(", ", names);
    }

    private boolean[] nodes(final Dimension dimension, final NodeLevel level, final List<String> values,
        final int size)
    {
        final boolean[] allowed = new boolean[Math.max(size, directory.nodeCount() + 1)];
        for (final String value : values)
        {
            final List<Integer> found = directory.findNodes(level, value);
            if (found.isEmpty())
            {
                throw new CubeQueryException(dimension.label(), "no " + dimension.label() + " named '" + value +
                    "' (give a name or a global id)");
            }
            for (final int index : found)
            {
                allowed[index] = true;
            }
        }
        return allowed;
    }

    static int service(final String value)
    {
        final String name = value.trim().toLowerCase(java.util.Locale.ROOT);
        for (int i = 0; i < SERVICE_NAMES.length; i++)
        {
            if (SERVICE_NAMES[i].equals(name) && (i < 4 || i == Cuboid.NO_SERVICE))
            {
                return i;
            }
        }
        throw new CubeQueryException("service", "no service named '" + value + "'; known: voice, video, sms, " +
            "data, none");
    }

    static String serviceName(final int service)
    {
        return SERVICE_NAMES[service];
    }

    private int maxNodeIndex()
    {
        int max = directory.nodeCount();
        for (final ShardState state : states)
        {
            final Placements.View placements = state.placements;
            if (null != placements)
            {
                for (int p = 0; p < placements.count; p++)
                {
                    max = Math.max(max, Math.max(placements.elements[p],
                        Math.max(placements.sites[p], placements.regions[p])));
                }
            }
        }
        return max;
    }

    private void resolveRange()
    {
        if (query.wholeHours > 0)
        {
            final long filedThroughMs = filedThroughMs();
            fromMs = Long.MIN_VALUE == filedThroughMs ? Long.MIN_VALUE :
                filedThroughMs - query.wholeHours * CubeConfig.HOUR_MS;
            toMs = Long.MIN_VALUE == filedThroughMs ? Long.MIN_VALUE : filedThroughMs;
        }
        else if (query.lastMs > 0)
        {
            long newest = Long.MIN_VALUE;
            for (final ShardState state : states)
            {
                newest = Math.max(newest, state.maxEventTimeMs);
            }
            if (newest == Long.MIN_VALUE)
            {
                fromMs = Long.MIN_VALUE;
            }
            else
            {
                final long end = Math.floorDiv(newest, CubeConfig.MINUTE_MS) * CubeConfig.MINUTE_MS +
                    CubeConfig.MINUTE_MS;
                fromMs = end - query.lastMs;
            }
            toMs = Long.MAX_VALUE;
        }
        else
        {
            fromMs = query.fromMs;
            toMs = query.toMs;
        }
    }

    /**
     * The end of the newest hour that every shard holding hours has filed in the query's cuboid (as an hour, or
     * within a day), or {@link Long#MIN_VALUE} when none has.
     */
    private long filedThroughMs()
    {
        long through = Long.MAX_VALUE;
        for (final ShardState state : states)
        {
            long newest = Long.MIN_VALUE;
            for (final Slice slice : state.view.slices[cuboid.ordinal()])
            {
                if (slice.spanMs == CubeConfig.HOUR_MS || slice.spanMs == CubeConfig.DAY_MS)
                {
                    newest = Math.max(newest, slice.startMs + slice.spanMs);
                }
            }
            if (newest != Long.MIN_VALUE)
            {
                through = Math.min(through, newest);
            }
        }
        return through == Long.MAX_VALUE ? Long.MIN_VALUE : through;
    }

    /**
     * The buckets that answer a range, per shard. Coarse buckets exist for complete periods and finer ones stay
     * until their retention passes, so a period can be held at several resolutions: a day or hour wholly inside
     * the range is read as one bucket; otherwise minutes whose start lies in the range are read; and where a
     * period's finer buckets are gone (past retention), its coarse bucket is read if its start lies in the range.
     * An hour not filed yet is read, where the range holds its start, as the part the maintainer has folded
     * ({@link CubeMaintainer#PREFIX_STEP_MS}) and the minutes after that part.
     */
    private List<List<Slice>> select(final long from, final long to)
    {
        final int c = cuboid.ordinal();
        final List<List<Slice>> byShard = new ArrayList<>();
        for (final ShardState state : states)
        {
            final List<Slice> days = new ArrayList<>();
            final List<Slice> hours = new ArrayList<>();
            final List<Slice> minutes = new ArrayList<>();
            final List<Slice> hourPrefixes = new ArrayList<>();
            final Slice[] open = state.open;
            final Slice[] sealed = state.sealed;
            for (final Slice[] source : List.of(state.view.slices[c], sealed, open))
            {
                for (final Slice slice : source)
                {
                    (slice.spanMs == CubeConfig.DAY_MS ? days : slice.spanMs == CubeConfig.HOUR_MS ? hours :
                        slice.spanMs == CubeConfig.MINUTE_MS ? minutes : hourPrefixes).add(slice);
                }
            }
            final LongHashSet minuteHours = new LongHashSet();
            final LongHashSet finerDays = new LongHashSet();
            for (final Slice minute : minutes)
            {
                minuteHours.add(Math.floorDiv(minute.startMs, CubeConfig.HOUR_MS));
                finerDays.add(Math.floorDiv(minute.startMs, CubeConfig.DAY_MS));
            }
            for (final Slice hour : hours)
            {
                finerDays.add(Math.floorDiv(hour.startMs, CubeConfig.DAY_MS));
            }

            // Grouping by time at a finer step than a coarse bucket needs the finer buckets where they exist.
            final boolean byTime = query.groupBy.contains(Dimension.TIME);
            final boolean wholeDays = !byTime || query.granularity.millis() >= CubeConfig.DAY_MS;
            final boolean wholeHours = !byTime || query.granularity.millis() >= CubeConfig.HOUR_MS;
            final List<Slice> chosen = new ArrayList<>();
            final LongHashSet chosenDays = new LongHashSet();
            final LongHashSet chosenHours = new LongHashSet();
            for (final Slice day : days)
            {
                if ((wholeDays && within(day, from, to)) || (starts(day, from, to) &&
                    !finerDays.contains(Math.floorDiv(day.startMs, CubeConfig.DAY_MS))))
                {
                    chosen.add(day);
                    chosenDays.add(Math.floorDiv(day.startMs, CubeConfig.DAY_MS));
                }
            }
            for (final Slice hour : hours)
            {
                if (chosenDays.contains(Math.floorDiv(hour.startMs, CubeConfig.DAY_MS)))
                {
                    continue;
                }
                if ((wholeHours && within(hour, from, to)) || (starts(hour, from, to) &&
                    !minuteHours.contains(Math.floorDiv(hour.startMs, CubeConfig.HOUR_MS))))
                {
                    chosen.add(hour);
                    chosenHours.add(Math.floorDiv(hour.startMs, CubeConfig.HOUR_MS));
                }
            }
            // An hour not filed yet: the part the maintainer has folded, where the range holds it, then minutes.
            final Long2LongHashMap prefixEndByHour = new Long2LongHashMap(Long.MIN_VALUE);
            for (final Slice prefix : hourPrefixes)
            {
                final long hour = Math.floorDiv(prefix.startMs, CubeConfig.HOUR_MS);
                if (wholeHours && within(prefix, from, to) &&
                    !chosenHours.contains(hour) &&
                    !chosenDays.contains(Math.floorDiv(prefix.startMs, CubeConfig.DAY_MS)))
                {
                    chosen.add(prefix);
                    prefixEndByHour.put(hour, prefix.startMs + prefix.spanMs);
                }
            }
            final Set<Slice> openSlices = Collections.newSetFromMap(new IdentityHashMap<>());
            openSlices.addAll(Arrays.asList(open));
            openSlices.addAll(Arrays.asList(sealed));
            for (final Slice minute : minutes)
            {
                final long prefixEndMs = prefixEndByHour.get(Math.floorDiv(minute.startMs, CubeConfig.HOUR_MS));
                if (starts(minute, from, to) &&
                    !chosenDays.contains(Math.floorDiv(minute.startMs, CubeConfig.DAY_MS)) &&
                    !chosenHours.contains(Math.floorDiv(minute.startMs, CubeConfig.HOUR_MS)) &&
                    minute.startMs >= prefixEndMs)
                {
                    chosen.add(minute);
                    // open and freshly sealed minutes are kept in the element cuboid only: read through their
                    // placements
                    if (cuboid != Cuboid.ELEMENT && openSlices.contains(minute))
                    {
                        elementKeyed.add(minute);
                    }
                }
            }
            if (wholeHours)
            {
                noteRunningHour(chosen, hours, from, state.maxEventTimeMs);
            }
            byShard.add(chosen);
        }
        return byShard;
    }

    /**
     * Tells the maintainer whether this query reads a running hour from its start, which the prefixes made every
     * ten minutes serve ({@link PrefixDemand}).
     */
    private void noteRunningHour(final List<Slice> chosen, final List<Slice> filedHours, final long from,
        final long maxEventTimeMs)
    {
        for (final Slice slice : chosen)
        {
            final long hourStartMs = Math.floorDiv(slice.startMs, CubeConfig.HOUR_MS) * CubeConfig.HOUR_MS;
            if (slice.spanMs < CubeConfig.HOUR_MS && hourStartMs >= from &&
                hourStartMs + CubeConfig.HOUR_MS > maxEventTimeMs && !filed(filedHours, hourStartMs))
            {
                prefixDemand.noteRunningHour(cuboid);
                return;
            }
        }
    }

    private static boolean filed(final List<Slice> hours, final long hourStartMs)
    {
        for (final Slice hour : hours)
        {
            if (hour.startMs == hourStartMs)
            {
                return true;
            }
        }
        return false;
    }

    private static boolean within(final Slice slice, final long from, final long to)
    {
        return slice.startMs >= from && slice.startMs + slice.spanMs <= to;
    }

    private static boolean starts(final Slice slice, final long from, final long to)
    {
        return slice.startMs >= from && slice.startMs < to;
    }

    private void layout(final List<List<Slice>> main, final List<List<Slice>> baseline)
    {
        Arrays.fill(word, -1);
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;
        final long step = query.granularity.millis();
        for (final List<List<Slice>> side : baseline == null ? List.of(main) : List.of(main, baseline))
        {
            for (final List<Slice> slices : side)
            {
                for (final Slice slice : slices)
                {
                    final long t = Math.floorDiv(slice.startMs, step);
                    minTime = Math.min(minTime, t);
                    maxTime = Math.max(maxTime, t);
                }
            }
        }
        timeBase = minTime == Long.MAX_VALUE ? 0 : minTime;
        final int nodeBits = bitsFor(maxNodeIndex() + 2L);

        int loUsed = 0;
        int hiUsed = 0;
        for (final Dimension dimension : query.groupBy)
        {
            final int bits;
            switch (dimension)
            {
                case TIME:
                    bits = bitsFor(minTime == Long.MAX_VALUE ? 1 : maxTime - minTime + 1);
                    break;
                case REGION:
                case SITE:
                case ELEMENT:
                    bits = nodeBits;
                    break;
                case SERVICE:
                    bits = 3;
                    break;
                case METRIC:
                    bits = bitsFor(metricNames.size() + 1L);
                    break;
                default:
                    bits = 12;
            }
            if (loUsed + bits <= 64)
            {
                word[dimension.ordinal()] = 0;
                shift[dimension.ordinal()] = loUsed;
                loUsed += bits;
            }
            else if (hiUsed + bits <= 64)
            {
                word[dimension.ordinal()] = 1;
                shift[dimension.ordinal()] = hiUsed;
                hiUsed += bits;
            }
            else
            {
                throw new CubeQueryException("groupBy", "too many dimensions to group by at once: " +
                    query.groupBy.size());
            }
        }
    }

    private static int bitsFor(final long values)
    {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, values - 1)));
    }

    private long lo(final Dimension dimension, final long value)
    {
        final int d = dimension.ordinal();
        return word[d] == 0 ? value << shift[d] : 0;
    }

    private long hi(final Dimension dimension, final long value)
    {
        final int d = dimension.ordinal();
        return word[d] == 1 ? value << shift[d] : 0;
    }

    private long part(final Dimension dimension, final long value, final int whichWord)
    {
        return whichWord == 0 ? lo(dimension, value) : hi(dimension, value);
    }

    private static boolean allowed(final boolean[] allowed, final int index)
    {
        return null == allowed || (index >= 0 && index < allowed.length && allowed[index]);
    }

    private void scanShard(final int s, final List<Slice> slices, final int side)
    {
        final ShardState state = states[s];
        final MetricCatalog.Snapshot metrics = state.metrics;
        if (null == metrics || slices.isEmpty())
        {
            return;
        }
        final int[] toGlobal = localToGlobal[s];
        groups.forgetMemo();

        // Element cuboid: what depends only on the placement, once per placement.
        final Placements.View placements = state.placements;
        boolean[] placementPass = null;
        long[] placementLo = null;
        long[] placementHi = null;
        if (cuboid == Cuboid.ELEMENT || !elementKeyed.isEmpty())
        {
            final int count = placements.count;
            placementPass = new boolean[count];
            placementLo = new long[count];
            placementHi = new long[count];
            for (int p = 0; p < count; p++)
            {
                final int element = placements.elements[p];
                final int site = placements.sites[p];
                final int region = placements.regions[p];
                final int cls = placements.classes[p];
                final int vendor = placements.vendors[p];
                placementPass[p] = allowed(elementAllowed, element) && allowed(siteAllowed, site) &&
                    allowed(regionAllowed, region) && allowed(classAllowed, cls) && allowed(vendorAllowed, vendor);
                if (!placementPass[p])
                {
                    // a drill-down into one site passes about 40 of 10,000 placements: their key parts only
                    continue;
                }
                for (int w = 0; w < 2; w++)
                {
                    final long part = part(Dimension.ELEMENT, element + 1L, w) | part(Dimension.SITE, site + 1L, w) |
                        part(Dimension.REGION, region + 1L, w) | part(Dimension.EQUIPMENT_CLASS, cls, w) |
                        part(Dimension.VENDOR, vendor, w);
                    if (w == 0)
                    {
                        placementLo[p] = part;
                    }
                    else
                    {
                        placementHi[p] = part;
                    }
                }
            }
        }
        final long[] serviceLo = new long[8];
        final long[] serviceHi = new long[8];
        final boolean[] servicePass = new boolean[8];
        for (int service = 0; service < 8; service++)
        {
            serviceLo[service] = lo(Dimension.SERVICE, service);
            serviceHi[service] = hi(Dimension.SERVICE, service);
            servicePass[service] = allowed(serviceAllowed, service);
        }

        final long step = query.granularity.millis();
        for (final Slice slice : slices)
        {
            bucketsScanned++;
            coveredFromMs = Math.min(coveredFromMs, slice.startMs);
            coveredToMs = Math.max(coveredToMs, slice.startMs + slice.spanMs);
            final long time = Math.floorDiv(slice.startMs, step) - timeBase;
            final long timeLo = lo(Dimension.TIME, time);
            final long timeHi = hi(Dimension.TIME, time);
            for (int m = 0; m < toGlobal.length; m++)
            {
                final int global = toGlobal[m];
                if (!allowed(metricAllowed, global))
                {
                    continue;
                }
                final CellBlock block = slice.block(MetricCatalog.tableOf(m));
                if (null == block || block.cellCount == 0)
                {
                    continue;
                }
                final int column = MetricCatalog.columnOf(m);
                final long baseLo = timeLo | lo(Dimension.METRIC, global);
                final long baseHi = timeHi | hi(Dimension.METRIC, global);
                final boolean histogram = wantPercentiles && block.pairCount > 0;
                if (cuboid == Cuboid.ELEMENT || elementKeyed.contains(slice))
                {
                    scanElementBlock(block, column, side, baseLo, baseHi, placementPass, placementLo, placementHi,
                        servicePass, serviceLo, serviceHi, histogram);
                }
                else
                {
                    scanBlock(block, column, side, baseLo, baseHi, servicePass, serviceLo, serviceHi, histogram);
                }
            }
        }
    }

    private int[] groupOfCell(final int cells)
    {
        if (groupOfCell.length < cells)
        {
            groupOfCell = new int[Math.max(cells, groupOfCell.length * 2)];
        }
        return groupOfCell;
    }

    private void scanElementBlock(
        final CellBlock block,
        final int column,
        final int side,
        final long baseLo,
        final long baseHi,
        final boolean[] placementPass,
        final long[] placementLo,
        final long[] placementHi,
        final boolean[] servicePass,
        final long[] serviceLo,
        final long[] serviceHi,
        final boolean histogram)
    {
        final int cells = block.cellCount;
        final int[] groupOf = groupOfCell(cells);
        final long[] records = block.cells;
        final int stride = block.stride;
        final int count = CellBlock.offset(column, CellBlock.COUNT);
        final GroupTable groups = this.groups;
        cellsScanned += cells;
        // The group of a cell depends on its placement (and service, when grouped by it) and on the block's
        // time and metric: remembered per placement for as long as the block's part of the key stays the same.
        final boolean byService = query.groupBy.contains(Dimension.SERVICE);
        final int stamp = groups.memoStamp(baseHi, baseLo, placementPass.length * (byService ? 8 : 1));
        final int[] memoStamps = groups.memoStamps;
        final int[] memoGroups = groups.memoGroups;
        for (int i = 0; i < cells; i++)
        {
            final long key = records[i * stride];
            final int placement = Cuboid.placement(key);
            final int service = Cuboid.service(key);
            if (records[i * stride + count] == 0 || placement >= placementPass.length || !placementPass[placement] ||
                !servicePass[service])
            {
                groupOf[i] = -1;
                continue;
            }
            final int slot = byService ? placement * 8 + service : placement;
            final int group;
            if (memoStamps[slot] == stamp)
            {
                group = memoGroups[slot];
            }
            else
            {
                group = groups.groupOf(
                    baseHi | placementHi[placement] | serviceHi[service], baseLo | placementLo[placement] |
                    serviceLo[service]);
                memoStamps[slot] = stamp;
                memoGroups[slot] = group;
            }
            groupOf[i] = group;
            accumulate(groups, side, group, block, i, column);
        }
        if (histogram)
        {
            scanPairs(block, column, side, groupOf);
        }
    }

    private void scanBlock(
        final CellBlock block,
        final int column,
        final int side,
        final long baseLo,
        final long baseHi,
        final boolean[] servicePass,
        final long[] serviceLo,
        final long[] serviceHi,
        final boolean histogram)
    {
        final int cells = block.cellCount;
        final int[] groupOf = groupOfCell(cells);
        final long[] records = block.cells;
        final int stride = block.stride;
        final int count = CellBlock.offset(column, CellBlock.COUNT);
        final GroupTable groups = this.groups;
        final boolean site = cuboid == Cuboid.SITE;
        cellsScanned += cells;
        for (int i = 0; i < cells; i++)
        {
            final long key = records[i * stride];
            if (records[i * stride + count] == 0)
            {
                groupOf[i] = -1;
                continue;
            }
            final int service = Cuboid.service(key);
            long lo = baseLo | serviceLo[service];
            long hi = baseHi | serviceHi[service];
            final boolean pass;
            if (site)
            {
                final int siteIndex = Cuboid.siteOfSiteKey(key);
                final int region = Cuboid.regionOfSiteKey(key);
                pass = servicePass[service] && allowed(siteAllowed, siteIndex) && allowed(regionAllowed, region);
                lo |= lo(Dimension.SITE, siteIndex + 1L) | lo(Dimension.REGION, region + 1L);
                hi |= hi(Dimension.SITE, siteIndex + 1L) | hi(Dimension.REGION, region + 1L);
            }
            else
            {
                final int region = Cuboid.regionOfRegionKey(key);
                final int cls = Cuboid.classOfRegionKey(key);
                final int vendor = Cuboid.vendorOfRegionKey(key);
                pass = servicePass[service] && allowed(regionAllowed, region) && allowed(classAllowed, cls) &&
                    allowed(vendorAllowed, vendor);
                lo |= lo(Dimension.REGION, region + 1L) | lo(Dimension.EQUIPMENT_CLASS, cls) |
                    lo(Dimension.VENDOR, vendor);
                hi |= hi(Dimension.REGION, region + 1L) | hi(Dimension.EQUIPMENT_CLASS, cls) |
                    hi(Dimension.VENDOR, vendor);
            }
            if (!pass)
            {
                groupOf[i] = -1;
                continue;
            }
            final int group = groups.groupOf(hi, lo);
            groupOf[i] = group;
            accumulate(groups, side, group, block, i, column);
        }
        if (histogram)
        {
            scanPairs(block, column, side, groupOf);
        }
    }

    private static void accumulate(final GroupTable groups, final int side, final int group, final CellBlock block,
        final int cell, final int column)
    {
        final long[] records = block.cells;
        final int at = cell * block.stride + 1 + column * CellBlock.MEASURES;
        groups.counts[side][group] += records[at + CellBlock.COUNT];
        groups.sums[side][group] += Double.longBitsToDouble(records[at + CellBlock.SUM]);
        groups.sumSquares[side][group] += Double.longBitsToDouble(records[at + CellBlock.SUM_SQUARES]);
        final double min = Double.longBitsToDouble(records[at + CellBlock.MIN]);
        if (min < groups.mins[side][group])
        {
            groups.mins[side][group] = min;
        }
        final double max = Double.longBitsToDouble(records[at + CellBlock.MAX]);
        if (max > groups.maxs[side][group])
        {
            groups.maxs[side][group] = max;
        }
    }

    private void scanPairs(final CellBlock block, final int column, final int side, final int[] groupOf)
    {
        final GroupTable groups = this.groups;
        final int[] columnPairs = block.columnPairs;
        if (null != columnPairs)
        {
            // a compact block: this column's pairs only, each cell's together: one run per cell
            final long[] pairs = block.pairs;
            final int stride = block.pairStride;
            final int shift = LogHistogram.INDEX_BITS + CellBlock.COLUMN_BITS;
            int j = columnPairs[column];
            final int end = columnPairs[column + 1];
            while (j < end)
            {
                final int cell = (int)(pairs[j * stride] >>> shift);
                final int from = j;
                do
                {
                    j++;
                }
                while (j < end && (int)(pairs[j * stride] >>> shift) == cell);
                final int group = groupOf[cell];
                if (group >= 0)
                {
                    groups.addRun(group, side, block, from, j);
                }
            }
            return;
        }
        for (int j = 0, pairs = block.pairCount; j < pairs; j++)
        {
            final int group = groupOf[block.pairCell(j)];
            if (group >= 0 && block.pairColumn(j) == column)
            {
                groups.addRun(group, side, block, j, j + 1);
            }
        }
    }

    private List<CubeRow> rows()
    {
        final GroupTable groups = this.groups;
        if (wantPercentiles)
        {
            groups.linkRuns();
        }
        final double[] none = {Double.NaN, Double.NaN, Double.NaN};
        final double[] main = new double[QUANTILES.length];
        final double[] before = new double[QUANTILES.length];
        final List<Dimension> dimensions = List.copyOf(query.groupBy);
        final Map<Long, String> timeLabels = new LinkedHashMap<>();
        final int[] chosen = candidates();
        final int count = null == chosen ? groups.size : chosen.length;
        final List<CubeRow> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final int g = null == chosen ? i : chosen[i];
            final String[] labels = new String[dimensions.size()];
            final long[] ids = new long[dimensions.size()];
            for (int d = 0; d < dimensions.size(); d++)
            {
                final Dimension dimension = dimensions.get(d);
                final int at = dimension.ordinal();
                final long packed = word[at] == 0 ? groups.los[g] : groups.his[g];
                final int width = widthOf(dimension);
                final long value = (packed >>> shift[at]) & (width == 64 ? -1L : (1L << width) - 1);
                label(dimension, value, labels, ids, d, timeLabels);
            }
            CubeRow baseline = null;
            if (query.compare)
            {
                baseline = row(dimensions, labels, ids, 1, g, percentiles(g, 1, before, none), null);
            }
            rows.add(row(dimensions, labels, ids, 0, g, percentiles(g, 0, main, none), baseline));
        }
        rows.sort(comparator(dimensions));
        return rows;
    }

    private double[] percentiles(final int group, final int side, final double[] into, final double[] none)
    {
        if (!wantPercentiles)
        {
            return none;
        }
        groups.percentiles(group, side, QUANTILES, into);
        return into;
    }

    /**
     * The groups that can be among the first {@code limit} rows of a query ordered by a measure: every group
     * whose measure is at least as good as the limit-th best, ties included (the labels order them), or null
     * for all groups. So a top-N query names and sorts a few rows, not every group.
     */
    private int[] candidates()
    {
        final GroupTable groups = this.groups;
        final int size = groups.size;
        final Measure measure = query.orderMeasure;
        if (null == measure || query.limit >= size)
        {
            return null;
        }
        if (measure.isPercentile())
        {
            return percentileCandidates(measure);
        }
        final double[] values = new double[size];
        final double[] percentiles = new double[QUANTILES.length];
        final double[] sorted = new double[size];
        int defined = 0;
        for (int g = 0; g < size; g++)
        {
            final double value = measureOf(g, measure, percentiles);
            values[g] = value;
            if (!Double.isNaN(value))
            {
                sorted[defined++] = value;
            }
        }
        final int limit = query.limit;
        if (defined <= limit)
        {
            return null;
        }
        Arrays.sort(sorted, 0, defined);
        final boolean descending = query.descending;
        final double threshold = descending ? sorted[defined - limit] : sorted[limit - 1];
        int chosen = 0;
        final int[] candidates = new int[size];
        for (int g = 0; g < size; g++)
        {
            final double value = values[g];
            if (!Double.isNaN(value) &&
                (descending ? Double.compare(value, threshold) >= 0 : Double.compare(value, threshold) <= 0))
            {
                candidates[chosen++] = g;
            }
        }
        return Arrays.copyOf(candidates, chosen);
    }

    /**
     * {@link #candidates()} for an order by a percentile, computing few groups' percentiles. An estimate lies
     * within its group's min and max, so groups are taken best bound first (max for a descending order, min for
     * an ascending one) and their percentiles computed until the next bound cannot reach the limit-th best
     * estimate found. Once more than {@code limit} groups have an estimate, the groups left change neither the
     * threshold nor the choice: the same groups as computing every one.
     */
    private int[] percentileCandidates(final Measure measure)
    {
        final GroupTable groups = this.groups;
        final int size = groups.size;
        final int limit = query.limit;
        final boolean descending = query.descending;
        // a max-heap of groups by bound (negated mins for an ascending order, so larger is better either way)
        final double[] bound = new double[size];
        final int[] byBound = new int[size];
        int remaining = 0;
        for (int g = 0; g < size; g++)
        {
            if (groups.counts[0][g] > 0)
            {
                bound[g] = descending ? groups.maxs[0][g] : -groups.mins[0][g];
                byBound[remaining++] = g;
            }
        }
        for (int i = remaining / 2 - 1; i >= 0; i--)
        {
            siftDown(byBound, remaining, i, bound);
        }
        // a min-heap of the best estimates so far (negated for an ascending order), the limit-th best on top
        final double[] best = new double[limit];
        int bestCount = 0;
        final double[] values = new double[size];
        final int[] computed = new int[size];
        int computedCount = 0;
        int defined = 0;
        final double[] percentiles = new double[QUANTILES.length];
        while (remaining > 0)
        {
            final int g = byBound[0];
            if (defined > limit && Double.compare(bound[g], best[0]) < 0)
            {
                break;
            }
            byBound[0] = byBound[--remaining];
            siftDown(byBound, remaining, 0, bound);
            final double value = measureOf(g, measure, percentiles);
            values[g] = value;
            computed[computedCount++] = g;
            if (Double.isNaN(value))
            {
                continue;
            }
            defined++;
            final double goodness = descending ? value : -value;
            if (bestCount < limit)
            {
                best[bestCount] = goodness;
                siftUp(best, bestCount++);
            }
            else if (Double.compare(goodness, best[0]) > 0)
            {
                best[0] = goodness;
                siftDownMin(best, limit, 0);
            }
        }
        if (defined <= limit)
        {
            return null;
        }
        final double threshold = best[0];
        int chosen = 0;
        final int[] candidates = new int[computedCount];
        for (int i = 0; i < computedCount; i++)
        {
            final int g = computed[i];
            final double value = values[g];
            if (!Double.isNaN(value) && Double.compare(descending ? value : -value, threshold) >= 0)
            {
                candidates[chosen++] = g;
            }
        }
        Arrays.sort(candidates, 0, chosen);
        return Arrays.copyOf(candidates, chosen);
    }

    /** Restores a max-heap of group indices by key below {@code at}. */
    private static void siftDown(final int[] heap, final int size, final int at, final double[] key)
    {
        int i = at;
        final int item = heap[i];
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= size)
            {
                break;
            }
            if (child + 1 < size && Double.compare(key[heap[child + 1]], key[heap[child]]) > 0)
            {
                child++;
            }
            if (Double.compare(key[heap[child]], key[item]) <= 0)
            {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = item;
    }

    /** Restores a min-heap of values above {@code at}. */
    private static void siftUp(final double[] heap, final int at)
    {
        int i = at;
        final double item = heap[i];
        while (i > 0)
        {
            final int parent = (i - 1) / 2;
            if (Double.compare(heap[parent], item) <= 0)
            {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = item;
    }

    /** Restores a min-heap of values below {@code at}. */
    private static void siftDownMin(final double[] heap, final int size, final int at)
    {
        int i = at;
        final double item = heap[i];
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= size)
            {
                break;
            }
            if (child + 1 < size && Double.compare(heap[child + 1], heap[child]) < 0)
            {
                child++;
            }
            if (Double.compare(heap[child], item) >= 0)
            {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = item;
    }

    /**
     * A group's measure on the range asked for, as its row reports it ({@link CubeRow#get}).
     */
    private double measureOf(final int g, final Measure measure, final double[] percentiles)
    {
        final long count = groups.counts[0][g];
        final double sum = groups.sums[0][g];
        switch (measure)
        {
            case COUNT:
                return count;
            case SUM:
                return sum;
            case MIN:
                return count > 0 ? groups.mins[0][g] : Double.NaN;
            case MAX:
                return count > 0 ? groups.maxs[0][g] : Double.NaN;
            case MEAN:
                return count > 0 ? sum / count : Double.NaN;
            case STDDEV:
                return stddev(count, sum, groups.sumSquares[0][g]);
            case P50:
                groups.percentiles(g, 0, QUANTILES, percentiles);
                return percentiles[0];
            case P95:
                groups.percentiles(g, 0, QUANTILES, percentiles);
                return percentiles[1];
            default:
                groups.percentiles(g, 0, QUANTILES, percentiles);
                return percentiles[2];
        }
    }

    private static double stddev(final long count, final double sum, final double sumSquares)
    {
        if (count > 0)
        {
            final double mean = sum / count;
            return Math.sqrt(Math.max(0, sumSquares / count - mean * mean));
        }
        return Double.NaN;
    }

    private int widthOf(final Dimension dimension)
    {
        int next = 64;
        final int at = dimension.ordinal();
        for (final Dimension other : query.groupBy)
        {
            final int o = other.ordinal();
            if (o != at && word[o] == word[at] && shift[o] > shift[at])
            {
                next = Math.min(next, shift[o]);
            }
        }
        return next - shift[at];
    }

    private void label(final Dimension dimension, final long value, final String[] labels, final long[] ids,
        final int d, final Map<Long, String> timeLabels)
    {
        switch (dimension)
        {
            case TIME:
            {
                final long startMs = (value + timeBase) * query.granularity.millis();
                ids[d] = startMs;
                labels[d] = timeLabels.computeIfAbsent(startMs, ms -> Instant.ofEpochMilli(ms).toString());
                break;
            }
            case REGION:
            case SITE:
            case ELEMENT:
            {
                final int index = (int)value - 1;
                ids[d] = directory.id(index);
                labels[d] = directory.name(index);
                break;
            }
            case SERVICE:
                ids[d] = value;
                labels[d] = serviceName((int)value);
                break;
            case EQUIPMENT_CLASS:
                ids[d] = value;
                labels[d] = directory.className((int)value);
                break;
            case VENDOR:
                ids[d] = value;
                labels[d] = directory.vendorName((int)value);
                break;
            default:
                ids[d] = metricKpiIds.get((int)value);
                labels[d] = metricNames.get((int)value);
        }
    }

    private CubeRow row(final List<Dimension> dimensions, final String[] labels, final long[] ids, final int side,
        final int g, final double[] percentiles, final CubeRow baseline)
    {
        final GroupTable groups = this.groups;
        final long count = groups.counts[side][g];
        final double sum = groups.sums[side][g];
        return new CubeRow(dimensions, labels, ids, count, sum, groups.mins[side][g], groups.maxs[side][g],
            stddev(count, sum, groups.sumSquares[side][g]), percentiles, baseline);
    }

    private Comparator<CubeRow> comparator(final List<Dimension> dimensions)
    {
        Comparator<CubeRow> byLabels = (a, b) -> 0;
        for (final Dimension dimension : dimensions)
        {
            final Comparator<CubeRow> next = dimension == Dimension.TIME ?
                Comparator.comparingLong(row -> row.id(Dimension.TIME)) :
                Comparator.comparing(row -> row.value(dimension));
            byLabels = byLabels.thenComparing(next);
        }
        if (null != query.orderMeasure)
        {
            final Measure measure = query.orderMeasure;
            final boolean descending = query.descending;
            final Comparator<CubeRow> byMeasure = (a, b) ->
            {
                final double x = a.get(measure);
                final double y = b.get(measure);
                if (Double.isNaN(x) || Double.isNaN(y))
                {
                    return Double.isNaN(x) ? (Double.isNaN(y) ? 0 : 1) : -1;
                }
                return descending ? Double.compare(y, x) : Double.compare(x, y);
            };
            return byMeasure.thenComparing(byLabels);
        }
        if (null != query.orderDimension)
        {
            if (!dimensions.contains(query.orderDimension))
            {
                throw new CubeQueryException("order", "order by a grouped dimension or a measure; not grouped by " +
                    query.orderDimension.label());
            }
            final Dimension dimension = query.orderDimension;
            final Comparator<CubeRow> first = dimension == Dimension.TIME ?
                Comparator.comparingLong(row -> row.id(Dimension.TIME)) :
                Comparator.comparing(row -> row.value(dimension));
            return (query.descending ? first.reversed() : first).thenComparing(byLabels);
        }
        return byLabels;
    }
}
