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
import org.agrona.DirectBuffer;

import static io.netpulse.codec.FrameDescriptor.BODY_OFFSET;

/**
 * Checks the fields of a frame the {@link FrameDecoder} accepted: values a producer could encode but that
 * make no sense for the network (NaN, negative durations, undefined enum values, timestamps from another
 * era). Returns the reason for the first problem found, or null when the event may enter the engine.
 * One instance per thread; it allocates nothing.
 */
public final class EventValidator
{
    /** 2000-01-01T00:00:00Z: nothing netpulse monitors reports from before this. */
    public static final long DEFAULT_MIN_EVENT_TIME_MS = 946_684_800_000L;

    /** 2100-01-01T00:00:00Z. */
    public static final long DEFAULT_MAX_EVENT_TIME_MS = 4_102_444_800_000L;

    /** Loss cannot exceed every packet. */
    public static final int MAX_LOSS_PPM = 1_000_000;

    /** Largest bucket count of one window resolution. */
    public static final int MAX_BUCKET_COUNT = 1 << 20;

    private static final int MIN_MOS_X100 = 100;
    private static final int MAX_MOS_X100 = 500;

    private final KpiSampleDecoder kpi = new KpiSampleDecoder();
    private final CallDetailRecordDecoder cdr = new CallDetailRecordDecoder();
    private final FlowRecordDecoder flow = new FlowRecordDecoder();
    private final QosMeasurementDecoder qos = new QosMeasurementDecoder();
    private final TopologyUpdateDecoder topology = new TopologyUpdateDecoder();
    private final SlaRuleUpdateDecoder slaRule = new SlaRuleUpdateDecoder();
    private final WindowSpecUpdateDecoder windowSpec = new WindowSpecUpdateDecoder();
    private final MetricDefinitionDecoder metric = new MetricDefinitionDecoder();
    private final long minEventTimeMs;
    private final long maxEventTimeMs;

    /**
     * A validator with the default event-time range.
     */
    public EventValidator()
    {
        this(DEFAULT_MIN_EVENT_TIME_MS, DEFAULT_MAX_EVENT_TIME_MS);
    }

    /**
     * A validator with an explicit event-time range.
     *
     * @param minEventTimeMs earliest event time accepted, epoch milliseconds.
     * @param maxEventTimeMs latest event time accepted, epoch milliseconds.
     */
    public EventValidator(final long minEventTimeMs, final long maxEventTimeMs)
    {
        if (minEventTimeMs >= maxEventTimeMs)
        {
            throw new IllegalArgumentException("minEventTimeMs must be below maxEventTimeMs");
        }
        this.minEventTimeMs = minEventTimeMs;
        this.maxEventTimeMs = maxEventTimeMs;
    }

    /**
     * Validates the fields of a frame that {@link FrameDecoder#decode} just accepted.
     *
     * @param buffer      holding the frame.
     * @param frameOffset at which the frame starts.
     * @param frame       the decoder that accepted it.
     * @return null when valid, otherwise the reason it is not.
     */
    public RejectReason validate(final DirectBuffer buffer, final int frameOffset, final FrameDecoder frame)
    {
        final int body = frameOffset + BODY_OFFSET;
        final int blockLength = frame.actingBlockLength();
        final int version = frame.actingVersion();

        switch (frame.messageType())
        {
            case KPI_SAMPLE:
                kpi.wrap(buffer, body, blockLength, version);
                return validateKpi(kpi);

            case CALL_DETAIL_RECORD:
                cdr.wrap(buffer, body, blockLength, version);
                return validateCdr(cdr);

            case FLOW_RECORD:
                flow.wrap(buffer, body, blockLength, version);
                return validateFlow(flow);

            case QOS_MEASUREMENT:
                qos.wrap(buffer, body, blockLength, version);
                return validateQos(qos);

            case TOPOLOGY_UPDATE:
                topology.wrap(buffer, body, blockLength, version);
                return validateTopology(topology);

            case SLA_RULE_UPDATE:
                slaRule.wrap(buffer, body, blockLength, version);
                return validateSlaRule(slaRule);

            case WINDOW_SPEC_UPDATE:
                windowSpec.wrap(buffer, body, blockLength, version);
                return validateWindowSpec(windowSpec);

            case METRIC_DEFINITION:
                metric.wrap(buffer, body, blockLength, version);
                return validateMetric(metric);

            default:
                // Alerts are output; a producer sending one is sending the wrong thing.
                return RejectReason.UNKNOWN_TEMPLATE;
        }
    }

    private RejectReason validateKpi(final KpiSampleDecoder kpi)
    {
        if (!inDataRange(kpi.eventTimeMs()))
        {
            return RejectReason.TIMESTAMP_OUT_OF_RANGE;
        }
        if (!Double.isFinite(kpi.value()))
        {
            return RejectReason.VALUE_NOT_FINITE;
        }
        if (kpi.metricId() < 0)
        {
            return RejectReason.VALUE_OUT_OF_RANGE;
        }
        return null;
    }

    private RejectReason validateCdr(final CallDetailRecordDecoder cdr)
    {
        if (!inDataRange(cdr.eventTimeMs()))
        {
            return RejectReason.TIMESTAMP_OUT_OF_RANGE;
        }
        if (!isServiceType(cdr.serviceTypeRaw()) || !isCallResult(cdr.resultRaw()))
        {
            return RejectReason.ENUM_OUT_OF_RANGE;
        }
        if (cdr.setupMs() < 0 || cdr.durationMs() < 0 || cdr.bytesUp() < 0 || cdr.bytesDown() < 0)
        {
            return RejectReason.NEGATIVE_VALUE;
        }
        final int mos = cdr.mosX100();
        if (mos != 0 && (mos < MIN_MOS_X100 || mos > MAX_MOS_X100))
        {
            return RejectReason.VALUE_OUT_OF_RANGE;
        }
        return null;
    }

