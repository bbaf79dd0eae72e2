/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.peer;

import io.netpulse.app.JsonWriter;

/**
 * What one side of the comparison computed, reduced to totals that do not depend on the order rows were
 * emitted in, so the two sides can be checked against each other: the rows of each kind and their sums.
 * Integer totals must match exactly; sums of doubles, added up in emission order, to a relative 1e-9.
 */
public final class PeerResults
{
    private static final double TOLERANCE = 1e-9;

    long windowRows;
    long windowSamples;
    double windowSum;
    double windowMinSum;
    double windowMaxSum;
    long anomalyFlags;
    long anomalyKeySum;
    long groupRows;
    long groupCalls;
    long groupUnanswered;
    long groupSetupMs;

    /**
     * One closed window of one series.
     *
     * @param count samples in it.
     * @param sum   of their values.
     * @param min   smallest value.
     * @param max   largest value.
     */
    public void windowRow(final long count, final double sum, final double min, final double max)
    {
        windowRows++;
        windowSamples += count;
        windowSum += sum;
        windowMinSum += min;
        windowMaxSum += max;
    }

    /**
     * One flagged sample.
     *
     * @param elementId of the series.
     * @param metricId  of the series.
     */
    public void anomaly(final long elementId, final int metricId)
    {
        anomalyFlags++;
        anomalyKeySum += elementId * PeerWorkload.MAX_METRICS + metricId;
    }

    /**
     * One closed window of one region and service.
     *
     * @param calls      in it.
     * @param unanswered calls not answered.
     * @param setupMs    total setup time.
     */
    public void groupRow(final long calls, final long unanswered, final long setupMs)
    {
        groupRows++;
        groupCalls += calls;
        groupUnanswered += unanswered;
        groupSetupMs += setupMs;
    }

    /**
     * Window rows emitted.
     *
     * @return the count.
     */
    public long windowRows()
    {
        return windowRows;
    }

    /**
     * Samples flagged.
     *
     * @return the count.
     */
    public long anomalyFlags()
    {
        return anomalyFlags;
    }

    /**
     * Region and service rows emitted.
     *
     * @return the count.
     */
    public long groupRows()
    {
        return groupRows;
    }

    /**
     * Whether another side computed the same.
     *
     * @param other the other side.
     * @return true when every total matches.
     */
    public boolean agrees(final PeerResults other)
    {
        return windowRows == other.windowRows && windowSamples == other.windowSamples &&
            close(windowSum, other.windowSum) && close(windowMinSum, other.windowMinSum) &&
            close(windowMaxSum, other.windowMaxSum) &&
            anomalyFlags == other.anomalyFlags && anomalyKeySum == other.anomalyKeySum &&
            groupRows == other.groupRows && groupCalls == other.groupCalls &&
            groupUnanswered == other.groupUnanswered && groupSetupMs == other.groupSetupMs;
    }

    private static boolean close(final double a, final double b)
    {
        return Math.abs(a - b) <= TOLERANCE * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    }

    /**
     * Writes the totals as a JSON object.
     *
     * @param json to write to.
     * @return the writer.
     */
    public JsonWriter writeTo(final JsonWriter json)
    {
        return json.beginObject()
            .field("windowRows", windowRows)
            .field("windowSamples", windowSamples)
            .field("windowSum", windowSum)
            .field("anomalyFlags", anomalyFlags)
            .field("groupRows", groupRows)
            .field("groupCalls", groupCalls)
            .field("groupUnanswered", groupUnanswered)
            .endObject();
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "windows " + windowRows + " rows / " + windowSamples + " samples, " + anomalyFlags +
            " anomaly flags, " + groupRows + " region-service rows / " + groupCalls + " calls";
    }
}
