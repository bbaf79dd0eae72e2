/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.anomaly;

import io.netpulse.codec.MessageType;
import io.netpulse.codec.sbe.AlertAction;
import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.codec.sbe.NodeLevel;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnomalyKindsTest
{
    private static final long MINUTE_MS = 60_000;
    private static final long T0 = DetectorHarness.T0;

    private static List<DetectorHarness.Alert> anomalies(final DetectorHarness harness, final AlertAction action)
    {
        harness.drain();
        final List<DetectorHarness.Alert> out = new ArrayList<>();
        for (final DetectorHarness.Alert alert : harness.alerts)
        {
            if (alert.kind() == AlertKind.ANOMALY && alert.action() == action)
            {
                out.add(alert);
            }
        }
        return out;
    }

    @Test
    void shouldCallAStuckSeriesStuckAndClearItWhenItMovesAgain()
    {
        final DetectorHarness harness = new DetectorHarness(AnomalyConfig.DEFAULT);
        final Random random = new Random(3);
        for (int i = 0; i < 600; i++)
        {
            final double value = i >= 400 && i < 420 ? 50.25 : 50 + random.nextGaussian();
            harness.loose(0, 77, 0, T0 + i * MINUTE_MS, value);
        }
        final List<DetectorHarness.Alert> raised = anomalies(harness, AlertAction.RAISE);
        assertEquals(1, raised.size());
        final DetectorHarness.Alert stuck = raised.get(0);
        assertEquals("stuck", stuck.anomalyKind());
        assertEquals(0, stuck.direction());
        // the tenth repeat of the value first seen at sample 400
        assertEquals(T0 + 410 * MINUTE_MS, stuck.eventTimeMs());
        assertEquals(T0 + 400 * MINUTE_MS, stuck.startTimeMs());
        assertEquals(50.25, stuck.observed());
        final List<DetectorHarness.Alert> cleared = anomalies(harness, AlertAction.CLEAR);
        assertEquals(1, cleared.size());
        assertEquals(T0 + 422 * MINUTE_MS, cleared.get(0).eventTimeMs(), "three moving samples after the run");
        assertTrue(cleared.get(0).detail().startsWith("stuck; recovered"));
    }

    @Test
    void shouldNotCallASeriesThatOftenRepeatsStuck()
    {
        final DetectorHarness harness = new DetectorHarness(AnomalyConfig.DEFAULT);
        for (int i = 0; i < 600; i++)
        {
            // an integer counter that is often flat for a while
            harness.loose(0, 78, 0, T0 + i * MINUTE_MS, (i / 12) % 3);
        }
        assertTrue(anomalies(harness, AlertAction.RAISE).stream().noneMatch(a -> a.anomalyKind().equals("stuck")));
    }

    @Test
    void shouldCallAVarianceBurstAVarianceAnomaly()
    {
        final DetectorHarness harness = new DetectorHarness(AnomalyConfig.DEFAULT);
        final Random random = new Random(5);
        for (int i = 0; i < 1_200; i++)
        {
            final double sigma = i >= 1_000 && i < 1_040 ? 4 : 1;
            harness.loose(0, 79, 2, T0 + i * MINUTE_MS, 30 + sigma * random.nextGaussian());
        }
        final List<DetectorHarness.Alert> raised = anomalies(harness, AlertAction.RAISE);
        assertEquals(1, raised.size(), raised.toString());
        // raised as the first far value (a spike, before the scatter shows), known as a variance burst by its end
        assertEquals("spike", raised.get(0).anomalyKind());
        assertTrue(raised.get(0).eventTimeMs() >= T0 + 1_000 * MINUTE_MS &&
            raised.get(0).eventTimeMs() < T0 + 1_010 * MINUTE_MS, raised.toString());
        final List<DetectorHarness.Alert> cleared = anomalies(harness, AlertAction.CLEAR);
        assertEquals(1, cleared.size());
        assertEquals("variance", cleared.get(0).anomalyKind());
        assertTrue(cleared.get(0).detail().startsWith("variance up; recovered, peak score "), cleared.toString());
        assertTrue(cleared.get(0).eventTimeMs() > T0 + 1_040 * MINUTE_MS);
    }

    @Test
    void shouldRaiseOneMassEventForARegionWideSurgeAndAttachItsElements()
    {
        final DetectorHarness harness = new DetectorHarness(AnomalyConfig.DEFAULT).network(2, 5, 10);
        final Random random = new Random(8);
        final int rounds = 400;
        for (int i = 0; i < rounds; i++)
        {
            for (int r = 0; r < 2; r++)
            {
                for (int s = 0; s < 5; s++)
                {
                    for (int e = 0; e < 10; e++)
                    {
                        final boolean surged = r == 0 && e < 6 && i >= 300 && i < 330;
                        harness.kpi(DetectorHarness.elementId(r, s, e), 1, T0 + i * MINUTE_MS + (s * 10 + e) * 100,
                            100 + (surged ? 40 : 0) + 2 * random.nextGaussian());
                    }
                }
            }
        }
        final List<DetectorHarness.Alert> mass = harness.raised(AlertKind.MASS_EVENT);
        assertEquals(1, mass.size(), "one region alert");
        final DetectorHarness.Alert raise = mass.get(0);
        assertEquals(DetectorHarness.regionId(0), raise.elementId());
        assertEquals(NodeLevel.REGION, raise.scope());
        assertEquals(1, raise.direction());
        assertEquals(1, raise.metricId());
        assertEquals(10, raise.count(), "20% of the region's 50 elements");
        assertEquals(10.0, raise.threshold());
        assertEquals(50.0, raise.expected());
        assertEquals(7, raise.relatedIds().length, "the held anomalies, attached");
        assertEquals("mass_event up; 10 elements anomalous of 50", raise.detail());
        assertEquals(T0 + 300 * MINUTE_MS, raise.startTimeMs());

        final List<DetectorHarness.Alert> elementAlarms = harness.raised(AlertKind.ANOMALY);
        assertEquals(3, elementAlarms.size(), "the quiet onsets alarm before the region is busy: " + elementAlarms);
        assertEquals(27, harness.detector.attached(), "30 surged elements, 3 alarmed on their own");
        assertEquals(7, harness.detector.held());
        assertEquals(1, harness.detector.massEvents());

        DetectorHarness.Alert clear = null;
        for (final DetectorHarness.Alert alert : harness.alerts)
        {
            if (alert.kind() == AlertKind.MASS_EVENT && alert.action() == AlertAction.CLEAR)
            {
                clear = alert;
            }
        }
        assertEquals(27, clear.count());
        assertEquals(16, clear.relatedIds().length);
        assertEquals(27, clear.relatedTotal());
        assertTrue(clear.eventTimeMs() >= T0 + 330 * MINUTE_MS && clear.eventTimeMs() < T0 + 340 * MINUTE_MS);
        assertEquals("mass_event up; 27 elements attached, over", clear.detail());
        // baselines were protected: nothing alarms once the surge is over
        for (final DetectorHarness.Alert alert : elementAlarms)
        {
            assertTrue(alert.eventTimeMs() < T0 + 301 * MINUTE_MS);
        }
    }

    @Test
    void shouldReleaseHeldAnomaliesAsOrdinaryAlarmsWhenNoMassEventForms()
    {
        final DetectorHarness harness = new DetectorHarness(AnomalyConfig.DEFAULT).network(1, 5, 10);
        final Random random = new Random(9);
        for (int i = 0; i < 400; i++)
        {
            for (int s = 0; s < 5; s++)
            {
                for (int e = 0; e < 10; e++)
                {
                    // five elements of fifty: a busy region, not a mass event (ten are needed)
                    final boolean faulty = s == 0 && e < 5 && i >= 300 && i < 303;
                    harness.kpi(DetectorHarness.elementId(0, s, e), 1, T0 + i * MINUTE_MS + (s * 10 + e) * 100,
                        100 + (faulty ? 40 : 0) + 2 * random.nextGaussian());
                }
            }
        }
        final List<DetectorHarness.Alert> raised = harness.raised(AlertKind.ANOMALY);
        assertEquals(5, raised.size());
        assertEquals(2, harness.detector.held());
        assertEquals(0, harness.detector.massEvents());
        // the held two: raised once the span has passed, with their own start times; already over, so cleared too
        final DetectorHarness.Alert late = raised.get(4);
        assertTrue(late.eventTimeMs() > T0 + 305 * MINUTE_MS, late.toString());
        assertEquals(T0 + 300 * MINUTE_MS + 400, late.startTimeMs());
        assertTrue(Double.isNaN(late.expected()));
        assertEquals(5, anomalies(harness, AlertAction.CLEAR).size());
    }

    @Test
    void shouldReleaseHeldAnomaliesWhenTheRunEnds()
    {
        final DetectorHarness harness = new DetectorHarness(AnomalyConfig.DEFAULT.withMass(0.5, 5, 1, 600_000))
            .network(1, 1, 10);
        final Random random = new Random(10);
        for (int i = 0; i < 102; i++)
        {
            for (int e = 0; e < 10; e++)
            {
                final boolean faulty = e < 3 && i >= 100;
                harness.kpi(DetectorHarness.elementId(0, 0, e), 1, T0 + i * MINUTE_MS + e * 100,
                    100 + (faulty ? 60 : 0) + 2 * random.nextGaussian());
            }
        }
        assertEquals(1, harness.raised(AlertKind.ANOMALY).size());
        harness.detector.onShutdown();
        assertEquals(3, harness.raised(AlertKind.ANOMALY).size());
        harness.detector.onShutdown();
        assertEquals(3, harness.raised(AlertKind.ANOMALY).size(), "released once");
    }

    @Test
    void shouldHintAtTheMostCorrelatedMetricsAndTheSiteWithPearsonsValues()
    {
        final DetectorHarness harness = new DetectorHarness(AnomalyConfig.DEFAULT).network(1, 1, 2);
        final long element = DetectorHarness.elementId(0, 0, 0);
        final long neighbour = DetectorHarness.elementId(0, 0, 1);
        final Random random = new Random(12);
        final int rounds = 41;
        final double[] traffic = new double[rounds];
        final double[] latency = new double[rounds];
        final double[] cpu = new double[rounds];
        final double[] siteMean = new double[rounds];
        final double[] errors = new double[rounds];
        for (int i = 0; i < rounds; i++)
        {
            final long t = T0 + i * MINUTE_MS;
            final double neighbourLatency = 10 + random.nextGaussian();
            traffic[i] = 200 + 20 * random.nextGaussian();
            cpu[i] = 30 + 3 * random.nextGaussian();
            latency[i] = i == rounds - 1 ? 200 : 5 + 0.05 * traffic[i] + 0.5 * random.nextGaussian();
            siteMean[i] = (latency[i] + neighbourLatency) / 2;
            harness.kpi(neighbour, 2, t, neighbourLatency);
            harness.kpi(element, 1, t, traffic[i]);
            harness.kpi(element, 0, t, cpu[i]);
            harness.kpi(element, 2, t, latency[i]);
            errors[i] = 0.1 + 0.01 * random.nextGaussian();
            harness.kpi(element, 3, t, errors[i]);
        }
        final List<DetectorHarness.Alert> raised = harness.raised(AlertKind.ANOMALY);
        final DetectorHarness.Alert spike = raised.get(raised.size() - 1);
        assertEquals(element, spike.elementId());
        assertEquals(2, spike.metricId());
        assertEquals("spike", spike.anomalyKind());

        // pairs form from the second round on (a series' first sample only starts it), when the later metric of
        // the pair arrives: latency after traffic (rounds 1 to 40, the spike too), error rate after latency (rounds
        // 1 to 39: the alarm is raised before the last error rate arrives)
        final PearsonsCorrelation pearson = new PearsonsCorrelation();
        final double withTraffic = pearson.correlation(
            Arrays.copyOfRange(latency, 1, rounds), Arrays.copyOfRange(traffic, 1, rounds));
        final double withErrors = pearson.correlation(
            Arrays.copyOfRange(latency, 1, rounds - 1), Arrays.copyOfRange(errors, 1, rounds - 1));
        final double withSite = pearson.correlation(
            Arrays.copyOfRange(latency, 1, rounds), Arrays.copyOfRange(siteMean, 1, rounds));
        final TreeMap<Double, Long> byStrength = new TreeMap<>();
        byStrength.put(-Math.abs(withTraffic), 1L);
        byStrength.put(-Math.abs(withErrors), 3L);
        byStrength.put(-Math.abs(withSite), DetectorHarness.siteId(0, 0));
        final long[] expectedIds = byStrength.values().stream().mapToLong(Long::longValue).toArray();
        assertArrayEquals(expectedIds, spike.relatedIds(), spike.toString());
        for (int i = 0; i < 3; i++)
        {
            final double expected = expectedIds[i] == 1 ? withTraffic : expectedIds[i] == 3 ? withErrors : withSite;
            assertEquals(expected, spike.relatedValues()[i], 1e-12);
        }
        assertTrue(Math.abs(withTraffic) > 0.2, "traffic drives latency: " + withTraffic);
        assertTrue(spike.detail().contains("; metric 1 "), spike.detail());
        assertTrue(spike.detail().contains("; site "), spike.detail());
    }
}
