/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.anomaly;

import io.netpulse.engine.stat.PairMoments;

import java.util.Arrays;

/**
 * The state of every (element, metric) series one detector instance owns, indexed by a dense series index,
 * and of the elements they belong to, indexed by a dense element slot. Series of one element form a list
 * ({@link #firstSeries}, {@link #nextSeries}), found by walking it: an element has a handful of metrics. Arrays
 * grow by doubling when a new series or element needs room, never on the per-sample path otherwise.
 */
final class SeriesTable
{
    static final int NONE = -1;

    /** The series is normal. */
    static final int NORMAL = 0;

    /** An anomaly is active and was alarmed. */
    static final int RAISED = 1;

    /** An anomaly is active and its alarm is held while a mass event may be forming in its region. */
    static final int HELD = 2;

    /** An anomaly is active and attached to its region's mass event (no alarm of its own). */
    static final int ATTACHED = 3;

    final int slots;
    final int weekSlots;
    final int pairs;

    int size;

    // per series
    long[] elementId;
    int[] elementSlot;
    int[] elementIndex;
    int[] metricId;
    int[] nextSeries;
    int[] siteIndex;
    int[] regionIndex;
    int[] siteSlot;
    float[] season;
    float[] week;
    double[] siteMoments;

    // per element slot
    int elementCount;
    int[] firstSeries;
    int[] metricCount;
    int[] activeUp;
    int[] activeDown;
    int[] elementRegion;
    double[] pairMoments;

    // A sample reads and writes most of its series' state: that state lies together, a record per series in each
    // of three arrays (stats, times, flags), so a sample touches a few cache lines, not one per field.
    /** Per series, {@link #STATS_STRIDE} doubles from {@code stat(s, 0)}: the learned statistics. */
    double[] stats;
    /** Per series, {@link #TIMES_STRIDE} longs from {@code time(s, 0)}: the sample count and event times. */
    long[] times;
    /** Per series, {@link #FLAGS_STRIDE} ints from {@code flag(s, 0)}: the anomaly state. */
    int[] flags;

    static final int STATS_STRIDE = 16;
    static final int LAST_VALUE = 0;
    static final int INTERVAL_MS = 1;
    static final int LEVEL = 2;
    static final int MEAN_ABS = 3;
    static final int Q95 = 4;
    static final int Q99 = 5;
    static final int Z_TARGET = 6;
    static final int VARIANCE_EW = 7;
    static final int MEAN_EW = 8;
    static final int REPEAT_RATE = 9;
    static final int CUSUM_UP = 10;
    static final int CUSUM_DOWN = 11;
    static final int QUIET_RESIDUAL = 12;
    static final int PEAK_SCORE = 13;

    static final int TIMES_STRIDE = 8;
    static final int COUNT = 0;
    static final int LAST_TIME_MS = 1;
    static final int CANDIDATE_SINCE_MS = 2;
    static final int CUSUM_UP_SINCE_MS = 3;
    static final int CUSUM_DOWN_SINCE_MS = 4;
    static final int ACTIVE_SINCE_MS = 5;

    static final int FLAGS_STRIDE = 8;
    static final int STUCK_RUN = 0;
    static final int PERSIST = 1;
    static final int PERSIST_DIRECTION = 2;
    static final int STATUS = 3;
    static final int KIND = 4;
    static final int DIRECTION = 5;
    static final int QUIET = 6;
    static final int ACTIVE_SAMPLES = 7;

    // element index -> element slot
    int[] slotOfElement;

    SeriesTable(final int slots, final boolean weekly, final int pairs, final int capacity)
    {
        this.slots = slots;
        this.weekSlots = weekly ? 7 : 0;
        this.pairs = pairs;
        allocateSeries(capacity);
        allocateElements(capacity);
        slotOfElement = new int[capacity];
        Arrays.fill(slotOfElement, NONE);
    }

    private void allocateSeries(final int capacity)
    {
        elementId = new long[capacity];
        elementSlot = new int[capacity];
        elementIndex = new int[capacity];
        metricId = new int[capacity];
        nextSeries = new int[capacity];
        siteIndex = new int[capacity];
        regionIndex = new int[capacity];
        siteSlot = new int[capacity];
        stats = new double[capacity * STATS_STRIDE];
        times = new long[capacity * TIMES_STRIDE];
        flags = new int[capacity * FLAGS_STRIDE];
        season = new float[capacity * slots];
        week = new float[capacity * weekSlots];
        siteMoments = new double[capacity * PairMoments.SLOTS];
    }

    private void allocateElements(final int capacity)
    {
        firstSeries = new int[capacity];
        metricCount = new int[capacity];
        activeUp = new int[capacity];
        activeDown = new int[capacity];
        elementRegion = new int[capacity];
        pairMoments = new double[capacity * pairs * PairMoments.SLOTS];
    }

