/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.engine.anomaly.AnomalyConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluateCommandTest
{
    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(final Map<String, Object> parent, final String name)
    {
        return (Map<String, Object>)parent.get(name);
    }

    private static double number(final Map<String, Object> object, final String name)
    {
        return ((Number)object.get(name)).doubleValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldScoreTheDataGapAlertsAgainstTheOutagesAndGaps()
    {
        final NetpulseCommandTest.Result run = NetpulseCommandTest.run(
            "evaluate", "--elements", "100", "--days", "1", "--json");
        assertEquals(0, run.exitCode(), run.err());
        final String[] lines = run.out().trim().split("\n");
        final Map<String, Object> json = (Map<String, Object>)JsonReader.parse(lines[lines.length - 1]);

        // 100 elements at 20 per thousand: 2 degradations, 2 congestions, 1 outage, 1 data gap, 1 mass event
        assertEquals(7.0, number(json, "faults"));
        final Map<String, Object> byKind = object(json, "byKind");
        assertEquals(2.0, number(object(byKind, "degradation"), "faults"));
        assertEquals(2.0, number(object(byKind, "congestion"), "faults"));
        assertEquals(1.0, number(object(byKind, "mass_event"), "faults"));
        for (final String kind : new String[]{"outage", "data_gap"})
        {
            final Map<String, Object> score = object(byKind, kind);
            assertEquals(1.0, number(score, "faults"), kind);
            assertEquals(1.0, number(score, "recall"), kind);
            assertEquals(1.0, number(score, "precision"), kind);
            assertEquals(1.0, number(score, "f1"), kind);
            // the window stage raises a gap after three silent 5-minute intervals, counted from the last report
            final double delayMs = number(score, "medianDelayMs");
            assertTrue(delayMs >= 10 * 60_000 && delayMs <= 15 * 60_000, kind + " " + delayMs);
            assertEquals(delayMs, number(score, "p95DelayMs"), kind);
        }
        assertTrue(number(object(json, "alertsByKind"), "data_gap") >= 2, run.out());
        assertEquals(AnomalyConfig.DEFAULT.targetAlarmsPerElementDay(), number(json, "targetFalseAlarmsPerElementDay"));
        assertTrue(number(json, "faultFreeElementDays") > 90 && number(json, "faultFreeElementDays") < 100,
            run.out());
        assertTrue(json.containsKey("falseAlarmsPerElementDay"));
        final Map<String, Object> overall = object(json, "overall");
        assertEquals(number(json, "faults"), number(overall, "faults"));
        assertTrue(number(overall, "recall") >= 2.0 / 7, run.out());
        final Map<String, Object> scenario = object(json, "scenario");
        assertEquals(100.0, number(scenario, "elements"));
        assertEquals(300_000.0, number(scenario, "intervalMs"));
        assertEquals(900_000.0, number(scenario, "slackMs"));
    }

    @Test
    void shouldPrintATableAndRefuseABadScenario()
    {
        final NetpulseCommandTest.Result run = NetpulseCommandTest.run(
            "evaluate", "--elements", "60", "--days", "0.5", "--seed", "7", "--target-false-alarms", "2");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("netpulse evaluate: 60 elements, 0.5 days at 5m, seed 7"), run.out());
        assertTrue(run.out().contains("  outage            1        1"), run.out());
        assertTrue(run.out().contains("(target 2.000)"), run.out());

        final NetpulseCommandTest.Result bad = NetpulseCommandTest.run("evaluate", "--days", "0");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--days must be positive"), bad.err());
    }
}
