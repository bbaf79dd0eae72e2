/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec;

import io.netpulse.codec.sbe.CallDetailRecordEncoder;
import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.Comparison;
import io.netpulse.codec.sbe.ConfigOp;
import io.netpulse.codec.sbe.MetricKind;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.QosMeasurementEncoder;
import io.netpulse.codec.sbe.ServiceType;
import io.netpulse.codec.sbe.SlaKpi;
import io.netpulse.codec.sbe.TopologyOp;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.netpulse.codec.FrameDescriptor.BODY_OFFSET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EventValidatorTest
{
    private static final long T = 1_767_225_600_000L;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final EventFrameEncoder encoder = new EventFrameEncoder();
    private final FrameDecoder decoder = new FrameDecoder();
    private final EventValidator validator = new EventValidator();

    private RejectReason check(final int length)
    {
        assertEquals(FrameDecoder.FRAME, decoder.decode(buffer, 0, length));
        return validator.validate(buffer, 0, decoder);
    }

    private RejectReason kpi(final long time, final double value, final int metricId)
    {
        return check(encoder.kpiSample(buffer, 0, time, 1, metricId, value, 0));
    }

    private RejectReason cdr(
        final ServiceType service, final int setupMs, final int durationMs, final int mos, final long bytes)
    {
        return check(encoder.callDetailRecord(
            buffer, 0, T, 1, 2, service, CallResult.ANSWERED, 16, setupMs, durationMs, mos, bytes, bytes, 1, 2));
    }

    private RejectReason qos(final int latencyUs, final int lossPpm)
    {
        return check(encoder.qosMeasurement(buffer, 0, T, 1, ServiceType.VOICE, latencyUs, 10, lossPpm, 1000));
    }

    @Test
    void shouldAcceptSaneKpi()
    {
        assertNull(kpi(T, 1.5, 3));
    }

    @Test
    void shouldRejectNonFiniteValues()
    {
        assertEquals(RejectReason.VALUE_NOT_FINITE, kpi(T, Double.NaN, 1));
        assertEquals(RejectReason.VALUE_NOT_FINITE, kpi(T, Double.POSITIVE_INFINITY, 1));
        assertEquals(RejectReason.VALUE_NOT_FINITE, kpi(T, Double.NEGATIVE_INFINITY, 1));
    }

    @Test
    void shouldRejectTimestampsOutOfRange()
    {
        assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, kpi(0, 1, 1));
        assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, kpi(EventValidator.DEFAULT_MIN_EVENT_TIME_MS - 1, 1, 1));
        assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, kpi(EventValidator.DEFAULT_MAX_EVENT_TIME_MS, 1, 1));
        assertNull(kpi(EventValidator.DEFAULT_MIN_EVENT_TIME_MS, 1, 1));
    }

    @Test
    void shouldRejectNegativeMetricId()
    {
        assertEquals(RejectReason.VALUE_OUT_OF_RANGE, kpi(T, 1, -1));
    }

    @Test
    void shouldCheckCallDetailRecords()
    {
        assertNull(cdr(ServiceType.VOICE, 100, 1000, 420, 10));
        assertNull(cdr(ServiceType.VOICE, 100, 1000, 0, 10));
        assertEquals(RejectReason.NEGATIVE_VALUE, cdr(ServiceType.VOICE, -1, 1000, 420, 10));
        assertEquals(RejectReason.NEGATIVE_VALUE, cdr(ServiceType.VOICE, 1, -1000, 420, 10));
        assertEquals(RejectReason.NEGATIVE_VALUE, cdr(ServiceType.VOICE, 1, 1000, 420, -10));
        assertEquals(RejectReason.VALUE_OUT_OF_RANGE, cdr(ServiceType.VOICE, 1, 1000, 99, 10));
        assertEquals(RejectReason.VALUE_OUT_OF_RANGE, cdr(ServiceType.VOICE, 1, 1000, 501, 10));

        final int length = encoder.callDetailRecord(
            buffer, 0, T, 1, 2, ServiceType.VOICE, CallResult.ANSWERED, 16, 1, 1, 0, 1, 1, 1, 2);
        buffer.putByte(BODY_OFFSET + CallDetailRecordEncoder.serviceTypeEncodingOffset(), (byte)9);
        encoder.seal(buffer, 0, length - FrameDescriptor.MIN_FRAME_LENGTH);
        assertEquals(RejectReason.ENUM_OUT_OF_RANGE, check(length));

        buffer.putByte(BODY_OFFSET + CallDetailRecordEncoder.serviceTypeEncodingOffset(), (byte)0);
        buffer.putByte(BODY_OFFSET + CallDetailRecordEncoder.resultEncodingOffset(), (byte)5);
        encoder.seal(buffer, 0, length - FrameDescriptor.MIN_FRAME_LENGTH);
        assertEquals(RejectReason.ENUM_OUT_OF_RANGE, check(length));

        assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, check(encoder.callDetailRecord(
            buffer, 0, 5, 1, 2, ServiceType.VOICE, CallResult.ANSWERED, 16, 1, 1, 0, 1, 1, 1, 2)));
    }

    @Test
    void shouldCheckFlows()
    {
        assertNull(check(encoder.flowRecord(buffer, 0, T, 1, 0, 1, 0, 2, 80, 443, 6, 0, 10, 1, 5)));
        assertEquals(RejectReason.NEGATIVE_VALUE,
            check(encoder.flowRecord(buffer, 0, T, 1, 0, 1, 0, 2, 80, 443, 6, 0, -10, 1, 5)));
        assertEquals(RejectReason.NEGATIVE_VALUE,
            check(encoder.flowRecord(buffer, 0, T, 1, 0, 1, 0, 2, 80, 443, 6, 0, 10, -1, 5)));
        assertEquals(RejectReason.NEGATIVE_VALUE,
            check(encoder.flowRecord(buffer, 0, T, 1, 0, 1, 0, 2, 80, 443, 6, 0, 10, 1, -5)));
        assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE,
            check(encoder.flowRecord(buffer, 0, -1, 1, 0, 1, 0, 2, 80, 443, 6, 0, 10, 1, 5)));
    }

    @Test
    void shouldCheckQos()
    {
        assertNull(qos(100, 0));
        assertNull(qos(100, EventValidator.MAX_LOSS_PPM));
        assertEquals(RejectReason.NEGATIVE_VALUE, qos(-1, 0));
        assertEquals(RejectReason.NEGATIVE_VALUE, qos(1, -1));
        assertEquals(RejectReason.VALUE_OUT_OF_RANGE, qos(1, EventValidator.MAX_LOSS_PPM + 1));
        assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE,
            check(encoder.qosMeasurement(buffer, 0, 1, 1, ServiceType.VOICE, 1, 1, 1, 1)));

        final int length = encoder.qosMeasurement(buffer, 0, T, 1, ServiceType.VOICE, 1, 1, 1, 1);
        buffer.putByte(BODY_OFFSET + QosMeasurementEncoder.serviceTypeEncodingOffset(), (byte)200);
        encoder.seal(buffer, 0, length - FrameDescriptor.MIN_FRAME_LENGTH);
        assertEquals(RejectReason.ENUM_OUT_OF_RANGE, check(length));
    }

    @Test
    void shouldCheckTopologyUpdates()
    {
        assertNull(check(encoder.topologyUpdate(
            buffer, 0, 0, 10, 1, NodeLevel.ELEMENT, TopologyOp.ADD, 60_000, "cell-10", "gNodeB", "Nokia")));
        assertEquals(RejectReason.VALUE_OUT_OF_RANGE, check(encoder.topologyUpdate(
            buffer, 0, 0, 0, 1, NodeLevel.ELEMENT, TopologyOp.ADD, 0, "root?", "", "")));
        assertEquals(RejectReason.VALUE_OUT_OF_RANGE, check(encoder.topologyUpdate(
            buffer, 0, 0, 4, 4, NodeLevel.ELEMENT, TopologyOp.ADD, 0, "self-parent", "", "")));
        assertEquals(RejectReason.NEGATIVE_VALUE, check(encoder.topologyUpdate(
            buffer, 0, 0, 4, 1, NodeLevel.ELEMENT, TopologyOp.ADD, -1, "x", "", "")));
        assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, check(encoder.topologyUpdate(
            buffer, 0, 17, 4, 1, NodeLevel.ELEMENT, TopologyOp.ADD, 0, "x", "", "")));
        assertEquals(RejectReason.ENUM_OUT_OF_RANGE, check(encoder.topologyUpdate(
            buffer, 0, 0, 4, 1, NodeLevel.NULL_VAL, TopologyOp.ADD, 0, "x", "", "")));
        assertEquals(RejectReason.ENUM_OUT_OF_RANGE, check(encoder.topologyUpdate(
            buffer, 0, 0, 4, 1, NodeLevel.SITE, TopologyOp.NULL_VAL, 0, "x", "", "")));
    }

    @Test
    void shouldCheckSlaRules()
    {
        assertNull(slaRule(ConfigOp.PUT, ServiceType.NULL_VAL, SlaKpi.MOS, Comparison.BELOW, 3.5, 60_000, 1));
        assertNull(slaRule(ConfigOp.REMOVE, ServiceType.DATA, SlaKpi.MOS, Comparison.ABOVE, 3.5, 60_000, 0));
        assertEquals(RejectReason.ENUM_OUT_OF_RANGE,
            slaRule(ConfigOp.NULL_VAL, ServiceType.VOICE, SlaKpi.MOS, Comparison.BELOW, 3.5, 60_000, 1));
        assertEquals(RejectReason.ENUM_OUT_OF_RANGE,
            slaRule(ConfigOp.PUT, ServiceType.VOICE, SlaKpi.NULL_VAL, Comparison.BELOW, 3.5, 60_000, 1));
        assertEquals(RejectReason.ENUM_OUT_OF_RANGE,
            slaRule(ConfigOp.PUT, ServiceType.VOICE, SlaKpi.MOS, Comparison.NULL_VAL, 3.5, 60_000, 1));
        assertEquals(RejectReason.VALUE_NOT_FINITE,
            slaRule(ConfigOp.PUT, ServiceType.VOICE, SlaKpi.MOS, Comparison.BELOW, Double.NaN, 60_000, 1));
        assertEquals(RejectReason.VALUE_OUT_OF_RANGE,
            slaRule(ConfigOp.PUT, ServiceType.VOICE, SlaKpi.MOS, Comparison.BELOW, 3.5, 0, 1));
        assertEquals(RejectReason.VALUE_OUT_OF_RANGE,
            slaRule(ConfigOp.PUT, ServiceType.VOICE, SlaKpi.MOS, Comparison.BELOW, 3.5, 10, -1));
        assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, check(encoder.slaRuleUpdate(
            buffer, 0, 3, 1, ConfigOp.PUT, ServiceType.VOICE, SlaKpi.MOS, NodeLevel.REGION, 1, Comparison.BELOW,
            1, 1, 1, 0, "r")));
        assertEquals(RejectReason.ENUM_OUT_OF_RANGE, check(encoder.slaRuleUpdate(
            buffer, 0, 0, 1, ConfigOp.PUT, ServiceType.VOICE, SlaKpi.MOS, NodeLevel.NULL_VAL, 1, Comparison.BELOW,
            1, 1, 1, 0, "r")));
    }

    private RejectReason slaRule(
        final ConfigOp op,
        final ServiceType service,
        final SlaKpi kpi,
        final Comparison comparison,
        final double threshold,
        final long periodMs,
        final int minSamples)
    {
        return check(encoder.slaRuleUpdate(
            buffer, 0, 0, 1, op, service, kpi, NodeLevel.REGION, 7, comparison, threshold, periodMs, minSamples, 0,
            "rule"));
    }

    @Test
    void shouldCheckWindowSpecs()
    {
        assertNull(check(encoder.windowSpecUpdate(buffer, 0, 0, -1, ConfigOp.PUT, 10_000, 60, 5_000)));
        assertEquals(RejectReason.ENUM_OUT_OF_RANGE,
            check(encoder.windowSpecUpdate(buffer, 0, 0, -1, ConfigOp.NULL_VAL, 10_000, 60, 5_000)));
        assertEquals(RejectReason.NEGATIVE_VALUE,
            check(encoder.windowSpecUpdate(buffer, 0, 0, -1, ConfigOp.PUT, 10_000, 60, -5)));
        assertEquals(RejectReason.VALUE_OUT_OF_RANGE,
            check(encoder.windowSpecUpdate(buffer, 0, 0, -1, ConfigOp.PUT, 0, 60, 5)));
        assertEquals(RejectReason.VALUE_OUT_OF_RANGE,
            check(encoder.windowSpecUpdate(buffer, 0, 0, -1, ConfigOp.PUT, 1000, 0, 5)));
        assertEquals(RejectReason.VALUE_OUT_OF_RANGE, check(encoder.windowSpecUpdate(
            buffer, 0, 0, -1, ConfigOp.PUT, 1000, EventValidator.MAX_BUCKET_COUNT + 1, 5)));
        assertEquals(RejectReason.VALUE_OUT_OF_RANGE,
            check(encoder.windowSpecUpdate(buffer, 0, 0, -2, ConfigOp.PUT, 1000, 10, 5)));
        assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE,
            check(encoder.windowSpecUpdate(buffer, 0, 9, -1, ConfigOp.PUT, 1000, 10, 5)));
    }

    @Test
    void shouldCheckMetricDefinitions()
    {
        assertNull(check(encoder.metricDefinition(buffer, 0, 0, 3, MetricKind.GAUGE, ConfigOp.PUT, "cpu", "%")));
        assertEquals(RejectReason.VALUE_OUT_OF_RANGE,
            check(encoder.metricDefinition(buffer, 0, 0, -3, MetricKind.GAUGE, ConfigOp.PUT, "cpu", "%")));
        assertEquals(RejectReason.ENUM_OUT_OF_RANGE,
            check(encoder.metricDefinition(buffer, 0, 0, 3, MetricKind.NULL_VAL, ConfigOp.PUT, "cpu", "%")));
        assertEquals(RejectReason.ENUM_OUT_OF_RANGE,
            check(encoder.metricDefinition(buffer, 0, 0, 3, MetricKind.GAUGE, ConfigOp.NULL_VAL, "cpu", "%")));
        assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE,
            check(encoder.metricDefinition(buffer, 0, 8, 3, MetricKind.GAUGE, ConfigOp.PUT, "cpu", "%")));
    }

    @Test
    void shouldRejectAlertsAsInput()
    {
        final io.netpulse.codec.sbe.AlertEncoder alert = new io.netpulse.codec.sbe.AlertEncoder()
            .wrapAndApplyHeader(buffer, FrameDescriptor.MESSAGE_HEADER_OFFSET,
                new io.netpulse.codec.sbe.MessageHeaderEncoder());
        alert.relatedCount(0);
        alert.detail("");
        assertEquals(RejectReason.UNKNOWN_TEMPLATE, check(encoder.seal(buffer, 0, alert.encodedLength())));
    }

    @Test
    void shouldHonourCustomTimeRange()
    {
        final EventValidator narrow = new EventValidator(T, T + 1000);
        final int length = encoder.kpiSample(buffer, 0, T + 1000, 1, 1, 1, 0);
        assertEquals(FrameDecoder.FRAME, decoder.decode(buffer, 0, length));
        assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, narrow.validate(buffer, 0, decoder));
        assertThrows(IllegalArgumentException.class, () -> new EventValidator(5, 5));
    }
}
