/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.anomaly;

import io.netpulse.codec.MessageType;
import io.netpulse.codec.sbe.AlertAction;
import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.codec.sbe.NodeLevel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A series' life around moves, restarts and held alarms: what the region counts, which alarms are raised once.
 */
class AnomalyLifeTest
{
    private static final long MINUTE_MS = 60_000;
    private static final long T0 = DetectorHarness.T0;

    private static List<DetectorHarness.Alert> of(
        final DetectorHarness harness, final AlertKind kind, final AlertAction action)
    {
        harness.drain();
        final List<DetectorHarness.Alert> out = new ArrayList<>();
        for (final DetectorHarness.Alert alert : harness.alerts)
        {
            if (alert.kind() == kind && alert.action() == action)
            {
                out.add(alert);
            }
        }
        return out;
    }

    private static void move(
        final DetectorHarness harness, final int index, final int fromSite, final int fromRegion, final int toSite,
        final int toRegion)
    {
        harness.event.type = MessageType.TOPOLOGY_UPDATE;
        harness.event.elementIndex = index;
        harness.event.previousSiteIndex = fromSite;
        harness.event.previousRegionIndex = fromRegion;
        harness.event.siteIndex = toSite;
        harness.event.regionIndex = toRegion;
        harness.detector.onEvent(harness.event, 0, true);
    }

    @Test
    void shouldCountAnElementInTheRegionItMovedToWhicheverWayTheMoveIsSeen()
    {
        final DetectorHarness harness = new DetectorHarness(AnomalyConfig.DEFAULT.withMass(0.5, 2, 1, 300_000))
            .network(2, 1, 4);
        // an element straight under region 0, with no site
        final long x = 9_000_001;
        harness.topology.put(x, DetectorHarness.regionId(0), NodeLevel.ELEMENT, "x", "", "", 60_000);
        final int index = harness.topology.indexOf(x);
        final int region0 = harness.topology.indexOf(DetectorHarness.regionId(0));
        final int region1 = harness.topology.indexOf(DetectorHarness.regionId(1));
        final Random random = new Random(32);
        final List<Integer> cold = new ArrayList<>();
        for (int i = 0; i < 160; i++)
        {
            final long t = T0 + i * MINUTE_MS;
            for (int r = 0; r < 2; r++)
            {
                for (int e = 0; e < 4; e++)
                {
                    final boolean surge = i >= 140 && i < 150;
                    harness.kpi(DetectorHarness.elementId(r, 0, e), 1, t + (r * 4 + e) * 100,
                        100 + (surge ? 40 : 0) + 2 * random.nextGaussian());
                }
            }
            if (i == 30)
            {
                // a topology update moves it to region 1: its series restarts there
                harness.topology.put(x, DetectorHarness.regionId(1), NodeLevel.ELEMENT, "x", "", "", 60_000);
                move(harness, index, -1, region0, -1, region1);
            }
            if (i == 60)
            {
                // and back to region 0 unannounced: a new metric arrives first, then the old one turns up elsewhere
                harness.topology.put(x, DetectorHarness.regionId(0), NodeLevel.ELEMENT, "x", "", "", 60_000);
            }
            if (i < 90)
            {
                if (i >= 60)
                {
                    harness.kpi(x, 2, t + 900, 50 + random.nextGaussian());
                }
                harness.kpi(x, 1, t + 950, 100 + 2 * random.nextGaussian());
                if (Double.isNaN(harness.scores.get(harness.scores.size() - 1).expected()))
                {
                    cold.add(i);
                }
            }
            else if (i == 90)
            {
                // last, a third metric from outside any region: the element leaves region 0
                harness.loose(index, x, 3, t + 900, 5);
            }
        }
        // metric 1 warms up afresh after each restart: at 0, 30 and 60
        final List<Integer> expectedCold = new ArrayList<>();
        for (int start : new int[]{0, 30, 60})
        {
            for (int i = start; i < start + AnomalyConfig.DEFAULT.warmupSamples(); i++)
            {
                expectedCold.add(i);
            }
        }
        assertEquals(expectedCold, cold);
        // each region counts its four elements, not the one that passed through
        final List<DetectorHarness.Alert> mass = of(harness, AlertKind.MASS_EVENT, AlertAction.RAISE);
        assertEquals(2, mass.size(), mass.toString());
        for (int r = 0; r < 2; r++)
        {
            assertEquals(DetectorHarness.regionId(r), mass.get(r).elementId());
            assertEquals(4.0, mass.get(r).expected(), mass.get(r).toString());
            assertEquals("mass_event up; 2 elements anomalous of 4", mass.get(r).detail());
        }
    }

