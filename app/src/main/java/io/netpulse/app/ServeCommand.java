/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.engine.Engine;
import io.netpulse.engine.EngineBuilder;
import io.netpulse.engine.alert.NdjsonAlertSink;
import io.netpulse.engine.cube.CubeConfig;
import io.netpulse.engine.cube.Cuboid;
import io.netpulse.engine.feed.GeneratorFeed;
import io.netpulse.engine.generator.GeneratorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code netpulse serve}: the engine as a service. Runs the engine with its journal in a data directory, an HTTP
 * API in front of it (cube queries, alerts, topology, health, Prometheus metrics, OpenAPI), and by default the
 * synthetic generator feeding it at a steady rate, until stopped with Ctrl-C or SIGTERM, when it stops the feed,
 * drains the engine and journals everything accepted.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the engine as a service: an HTTP API (GET /api/cube, /api/alerts, /api/topology, /health,",
        "/metrics, /openapi.json) in front of an engine fed by the synthetic generator, until Ctrl-C or SIGTERM."})
final class ServeCommand implements Callable<Integer>
{
    static final Path DEFAULT_DATA = Path.of("netpulse-data", "serve");

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Mixin
    FeedEndpoints.Options feeds = new FeedEndpoints.Options();

    @Option(names = "--no-generator", description = "Start with no synthetic input, waiting for feeds " +
        "(the feed port, POST /api/ingest).")
    boolean noGenerator;

    @Option(names = "--topology", paramLabel = "FILE", description = "Topology file loaded at start-up.")
    Path topology;

