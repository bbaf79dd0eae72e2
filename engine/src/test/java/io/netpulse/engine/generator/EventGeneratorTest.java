/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.generator;

import io.netpulse.codec.EventValidator;
import io.netpulse.codec.FrameDecoder;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.FrameHandler;
import io.netpulse.codec.FrameScanner;
import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.sbe.KpiSampleDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventGeneratorTest
{
    @TempDir
    Path dir;

    private static byte[] bytes(final GeneratorConfig config)
    {
        final EventGenerator generator = new EventGenerator(config);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocate(64 << 20));
        int position = 0;
        int length;
        while ((length = generator.next(buffer, position)) > 0)
        {
            position += length;
        }
        return Arrays.copyOf(buffer.byteArray(), position);
    }

    @Test
    void shouldBeDeterministicBySeed()
    {
        final GeneratorConfig config = GeneratorConfig.defaults(200, 50_000, 5);
        assertArrayEquals(bytes(config), bytes(config));
        assertFalse(Arrays.equals(bytes(config), bytes(GeneratorConfig.defaults(200, 50_000, 6))));
    }

    /** Checks every frame of a stream as the engine's edge would. */
    private static final class Census implements FrameHandler
    {
        final EventValidator validator = new EventValidator();
        final long[] valid = new long[MessageType.values().length];
        final long[] rejected = new long[RejectReason.count()];
        long outOfOrder;
        long lastKpiTimeMs;
        double maxTraffic;
        double minCpu = Double.MAX_VALUE;
        double maxCpu;
        final KpiSampleDecoder kpi = new KpiSampleDecoder();

        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final FrameDecoder decoder)
        {
            final RejectReason reason = validator.validate(buffer, offset, decoder);
            if (null != reason)
            {
                rejected[reason.id()]++;
                return;
            }
            valid[decoder.messageType().ordinal()]++;
            if (decoder.messageType() == MessageType.KPI_SAMPLE)
            {
                kpi.wrap(buffer, offset + FrameDescriptor.BODY_OFFSET, decoder.actingBlockLength(),
                    decoder.actingVersion());
                if (kpi.eventTimeMs() < lastKpiTimeMs)
                {
                    outOfOrder++;
                }
                lastKpiTimeMs = Math.max(lastKpiTimeMs, kpi.eventTimeMs());
                if (kpi.metricId() == SyntheticMetric.TRAFFIC_MBPS.id())
                {
                    maxTraffic = Math.max(maxTraffic, kpi.value());
                }
                if (kpi.metricId() == SyntheticMetric.CPU_UTIL.id())
                {
                    minCpu = Math.min(minCpu, kpi.value());
                    maxCpu = Math.max(maxCpu, kpi.value());
                }
            }
        }

        public void onReject(final RejectReason reason, final DirectBuffer buffer, final int offset, final int length)
        {
            rejected[reason.id()]++;
        }
    }

    @Test
    void shouldProduceWhatItsStatisticsSay()
    {
        final GeneratorConfig config = GeneratorConfig.defaults(500, 300_000, 9).withCorruptFraction(0.003)
            .withOutOfOrder(0.01, 500);
        final EventGenerator generator = new EventGenerator(config);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocate(64 << 20));
        int position = 0;
        int length;
        while ((length = generator.next(buffer, position)) > 0)
        {
            position += length;
        }
        assertEquals(0, generator.next(buffer, position), "stays finished");

        final Census census = new Census();
        new FrameScanner().scan(buffer, 0, position, true, census);
        final GeneratorStats stats = generator.stats();
        for (final MessageType type : MessageType.values())
        {
            assertEquals(stats.valid(type), census.valid[type.ordinal()], type.name());
        }
        for (final RejectReason reason : RejectReason.values())
        {
            assertEquals(stats.corrupted(reason), census.rejected[reason.id()], reason.name());
        }
        assertEquals(300_000, stats.validData());
        assertTrue(stats.corrupted() > 500);
        assertEquals(4, stats.corruptedByReason().size());
        assertTrue(stats.delayed() > 1000, "delayed " + stats.delayed());
        assertTrue(census.outOfOrder > 0, "delayed frames arrive out of order");
        assertEquals(generator.topology().size(), stats.valid(MessageType.TOPOLOGY_UPDATE));
        assertEquals(SyntheticMetric.values().length, stats.valid(MessageType.METRIC_DEFINITION));
        assertTrue(census.minCpu >= 0 && census.maxCpu <= 100);
        assertTrue(stats.firstEventTimeMs() >= config.startTimeMs());
        assertTrue(stats.lastEventTimeMs() < generator.endTimeMs());
        final double mix = (double)stats.valid(MessageType.CALL_DETAIL_RECORD) / stats.valid(MessageType.KPI_SAMPLE);
        assertEquals(0.40, mix, 0.02);
    }

    @Test
    void shouldScheduleLabelledFaultsInsideTheRun() throws Exception
    {
        final GeneratorConfig config = GeneratorConfig.defaults(2000, 2_000_000, 3);
        final EventGenerator generator = new EventGenerator(config);
        final List<Fault> faults = generator.faults();
        assertEquals(1, faults.stream().filter(f -> f.kind() == FaultKind.MASS_EVENT).count());
        assertEquals(4, faults.stream().filter(f -> f.kind() == FaultKind.DEGRADATION).count());
        assertEquals(4, faults.stream().filter(f -> f.kind() == FaultKind.CONGESTION).count());
        assertEquals(2, faults.stream().filter(f -> f.kind() == FaultKind.OUTAGE).count());
        assertEquals(2, faults.stream().filter(f -> f.kind() == FaultKind.DATA_GAP).count());
        for (final Fault fault : faults)
        {
            assertTrue(fault.startTimeMs() >= config.startTimeMs(), fault.toString());
            assertTrue(fault.endTimeMs() <= generator.endTimeMs(), fault.toString());
            assertTrue(fault.endTimeMs() > fault.startTimeMs());
            assertTrue(fault.activeAt(fault.startTimeMs()));
            assertFalse(fault.activeAt(fault.endTimeMs()));
        }

        final Path labels = dir.resolve("labels.ndjson");
        generator.writeLabels(labels);
        final List<String> lines = Files.readAllLines(labels);
        assertEquals(faults.size(), lines.size());
        assertTrue(lines.get(0).startsWith("{\"kind\":\"mass_event\",\"scope\":\"region\",\"id\":"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"kind\":\"outage\"") && l.contains("\"metric\":null")));
    }

    @Test
    void shouldSilenceElementsDuringOutages()
    {
        final GeneratorConfig config = GeneratorConfig.defaults(100, 400_000, 8).withCorruptFraction(0)
            .withOutOfOrder(0, 1);
        final EventGenerator generator = new EventGenerator(config);
        final Fault outage = generator.faults().stream().filter(f -> f.kind() == FaultKind.OUTAGE).findFirst()
            .orElseThrow();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);
        final FrameDecoder decoder = new FrameDecoder();
        final KpiSampleDecoder kpi = new KpiSampleDecoder();
        long during = 0;
        long before = 0;
        while (generator.next(buffer, 0) > 0)
        {
            assertEquals(FrameDecoder.FRAME, decoder.decode(buffer, 0, FrameDescriptor.MAX_FRAME_LENGTH));
            if (decoder.messageType() == MessageType.KPI_SAMPLE)
            {
                kpi.wrap(buffer, FrameDescriptor.BODY_OFFSET, decoder.actingBlockLength(), decoder.actingVersion());
                if (kpi.elementId() == outage.scopeId())
                {
                    if (outage.activeAt(kpi.eventTimeMs()))
                    {
                        during++;
                    }
                    else if (kpi.eventTimeMs() < outage.startTimeMs())
                    {
                        before++;
                    }
                }
            }
        }
        assertEquals(0, during);
        assertTrue(before > 0);
    }

    @Test
    void shouldLayOutTheNetwork()
    {
        final SyntheticNetwork network = new SyntheticNetwork(10_000, 1, 60_000);
        assertEquals(8, network.regions());
        assertEquals(250, network.sites());
        assertEquals(0, network.regionOf(0));
        assertEquals(7, network.regionOf(9_999));
        assertEquals(network.regions() + network.sites() + 10_000, network.nodes().size());
        assertEquals(1_000_001, SyntheticNetwork.elementId(0));
        assertEquals(10_001, SyntheticNetwork.siteId(0));
        assertEquals(101, SyntheticNetwork.regionId(0));
        assertTrue(network.isRadio(0) || !network.isRadio(0));
        assertNotNull(network.vendor(5));

        final SyntheticNetwork tiny = new SyntheticNetwork(3, 1, 60_000);
        assertEquals(1, tiny.regions());
        assertEquals(3, tiny.elements());
    }

    @Test
    void shouldNameMetricsAndKinds()
    {
        assertEquals(SyntheticMetric.LATENCY_MS, SyntheticMetric.byName("latency_ms"));
        assertNull(SyntheticMetric.byName("nope"));
        assertEquals(SyntheticMetric.CPU_UTIL, SyntheticMetric.get(0));
        assertNull(SyntheticMetric.get(99));
        assertNull(SyntheticMetric.get(-1));
        assertEquals("%", SyntheticMetric.CPU_UTIL.unit());
        assertEquals("mass_event", FaultKind.MASS_EVENT.label());
    }

    @Test
    void shouldRefuseBadConfigurations()
    {
        final GeneratorConfig ok = GeneratorConfig.defaults(10, 10, 1);
        assertThrows(IllegalArgumentException.class, () -> GeneratorConfig.defaults(0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> GeneratorConfig.defaults(10, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> ok.withKpiIntervalMs(10));
        assertThrows(IllegalArgumentException.class, () -> ok.withCorruptFraction(1.0));
        assertThrows(IllegalArgumentException.class, () -> ok.withOutOfOrder(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> ok.withMix(-1, 0, 0));
        assertEquals(1, ok.rounds());
        assertEquals(5_000, ok.withStartTimeMs(5_000).startTimeMs());
        assertFalse(ok.withFaults(false, 0).faults());
        assertEquals(0.2, ok.withMix(0.2, 0.1, 0).cdrPerKpi());
    }
}
