/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import io.netpulse.codec.sbe.AlertAction;
import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.codec.sbe.ConfigOp;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.engine.Engine;
import io.netpulse.engine.EngineBuilder;
import io.netpulse.engine.EngineSummary;
import io.netpulse.engine.ThreadMode;
import io.netpulse.engine.alert.AlertEvent;
import io.netpulse.engine.ring.EventPublisher;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.netpulse.engine.window.WindowTestKit.MINUTE_MS;
import static io.netpulse.engine.window.WindowTestKit.T0;
import static io.netpulse.engine.window.WindowTestKit.assertClose;
import static io.netpulse.engine.window.WindowTestKit.assertSameAggregate;
import static io.netpulse.engine.window.WindowTestKit.elementId;
import static io.netpulse.engine.window.WindowTestKit.regionId;
import static io.netpulse.engine.window.WindowTestKit.siteId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowEngineTest
{
    private static final DecayFunction[] DECAYS = {
        DecayFunction.none(),
        DecayFunction.exponential(10 * MINUTE_MS),
        DecayFunction.linear(45 * MINUTE_MS),
        DecayFunction.step(15 * MINUTE_MS, 0.5),
        ageMs -> 1.0 / (1.0 + ageMs / 60_000.0),
    };

    /** Samples of every element of a 3 x 2 x 4 network for two metrics, in event-time order, minute by minute. */
    private static void publishMinutes(
        final WindowTestKit kit, final EventPublisher publisher, final int fromMinute, final int toMinute, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int minute = fromMinute; minute < toMinute; minute++)
        {
            final List<long[]> events = new ArrayList<>();
            for (int r = 0; r < 3; r++)
            {
                for (int s = 0; s < 2; s++)
                {
                    for (int e = 0; e < 4; e++)
                    {
                        for (int metric = 0; metric < 2; metric++)
                        {
                            final int samples = 1 + random.nextInt(3);
                            for (int i = 0; i < samples; i++)
                            {
                                events.add(new long[]{T0 + minute * MINUTE_MS + random.nextInt(60_000),
                                    elementId(r, s, e), metric});
                            }
                        }
                    }
                }
            }
            events.sort((a, b) -> Long.compare(a[0], b[0]));
            for (final long[] event : events)
            {
                final double value = 0 == event[2] ? 1_000 + 100 * random.nextGaussian() :
                    5e5 + 50 * random.nextGaussian();
                kit.kpi(publisher, event[1], (int)event[2], event[0], value);
            }
        }
    }

    private static List<Long> allNodes()
    {
        final List<Long> nodes = new ArrayList<>();
        nodes.add(0L);
        for (int r = 0; r < 3; r++)
        {
            nodes.add(regionId(r));
            for (int s = 0; s < 2; s++)
            {
                nodes.add(siteId(r, s));
                for (int e = 0; e < 4; e++)
                {
                    nodes.add(elementId(r, s, e));
                }
            }
        }
        return nodes;
    }

    @Test
    void shouldMatchABruteForceReferenceForEveryNodeResolutionAndDecay()
    {
        final WindowTestKit kit = new WindowTestKit();
        final Engine engine = Engine.builder().build();
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("test");
            kit.network(publisher, 3, 2, 4, 60_000);
            publishMinutes(kit, publisher, 0, 90, 1);
        }
        assertEquals(0, engine.summary().lateEvents());
        assertEquals(0, engine.summary().stageErrors());

        final WindowReader reader = engine.windows().newReader();
        final long lastMs = kit.samples.get(kit.samples.size() - 1).timeMs();
        final long watermarkMs = lastMs - WindowSpec.DEFAULT_ALLOWED_LATENESS_MS;
        assertEquals(watermarkMs, reader.watermarkMs());
        final long nowMs = T0 + 90 * MINUTE_MS;
        final WindowAggregate actual = new WindowAggregate();
        for (final long node : allNodes())
        {
            final boolean element = node >= 100_000;
            for (final long resolutionMs : new long[]{MINUTE_MS, 15 * MINUTE_MS})
            {
                // roll-ups hold closed buckets only; elements hold their open ones too; a minute ring holds an hour
                final long toMs = element ? nowMs : Math.floorDiv(watermarkMs, resolutionMs) * resolutionMs;
                final long fromMs = MINUTE_MS == resolutionMs ? toMs - 60 * MINUTE_MS : T0;
                for (int metric = 0; metric < 2; metric++)
                {
                    for (final DecayFunction decay : DECAYS)
                    {
                        assertTrue(reader.aggregate(node, metric, resolutionMs, fromMs, toMs, nowMs, decay, actual));
                        assertSameAggregate(kit.reference(node, metric, resolutionMs, fromMs, toMs, nowMs, decay), actual,
                            "node " + node + " metric " + metric + " resolution " + resolutionMs + " " + decay);
                    }
                }
            }
        }
    }

    @Test
    void shouldListBucketsWithNoDataClosedFlagsAndTheEwma()
    {
        final WindowTestKit kit = new WindowTestKit();
        final Engine engine = Engine.builder().build();
        final long element = elementId(0, 0, 0);
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("test");
            kit.network(publisher, 1, 1, 2, 60_000);
            final long[] times = {0, 7_000, 61_000, 61_500, 250_000, 300_000, 301_000, 420_000};
            final double[] values = {10, 20, 30, 40, 50, 60, 70, 80};
            for (int i = 0; i < times.length; i++)
            {
                kit.kpi(publisher, element, 3, T0 + times[i], values[i]);
            }
        }

        final WindowReader reader = engine.windows().newReader();
        final WindowBuckets buckets = new WindowBuckets(16);
        assertTrue(reader.buckets(element, 3, MINUTE_MS, T0, T0 + 8 * MINUTE_MS, buckets));
        assertEquals(8, buckets.size());
        assertFalse(buckets.truncated());
        assertEquals(MINUTE_MS, buckets.resolutionMs());
        final long[] counts = {2, 2, 0, 0, 1, 2, 0, 1};
        for (int i = 0; i < 8; i++)
        {
            assertEquals(T0 + i * MINUTE_MS, buckets.startMs(i));
            assertEquals(counts[i], buckets.count(i), "bucket " + i);
            // watermark = 420 s - 30 s = 390 s: minutes 0..5 closed
            assertEquals(i < 6, buckets.closed(i), "closed " + i);
        }
        assertEquals(30.0, buckets.sum(0));
        assertEquals(15.0, buckets.mean(0));
        assertEquals(50.0, buckets.variance(0));
        assertEquals(50.0, buckets.m2(0));
        assertEquals(10.0, buckets.min(0));
        assertEquals(20.0, buckets.max(0));
        assertTrue(Double.isNaN(buckets.mean(2)), "no data is not zero");
        assertTrue(Double.isNaN(buckets.min(2)));
        assertTrue(Double.isNaN(buckets.max(2)));
        assertTrue(Double.isNaN(buckets.variance(4)), "one sample has no variance");
        assertEquals(0.0, buckets.sum(2));
        assertEquals(0.0, buckets.m2(2));

        // the EWMA over the irregular gaps, against its closed form
        final Ewma policy = new Ewma(WindowConfig.DEFAULT_EWMA_HALF_LIFE_MS);
        double expected = 10;
        final long[] times = {0, 7_000, 61_000, 61_500, 250_000, 300_000, 301_000, 420_000};
        final double[] values = {10, 20, 30, 40, 50, 60, 70, 80};
        for (int i = 1; i < times.length; i++)
        {
            expected = policy.update(expected, values[i], times[i] - times[i - 1]);
        }
        assertEquals(expected, buckets.ewma(), 1e-12);
        assertEquals(T0 + 420_000, buckets.ewmaTimeMs());

        // the site: closed buckets only, no EWMA
        assertTrue(reader.buckets(siteId(0, 0), 3, MINUTE_MS, T0, T0 + 8 * MINUTE_MS, buckets));
        assertEquals(2, buckets.count(0));
        assertEquals(0, buckets.count(7), "the open bucket is not rolled up yet");
        assertTrue(Double.isNaN(buckets.ewma()));

        // a range longer than the holder keeps the newest buckets
        final WindowBuckets small = new WindowBuckets(3);
        assertTrue(reader.buckets(element, 3, MINUTE_MS, T0, T0 + 8 * MINUTE_MS, small));
        assertTrue(small.truncated());
        assertEquals(3, small.size());
        assertEquals(3, small.capacity());
        assertEquals(T0 + 5 * MINUTE_MS, small.startMs(0));

        // what has no windows says so
        assertFalse(reader.buckets(element, 99, MINUTE_MS, T0, T0 + MINUTE_MS, buckets));
        assertFalse(reader.buckets(element, 3, 10_000, T0, T0 + MINUTE_MS, buckets));
        assertFalse(reader.buckets(0, 3, 10_000, T0, T0 + MINUTE_MS, buckets));
        assertFalse(reader.buckets(0, 99, MINUTE_MS, T0, T0 + MINUTE_MS, buckets));
        assertFalse(reader.buckets(424_242, 3, MINUTE_MS, T0, T0 + MINUTE_MS, buckets));
        assertFalse(reader.buckets(element, 3, MINUTE_MS, T0 + MINUTE_MS, T0, buckets));
        assertFalse(reader.buckets(element, 3, 0, T0, T0 + MINUTE_MS, buckets));
        assertFalse(reader.buckets(elementId(0, 0, 1), 3, MINUTE_MS, T0, T0 + MINUTE_MS, buckets),
            "an element that never reported has no series");
        assertEquals(0, buckets.size());
        final WindowAggregate aggregate = new WindowAggregate();
        assertFalse(reader.aggregate(element, 99, MINUTE_MS, T0, T0 + MINUTE_MS, T0, DecayFunction.none(), aggregate));
        assertFalse(aggregate.hasData());
        assertThrows(IllegalArgumentException.class, () -> new WindowBuckets(0));
    }

    @Test
    void shouldGiveTheSameBucketsForOutOfOrderInputWithinTheLateness()
    {
        final WindowTestKit ordered = new WindowTestKit();
        final Engine inOrder = Engine.builder().build();
        final List<long[]> events = new ArrayList<>();
        final SplittableRandom random = new SplittableRandom(3);
        for (long t = 0; t < 20 * MINUTE_MS; t += 1_000)
        {
            events.add(new long[]{T0 + t, elementId(0, random.nextInt(2), random.nextInt(3)),
                Double.doubleToLongBits(random.nextDouble() * 100)});
        }
        try (inOrder)
        {
            final EventPublisher publisher = inOrder.newPublisher("test");
            ordered.network(publisher, 1, 2, 3, 60_000);
            for (final long[] event : events)
            {
                ordered.kpi(publisher, event[1], 0, event[0], Double.longBitsToDouble(event[2]));
            }
        }

        // every event displaced by up to 20 s of event time: within the 30 s lateness
        final List<long[]> shuffled = new ArrayList<>(events);
        for (int i = 0; i + 20 < shuffled.size(); i += 20)
        {
            Collections.shuffle(shuffled.subList(i, i + 20), new java.util.Random(i));
        }
        final WindowTestKit disordered = new WindowTestKit();
        final Engine outOfOrder = Engine.builder().build();
        try (outOfOrder)
        {
            final EventPublisher publisher = outOfOrder.newPublisher("test");
            disordered.network(publisher, 1, 2, 3, 60_000);
            for (final long[] event : shuffled)
            {
                disordered.kpi(publisher, event[1], 0, event[0], Double.longBitsToDouble(event[2]));
            }
        }
        assertEquals(0, inOrder.summary().lateEvents());
        assertEquals(0, outOfOrder.summary().lateEvents());

        final WindowReader a = inOrder.windows().newReader();
        final WindowReader b = outOfOrder.windows().newReader();
        final WindowBuckets expected = new WindowBuckets(64);
        final WindowBuckets actual = new WindowBuckets(64);
        final List<Long> nodes = new ArrayList<>(List.of(0L, regionId(0), siteId(0, 0), siteId(0, 1)));
        for (int s = 0; s < 2; s++)
        {
            for (int e = 0; e < 3; e++)
            {
                nodes.add(elementId(0, s, e));
            }
        }
        for (final long node : nodes)
        {
            for (final long resolutionMs : new long[]{MINUTE_MS, 15 * MINUTE_MS})
            {
                assertTrue(a.buckets(node, 0, resolutionMs, T0, T0 + 20 * MINUTE_MS, expected));
                assertTrue(b.buckets(node, 0, resolutionMs, T0, T0 + 20 * MINUTE_MS, actual));
                assertEquals(expected.size(), actual.size());
                for (int i = 0; i < expected.size(); i++)
                {
                    final String what = "node " + node + " resolution " + resolutionMs + " bucket " + i;
                    assertEquals(expected.count(i), actual.count(i), what);
                    assertEquals(expected.closed(i), actual.closed(i), what);
                    assertEquals(expected.min(i), actual.min(i), what);
                    assertEquals(expected.max(i), actual.max(i), what);
                    if (expected.count(i) > 0)
                    {
                        assertClose(expected.sum(i), actual.sum(i), 1e-12, what + " sum");
                        assertClose(expected.m2(i), actual.m2(i), 1e-9, what + " m2");
                    }
                }
            }
        }
    }

    @Test
    void shouldCountEventsPastTheLatenessPerSourceAndElementAndNotApplyThem()
    {
        final WindowTestKit kit = new WindowTestKit();
        final Engine engine = Engine.builder().build();
        final long element = elementId(0, 0, 0);
        final EventPublisher publisher;
        try (engine)
        {
            publisher = engine.newPublisher("test");
            kit.network(publisher, 1, 1, 1, 60_000);
            for (long t = 0; t <= 5 * MINUTE_MS; t += 10_000)
            {
                kit.kpi(publisher, element, 0, T0 + t, 1.0);
            }
            kit.lateKpi(publisher, element, 0, T0 + MINUTE_MS + 5_000, 1_000.0);
            kit.lateKpi(publisher, element, 0, T0 + 5 * MINUTE_MS - 31_000, 1_000.0);
            kit.kpi(publisher, element, 0, T0 + 5 * MINUTE_MS - 30_000, 2.0);
        }

        final EngineSummary summary = engine.summary();
        assertEquals(2, summary.lateEvents());
        assertEquals(0, summary.rejectedTotal(), "late events are accepted and journaled, not rejected");
        final int index = engine.router().topology().indexOf(element);
        assertEquals(2, engine.router().lateEvents(index));
        assertEquals(2, engine.router().watermarks().lateEvents(publisher.sourceId()));
        assertEquals(2, engine.router().watermarks().lateEvents());

        final WindowReader reader = engine.windows().newReader();
        final WindowAggregate aggregate = new WindowAggregate();
        reader.aggregate(element, 0, MINUTE_MS, T0, T0 + 10 * MINUTE_MS, T0, DecayFunction.none(), aggregate);
        assertEquals(32, aggregate.count(), "31 in time and one at exactly the watermark");
        assertEquals(2.0, aggregate.max(), "neither late sample was applied");
    }

    @Test
    void shouldCloseBucketsOnOneSourceAfterTheOtherGoesIdle()
    {
        final WindowTestKit kit = new WindowTestKit();
        final Engine engine = Engine.builder()
            .windows(WindowConfig.DEFAULT.withIdleTimeoutMs(2 * MINUTE_MS)).build();
        final long a = elementId(0, 0, 0);
        final long b = elementId(0, 0, 1);
        final WindowReader reader = engine.windows().newReader();
        final WindowBuckets buckets = new WindowBuckets(16);
        try (engine)
        {
            final EventPublisher first = engine.newPublisher("feed-a");
            final EventPublisher second = engine.newPublisher("feed-b");
            kit.network(first, 1, 1, 2, 60_000);
            for (long t = 0; t < 2 * MINUTE_MS; t += 10_000)
            {
                kit.kpi(first, a, 0, T0 + t, 1.0);
                kit.kpi(second, b, 0, T0 + t, 1.0);
            }
            // feed b goes quiet at 1:50; feed a runs on, within the idleness timeout of b
            for (long t = 2 * MINUTE_MS; t <= 3 * MINUTE_MS + 50_000; t += 10_000)
            {
                kit.kpi(first, a, 0, T0 + t, 1.0);
            }
            assertTrue(engine.awaitDrained(10_000));
            assertEquals(T0 + 110_000 - 30_000, reader.watermarkMs(), "the quiet source holds the watermark");
            reader.buckets(siteId(0, 0), 0, MINUTE_MS, T0, T0 + 4 * MINUTE_MS, buckets);
            assertEquals(12, buckets.count(0), "minute 0 closed");
            assertFalse(buckets.closed(1));
            assertEquals(0, buckets.count(1), "minute 1 waits for feed b");

            // feed a goes more than two minutes beyond b: b is idle and stops holding the watermark back
            for (long t = 4 * MINUTE_MS; t <= 6 * MINUTE_MS; t += 10_000)
            {
                kit.kpi(first, a, 0, T0 + t, 1.0);
            }
            assertTrue(engine.awaitDrained(10_000));
            assertFalse(engine.router().watermarks().isActive(second.sourceId()));
            assertEquals(T0 + 6 * MINUTE_MS - 30_000, reader.watermarkMs());
            reader.buckets(siteId(0, 0), 0, MINUTE_MS, T0, T0 + 7 * MINUTE_MS, buckets);
            assertEquals(12, buckets.count(1), "minute 1 closed without feed b");
            assertEquals(6, buckets.count(4));
            assertTrue(buckets.closed(4));
            assertFalse(buckets.closed(5));

            // feed b comes back behind the watermark: late, counted against it
            kit.lateKpi(second, b, 0, T0 + 2 * MINUTE_MS, 5.0);
        }
        assertEquals(1, engine.router().watermarks().lateEvents(2));
        assertEquals(0, engine.router().watermarks().lateEvents(1));
    }

    @Test
    void shouldRaiseOneDataGapAlertAndOneClear()
    {
        final WindowTestKit kit = new WindowTestKit();
        final List<String> gaps = new CopyOnWriteArrayList<>();
        final List<long[]> times = new CopyOnWriteArrayList<>();
        final Engine engine = Engine.builder().alertSink((AlertEvent alert) ->
        {
            if (alert.kind == AlertKind.DATA_GAP)
            {
                gaps.add(alert.action + " " + alert.elementId);
                times.add(new long[]{alert.startTimeMs, alert.eventTimeMs, alert.endTimeMs});
            }
        }).build();
        final long quiet = elementId(0, 0, 0);
        final long chatty = elementId(0, 0, 1);
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("test");
            kit.network(publisher, 1, 1, 2, 60_000);
            for (long minute = 0; minute < 20; minute++)
            {
                final long t = T0 + minute * MINUTE_MS;
                kit.kpi(publisher, chatty, 0, t, 1.0);
                if (minute < 5 || minute >= 12)
                {
                    // CDRs count as reporting too
                    kit.cdr(publisher, quiet, t + 1_000);
                }
            }
        }
        assertEquals(List.of("RAISE " + quiet, "CLEAR " + quiet), gaps);
        final long lastSeen = T0 + 4 * MINUTE_MS + 1_000;
        assertEquals(lastSeen, times.get(0)[0]);
        assertEquals(lastSeen + 3 * MINUTE_MS, times.get(0)[1], "raised at the deadline: three intervals");
        assertEquals(lastSeen, times.get(1)[0]);
        assertEquals(T0 + 12 * MINUTE_MS + 1_000, times.get(1)[2]);
        assertEquals(2, engine.summary().alerts(AlertKind.DATA_GAP));
        assertEquals(1, engine.windows().gapsRaised());
        assertEquals(1, engine.windows().gapsCleared());
    }

    @Test
    void shouldNotRaiseDataGapsWhenTurnedOff()
    {
        final WindowTestKit kit = new WindowTestKit();
        final Engine engine = Engine.builder()
            .windows(WindowConfig.DEFAULT.withDataGaps(0, 15_000)).build();
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("test");
            kit.network(publisher, 1, 1, 2, 60_000);
            kit.kpi(publisher, elementId(0, 0, 0), 0, T0, 1.0);
            for (long minute = 0; minute < 20; minute++)
            {
                kit.kpi(publisher, elementId(0, 0, 1), 0, T0 + minute * MINUTE_MS, 1.0);
            }
        }
        assertEquals(0, engine.summary().alerts(AlertKind.DATA_GAP));
    }

    private static Engine moveScenario(final ThreadMode mode, final WindowTestKit kit, final List<String> alerts)
    {
        final Engine engine = Engine.builder().threadMode(mode)
            .alertSink(alert -> alerts.add(alert.kind + " " + alert.action + " " + alert.elementId)).build();
        final long mover = elementId(0, 0, 0);
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("test");
            kit.network(publisher, 2, 2, 2, 60_000);
            for (long t = 0; t < 25 * MINUTE_MS; t += 10_000)
            {
                for (int r = 0; r < 2; r++)
                {
                    for (int s = 0; s < 2; s++)
                    {
                        for (int e = 0; e < 2; e++)
                        {
                            kit.kpi(publisher, elementId(r, s, e), 0, T0 + t + 10 * r + 20 * s + e, 1 + r + 2 * s + 4 * e);
                        }
                    }
                }
                if (t == 10 * MINUTE_MS + 10_000)
                {
                    // an element moves to a site of the other region, in the middle of a minute
                    kit.node(publisher, mover, siteId(1, 0), NodeLevel.ELEMENT, 60_000);
                }
                if (t == 15 * MINUTE_MS + 20_000)
                {
                    // a whole site moves to the other region
                    kit.node(publisher, siteId(0, 1), regionId(1), NodeLevel.SITE, 0);
                }
                if (t == 20 * MINUTE_MS + 30_000)
                {
                    // and the element moves back
                    kit.node(publisher, mover, siteId(0, 0), NodeLevel.ELEMENT, 60_000);
                }
            }
        }
        assertEquals(0, engine.summary().stageErrors(), mode.toString());
        return engine;
    }

    @Test
    void shouldRollUpUnderTheRightParentsAcrossTopologyMovesInEveryMode()
    {
        final WindowTestKit kit = new WindowTestKit();
        final List<String> alerts = new ArrayList<>();
        final Engine fused = moveScenario(ThreadMode.FUSED, kit, alerts);
        final long mover = elementId(0, 0, 0);

        final WindowReader reader = fused.windows().newReader();
        final WindowBuckets buckets = new WindowBuckets(32);
        assertTrue(reader.buckets(mover, 0, MINUTE_MS, T0, T0 + 25 * MINUTE_MS, buckets));
        for (int minute = 0; minute < 25; minute++)
        {
            assertEquals(6, buckets.count(minute), "the mover keeps its whole history: minute " + minute);
        }
        assertTrue(reader.buckets(siteId(0, 0), 0, MINUTE_MS, T0, T0 + 25 * MINUTE_MS, buckets));
        assertEquals(12, buckets.count(9));
        assertEquals(6 + 2, buckets.count(10), "before the move, under the old site");
        assertEquals(6, buckets.count(11));
        assertEquals(6 + 2, buckets.count(20), "after moving back");
        assertTrue(reader.buckets(siteId(1, 0), 0, MINUTE_MS, T0, T0 + 25 * MINUTE_MS, buckets));
        assertEquals(12 + 4, buckets.count(10), "after the move, under the new site");
        assertEquals(18, buckets.count(11));
        assertTrue(reader.buckets(regionId(1), 0, MINUTE_MS, T0, T0 + 25 * MINUTE_MS, buckets));
        assertEquals(24 + 6 + 6, buckets.count(15), "the site moved in part of the way through minute 15");
        assertEquals(24 + 6 + 12, buckets.count(16));

        // every node and minute, against the reference, which attributes each sample to the parents it had
        final WindowAggregate actual = new WindowAggregate();
        final long closedMs = Math.floorDiv(reader.watermarkMs(), MINUTE_MS) * MINUTE_MS;
        final List<Long> nodes = new ArrayList<>(List.of(0L, regionId(0), regionId(1)));
        for (int r = 0; r < 2; r++)
        {
            for (int s = 0; s < 2; s++)
            {
                nodes.add(siteId(r, s));
            }
        }
        for (final long node : nodes)
        {
            for (long start = T0; start < closedMs; start += MINUTE_MS)
            {
                reader.aggregate(node, 0, MINUTE_MS, start, start + MINUTE_MS, start, DecayFunction.none(), actual);
                assertSameAggregate(kit.reference(node, 0, MINUTE_MS, start, start + MINUTE_MS, start,
                    DecayFunction.none()), actual, "node " + node + " at minute " + (start - T0) / MINUTE_MS);
            }
        }

        final List<String> shardedAlerts = new ArrayList<>();
        final Engine sharded = moveScenario(ThreadMode.sharded(2), new WindowTestKit(), shardedAlerts);
        final Engine pipelined = moveScenario(ThreadMode.PIPELINED, new WindowTestKit(), new ArrayList<>());
        assertEquals(fused.stateHash(), pipelined.stateHash(), "pipelined");
        assertEquals(fused.router().stateHash(), sharded.router().stateHash(), "router");
        assertEquals(fused.windows().instance(0).stateHash(),
            sharded.windows().instance(0).stateHash() + sharded.windows().instance(1).stateHash(), "windows");
        assertEquals(fused.stateHash(), sharded.stateHash());
        assertEquals(alerts, shardedAlerts);
        assertTrue(sharded.router().shards().load(0) > 0 && sharded.router().shards().load(1) > 0,
            "both shards hold a region");
        final WindowReader shardedReader = sharded.windows().newReader();
        for (final long node : nodes)
        {
            final WindowAggregate expected = new WindowAggregate();
            reader.aggregate(node, 0, MINUTE_MS, T0, closedMs, T0, DecayFunction.none(), expected);
            shardedReader.aggregate(node, 0, MINUTE_MS, T0, closedMs, T0, DecayFunction.none(), actual);
            assertEquals(expected.count(), actual.count(), "node " + node);
            assertEquals(expected.sum(), actual.sum(), "node " + node);
            assertEquals(expected.m2(), actual.m2(), "node " + node + ": bit-identical");
        }
    }

    @Test
    void shouldReleaseARemovedElementAndKeepItsOpenContribution()
    {
        final WindowTestKit kit = new WindowTestKit();
        final Engine engine = Engine.builder().build();
        final long removed = elementId(0, 0, 0);
        final long other = elementId(0, 0, 1);
        final List<String> alerts = new CopyOnWriteArrayList<>();
        final Engine withGap = Engine.builder().alertSink(alert ->
            alerts.add(alert.kind + " " + alert.action)).build();
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("test");
            kit.network(publisher, 1, 1, 2, 60_000);
            for (long t = 0; t < 10 * MINUTE_MS; t += 10_000)
            {
                kit.kpi(publisher, other, 0, T0 + t, 1.0);
                if (t < 5 * MINUTE_MS + 20_000)
                {
                    kit.kpi(publisher, removed, 0, T0 + t, 2.0);
                }
                if (t == 5 * MINUTE_MS + 20_000)
                {
                    kit.remove(publisher, removed, NodeLevel.ELEMENT);
                }
            }
        }
        final WindowReader reader = engine.windows().newReader();
        final WindowBuckets buckets = new WindowBuckets(16);
        assertFalse(reader.buckets(removed, 0, MINUTE_MS, T0, T0 + 10 * MINUTE_MS, buckets), "released");
        assertTrue(reader.buckets(siteId(0, 0), 0, MINUTE_MS, T0, T0 + 10 * MINUTE_MS, buckets));
        assertEquals(12, buckets.count(4));
        assertEquals(6 + 2, buckets.count(5), "what it sent before its removal still rolls up");
        assertEquals(6, buckets.count(6));
        assertEquals(1, engine.windows().instance(0).elements());

        // removed while silent: its open gap is cleared
        try (withGap)
        {
            final EventPublisher publisher = withGap.newPublisher("test");
            kit.network(publisher, 1, 1, 2, 60_000);
            kit.kpi(publisher, removed, 0, T0, 1.0);
            for (long minute = 0; minute < 10; minute++)
            {
                kit.kpi(publisher, other, 0, T0 + minute * MINUTE_MS, 1.0);
            }
            kit.remove(publisher, removed, NodeLevel.ELEMENT);
        }
        assertEquals(List.of("DATA_GAP RAISE", "DATA_GAP CLEAR"), alerts);
    }

    @Test
    void shouldReLayOutSeriesWhenTheSpecChanges()
    {
        final WindowTestKit kit = new WindowTestKit();
        final Engine engine = Engine.builder().build();
        final long element = elementId(0, 0, 0);
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("test");
            kit.network(publisher, 1, 1, 1, 60_000);
            for (long t = 0; t < 5 * MINUTE_MS; t += 10_000)
            {
                kit.kpi(publisher, element, 0, T0 + t, 1.0);
                kit.kpi(publisher, element, 1, T0 + t, 1.0);
            }
            // metric 0 gets a spec of its own: minutes (kept) and ten-second buckets (new); no quarter hours
            kit.spec(publisher, 0, ConfigOp.PUT, MINUTE_MS, 60, 30_000);
            kit.spec(publisher, 0, ConfigOp.PUT, 10_000, 30, 30_000);
            // every spec allows two minutes of lateness from now on
            kit.spec(publisher, WindowSpecTable.DEFAULT_METRIC, ConfigOp.PUT, 15 * MINUTE_MS, 96, 120_000);
            for (long t = 5 * MINUTE_MS; t < 8 * MINUTE_MS; t += 10_000)
            {
                kit.kpi(publisher, element, 0, T0 + t, 2.0);
                kit.kpi(publisher, element, 1, T0 + t, 2.0);
            }
            // 100 s behind: late under the old lateness, in time under the new one
            kit.kpi(publisher, element, 1, T0 + 8 * MINUTE_MS - 100_000, 3.0);
            // metric 2 has no windows at all once its spec is emptied: the default loses everything
            kit.spec(publisher, 7, ConfigOp.REMOVE, MINUTE_MS, 1, 0);
        }
        assertEquals(0, engine.summary().lateEvents());
        assertEquals(0, engine.summary().stageErrors());

        final WindowReader reader = engine.windows().newReader();
        final WindowBuckets buckets = new WindowBuckets(64);
        assertTrue(reader.buckets(element, 0, MINUTE_MS, T0, T0 + 8 * MINUTE_MS, buckets));
        for (int minute = 0; minute < 8; minute++)
        {
            assertEquals(6, buckets.count(minute), "minute buckets survive the change: " + minute);
        }
        assertFalse(reader.buckets(element, 0, 15 * MINUTE_MS, T0, T0 + 15 * MINUTE_MS, buckets));
        assertTrue(reader.buckets(element, 0, 10_000, T0 + 4 * MINUTE_MS, T0 + 8 * MINUTE_MS, buckets));
        assertEquals(0, buckets.count(0), "ten-second buckets start with the change");
        assertEquals(1, buckets.count(6 + 1));
        assertTrue(reader.buckets(element, 1, 15 * MINUTE_MS, T0, T0 + 15 * MINUTE_MS, buckets));
        assertEquals(30 + 18 + 1, buckets.count(0));
        assertTrue(reader.buckets(siteId(0, 0), 0, MINUTE_MS, T0, T0 + 8 * MINUTE_MS, buckets));
        assertEquals(6, buckets.count(2), "roll-ups survive too");
    }

    @Test
    void shouldDropTheWindowsOfAMetricWhoseSpecIsEmptied()
    {
        final WindowTestKit kit = new WindowTestKit();
        final Engine engine = Engine.builder().build();
        final long element = elementId(0, 0, 0);
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("test");
            kit.network(publisher, 1, 1, 1, 60_000);
            kit.kpi(publisher, element, 0, T0, 1.0);
            kit.spec(publisher, WindowSpecTable.DEFAULT_METRIC, ConfigOp.REMOVE, MINUTE_MS, 1, 0);
            kit.spec(publisher, WindowSpecTable.DEFAULT_METRIC, ConfigOp.REMOVE, 15 * MINUTE_MS, 1, 0);
            kit.kpi(publisher, element, 0, T0 + 1_000, 1.0);
            kit.kpi(publisher, element, 5, T0 + 2_000, 1.0);
            kit.spec(publisher, WindowSpecTable.DEFAULT_METRIC, ConfigOp.PUT, MINUTE_MS, 5, 0);
            kit.kpi(publisher, element, 5, T0 + 3_000, 1.0);
        }
        assertEquals(0, engine.summary().stageErrors());
        final WindowReader reader = engine.windows().newReader();
        final WindowBuckets buckets = new WindowBuckets(8);
        assertTrue(reader.buckets(element, 5, MINUTE_MS, T0, T0 + MINUTE_MS, buckets));
        assertEquals(1, buckets.count(0), "windows begin again from the new spec");
        assertFalse(reader.buckets(element, 0, MINUTE_MS, T0, T0 + MINUTE_MS, buckets), "history went with the spec");
    }

    @Test
    void shouldCountAnImpossibleSpecUpdateAsAnErrorAndChangeNothing()
    {
        final WindowTestKit kit = new WindowTestKit();
        final Engine engine = Engine.builder().build();
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("test");
            kit.network(publisher, 1, 1, 1, 60_000);
            for (int i = 1; i <= WindowSpec.MAX_RESOLUTIONS + 1; i++)
            {
                kit.spec(publisher, 4, ConfigOp.PUT, i * 1_000L, 1, 0);
            }
            kit.kpi(publisher, elementId(0, 0, 0), 4, T0, 1.0);
        }
        assertEquals(1, engine.summary().stageErrors());
        final WindowBuckets buckets = new WindowBuckets(8);
        assertTrue(engine.windows().newReader().buckets(elementId(0, 0, 0), 4, 16_000, T0, T0 + 16_000, buckets));
        assertEquals(1, buckets.count(0));
    }

    @Test
    void shouldKeepNoWindowsWhenTurnedOff()
    {
        try (Engine engine = Engine.builder().windows(WindowConfig.DEFAULT.withEnabled(false)).build())
        {
            assertNull(engine.windows());
        }
    }

    @Test
    void shouldRefuseToBuildAShardTwice()
    {
        final WindowGroup group = new WindowGroup(WindowConfig.DEFAULT, 2);
        final io.netpulse.engine.stage.StageContext context = new io.netpulse.engine.stage.StageContext(
            null, null, null, null, 1, 2);
        assertEquals(1, group.newInstance(context).shard());
        assertThrows(IllegalStateException.class, () -> group.newInstance(context));
        assertThrows(IllegalStateException.class, () -> group.newInstance(
            new io.netpulse.engine.stage.StageContext(null, null, null, null, 0, 3)));
        assertEquals(2, group.shardCount());
        assertEquals(WindowConfig.DEFAULT, group.config());
        assertEquals(Watermarks.NO_WATERMARK, group.watermarkMs(), "shard 0 not built yet");
        // 156 buckets, then a header of version, EWMA, its time, two newest buckets and 1 + 2 longs of written bits
        assertEquals(6_240 + 8 * (3 + 2 + 3), group.bytesPerDefaultSeries());
    }

    @Test
    void shouldRefuseImpossibleWindowSettings()
    {
        assertThrows(IllegalArgumentException.class, () -> WindowConfig.DEFAULT.withIdleTimeoutMs(0));
        assertThrows(IllegalArgumentException.class, () -> WindowConfig.DEFAULT.withEwmaHalfLifeMs(-1));
        assertThrows(IllegalArgumentException.class, () -> WindowConfig.DEFAULT.withDataGaps(-1, 1_000));
        assertThrows(IllegalArgumentException.class, () -> WindowConfig.DEFAULT.withDataGaps(Double.NaN, 1_000));
        assertThrows(IllegalArgumentException.class,
            () -> WindowConfig.DEFAULT.withDataGaps(Double.POSITIVE_INFINITY, 1_000));
        assertThrows(IllegalArgumentException.class, () -> WindowConfig.DEFAULT.withDataGaps(1, 0));
        final WindowConfig config = WindowConfig.DEFAULT.withMetricSpec(4, WindowSpec.parse("10s*6", 1_000))
            .withDefaultSpec(WindowSpec.parse("1h*24", 2_000));
        assertEquals("10s*6", config.newSpecTable().specFor(4).toString());
        assertEquals("1h*24", config.newSpecTable().specFor(5).toString());
        assertEquals(2_000, config.newSpecTable().allowedLatenessMs());
    }

    static EngineBuilder builder(final ThreadMode mode)
    {
        return Engine.builder().threadMode(mode);
    }
}
