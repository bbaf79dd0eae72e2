/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.generator;

/**
 * One injected fault, as labelled for accuracy measurement.
 *
 * @param kind        what happens.
 * @param scopeId     global id of the element, or of the region for a mass event.
 * @param metric      the metric mainly affected, or null when all are (outages, gaps).
 * @param startTimeMs event time it starts, inclusive.
 * @param endTimeMs   event time it ends, exclusive.
 * @param magnitude   how strong: the factor the affected metric is multiplied by at full strength.
 */
public record Fault(
    FaultKind kind, long scopeId, SyntheticMetric metric, long startTimeMs, long endTimeMs, double magnitude)
{
    /**
     * Whether the fault is on at an event time.
     *
     * @param timeMs event time.
     * @return true within [start, end).
     */
    public boolean activeAt(final long timeMs)
    {
        return timeMs >= startTimeMs && timeMs < endTimeMs;
    }

    /**
     * The label line, as JSON.
     *
     * @return one JSON object.
     */
    public String toJson()
    {
        return "{\"kind\":\"" + kind.label() + "\",\"scope\":\"" +
            (kind == FaultKind.MASS_EVENT ? "region" : "element") + "\",\"id\":" + scopeId +
            ",\"metric\":" + (null == metric ? "null" : "\"" + metric.metricName() + "\"") +
            ",\"start\":" + startTimeMs + ",\"end\":" + endTimeMs + ",\"magnitude\":" + magnitude + "}";
    }
}
