/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec;

import io.netpulse.codec.sbe.CallDetailRecordDecoder;
import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.Comparison;
import io.netpulse.codec.sbe.ConfigOp;
import io.netpulse.codec.sbe.FlowRecordDecoder;
import io.netpulse.codec.sbe.KpiSampleDecoder;
import io.netpulse.codec.sbe.MetricDefinitionDecoder;
import io.netpulse.codec.sbe.MetricKind;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.QosMeasurementDecoder;
import io.netpulse.codec.sbe.ServiceType;
import io.netpulse.codec.sbe.SlaKpi;
import io.netpulse.codec.sbe.SlaRuleUpdateDecoder;
import io.netpulse.codec.sbe.TopologyOp;
import io.netpulse.codec.sbe.TopologyUpdateDecoder;
import io.netpulse.codec.sbe.WindowSpecUpdateDecoder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

import static io.netpulse.codec.FrameDescriptor.BODY_OFFSET;
import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Every message type survives encode, frame, check and decode with random field values, on heap and
 * off-heap buffers, at any offset.
 */
class FrameRoundTripPropertyTest
{
    private static final long MIN_TIME = EventValidator.DEFAULT_MIN_EVENT_TIME_MS;
    private static final long MAX_TIME = EventValidator.DEFAULT_MAX_EVENT_TIME_MS - 1;

    private final EventFrameEncoder encoder = new EventFrameEncoder();
    private final FrameDecoder frameDecoder = new FrameDecoder();
    private final EventValidator validator = new EventValidator();

    private UnsafeBuffer buffer(final boolean direct)
    {
        return direct ?
            new UnsafeBuffer(ByteBuffer.allocateDirect(4 * FrameDescriptor.MAX_FRAME_LENGTH)) :
            new UnsafeBuffer(new byte[4 * FrameDescriptor.MAX_FRAME_LENGTH]);
    }

    private void assertValidFrame(
        final UnsafeBuffer buffer, final int offset, final int length, final MessageType expectedType)
    {
        assertEquals(FrameDecoder.FRAME, frameDecoder.decode(buffer, offset, length), "status");
        assertEquals(length, frameDecoder.frameLength());
        assertEquals(expectedType, frameDecoder.messageType());
        assertNull(validator.validate(buffer, offset, frameDecoder));
    }

    @Property(tries = 300)
    void kpiSampleRoundTrips(
        @ForAll final boolean direct,
        @ForAll @IntRange(max = 100) final int offset,
        @ForAll @LongRange(min = MIN_TIME, max = MAX_TIME) final long eventTimeMs,
        @ForAll final long elementId,
        @ForAll @IntRange(min = 0) final int metricId,
        @ForAll final double value,
        @ForAll @IntRange(max = 15) final int quality)
    {
        final double finite = Double.isFinite(value) ? value : 0.0;
        final UnsafeBuffer buffer = buffer(direct);
        final int length = encoder.kpiSample(buffer, offset, eventTimeMs, elementId, metricId, finite, quality);
        assertValidFrame(buffer, offset, length, MessageType.KPI_SAMPLE);

        final KpiSampleDecoder decoder = new KpiSampleDecoder().wrap(
            buffer, offset + BODY_OFFSET, frameDecoder.actingBlockLength(), frameDecoder.actingVersion());
        assertEquals(eventTimeMs, decoder.eventTimeMs());
        assertEquals(elementId, decoder.elementId());
        assertEquals(metricId, decoder.metricId());
        assertEquals(Double.doubleToRawLongBits(finite), Double.doubleToRawLongBits(decoder.value()));
        assertEquals(quality, decoder.quality().getRaw());
    }

    @Property(tries = 300)
    void callDetailRecordRoundTrips(
        @ForAll final boolean direct,
        @ForAll @LongRange(min = MIN_TIME, max = MAX_TIME) final long eventTimeMs,
        @ForAll final long cdrId,
        @ForAll final long elementId,
        @ForAll @IntRange(max = 3) final int service,
        @ForAll @IntRange(max = 4) final int result,
        @ForAll @IntRange(max = 65535) final int releaseCause,
        @ForAll @IntRange(min = 0) final int setupMs,
        @ForAll @IntRange(min = 0) final int durationMs,
        @ForAll @IntRange(min = 100, max = 500) final int mosX100,
        @ForAll @LongRange(min = 0) final long bytesUp,
        @ForAll @LongRange(min = 0) final long bytesDown,
        @ForAll final long callerHash,
        @ForAll final long calleeHash)
    {
        final UnsafeBuffer buffer = buffer(direct);
        final int length = encoder.callDetailRecord(
            buffer, 0, eventTimeMs, cdrId, elementId, ServiceType.get((short)service), CallResult.get((short)result),
            releaseCause, setupMs, durationMs, mosX100, bytesUp, bytesDown, callerHash, calleeHash);
        assertValidFrame(buffer, 0, length, MessageType.CALL_DETAIL_RECORD);

        final CallDetailRecordDecoder decoder = new CallDetailRecordDecoder().wrap(
            buffer, BODY_OFFSET, frameDecoder.actingBlockLength(), frameDecoder.actingVersion());
        assertEquals(eventTimeMs, decoder.eventTimeMs());
        assertEquals(cdrId, decoder.cdrId());
        assertEquals(elementId, decoder.elementId());
        assertEquals(service, decoder.serviceTypeRaw());
        assertEquals(result, decoder.resultRaw());
        assertEquals(releaseCause, decoder.releaseCause());
        assertEquals(setupMs, decoder.setupMs());
        assertEquals(durationMs, decoder.durationMs());
        assertEquals(mosX100, decoder.mosX100());
        assertEquals(bytesUp, decoder.bytesUp());
        assertEquals(bytesDown, decoder.bytesDown());
        assertEquals(callerHash, decoder.callerHash());
        assertEquals(calleeHash, decoder.calleeHash());
    }

