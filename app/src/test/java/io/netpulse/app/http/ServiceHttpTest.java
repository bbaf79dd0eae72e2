/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app.http;

import io.netpulse.app.JsonReader;
import io.netpulse.app.NetpulseService;
import io.netpulse.engine.Engine;
import io.netpulse.engine.cube.CubeResult;
import io.netpulse.engine.cube.Dimension;
import io.netpulse.engine.cube.Measure;
import io.netpulse.engine.feed.GeneratorFeed;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.engine.ring.EventPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint through a real HTTP client against a real service on a loopback port the OS chose, fed by the
 * generator: answers, their consistency with the Java API, malformed requests, the Prometheus exposition and the
 * OpenAPI description.
 */
class ServiceHttpTest
{
    private static final long EVENTS = 120_000;

    @TempDir
    static Path dir;

    private static NetpulseService service;
    private static HttpClient client;
    private static String base;

    @BeforeAll
    static void start()
    {
        service = new NetpulseService(Engine.builder().journalDirectory(dir.resolve("journal")),
            new InetSocketAddress("127.0.0.1", 0), 32);
        final EventPublisher publisher = service.engine().newPublisher("generator");
        final GeneratorFeed feed = new GeneratorFeed(publisher, GeneratorConfig.defaults(100, 0, 3)
            .withCorruptFraction(0.01), 0, EVENTS);
        service.addFeed(feed).start();
        assertTrue(feed.await(60_000), "generator finished");
        assertTrue(service.engine().awaitDrained(60_000));
        assertTrue(service.engine().cube().awaitMaintained(60_000));
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        base = "http://127.0.0.1:" + service.port();
    }

    @AfterAll
    static void stop()
    {
        service.close();
    }

    record Answer(int status, String contentType, String body)
    {
        Map<?, ?> json()
        {
            return (Map<?, ?>)JsonReader.parse(body);
        }
    }

    static Answer get(final String path) throws Exception
    {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    static Answer send(final HttpRequest request) throws Exception
    {
        final HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
            response.body());
    }

    @Test
    void shouldAnswerCubeQueriesAsTheJavaApiDoes() throws Exception
    {
        final Answer answer = get("/api/cube?groupBy=region&metric=qos.latency_us&measures=count,mean,p99" +
            "&order=region:asc");
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/json"));
        final Map<?, ?> json = answer.json();
        assertEquals("region", json.get("cuboid"));
        final List<?> rows = (List<?>)json.get("rows");
        final CubeResult direct = service.engine().cube().query().groupBy(Dimension.REGION)
            .where(Dimension.METRIC, "qos.latency_us").measures(Measure.COUNT, Measure.MEAN, Measure.P99)
            .orderBy(Dimension.REGION, false).execute();
        assertEquals(direct.rows().size(), rows.size());
        assertTrue(rows.size() >= 1);
        for (int i = 0; i < rows.size(); i++)
        {
            final Map<?, ?> row = (Map<?, ?>)rows.get(i);
            assertEquals(direct.rows().get(i).value(Dimension.REGION), row.get("region"));
            assertEquals((double)direct.rows().get(i).count(), (Double)row.get("count"));
            assertEquals(direct.rows().get(i).p99(), (Double)row.get("p99"), 1e-9);
            assertNull(row.get("sum"), "only the measures asked for");
        }
    }

