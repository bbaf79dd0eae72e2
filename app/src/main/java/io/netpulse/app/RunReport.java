/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.app.http.CubeJson;
import io.netpulse.engine.EngineSummary;
import io.netpulse.engine.cube.CubeStats;
import io.netpulse.engine.generator.EventGenerator;
import io.netpulse.engine.stage.StateHash;
import io.netpulse.engine.window.WindowGroup;
import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.Map;

/**
 * The summary printed by {@code demo}, {@code run} and {@code replay}: a readable table by default, one JSON
 * object with {@code --json}.
 */
final class RunReport
{
    private final String command;
    private final EngineSummary summary;
    private final long elapsedNs;
    private final String journal;
    private final EventGenerator generator;
    private final WindowGroup windows;
    private final CubeStats cube;
    private final Map<String, Long> lateBySource;

    /**
     * A report.
     *
     * @param command   the command that ran.
     * @param summary   the engine's summary, read after close.
     * @param elapsedNs from the first event published to the engine drained.
     * @param journal   where the journal is, or null when none was kept.
     * @param generator the generator that made the input, or null.
     */
    RunReport(
        final String command,
        final EngineSummary summary,
        final long elapsedNs,
        final String journal,
        final EventGenerator generator)
    {
        this(command, summary, elapsedNs, journal, generator, null, null, Map.of());
    }

    /**
     * A report with the engine's windows.
     *
     * @param command   the command that ran.
     * @param summary   the engine's summary, read after close.
     * @param elapsedNs from the first event published to the engine drained.
     * @param journal   where the journal is, or null when none was kept.
     * @param generator the generator that made the input, or null.
     * @param windows      the engine's windows, or null when it kept none.
     * @param cube         what the engine's cube holds at the end, or null when it kept none.
     * @param lateBySource late events by source name.
     */
    RunReport(
        final String command,
        final EngineSummary summary,
        final long elapsedNs,
        final String journal,
        final EventGenerator generator,
        final WindowGroup windows,
        final CubeStats cube,
        final Map<String, Long> lateBySource)
    {
        this.windows = windows;
        this.cube = cube;
        this.lateBySource = lateBySource;
        this.command = command;
        this.summary = summary;
        this.elapsedNs = Math.max(1, elapsedNs);
        this.journal = journal;
        this.generator = generator;
    }

    long events()
    {
        return summary.dataEvents();
    }

    double eventsPerSecond()
    {
        return events() * 1e9 / elapsedNs;
    }

    String json()
    {
        final JsonWriter json = new JsonWriter().beginObject()
            .field("command", command)
            .field("threads", summary.threadMode().toString())
            .field("elements", summary.elements())
            .field("events", events())
            .field("eventsPerSecond", Math.round(eventsPerSecond()))
            .field("elapsedMs", elapsedNs / 1_000_000.0)
            .field("published", summary.published())
            .field("eventsByType", summary.eventsByType());
        latency(json.name("latencyNanos"), summary.latency());
        latency(json.name("alertLatencyNanos"), summary.alertLatency());
        json.name("rejected").beginObject()
            .field("total", summary.rejectedTotal())
            .field("byReason", summary.rejected())
            .endObject()
            .field("unknownElement", summary.unknownElement())
            .field("lateEvents", summary.lateEvents())
            .field("lateBySource", lateBySource)
            .field("journaled", summary.journaled())
            .field("journalBytes", summary.journalBytes())
            .field("journalBytesPerEvent", summary.journaled() > 0 ?
                (double)summary.journalBytes() / summary.journaled() : 0.0)
            .field("journal", journal)
            .field("alerts", summary.alerts())
            .field("alertsByKind", summary.alertsByKind())
            .field("stageErrors", summary.stageErrors());
        if (null != windows)
        {
            json.name("windows").beginObject()
                .field("series", windows.series())
                .field("samples", windows.samples())
                .field("allocatedBytes", windows.allocatedBytes())
                .field("bytesPerSeries", windows.bytesPerDefaultSeries())
                .field("watermarkMs", windows.watermarkMs())
                .field("dataGapsRaised", windows.gapsRaised())
                .field("dataGapsCleared", windows.gapsCleared())
                .endObject();
        }
        if (null != cube)
        {
            CubeJson.contents(json.name("cube").beginObject(), cube)
                .field("rollups", cube.rollups())
                .field("publications", cube.publications())
                .field("cellsPublished", cube.cellsPublished())
                .field("maintenanceWaits", cube.maintenanceWaits())
                .field("blocksAllocated", cube.blocksAllocated())
                .field("blocksRecycled", cube.blocksRecycled())
                .endObject();
        }
        json.field("stateHash", StateHash.format(summary.stateHash()));
        if (null != generator)
        {
            json.name("generator").beginObject()
                .field("validEvents", generator.stats().validData())
                .field("corrupted", generator.stats().corrupted())
                .field("corruptedByReason", generator.stats().corruptedByReason())
                .field("delayed", generator.stats().delayed())
                .field("faults", generator.faults().size())
                .endObject();
        }
        return json.endObject().toString();
    }

