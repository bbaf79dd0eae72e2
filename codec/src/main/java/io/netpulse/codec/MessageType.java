/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec;

import io.netpulse.codec.sbe.AlertDecoder;
import io.netpulse.codec.sbe.CallDetailRecordDecoder;
import io.netpulse.codec.sbe.FlowRecordDecoder;
import io.netpulse.codec.sbe.KpiSampleDecoder;
import io.netpulse.codec.sbe.MetricDefinitionDecoder;
import io.netpulse.codec.sbe.QosMeasurementDecoder;
import io.netpulse.codec.sbe.SlaRuleUpdateDecoder;
import io.netpulse.codec.sbe.TopologyUpdateDecoder;
import io.netpulse.codec.sbe.WindowSpecUpdateDecoder;

/**
 * The messages of the schema, with what a frame reader needs to know of each without decoding it: the
 * smallest block a frame of any supported version must carry (fields are only ever appended, so it is the
 * version 1 block) and how many variable-length fields follow the block.
 */
public enum MessageType
{
    /** {@link KpiSampleDecoder}. */
    KPI_SAMPLE(KpiSampleDecoder.TEMPLATE_ID, KpiSampleDecoder.BLOCK_LENGTH, 0, false, true, "kpi"),

    /** {@link CallDetailRecordDecoder}. */
    CALL_DETAIL_RECORD(
        CallDetailRecordDecoder.TEMPLATE_ID, CallDetailRecordDecoder.BLOCK_LENGTH, 0, false, true, "cdr"),

    /** {@link FlowRecordDecoder}. */
    FLOW_RECORD(FlowRecordDecoder.TEMPLATE_ID, FlowRecordDecoder.BLOCK_LENGTH, 0, false, true, "flow"),

    /** {@link QosMeasurementDecoder}. */
    QOS_MEASUREMENT(QosMeasurementDecoder.TEMPLATE_ID, QosMeasurementDecoder.BLOCK_LENGTH, 0, false, true, "qos"),

    /** {@link TopologyUpdateDecoder}. */
    TOPOLOGY_UPDATE(
        TopologyUpdateDecoder.TEMPLATE_ID, TopologyUpdateDecoder.BLOCK_LENGTH, 3, false, false, "topology"),

    /** {@link SlaRuleUpdateDecoder}. */
    SLA_RULE_UPDATE(
        SlaRuleUpdateDecoder.TEMPLATE_ID, SlaRuleUpdateDecoder.BLOCK_LENGTH, 1, false, false, "sla_rule"),

    /** {@link WindowSpecUpdateDecoder}. */
    WINDOW_SPEC_UPDATE(
        WindowSpecUpdateDecoder.TEMPLATE_ID, WindowSpecUpdateDecoder.BLOCK_LENGTH, 0, false, false, "window_spec"),

    /** {@link MetricDefinitionDecoder}. */
    METRIC_DEFINITION(
        MetricDefinitionDecoder.TEMPLATE_ID, MetricDefinitionDecoder.BLOCK_LENGTH, 2, false, false, "metric"),

    /** {@link AlertDecoder}: output only, never accepted as input. */
    ALERT(AlertDecoder.TEMPLATE_ID, AlertDecoder.BLOCK_LENGTH, 1, true, false, "alert");

    private static final int MAX_TEMPLATE_ID = 31;
    private static final MessageType[] BY_TEMPLATE_ID = new MessageType[MAX_TEMPLATE_ID + 1];

    static
    {
        for (final MessageType type : values())
        {
            BY_TEMPLATE_ID[type.templateId] = type;
        }
    }

    private final int templateId;
    private final int minBlockLength;
    private final int varDataFieldCount;
    private final boolean hasGroup;
    private final boolean data;
    private final String label;

    MessageType(
        final int templateId,
        final int minBlockLength,
        final int varDataFieldCount,
        final boolean hasGroup,
        final boolean data,
        final String label)
    {
        this.templateId = templateId;
        this.minBlockLength = minBlockLength;
        this.varDataFieldCount = varDataFieldCount;
        this.hasGroup = hasGroup;
        this.data = data;
        this.label = label;
    }

    /**
     * The SBE template id.
     *
     * @return the template id.
     */
    public int templateId()
    {
        return templateId;
    }

    /**
     * The block length of version 1: any frame of this template must carry at least this much.
     *
     * @return the minimum acting block length.
     */
    public int minBlockLength()
    {
        return minBlockLength;
    }

    /**
     * Variable-length fields after the block (and after the group, where there is one).
     *
     * @return the count of var-data fields.
     */
    public int varDataFieldCount()
    {
        return varDataFieldCount;
    }

    /**
     * Whether one repeating group follows the block.
     *
     * @return true when the message has a group.
     */
    public boolean hasGroup()
    {
        return hasGroup;
    }

    /**
     * Data events are measurements of the network; the others are control events or output.
     *
     * @return true for a data event.
     */
    public boolean isData()
    {
        return data;
    }

    /**
     * Short name for summaries and metrics.
     *
     * @return the label.
     */
    public String label()
    {
        return label;
    }

    /**
     * The message type for a template id.
     *
     * @param templateId from the SBE header.
     * @return the type, or null when the schema has no such template.
     */
    public static MessageType get(final int templateId)
    {
        return templateId >= 0 && templateId <= MAX_TEMPLATE_ID ? BY_TEMPLATE_ID[templateId] : null;
    }
}
