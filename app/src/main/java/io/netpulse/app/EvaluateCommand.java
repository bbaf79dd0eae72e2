/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.codec.sbe.AlertAction;
import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.engine.Engine;
import io.netpulse.engine.alert.AlertEvent;
import io.netpulse.engine.alert.AlertSink;
import io.netpulse.engine.anomaly.AnomalyConfig;
import io.netpulse.engine.feed.GeneratorFeed;
import io.netpulse.engine.generator.EventGenerator;
import io.netpulse.engine.generator.FaultKind;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.engine.generator.SyntheticNetwork;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.engine.window.Durations;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code netpulse evaluate}: measures detection accuracy. Generates a network with labelled faults (degradations,
 * congestions, outages, data gaps and a regional mass event), runs it through an engine with all its default
 * stages (no journal), gathers the alerts raised, and matches them to the faults by the rules of
 * {@link FaultMatcher}: precision, recall, F1 and detection delays per fault kind and overall, and false alarms
 * per element per day on fault-free series against the target.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Run the generator's labelled faults through the engine and score the alerts against them:",
        "precision, recall, F1, detection delay per fault kind, false alarms per element-day."})
final class EvaluateCommand implements Callable<Integer>
{
    /** False alarms per element per day the detector is configured to aim for, unless told otherwise. */
    static final double DEFAULT_TARGET_FALSE_ALARMS = AnomalyConfig.DEFAULT.targetAlarmsPerElementDay();

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--elements", defaultValue = "500", description = "Network elements (default: ${DEFAULT-VALUE}).")
    int elements;

    @Option(names = "--days", defaultValue = "3", paramLabel = "DAYS",
        description = "Event time the scenario spans, in days; faults start after its first quarter " +
            "(default: ${DEFAULT-VALUE}).")
    double days;

    @Option(names = "--interval", defaultValue = "5m", paramLabel = "DURATION",
        description = "KPI reporting interval of every element and metric (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--faults-per-thousand", defaultValue = "20", paramLabel = "N",
        description = "Degradations and congestions per thousand elements; outages and data gaps half as many; " +
            "one mass event (default: ${DEFAULT-VALUE}).")
    double faultsPerThousand;

    @Option(names = "--slack", defaultValue = "15m", paramLabel = "DURATION",
        description = "How far before a fault's start or after its end an alert still matches it " +
            "(default: ${DEFAULT-VALUE}).")
    String slack;

    @Option(names = "--target-false-alarms", paramLabel = "RATE",
        description = "False alarms per element per day the detector aims at, and the figure to compare with " +
            "(default: the detector's, ${DEFAULT-VALUE}).")
    double targetFalseAlarms = DEFAULT_TARGET_FALSE_ALARMS;

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        final long intervalMs = Durations.parseMs(interval);
        final long slackMs = Durations.parseMs(slack);
        if (days <= 0)
        {
            throw new IllegalArgumentException("--days must be positive: " + days);
        }
        if (engine.without("anomaly"))
        {
            throw new IllegalArgumentException("--without anomaly: evaluate scores the anomaly detector's alerts");
        }
        final GeneratorConfig shape = GeneratorConfig.defaults(elements, 0, seed)
            .withKpiIntervalMs(intervalMs)
            .withFaults(true, faultsPerThousand);
        final long rounds = Math.max(1, Math.round(days * FaultMatcher.DAY_MS / intervalMs));
        final GeneratorConfig config = GeneratorConfig.defaults(elements, (long)(shape.eventsPerRound() * rounds), seed)
            .withKpiIntervalMs(intervalMs)
            .withFaults(true, faultsPerThousand);
        final EventGenerator generator = new EventGenerator(config);

        final List<FaultMatcher.RaisedAlert> alerts = new ArrayList<>();
        final AlertSink collector = (alert) -> collect(alert, alerts);
        final long startNs = System.nanoTime();
        final long frames;
        try (Engine running = engine.apply(Engine.builder())
            .anomaly(AnomalyConfig.DEFAULT.withTarget(
                targetFalseAlarms, AnomalyConfig.DEFAULT.minThreshold(), AnomalyConfig.DEFAULT.maxThreshold()))
            .alertSink(collector).singlePublisher(true).build())
        {
            frames = publish(generator, running.newPublisher("evaluate"));
            running.awaitDrained(Long.MAX_VALUE);
        }
        final long elapsedNs = System.nanoTime() - startNs;

        final SyntheticNetwork network = generator.network();
        final long[] elementIds = new long[network.elements()];
        for (int e = 0; e < elementIds.length; e++)
        {
            elementIds[e] = SyntheticNetwork.elementId(e);
        }
        final FaultMatcher.Result result = FaultMatcher.match(generator.faults(), alerts, elementIds,
            (id) -> regionOf(network, id), config.startTimeMs(), generator.endTimeMs(), slackMs);