    private static void latency(final JsonWriter json, final Histogram histogram)
    {
        json.beginObject()
            .field("count", histogram.getTotalCount())
            .field("p50", histogram.getValueAtPercentile(50))
            .field("p90", histogram.getValueAtPercentile(90))
            .field("p99", histogram.getValueAtPercentile(99))
            .field("p999", histogram.getValueAtPercentile(99.9))
            .field("max", histogram.getMaxValue())
            .field("mean", histogram.getMean())
            .endObject();
    }

    String table()
    {
        final StringBuilder out = new StringBuilder(1024);
        out.append(String.format(Locale.ROOT, "netpulse %s: %,d events in %.2f s = %,.0f events/s (%s, %,d elements)%n",
            command, events(), elapsedNs / 1e9, eventsPerSecond(), summary.threadMode(), summary.elements()));
        final Histogram latency = summary.latency();
        out.append(String.format(Locale.ROOT,
            "  latency   publish to last stage: p50 %s  p99 %s  p99.9 %s  max %s%n",
            duration(latency.getValueAtPercentile(50)), duration(latency.getValueAtPercentile(99)),
            duration(latency.getValueAtPercentile(99.9)), duration(latency.getMaxValue())));
        out.append("  events    ").append(counts(summary.eventsByType())).append('\n');
        out.append(String.format(Locale.ROOT, "  rejected  %,d", summary.rejectedTotal()));
        if (!summary.rejected().isEmpty())
        {
            out.append(" (").append(counts(summary.rejected())).append(')');
        }
        out.append('\n');
        out.append(String.format(Locale.ROOT, "  late      %,d%s    unknown element %,d%n",
            summary.lateEvents(), lateBySource.isEmpty() ? "" : " (" + counts(lateBySource) + ")",
            summary.unknownElement()));
        out.append(String.format(Locale.ROOT, "  alerts    %,d (%s)%n", summary.alerts(), counts(summary.alertsByKind())));
        if (null != journal)
        {
            out.append(String.format(Locale.ROOT, "  journal   %,d events, %s, %.1f bytes/event in %s%n",
                summary.journaled(), bytes(summary.journalBytes()),
                summary.journaled() > 0 ? (double)summary.journalBytes() / summary.journaled() : 0.0, journal));
        }
        if (null != windows)
        {
            out.append(String.format(Locale.ROOT, "  windows   %,d series, %,d samples, %s (%,d bytes a series)%n",
                windows.series(), windows.samples(), bytes(windows.allocatedBytes()), windows.bytesPerDefaultSeries()));
        }
        if (summary.stageErrors() > 0)
        {
            out.append(String.format(Locale.ROOT, "  errors    %,d stage errors (see the log)%n", summary.stageErrors()));
        }
        out.append("  state     ").append(StateHash.format(summary.stateHash())).append('\n');
        return out.toString();
    }

    private static String counts(final Map<String, Long> counts)
    {
        final StringBuilder out = new StringBuilder();
        for (final Map.Entry<String, Long> entry : counts.entrySet())
        {
            if (out.length() > 0)
            {
                out.append(", ");
            }
            out.append(entry.getKey()).append(' ').append(String.format(Locale.ROOT, "%,d", entry.getValue()));
        }
        return out.toString();
    }

    static String duration(final long nanos)
    {
        if (nanos >= 1_000_000_000L)
        {
            return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
        }
        if (nanos >= 1_000_000L)
        {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        if (nanos >= 1_000L)
        {
            return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        }
        return nanos + " ns";
    }

    static String bytes(final long bytes)
    {
        if (bytes >= 1L << 30)
        {
            return String.format(Locale.ROOT, "%.2f GiB", bytes / (double)(1L << 30));
        }
        if (bytes >= 1L << 20)
        {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double)(1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
}