    private RejectReason validateFlow(final FlowRecordDecoder flow)
    {
        if (!inDataRange(flow.eventTimeMs()))
        {
            return RejectReason.TIMESTAMP_OUT_OF_RANGE;
        }
        if (flow.bytes() < 0 || flow.packets() < 0 || flow.durationMs() < 0)
        {
            return RejectReason.NEGATIVE_VALUE;
        }
        return null;
    }

    private RejectReason validateQos(final QosMeasurementDecoder qos)
    {
        if (!inDataRange(qos.eventTimeMs()))
        {
            return RejectReason.TIMESTAMP_OUT_OF_RANGE;
        }
        if (!isServiceType(qos.serviceTypeRaw()))
        {
            return RejectReason.ENUM_OUT_OF_RANGE;
        }
        if (qos.latencyUs() < 0 || qos.jitterUs() < 0 || qos.lossPpm() < 0 || qos.throughputKbps() < 0)
        {
            return RejectReason.NEGATIVE_VALUE;
        }
        if (qos.lossPpm() > MAX_LOSS_PPM)
        {
            return RejectReason.VALUE_OUT_OF_RANGE;
        }
        return null;
    }

    private RejectReason validateTopology(final TopologyUpdateDecoder topology)
    {
        if (!inControlRange(topology.eventTimeMs()))
        {
            return RejectReason.TIMESTAMP_OUT_OF_RANGE;
        }
        if (!isNodeLevel(topology.levelRaw()) || topology.opRaw() > TopologyOp.UPDATE.value())
        {
            return RejectReason.ENUM_OUT_OF_RANGE;
        }
        if (topology.elementId() == 0 || topology.elementId() == topology.parentId())
        {
            return RejectReason.VALUE_OUT_OF_RANGE;
        }
        if (topology.expectedIntervalMs() < 0)
        {
            return RejectReason.NEGATIVE_VALUE;
        }
        return null;
    }

    private RejectReason validateSlaRule(final SlaRuleUpdateDecoder rule)
    {
        if (!inControlRange(rule.eventTimeMs()))
        {
            return RejectReason.TIMESTAMP_OUT_OF_RANGE;
        }
        final short serviceType = rule.serviceTypeRaw();
        if (rule.opRaw() > ConfigOp.REMOVE.value() ||
            rule.kpiRaw() > SlaKpi.KPI_METRIC.value() ||
            !isNodeLevel(rule.scopeLevelRaw()) ||
            rule.comparisonRaw() > Comparison.BELOW.value() ||
            (serviceType != ServiceType.NULL_VAL.value() && !isServiceType(serviceType)))
        {
            return RejectReason.ENUM_OUT_OF_RANGE;
        }
        if (!Double.isFinite(rule.threshold()))
        {
            return RejectReason.VALUE_NOT_FINITE;
        }
        if (rule.periodMs() <= 0 || rule.minSamples() < 0)
        {
            return RejectReason.VALUE_OUT_OF_RANGE;
        }
        return null;
    }

    private RejectReason validateWindowSpec(final WindowSpecUpdateDecoder spec)
    {
        if (!inControlRange(spec.eventTimeMs()))
        {
            return RejectReason.TIMESTAMP_OUT_OF_RANGE;
        }
        if (spec.opRaw() > ConfigOp.REMOVE.value())
        {
            return RejectReason.ENUM_OUT_OF_RANGE;
        }
        if (spec.allowedLatenessMs() < 0)
        {
            return RejectReason.NEGATIVE_VALUE;
        }
        if (spec.resolutionMs() <= 0 || spec.bucketCount() <= 0 || spec.bucketCount() > MAX_BUCKET_COUNT ||
            spec.metricId() < -1)
        {
            return RejectReason.VALUE_OUT_OF_RANGE;
        }
        return null;
    }

    private RejectReason validateMetric(final MetricDefinitionDecoder metric)
    {
        if (!inControlRange(metric.eventTimeMs()))
        {
            return RejectReason.TIMESTAMP_OUT_OF_RANGE;
        }
        if (metric.kindRaw() > MetricKind.LATENCY.value() || metric.opRaw() > ConfigOp.REMOVE.value())
        {
            return RejectReason.ENUM_OUT_OF_RANGE;
        }
        if (metric.metricId() < 0)
        {
            return RejectReason.VALUE_OUT_OF_RANGE;
        }
        return null;
    }

    private boolean inDataRange(final long eventTimeMs)
    {
        return eventTimeMs >= minEventTimeMs && eventTimeMs < maxEventTimeMs;
    }

    /**
     * Control events may carry time 0: configuration loaded at start-up holds from the beginning of time.
     */
    private boolean inControlRange(final long eventTimeMs)
    {
        return eventTimeMs == 0 || inDataRange(eventTimeMs);
    }

    private static boolean isServiceType(final short raw)
    {
        return raw >= 0 && raw <= ServiceType.DATA.value();
    }

    private static boolean isCallResult(final short raw)
    {
        return raw >= 0 && raw <= CallResult.NO_ANSWER.value();
    }

    private static boolean isNodeLevel(final short raw)
    {
        return raw >= 0 && raw <= NodeLevel.ELEMENT.value();
    }
}
