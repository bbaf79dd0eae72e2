/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.engine.generator.Fault;
import io.netpulse.engine.generator.FaultKind;
import io.netpulse.engine.generator.SyntheticMetric;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultMatcherTest
{
    private static final long M = 60_000;
    private static final long H = 60 * M;
    private static final long SLACK = 10 * M;
    private static final long[] ELEMENTS = {1, 2, 3, 4};
    private static final LongUnaryOperator REGION = (id) -> id <= 2 ? 100 : 200;

    private static final List<Fault> FAULTS = List.of(
        new Fault(FaultKind.DEGRADATION, 1, SyntheticMetric.LATENCY_MS, 10 * H, 12 * H, 3),
        new Fault(FaultKind.CONGESTION, 2, SyntheticMetric.TRAFFIC_MBPS, 20 * H, 22 * H, 1.8),
        new Fault(FaultKind.OUTAGE, 3, null, 30 * H, 31 * H, 0),
        new Fault(FaultKind.DATA_GAP, 4, null, 40 * H, 41 * H, 0),
        new Fault(FaultKind.MASS_EVENT, 100, SyntheticMetric.TRAFFIC_MBPS, 50 * H, 60 * H, 2.5));

    private static FaultMatcher.RaisedAlert alert(final AlertKind kind, final long scope, final long timeMs)
    {
        return new FaultMatcher.RaisedAlert(kind, scope, kind == AlertKind.ANOMALY ? 2 : -1, timeMs);
    }

    private static final List<FaultMatcher.RaisedAlert> ALERTS = List.of(
        alert(AlertKind.ANOMALY, 1, 10 * H + 5 * M),
        alert(AlertKind.ANOMALY, 1, 11 * H),
        alert(AlertKind.ANOMALY, 1, 10 * H - 5 * M),
        alert(AlertKind.DATA_GAP, 3, 30 * H + 15 * M),
        alert(AlertKind.DATA_GAP, 1, 11 * H),
        alert(AlertKind.ANOMALY, 2, 55 * H),
        alert(AlertKind.MASS_EVENT, 100, 50 * H + 30 * M),
        alert(AlertKind.MASS_EVENT, 200, 50 * H),
        alert(AlertKind.ANOMALY, 4, 80 * H),
        alert(AlertKind.ANOMALY, 3, 31 * H + 10 * M),
        alert(AlertKind.ANOMALY, 3, 31 * H + 11 * M),
        alert(AlertKind.SLA_VIOLATION, 1, 11 * H),
        alert(AlertKind.UNKNOWN_ELEMENT, 9, 11 * H));

    private static void assertScore(
        final FaultMatcher.Score score, final long faults, final long detected, final long alerts, final long matched,
        final double precision, final double recall, final double f1, final double medianDelayMs,
        final double p95DelayMs)
    {
        assertEquals(faults, score.faults(), "faults");
        assertEquals(detected, score.detected(), "detected");
        assertEquals(alerts, score.alerts(), "alerts");
        assertEquals(matched, score.matchedAlerts(), "matched");
        assertEquals(precision, score.precision(), 1e-12, "precision");
        assertEquals(recall, score.recall(), 1e-12, "recall");
        assertEquals(f1, score.f1(), 1e-12, "f1");
        assertEquals(medianDelayMs, score.medianDelayMs(), "median delay");
        assertEquals(p95DelayMs, score.p95DelayMs(), "p95 delay");
    }

    @Test
    void shouldMatchAlertsToFaultsAndScoreThem()
    {
        final FaultMatcher.Result result = FaultMatcher.match(FAULTS, ALERTS, ELEMENTS, REGION, 0, 96 * H, SLACK);

        assertEquals(5, result.faults());
        assertEquals(11, result.alerts());
        assertEquals(4, result.falseAlerts());
        assertEquals(3, result.falseElementAlarms());
        assertEquals(1, result.massEventElementAlerts());
        assertEquals(Map.of(AlertKind.ANOMALY, 7L, AlertKind.DATA_GAP, 2L, AlertKind.MASS_EVENT, 2L),
            result.alertsByKind());

        final FaultMatcher.Score overall = result.overall();
        assertScore(overall, 5, 3, 11, 7, 7.0 / 11, 0.6, 2 * (7.0 / 11) * 0.6 / (7.0 / 11 + 0.6),
            15 * M, 30 * M);

        final Map<FaultKind, FaultMatcher.Score> byKind = result.byKind();
        assertScore(byKind.get(FaultKind.DEGRADATION), 1, 1, 5, 3, 0.6, 1.0, 0.75, 0, 0);
        assertScore(byKind.get(FaultKind.CONGESTION), 1, 0, 2, 0, 0.0, 0.0, 0.0, Double.NaN, Double.NaN);
        assertScore(byKind.get(FaultKind.OUTAGE), 1, 1, 3, 2, 2.0 / 3, 1.0, 0.8, 15 * M, 15 * M);
        assertScore(byKind.get(FaultKind.DATA_GAP), 1, 0, 1, 0, 0.0, 0.0, 0.0, Double.NaN, Double.NaN);
        assertScore(byKind.get(FaultKind.MASS_EVENT), 1, 1, 3, 2, 2.0 / 3, 1.0, 0.8, 30 * M, 30 * M);

        // elements 1 and 2: a 2h20 fault window and the 10h20 mass event; 3 and 4: a 1h20 window; of 96 hours each
        assertEquals(356.0 / 24, result.faultFreeElementDays(), 1e-12);
        assertEquals(3 / (356.0 / 24), result.falseAlarmsPerElementDay(), 1e-12);
    }

    @Test
    void shouldLeaveOutKindsWithoutFaultsAndLeaveUndefinedFiguresNaN()
    {
        final FaultMatcher.Result none = FaultMatcher.match(List.of(), List.of(), ELEMENTS, REGION, 0, 0, SLACK);
        assertTrue(none.byKind().isEmpty());
        assertTrue(Double.isNaN(none.overall().precision()));
        assertTrue(Double.isNaN(none.overall().recall()));
        assertTrue(Double.isNaN(none.overall().f1()));
        assertTrue(Double.isNaN(none.falseAlarmsPerElementDay()));
        assertEquals(0.0, none.faultFreeElementDays());

        final FaultMatcher.Result falseOnly = FaultMatcher.match(List.of(),
            List.of(alert(AlertKind.ANOMALY, 1, H)), ELEMENTS, REGION, 0, 24 * H, SLACK);
        assertEquals(0.0, falseOnly.overall().precision());
        assertEquals(0.0, falseOnly.overall().f1());
        assertEquals(1, falseOnly.falseElementAlarms());
        assertEquals(0.25, falseOnly.falseAlarmsPerElementDay(), 1e-12);

        final FaultMatcher.Result missed = FaultMatcher.match(FAULTS.subList(0, 1), List.of(), ELEMENTS, REGION, 0,
            24 * H, SLACK);
        assertEquals(1, missed.byKind().size());
        assertTrue(Double.isNaN(missed.overall().precision()));
        assertEquals(0.0, missed.overall().recall());
        assertEquals(0.0, missed.overall().f1());
    }

    @Test
    void shouldMergeOverlappingFaultWindowsAndClipThemToTheRun()
    {
        final List<Fault> faults = List.of(
            new Fault(FaultKind.DEGRADATION, 1, SyntheticMetric.LATENCY_MS, 2 * H, 5 * H, 3),
            new Fault(FaultKind.CONGESTION, 1, SyntheticMetric.TRAFFIC_MBPS, H, 3 * H, 1.8),
            new Fault(FaultKind.OUTAGE, 1, null, -H, H / 2, 0),
            new Fault(FaultKind.OUTAGE, 1, null, 23 * H, 30 * H, 0),
            new Fault(FaultKind.OUTAGE, 1, null, 3 * H, 4 * H, 0));
        // [0, 0.5h) + [1h, 5h) + [23h, 24h) covered
        assertEquals(18.5 / 24, FaultMatcher.faultFreeElementDays(faults, new long[]{1}, REGION, 0, 24 * H, 0), 1e-12);
        // element 2 has none of them
        assertEquals(1.0, FaultMatcher.faultFreeElementDays(faults, new long[]{2}, REGION, 0, 24 * H, 0), 1e-12);
    }

    @Test
    void shouldTakeNearestRankPercentiles()
    {
        assertTrue(Double.isNaN(FaultMatcher.percentile(new long[0], 50)));
        assertEquals(5, FaultMatcher.percentile(new long[]{5}, 50));
        assertEquals(2, FaultMatcher.percentile(new long[]{1, 2, 3, 4}, 50));
        assertEquals(4, FaultMatcher.percentile(new long[]{1, 2, 3, 4}, 95));
        assertEquals(1, FaultMatcher.percentile(new long[]{1, 2, 3, 4}, 1));
    }

    @Test
    void shouldChargeFalseAlarmsToTheKindsAnAlertIsMeantToDetect()
    {
        assertTrue(FaultMatcher.meantToDetect(AlertKind.ANOMALY, FaultKind.DEGRADATION));
        assertTrue(FaultMatcher.meantToDetect(AlertKind.ANOMALY, FaultKind.CONGESTION));
        assertFalse(FaultMatcher.meantToDetect(AlertKind.ANOMALY, FaultKind.OUTAGE));
        assertTrue(FaultMatcher.meantToDetect(AlertKind.DATA_GAP, FaultKind.OUTAGE));
        assertTrue(FaultMatcher.meantToDetect(AlertKind.DATA_GAP, FaultKind.DATA_GAP));
        assertFalse(FaultMatcher.meantToDetect(AlertKind.DATA_GAP, FaultKind.MASS_EVENT));
        assertTrue(FaultMatcher.meantToDetect(AlertKind.MASS_EVENT, FaultKind.MASS_EVENT));
        assertFalse(FaultMatcher.meantToDetect(AlertKind.MASS_EVENT, FaultKind.DEGRADATION));
    }

    @Test
    void shouldPrintAReadableTable()
    {
        final FaultMatcher.Result result = FaultMatcher.match(FAULTS, ALERTS, ELEMENTS, REGION, 0, 96 * H, SLACK);
        final String table = EvaluateCommand.table(result, 1.0, "four elements");
        assertTrue(table.startsWith("netpulse evaluate: four elements\n"), table);
        assertTrue(table.contains(
            "  degradation       1        1      5      2   1.000     0.600  0.750      0.0 min      0.0 min"), table);
        assertTrue(table.contains(
            "  congestion        1        0      2      2   0.000     0.000  0.000            -            -"), table);
        assertTrue(table.contains(
            "  overall           5        3     11      4   0.600     0.636  0.618     15.0 min     30.0 min"), table);
        assertTrue(table.contains("false alarms 3 on 14.8 fault-free element-days = 0.202 per element-day " +
            "(target 1.000)"), table);
        assertTrue(table.contains("alerts 11 (4 false, 1 element alarms during the mass event)"), table);
    }
}
