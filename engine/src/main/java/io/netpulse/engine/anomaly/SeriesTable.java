/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.anomaly;

import io.netpulse.engine.stat.PairMoments;

import java.util.Arrays;

/**
 * The state of every (element, metric) series one detector instance owns, as a struct of arrays indexed by a
 * dense series index, and of the elements they belong to, indexed by a dense element slot. Series of one element
 * form a list ({@link #firstSeries}, {@link #nextSeries}), found by walking it: an element has a handful of
 * metrics. Arrays grow by doubling when a new series or element needs room, never on the per-sample path
 * otherwise.
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
    long[] count;
    long[] lastTimeMs;
    double[] lastValue;
    double[] intervalMs;
    double[] level;
    double[] meanAbs;
    double[] q95;
    double[] q99;
    double[] zTarget;
    double[] varianceEw;
    double[] meanEw;
    double[] repeatRate;
    int[] stuckRun;
    int[] persist;
    int[] persistDirection;
    long[] candidateSinceMs;
    double[] cusumUp;
    double[] cusumDown;
    long[] cusumUpSinceMs;
    long[] cusumDownSinceMs;
    int[] status;
    int[] kind;
    int[] direction;
    int[] quiet;
    double[] quietResidual;
    int[] activeSamples;
    long[] activeSinceMs;
    double[] peakScore;
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
        count = new long[capacity];
        lastTimeMs = new long[capacity];
        lastValue = new double[capacity];
        intervalMs = new double[capacity];
        level = new double[capacity];
        meanAbs = new double[capacity];
        q95 = new double[capacity];
        q99 = new double[capacity];
        zTarget = new double[capacity];
        varianceEw = new double[capacity];
        meanEw = new double[capacity];
        repeatRate = new double[capacity];
        stuckRun = new int[capacity];
        persist = new int[capacity];
        persistDirection = new int[capacity];
        candidateSinceMs = new long[capacity];
        cusumUp = new double[capacity];
        cusumDown = new double[capacity];
        cusumUpSinceMs = new long[capacity];
        cusumDownSinceMs = new long[capacity];
        status = new int[capacity];
        kind = new int[capacity];
        direction = new int[capacity];
        quiet = new int[capacity];
        quietResidual = new double[capacity];
        activeSamples = new int[capacity];
        activeSinceMs = new long[capacity];
        peakScore = new double[capacity];
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
        count = Arrays.copyOf(count, capacity);
        lastTimeMs = Arrays.copyOf(lastTimeMs, capacity);
        lastValue = Arrays.copyOf(lastValue, capacity);
        intervalMs = Arrays.copyOf(intervalMs, capacity);
        level = Arrays.copyOf(level, capacity);
        meanAbs = Arrays.copyOf(meanAbs, capacity);
        q95 = Arrays.copyOf(q95, capacity);
        q99 = Arrays.copyOf(q99, capacity);
        zTarget = Arrays.copyOf(zTarget, capacity);
        varianceEw = Arrays.copyOf(varianceEw, capacity);
        meanEw = Arrays.copyOf(meanEw, capacity);
        repeatRate = Arrays.copyOf(repeatRate, capacity);
        stuckRun = Arrays.copyOf(stuckRun, capacity);
        persist = Arrays.copyOf(persist, capacity);
        persistDirection = Arrays.copyOf(persistDirection, capacity);
        candidateSinceMs = Arrays.copyOf(candidateSinceMs, capacity);
        cusumUp = Arrays.copyOf(cusumUp, capacity);
        cusumDown = Arrays.copyOf(cusumDown, capacity);
        cusumUpSinceMs = Arrays.copyOf(cusumUpSinceMs, capacity);
        cusumDownSinceMs = Arrays.copyOf(cusumDownSinceMs, capacity);
        status = Arrays.copyOf(status, capacity);
        kind = Arrays.copyOf(kind, capacity);
        direction = Arrays.copyOf(direction, capacity);
        quiet = Arrays.copyOf(quiet, capacity);
        quietResidual = Arrays.copyOf(quietResidual, capacity);
        activeSamples = Arrays.copyOf(activeSamples, capacity);
        activeSinceMs = Arrays.copyOf(activeSinceMs, capacity);
        peakScore = Arrays.copyOf(peakScore, capacity);
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
