/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec;

import io.netpulse.codec.sbe.CallDetailRecordEncoder;
import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.Comparison;
import io.netpulse.codec.sbe.ConfigOp;
import io.netpulse.codec.sbe.FlowRecordEncoder;
import io.netpulse.codec.sbe.KpiSampleEncoder;
import io.netpulse.codec.sbe.MessageHeaderEncoder;
import io.netpulse.codec.sbe.MetricDefinitionEncoder;
import io.netpulse.codec.sbe.MetricKind;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.QosMeasurementEncoder;
import io.netpulse.codec.sbe.ServiceType;
import io.netpulse.codec.sbe.SlaKpi;
import io.netpulse.codec.sbe.SlaRuleUpdateEncoder;
import io.netpulse.codec.sbe.TopologyOp;
import io.netpulse.codec.sbe.TopologyUpdateEncoder;
import io.netpulse.codec.sbe.WindowSpecUpdateEncoder;
import org.agrona.MutableDirectBuffer;

import static io.netpulse.codec.FrameDescriptor.BODY_OFFSET;
import static io.netpulse.codec.FrameDescriptor.CHECKSUM_LENGTH;
import static io.netpulse.codec.FrameDescriptor.LENGTH_FIELD_LENGTH;
import static io.netpulse.codec.FrameDescriptor.LENGTH_OFFSET;
import static io.netpulse.codec.FrameDescriptor.MESSAGE_HEADER_LENGTH;
import static io.netpulse.codec.FrameDescriptor.MESSAGE_HEADER_OFFSET;
import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Writes whole frames, one per call, for producers: feed handlers, the generator, tests. Data events take
 * primitives only and allocate nothing; control events take strings (they are rare and off the hot path).
 * Each method returns the frame's length. The caller provides at least {@link FrameDescriptor#MAX_FRAME_LENGTH}
 * writable bytes at the offset. One instance per thread.
 */
