/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app.http;

import io.netpulse.app.JsonWriter;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.engine.Engine;
import io.netpulse.engine.alert.RecentAlerts;
import io.netpulse.engine.cube.Cube;
import io.netpulse.engine.cube.CubeQuery;
import io.netpulse.engine.cube.CubeResult;
import io.netpulse.engine.cube.CubeStats;
import io.netpulse.engine.cube.Directory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The read API of a netpulse service: the cube, recent alerts, the topology, health, metrics and the OpenAPI
 * description of them all. {@link #register} adds them to an {@link HttpService}.
 */
public final class ApiRoutes
{
    /** Where the committed OpenAPI description lives on the class path. */
    public static final String OPENAPI_RESOURCE = "/io/netpulse/app/http/openapi.json";

    private static final int MAX_ALERTS = 10_000;
    private static final int MAX_NODES = 100_000;

    private final Engine engine;
    private final Cube cube;
    private final RecentAlerts alerts;
    private final HealthMonitor health;
    private final EngineMetrics metrics;
    private final byte[] openApi;

    /**
     * The routes of an engine.
     *
     * @param engine  the engine, built with a cube.
     * @param alerts  the recent-alerts sink registered on it.
     * @param health  its health monitor.
     * @param metrics its metrics.
     */
    public ApiRoutes(final Engine engine, final RecentAlerts alerts, final HealthMonitor health,
        final EngineMetrics metrics)
    {
        if (null == engine.cube())
        {
            throw new IllegalArgumentException("the engine was built without a cube");
        }
        this.engine = engine;
        this.cube = engine.cube();
        this.alerts = alerts;
        this.health = health;
        this.metrics = metrics;
        this.openApi = openApi();
    }

    private static byte[] openApi()
    {
        try (InputStream in = ApiRoutes.class.getResourceAsStream(OPENAPI_RESOURCE))
        {
            if (null == in)
            {
                throw new IllegalStateException("missing " + OPENAPI_RESOURCE);
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Adds every route, and counts every request in the metrics.
     *
     * @param http the service, not yet started.
     */
    public void register(final HttpService http)
    {
        http.route("GET", "/api/cube", this::cube)
            .route("GET", "/api/cube/metrics", this::cubeMetrics)
            .route("GET", "/api/alerts", this::alerts)
            .route("GET", "/api/topology", this::topology)
            .route("GET", "/health", this::health)
            .route("GET", "/metrics", request -> HttpService.Response.text(200, metrics.contentType(),
                metrics.scrape()))
            .route("GET", "/openapi.json", request ->
                new HttpService.Response(200, "application/json; charset=utf-8", openApi))
            .route("GET", "/", request -> index(http))
            .observe((route, status, elapsedNanos) ->
            {
                metrics.recordRequest(route, status);
                if ("/api/cube".equals(route) && status == 200)
                {
                    metrics.recordQuery(elapsedNanos);
                }
            });
    }

    private HttpService.Response cube(final HttpService.Request request)
    {
        final CubeQuery query = CubeRequest.parse(cube, request);
        final CubeResult result;
        try
        {
            result = query.execute();
        }
        catch (final io.netpulse.engine.cube.CubeQueryException ex)
        {
            throw new BadRequest(ex.parameter(), ex.getMessage());
        }
        return HttpService.Response.json(200, CubeJson.write(result));
    }

    private HttpService.Response cubeMetrics(final HttpService.Request request)
    {
        noParameters(request, Set.of());
        final CubeStats stats = cube.stats();
        final JsonWriter json = new JsonWriter().beginObject();
        json.name("metrics").beginArray();
        for (final String name : cube.metricNames())
        {
            json.value(name);
        }
        json.endArray();
        CubeJson.contents(json, stats);
        time(json, "watermark", stats.watermarkMs());
        time(json, "maxEventTime", stats.maxEventTimeMs());
        return HttpService.Response.json(200, json.endObject().toString());
    }

    private HttpService.Response alerts(final HttpService.Request request)
    {
        noParameters(request, Set.of("since", "afterId", "limit"));
        final String since = request.param("since");
        final String afterId = request.param("afterId");
        final String limitText = request.param("limit");
        final int limit = null == limitText ? 1000 : CubeRequest.integer("limit", limitText, 1, MAX_ALERTS);
        if (null != since && null != afterId)
        {
            throw new BadRequest("since", "give either since or afterId, not both");
        }
        final List<String> found;
        if (null != afterId)
        {
            final long id;
            try
            {
                id = Long.parseLong(afterId.trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new BadRequest("afterId", "'" + afterId + "' is not an alert id (a whole number)");
            }
            found = alerts.after(id, limit);
        }
        else
        {
            found = alerts.since(null == since ? Long.MIN_VALUE : CubeRequest.time("since", since), limit);
        }
        final JsonWriter json = new JsonWriter().beginObject()
            .field("received", alerts.received())
            .field("evicted", alerts.evicted())
            .field("returned", found.size());
        json.name("alerts").beginArray();
        for (final String alert : found)
        {
            json.raw(alert);
        }
        json.endArray();
        return HttpService.Response.json(200, json.endObject().toString());
    }

    private HttpService.Response topology(final HttpService.Request request)
    {
        noParameters(request, Set.of("level", "parent", "limit"));
        final String levelText = request.param("level");
        final NodeLevel level;
        if (null == levelText)
        {
            level = NodeLevel.REGION;
        }
        else
        {
            switch (levelText.trim().toLowerCase(Locale.ROOT))
            {
                case "region":
                    level = NodeLevel.REGION;
                    break;
                case "site":
                    level = NodeLevel.SITE;
                    break;
                case "element":
                    level = NodeLevel.ELEMENT;
                    break;
                default:
                    throw new BadRequest("level", "unknown level '" + levelText + "'; allowed: region, site, element");
            }
        }
        final String limitText = request.param("limit");
        final int limit = null == limitText ? 10_000 : CubeRequest.integer("limit", limitText, 1, MAX_NODES);
        final Directory directory = cube.directory();
        final String parent = request.param("parent");
        final boolean[] parents = new boolean[directory.nodeCount()];
        if (null != parent)
        {
            boolean any = false;
            for (final NodeLevel parentLevel : List.of(NodeLevel.REGION, NodeLevel.SITE))
            {
                for (final int index : directory.findNodes(parentLevel, parent))
                {
                    parents[index] = true;
                    any = true;
                }
            }
            if (!any)
            {
                throw new BadRequest("parent", "no region or site named '" + parent + "' (give a name or a global id)");
            }
        }

        final JsonWriter json = new JsonWriter().beginObject();
        final int[] counts = new int[NodeLevel.values().length];
        int returned = 0;
        int matched = 0;
        json.name("nodes").beginArray();
        for (int i = 0; i < directory.nodeCount(); i++)
        {
            final NodeLevel nodeLevel = directory.level(i);
            if (directory.isRemoved(i))
            {
                continue;
            }
            counts[nodeLevel.ordinal()]++;
            if (nodeLevel != level || (null != parent && !below(directory, i, parents)))
            {
                continue;
            }
            matched++;
            if (returned >= limit)
            {
                continue;
            }
            returned++;
            final int parentIndex = directory.parent(i);
            json.beginObject()
                .field("id", directory.id(i))
                .field("name", directory.name(i))
                .field("level", nodeLevel.name().toLowerCase(Locale.ROOT))
                .field("parentId", parentIndex < 0 ? 0 : directory.id(parentIndex))
                .field("parent", parentIndex <= 0 ? "(network)" : directory.name(parentIndex));
            if (nodeLevel == NodeLevel.ELEMENT)
            {
                json.field("class", directory.className(directory.equipmentClass(i)))
                    .field("vendor", directory.vendorName(directory.vendor(i)));
            }
            json.endObject();
        }
        json.endArray();
        json.field("matched", matched).field("returned", returned);
        json.name("counts").beginObject()
            .field("regions", counts[NodeLevel.REGION.ordinal()])
            .field("sites", counts[NodeLevel.SITE.ordinal()])
            .field("elements", counts[NodeLevel.ELEMENT.ordinal()])
            .endObject();
        return HttpService.Response.json(200, json.endObject().toString());
    }

    private static boolean below(final Directory directory, final int node, final boolean[] ancestors)
    {
        int at = directory.parent(node);
        for (int depth = 0; at >= 0 && depth < 64; depth++)
        {
            if (at < ancestors.length && ancestors[at])
            {
                return true;
            }
            at = directory.parent(at);
        }
        return false;
    }

    private HttpService.Response health(final HttpService.Request request)
    {
        noParameters(request, Set.of("strict"));
        final HealthMonitor.Health verdict = health.evaluate();
        final JsonWriter json = new JsonWriter().beginObject()
            .field("status", verdict.ok() ? "ok" : "degraded");
        json.name("reasons").beginArray();
        for (final String reason : verdict.reasons())
        {
            json.value(reason);
        }
        json.endArray();
        json.field("eventsAccepted", verdict.accepted())
            .field("eventsRejected", verdict.rejected())
            .field("ringUsed", verdict.ringUsed())
            .field("ringSize", engine.ringSize())
            .field("journalLag", verdict.journalLag())
            .field("threads", engine.threadMode().toString());
        final boolean strict = "true".equalsIgnoreCase(request.param("strict"));
        return HttpService.Response.json(strict && !verdict.ok() ? 503 : 200, json.endObject().toString());
    }

    private HttpService.Response index(final HttpService http)
    {
        final JsonWriter json = new JsonWriter().beginObject().field("service", "netpulse");
        json.name("routes").beginObject();
        for (final Map.Entry<String, List<String>> route : http.routes().entrySet())
        {
            json.field(route.getKey(), String.join(", ", route.getValue()));
        }
        json.endObject();
        json.field("openapi", "/openapi.json");
        return HttpService.Response.json(200, json.endObject().toString());
    }

    private static void noParameters(final HttpService.Request request, final Set<String> allowed)
    {
        for (final String name : request.params().keySet())
        {
            if (!allowed.contains(name))
            {
                throw new BadRequest(name, "unknown parameter '" + name + "'" +
                    (allowed.isEmpty() ? "; this endpoint takes none" : "; allowed: " + String.join(", ", allowed)));
            }
        }
    }

    private static void time(final JsonWriter json, final String name, final long ms)
    {
        if (ms == Long.MIN_VALUE || ms == Long.MAX_VALUE)
        {
            json.name(name).raw("null");
        }
        else
        {
            json.field(name, Instant.ofEpochMilli(ms).toString());
        }
    }
}
