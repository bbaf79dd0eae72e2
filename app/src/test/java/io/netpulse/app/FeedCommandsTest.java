/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import com.sun.net.httpserver.HttpServer;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.text.TextFormatOptions;
import io.netpulse.codec.text.TextIdentities;
import io.netpulse.engine.Engine;
import io.netpulse.engine.EngineSummary;
import io.netpulse.engine.feed.TextIngest;
import io.netpulse.engine.feed.tcp.FeedCloseReason;
import io.netpulse.engine.feed.tcp.FeedServer;
import io.netpulse.engine.feed.tcp.FeedServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commands and handlers for feeds and bad input, end to end: run over text formats, feed to a live feed
 * port, journal inspect and resubmit, and HTTP ingest.
 */
class FeedCommandsTest
{
    @TempDir
    Path dir;

    private static NetpulseCommandTest.Result run(final String... args)
    {
        return NetpulseCommandTest.run(args);
    }

    @Test
    void shouldRunCsvNdjsonAndAsteriskFilesAndReportRejectsByReason() throws Exception
    {
        final Path csv = Files.writeString(dir.resolve("kpis.csv"),
            "eventTime;element;metric;value\n" +
            "2026-11-23 11:00:00;cell-1;cpu;12.5\n" +
            "2026-11-23 11:01:00;cell-1;cpu;NaN\n" +
            "2026-11-23 11:02:00;cell-2;cpu;\"7\"x\n");
        final NetpulseCommandTest.Result kpis = run("run", "--input", csv.toString(), "--format", "csv", "--type",
            "kpi", "--delimiter", ";", "--time-zone", "Europe/Berlin", "--auto-register",
            "--data", dir.resolve("csv").toString(), "--json");
        assertEquals(0, kpis.exitCode(), kpis.err());
        assertEquals("1", kpis.field("events"));
        assertTrue(kpis.out().contains("\"byReason\":{\"value_not_finite\":1,\"malformed_record\":1}"), kpis.out());
        assertTrue(Files.exists(dir.resolve("csv/summary.json")));

        final Path ndjson = Files.writeString(dir.resolve("mixed.ndjson"),
            "{\"type\":\"qos\",\"eventTime\":1795428000000,\"element\":5,\"latencyUs\":900}\n" +
            "{\"type\":\"cdr\",\"eventTime\":1795428000000,\"element\":5,\"cdrId\":1,\"result\":\"busy\"}\n" +
            "{\"type\":\"cdr\",\"eventTime\":1795428000000,\"element\":5,\"cdrId\":1,\"result\":\"busy\"}\n");
        final NetpulseCommandTest.Result mixed = run("run", "--input", ndjson.toString(), "--format", "ndjson",
            "--auto-register", "--data", dir.resolve("ndjson").toString(), "--json");
        assertEquals(0, mixed.exitCode(), mixed.err());
        assertTrue(mixed.out().contains("\"byReason\":{\"duplicate\":1}"), mixed.out());

        final Path master = Files.writeString(dir.resolve("Master.csv"),
            "\"\",\"1001\",\"5551234\",\"from-internal\",\"\"\"Alice, Sales\"\" <1001>\",\"SIP/alice-0000001a\"," +
            "\"SIP/trunk-0000001b\",\"Dial\",\"SIP/trunk/5551234,60\",\"2026-11-23 10:00:00\"," +
            "\"2026-11-23 10:00:07\",\"2026-11-23 10:05:07\",307,300,\"ANSWERED\",\"DOCUMENTATION\"\n" +
            "\"\",\"1002\",\"5559999\",\"from-internal\",\"\",\"SIP/bob-00000003\",,\"Dial\",\"x\"," +
            "\"2026-11-23 10:01:00\",,\"2026-11-23 10:01:30\",30,0,\"NO ANSWER\",\"DOCUMENTATION\"\n");
        final NetpulseCommandTest.Result asterisk = run("run", "--input", master.toString(), "--format",
            "asterisk-cdr", "--auto-register", "--channel-field", "channel", "--data",
            dir.resolve("asterisk").toString(), "--json");
        assertEquals(0, asterisk.exitCode(), asterisk.err());
        assertEquals("2", asterisk.field("events"));
        assertEquals("2", asterisk.field("elements"), "SIP/alice and SIP/bob");

        final NetpulseCommandTest.Result badType = run("run", "--input", csv.toString(), "--format", "csv",
            "--type", "alert", "--data", dir.resolve("x").toString());
        assertEquals(2, badType.exitCode());
        assertTrue(badType.err().contains("--type alert"), badType.err());
        final NetpulseCommandTest.Result badZone = run("run", "--input", csv.toString(), "--format", "csv",
            "--time-zone", "Mars/Olympus", "--data", dir.resolve("y").toString());
        assertEquals(2, badZone.exitCode());
        assertTrue(badZone.err().contains("--time-zone"), badZone.err());
        final NetpulseCommandTest.Result badDelimiter = run("run", "--input", csv.toString(), "--format", "csv",
            "--delimiter", "ab", "--data", dir.resolve("z").toString());
        assertEquals(2, badDelimiter.exitCode());
        final NetpulseCommandTest.Result badPattern = run("run", "--input", csv.toString(), "--format",
            "asterisk-cdr", "--channel-pattern", "(", "--data", dir.resolve("w").toString());
        assertEquals(2, badPattern.exitCode());
        assertTrue(badPattern.err().contains("--channel-pattern"), badPattern.err());
    }