    private void growSeries()
    {
        final int capacity = elementId.length * 2;
        elementId = Arrays.copyOf(elementId, capacity);
        elementSlot = Arrays.copyOf(elementSlot, capacity);
        elementIndex = Arrays.copyOf(elementIndex, capacity);
        metricId = Arrays.copyOf(metricId, capacity);
        nextSeries = Arrays.copyOf(nextSeries, capacity);
        siteIndex = Arrays.copyOf(siteIndex, capacity);
        regionIndex = Arrays.copyOf(regionIndex, capacity);
        siteSlot = Arrays.copyOf(siteSlot, capacity);
        stats = Arrays.copyOf(stats, capacity * STATS_STRIDE);
        times = Arrays.copyOf(times, capacity * TIMES_STRIDE);
        flags = Arrays.copyOf(flags, capacity * FLAGS_STRIDE);
        season = Arrays.copyOf(season, capacity * slots);
        week = Arrays.copyOf(week, capacity * weekSlots);
        siteMoments = Arrays.copyOf(siteMoments, capacity * PairMoments.SLOTS);
    }

    private void growElements()
    {
        final int capacity = firstSeries.length * 2;
        firstSeries = Arrays.copyOf(firstSeries, capacity);
        metricCount = Arrays.copyOf(metricCount, capacity);
        activeUp = Arrays.copyOf(activeUp, capacity);
        activeDown = Arrays.copyOf(activeDown, capacity);
        elementRegion = Arrays.copyOf(elementRegion, capacity);
        pairMoments = Arrays.copyOf(pairMoments, capacity * pairs * PairMoments.SLOTS);
    }

    /**
     * Where a series' statistic lies in {@link #stats}.
     *
     * @param series the series.
     * @param field  {@link #LEVEL}, {@link #MEAN_ABS}, ...
     * @return the index.
     */
    static int stat(final int series, final int field)
    {
        return series * STATS_STRIDE + field;
    }

    /**
     * Where a series' count or time lies in {@link #times}.
     *
     * @param series the series.
     * @param field  {@link #COUNT}, {@link #LAST_TIME_MS}, ...
     * @return the index.
     */
    static int time(final int series, final int field)
    {
        return series * TIMES_STRIDE + field;
    }

    /**
     * Where a series' state flag lies in {@link #flags}.
     *
     * @param series the series.
     * @param field  {@link #STATUS}, {@link #PERSIST}, ...
     * @return the index.
     */
    static int flag(final int series, final int field)
    {
        return series * FLAGS_STRIDE + field;
    }

    /**
     * The slot of an element, if it has one.
     *
     * @param index the element's dense topology index.
     * @return the slot, or {@link #NONE}.
     */
    int elementSlotOf(final int index)
    {
        return index < slotOfElement.length ? slotOfElement[index] : NONE;
    }

    /**
     * The series of an element's metric, if it has one.
     *
     * @param slot   the element's slot.
     * @param metric the metric id.
     * @return the series, or {@link #NONE}.
     */
    int find(final int slot, final int metric)
    {
        int series = firstSeries[slot];
        while (series != NONE && metricId[series] != metric)
        {
            series = nextSeries[series];
        }
        return series;
    }

    /**
     * The series of an element's metric, made when new (with no samples yet).
     *
     * @param index  the element's dense topology index.
     * @param id     the element's global id.
     * @param metric the metric id.
     * @return the series.
     */
    int findOrAdd(final int index, final long id, final int metric)
    {
        int slot = elementSlotOf(index);
        if (slot == NONE)
        {
            slot = addElement(index);
        }
        final int found = find(slot, metric);
        if (found != NONE)
        {
            return found;
        }
        if (size == elementId.length)
        {
            growSeries();
        }
        final int series = size++;
        elementId[series] = id;
        elementSlot[series] = slot;
        elementIndex[series] = index;
        metricId[series] = metric;
        nextSeries[series] = firstSeries[slot];
        firstSeries[slot] = series;
        metricCount[slot]++;
        siteSlot[series] = NONE;
        return series;
    }

    private int addElement(final int index)
    {
        if (index >= slotOfElement.length)
        {
            final int old = slotOfElement.length;
            slotOfElement = Arrays.copyOf(slotOfElement, Math.max(index + 1, old * 2));
            Arrays.fill(slotOfElement, old, slotOfElement.length, NONE);
        }
        if (elementCount == firstSeries.length)
        {
            growElements();
        }
        final int slot = elementCount++;
        slotOfElement[index] = slot;
        firstSeries[slot] = NONE;
        elementRegion[slot] = NONE;
        return slot;
    }
}