    @Test
    void shouldAttachAnAnomalyTheOtherWayDuringAMassEvent()
    {
        final DetectorHarness harness = new DetectorHarness(AnomalyConfig.DEFAULT).network(1, 1, 10);
        final Random random = new Random(33);
        final long dipping = DetectorHarness.elementId(0, 0, 9);
        for (int i = 0; i < 160; i++)
        {
            for (int e = 0; e < 10; e++)
            {
                final double shift = e < 6 && i >= 100 && i < 130 ? 40 : e == 9 && i >= 110 && i < 115 ? -40 : 0;
                harness.kpi(DetectorHarness.elementId(0, 0, e), 1, T0 + i * MINUTE_MS + e * 100,
                    100 + shift + 2 * random.nextGaussian());
            }
        }
        assertEquals(1, of(harness, AlertKind.MASS_EVENT, AlertAction.RAISE).size());
        assertEquals(1, harness.raised(AlertKind.MASS_EVENT).get(0).direction());
        // the quiet onsets alarm on their own; the dip, during the surge, is the mass event's
        final List<DetectorHarness.Alert> raised = of(harness, AlertKind.ANOMALY, AlertAction.RAISE);
        assertEquals(3, raised.size(), raised.toString());
        for (final DetectorHarness.Alert alert : raised)
        {
            assertEquals(1, alert.direction());
        }
        assertEquals(4, harness.detector.attached(), "two held, one during the surge and the dip");
        assertEquals(2, harness.detector.held());
        final List<DetectorHarness.Alert> clear = of(harness, AlertKind.MASS_EVENT, AlertAction.CLEAR);
        assertEquals(1, clear.size());
        assertEquals(3, clear.get(0).count(), "the surge's own attached elements; the dip counts the other way");
        for (final long id : clear.get(0).relatedIds())
        {
            assertTrue(id != dipping);
        }
        for (final DetectorHarness.Alert alert : of(harness, AlertKind.ANOMALY, AlertAction.CLEAR))
        {
            assertTrue(alert.elementId() != dipping, "an attached anomaly ends without an alert");
        }
    }

    @Test
    void shouldAttachAnAnomalyInTheAftermathOfAMassEventAndAlarmOneAfterIt()
    {
        final DetectorHarness harness = new DetectorHarness(AnomalyConfig.DEFAULT).network(1, 1, 10);
        final Random random = new Random(35);
        final long early = DetectorHarness.elementId(0, 0, 9);
        final long late = DetectorHarness.elementId(0, 0, 8);
        for (int i = 0; i < 220; i++)
        {
            for (int e = 0; e < 10; e++)
            {
                final double shift = e < 6 && i >= 100 && i < 130 ? 40 :
                    e == 9 && i == 150 || e == 8 && i == 200 ? 60 : 0;
                harness.kpi(DetectorHarness.elementId(0, 0, e), 1, T0 + i * MINUTE_MS + e * 100,
                    100 + shift + 2 * random.nextGaussian());
            }
        }
        final List<DetectorHarness.Alert> clear = of(harness, AlertKind.MASS_EVENT, AlertAction.CLEAR);
        assertEquals(1, clear.size());
        final long aftermathEndMs = clear.get(0).eventTimeMs() +
            AnomalyDetector.AFTERMATH_SPANS * AnomalyConfig.DEFAULT.massSpanMs();
        assertTrue(T0 + 150 * MINUTE_MS < aftermathEndMs && T0 + 200 * MINUTE_MS > aftermathEndMs,
            clear.toString());
        // the spike within the aftermath is the mass event's; the one after it alarms on its own
        final List<DetectorHarness.Alert> raised = of(harness, AlertKind.ANOMALY, AlertAction.RAISE);
        assertEquals(0, raised.stream().filter(a -> a.elementId() == early).count(), raised.toString());
        final List<DetectorHarness.Alert> lateRaised = raised.stream().filter(a -> a.elementId() == late).toList();
        assertEquals(1, lateRaised.size(), raised.toString());
        assertEquals(T0 + 200 * MINUTE_MS + 800, lateRaised.get(0).eventTimeMs());
        assertEquals(4, harness.detector.attached(), "two held, one during the surge, one in its aftermath");
    }