    @Test
    void shouldFeedAFrameFileThroughAFeedPortWhileGarbageArrivesAndResubmitDeadLetters() throws Exception
    {
        final Path frames = dir.resolve("net.frames");
        final NetpulseCommandTest.Result generate = run("generate", "--elements", "200", "--events", "30000",
            "--seed", "3", "--out", frames.toString());
        assertEquals(0, generate.exitCode(), generate.err());

        final Path data = DataDirectory.prepare(dir.resolve("serve"), false);
        final Engine engine = Engine.builder().journalDirectory(DataDirectory.journal(data)).build();
        final FeedServer server = FeedServer.start(engine, new FeedServerConfig().host("127.0.0.1").port(0));
        final String to = "127.0.0.1:" + server.port();
        try (engine; server)
        {
            final byte[] garbage = new byte[200_000];
            new Random(1).nextBytes(garbage);
            try (Socket socket = new Socket("127.0.0.1", server.port()))
            {
                final OutputStream out = socket.getOutputStream();
                out.write(garbage);
                out.flush();
            }

            final NetpulseCommandTest.Result feed = run("feed", "--to", to, frames.toString(), "--json");
            assertEquals(0, feed.exitCode(), feed.err());
            final long accepted = Long.parseLong(feed.field("accepted"));
            assertTrue(accepted >= 30_000, feed.out());
            assertTrue(Long.parseLong(feed.field("rejected")) > 0, "the generator's corrupted frames");
            assertEquals(feed.field("bytesSent"), feed.field("bytesAcknowledged"));
            assertEquals(Files.size(frames), Long.parseLong(feed.field("bytesSent")));

            final NetpulseCommandTest.Result table = run("feed", "--to", to, frames.toString());
            assertEquals(0, table.exitCode(), table.err());
            assertTrue(table.out().contains("all acknowledged"), table.out());

            final Path csv = Files.writeString(dir.resolve("more.csv"),
                "type,eventTime,element,metric,value\nkpi,1795428000000,1000001,1,5\nkpi,1795428000000,1000001," +
                "1,oops\n");
            final NetpulseCommandTest.Result text = run("feed", "--to", to, "--format", "csv", csv.toString());
            assertEquals(0, text.exitCode(), text.err());
            assertTrue(text.err().contains("line 3, column 29: malformed_record: value:"), text.err());
            assertTrue(text.out().contains("1 records refused here"), text.out());
            engine.awaitDrained(10_000);
            // The client is done once its bytes are acknowledged; the server counts the close a moment later.
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.closed(FeedCloseReason.CLOSED) < 3 && System.nanoTime() - deadlineNs < 0)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            assertTrue(server.closed(FeedCloseReason.CLOSED) >= 3, "three finished feeds closed cleanly");
        }
        final EngineSummary summary = engine.summary();
        assertTrue(summary.rejected(RejectReason.BAD_CHECKSUM) > 0);

        final NetpulseCommandTest.Result inspect = run("journal", "inspect", "--data", data.toString());
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(inspect.out().contains("by type       "), inspect.out());
        assertTrue(inspect.out().contains("dead letters  "), inspect.out());

        final NetpulseCommandTest.Result letters = run("journal", "inspect", "--dead-letters", "--data",
            data.toString(), "--limit", "3");
        assertEquals(0, letters.exitCode(), letters.err());
        assertTrue(letters.out().contains("(3 listed; --limit 0 for all)"), letters.out());
        assertTrue(letters.out().contains("by reason  "), letters.out());
        assertTrue(letters.out().contains("tcp:"), letters.out());

        final NetpulseCommandTest.Result checksums = run("journal", "inspect", "--dead-letters", "--data",
            data.toString(), "--reason", "bad_checksum", "--json", "--limit", "0");
        assertEquals(0, checksums.exitCode(), checksums.err());
        final long badChecksums = checksums.out().lines().count();
        assertEquals(summary.rejected(RejectReason.BAD_CHECKSUM), badChecksums);
        assertTrue(checksums.out().contains("\"payloadEncoding\":\"base64\""));

        final NetpulseCommandTest.Result summaryJson = run("journal", "inspect", "--data", data.toString(), "--json");
        assertTrue(summaryJson.out().contains("\"eventsByType\":{"), summaryJson.out());

        final NetpulseCommandTest.Result badReason = run("journal", "inspect", "--dead-letters", "--data",
            data.toString(), "--reason", "boredom");
        assertEquals(2, badReason.exitCode());