    @Property(tries = 300)
    void flowRecordRoundTrips(
        @ForAll final boolean direct,
        @ForAll @LongRange(min = MIN_TIME, max = MAX_TIME) final long eventTimeMs,
        @ForAll final long elementId,
        @ForAll final long srcHi,
        @ForAll final long srcLo,
        @ForAll final long dstHi,
        @ForAll final long dstLo,
        @ForAll @IntRange(max = 65535) final int srcPort,
        @ForAll @IntRange(max = 65535) final int dstPort,
        @ForAll @IntRange(max = 254) final int protocol,
        @ForAll @IntRange(max = 63) final int dscp,
        @ForAll @LongRange(min = 0) final long bytes,
        @ForAll @LongRange(min = 0) final long packets,
        @ForAll @IntRange(min = 0) final int durationMs)
    {
        final UnsafeBuffer buffer = buffer(direct);
        final int length = encoder.flowRecord(
            buffer, 7, eventTimeMs, elementId, srcHi, srcLo, dstHi, dstLo, srcPort, dstPort, protocol, dscp,
            bytes, packets, durationMs);
        assertValidFrame(buffer, 7, length, MessageType.FLOW_RECORD);

        final FlowRecordDecoder decoder = new FlowRecordDecoder().wrap(
            buffer, 7 + BODY_OFFSET, frameDecoder.actingBlockLength(), frameDecoder.actingVersion());
        assertEquals(eventTimeMs, decoder.eventTimeMs());
        assertEquals(elementId, decoder.elementId());
        final int body = 7 + BODY_OFFSET;
        assertEquals(srcHi, buffer.getLong(body + FlowRecordDecoder.srcAddressEncodingOffset(), BIG_ENDIAN));
        assertEquals(srcLo, buffer.getLong(body + FlowRecordDecoder.srcAddressEncodingOffset() + 8, BIG_ENDIAN));
        assertEquals(dstHi, buffer.getLong(body + FlowRecordDecoder.dstAddressEncodingOffset(), BIG_ENDIAN));
        assertEquals(dstLo, buffer.getLong(body + FlowRecordDecoder.dstAddressEncodingOffset() + 8, BIG_ENDIAN));
        assertEquals((short)(srcHi >>> 56), decoder.srcAddress(0));
        assertEquals(srcPort, decoder.srcPort());
        assertEquals(dstPort, decoder.dstPort());
        assertEquals(protocol, decoder.protocol());
        assertEquals(dscp, decoder.dscp());
        assertEquals(bytes, decoder.bytes());
        assertEquals(packets, decoder.packets());
        assertEquals(durationMs, decoder.durationMs());
    }

    @Property(tries = 300)
    void qosMeasurementRoundTrips(
        @ForAll final boolean direct,
        @ForAll @LongRange(min = MIN_TIME, max = MAX_TIME) final long eventTimeMs,
        @ForAll final long elementId,
        @ForAll @IntRange(max = 3) final int service,
        @ForAll @IntRange(min = 0) final int latencyUs,
        @ForAll @IntRange(min = 0) final int jitterUs,
        @ForAll @IntRange(min = 0, max = 1_000_000) final int lossPpm,
        @ForAll @LongRange(min = 0) final long throughputKbps)
    {
        final UnsafeBuffer buffer = buffer(direct);
        final int length = encoder.qosMeasurement(
            buffer, 3, eventTimeMs, elementId, ServiceType.get((short)service), latencyUs, jitterUs, lossPpm,
            throughputKbps);
        assertValidFrame(buffer, 3, length, MessageType.QOS_MEASUREMENT);

        final QosMeasurementDecoder decoder = new QosMeasurementDecoder().wrap(
            buffer, 3 + BODY_OFFSET, frameDecoder.actingBlockLength(), frameDecoder.actingVersion());
        assertEquals(eventTimeMs, decoder.eventTimeMs());
        assertEquals(elementId, decoder.elementId());
        assertEquals(service, decoder.serviceTypeRaw());
        assertEquals(latencyUs, decoder.latencyUs());
        assertEquals(jitterUs, decoder.jitterUs());
        assertEquals(lossPpm, decoder.lossPpm());
        assertEquals(throughputKbps, decoder.throughputKbps());
    }

