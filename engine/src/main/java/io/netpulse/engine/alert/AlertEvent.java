/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.alert;

import io.netpulse.codec.sbe.AlertAction;
import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.Severity;

/**
 * One slot of the alert ring. Stages fill it through an {@link AlertPublisher}; the alert processor numbers,
 * journals and delivers it. Fixed capacity for related ids (root-cause hints, affected elements) and for the
 * detail text, so raising an alert allocates nothing.
 */
public final class AlertEvent
{
    /** Most related ids an alert carries; {@link #relatedTotal} says how many there were. */
    public static final int MAX_RELATED = 16;

    /** Most detail characters kept. */
    public static final int MAX_DETAIL = 120;

    /** Number given by the alert processor, increasing. */
    public long alertId;

    /** What kind of alert. */
    public AlertKind kind;

    /** Raise, clear or notice. */
    public AlertAction action;

    /** How bad. */
    public Severity severity;

    /** Event time at which it was raised. */
    public long eventTimeMs;

    /** Event time at which the condition started. */
    public long startTimeMs;

    /** Event time at which the condition ended; 0 while it lasts. */
    public long endTimeMs;

    /** Global id of the element or node concerned. */
    public long elementId;

    /** Level of that node. */
    public NodeLevel scopeLevel;

    /** Metric concerned, or -1. */
    public int metricId;

    /** -1 below expected, +1 above, 0 neither. */
    public int direction;

    /** Observed value. */
    public double observed;

    /** Expected value. */
    public double expected;

    /** Score of the observation. */
    public double score;

    /** Threshold the score crossed. */
    public double threshold;

    /** A count the kind defines (events seen, elements affected). */
    public long count;

    /** Publish time of the event that caused the alert, for publish-to-alert latency; 0 when none. */
    public long originPublishNanos;

    /** Related ids kept, up to {@link #MAX_RELATED}. */
    public int relatedCount;

    /** How many related ids there were in all. */
    public int relatedTotal;

    /** Related ids. */
    public final long[] relatedIds = new long[MAX_RELATED];

    /** A value per related id (a correlation, a score). */
    public final double[] relatedValues = new double[MAX_RELATED];

    /** Detail text, ASCII. */
    public final char[] detail = new char[MAX_DETAIL];

    /** Length of the detail text. */
    public int detailLength;

    /**
     * Resets every field, ready to be filled.
     *
     * @return this.
     */
    public AlertEvent reset()
    {
        alertId = 0;
        kind = AlertKind.NULL_VAL;
        action = AlertAction.RAISE;
        severity = Severity.MINOR;
        eventTimeMs = 0;
        startTimeMs = 0;
        endTimeMs = 0;
        elementId = 0;
        scopeLevel = NodeLevel.ELEMENT;
        metricId = -1;
        direction = 0;
        observed = Double.NaN;
        expected = Double.NaN;
        score = Double.NaN;
        threshold = Double.NaN;
        count = 0;
        originPublishNanos = 0;
        relatedCount = 0;
        relatedTotal = 0;
        detailLength = 0;
        return this;
    }

    /**
     * Adds a related id, counting it even when there is no room left to keep it.
     *
     * @param id    related id.
     * @param value its value.
     * @return this.
     */
    public AlertEvent addRelated(final long id, final double value)
    {
        if (relatedCount < MAX_RELATED)
        {
            relatedIds[relatedCount] = id;
            relatedValues[relatedCount] = value;
            relatedCount++;
        }
        relatedTotal++;
        return this;
    }

    /**
     * Sets the detail text, cut to {@link #MAX_DETAIL} characters.
     *
     * @param text the detail.
     * @return this.
     */
    public AlertEvent detail(final CharSequence text)
    {
        final int length = Math.min(text.length(), MAX_DETAIL);
        for (int i = 0; i < length; i++)
        {
            detail[i] = text.charAt(i);
        }
        detailLength = length;
        return this;
    }

    /**
     * The detail text.
     *
     * @return a new string (for sinks and tests, not the hot path).
     */
    public String detailText()
    {
        return new String(detail, 0, detailLength);
    }
}
