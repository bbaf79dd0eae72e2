/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.anomaly;

import io.netpulse.codec.MessageType;
import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.engine.Engine;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnomalyPartsTest
{
    private static final long MINUTE_MS = 60_000;
    private static final long T0 = DetectorHarness.T0;

    private static AnomalyConfig with(final int component, final Object value) throws Exception
    {
        final RecordComponent[] components = AnomalyConfig.class.getRecordComponents();
        final Object[] args = new Object[components.length];
        final Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++)
        {
            types[i] = components[i].getType();
            args[i] = i == component ? value : components[i].getAccessor().invoke(AnomalyConfig.DEFAULT);
        }
        final Constructor<AnomalyConfig> constructor = AnomalyConfig.class.getDeclaredConstructor(types);
        try
        {
            return constructor.newInstance(args);
        }
        catch (final java.lang.reflect.InvocationTargetException ex)
        {
            throw (Exception)ex.getCause();
        }
    }

    @Test
    void shouldRefuseInvalidSettings()
    {
        final Object[][] bad = {
            {0, 0L}, {1, 1}, {0, 10L}, {3, 1}, {4, 0.0}, {4, 1.5}, {5, 0.0}, {6, 0.0}, {24, 0.0}, {16, 0.0},
            {7, 0.0}, {8, 0.0}, {9, 1.0}, {10, 0}, {11, -1.0}, {12, 0.0}, {14, 0.0}, {13, 0}, {15, 0}, {17, 1},
            {18, 1.0}, {19, 0.0}, {20, 0}, {21, -1}, {22, 0L}, {23, new int[]{1}}, {25, -1L}};
        for (final Object[] setting : bad)
        {
            assertThrows(IllegalArgumentException.class, () -> with((Integer)setting[0], setting[1]),
                "component " + setting[0]);
        }
    }

    @Test
    void shouldCopyWithChangesAndCompareBySettings() throws Exception
    {
        final AnomalyConfig config = AnomalyConfig.DEFAULT.withSeason(7 * AnomalyConfig.DAY_MS, 168, false)
            .withTarget(1, 2, 3).withWarmup(5, 10, 0).withMass(0.5, 2, 0, 1_000).withCorrelationPairs(1, 2);
        assertEquals(3_600_000, config.slotMs());
        assertFalse(config.weekly());
        assertEquals(5, config.warmupSamples());
        assertEquals(0.5, config.massShare());
        assertArrayEquals(new int[]{1, 2}, config.correlationPairs());
        assertEquals(config, AnomalyConfig.DEFAULT.withSeason(7 * AnomalyConfig.DAY_MS, 168, false)
            .withTarget(1, 2, 3).withWarmup(5, 10, 0).withMass(0.5, 2, 0, 1_000).withCorrelationPairs(1, 2));
        assertEquals(config.hashCode(), config.withCorrelationPairs(1, 2).hashCode());
        assertNotEquals(config, AnomalyConfig.DEFAULT);
        assertNotEquals(AnomalyConfig.DEFAULT, "AnomalyConfig");
        assertTrue(AnomalyConfig.DEFAULT.toString().contains("correlationPairs=[2, 1, 0, 1, 3, 2]"));
        final int[] pairs = {4, 5};
        final AnomalyConfig copied = with(23, pairs);
        pairs[0] = 9;
        assertArrayEquals(new int[]{4, 5}, copied.correlationPairs());
        assertEquals("level_shift", AnomalyKind.LEVEL_SHIFT.label());
    }

    @Test
    void shouldWriteDetailTextWithoutStrings()
    {
        final char[] out = new char[12];
        int at = AlertText.append(out, 0, "ab");
        at = AlertText.append(out, at, 1205L);
        at = AlertText.append(out, at, -2.456, 2, true);
        assertEquals("ab1205-2.46", new String(out, 0, at));
        at = AlertText.append(out, 0, 0.0, 0, true);
        at = AlertText.append(out, at, -0.0004, 3, false);
        at = AlertText.append(out, at, 0L);
        assertEquals("+00.0000", new String(out, 0, at));
        at = AlertText.append(out, 0, "0123456789ABCDEF");
        assertEquals(12, at, "writes past the end are dropped");
    }

    @Test
    void shouldSkipLateUnroutedAndOtherEventsAndCountSilences()
    {
        final DetectorHarness harness = new DetectorHarness(AnomalyConfig.DEFAULT);
        harness.loose(0, 5, 0, T0, 1.0);
        harness.event.late = true;
        harness.detector.onEvent(harness.event, 1, true);
        harness.event.late = false;
        harness.event.routed = false;
        harness.detector.onEvent(harness.event, 2, true);
        harness.event.routed = true;
        harness.event.type = MessageType.CALL_DETAIL_RECORD;
        harness.detector.onEvent(harness.event, 3, true);
        assertEquals(1, harness.detector.samples());
        assertEquals("anomaly", harness.detector.name());
        assertEquals(AnomalyConfig.DEFAULT, harness.detector.config());

        for (int i = 1; i < 40; i++)
        {
            harness.loose(0, 5, 0, T0 + (i < 30 ? i : i + 10) * MINUTE_MS, 1.0 + 0.01 * (i % 7));
        }
        assertEquals(1, harness.detector.silences(), "ten missing minutes");
        assertEquals(1, harness.detector.series());
        final DetectorHarness.Score cold = harness.scores.get(0);
        assertTrue(Double.isNaN(cold.expected()));
        assertEquals(0.0, cold.score());
        assertTrue(Double.isNaN(harness.scores.get(19).expected()), "the 20th sample is still warming up");
        assertFalse(Double.isNaN(harness.scores.get(20).expected()));
        assertEquals(20, harness.detector.scored());
        assertEquals(0, harness.detector.raised());
        assertEquals(0, harness.detector.cleared());
    }

    @Test
    void shouldHashStateAsASumOfSeriesTermsAndRestartMovedElements()
    {
        final long[] hashes = new long[3];
        for (int variant = 0; variant < 3; variant++)
        {
            final DetectorHarness harness = new DetectorHarness(AnomalyConfig.DEFAULT);
            final Random random = new Random(4);
            for (int i = 0; i < 100; i++)
            {
                final double a = random.nextGaussian();
                final double b = random.nextGaussian();
                // the order in which the two series' samples interleave does not matter; one value does
                if (variant == 1)
                {
                    harness.loose(1, 11, 0, T0 + i * MINUTE_MS, b);
                    harness.loose(0, 10, 0, T0 + i * MINUTE_MS, a);
                }
                else
                {
                    harness.loose(0, 10, 0, T0 + i * MINUTE_MS, i == 50 && variant == 2 ? a + 1e-6 : a);
                    harness.loose(1, 11, 0, T0 + i * MINUTE_MS, b);
                }
            }
            hashes[variant] = harness.detector.stateHash();
        }
        assertEquals(hashes[0], hashes[1]);
        assertNotEquals(hashes[0], hashes[2]);

        // a move to another site restarts the element's series, in every shard alike
        final DetectorHarness harness = new DetectorHarness(AnomalyConfig.DEFAULT).network(2, 2, 2);
        final long element = DetectorHarness.elementId(0, 0, 0);
        for (int i = 0; i < 30; i++)
        {
            harness.kpi(element, 0, T0 + i * MINUTE_MS, 10 + (i % 3));
        }
        final long before = harness.detector.stateHash();
        harness.event.type = MessageType.TOPOLOGY_UPDATE;
        harness.event.elementIndex = harness.topology.indexOf(element);
        harness.event.previousSiteIndex = harness.topology.indexOf(DetectorHarness.siteId(0, 0));
        harness.event.siteIndex = harness.event.previousSiteIndex;
        harness.event.previousRegionIndex = harness.topology.indexOf(DetectorHarness.regionId(0));
        harness.event.regionIndex = harness.event.previousRegionIndex;
        harness.detector.onEvent(harness.event, 100, true);
        assertEquals(before, harness.detector.stateHash(), "not moved");
        harness.event.siteIndex = harness.topology.indexOf(DetectorHarness.siteId(1, 0));
        harness.event.regionIndex = harness.topology.indexOf(DetectorHarness.regionId(1));
        harness.detector.onEvent(harness.event, 101, true);
        assertEquals(0, harness.detector.stateHash(), "the only series restarted");
        harness.kpi(element, 0, T0 + 31 * MINUTE_MS, 10);
        assertTrue(Double.isNaN(harness.scores.get(harness.scores.size() - 1).expected()), "cold again");
    }

    @Test
    void shouldBeOnByDefaultInTheEngineAndOffOnRequest()
    {
        try (Engine engine = Engine.builder().journalDirectory(null).build())
        {
            assertEquals(1, engine.anomalyDetectors().size());
        }
        try (Engine engine = Engine.builder().journalDirectory(null).anomaly(null).build())
        {
            assertTrue(engine.anomalyDetectors().isEmpty());
            assertEquals(0, engine.summary().alerts(AlertKind.ANOMALY));
        }
    }

    @Test
    void shouldRaiseAVarianceBurstThatNeverCrossesTheThresholdAndLearnWithoutAWeeklyOffset()
    {
        final DetectorHarness harness = new DetectorHarness(
            AnomalyConfig.DEFAULT.withSeason(AnomalyConfig.DAY_MS, 24, false).withTarget(0.001, 20, 50));
        final Random random = new Random(21);
        for (int i = 0; i < 700; i++)
        {
            final double sigma = i >= 600 && i < 640 ? 3 : 1;
            harness.loose(0, 31, 0, T0 + i * MINUTE_MS, 10 + sigma * random.nextGaussian());
        }
        final java.util.List<DetectorHarness.Alert> raised = harness.raised(AlertKind.ANOMALY);
        assertEquals(1, raised.size(), raised.toString());
        assertEquals("variance", raised.get(0).anomalyKind());
        assertEquals(0, raised.get(0).direction());
        assertTrue(raised.get(0).score() < 20);
    }

    @Test
    void shouldRestartASeriesWhoseElementTurnsUpElsewhereAndAnAnomalousOneOnAMove()
    {
        final DetectorHarness harness = new DetectorHarness(AnomalyConfig.DEFAULT).network(2, 1, 1);
        final long id = DetectorHarness.elementId(0, 0, 0);
        final int index = harness.topology.indexOf(id);
        final Random random = new Random(22);
        for (int i = 0; i < 30; i++)
        {
            harness.loose(index, id, 0, T0 + i * MINUTE_MS, 10 + random.nextGaussian());
        }
        // the same element, now routed to a site and region: a restart (without a topology update seen)
        for (int i = 30; i < 60; i++)
        {
            harness.kpi(id, 0, T0 + i * MINUTE_MS, i == 59 ? 100 : 10 + random.nextGaussian());
        }
        assertTrue(Double.isNaN(harness.scores.get(30).expected()));
        assertTrue(harness.scores.get(59).anomalous(), "the spike");
        // an anomalous series moved by a topology update: restarted, its anomaly dropped without an alert
        harness.event.type = MessageType.TOPOLOGY_UPDATE;
        harness.event.elementIndex = index;
        harness.event.previousSiteIndex = harness.topology.site(index);
        harness.event.previousRegionIndex = harness.topology.region(index);
        harness.event.siteIndex = harness.topology.indexOf(DetectorHarness.siteId(1, 0));
        harness.event.regionIndex = harness.topology.indexOf(DetectorHarness.regionId(1));
        harness.detector.onEvent(harness.event, 500, true);
        assertEquals(0, harness.detector.stateHash());
        // added nodes and unknown ones change nothing
        harness.event.previousSiteIndex = -1;
        harness.event.previousRegionIndex = -1;
        harness.detector.onEvent(harness.event, 501, true);
        harness.event.elementIndex = -1;
        harness.detector.onEvent(harness.event, 502, true);
        // and back outside any region
        for (int i = 60; i < 65; i++)
        {
            harness.loose(index, id, 0, T0 + i * MINUTE_MS, 10);
        }
        assertEquals(1, harness.raised(AlertKind.ANOMALY).size());
        assertEquals(0, harness.raised(AlertKind.MASS_EVENT).size());
    }

    @Test
    void shouldRaiseAMassEventWithNothingHeldWhenTheRegionAlarmsEveryOnset()
    {
        final DetectorHarness harness = new DetectorHarness(AnomalyConfig.DEFAULT.withMass(0.2, 3, 100, 300_000))
            .network(1, 1, 10);
        final Random random = new Random(23);
        for (int i = 0; i < 60; i++)
        {
            for (int e = 0; e < 10; e++)
            {
                final double shift = i >= 50 && e < 5 ? -40 : 0;
                harness.kpi(DetectorHarness.elementId(0, 0, e), 1, T0 + i * MINUTE_MS + e * 100,
                    100 + shift + 2 * random.nextGaussian());
            }
        }
        final java.util.List<DetectorHarness.Alert> mass = harness.raised(AlertKind.MASS_EVENT);
        assertEquals(1, mass.size());
        assertEquals(-1, mass.get(0).direction());
        assertEquals(3, mass.get(0).count());
        assertEquals(0, mass.get(0).relatedIds().length, "every onset alarmed on its own before the mass formed");
        assertEquals(3, harness.raised(AlertKind.ANOMALY).size());
        assertEquals(2, harness.detector.attached());
    }
}
