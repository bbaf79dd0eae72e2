/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code netpulse query}: asks a running {@code netpulse serve} a cube question and prints the answer as a
 * table. Parameters are those of {@code GET /api/cube}, as {@code name=value} words.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
    description = {"Ask a running 'netpulse serve' a cube query and print a table. Parameters are those of",
        "GET /api/cube, e.g.: netpulse query groupBy=region metric=cdr.setup_ms measures=count,mean,p99 last=1h"})
final class QueryCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Host of the service " +
        "(default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port of the service (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--json", description = "Print the service's JSON answer as it is.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
        description = "How long to wait for the answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Parameters(paramLabel = "NAME=VALUE", arity = "0..*",
        description = "Query parameters: groupBy, region, site, element, service, class, vendor, metric, from, to, " +
            "last, wholeHours, granularity, measures, order, limit, compareFrom, compareTo.")
    List<String> parameters = new ArrayList<>();

    /**
     * {@inheritDoc}
     */
    public Integer call() throws IOException, InterruptedException
    {
        final StringBuilder query = new StringBuilder();
        for (final String parameter : parameters)
        {
            final int equals = parameter.indexOf('=');
            if (equals <= 0)
            {
                throw new IllegalArgumentException("parameter '" + parameter + "': expected NAME=VALUE, " +
                    "e.g. groupBy=region");
            }
            query.append(query.length() == 0 ? "?" : "&")
                .append(URLEncoder.encode(parameter.substring(0, equals), StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(parameter.substring(equals + 1), StandardCharsets.UTF_8));
        }
        final URI uri = URI.create("http://" + host + ":" + port + "/api/cube" + query);
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
        final HttpResponse<String> response;
        try
        {
            response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(timeoutSeconds)).GET()
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new IOException("cannot reach netpulse serve at " + host + ":" + port + " (" + ex + ")", ex);
        }
        final PrintWriter out = spec.commandLine().getOut();
        if (response.statusCode() != 200)
        {
            final Object error = JsonReader.parse(response.body());
            final String message = error instanceof Map ? String.valueOf(((Map<?, ?>)error).get("error")) :
                response.body();
            spec.commandLine().getErr().println("netpulse query: " + response.statusCode() + ": " + message);
            spec.commandLine().getErr().flush();
            return response.statusCode() == 400 ? 2 : 1;
        }
        if (json)
        {
            out.println(response.body());
        }
        else
        {
            out.print(table((Map<?, ?>)JsonReader.parse(response.body())));
        }
        out.flush();
        return 0;
    }

    /**
     * Formats an /api/cube answer as a text table, one column per grouped dimension and measure.
     *
     * @param answer the parsed answer.
     * @return the table, with a summary line.
     */
    static String table(final Map<?, ?> answer)
    {
        final List<String> columns = new ArrayList<>();
        for (final Object dimension : (List<?>)answer.get("groupBy"))
        {
            columns.add(String.valueOf(dimension));
        }
        final int dimensions = columns.size();
        for (final Object measure : (List<?>)answer.get("measures"))
        {
            columns.add(String.valueOf(measure));
        }
        final List<String[]> cells = new ArrayList<>();
        cells.add(columns.toArray(new String[0]));
        for (final Object rowObject : (List<?>)answer.get("rows"))
        {
            final Map<?, ?> row = (Map<?, ?>)rowObject;
            final String[] line = new String[columns.size()];
            for (int c = 0; c < columns.size(); c++)
            {
                line[c] = format(row.get(columns.get(c)));
            }
            cells.add(line);
        }
        final int[] widths = new int[columns.size()];
        for (final String[] line : cells)
        {
            for (int c = 0; c < line.length; c++)
            {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        final StringBuilder out = new StringBuilder();
        for (final String[] line : cells)
        {
            for (int c = 0; c < line.length; c++)
            {
                final String pad = " ".repeat(widths[c] - line[c].length());
                out.append(c > 0 ? "  " : "").append(c < dimensions ? line[c] + pad : pad + line[c]);
            }
            out.append(System.lineSeparator());
        }
        out.append(Boolean.TRUE.equals(answer.get("cached")) ?
            String.format(Locale.ROOT, "%d of %s groups from the %s cuboid, kept from an earlier answer, %s us%n",
                cells.size() - 1, format(answer.get("totalGroups")), answer.get("cuboid"),
                format(answer.get("elapsedMicros"))) :
            String.format(Locale.ROOT, "%d of %s groups from the %s cuboid, %s cells in %s buckets, %s us%n",
                cells.size() - 1, format(answer.get("totalGroups")), answer.get("cuboid"),
                format(answer.get("cellsScanned")), format(answer.get("bucketsScanned")),
                format(answer.get("elapsedMicros"))));
        return out.toString();
    }

    private static String format(final Object value)
    {
        if (null == value)
        {
            return "-";
        }
        if (value instanceof Double)
        {
            final double number = (Double)value;
            if (number == Math.rint(number) && Math.abs(number) < 1e15)
            {
                return String.format(Locale.ROOT, "%,d", (long)number);
            }
            return Math.abs(number) >= 100 ? String.format(Locale.ROOT, "%,.1f", number) :
                String.format(Locale.ROOT, "%.4g", number);
        }
        return String.valueOf(value);
    }
}