    @Test
    void shouldAttachAVarianceBurstToTheMassEventOnEitherWayButAlarmAStuckValue()
    {
        // thresholds of 20 scales: the bursts below alarm by their scatter, without a direction
        final DetectorHarness harness = new DetectorHarness(AnomalyConfig.DEFAULT.withTarget(0.001, 20, 50))
            .network(1, 1, 10);
        final Random random = new Random(36);
        for (int i = 0; i < 820; i++)
        {
            for (int e = 0; e < 10; e++)
            {
                final double surge = e < 6 && i >= 600 && i < 640 ? 80 : e < 6 && i >= 720 && i < 760 ? -80 : 0;
                final double sigma = e == 9 && i >= 610 && i < 630 || e == 7 && i >= 730 && i < 750 ? 12 : 2;
                final double value = e == 8 && i >= 610 && i < 630 ? 100.5 : 100 + surge + sigma * random.nextGaussian();
                harness.kpi(DetectorHarness.elementId(0, 0, e), 1, T0 + i * MINUTE_MS + e * 100, value);
            }
        }
        final long stuck = DetectorHarness.elementId(0, 0, 8);
        final List<DetectorHarness.Alert> raised = of(harness, AlertKind.ANOMALY, AlertAction.RAISE);
        assertEquals(7, raised.size(), "three quiet onsets each way and the stuck value: " + raised);
        final List<DetectorHarness.Alert> stuckRaised = raised.stream().filter(a -> a.elementId() == stuck).toList();
        assertEquals(1, stuckRaised.size());
        assertEquals("stuck", stuckRaised.get(0).anomalyKind());
        assertEquals(T0 + 620 * MINUTE_MS + 800, stuckRaised.get(0).eventTimeMs(), "the tenth repeat");

        // each mass event lists its held elements, the one that turned anomalous during it, and the burst
        final List<DetectorHarness.Alert> clear = of(harness, AlertKind.MASS_EVENT, AlertAction.CLEAR);
        assertEquals(2, clear.size());
        final long[] burst = {DetectorHarness.elementId(0, 0, 9), DetectorHarness.elementId(0, 0, 7)};
        for (int k = 0; k < 2; k++)
        {
            final DetectorHarness.Alert over = clear.get(k);
            assertEquals(k == 0 ? 1 : -1, over.direction());
            assertEquals(4, over.count(), over.toString());
            assertArrayEquals(new long[]{DetectorHarness.elementId(0, 0, 3), DetectorHarness.elementId(0, 0, 4),
                DetectorHarness.elementId(0, 0, 5), burst[k]}, over.relatedIds());
            // the burst alarmed by its scatter, under the threshold
            assertTrue(over.relatedValues()[3] < 20, over.toString());
        }
    }