    @Test
    void shouldDrillDownCompareAndRankOverHttp() throws Exception
    {
        final Map<?, ?> regions = get("/api/cube?groupBy=region&metric=cdr.failed&measures=count").json();
        final String region = (String)((Map<?, ?>)((List<?>)regions.get("rows")).get(0)).get("region");
        final long regionCount = Math.round((Double)((Map<?, ?>)((List<?>)regions.get("rows")).get(0)).get("count"));

        final Map<?, ?> sites = get("/api/cube?groupBy=site&metric=cdr.failed&measures=count&region=" + region)
            .json();
        assertEquals("site", sites.get("cuboid"));
        long siteCount = 0;
        for (final Object row : (List<?>)sites.get("rows"))
        {
            siteCount += Math.round((Double)((Map<?, ?>)row).get("count"));
        }
        assertEquals(regionCount, siteCount, "drill-down keeps the total");

        final Map<?, ?> top = get("/api/cube?groupBy=element&metric=qos.latency_us&measures=count,p99" +
            "&order=p99:desc&limit=5").json();
        assertEquals("element", top.get("cuboid"));
        final List<?> topRows = (List<?>)top.get("rows");
        assertEquals(5, topRows.size());
        for (int i = 1; i < topRows.size(); i++)
        {
            assertTrue((Double)((Map<?, ?>)topRows.get(i - 1)).get("p99") >= (Double)((Map<?, ?>)topRows.get(i))
                .get("p99"));
        }

        final Map<?, ?> byHour = get("/api/cube?groupBy=time&granularity=hour&metric=kpi.latency_ms" +
            "&measures=count").json();
        final List<?> hours = (List<?>)byHour.get("rows");
        assertTrue(hours.size() >= 2, "the run spans hours: " + hours.size());
        final String first = (String)((Map<?, ?>)hours.get(0)).get("time");
        final String second = (String)((Map<?, ?>)hours.get(1)).get("time");
        final Map<?, ?> compared = get("/api/cube?groupBy=region&metric=kpi.latency_ms&measures=count,mean" +
            "&from=" + second + "&to=" + java.time.Instant.parse(second).plusSeconds(3600) +
            "&compareFrom=" + first + "&compareTo=" + second).json();
        assertEquals(Boolean.TRUE, compared.get("compared"));
        for (final Object rowObject : (List<?>)compared.get("rows"))
        {
            final Map<?, ?> row = (Map<?, ?>)rowObject;
            final Map<?, ?> baseline = (Map<?, ?>)row.get("baseline");
            final Map<?, ?> delta = (Map<?, ?>)row.get("delta");
            final Map<?, ?> ratio = (Map<?, ?>)row.get("ratio");
            assertEquals((Double)row.get("mean") - (Double)baseline.get("mean"), (Double)delta.get("mean"), 1e-9);
            assertEquals((Double)row.get("mean") / (Double)baseline.get("mean"), (Double)ratio.get("mean"), 1e-9);
        }

        final Map<?, ?> last = get("/api/cube?groupBy=metric&last=10m").json();
        assertTrue(((List<?>)last.get("rows")).size() > 3);

        // The newest filed hour: a whole one, as its row in the hourly group-by counts it, read as one bucket.
        final Map<?, ?> wholeHour = get("/api/cube?metric=kpi.latency_ms&measures=count&wholeHours=1").json();
        final java.time.Instant from = java.time.Instant.parse((String)wholeHour.get("from"));
        assertEquals(from.plusSeconds(3600), java.time.Instant.parse((String)wholeHour.get("to")));
        assertEquals(1, ((Number)wholeHour.get("bucketsScanned")).intValue());
        Object hourCount = null;
        for (final Object hour : hours)
        {
            if (from.toString().equals(((Map<?, ?>)hour).get("time")))
            {
                hourCount = ((Map<?, ?>)hour).get("count");
            }
        }
        assertEquals(hourCount, ((Map<?, ?>)((List<?>)wholeHour.get("rows")).get(0)).get("count"));
    }

