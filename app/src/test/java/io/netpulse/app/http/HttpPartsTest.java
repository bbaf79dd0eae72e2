/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app.http;

import io.netpulse.app.JsonReader;
import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.engine.Engine;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.engine.stage.Stage;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP service's edges (HEAD, errors, large bodies, late routes), health verdicts that degrade for the
 * reasons they name, and the JSON reader the command line uses.
 */
class HttpPartsTest
{
    @Test
    void shouldServeHeadRefuseLateRoutesAndTurnFailuresInto500s() throws Exception
    {
        final HttpService http = new HttpService(new InetSocketAddress("127.0.0.1", 0), 2);
        final int[] observed = new int[1];
        http.route("GET", "/boom", request ->
        {
            throw new IllegalStateException("boom");
        }).route("GET", "/ok", request -> HttpService.Response.json(200, "{\"ok\":true}"))
            .route("POST", "/echo", request -> HttpService.Response.text(200, "text/plain", request.body().length +
                " " + request.param("n") + " " + request.param("missing")))
            .observe((route, status, nanos) -> observed[0]++)
            .start();
        try
        {
            assertThrows(IllegalStateException.class, () -> http.route("GET", "/late", request -> null));
            final HttpClient client = HttpClient.newHttpClient();
            final String base = "http://127.0.0.1:" + http.port();
            final HttpResponse<String> boom = client.send(HttpRequest.newBuilder(URI.create(base + "/boom")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(500, boom.statusCode());
            assertTrue(boom.body().contains("boom"));
            final HttpResponse<String> head = client.send(HttpRequest.newBuilder(URI.create(base + "/ok"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, head.statusCode());
            final HttpResponse<String> echo = client.send(HttpRequest.newBuilder(URI.create(base + "/echo?n=a%20b&&x"))
                .POST(HttpRequest.BodyPublishers.ofString("12345")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("5 a b null", echo.body());
            final HttpResponse<String> huge = client.send(HttpRequest.newBuilder(URI.create(base + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[HttpService.MAX_BODY_BYTES + 1])).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(400, huge.statusCode());
            assertTrue(observed[0] >= 4);
            assertEquals(List.of("GET"), http.routes().get("/ok"));
        }
        finally
        {
            http.close();
        }
        assertThrows(IllegalArgumentException.class, () -> new HttpService(new InetSocketAddress(0), 0));
        assertEquals(Map.of("a", List.of("1", "2"), "b", List.of("")), HttpService.params("a=1&b&a=2"));
        assertTrue(HttpService.params(null).isEmpty());
    }

    @Test
    void shouldDegradeForRejectedInputStageErrorsAndShutdown()
    {
        final Engine engine = Engine.builder().stage(context -> new Stage()
        {
            public String name()
            {
                return "faulty";
            }

            public void onEvent(final io.netpulse.engine.ring.NetworkEvent event, final long sequence,
                final boolean endOfBatch)
            {
                throw new IllegalStateException("faulty stage");
            }
        }).build();
        final HealthMonitor health = new HealthMonitor(engine);
        assertTrue(health.evaluate().ok(), health.evaluate().reasons().toString());

        final EventPublisher publisher = engine.newPublisher("test");
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);
        final int length = new EventFrameEncoder().kpiSample(frame, 0, 1_767_571_200_000L, 1, 1, 1.0, 0);
        frame.putByte(FrameDescriptor.BODY_OFFSET, (byte)(frame.getByte(FrameDescriptor.BODY_OFFSET) ^ 1));
        for (int i = 0; i < 10; i++)
        {
            publisher.publish(frame, 0, length);
        }
        final HealthMonitor.Health degraded = health.evaluate();
        assertFalse(degraded.ok());
        assertTrue(degraded.reasons().get(0).startsWith("rejected rate"), degraded.reasons().toString());
        assertEquals(10, degraded.rejected());

        final EngineMetrics metrics = new EngineMetrics(engine, null);
        assertTrue(metrics.scrape().contains("netpulse_events_rejected_total{reason=\"bad_checksum\"} 10"),
            metrics.scrape());
        assertTrue(metrics.contentType().startsWith("text/plain"));
        engine.close();
        final HealthMonitor.Health closing = health.evaluate();
        assertTrue(closing.reasons().contains("the engine is shutting down"), closing.reasons().toString());
        for (int i = 0; i < 5; i++)
        {
            health.sample();
        }
    }

    @Test
    void jsonReaderReadsWhatTheServiceWritesAndRefusesWhatIsNotJson()
    {
        final Object value = JsonReader.parse(" {\"a\": [1, -2.5e3, true, false, null, \"x\\\"\\\\\\/\\n\\t\\r\\b\\f" +
            "\\u00e9\"], \"b\": {}, \"c\": []} ");
        final Map<?, ?> map = (Map<?, ?>)value;
        final List<?> list = (List<?>)map.get("a");
        assertEquals(1.0, list.get(0));
        assertEquals(-2500.0, list.get(1));
        assertEquals(Boolean.TRUE, list.get(2));
        assertEquals(Boolean.FALSE, list.get(3));
        assertNull(list.get(4));
        assertEquals("x\"\\/\n\t\r\b\f\u00e9", list.get(5));
        assertTrue(((Map<?, ?>)map.get("b")).isEmpty());
        for (final String bad : List.of("", "{", "[1,", "{\"a\" 1}", "tru", "\"open", "1 2", "{\"a\":1,}", "@",
            "\"\\u12\"", "--1", "\"\\"))
        {
            assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(bad), bad);
        }
    }
}