        // after a fix (here: none), resubmitting refuses the frames again for the same reasons
        final Engine second = Engine.builder().journalDirectory(dir.resolve("second")).build();
        final FeedServer secondServer = FeedServer.start(second, new FeedServerConfig().host("127.0.0.1").port(0));
        try (second; secondServer)
        {
            final NetpulseCommandTest.Result resubmit = run("journal", "resubmit", "--data", data.toString(),
                "--to", "127.0.0.1:" + secondServer.port(), "--reason", "bad_checksum");
            assertEquals(0, resubmit.exitCode(), resubmit.err());
            assertTrue(resubmit.out().contains(String.format(java.util.Locale.ROOT, "%,d frames", badChecksums)),
                resubmit.out());
            assertTrue(resubmit.out().contains("resume after it with --from"), resubmit.out());

            final Path textRun = dir.resolve("textrun");
            assertEquals(0, run("run", "--input", dir.resolve("more.csv").toString(), "--format", "csv",
                "--data", textRun.toString()).exitCode());
            final NetpulseCommandTest.Result textAgain = run("journal", "resubmit", "--data", textRun.toString(),
                "--to", "127.0.0.1:" + secondServer.port(), "--reason", "malformed_record", "--source", "csv");
            assertEquals(0, textAgain.exitCode(), textAgain.err());
            assertTrue(textAgain.err().contains("still refused: malformed_record: value:"), textAgain.err());
        }
        assertEquals(badChecksums, second.summary().rejected(RejectReason.BAD_CHECKSUM));

        final NetpulseCommandTest.Result refused = run("feed", "--to", "127.0.0.1:" + secondServer.port(),
            frames.toString());
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("cannot connect"), refused.err());
        assertEquals(2, run("feed", "--to", "nohost", frames.toString()).exitCode());
        assertEquals(2, run("feed", "--to", "host:99999", frames.toString()).exitCode());
        assertEquals(2, run("feed", "--to", "host:x", frames.toString()).exitCode());
        assertEquals(2, run("feed", "--to", "[::1]:7", dir.resolve("nope").toString()).exitCode());
        assertEquals(2, run("journal", "resubmit", "--data", dir.resolve("csv").toString(), "--to", to)
            .exitCode());
        assertTrue(run("journal").out().contains("inspect"));
    }

    @Test
    void shouldIngestNdjsonOverHttp() throws Exception
    {
        final Engine engine = Engine.builder().journalDirectory(dir.resolve("journal")).autoRegisterElements(true)
            .build();
        final HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        final TextIngest ingest = new TextIngest(engine.newPublisher("http-ingest"),
            new TextFormatOptions().identities(new TextIdentities(true)), engine.journal()::durableRingSequence,
            10_000, 2);
        http.createContext("/api/ingest", new IngestHttpHandler(ingest, 4096));
        http.start();
        final URI uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/api/ingest");
        final HttpClient client = HttpClient.newHttpClient();
        try (engine)
        {
            final String batch =
                "{\"type\":\"kpi\",\"eventTime\":1795428000000,\"element\":\"cell-1\",\"metric\":3,\"value\":1}\n" +
                "{\"type\":\"kpi\",\"eventTime\":1795428000000,\"element\":\"cell-1\",\"metric\":3}\n" +
                "garbage\n" +
                "{\"type\":\"kpi\",\"eventTime\":1795428000000,\"element\":\"cell-1\",\"metric\":3,\"value\":1e999}\n" +
                "{\"type\":\"qos\",\"eventTime\":1795428000000,\"element\":\"cell-2\",\"jitterUs\":40}\n";
            final HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString(batch)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("{\"lines\":5,\"accepted\":2,\"rejected\":3,\"journaled\":true,\"errors\":[" +
                "{\"line\":2,\"column\":0,\"reason\":\"malformed_record\",\"message\":\"missing value\"}," +
                "{\"line\":3,\"column\":1,\"reason\":\"malformed_record\",\"message\":\"expected '{' at the start " +
                "of the object\"}],\"errorsTruncated\":true}\n", response.body());

            final HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(405, get.statusCode());
            assertEquals("POST", get.headers().firstValue("Allow").orElse(""));

            final HttpResponse<String> big = client.send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(5000))).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(413, big.statusCode());

            final HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                    new java.io.ByteArrayInputStream(batch.repeat(40).getBytes()))).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(413, chunked.statusCode(), "a body without a length is cut at the limit");

            final HttpResponse<String> again = client.send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString(batch)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(again.body().startsWith("{\"lines\":5,\"accepted\":2,"), again.body());
        }
        finally
        {
            http.stop(0);
        }
        assertEquals(6, ingest.publisher().accepted(), "two good lines twice, and cell-1 and cell-2 announced once");
        final HttpResponse<String> closed = closedEngineAnswer(ingest);
        assertEquals(503, closed.statusCode());
        assertTrue(closed.body().contains("closing"), closed.body());
    }

    private HttpResponse<String> closedEngineAnswer(final TextIngest ingest) throws Exception
    {
        final HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/api/ingest", new IngestHttpHandler(ingest, IngestHttpHandler.DEFAULT_MAX_BODY_BYTES));
        http.start();
        try
        {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/api/ingest"))
                .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"type\":\"kpi\",\"eventTime\":1795428000000,\"element\":5,\"metric\":3,\"value\":1}\n"))
                .build(), HttpResponse.BodyHandlers.ofString());
        }
        finally
        {
            http.stop(0);
        }
    }
}