    @Option(names = "--auto-register", description = "Register elements the topology does not know on first sight.")
    boolean autoRegister;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port; 0 lets the OS choose " +
        "(default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
        description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--http-threads", defaultValue = "32", paramLabel = "N",
        description = "HTTP requests served at once (default: ${DEFAULT-VALUE}).")
    int httpThreads;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory for the journal and alerts " +
        "(default: netpulse-data/serve, replaced on every start; another directory needs --overwrite to replace " +
        "a previous run).")
    Path data = DEFAULT_DATA;

    @Option(names = "--overwrite", description = "Replace a previous run in the data directory.")
    boolean overwrite;

    @Option(names = "--resume", description = "Go on with the run in the data directory: rebuild its state from " +
        "its journal, then append to it (the generator carries on after its last event time).")
    boolean resume;

    @Option(names = "--elements", defaultValue = "10000", description = "Elements in the generated network " +
        "(default: ${DEFAULT-VALUE}).")
    int elements;

    @Option(names = "--rate", defaultValue = "20000", paramLabel = "EVENTS_PER_S",
        description = "Generator rate in events per second; 0 for as fast as the engine takes them " +
            "(default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--lateness", defaultValue = "60s", paramLabel = "DURATION",
        description = "How late an event may be and still count in the cube (default: ${DEFAULT-VALUE}).")
    String lateness;

    @Option(names = "--retain-element", paramLabel = "M,H,D",
        description = "Element cube retention: minutes, hours and days kept (default: 15m,12h,2d).")
    String retainElement;

    @Option(names = "--retain-site", paramLabel = "M,H,D",
        description = "Site cube retention (default: 2h,3d,30d).")
    String retainSite;

    @Option(names = "--retain-region", paramLabel = "M,H,D",
        description = "Region cube retention (default: 6h,7d,90d).")
    String retainRegion;

    private volatile NetpulseService running;
    private volatile Thread shutdownHook;

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final CubeConfig cube = cubeConfig();
        if (rate < 0)
        {
            throw new IllegalArgumentException("--rate must be >= 0: " + rate);
        }
        if (engine.without("cube"))
        {
            throw new IllegalArgumentException("--without cube: serve answers the cube's queries, so it keeps one");
        }
        if (resume && overwrite)
        {
            throw new IllegalArgumentException("--resume goes on with the run in --data; --overwrite replaces it: " +
                "choose one");
        }
        final boolean replacing = overwrite || DEFAULT_DATA.equals(data);
        if (!resume && replacing && Files.isDirectory(DataDirectory.journal(data)))
        {
            // the default directory is replaced even without --overwrite: say so, and how to keep it
            out.printf("netpulse serve: replacing the earlier run in %s (--resume goes on with it)%n", data);
        }
        final Path dataDir = resume ? DataDirectory.resume(data) : DataDirectory.prepare(data, replacing);
        if (resume)
        {
            out.printf("netpulse serve: recovering the run in %s from its journal%n", dataDir);
            out.flush();
        }
        final long recoveryStartNs = System.nanoTime();
        final ProgressBar recovery = new ProgressBar("recovery", "events");
        final EngineBuilder builder = engine.apply(Engine.builder())
            .journalDirectory(DataDirectory.journal(dataDir))
            .recover(resume)
            .recoveryProgress(recovery)
            .alertSink(new NdjsonAlertSink(dataDir.resolve("alerts.ndjson")))
            .autoRegisterElements(autoRegister)
            .topologyFile(topology)
            .cube(cube);

        final NetpulseService service = new NetpulseService(builder, new InetSocketAddress(bind, port), httpThreads);
        final FeedEndpoints endpoints = FeedEndpoints.start(
            service.engine(), null, feeds, TextInputOptions.identities(topology, autoRegister));
        service.http().route("POST", FeedEndpoints.INGEST_PATH, request ->
        {
            final io.netpulse.engine.feed.TextIngest.Result result = endpoints.ingest().ingest(
                new java.io.InputStreamReader(new java.io.ByteArrayInputStream(request.body()),
                    java.nio.charset.StandardCharsets.UTF_8));
            return io.netpulse.app.http.HttpService.Response.json(result.closed() ? 503 : 200,
                IngestHttpHandler.json(result));
        });
        service.metrics().extra(out2 -> FeedMetrics.append(out2, service.engine(), endpoints.feedServer()));
        if (resume)
        {
            recovery.finish();
            out.printf("netpulse serve: recovered %,d events from the journal in %s in %.1f s%n",
                service.engine().recoveredEvents(), DataDirectory.journal(dataDir),
                (System.nanoTime() - recoveryStartNs) / 1e9);
        }
        final GeneratorFeed feed = noGenerator ? null : new GeneratorFeed(
            service.engine().newPublisher("generator"), generatorConfig(service.engine()), rate, 0);
        if (null != feed)
        {
            service.addFeed(feed);
        }
        service.addFeed(endpoints).start();

        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread hook = new Thread(() ->
        {
            service.close();
            out.printf("netpulse serve: stopped; %,d frames offered by the generator, %,d events in the cube, " +
                "journal in %s%n", null == feed ? 0 : feed.frames(), service.engine().cube().stats().eventsApplied(),
                DataDirectory.journal(dataDir));
            out.flush();
            stopped.countDown();
        }, "netpulse-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        shutdownHook = hook;
        running = service;

        out.printf("netpulse serve: listening on http://%s:%d (OpenAPI at /openapi.json); data in %s%n", bind,
            service.port(), dataDir);
        if (null != endpoints.feedServer())
        {
            out.printf("  feed port: %d (frames in, journaled acknowledgements out); POST %s takes NDJSON%n",
                endpoints.feedServer().port(), FeedEndpoints.INGEST_PATH);
        }
        if (null != feed)
        {
            out.printf("  generator: %,d elements at %s; Ctrl-C to stop%n", elements,
                rate > 0 ? String.format("%,.0f events/s", rate) : "full speed");
        }
        else
        {
            out.printf("  no generator: waiting for feeds; Ctrl-C to stop%n");
        }
        out.flush();
        try
        {
            stopped.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            service.close();
        }
        return 0;
    }

    /**
     * The service while it runs, for tests.
     *
     * @return the service, or null before it started.
     */
    NetpulseService running()
    {
        return running;
    }

    /**
     * Stops a running serve as SIGTERM would, for tests and embedding.
     */
    void stop()
    {
        final Thread hook = shutdownHook;
        if (null != hook)
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException alreadyShuttingDown)
            {
                return;
            }
            hook.start();
        }
    }

    /**
     * The generator's network, starting where the recovered events end (a round after the newest), so that a
     * resumed run's new events are not late.
     */
    private GeneratorConfig generatorConfig(final Engine running)
    {
        final GeneratorConfig config = GeneratorConfig.defaults(elements, 0, seed);
        final long newestMs = null == running.cube() ? Long.MIN_VALUE : running.cube().stats().maxEventTimeMs();
        if (running.recoveredEvents() == 0 || newestMs < config.startTimeMs())
        {
            return config;
        }
        final long rounds = (newestMs - config.startTimeMs()) / config.kpiIntervalMs() + 1;
        return config.withStartTimeMs(config.startTimeMs() + rounds * config.kpiIntervalMs());
    }

    private CubeConfig cubeConfig()
    {
        CubeConfig config = CubeConfig.DEFAULTS.withAllowedLatenessMs(CubeConfig.Retention.durationMs(lateness));
        if (null != retainElement)
        {
            config = config.withRetention(Cuboid.ELEMENT, CubeConfig.Retention.parse(retainElement));
        }
        if (null != retainSite)
        {
            config = config.withRetention(Cuboid.SITE, CubeConfig.Retention.parse(retainSite));
        }
        if (null != retainRegion)
        {
            config = config.withRetention(Cuboid.REGION, CubeConfig.Retention.parse(retainRegion));
        }
        return config;
    }
}
