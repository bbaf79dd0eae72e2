/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.sbe.MessageHeaderDecoder;
import io.netpulse.codec.sbe.MetricDefinitionDecoder;
import io.netpulse.engine.Engine;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.engine.window.DecayFunction;
import io.netpulse.engine.window.Decays;
import io.netpulse.engine.window.Durations;
import io.netpulse.engine.window.WindowAggregate;
import io.netpulse.engine.window.WindowBuckets;
import io.netpulse.engine.window.WindowGroup;
import io.netpulse.engine.window.WindowReader;
import io.netpulse.engine.window.Watermarks;
import io.netpulse.journal.InputJournalReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code netpulse window}: shows one series' window buckets and a decayed aggregate over them, for an element or
 * any node of the hierarchy, rebuilt by replaying a run's journal into a fresh engine. A user checks a series
 * without writing Java.
 */
@Command(name = "window", mixinStandardHelpOptions = true,
    description = {"Show a series' window buckets (count, mean, min, max, standard deviation) and a decayed",
        "aggregate over them, for an element, a site, a region or the network (--node 0), rebuilt by replaying a",
        "run's journal. The engine options (--windows, --allowed-lateness, ...) must match the run's."})
final class WindowCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory of the run (default: netpulse-data/demo).")
    Path data = DemoCommand.DEFAULT_DATA;

    @Option(names = "--node", required = true, paramLabel = "ID",
        description = "Global id of an element, site or region; 0 or 'network' for the whole network.")
    String node;

    @Option(names = "--metric", required = true, paramLabel = "METRIC",
        description = "Metric id, or its name from the journal's metric definitions (e.g. traffic_mbps).")
    String metric;

    @Option(names = "--resolution", defaultValue = "1m", paramLabel = "DURATION",
        description = "Bucket width, one of the spec's resolutions (default: ${DEFAULT-VALUE}).")
    String resolution;

    @Option(names = "--last", defaultValue = "1h", paramLabel = "DURATION",
        description = "How far back from the watermark to show (default: ${DEFAULT-VALUE}).")
    String last;

    @Option(names = "--decay", defaultValue = "none", paramLabel = "DECAY",
        description = "Weights of the aggregate: none, exp:HALF_LIFE, linear:SPAN or step:STEP:FACTOR " +
            "(default: ${DEFAULT-VALUE}).")
    String decay;

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        final Path journal = DataDirectory.journal(data).resolve("input");
        if (!Files.isDirectory(journal))
        {
            throw new IllegalArgumentException("no journal in " + data + " (run 'netpulse demo' or 'netpulse run' first)");
        }
        final long nodeId = "network".equalsIgnoreCase(node.trim()) ? 0 : parseId(node, "--node");
        final long resolutionMs = Durations.parseMs(resolution);
        final long lastMs = Durations.parseMs(last);
        final DecayFunction weights = Decays.parse(decay);

        final Engine running = engine.apply(Engine.builder()).singlePublisher(true).build();
        final WindowGroup windows = running.windows();
        if (null == windows)
        {
            running.close();
            throw new IllegalArgumentException("the engine keeps no windows (--windows none or --without windows)");
        }
        final Map<String, Integer> metricIds = new HashMap<>();
        try (running)
        {
            replay(journal, running.newPublisher("replay"), metricIds);
        }

        final int metricId = metricIds.containsKey(metric) ? metricIds.get(metric) : parseMetric(metric, metricIds);
        final WindowReader reader = windows.newReader();
        final long watermarkMs = reader.watermarkMs();
        if (Watermarks.NO_WATERMARK == watermarkMs)
        {
            throw new IllegalArgumentException("the journal in " + data + " holds no data events");
        }
        final long toMs = (Math.floorDiv(watermarkMs, resolutionMs) + 1) * resolutionMs;
        final long fromMs = toMs - Math.max(resolutionMs, lastMs);
        final WindowBuckets buckets = new WindowBuckets((int)Math.min(100_000, (toMs - fromMs) / resolutionMs + 1));
        if (!reader.buckets(nodeId, metricId, resolutionMs, fromMs, toMs, buckets))
        {
            throw new IllegalArgumentException("no " + Durations.format(resolutionMs) + " windows of metric " + metric +
                " for node " + node + " (check --node, --metric, and that --resolution is in --windows " +
                engine.windows + ")");
        }
        final WindowAggregate aggregate = new WindowAggregate();
        reader.aggregate(nodeId, metricId, resolutionMs, fromMs, toMs, watermarkMs, weights, aggregate);

        final PrintWriter out = spec.commandLine().getOut();
        out.print(engine.json ? json(nodeId, metricId, watermarkMs, buckets, aggregate, weights) + System.lineSeparator() :
            table(nodeId, metricId, watermarkMs, buckets, aggregate, weights));
        out.flush();
        return 0;
    }

    private static void replay(final Path journal, final EventPublisher publisher, final Map<String, Integer> metricIds)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final MetricDefinitionDecoder definition = new MetricDefinitionDecoder();
        try (InputJournalReader reader = new InputJournalReader(journal))
        {
            reader.read(0, reader.endSequence(), (sequence, sourceId, buffer, offset, length) ->
            {
                if (buffer.getShort(offset + FrameDescriptor.MESSAGE_HEADER_OFFSET + 2, ByteOrder.LITTLE_ENDIAN) ==
                    MetricDefinitionDecoder.TEMPLATE_ID)
                {
                    header.wrap(buffer, offset + FrameDescriptor.MESSAGE_HEADER_OFFSET);
                    definition.wrap(buffer, offset + FrameDescriptor.BODY_OFFSET, header.blockLength(), header.version());
                    final int id = definition.metricId();
                    metricIds.put(definition.name(), id);
                }
                return publisher.publishAs(sourceId, buffer, offset, length) != EventPublisher.CLOSED;
            });
        }
    }

    private static long parseId(final String text, final String option)
    {
        try
        {
            return Long.parseLong(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(option + " " + text + ": expected a number", ex);
        }
    }

    private static int parseMetric(final String text, final Map<String, Integer> known)
    {
        try
        {
            return Integer.parseInt(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("--metric " + text + ": not a metric id, nor a name the journal " +
                "defines " + known.keySet(), ex);
        }
    }

    private String table(
        final long nodeId,
        final int metricId,
        final long watermarkMs,
        final WindowBuckets buckets,
        final WindowAggregate aggregate,
        final DecayFunction weights)
    {
        final StringBuilder out = new StringBuilder(4096);
        out.append(String.format(Locale.ROOT, "netpulse window: %s, metric %s, %s buckets, watermark %s%n",
            0 == nodeId ? "network" : "node " + nodeId, metric, Durations.format(buckets.resolutionMs()),
            Instant.ofEpochMilli(watermarkMs)));
        out.append(String.format(Locale.ROOT, "  %-22s %8s %14s %14s %14s %14s  %s%n",
            "start", "count", "mean", "min", "max", "stddev", "state"));
        for (int i = 0; i < buckets.size(); i++)
        {
            if (0 == buckets.count(i))
            {
                out.append(String.format(Locale.ROOT, "  %-22s %8s %14s %14s %14s %14s  %s%n",
                    Instant.ofEpochMilli(buckets.startMs(i)), 0, "no data", "", "", "",
                    buckets.closed(i) ? "closed" : "open"));
                continue;
            }
            out.append(String.format(Locale.ROOT, "  %-22s %8d %14.4f %14.4f %14.4f %14s  %s%n",
                Instant.ofEpochMilli(buckets.startMs(i)), buckets.count(i), buckets.mean(i), buckets.min(i),
                buckets.max(i), number(Math.sqrt(buckets.variance(i))), buckets.closed(i) ? "closed" : "open"));
        }
        out.append(String.format(Locale.ROOT, "  aggregate (%s, at the watermark): count %s mean %s stddev %s " +
            "min %s max %s%n", weights, number(aggregate.count()), number(aggregate.mean()),
            number(aggregate.standardDeviation()), number(aggregate.min()), number(aggregate.max())));
        if (!Double.isNaN(buckets.ewma()))
        {
            out.append(String.format(Locale.ROOT, "  ewma      %s at %s (half-life %s)%n", number(buckets.ewma()),
                Instant.ofEpochMilli(buckets.ewmaTimeMs()), engine.ewmaHalfLife));
        }
        return out.toString();
    }

    private static String number(final double value)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "-";
    }

    private String json(
        final long nodeId,
        final int metricId,
        final long watermarkMs,
        final WindowBuckets buckets,
        final WindowAggregate aggregate,
        final DecayFunction weights)
    {
        final JsonWriter json = new JsonWriter().beginObject()
            .field("command", "window")
            .field("node", nodeId)
            .field("metricId", metricId)
            .field("resolutionMs", buckets.resolutionMs())
            .field("watermarkMs", watermarkMs)
            .field("truncated", buckets.truncated());
        json.name("buckets").beginArray();
        for (int i = 0; i < buckets.size(); i++)
        {
            json.beginObject()
                .field("startMs", buckets.startMs(i))
                .field("count", buckets.count(i))
                .field("sum", buckets.sum(i))
                .field("mean", buckets.mean(i))
                .field("min", buckets.min(i))
                .field("max", buckets.max(i))
                .field("variance", buckets.variance(i))
                .field("closed", buckets.closed(i))
                .endObject();
        }
        json.endArray();
        json.name("aggregate").beginObject()
            .field("decay", weights.toString())
            .field("count", aggregate.count())
            .field("sum", aggregate.sum())
            .field("mean", aggregate.mean())
            .field("variance", aggregate.variance())
            .field("min", aggregate.min())
            .field("max", aggregate.max())
            .endObject();
        json.field("ewma", buckets.ewma());
        if (Long.MIN_VALUE != buckets.ewmaTimeMs())
        {
            json.field("ewmaTimeMs", buckets.ewmaTimeMs());
        }
        return json.endObject().toString();
    }
}
