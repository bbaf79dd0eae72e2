/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import com.sun.net.httpserver.HttpServer;
import io.netpulse.codec.text.TextFormatOptions;
import io.netpulse.codec.text.TextIdentities;
import io.netpulse.engine.Engine;
import io.netpulse.engine.feed.TextIngest;
import io.netpulse.engine.feed.tcp.FeedServer;
import io.netpulse.engine.feed.tcp.FeedServerConfig;
import io.netpulse.engine.stage.JournalStage;
import picocli.CommandLine.Option;

import java.util.function.LongSupplier;

/**
 * What {@code netpulse serve} opens for feeds: the TCP feed port ({@code --feed-port}) and
 * {@code POST /api/ingest} on its HTTP server, both publishing into its engine. Close it before the engine.
 */
public final class FeedEndpoints implements AutoCloseable
{
    /** Path of the HTTP ingest endpoint. */
    public static final String INGEST_PATH = "/api/ingest";

    /** Longest an ingest answer waits for the journal. */
    public static final long INGEST_JOURNAL_TIMEOUT_MS = 10_000;

    private final FeedServer feedServer;
    private final TextIngest ingest;

    private FeedEndpoints(final FeedServer feedServer, final TextIngest ingest)
    {
        this.feedServer = feedServer;
        this.ingest = ingest;
    }

    /**
     * The options {@code serve} takes for feeds; add them to the command with {@code @Mixin}.
     */
    public static final class Options
    {
        @Option(names = "--feed-port", paramLabel = "PORT",
            description = "Open the TCP feed port (frames in, journaled acknowledgements out) on this port; " +
                "0 lets the system choose.")
        Integer feedPort;

        @Option(names = "--feed-host", defaultValue = "0.0.0.0", paramLabel = "HOST",
            description = "Address the feed port listens on (default: ${DEFAULT-VALUE}).")
        String feedHost;

        @Option(names = "--feed-max-connections", defaultValue = "256", paramLabel = "N",
            description = "Most feed connections open at once (default: ${DEFAULT-VALUE}).")
        int maxConnections;

        @Option(names = "--feed-idle-timeout-ms", defaultValue = "300000", paramLabel = "MS",
            description = "Close a feed connection that sends nothing for this long; 0 never " +
                "(default: ${DEFAULT-VALUE}).")
        long idleTimeoutMs;

        /**
         * The feed port asked for.
         *
         * @return the port, or null when no feed port is wanted.
         */
        public Integer feedPort()
        {
            return feedPort;
        }
    }

    /**
     * Opens the feed port (when the options ask for one) and adds the ingest endpoint to an HTTP server.
     *
     * @param engine       the running engine.
     * @param http         the HTTP server, not yet started or already serving.
     * @param options      the feed options.
     * @param identities   how names in ingested text become ids (knowing the topology's names; announcing new
     *                     ones when auto-registration is on).
     * @return the endpoints.
     */
    public static FeedEndpoints start(
        final Engine engine, final HttpServer http, final Options options, final TextIdentities identities)
    {
        FeedServer feedServer = null;
        if (null != options.feedPort)
        {
            feedServer = FeedServer.start(engine, new FeedServerConfig()
                .host(options.feedHost)
                .port(options.feedPort)
                .maxConnections(options.maxConnections)
                .idleTimeoutMs(options.idleTimeoutMs));
        }
        final JournalStage journal = engine.journal();
        final LongSupplier durable = null == journal ? () -> Long.MAX_VALUE : journal::durableRingSequence;
        final TextIngest ingest = new TextIngest(engine.newPublisher("http-ingest"),
            new TextFormatOptions().identities(identities), durable, INGEST_JOURNAL_TIMEOUT_MS,
            TextIngest.DEFAULT_MAX_ERRORS);
        if (null != http)
        {
            http.createContext(INGEST_PATH, new IngestHttpHandler(ingest, IngestHttpHandler.DEFAULT_MAX_BODY_BYTES));
        }
        return new FeedEndpoints(feedServer, ingest);
    }

    /**
     * The feed port's server.
     *
     * @return the server, or null when no feed port was asked for.
     */
    public FeedServer feedServer()
    {
        return feedServer;
    }

    /**
     * The ingest logic behind {@code POST /api/ingest}.
     *
     * @return the ingest.
     */
    public TextIngest ingest()
    {
        return ingest;
    }

    /**
     * Closes the feed port; call before closing the engine.
     */
    public void close()
    {
        if (null != feedServer)
        {
            feedServer.close();
        }
    }
}