    @Property(tries = 200)
    void topologyUpdateRoundTrips(
        @ForAll final boolean direct,
        @ForAll @LongRange(min = 1) final long elementId,
        @ForAll @LongRange(min = -1000, max = 0) final long parentId,
        @ForAll @IntRange(max = 3) final int level,
        @ForAll @IntRange(max = 3) final int op,
        @ForAll @IntRange(min = 0) final int expectedIntervalMs,
        @ForAll @StringLength(max = 40) @CharRange(from = ' ', to = '\u07FF') final String name,
        @ForAll @StringLength(max = 40) @CharRange(from = ' ', to = '\u07FF') final String equipmentClass,
        @ForAll @StringLength(max = 40) @CharRange(from = ' ', to = '\u07FF') final String vendor)
    {
        final UnsafeBuffer buffer = buffer(direct);
        final int length = encoder.topologyUpdate(
            buffer, 0, 0, elementId, parentId, NodeLevel.get((short)level), TopologyOp.get((short)op),
            expectedIntervalMs, name, equipmentClass, vendor);
        assertValidFrame(buffer, 0, length, MessageType.TOPOLOGY_UPDATE);

        final TopologyUpdateDecoder decoder = new TopologyUpdateDecoder().wrap(
            buffer, BODY_OFFSET, frameDecoder.actingBlockLength(), frameDecoder.actingVersion());
        assertEquals(elementId, decoder.elementId());
        assertEquals(parentId, decoder.parentId());
        assertEquals(level, decoder.levelRaw());
        assertEquals(op, decoder.opRaw());
        assertEquals(expectedIntervalMs, decoder.expectedIntervalMs());
        assertEquals(name, decoder.name());
        assertEquals(equipmentClass, decoder.equipmentClass());
        assertEquals(vendor, decoder.vendor());
    }

    @Property(tries = 200)
    void controlMessagesRoundTrip(
        @ForAll final long ruleId,
        @ForAll @IntRange(max = 9) final int kpi,
        @ForAll final double threshold,
        @ForAll @LongRange(min = 1) final long periodMs,
        @ForAll @IntRange(min = -1) final int metricId,
        @ForAll @IntRange(min = 1, max = EventValidator.MAX_BUCKET_COUNT) final int bucketCount,
        @ForAll @StringLength(max = 60) @CharRange(from = ' ', to = '\u07FF') final String name)
    {
        final double finiteThreshold = Double.isFinite(threshold) ? threshold : 1.0;
        final UnsafeBuffer buffer = buffer(false);
        int length = encoder.slaRuleUpdate(
            buffer, 0, MIN_TIME, ruleId, ConfigOp.PUT, ServiceType.NULL_VAL, SlaKpi.get((short)kpi),
            NodeLevel.REGION, 42, Comparison.BELOW, finiteThreshold, periodMs, 10, metricId, name);
        assertValidFrame(buffer, 0, length, MessageType.SLA_RULE_UPDATE);
        final SlaRuleUpdateDecoder rule = new SlaRuleUpdateDecoder().wrap(
            buffer, BODY_OFFSET, frameDecoder.actingBlockLength(), frameDecoder.actingVersion());
        assertEquals(ruleId, rule.ruleId());
        assertEquals(kpi, rule.kpiRaw());
        assertEquals(ServiceType.NULL_VAL, rule.serviceType());
        assertEquals(finiteThreshold, rule.threshold());
        assertEquals(periodMs, rule.periodMs());
        assertEquals(metricId, rule.metricId());
        assertEquals(name, rule.name());

        length = encoder.windowSpecUpdate(buffer, 0, 0, metricId, ConfigOp.PUT, periodMs, bucketCount, 5_000);
        assertValidFrame(buffer, 0, length, MessageType.WINDOW_SPEC_UPDATE);
        final WindowSpecUpdateDecoder spec = new WindowSpecUpdateDecoder().wrap(
            buffer, BODY_OFFSET, frameDecoder.actingBlockLength(), frameDecoder.actingVersion());
        assertEquals(metricId, spec.metricId());
        assertEquals(periodMs, spec.resolutionMs());
        assertEquals(bucketCount, spec.bucketCount());
        assertEquals(5_000, spec.allowedLatenessMs());

        length = encoder.metricDefinition(
            buffer, 0, 0, Math.max(0, metricId), MetricKind.LATENCY, ConfigOp.PUT, name, "ms");
        assertValidFrame(buffer, 0, length, MessageType.METRIC_DEFINITION);
        final MetricDefinitionDecoder metric = new MetricDefinitionDecoder().wrap(
            buffer, BODY_OFFSET, frameDecoder.actingBlockLength(), frameDecoder.actingVersion());
        assertEquals(Math.max(0, metricId), metric.metricId());
        assertEquals(MetricKind.LATENCY, metric.kind());
        assertEquals(name, metric.name());
        assertEquals("ms", metric.unit());
    }
}
