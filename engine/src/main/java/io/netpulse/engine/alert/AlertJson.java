/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.alert;

import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.engine.text.JsonText;

import java.util.Locale;

/**
 * Writes an alert as one JSON object, the form the NDJSON sink, the HTTP API and logs share.
 */
public final class AlertJson
{
    private AlertJson()
    {
    }

    /**
     * The kind as users see it: lower snake case.
     *
     * @param kind of alert.
     * @return e.g. {@code data_gap}.
     */
    public static String kindLabel(final AlertKind kind)
    {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Appends an alert as JSON.
     *
     * @param out   to append to.
     * @param alert the alert.
     * @return out.
     */
    public static StringBuilder append(final StringBuilder out, final AlertEvent alert)
    {
        out.append("{\"alertId\":").append(alert.alertId)
            .append(",\"kind\":\"").append(kindLabel(alert.kind))
            .append("\",\"action\":\"").append(alert.action.name().toLowerCase(Locale.ROOT))
            .append("\",\"severity\":\"").append(alert.severity.name().toLowerCase(Locale.ROOT))
            .append("\",\"eventTimeMs\":").append(alert.eventTimeMs)
            .append(",\"startTimeMs\":").append(alert.startTimeMs)
            .append(",\"endTimeMs\":").append(alert.endTimeMs)
            .append(",\"elementId\":").append(alert.elementId)
            .append(",\"scope\":\"").append(alert.scopeLevel.name().toLowerCase(Locale.ROOT))
            .append("\",\"metricId\":").append(alert.metricId)
            .append(",\"direction\":").append(alert.direction);
        number(out.append(",\"observed\":"), alert.observed);
        number(out.append(",\"expected\":"), alert.expected);
        number(out.append(",\"score\":"), alert.score);
        number(out.append(",\"threshold\":"), alert.threshold);
        out.append(",\"count\":").append(alert.count);
        if (alert.kind == AlertKind.ANOMALY || alert.kind == AlertKind.MASS_EVENT)
        {
            // the anomaly detector starts its detail text with the anomaly kind
            out.append(",\"anomalyKind\":\"");
            for (int i = 0; i < alert.detailLength && alert.detail[i] != ' ' && alert.detail[i] != ';'; i++)
            {
                JsonText.appendEscaped(out, alert.detail[i]);
            }
            out.append('"');
        }
        out.append(",\"related\":[");
        for (int i = 0; i < alert.relatedCount; i++)
        {
            if (i > 0)
            {
                out.append(',');
            }
            out.append("{\"id\":").append(alert.relatedIds[i]);
            number(out.append(",\"value\":"), alert.relatedValues[i]).append('}');
        }
        out.append("],\"relatedTotal\":").append(alert.relatedTotal);
        out.append(",\"detail\":\"");
        for (int i = 0; i < alert.detailLength; i++)
        {
            JsonText.appendEscaped(out, alert.detail[i]);
        }
        return out.append("\"}");
    }

    private static StringBuilder number(final StringBuilder out, final double value)
    {
        return Double.isFinite(value) ? out.append(value) : out.append("null");
    }
}
