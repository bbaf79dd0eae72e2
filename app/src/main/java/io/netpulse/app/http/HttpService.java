/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netpulse.app.JsonWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP face of a netpulse service: the JDK's built-in server with a fixed pool of request threads (so many
 * queries run at once, each on its own thread) and a table of routes. Handlers return a {@link Response} or
 * throw {@link BadRequest} for a 400 that names the parameter; anything else thrown is a 500 and is logged.
 * Routes can be added until {@link #start()}, so feeds and other parts of a service register their own.
 */
public final class HttpService implements AutoCloseable
{
    /** Largest request body read, for ingest routes. */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private static final System.Logger LOGGER = System.getLogger("netpulse.http");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Map<String, Handler>> routes = new LinkedHashMap<>();
    private final List<RequestObserver> observers = new ArrayList<>();
    private boolean started;

    /**
     * Handles one request.
     */
    @FunctionalInterface
    public interface Handler
    {
        /**
         * Answers a request.
         *
         * @param request the request.
         * @return the response.
         * @throws Exception anything but {@link BadRequest} becomes a 500.
         */
        Response handle(Request request) throws Exception;
    }

    /**
     * Told of every request answered: for latency metrics.
     */
    @FunctionalInterface
    public interface RequestObserver
    {
        /**
         * One request answered.
         *
         * @param route   the route's path, or "unmatched".
         * @param status  the status sent.
         * @param elapsedNanos time from receipt to the response written.
         */
        void onRequest(String route, int status, long elapsedNanos);
    }

    /**
     * A request.
     *
     * @param method the HTTP method.
     * @param path   the path.
     * @param params query parameters, decoded, each with every value given in order.
     * @param body   the body (empty for GET).
     */
    public record Request(String method, String path, Map<String, List<String>> params, byte[] body)
    {
        /**
         * The single value of a parameter.
         *
         * @param name of the parameter.
         * @return the value, or null when absent.
         * @throws BadRequest when given more than once.
         */
        public String param(final String name)
        {
            final List<String> values = params.get(name);
            if (null == values || values.isEmpty())
            {
                return null;
            }
            if (values.size() > 1)
            {
                throw new BadRequest(name, "give " + name + " once, not " + values.size() + " times");
            }
            return values.get(0);
        }
    }

    /**
     * A response.
     *
     * @param status      the status code.
     * @param contentType the body's type.
     * @param body        the body.
     */
    public record Response(int status, String contentType, byte[] body)
    {
        /**
         * A JSON response.
         *
         * @param status the status code.
         * @param json   the body.
         * @return the response.
         */
        public static Response json(final int status, final String json)
        {
            return new Response(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * A plain text response.
         *
         * @param status      the status code.
         * @param contentType the type.
         * @param text        the body.
         * @return the response.
         */
        public static Response text(final int status, final String contentType, final String text)
        {
            return new Response(status, contentType, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * A service bound to an address, not yet started.
     *
     * @param address        to listen on; port 0 lets the OS choose.
     * @param requestThreads requests served at once.
     */
    public HttpService(final InetSocketAddress address, final int requestThreads)
    {
        if (requestThreads < 1)
        {
            throw new IllegalArgumentException("requestThreads must be >= 1: " + requestThreads);
        }
        try
        {
            server = HttpServer.create(address, 256);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot listen on " + address + ": " + ex.getMessage(), ex);
        }
        final AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(requestThreads, runnable ->
        {
            final Thread thread = new Thread(runnable, "netpulse-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    /**
     * Adds a route.
     *
     * @param method  the HTTP method, e.g. GET.
     * @param path    the exact path, e.g. /api/cube.
     * @param handler answers it.
     * @return this.
     */
    public synchronized HttpService route(final String method, final String path, final Handler handler)
    {
        if (started)
        {
            throw new IllegalStateException("routes are added before start");
        }
        routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, handler);
        return this;
    }

    /**
     * Adds an observer of every request.
     *
     * @param observer the observer.
     * @return this.
     */
    public synchronized HttpService observe(final RequestObserver observer)
    {
        observers.add(observer);
        return this;
    }

    /**
     * The routes, path to methods.
     *
     * @return an unmodifiable view.
     */
    public synchronized Map<String, List<String>> routes()
    {
        final Map<String, List<String>> view = new LinkedHashMap<>();
        routes.forEach((path, methods) -> view.put(path, List.copyOf(methods.keySet())));
        return Collections.unmodifiableMap(view);
    }

    /**
     * Starts serving.
     *
     * @return this.
     */
    public synchronized HttpService start()
    {
        started = true;
        server.start();
        return this;
    }

    /**
     * The port it listens on (the one chosen when bound to 0).
     *
     * @return the port.
     */
    public int port()
    {
        return server.getAddress().getPort();
    }

    private void dispatch(final HttpExchange exchange)
    {
        final long startNs = System.nanoTime();
        final String path = exchange.getRequestURI().getPath();
        final String method = exchange.getRequestMethod();
        String route = "unmatched";
        Response response;
        try
        {
            final Map<String, Handler> methods;
            synchronized (this)
            {
                methods = routes.get(path);
            }
            if (null == methods)
            {
                response = error(404, null, "no such path: " + path + "; see /openapi.json");
            }
            else
            {
                route = path;
                final Handler handler = methods.get(method);
                if (null == handler)
                {
                    exchange.getResponseHeaders().add("Allow", String.join(", ", methods.keySet()));
                    response = error(405, null, method + " is not allowed on " + path + "; allowed: " +
                        String.join(", ", methods.keySet()));
                }
                else
                {
                    final Request request = new Request(method, path, params(exchange.getRequestURI().getRawQuery()),
                        body(exchange));
                    response = handler.handle(request);
                }
            }
        }
        catch (final BadRequest ex)
        {
            response = error(400, ex.parameter(), ex.getMessage());
        }
        catch (final Throwable ex)
        {
            LOGGER.log(System.Logger.Level.ERROR, "request " + method + " " + path + " failed", ex);
            response = error(500, null, "internal error: " + ex);
        }
        send(exchange, response);
        final long elapsedNs = System.nanoTime() - startNs;
        for (final RequestObserver observer : observers)
        {
            observer.onRequest(route, response.status(), elapsedNs);
        }
    }

    private static Response error(final int status, final String parameter, final String message)
    {
        final JsonWriter json = new JsonWriter().beginObject().field("status", status);
        if (null != parameter)
        {
            json.field("parameter", parameter);
        }
        return Response.json(status, json.field("error", message).endObject().toString());
    }

    private static byte[] body(final HttpExchange exchange) throws IOException
    {
        try (InputStream in = exchange.getRequestBody())
        {
            final byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES)
            {
                throw new BadRequest(null, "request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }

    /**
     * Decodes a raw query string into parameters.
     *
     * @param rawQuery the query, still percent-encoded, or null.
     * @return name to values.
     * @throws BadRequest when it cannot be decoded.
     */
    static Map<String, List<String>> params(final String rawQuery)
    {
        final Map<String, List<String>> params = new LinkedHashMap<>();
        if (null == rawQuery || rawQuery.isEmpty())
        {
            return params;
        }
        for (final String pair : rawQuery.split("&"))
        {
            if (pair.isEmpty())
            {
                continue;
            }
            final int equals = pair.indexOf('=');
            final String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            final String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(final String text)
    {
        try
        {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new BadRequest(null, "malformed query string: " + ex.getMessage());
        }
    }

    private static void send(final HttpExchange exchange, final Response response)
    {
        try (exchange)
        {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            final byte[] body = response.body();
            final boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.status(), head || body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0)
            {
                try (OutputStream out = exchange.getResponseBody())
                {
                    out.write(body);
                }
            }
        }
        catch (final IOException ex)
        {
            // The client went away; nothing to tell it.
            LOGGER.log(System.Logger.Level.DEBUG, "response not sent: " + ex.getMessage());
        }
    }

    /**
     * Stops listening, lets requests in progress finish for up to a second, and stops the request threads.
     */
    public void close()
    {
        server.stop(1);
        executor.shutdown();
        try
        {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
