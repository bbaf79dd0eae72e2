/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.netpulse.engine.feed.TextIngest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /api/ingest} on the JDK's HTTP server: the body is an NDJSON batch (one event per line, any type;
 * see {@link io.netpulse.codec.text.NdjsonEventReader}); the answer is JSON with the counts and a per-line
 * error list:
 * <pre>
 * {"lines":5,"accepted":3,"rejected":2,"journaled":true,
 *  "errors":[{"line":2,"column":57,"reason":"malformed_record","message":"value: not a number"}, ...],
 *  "errorsTruncated":false}
 * </pre>
 * 200 when the batch was read (whatever was refused in it), 405 for another method, 413 for a body over the
 * limit (nothing of it is taken), 503 once the engine is closing. The batch streams through with constant
 * memory; the answer comes once the accepted lines are journaled ({@code "journaled":false} if that took longer
 * than the ingest's timeout).
 */
public final class IngestHttpHandler implements HttpHandler
{
    /** Default largest body accepted. */
    public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;

    private final TextIngest ingest;
    private final long maxBodyBytes;

    /**
     * A handler.
     *
     * @param ingest       does the work.
     * @param maxBodyBytes largest body accepted.
     */
    public IngestHttpHandler(final TextIngest ingest, final long maxBodyBytes)
    {
        this.ingest = ingest;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * {@inheritDoc}
     */
    public void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            if (!"POST".equals(exchange.getRequestMethod()))
            {
                exchange.getResponseHeaders().set("Allow", "POST");
                respond(exchange, 405, error("POST an NDJSON batch, one event per line"));
                return;
            }
            final String declared = exchange.getRequestHeaders().getFirst("Content-Length");
            if (null != declared && parseLength(declared) > maxBodyBytes)
            {
                respond(exchange, 413, error("body larger than " + maxBodyBytes + " bytes"));
                return;
            }
            final LimitedInputStream body = new LimitedInputStream(exchange.getRequestBody(), maxBodyBytes);
            final TextIngest.Result result;
            try
            {
                result = ingest.ingest(TextInputOptions.reader(body));
            }
            catch (final BodyTooLarge ex)
            {
                respond(exchange, 413, error("body larger than " + maxBodyBytes + " bytes; lines before the " +
                    "limit may have been taken"));
                return;
            }
            respond(exchange, result.closed() ? 503 : 200, json(result));
        }
    }

    /**
     * The answer as JSON, for HTTP layers other than this handler to send.
     *
     * @param result of a batch.
     * @return the JSON text.
     */
    public static String json(final TextIngest.Result result)
    {
        final JsonWriter json = new JsonWriter().beginObject()
            .field("lines", result.lines())
            .field("accepted", result.accepted())
            .field("rejected", result.rejected())
            .field("journaled", result.journaled());
        if (result.closed())
        {
            json.field("error", "the engine is closing; nothing more is taken");
        }
        json.name("errors").beginArray();
        for (final TextIngest.LineError error : result.errors())
        {
            json.beginObject()
                .field("line", error.line())
                .field("column", error.column())
                .field("reason", error.reason())
                .field("message", error.message())
                .endObject();
        }
        return json.endArray().field("errorsTruncated", result.errorsTruncated()).endObject().toString();
    }

    private static String error(final String message)
    {
        return new JsonWriter().beginObject().field("error", message).endObject().toString();
    }

    private static long parseLength(final String value)
    {
        try
        {
            return Long.parseLong(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private static void respond(final HttpExchange exchange, final int status, final String body) throws IOException
    {
        final byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }

    /** Thrown through the reader when the body passes the limit. */
    private static final class BodyTooLarge extends java.io.UncheckedIOException
    {
        private static final long serialVersionUID = 1L;

        BodyTooLarge()
        {
            super(new IOException("body too large"));
        }
    }

    /**
     * Stops a body at the limit.
     */
    private static final class LimitedInputStream extends FilterInputStream
    {
        private final long limit;
        private long read;

        LimitedInputStream(final InputStream in, final long limit)
        {
            super(in);
            this.limit = limit;
        }

        public int read() throws IOException
        {
            final int b = super.read();
            if (b >= 0 && ++read > limit)
            {
                throw new BodyTooLarge();
            }
            return b;
        }

        public int read(final byte[] buffer, final int offset, final int length) throws IOException
        {
            final int count = super.read(buffer, offset, length);
            if (count > 0 && (read += count) > limit)
            {
                throw new BodyTooLarge();
            }
            return count;
        }
    }
}