    @Test
    void shouldGiveNoSiteHintBeforeTenPairings()
    {
        final DetectorHarness harness = new DetectorHarness(AnomalyConfig.DEFAULT.withWarmup(5, 10, 0.5))
            .network(1, 1, 1);
        final Random random = new Random(34);
        for (int i = 0; i < 9; i++)
        {
            harness.kpi(DetectorHarness.elementId(0, 0, 0), 1, T0 + i * MINUTE_MS,
                100 + (i == 8 ? 80 : 0) + 2 * random.nextGaussian());
        }
        final List<DetectorHarness.Alert> raised = harness.raised(AlertKind.ANOMALY);
        assertEquals(1, raised.size());
        assertEquals(T0 + 8 * MINUTE_MS, raised.get(0).eventTimeMs());
        assertEquals(0, raised.get(0).relatedIds().length, "eight samples: seven site pairings");
        assertTrue(!raised.get(0).detail().contains("site"), raised.get(0).detail());
    }

    /**
     * Ten elements; three spike once at sample 100 (one alarms at once, two are held for a mass decision and are
     * over within minutes); optionally five more shift at 113, inside the 20-minute span.
     */
    private static DetectorHarness heldThenOver(final boolean massFollows)
    {
        final DetectorHarness harness = new DetectorHarness(AnomalyConfig.DEFAULT.withMass(0.5, 5, 1, 1_200_000))
            .network(1, 1, 10);
        final Random random = new Random(31);
        for (int i = 0; i < 140; i++)
        {
            for (int e = 0; e < 10; e++)
            {
                final double shift = e < 3 && i == 100 ? 60 :
                    massFollows && e >= 3 && e < 8 && i >= 113 && i < 130 ? 40 : 0;
                harness.kpi(DetectorHarness.elementId(0, 0, e), 1, T0 + i * MINUTE_MS + e * 100,
                    100 + shift + 2 * random.nextGaussian());
            }
        }
        return harness;
    }

    @Test
    void shouldAlarmAHeldAnomalyThatIsOverBeforeTheSpanOnceWhenItEnds()
    {
        final DetectorHarness harness = heldThenOver(false);
        assertEquals(2, harness.detector.held());
        assertEquals(0, harness.detector.massEvents());
        final List<DetectorHarness.Alert> raised = of(harness, AlertKind.ANOMALY, AlertAction.RAISE);
        final List<DetectorHarness.Alert> cleared = of(harness, AlertKind.ANOMALY, AlertAction.CLEAR);
        assertEquals(3, raised.size(), "once each, none again when the span passes: " + raised);
        assertEquals(3, cleared.size());
        for (int e = 0; e < 3; e++)
        {
            final long id = DetectorHarness.elementId(0, 0, e);
            final DetectorHarness.Alert raise = raised.stream().filter(a -> a.elementId() == id).findFirst().get();
            final DetectorHarness.Alert clear = cleared.stream().filter(a -> a.elementId() == id).findFirst().get();
            assertEquals(T0 + 100 * MINUTE_MS + e * 100, raise.startTimeMs());
            assertEquals(raise.score(), clear.score(), "the peak");
            if (e > 0)
            {
                // held, then raised as it clears, before the span is over
                assertEquals(clear.eventTimeMs(), raise.eventTimeMs());
                assertTrue(raise.eventTimeMs() < T0 + 120 * MINUTE_MS, raise.toString());
            }
            else
            {
                assertEquals(T0 + 100 * MINUTE_MS, raise.eventTimeMs());
            }
        }
    }

    @Test
    void shouldLeaveAHeldAnomalyThatIsOverOutOfTheMassEventThatForms()
    {
        final DetectorHarness harness = heldThenOver(true);
        assertEquals(7, harness.detector.held(), "two spikes and five shifts after the quiet onset");
        final List<DetectorHarness.Alert> mass = of(harness, AlertKind.MASS_EVENT, AlertAction.RAISE);
        assertEquals(1, mass.size());
        assertEquals(T0 + 100 * MINUTE_MS, mass.get(0).startTimeMs());
        final long[] shifted = new long[5];
        for (int e = 3; e < 8; e++)
        {
            shifted[e - 3] = DetectorHarness.elementId(0, 0, e);
        }
        assertArrayEquals(shifted, mass.get(0).relatedIds());
        assertEquals(3, of(harness, AlertKind.ANOMALY, AlertAction.RAISE).size(), "the spikes, raised once each");
        assertEquals(5, harness.detector.attached());
    }
}
