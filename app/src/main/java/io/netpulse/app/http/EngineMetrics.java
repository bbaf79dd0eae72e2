/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app.http;

import io.netpulse.codec.RejectReason;
import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.engine.Engine;
import io.netpulse.engine.alert.AlertJson;
import io.netpulse.engine.alert.RecentAlerts;
import io.netpulse.engine.cube.Cube;
import io.netpulse.engine.cube.CubeStats;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.engine.stage.JournalStage;
import io.netpulse.engine.status.SystemCounter;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * The engine's state as Prometheus metrics, through the official Prometheus Java client. Everything is read
 * when scraped, from the engine's lock-free counters and published snapshots, so the event path does no work
 * for metrics. Metric names:
 * <ul>
 *   <li>{@code netpulse_events_accepted_total{source}}: events accepted at the edge, every source;</li>
 *   <li>{@code netpulse_events_rejected_total{reason}}: inputs refused at the edge, by reason;</li>
 *   <li>{@code netpulse_<counter>_total}: every other engine counter (journaled, routed, late, ...);</li>
 *   <li>{@code netpulse_ring_remaining_capacity}, {@code netpulse_ring_size}: free and total ring slots;</li>
 *   <li>{@code netpulse_recovered_events}: events recovered from the journal at start;</li>
 *   <li>{@code netpulse_event_latency_seconds}: publish to the last analytics stage, quantiles;</li>
 *   <li>{@code netpulse_journal_lag_events}: events published but not yet journaled;</li>
 *   <li>{@code netpulse_alerts_by_kind_total{kind}}: alerts delivered, by kind;</li>
 *   <li>{@code netpulse_cube_*}: cube events, cells, bytes, late events, roll-ups, maintenance backlog, query
 *   cache hits and misses;</li>
 *   <li>{@code netpulse_query_duration_seconds}: cube query latency, and {@code netpulse_http_requests_total};</li>
 *   <li>the JVM's own metrics ({@code jvm_*}).</li>
 * </ul>
 */
public final class EngineMetrics
{
    private volatile java.util.function.Consumer<StringBuilder> extra;

    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Histogram queryDuration;
    private final Counter requests;

    /**
     * Registers the metrics of an engine.
     *
     * @param engine the engine.
     * @param alerts the recent-alerts sink counting alerts by kind, or null.
     */
    public EngineMetrics(final Engine engine, final RecentAlerts alerts)
    {
        CounterWithCallback.builder()
            .name("netpulse_events_accepted_total")
            .help("Events accepted into the ring at the edge, every source")
            .labelNames("source")
            .callback(callback ->
            {
                for (final EventPublisher publisher : engine.publishers())
                {
                    callback.call(publisher.accepted(), publisher.sourceName());
                }
            })
            .register(registry);

        CounterWithCallback.builder()
            .name("netpulse_events_rejected_total")
            .help("Inputs refused at the edge, by reason")
            .labelNames("reason")
            .callback(callback ->
            {
                for (final RejectReason reason : RejectReason.values())
                {
                    callback.call(engine.counters().rejected(reason), reason.label());
                }
            })
            .register(registry);

        for (final SystemCounter counter : SystemCounter.values())
        {
            if (counter == SystemCounter.EVENTS_REJECTED)
            {
                continue;
            }
            CounterWithCallback.builder()
                .name("netpulse_" + counter.label() + "_total")
                .help(counter.description())
                .callback(callback -> callback.call(engine.counters().value(counter)))
                .register(registry);
        }

        GaugeWithCallback.builder()
            .name("netpulse_ring_remaining_capacity")
            .help("Free slots in the event ring")
            .callback(callback -> callback.call(engine.ringRemainingCapacity()))
            .register(registry);
        GaugeWithCallback.builder()
            .name("netpulse_ring_size")
            .help("Slots in the event ring")
            .callback(callback -> callback.call(engine.ringSize()))
            .register(registry);
        GaugeWithCallback.builder()
            .name("netpulse_recovered_events")
            .help("Events recovered from the journal at start (serve --resume)")
            .callback(callback -> callback.call(engine.recoveredEvents()))
            .register(registry);
        GaugeWithCallback.builder()
            .name("netpulse_journal_lag_events")
            .help("Events published into the ring but not yet journaled")
            .callback(callback ->
            {
                final JournalStage journal = engine.journal();
                if (null != journal)
                {
                    callback.call(Math.max(0, engine.publishedSequence() - journal.durableRingSequence()));
                }
            })
            .register(registry);

        SummaryWithCallback.builder()
            .name("netpulse_event_latency_seconds")
            .help("Latency from publish to the last analytics stage")
            .callback(callback ->
            {
                final org.HdrHistogram.Histogram histogram = engine.latency().snapshot();
                final Quantile[] quantiles = new Quantile[QUANTILES.length];
                for (int i = 0; i < QUANTILES.length; i++)
                {
                    quantiles[i] = new Quantile(QUANTILES[i],
                        histogram.getValueAtPercentile(QUANTILES[i] * 100) / NANOS_PER_SECOND);
                }
                final long count = histogram.getTotalCount();
                callback.call(count, histogram.getMean() * count / NANOS_PER_SECOND, Quantiles.of(quantiles));
            })
            .register(registry);

        if (null != alerts)
        {
            CounterWithCallback.builder()
                .name("netpulse_alerts_by_kind_total")
                .help("Alerts delivered, by kind")
                .labelNames("kind")
                .callback(callback ->
                {
                    for (final AlertKind kind : AlertKind.values())
                    {
                        if (kind != AlertKind.NULL_VAL)
                        {
                            callback.call(alerts.count(kind), AlertJson.kindLabel(kind));
                        }
                    }
                })
                .register(registry);
        }

        final Cube cube = engine.cube();
        if (null != cube)
        {
            registerCube(cube);
        }

        queryDuration = Histogram.builder()
            .name("netpulse_query_duration_seconds")
            .help("Time to answer a cube query (GET /api/cube)")
            .classicOnly()
            .classicUpperBounds(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
                2.5)
            .register(registry);
        requests = Counter.builder()
            .name("netpulse_http_requests_total")
            .help("HTTP requests answered, by route and status")
            .labelNames("route", "status")
            .register(registry);
        JvmMetrics.builder().register(registry);
    }