    @Test
    void shouldRefuseMalformedRequestsNamingTheParameter() throws Exception
    {
        final String[][] cases = {
            {"/api/cube?groupBy=nosuchdimension", "groupBy", "nosuchdimension"},
            {"/api/cube?groupBy=region&colour=red", "colour", "allowed"},
            {"/api/cube?measures=median", "measures", "p99"},
            {"/api/cube?measures=", "measures", "count"},
            {"/api/cube?limit=0", "limit", "1 to"},
            {"/api/cube?limit=ten", "limit", "whole number"},
            {"/api/cube?from=yesterday", "from", "ISO-8601"},
            {"/api/cube?from=2000&to=1000", "to", "after"},
            {"/api/cube?last=forever", "last", "90m"},
            {"/api/cube?last=1h&from=1", "last", "either"},
            {"/api/cube?wholeHours=0", "wholeHours", "1 to"},
            {"/api/cube?wholeHours=2&last=1h", "wholeHours", "one of"},
            {"/api/cube?granularity=week", "granularity", "minute, hour, day"},
            {"/api/cube?order=loudness", "order", "measure"},
            {"/api/cube?order=p99:sideways", "order", "asc, desc"},
            {"/api/cube?order=region", "order", "grouped"},
            {"/api/cube?region=atlantis", "region", "atlantis"},
            {"/api/cube?metric=cdr.happiness", "metric", "cdr.setup_ms"},
            {"/api/cube?service=fax", "service", "voice"},
            {"/api/cube?class=toaster", "class", "gnodeb"},
            {"/api/cube?vendor=acme", "vendor", "nokia"},
            {"/api/cube?region=", "region", "at least one"},
            {"/api/cube?time=1", "time", "from"},
            {"/api/cube?compareFrom=1", "compareTo", "both"},
            {"/api/cube?compareFrom=5&compareTo=1", "compareTo", "after"},
            {"/api/cube?limit=1&limit=2", "limit", "once"},
            {"/api/alerts?since=tuesday", "since", "ISO-8601"},
            {"/api/alerts?afterId=x", "afterId", "whole number"},
            {"/api/alerts?since=1&afterId=2", "since", "either"},
            {"/api/alerts?limit=-1", "limit", "whole number"},
            {"/api/topology?level=planet", "level", "region, site, element"},
            {"/api/topology?parent=atlantis", "parent", "atlantis"},
            {"/health?verbose=1", "verbose", "strict"},
            {"/api/cube/metrics?x=1", "x", "none"},
        };
        for (final String[] bad : cases)
        {
            final Answer answer = get(bad[0]);
            assertEquals(400, answer.status(), bad[0] + " -> " + answer.body());
            final Map<?, ?> json = answer.json();
            assertEquals(bad[1], json.get("parameter"), bad[0] + " -> " + answer.body());
            assertTrue(((String)json.get("error")).contains(bad[2]), bad[0] + " -> " + answer.body());
        }

        assertEquals(400, rawStatus("/api/cube?groupBy=%zz"), "a malformed percent-escape");
        assertEquals(404, get("/api/nothing").status());
        final Answer post = send(HttpRequest.newBuilder(URI.create(base + "/api/cube"))
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(405, post.status());
        assertTrue(post.body().contains("GET"));
    }

    /**
     * Sends a request line no URI class would build, over a plain socket.
     */
    private static int rawStatus(final String target) throws Exception
    {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", service.port()))
        {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            final String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void shouldServeAlertsTopologyHealthAndIndex() throws Exception
    {
        final Answer alerts = get("/api/alerts?since=2026-01-01T00:00:00Z&limit=10");
        assertEquals(200, alerts.status(), alerts.body());
        final Map<?, ?> alertsJson = alerts.json();
        assertNotNull(alertsJson.get("alerts"));
        assertEquals((double)service.alerts().received(), (Double)alertsJson.get("received"));
        assertEquals(200, get("/api/alerts?afterId=0").status());
        assertEquals(200, get("/api/alerts").status());

        final Map<?, ?> regions = get("/api/topology").json();
        final Map<?, ?> counts = (Map<?, ?>)regions.get("counts");
        assertEquals(100.0, counts.get("elements"));
        final List<?> regionNodes = (List<?>)regions.get("nodes");
        assertEquals(counts.get("regions"), (double)regionNodes.size());
        final String region = (String)((Map<?, ?>)regionNodes.get(0)).get("name");
        final Map<?, ?> sites = get("/api/topology?level=site&parent=" + region).json();
        assertFalse(((List<?>)sites.get("nodes")).isEmpty());
        final String site = (String)((Map<?, ?>)((List<?>)sites.get("nodes")).get(0)).get("name");
        final Map<?, ?> elements = get("/api/topology?level=element&parent=" + site + "&limit=3").json();
        assertEquals(3, ((List<?>)elements.get("nodes")).size());
        final Map<?, ?> element = (Map<?, ?>)((List<?>)elements.get("nodes")).get(0);
        assertNotNull(element.get("class"));
        assertEquals(site, element.get("parent"));
        assertEquals(100.0, ((Map<?, ?>)get("/api/topology?level=element&parent=" + region + "&limit=1").json()
            .get("counts")).get("elements"));

        final Answer health = get("/health");
        assertEquals(200, health.status());
        final Map<?, ?> healthJson = health.json();
        assertTrue(List.of("ok", "degraded").contains(healthJson.get("status")));
        assertNotNull(healthJson.get("reasons"));
        final Answer strict = get("/health?strict=true");
        assertEquals("ok".equals(strict.json().get("status")) ? 200 : 503, strict.status());

        final Map<?, ?> index = get("/").json();
        assertTrue(((Map<?, ?>)index.get("routes")).containsKey("/api/cube"));
        final Map<?, ?> metrics = get("/api/cube/metrics").json();
        assertTrue(((List<?>)metrics.get("metrics")).contains("kpi.latency_ms"));
    }

    @Test
    void shouldExposeMetricsInThePrometheusTextFormat() throws Exception
    {
        get("/api/cube?groupBy=region");
        final Answer answer = get("/metrics");
        assertEquals(200, answer.status());
        assertTrue(answer.contentType().startsWith("text/plain"), answer.contentType());
        final PrometheusText metrics = PrometheusText.parse(answer.body());

        long accepted = 0;
        for (final EventPublisher publisher : service.engine().publishers())
        {
            accepted += publisher.accepted();
        }
        assertEquals(accepted, metrics.sum("netpulse_events_accepted_total"));
        assertEquals("counter", metrics.types.get("netpulse_events_accepted_total"));
        assertEquals(service.engine().counters().value(io.netpulse.engine.status.SystemCounter.EVENTS_REJECTED),
            metrics.sum("netpulse_events_rejected_total"));
        assertTrue(metrics.sum("netpulse_events_rejected_total") > 0, "the generator corrupts some frames");
        for (final String name : List.of("netpulse_events_late_total", "netpulse_journal_bytes_total",
            "netpulse_ring_remaining_capacity", "netpulse_event_latency_seconds_count", "netpulse_cube_events_total",
            "netpulse_query_duration_seconds_count", "netpulse_alerts_by_kind_total", "netpulse_journal_lag_events",
            "netpulse_http_requests_total", "jvm_memory_used_bytes"))
        {
            metrics.sum(name);
        }
        assertTrue(metrics.sum("netpulse_query_duration_seconds_count") >= 1);
        assertEquals(service.engine().cube().stats().eventsApplied(), metrics.sum("netpulse_cube_events_total"));
        assertEquals(service.engine().cube().stats().queryCacheHits(),
            metrics.sum("netpulse_cube_query_cache_hits_total"));
        assertEquals(service.engine().cube().stats().queryCacheMisses(),
            metrics.sum("netpulse_cube_query_cache_misses_total"));
        assertTrue(metrics.sum("netpulse_cube_published_cells_total") > 0);
        assertEquals(service.engine().cube().stats().cellsPublished(),
            metrics.sum("netpulse_cube_published_cells_total"));
        for (final PrometheusText.Sample sample : metrics.samples)
        {
            if (sample.name().matches("^netpulse_\\w*reject\\w*"))
            {
                assertNotNull(sample.labels().get("reason"), sample.toString());
            }
        }
    }

    @Test
    void shouldServeTheCommittedOpenApiDescriptionOfEveryRoute() throws Exception
    {
        final Answer answer = get("/openapi.json");
        assertEquals(200, answer.status());
        final Map<?, ?> openApi = answer.json();
        assertTrue(((String)openApi.get("openapi")).startsWith("3."));
        final Map<?, ?> paths = (Map<?, ?>)openApi.get("paths");
        for (final String route : service.http().routes().keySet())
        {
            assertTrue(paths.containsKey(route), "OpenAPI describes " + route);
        }
        final Map<?, ?> cube = (Map<?, ?>)((Map<?, ?>)paths.get("/api/cube")).get("get");
        final List<String> documented = new ArrayList<>();
        for (final Object parameter : (List<?>)cube.get("parameters"))
        {
            documented.add((String)((Map<?, ?>)parameter).get("name"));
        }
        for (final String parameter : CubeRequest.PARAMETERS)
        {
            if (!"time".equals(parameter))
            {
                assertTrue(documented.contains(parameter), "OpenAPI documents " + parameter);
            }
        }
    }

    @Test
    void shouldAnswerTwentyConcurrentQueries() throws Exception
    {
        final ExecutorService pool = Executors.newFixedThreadPool(20);
        try
        {
            final List<Future<Integer>> answers = new ArrayList<>();
            final String[] queries = {
                "/api/cube?groupBy=region,metric",
                "/api/cube?groupBy=site&metric=cdr.setup_ms&measures=count,p95",
                "/api/cube?groupBy=element&metric=qos.jitter_us&order=p99:desc&limit=10&measures=p99",
                "/api/cube?groupBy=vendor,class&metric=cdr.dropped&measures=mean",
            };
            for (int i = 0; i < 200; i++)
            {
                final String query = queries[i % queries.length];
                answers.add(pool.submit((Callable<Integer>)() -> get(query).status()));
            }
            for (final Future<Integer> answer : answers)
            {
                assertEquals(200, answer.get());
            }
        }
        finally
        {
            pool.shutdownNow();
        }
    }
}