public final class EventFrameEncoder
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final KpiSampleEncoder kpi = new KpiSampleEncoder();
    private final CallDetailRecordEncoder cdr = new CallDetailRecordEncoder();
    private final FlowRecordEncoder flow = new FlowRecordEncoder();
    private final QosMeasurementEncoder qos = new QosMeasurementEncoder();
    private final TopologyUpdateEncoder topology = new TopologyUpdateEncoder();
    private final SlaRuleUpdateEncoder slaRule = new SlaRuleUpdateEncoder();
    private final WindowSpecUpdateEncoder windowSpec = new WindowSpecUpdateEncoder();
    private final MetricDefinitionEncoder metric = new MetricDefinitionEncoder();
    private final FrameChecksum checksum = new FrameChecksum();

    /**
     * Writes a {@code KpiSample} frame.
     *
     * @param buffer      to write into.
     * @param offset      at which the frame starts.
     * @param eventTimeMs event time, epoch milliseconds.
     * @param elementId   global element id.
     * @param metricId    metric id.
     * @param value       sample value.
     * @param quality     raw quality flag bits.
     * @return the frame length.
     */
    public int kpiSample(
        final MutableDirectBuffer buffer,
        final int offset,
        final long eventTimeMs,
        final long elementId,
        final int metricId,
        final double value,
        final int quality)
    {
        kpi.wrapAndApplyHeader(buffer, offset + MESSAGE_HEADER_OFFSET, header)
            .eventTimeMs(eventTimeMs)
            .elementId(elementId)
            .metricId(metricId)
            .value(value);
        buffer.putByte(offset + BODY_OFFSET + KpiSampleEncoder.qualityEncodingOffset(), (byte)quality);

        return seal(buffer, offset, kpi.encodedLength());
    }

    /**
     * Writes a {@code CallDetailRecord} frame.
     *
     * @param buffer       to write into.
     * @param offset       at which the frame starts.
     * @param eventTimeMs  call setup time, epoch milliseconds.
     * @param cdrId        unique id of the record.
     * @param elementId    cell or switch.
     * @param serviceType  service of the call.
     * @param result       how it ended.
     * @param releaseCause Q.850 cause.
     * @param setupMs      setup delay.
     * @param durationMs   call duration.
     * @param mosX100      mean opinion score times 100, 0 when not measured.
     * @param bytesUp      uplink bytes.
     * @param bytesDown    downlink bytes.
     * @param callerHash   hashed caller number.
     * @param calleeHash   hashed callee number.
     * @return the frame length.
     */
    public int callDetailRecord(
        final MutableDirectBuffer buffer,
        final int offset,
        final long eventTimeMs,
        final long cdrId,
        final long elementId,
        final ServiceType serviceType,
        final CallResult result,
        final int releaseCause,
        final int setupMs,
        final int durationMs,
        final int mosX100,
        final long bytesUp,
        final long bytesDown,
        final long callerHash,
        final long calleeHash)
    {
        cdr.wrapAndApplyHeader(buffer, offset + MESSAGE_HEADER_OFFSET, header)
            .eventTimeMs(eventTimeMs)
            .cdrId(cdrId)
            .elementId(elementId)
            .serviceType(serviceType)
            .result(result)
            .releaseCause(releaseCause)
            .setupMs(setupMs)
            .durationMs(durationMs)
            .mosX100(mosX100)
            .bytesUp(bytesUp)
            .bytesDown(bytesDown)
            .callerHash(callerHash)
            .calleeHash(calleeHash);

        return seal(buffer, offset, cdr.encodedLength());
    }

    /**
     * Writes a {@code FlowRecord} frame. Addresses are 128-bit, given as two longs each in network order
     * (an IPv4 address a.b.c.d is {@code hi = 0, lo = 0x0000_FFFF_0000_0000L | ipv4}).
     *
     * @param buffer      to write into.
     * @param offset      at which the frame starts.
     * @param eventTimeMs flow start, epoch milliseconds.
     * @param elementId   exporter or interface.
     * @param srcHi       high 64 bits of the source address.
     * @param srcLo       low 64 bits of the source address.
     * @param dstHi       high 64 bits of the destination address.
     * @param dstLo       low 64 bits of the destination address.
     * @param srcPort     source port.
     * @param dstPort     destination port.
     * @param protocol    IP protocol number.
     * @param dscp        DSCP code point.
     * @param bytes       bytes in the flow.
     * @param packets     packets in the flow.
     * @param durationMs  flow duration.
     * @return the frame length.
     */
    public int flowRecord(
        final MutableDirectBuffer buffer,
        final int offset,
        final long eventTimeMs,
        final long elementId,
        final long srcHi,
        final long srcLo,
        final long dstHi,
        final long dstLo,
        final int srcPort,
        final int dstPort,
        final int protocol,
        final int dscp,
        final long bytes,
        final long packets,
        final int durationMs)
    {
        flow.wrapAndApplyHeader(buffer, offset + MESSAGE_HEADER_OFFSET, header)
            .eventTimeMs(eventTimeMs)
            .elementId(elementId)
            .srcPort(srcPort)
            .dstPort(dstPort)
            .protocol((short)protocol)
            .dscp((short)dscp)
            .bytes(bytes)
            .packets(packets)
            .durationMs(durationMs);
        final int body = offset + BODY_OFFSET;
        buffer.putLong(body + FlowRecordEncoder.srcAddressEncodingOffset(), srcHi, BIG_ENDIAN);
        buffer.putLong(body + FlowRecordEncoder.srcAddressEncodingOffset() + Long.BYTES, srcLo, BIG_ENDIAN);
        buffer.putLong(body + FlowRecordEncoder.dstAddressEncodingOffset(), dstHi, BIG_ENDIAN);
        buffer.putLong(body + FlowRecordEncoder.dstAddressEncodingOffset() + Long.BYTES, dstLo, BIG_ENDIAN);

        return seal(buffer, offset, flow.encodedLength());
    }

    /**
     * Writes a {@code QosMeasurement} frame.
     *
     * @param buffer         to write into.
     * @param offset         at which the frame starts.
     * @param eventTimeMs    event time, epoch milliseconds.
     * @param elementId      element measured.
     * @param serviceType    service measured.
     * @param latencyUs      one-way or round-trip latency.
     * @param jitterUs       jitter.
     * @param lossPpm        packet loss in parts per million.
     * @param throughputKbps throughput.
     * @return the frame length.
     */
    public int qosMeasurement(
        final MutableDirectBuffer buffer,
        final int offset,
        final long eventTimeMs,
        final long elementId,
        final ServiceType serviceType,
        final int latencyUs,
        final int jitterUs,
        final int lossPpm,
        final long throughputKbps)
    {
        qos.wrapAndApplyHeader(buffer, offset + MESSAGE_HEADER_OFFSET, header)
            .eventTimeMs(eventTimeMs)
            .elementId(elementId)
            .serviceType(serviceType)
            .latencyUs(latencyUs)
            .jitterUs(jitterUs)
            .lossPpm(lossPpm)
            .throughputKbps(throughputKbps);

        return seal(buffer, offset, qos.encodedLength());
    }

    /**
     * Writes a {@code TopologyUpdate} frame.
     *
     * @param buffer             to write into.
     * @param offset             at which the frame starts.
     * @param eventTimeMs        when it takes effect, epoch milliseconds; 0 = from the start.
     * @param elementId          global id of the node.
     * @param parentId           global id of its parent; 0 = the network root.
     * @param level              level of the node.
     * @param op                 what changes.
     * @param expectedIntervalMs expected reporting interval, 0 when unknown.
     * @param name               display name.
     * @param equipmentClass     equipment class, empty for sites and regions.
     * @param vendor             vendor, empty for sites and regions.
     * @return the frame length.
     */
    public int topologyUpdate(
        final MutableDirectBuffer buffer,
        final int offset,
        final long eventTimeMs,
        final long elementId,
        final long parentId,
        final NodeLevel level,
        final TopologyOp op,
        final int expectedIntervalMs,
        final String name,
        final String equipmentClass,
        final String vendor)
    {
        topology.wrapAndApplyHeader(buffer, offset + MESSAGE_HEADER_OFFSET, header)
            .eventTimeMs(eventTimeMs)
            .elementId(elementId)
            .parentId(parentId)
            .level(level)
            .op(op)
            .expectedIntervalMs(expectedIntervalMs)
            .name(name)
            .equipmentClass(equipmentClass)
            .vendor(vendor);

        return seal(buffer, offset, topology.encodedLength());
    }

    /**
     * Writes an {@code SlaRuleUpdate} frame.
     *
     * @param buffer      to write into.
     * @param offset      at which the frame starts.
     * @param eventTimeMs when it takes effect; 0 = from the start.
     * @param ruleId      id of the rule.
     * @param op          put or remove.
     * @param serviceType service the rule covers, or {@link ServiceType#NULL_VAL} for every service.
     * @param kpi         the KPI checked.
     * @param scopeLevel  level of the scope node.
     * @param scopeId     global id of the scope node; 0 = the whole network.
     * @param comparison  whether a breach is above or below the threshold.
     * @param threshold   the threshold.
     * @param periodMs    the compliance period.
     * @param minSamples  samples needed before the rule is judged.
     * @param metricId    the metric, for {@link SlaKpi#KPI_METRIC} rules.
     * @param name        display name.
     * @return the frame length.
     */
    public int slaRuleUpdate(
        final MutableDirectBuffer buffer,
        final int offset,
        final long eventTimeMs,
        final long ruleId,
        final ConfigOp op,
        final ServiceType serviceType,
        final SlaKpi kpi,
        final NodeLevel scopeLevel,
        final long scopeId,
        final Comparison comparison,
        final double threshold,
        final long periodMs,
        final int minSamples,
        final int metricId,
        final String name)
    {
        slaRule.wrapAndApplyHeader(buffer, offset + MESSAGE_HEADER_OFFSET, header)
            .eventTimeMs(eventTimeMs)
            .ruleId(ruleId)
            .op(op)
            .serviceType(serviceType)
            .kpi(kpi)
            .scopeLevel(scopeLevel)
            .scopeId(scopeId)
            .comparison(comparison)
            .threshold(threshold)
            .periodMs(periodMs)
            .minSamples(minSamples)
            .metricId(metricId)
            .name(name);

        return seal(buffer, offset, slaRule.encodedLength());
    }

    /**
     * Writes a {@code WindowSpecUpdate} frame.
     *
     * @param buffer            to write into.
     * @param offset            at which the frame starts.
     * @param eventTimeMs       when it takes effect; 0 = from the start.
     * @param metricId          the metric, or -1 for the default of every metric.
     * @param op                put or remove.
     * @param resolutionMs      bucket width.
     * @param bucketCount       buckets kept.
     * @param allowedLatenessMs how late an event may be and still land in its bucket.
     * @return the frame length.
     */
    public int windowSpecUpdate(
        final MutableDirectBuffer buffer,
        final int offset,
        final long eventTimeMs,
        final int metricId,
        final ConfigOp op,
        final long resolutionMs,
        final int bucketCount,
        final long allowedLatenessMs)
    {
        windowSpec.wrapAndApplyHeader(buffer, offset + MESSAGE_HEADER_OFFSET, header)
            .eventTimeMs(eventTimeMs)
            .metricId(metricId)
            .op(op)
            .resolutionMs(resolutionMs)
            .bucketCount(bucketCount)
            .allowedLatenessMs(allowedLatenessMs);

        return seal(buffer, offset, windowSpec.encodedLength());
    }

    /**
     * Writes a {@code MetricDefinition} frame.
     *
     * @param buffer      to write into.
     * @param offset      at which the frame starts.
     * @param eventTimeMs when it takes effect; 0 = from the start.
     * @param metricId    the metric id.
     * @param kind        gauge, counter, ratio or latency.
     * @param op          put or remove.
     * @param name        metric name.
     * @param unit        unit of its values.
     * @return the frame length.
     */
    public int metricDefinition(
        final MutableDirectBuffer buffer,
        final int offset,
        final long eventTimeMs,
        final int metricId,
        final MetricKind kind,
        final ConfigOp op,
        final String name,
        final String unit)
    {
        metric.wrapAndApplyHeader(buffer, offset + MESSAGE_HEADER_OFFSET, header)
            .eventTimeMs(eventTimeMs)
            .metricId(metricId)
            .kind(kind)
            .op(op)
            .name(name)
            .unit(unit);

        return seal(buffer, offset, metric.encodedLength());
    }

    /**
     * Completes a frame whose SBE header and body were written at {@code offset + MESSAGE_HEADER_OFFSET} by
     * any encoder: writes the length prefix and the checksum.
     *
     * @param buffer            holding the frame.
     * @param offset            at which the frame starts.
     * @param bodyEncodedLength bytes the message encoder wrote after the SBE header.
     * @return the frame length.
     */
    public int seal(final MutableDirectBuffer buffer, final int offset, final int bodyEncodedLength)
    {
        final int frameLength = LENGTH_FIELD_LENGTH + MESSAGE_HEADER_LENGTH + bodyEncodedLength + CHECKSUM_LENGTH;
        buffer.putInt(offset + LENGTH_OFFSET, frameLength, LITTLE_ENDIAN);
        final int crc = checksum.compute(buffer, offset, frameLength - CHECKSUM_LENGTH);
        buffer.putInt(FrameDescriptor.checksumOffset(offset, frameLength), crc, LITTLE_ENDIAN);

        return frameLength;
    }
}
