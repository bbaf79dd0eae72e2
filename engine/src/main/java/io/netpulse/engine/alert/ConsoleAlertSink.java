/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.alert;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/**
 * Prints each alert as one readable line.
 */
public final class ConsoleAlertSink implements AlertSink
{
    private final PrintStream out;
    private final StringBuilder line = new StringBuilder(256);

    /**
     * A sink printing to standard error, so standard output stays clean for summaries.
     */
    public ConsoleAlertSink()
    {
        this(System.err);
    }

    /**
     * A sink printing to a stream.
     *
     * @param out the stream.
     */
    public ConsoleAlertSink(final PrintStream out)
    {
        this.out = out;
    }

    /**
     * {@inheritDoc}
     */
    public void onAlert(final AlertEvent alert)
    {
        line.setLength(0);
        line.append("ALERT ").append(Instant.ofEpochMilli(alert.eventTimeMs))
            .append(' ').append(alert.action.name().toLowerCase(Locale.ROOT))
            .append(' ').append(AlertJson.kindLabel(alert.kind))
            .append(' ').append(alert.severity.name().toLowerCase(Locale.ROOT))
            .append(' ').append(alert.scopeLevel.name().toLowerCase(Locale.ROOT)).append('=').append(alert.elementId);
        if (alert.metricId >= 0)
        {
            line.append(" metric=").append(alert.metricId);
        }
        if (Double.isFinite(alert.observed))
        {
            line.append(" observed=").append(alert.observed);
        }
        if (Double.isFinite(alert.expected))
        {
            line.append(" expected=").append(alert.expected);
        }
        if (alert.count != 0)
        {
            line.append(" count=").append(alert.count);
        }
        if (alert.detailLength > 0)
        {
            line.append(" - ").append(alert.detail, 0, alert.detailLength);
        }
        out.println(line);
    }
}
