/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import com.sun.net.httpserver.HttpServer;
import io.netpulse.codec.text.TextIdentities;
import io.netpulse.engine.Engine;
import io.netpulse.engine.ring.EventPublisher;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What serve gets from the feed work, checked the way the acceptance check reads /metrics: garbage on the feed
 * port is refused with reasons while a good feed's events all land.
 */
class FeedEndpointsTest
{
    @TempDir
    Path dir;

    /** Options as serve's command line would set them. */
    @CommandLine.Command(name = "serve")
    static final class Serve
    {
        @CommandLine.Mixin
        FeedEndpoints.Options feeds = new FeedEndpoints.Options();
    }

    private static double sum(final String metrics, final String pattern)
    {
        final Matcher matcher = Pattern.compile(pattern, Pattern.MULTILINE).matcher(metrics);
        double total = 0;
        while (matcher.find())
        {
            total += Double.parseDouble(matcher.group(2));
        }
        return total;
    }

    @Test
    void shouldTakeGarbageAndAGoodFeedAndShowBothInMetrics() throws Exception
    {
        final Path frames = dir.resolve("h-input.bin");
        assertEquals(0, NetpulseCommandTest.run("generate", "--elements", "1000", "--events", "50000", "--seed", "3",
            "--out", frames.toString()).exitCode());

        final Serve serve = new Serve();
        new CommandLine(serve).parseArgs("--feed-port", "0", "--feed-host", "127.0.0.1");
        final Engine engine = Engine.builder().journalDirectory(dir.resolve("journal")).build();
        final HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        final FeedEndpoints feeds = FeedEndpoints.start(engine, http, serve.feeds, new TextIdentities(false));
        http.start();
        try (engine; feeds)
        {
            final int port = feeds.feedServer().port();
            final byte[] garbage = new byte[200_000];
            new Random(3).nextBytes(garbage);
            try (Socket socket = new Socket("127.0.0.1", port))
            {
                final OutputStream out = socket.getOutputStream();
                out.write(garbage);
            }
            final NetpulseCommandTest.Result feed = NetpulseCommandTest.run("feed", "--to", "127.0.0.1:" + port,
                frames.toString());
            assertEquals(0, feed.exitCode(), feed.err());

            final HttpResponse<String> ingest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + http.getAddress().getPort() + FeedEndpoints.INGEST_PATH))
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"kpi\",\"eventTime\":1795428000000," +
                    "\"element\":1000001,\"metric\":1,\"value\":3}\nnope\n")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ingest.statusCode());
            assertTrue(ingest.body().startsWith("{\"lines\":2,\"accepted\":1,\"rejected\":1,"), ingest.body());
            assertEquals(1, feeds.ingest().publisher().accepted());

            final String metrics = FeedMetrics.append(new StringBuilder(), engine, feeds.feedServer()).toString();
            final double accepted = engine.publishers().stream().mapToLong(EventPublisher::accepted).sum();
            final double rejected = sum(metrics, "^(netpulse_\\w*reject\\w*)(?:\\{[^}]*\\})?\\s+([0-9.eE+]+)$");
            assertTrue(rejected >= 1, metrics);
            assertTrue(accepted >= 50_000 * 0.99, metrics);
            assertTrue(metrics.contains("netpulse_source_rejected_total{source=\"http-ingest\",reason=" +
                "\"malformed_record\"} 1"), metrics);
            assertTrue(metrics.contains("netpulse_feed_connections_closed_total{reason=\"closed\"} 1"), metrics);
            assertTrue(metrics.contains("netpulse_dead_letters_written_total "), metrics);
        }
        finally
        {
            http.stop(0);
        }
    }

    @Test
    void shouldOpenNoFeedPortUnlessAskedAndEscapeLabels()
    {
        final Serve serve = new Serve();
        new CommandLine(serve).parseArgs();
        assertNull(serve.feeds.feedPort());
        try (Engine engine = Engine.builder().duplicateHorizonMs(60_000).build();
            FeedEndpoints feeds = FeedEndpoints.start(engine, null, serve.feeds, new TextIdentities(false)))
        {
            assertNull(feeds.feedServer());
            final EventPublisher odd = engine.newPublisher("file:\"odd\\name\nx.csv");
            assertEquals(EventPublisher.REJECTED, odd.publish(new UnsafeBuffer(new byte[8]), 0, 8));
            final String metrics = FeedMetrics.append(new StringBuilder(), engine, null).toString();
            assertTrue(metrics.contains("{source=\"file:\\\"odd\\\\name\\nx.csv\",reason=\"bad_length\"} 1"),
                metrics);
            assertTrue(metrics.contains("# TYPE netpulse_source_duplicates_rejected_total counter"), metrics);
        }
    }
}
