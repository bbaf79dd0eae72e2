/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.peer;

/**
 * The workload netpulse and its peer both compute, defined once so the two sides cannot drift apart:
 * <ul>
 *     <li><b>per-element one-minute windows</b>: for every KPI series (element, metric), the count, sum, minimum
 *     and maximum of the values in each one-minute tumbling window, one row per series and window;</li>
 *     <li><b>an EWMA z-score anomaly flag per series</b>: an exponentially weighted mean and variance per series
 *     (weight {@link #EWMA_ALPHA}); a sample is flagged when the series has at least {@link #WARM_UP_SAMPLES}
 *     samples, a positive variance, and lies more than {@link #Z_THRESHOLD} standard deviations from the mean
 *     before the sample updates it;</li>
 *     <li><b>a per-minute group-by region and service</b>: for call detail records, per region and service type
 *     and one-minute window, the calls, the calls not answered and the total setup time.</li>
 * </ul>
 * Windows are cut by an event-time clock: the latest event time seen among data events from known elements.
 * A window closes (and its rows are emitted) when an event moves the clock into a later minute; an event older
 * than the clock goes into the open window, which is how a clock-driven engine such as Esper places it, so both
 * sides put every event in the same window. Events from elements the topology does not know, metric ids from
 * {@link #MAX_METRICS} and service types from {@link #MAX_SERVICES} up take no part.
 */
public final class PeerWorkload
{
    /** Window length. */
    public static final long WINDOW_MS = 60_000;

    /** Weight of a new sample in the exponentially weighted mean and variance. */
    public static final double EWMA_ALPHA = 0.05;

    /** {@code 1 - EWMA_ALPHA}, written as the same literal on both sides so the arithmetic is identical. */
    public static final double EWMA_DECAY = 0.95;

    /** Standard deviations from the mean beyond which a sample is flagged. */
    public static final double Z_THRESHOLD = 4.0;

    /** Samples a series needs before it can flag. */
    public static final long WARM_UP_SAMPLES = 10;

    /** Metric ids below this take part. */
    public static final int MAX_METRICS = 16;

    /** Service types below this take part. */
    public static final int MAX_SERVICES = 16;

    private PeerWorkload()
    {
    }

    /**
     * The window a time falls in.
     *
     * @param timeMs epoch milliseconds.
     * @return the window number.
     */
    public static long window(final long timeMs)
    {
        return Math.floorDiv(timeMs, WINDOW_MS);
    }
}
