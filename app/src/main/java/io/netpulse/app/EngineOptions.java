/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.engine.EngineBuilder;
import io.netpulse.engine.ThreadMode;
import io.netpulse.engine.WaitStrategyKind;
import io.netpulse.engine.alert.ConsoleAlertSink;
import io.netpulse.engine.window.Durations;
import io.netpulse.engine.window.WindowConfig;
import io.netpulse.engine.window.WindowSpec;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;

/**
 * Engine settings every command that runs the engine shares.
 */
final class EngineOptions
{
    @Option(names = "--threads", defaultValue = "fused", paramLabel = "MODE",
        description = "Thread mode: fused, pipelined or sharded:N (default: ${DEFAULT-VALUE}).")
    String threads;

    @Option(names = "--wait", defaultValue = "sleeping", paramLabel = "STRATEGY",
        description = "How stages wait for events: busy-spin, yielding, sleeping or blocking " +
            "(default: ${DEFAULT-VALUE}).")
    String waitStrategy;

    @Option(names = "--ring-size", defaultValue = "65536", paramLabel = "SLOTS",
        description = "Event ring slots, a power of two (default: ${DEFAULT-VALUE}).")
    int ringSize;

    @Option(names = "--pin", split = ",", paramLabel = "CPU",
        description = "Pin stage threads to these CPUs, journaler first, e.g. --pin 2,3,4.")
    int[] cpus;

    @Option(names = "--alerts-console", description = "Print every alert on standard error as it is raised.")
    boolean alertsConsole;

    @Option(names = "--json", description = "Print the summary as one JSON object on standard output.")
    boolean json;

    @Option(names = "--duplicate-horizon-ms", defaultValue = "600000", paramLabel = "MS",
        description = "A CDR re-sent with the same id within this much event time is counted as a duplicate and " +
            "not applied; 0 turns the check off (default: ${DEFAULT-VALUE}).")
    long duplicateHorizonMs;

    @Option(names = "--windows", defaultValue = "1m*60,15m*96", paramLabel = "SPEC",
        description = "Windows kept for every KPI series, RESOLUTION*BUCKETS,..., e.g. 10s*60,1m*60,15m*96,1h*168; " +
            "none for no windows (default: ${DEFAULT-VALUE}).")
    String windows;

    @Option(names = "--without", split = ",", paramLabel = "STAGE",
        description = "Leave built-in analytics stages out, to save their cost: windows, anomaly, cube (the " +
            "journal and the router always run), e.g. --without anomaly,cube.")
    List<String> without = List.of();

    @Option(names = "--allowed-lateness", defaultValue = "30s", paramLabel = "DURATION",
        description = "How far behind the slowest active source an event may be and still count (default: " +
            "${DEFAULT-VALUE}).")
    String allowedLateness;

    @Option(names = "--idle-timeout", defaultValue = "5m", paramLabel = "DURATION",
        description = "Event time after which a source that fell behind stops holding the watermark back " +
            "(default: ${DEFAULT-VALUE}).")
    String idleTimeout;

    @Option(names = "--ewma-half-life", defaultValue = "5m", paramLabel = "DURATION",
        description = "Half-life of each series' time-aware EWMA (default: ${DEFAULT-VALUE}).")
    String ewmaHalfLife;

    @Option(names = "--data-gap-factor", defaultValue = "3", paramLabel = "FACTOR",
        description = "Alert when an element is silent for this many expected intervals; 0 for never " +
            "(default: ${DEFAULT-VALUE}).")
    double dataGapFactor;

    /**
     * Whether a built-in stage is left out.
     *
     * @param stage windows, anomaly or cube.
     * @return true when {@code --without} names it.
     * @throws IllegalArgumentException when {@code --without} names a stage there is none of.
     */
    boolean without(final String stage)
    {
        boolean named = false;
        for (final String name : without)
        {
            final String normalised = name.trim().toLowerCase(Locale.ROOT);
            if (!"windows".equals(normalised) && !"anomaly".equals(normalised) && !"cube".equals(normalised))
            {
                throw new IllegalArgumentException(
                    "--without: no built-in stage '" + name + "' (windows, anomaly or cube)");
            }
            named |= normalised.equals(stage);
        }
        return named;
    }

    /**
     * The window configuration the options describe.
     *
     * @return the configuration.
     */
    WindowConfig windowConfig()
    {
        final WindowSpec spec = WindowSpec.parse(windows, Durations.parseMs(allowedLateness));
        return WindowConfig.DEFAULT
            .withDefaultSpec(spec)
            .withEnabled(!spec.isEmpty() && !without("windows"))
            .withIdleTimeoutMs(Durations.parseMs(idleTimeout))
            .withEwmaHalfLifeMs(Durations.parseMs(ewmaHalfLife))
            .withDataGaps(dataGapFactor, WindowConfig.DEFAULT_GAP_CHECK_INTERVAL_MS);
    }

    /**
     * Applies the options to a builder.
     *
     * @param builder to configure.
     * @return the builder.
     */
    EngineBuilder apply(final EngineBuilder builder)
    {
        builder.threadMode(ThreadMode.parse(threads))
            .waitStrategy(WaitStrategyKind.parse(waitStrategy))
            .ringSize(ringSize)
            .duplicateHorizonMs(duplicateHorizonMs)
            .windows(windowConfig());
        if (without("anomaly"))
        {
            builder.anomaly(null);
        }
        if (without("cube"))
        {
            builder.cube(null);
        }
        if (null != cpus && cpus.length > 0)
        {
            builder.pinThreads(cpus);
        }
        if (alertsConsole)
        {
            builder.alertSink(new ConsoleAlertSink());
        }
        return builder;
    }
}
