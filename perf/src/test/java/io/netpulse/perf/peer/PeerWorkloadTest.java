/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.peer;

import io.netpulse.codec.MessageType;
import io.netpulse.codec.sbe.CallResult;
import io.netpulse.engine.Engine;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.journal.InputJournalReader;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.perf.bench.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerWorkloadTest
{
    @TempDir
    Path dir;

    private static final long MINUTE_0 = 29_459_520 * PeerWorkload.WINDOW_MS;

    private static NetworkEvent kpi(final int elementIndex, final int metricId, final long timeMs, final double value)
    {
        final NetworkEvent event = new NetworkEvent();
        event.type = MessageType.KPI_SAMPLE;
        event.routed = true;
        event.elementIndex = elementIndex;
        event.elementId = 1_000_000 + elementIndex;
        event.metricId = metricId;
        event.eventTimeMs = timeMs;
        event.value = value;
        return event;
    }

    private static NetworkEvent cdr(final int regionIndex, final int service, final CallResult result,
        final int setupMs, final long timeMs)
    {
        final NetworkEvent event = new NetworkEvent();
        event.type = MessageType.CALL_DETAIL_RECORD;
        event.routed = true;
        event.regionIndex = regionIndex;
        event.serviceType = service;
        event.callResult = result.value();
        event.setupMs = setupMs;
        event.eventTimeMs = timeMs;
        return event;
    }

    @Test
    void shouldEmitOneRowPerSeriesWhenTheClockEntersTheNextMinute()
    {
        final PeerResults results = new PeerResults();
        final MinuteWindowStage stage = new MinuteWindowStage(results);
        assertEquals("peer-windows", stage.name());

        stage.onEvent(kpi(3, 1, MINUTE_0 + 1_000, 5.0), 0, false);
        stage.onEvent(kpi(3, 1, MINUTE_0 + 2_000, 1.0), 1, false);
        stage.onEvent(kpi(3, 2, MINUTE_0 + 3_000, 7.0), 2, false);
        stage.onEvent(kpi(4, 1, MINUTE_0 + 59_999, -2.0), 3, true);
        assertEquals(0, results.windowRows(), "the minute is still open");

        final NetworkEvent unrouted = kpi(9, 1, MINUTE_0 + 200_000, 100.0);
        unrouted.routed = false;
        stage.onEvent(unrouted, 4, false);
        assertEquals(0, results.windowRows(), "events from unknown elements do not move the clock");

        stage.onEvent(kpi(3, 1, MINUTE_0 + 60_000, 2.0), 5, false);
        assertEquals(3, results.windowRows());
        assertEquals(4, results.windowSamples);
        assertEquals(5.0 + 1.0 + 7.0 - 2.0, results.windowSum);
        assertEquals(1.0 + 7.0 - 2.0, results.windowMinSum);
        assertEquals(5.0 + 7.0 - 2.0, results.windowMaxSum);

        stage.onEvent(kpi(3, 1, MINUTE_0 + 30_000, 4.0), 6, false);
        stage.onEvent(kpi(3, 1, MINUTE_0 + 120_000, 0.0), 7, false);
        assertEquals(4, results.windowRows(), "the late sample joined the open minute's row");
        assertEquals(6, results.windowSamples);
    }

    @Test
    void shouldSkipMetricsOutsideTheWorkloadAndGrowForLargeNetworks()
    {
        final PeerResults results = new PeerResults();
        final MinuteWindowStage windows = new MinuteWindowStage(results);
        final EwmaAnomalyStage anomaly = new EwmaAnomalyStage(results);
        windows.onEvent(kpi(1, PeerWorkload.MAX_METRICS, MINUTE_0, 1.0), 0, false);
        windows.onEvent(kpi(200_000, 3, MINUTE_0, 1.0), 1, false);
        anomaly.onEvent(kpi(1, PeerWorkload.MAX_METRICS, MINUTE_0, 1.0), 0, false);
        anomaly.onEvent(kpi(200_000, 3, MINUTE_0, 1.0), 1, false);
        windows.onEvent(kpi(1, 0, MINUTE_0 + 60_000, 1.0), 2, false);
        assertEquals(1, results.windowRows(), "only the large network's sample made a row");
        assertEquals(1, results.windowSamples);
        assertEquals("peer-anomaly", anomaly.name());
    }

    @Test
    void shouldFlagASampleFarFromTheWeightedMeanOnlyAfterWarmUp()
    {
        final PeerResults results = new PeerResults();
        final EwmaAnomalyStage stage = new EwmaAnomalyStage(results);
        long time = MINUTE_0;
        for (int i = 0; i < 5; i++)
        {
            stage.onEvent(kpi(2, 0, time += 60_000, 10.0 + (i % 2 == 0 ? 0.5 : -0.5)), i, false);
        }
        stage.onEvent(kpi(2, 0, time += 60_000, 400.0), 5, false);
        assertEquals(0, results.anomalyFlags(), "a spike before warm-up is not flagged");

        for (int i = 6; i < 80; i++)
        {
            stage.onEvent(kpi(2, 0, time += 60_000, 10.0 + (i % 2 == 0 ? 0.5 : -0.5)), i, false);
        }
        final long settled = results.anomalyFlags();
        stage.onEvent(kpi(2, 0, time += 60_000, 10.2), 80, false);
        assertEquals(settled, results.anomalyFlags(), "a sample within the band is not flagged");
        stage.onEvent(kpi(2, 0, time += 60_000, 400.0), 81, false);
        assertEquals(settled + 1, results.anomalyFlags(), "a spike after warm-up is");
        assertEquals(results.anomalyFlags() * (1_000_002L * PeerWorkload.MAX_METRICS), results.anomalyKeySum);

        stage.onEvent(cdr(0, 0, CallResult.ANSWERED, 1, time), 82, false);
        final NetworkEvent unrouted = kpi(2, 0, time, 4000.0);
        unrouted.routed = false;
        stage.onEvent(unrouted, 83, false);
        assertEquals(settled + 1, results.anomalyFlags(), "other messages and unknown elements are ignored");
    }

    @Test
    void shouldGroupCallsByRegionAndServicePerMinute()
    {
        final PeerResults results = new PeerResults();
        final RegionServiceMinuteStage stage = new RegionServiceMinuteStage(results);
        assertEquals("peer-region-service", stage.name());

        stage.onEvent(cdr(5, 0, CallResult.ANSWERED, 100, MINUTE_0), 0, false);
        stage.onEvent(cdr(5, 0, CallResult.DROPPED, 200, MINUTE_0 + 1), 1, false);
        stage.onEvent(cdr(5, 1, CallResult.FAILED, 50, MINUTE_0 + 2), 2, false);
        stage.onEvent(cdr(70_000, 3, CallResult.ANSWERED, 10, MINUTE_0 + 3), 3, false);
        stage.onEvent(cdr(5, PeerWorkload.MAX_SERVICES, CallResult.ANSWERED, 10, MINUTE_0 + 4), 4, false);
        stage.onEvent(kpi(1, 0, MINUTE_0 + 5, 1.0), 5, false);
        for (int region = 100; region < 200; region++)
        {
            stage.onEvent(cdr(region, 2, CallResult.ANSWERED, 1, MINUTE_0 + 6), 6, false);
        }
        assertEquals(0, results.groupRows());

        stage.onEvent(kpi(1, 0, MINUTE_0 + 60_000, 1.0), 7, false);
        assertEquals(103, results.groupRows());
        assertEquals(2 + 1 + 1 + 100, results.groupCalls);
        assertEquals(2, results.groupUnanswered);
        assertEquals(100 + 200 + 50 + 10 + 100, results.groupSetupMs);

        final NetworkEvent unrouted = cdr(5, 0, CallResult.FAILED, 1, MINUTE_0 + 180_000);
        unrouted.routed = false;
        stage.onEvent(unrouted, 8, false);
        stage.onEvent(kpi(1, 0, MINUTE_0 + 240_000, 1.0), 9, false);
        assertEquals(103, results.groupRows(), "an empty minute emits nothing; unknown elements count nowhere");
    }

    @Test
    void shouldAgreeOnlyWhenEveryTotalMatches()
    {
        final PeerResults a = new PeerResults();
        final PeerResults b = new PeerResults();
        a.windowRow(2, 1.0, 0.25, 0.75);
        b.windowRow(2, 1.0 + 1e-13, 0.25, 0.75);
        a.anomaly(7, 1);
        b.anomaly(7, 1);
        a.groupRow(3, 1, 30);
        b.groupRow(3, 1, 30);
        assertTrue(a.agrees(b), "sums may differ in the last places");
        assertTrue(a.toString().contains("1 anomaly flags"));

        b.anomaly(8, 1);
        assertFalse(a.agrees(b));
        final PeerResults c = new PeerResults();
        c.windowRow(2, 1.1, 0.25, 0.75);
        c.anomaly(7, 1);
        c.groupRow(3, 1, 30);
        assertFalse(a.agrees(c));
        assertEquals(1, a.groupRows());
        assertTrue(a.writeTo(new io.netpulse.app.JsonWriter()).toString().contains("\"anomalyFlags\":1"));
    }

    @Test
    void shouldComputeOnEsperExactlyWhatTheNetpulseStagesCompute()
    {
        final Corpus corpus = Corpus.generate(GeneratorConfig.defaults(40, 40_000, 5), 500);
        final EsperPeer peer = new EsperPeer();
        final EsperPeer.Run run = peer.run(corpus);
        assertEquals(corpus.validDataEvents(), run.events());
        assertTrue(run.eventsPerSecond() > 0);

        final PeerResults netpulse = new PeerResults();
        try (Engine engine = Engine.builder()
            .stage(context -> new MinuteWindowStage(netpulse))
            .stage(context -> new EwmaAnomalyStage(netpulse))
            .stage(context -> new RegionServiceMinuteStage(netpulse))
            .build())
        {
            final EventPublisher publisher = engine.newPublisher("corpus");
            assertEquals(corpus.length(), publisher.publishStream(corpus.buffer(), 0, corpus.length(), true));
        }
        assertTrue(run.results().anomalyFlags() > 0, "the faults are flagged: " + run.results());
        assertTrue(run.results().groupRows() > 0);
        assertTrue(netpulse.agrees(run.results()), "netpulse " + netpulse + "; esper " + run.results());

        final EsperPeer.Run textbook = new EsperPeer(EsperPeer.EPL_TIME_BATCH).run(corpus);
        assertTrue(netpulse.agrees(textbook.results()), "time_batch formulation " + textbook.results());

        final Path journal = dir.resolve("journal");
        final EsperPeer.Run journaled = peer.run(corpus, journal);
        assertTrue(journaled.journaled());
        assertFalse(run.journaled());
        assertTrue(netpulse.agrees(journaled.results()));
        try (InputJournalReader reader = new InputJournalReader(journal))
        {
            assertEquals(corpus.validDataEvents() + corpus.prefixFrames(),
                reader.read(0, Long.MAX_VALUE, (sequence, sourceId, buffer, offset, length) -> true),
                "every accepted frame");
        }
    }
}
