/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.anomaly;

/**
 * Sees every KPI sample the anomaly detector scores, with what the detector made of it: how users check the
 * detector on their own exported data ({@code netpulse run --format kpi-csv --scores OUT.csv}) and how the
 * evaluation traces a series. Called on the detector's thread (one per shard in the {@code sharded:N} mode), in
 * the series' event order; it must not block and must copy what it keeps.
 */
@FunctionalInterface
public interface ScoreListener
{
    /** Sees nothing. */
    ScoreListener NONE = (eventTimeMs, elementId, metricId, value, expected, score, threshold, anomalous, alerted) ->
    {
    };

    /**
     * One scored sample.
     *
     * @param eventTimeMs the sample's event time, epoch milliseconds.
     * @param elementId   the element's external id.
     * @param metricId    the metric id.
     * @param value       the observed value.
     * @param expected    what the baseline expected, or NaN while the series is cold.
     * @param score       how far the value is from the expectation, in units of the residual scale; 0 while cold.
     * @param threshold   the series' threshold at the time.
     * @param anomalous   whether an anomaly is active on the series after this sample.
     * @param alerted     whether an anomaly alarm was raised at this sample.
     */
    void onScore(
        long eventTimeMs, long elementId, int metricId, double value, double expected, double score, double threshold,
        boolean anomalous, boolean alerted);
}
