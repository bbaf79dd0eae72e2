/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.ring;

import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.MessageType;
import io.netpulse.codec.sbe.CallDetailRecordDecoder;
import io.netpulse.codec.sbe.FlowRecordDecoder;
import io.netpulse.codec.sbe.KpiSampleDecoder;
import io.netpulse.codec.sbe.QosMeasurementDecoder;
import io.netpulse.codec.sbe.SlaRuleUpdateDecoder;
import io.netpulse.codec.sbe.TopologyUpdateDecoder;
import io.netpulse.codec.sbe.WindowSpecUpdateDecoder;
import io.netpulse.codec.sbe.MetricDefinitionDecoder;
import org.agrona.DirectBuffer;

/**
 * Fills a ring slot from a validated frame: copies the raw bytes and decodes the fields the stages read. Holds
 * SBE flyweights, so one instance per publishing thread; allocates nothing.
 */
public final class EventDecoding
{
    private final KpiSampleDecoder kpi = new KpiSampleDecoder();
    private final CallDetailRecordDecoder cdr = new CallDetailRecordDecoder();
    private final FlowRecordDecoder flow = new FlowRecordDecoder();
    private final QosMeasurementDecoder qos = new QosMeasurementDecoder();
    private final TopologyUpdateDecoder topology = new TopologyUpdateDecoder();
    private final SlaRuleUpdateDecoder slaRule = new SlaRuleUpdateDecoder();
    private final WindowSpecUpdateDecoder windowSpec = new WindowSpecUpdateDecoder();
    private final MetricDefinitionDecoder metric = new MetricDefinitionDecoder();

    /**
     * Copies a frame into a slot and decodes it there.
     *
     * @param event             the slot.
     * @param buffer            holding the frame.
     * @param offset            at which it starts.
     * @param length            of the frame.
     * @param type              of message, as the frame decoder found.
     * @param actingBlockLength from the frame's header.
     * @param actingVersion     from the frame's header.
     */
    public void fill(
        final NetworkEvent event,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final MessageType type,
        final int actingBlockLength,
        final int actingVersion)
    {
        event.frame.putBytes(0, buffer, offset, length);
        event.frameLength = length;
        event.type = type;
        event.actingBlockLength = actingBlockLength;
        event.actingVersion = actingVersion;
        event.routed = false;
        decode(event);
    }

    /**
     * Decodes the fields of the frame already in a slot.
     *
     * @param event the slot, with frame, type, acting block length and version set.
     */
    public void decode(final NetworkEvent event)
    {
        final DirectBuffer frame = event.frame;
        final int body = FrameDescriptor.BODY_OFFSET;
        final int blockLength = event.actingBlockLength;
        final int version = event.actingVersion;

        switch (event.type)
        {
            case KPI_SAMPLE:
            {
                final KpiSampleDecoder kpi = this.kpi.wrap(frame, body, blockLength, version);
                event.eventTimeMs = kpi.eventTimeMs();
                event.elementId = kpi.elementId();
                event.metricId = kpi.metricId();
                event.value = kpi.value();
                event.quality = kpi.quality().getRaw();
                break;
            }

            case CALL_DETAIL_RECORD:
            {
                final CallDetailRecordDecoder cdr = this.cdr.wrap(frame, body, blockLength, version);
                event.eventTimeMs = cdr.eventTimeMs();
                event.elementId = cdr.elementId();
                event.cdrId = cdr.cdrId();
                event.serviceType = cdr.serviceTypeRaw();
                event.callResult = cdr.resultRaw();
                event.releaseCause = cdr.releaseCause();
                event.setupMs = cdr.setupMs();
                event.durationMs = cdr.durationMs();
                event.mosX100 = cdr.mosX100();
                event.bytesUp = cdr.bytesUp();
                event.bytesDown = cdr.bytesDown();
                break;
            }

            case FLOW_RECORD:
            {
                final FlowRecordDecoder flow = this.flow.wrap(frame, body, blockLength, version);
                event.eventTimeMs = flow.eventTimeMs();
                event.elementId = flow.elementId();
                event.flowBytes = flow.bytes();
                event.flowPackets = flow.packets();
                event.protocol = flow.protocol();
                event.dscp = flow.dscp();
                event.dstPort = flow.dstPort();
                event.durationMs = flow.durationMs();
                break;
            }

            case QOS_MEASUREMENT:
            {
                final QosMeasurementDecoder qos = this.qos.wrap(frame, body, blockLength, version);
                event.eventTimeMs = qos.eventTimeMs();
                event.elementId = qos.elementId();
                event.serviceType = qos.serviceTypeRaw();
                event.latencyUs = qos.latencyUs();
                event.jitterUs = qos.jitterUs();
                event.lossPpm = qos.lossPpm();
                event.throughputKbps = qos.throughputKbps();
                break;
            }

            case TOPOLOGY_UPDATE:
            {
                final TopologyUpdateDecoder topology = this.topology.wrap(frame, body, blockLength, version);
                event.eventTimeMs = topology.eventTimeMs();
                event.elementId = topology.elementId();
                break;
            }

            case SLA_RULE_UPDATE:
                event.eventTimeMs = slaRule.wrap(frame, body, blockLength, version).eventTimeMs();
                event.elementId = 0;
                break;

            case WINDOW_SPEC_UPDATE:
                event.eventTimeMs = windowSpec.wrap(frame, body, blockLength, version).eventTimeMs();
                event.elementId = 0;
                break;

            case METRIC_DEFINITION:
                event.eventTimeMs = metric.wrap(frame, body, blockLength, version).eventTimeMs();
                event.elementId = 0;
                break;

            default:
                throw new IllegalStateException("not an input message: " + event.type);
        }
    }
}
