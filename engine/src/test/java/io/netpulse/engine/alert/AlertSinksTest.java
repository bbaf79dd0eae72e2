/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.alert;

import io.netpulse.codec.sbe.AlertAction;
import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertSinksTest
{
    @TempDir
    Path dir;

    private static AlertEvent alert()
    {
        final AlertEvent alert = new AlertEvent().reset();
        alert.alertId = 7;
        alert.kind = AlertKind.ANOMALY;
        alert.action = AlertAction.RAISE;
        alert.severity = Severity.MAJOR;
        alert.eventTimeMs = 1_767_571_200_000L;
        alert.startTimeMs = 1_767_571_100_000L;
        alert.elementId = 1_000_001;
        alert.scopeLevel = NodeLevel.ELEMENT;
        alert.metricId = 2;
        alert.direction = 1;
        alert.observed = 40.5;
        alert.expected = 12.0;
        alert.score = 7.25;
        alert.threshold = 4.0;
        alert.count = 3;
        alert.addRelated(1_000_002, 0.93).addRelated(10_001, 0.71);
        alert.detail("latency \"up\"\n\u0001");
        return alert;
    }

    @Test
    void shouldWriteOneJsonObjectPerAlert()
    {
        final String json = AlertJson.append(new StringBuilder(), alert()).toString();
        assertEquals("{\"alertId\":7,\"kind\":\"anomaly\",\"action\":\"raise\",\"severity\":\"major\"," +
            "\"eventTimeMs\":1767571200000,\"startTimeMs\":1767571100000,\"endTimeMs\":0,\"elementId\":1000001," +
            "\"scope\":\"element\",\"metricId\":2,\"direction\":1,\"observed\":40.5,\"expected\":12.0,\"score\":7.25," +
            "\"threshold\":4.0,\"count\":3,\"anomalyKind\":\"latency\",\"related\":[{\"id\":1000002,\"value\":0.93},{\"id\":10001," +
            "\"value\":0.71}],\"relatedTotal\":2,\"detail\":\"latency \\\"up\\\"\\n\\u0001\"}", json);

        final AlertEvent empty = new AlertEvent().reset();
        empty.kind = AlertKind.DATA_GAP;
        assertTrue(AlertJson.append(new StringBuilder(), empty).toString()
            .contains("\"observed\":null,\"expected\":null"));
    }

    @Test
    void shouldKeepOnlyTheFirstRelatedIdsButCountThemAll()
    {
        final AlertEvent alert = new AlertEvent().reset();
        for (int i = 0; i < AlertEvent.MAX_RELATED + 5; i++)
        {
            alert.addRelated(i, i);
        }
        assertEquals(AlertEvent.MAX_RELATED, alert.relatedCount);
        assertEquals(AlertEvent.MAX_RELATED + 5, alert.relatedTotal);
        alert.detail("x".repeat(500));
        assertEquals(AlertEvent.MAX_DETAIL, alert.detailText().length());
    }

    @Test
    void shouldAppendAlertsToAnNdjsonFile() throws Exception
    {
        final Path path = dir.resolve("sub").resolve("alerts.ndjson");
        final NdjsonAlertSink sink = new NdjsonAlertSink(path);
        sink.onAlert(alert());
        sink.onAlert(alert());
        sink.onBatchEnd();
        sink.close();
        final List<String> lines = Files.readAllLines(path);
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).startsWith("{\"alertId\":7,"));

        final NdjsonAlertSink again = new NdjsonAlertSink(path);
        again.onAlert(alert());
        again.close();
        assertEquals(3, Files.readAllLines(path).size(), "appends");
        assertThrows(RuntimeException.class, () -> new NdjsonAlertSink(dir));
        assertThrows(RuntimeException.class, again::onBatchEnd);
    }

    @Test
    void shouldPrintAReadableLine()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final ConsoleAlertSink sink = new ConsoleAlertSink(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        sink.onAlert(alert());
        final AlertEvent bare = new AlertEvent().reset();
        bare.kind = AlertKind.UNKNOWN_ELEMENT;
        bare.elementId = 9;
        sink.onAlert(bare);
        sink.onBatchEnd();
        sink.close();
        final String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("ALERT 2026-01-05T00:00:00Z raise anomaly major element=1000001 metric=2 observed=40.5 " +
            "expected=12.0 count=3 - latency \"up\"\n\u0001".split("\n")[0], lines[0]);
        assertEquals("ALERT 1970-01-01T00:00:00Z raise unknown_element minor element=9", lines[lines.length - 1]);
    }
}