        final PrintWriter out = spec.commandLine().getOut();
        final String scenario = String.format(Locale.ROOT,
            "%d elements, %.1f days at %s, seed %d, %s faults per thousand, slack %s: %,d frames in %.1f s",
            elements, (generator.endTimeMs() - config.startTimeMs()) / (double)FaultMatcher.DAY_MS, interval, seed,
            faultsPerThousand, slack, frames, elapsedNs / 1e9);
        if (engine.json)
        {
            out.println(json(result, config, generator, slackMs, frames, elapsedNs));
        }
        else
        {
            out.print(table(result, targetFalseAlarms, scenario));
        }
        out.flush();
        return 0;
    }

    private static long regionOf(final SyntheticNetwork network, final long elementId)
    {
        final long index = elementId - SyntheticNetwork.ELEMENT_ID_BASE - 1;
        return index >= 0 && index < network.elements() ? SyntheticNetwork.regionId(network.regionOf((int)index)) : -1;
    }

    private static void collect(final AlertEvent alert, final List<FaultMatcher.RaisedAlert> alerts)
    {
        if (alert.action == AlertAction.RAISE)
        {
            alerts.add(new FaultMatcher.RaisedAlert(alert.kind, alert.elementId, alert.metricId, alert.eventTimeMs));
        }
    }

    private static long publish(final EventGenerator generator, final EventPublisher publisher)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(GeneratorFeed.BATCH_BYTES));
        long frames = 0;
        int published;
        while ((published = GeneratorFeed.publishBatch(generator, buffer, publisher)) > 0)
        {
            frames += published;
        }
        return frames;
    }

    private String json(
        final FaultMatcher.Result result,
        final GeneratorConfig config,
        final EventGenerator generator,
        final long slackMs,
        final long frames,
        final long elapsedNs)
    {
        final JsonWriter json = new JsonWriter().beginObject().name("overall");
        result.overall().json(json);
        json.name("byKind").beginObject();
        for (final Map.Entry<FaultKind, FaultMatcher.Score> entry : result.byKind().entrySet())
        {
            json.name(entry.getKey().label());
            entry.getValue().json(json);
        }
        json.endObject()
            .field("falseAlarmsPerElementDay", result.falseAlarmsPerElementDay())
            .field("targetFalseAlarmsPerElementDay", targetFalseAlarms)
            .field("faults", result.faults())
            .field("alerts", result.alerts())
            .field("falseAlerts", result.falseAlerts())
            .field("falseElementAlarms", result.falseElementAlarms())
            .field("faultFreeElementDays", result.faultFreeElementDays())
            .field("massEventElementAlerts", result.massEventElementAlerts())
            .name("alertsByKind").beginObject();
        for (final Map.Entry<AlertKind, Long> entry : result.alertsByKind().entrySet())
        {
            json.field(entry.getKey().name().toLowerCase(Locale.ROOT), entry.getValue());
        }
        return json.endObject()
            .name("scenario").beginObject()
            .field("elements", config.elements())
            .field("days", (generator.endTimeMs() - config.startTimeMs()) / (double)FaultMatcher.DAY_MS)
            .field("intervalMs", config.kpiIntervalMs())
            .field("seed", config.seed())
            .field("faultsPerThousand", config.faultsPerThousand())
            .field("slackMs", slackMs)
            .field("frames", frames)
            .endObject()
            .field("elapsedMs", elapsedNs / 1e6)
            .endObject()
            .toString();
    }

    /**
     * The readable report.
     *
     * @param result   the figures.
     * @param target   the false-alarm target.
     * @param scenario what ran, in words.
     * @return the table.
     */
    static String table(final FaultMatcher.Result result, final double target, final String scenario)
    {
        final StringBuilder out = new StringBuilder(1024);
        out.append("netpulse evaluate: ").append(scenario).append('\n');
        out.append(String.format(Locale.ROOT, "  %-12s %6s %8s %6s %6s %7s %9s %6s %12s %12s%n",
            "fault kind", "faults", "detected", "alerts", "false", "recall", "precision", "F1", "median delay",
            "p95 delay"));
        for (final Map.Entry<FaultKind, FaultMatcher.Score> entry : result.byKind().entrySet())
        {
            row(out, entry.getKey().label(), entry.getValue());
        }
        row(out, "overall", result.overall());
        out.append(String.format(Locale.ROOT,
            "  false alarms %,d on %.1f fault-free element-days = %s per element-day (target %s)%n",
            result.falseElementAlarms(), result.faultFreeElementDays(), number(result.falseAlarmsPerElementDay()),
            number(target)));
        out.append(String.format(Locale.ROOT,
            "  alerts %,d (%,d false, %,d element alarms during the mass event)%n",
            result.alerts(), result.falseAlerts(), result.massEventElementAlerts()));
        return out.toString();
    }

    private static void row(final StringBuilder out, final String label, final FaultMatcher.Score score)
    {
        out.append(String.format(Locale.ROOT, "  %-12s %6d %8d %6d %6d %7s %9s %6s %12s %12s%n",
            label, score.faults(), score.detected(), score.alerts(), score.alerts() - score.matchedAlerts(),
            number(score.recall()), number(score.precision()), number(score.f1()), delay(score.medianDelayMs()),
            delay(score.p95DelayMs())));
    }

    private static String number(final double value)
    {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String delay(final double delayMs)
    {
        return Double.isNaN(delayMs) ? "-" : String.format(Locale.ROOT, "%.1f min", delayMs / 60_000.0);
    }
}