    private void registerCube(final Cube cube)
    {
        cubeCounter("netpulse_cube_events_total", "Data events applied to the cube", cube,
            CubeStats::eventsApplied);
        cubeCounter("netpulse_cube_values_total", "Measure values applied to the cube", cube,
            CubeStats::valuesApplied);
        cubeCounter("netpulse_cube_late_events_total", "Events behind the cube's sealed buckets, not applied",
            cube, CubeStats::lateEvents);
        cubeCounter("netpulse_cube_expired_values_total", "Element-level values dropped past the day retention",
            cube, CubeStats::expiredValues);
        cubeCounter("netpulse_cube_rollups_total", "Hour and day buckets built by roll-up", cube,
            CubeStats::rollups);
        cubeCounter("netpulse_cube_maintenance_waits_total",
            "Times a cube writer paused because the maintainer's backlog was full", cube,
            CubeStats::maintenanceWaits);
        cubeCounter("netpulse_cube_query_cache_hits_total",
            "Cube queries answered again from a kept answer over the same closed buckets, or from the one being " +
            "computed", cube,
            CubeStats::queryCacheHits);
        cubeCounter("netpulse_cube_query_cache_misses_total",
            "Cube queries over closed buckets only that had to be computed", cube, CubeStats::queryCacheMisses);
        cubeCounter("netpulse_cube_publications_total", "Cube states published for queries", cube,
            CubeStats::publications);
        cubeCounter("netpulse_cube_published_cells_total",
            "Open-minute cells the cube's writers copied into published states: about two per cell changed in a batch",
            cube, CubeStats::cellsPublished);
        cubeGauge("netpulse_cube_closed_cells", "Cells in closed cube buckets", cube, CubeStats::closedCells);
        cubeGauge("netpulse_cube_closed_bytes", "Heap bytes of closed cube buckets", cube, CubeStats::closedBytes);
        cubeGauge("netpulse_cube_open_cells", "Cells in open and freshly sealed cube buckets", cube,
            CubeStats::openCells);
        cubeGauge("netpulse_cube_maintenance_backlog", "Sealed buckets waiting for the cube maintainer", cube,
            CubeStats::maintenanceBacklog);
        cubeGauge("netpulse_cube_watermark_seconds", "The cube's event-time watermark, epoch seconds", cube,
            stats -> stats.watermarkMs() == Long.MIN_VALUE ? 0 : stats.watermarkMs() / 1000);
    }

    private void cubeCounter(final String name, final String help, final Cube cube,
        final java.util.function.ToLongFunction<CubeStats> value)
    {
        CounterWithCallback.builder().name(name).help(help)
            .callback(callback -> callback.call(value.applyAsLong(cube.stats())))
            .register(registry);
    }

    private void cubeGauge(final String name, final String help, final Cube cube,
        final java.util.function.ToLongFunction<CubeStats> value)
    {
        GaugeWithCallback.builder().name(name).help(help)
            .callback(callback -> callback.call(value.applyAsLong(cube.stats())))
            .register(registry);
    }

    /**
     * Records one cube query's latency.
     *
     * @param elapsedNanos time to answer.
     */
    public void recordQuery(final long elapsedNanos)
    {
        queryDuration.observe(elapsedNanos / NANOS_PER_SECOND);
    }

    /**
     * Counts one HTTP request.
     *
     * @param route  the route, or "unmatched".
     * @param status the status sent.
     */
    public void recordRequest(final String route, final int status)
    {
        requests.labelValues(route, Integer.toString(status)).inc();
    }

    /**
     * Every metric in the Prometheus text format, version 0.0.4.
     *
     * @return the exposition.
     */
    public String scrape()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try
        {
            writer.write(out, registry.scrape());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        final java.util.function.Consumer<StringBuilder> extra = this.extra;
        if (null == extra)
        {
            return text;
        }
        final StringBuilder all = new StringBuilder(text.length() + 4096).append(text);
        extra.accept(all);
        return all.toString();
    }

    /**
     * Adds metrics kept outside the registry (feeds, dead letters), appended in the same text format to every
     * scrape.
     *
     * @param extra appends its metrics.
     */
    public void extra(final java.util.function.Consumer<StringBuilder> extra)
    {
        this.extra = extra;
    }

    /**
     * The content type of {@link #scrape()}.
     *
     * @return the type.
     */
    public String contentType()
    {
        return writer.getContentType();
    }
}
