/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.app.http.ApiRoutes;
import io.netpulse.app.http.EngineMetrics;
import io.netpulse.app.http.HealthMonitor;
import io.netpulse.app.http.HttpService;
import io.netpulse.engine.Engine;
import io.netpulse.engine.EngineBuilder;
import io.netpulse.engine.alert.RecentAlerts;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running netpulse service: an engine (with its cube), the HTTP API in front of it, and the feeds that fill
 * it. Built in two steps so that other parts can add routes and feeds before it serves:
 * <pre>{@code
 * NetpulseService service = new NetpulseService(builder, new InetSocketAddress("127.0.0.1", 8080), 32);
 * service.http().route("POST", "/api/ingest", handler);     // before start
 * service.addFeed(new GeneratorFeed(service.engine().newPublisher("generator"), config, 20_000, 0));
 * service.start();
 * ...
 * service.close();   // feeds, then HTTP, then the engine (which drains and journals what it accepted)
 * }</pre>
 */
public final class NetpulseService implements AutoCloseable
{
    private final Engine engine;
    private final RecentAlerts alerts = new RecentAlerts();
    private final HealthMonitor health;
    private final EngineMetrics metrics;
    private final HttpService http;
    private final List<AutoCloseable> feeds = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable ->
    {
        final Thread thread = new Thread(runnable, "netpulse-health-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private boolean closed;

    /**
     * Builds the engine and the HTTP service, not yet serving.
     *
     * @param builder        the engine's configuration; a recent-alerts sink is added to it.
     * @param address        where to listen; port 0 lets the OS choose.
     * @param requestThreads HTTP requests served at once.
     */
    public NetpulseService(final EngineBuilder builder, final InetSocketAddress address, final int requestThreads)
    {
        this.engine = builder.alertSink(alerts).build();
        try
        {
            this.health = new HealthMonitor(engine);
            this.metrics = new EngineMetrics(engine, alerts);
            this.http = new HttpService(address, requestThreads);
            new ApiRoutes(engine, alerts, health, metrics).register(http);
        }
        catch (final RuntimeException ex)
        {
            engine.close();
            throw ex;
        }
    }

    /**
     * Starts serving HTTP and sampling health.
     *
     * @return this.
     */
    public NetpulseService start()
    {
        http.start();
        sampler.scheduleAtFixedRate(health::sample, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    /**
     * Adds a feed, closed (first) when the service closes.
     *
     * @param feed the feed.
     * @return this.
     */
    public synchronized NetpulseService addFeed(final AutoCloseable feed)
    {
        feeds.add(feed);
        return this;
    }

    /**
     * The engine.
     *
     * @return the engine.
     */
    public Engine engine()
    {
        return engine;
    }

    /**
     * The metrics served at {@code /metrics}, to add to before {@link #start()}.
     *
     * @return the metrics.
     */
    public EngineMetrics metrics()
    {
        return metrics;
    }

    /**
     * The HTTP service, to add routes to before {@link #start()}.
     *
     * @return the service.
     */
    public HttpService http()
    {
        return http;
    }

    /**
     * The alerts kept for the API.
     *
     * @return the sink.
     */
    public RecentAlerts alerts()
    {
        return alerts;
    }

    /**
     * The port the API listens on.
     *
     * @return the port.
     */
    public int port()
    {
        return http.port();
    }

    /**
     * Stops the feeds, then the HTTP API, then closes the engine, which drains and journals everything it
     * accepted.
     */
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        for (final AutoCloseable feed : feeds)
        {
            try
            {
                feed.close();
            }
            catch (final Exception ex)
            {
                System.getLogger("netpulse").log(System.Logger.Level.WARNING, "feed did not close cleanly", ex);
            }
        }
        sampler.shutdownNow();
        http.close();
        engine.close();
    }
}
