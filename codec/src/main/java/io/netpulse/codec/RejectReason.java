/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec;

/**
 * Why a piece of input was refused. Every rejection is counted under exactly one of these, so the ids are
 * stable (they index counters and appear in the dead-letter journal) and the labels are the names users see
 * in metrics and summaries.
 */
public enum RejectReason
{
    /** The input ended in the middle of a frame. */
    TRUNCATED_FRAME(0, "truncated_frame", "input ended inside a frame"),

    /** The length field is shorter than the smallest possible frame. */
    BAD_LENGTH(1, "bad_length", "frame length below the minimum"),

    /** The length field is longer than the largest frame accepted. */
    OVERSIZED_FRAME(2, "oversized_frame", "frame length above the maximum"),

    /** The CRC32C does not match the frame's bytes. */
    BAD_CHECKSUM(3, "bad_checksum", "CRC32C mismatch"),

    /** The SBE header names another schema. */
    UNKNOWN_SCHEMA(4, "unknown_schema", "schema id is not netpulse's"),

    /** The SBE header names a template this reader does not know. */
    UNKNOWN_TEMPLATE(5, "unknown_template", "template id not in the schema"),

    /** The SBE header carries a schema version older than any this reader supports. */
    UNSUPPORTED_VERSION(6, "unsupported_version", "schema version not supported"),

    /** The acting block length is too short for the template, or overruns the frame. */
    BAD_BLOCK_LENGTH(7, "bad_block_length", "block length inconsistent with template or frame"),

    /** A group or variable-length field overruns the frame. */
    MALFORMED_BODY(8, "malformed_body", "group or variable-length field overruns the frame"),

    /** A floating-point value is NaN or infinite. */
    VALUE_NOT_FINITE(9, "value_not_finite", "value is NaN or infinite"),

    /** A duration, count or size is negative. */
    NEGATIVE_VALUE(10, "negative_value", "duration, count or size is negative"),

    /** The event time lies outside the accepted range. */
    TIMESTAMP_OUT_OF_RANGE(11, "timestamp_out_of_range", "event time too far in the past or future"),

    /** An enumerated field holds a value the schema does not define. */
    ENUM_OUT_OF_RANGE(12, "enum_out_of_range", "enumerated field has an undefined value"),

    /** A value lies outside the range its field allows. */
    VALUE_OUT_OF_RANGE(13, "value_out_of_range", "value outside the field's range"),

    /** The event names an element the topology does not know and auto-registration is off. */
    UNKNOWN_ELEMENT(14, "unknown_element", "element not in the topology"),

    /** A text record could not be parsed. */
    MALFORMED_RECORD(15, "malformed_record", "text record could not be parsed"),

    /** The record repeats one already accepted within the duplicate horizon. */
    DUPLICATE(16, "duplicate", "record already accepted"),

    /** The event arrived after its window closed (past the allowed lateness). */
    LATE(17, "late", "event time behind the watermark by more than the allowed lateness");

    private static final RejectReason[] BY_ID;

    static
    {
        final RejectReason[] values = values();
        BY_ID = new RejectReason[values.length];
        for (final RejectReason reason : values)
        {
            if (BY_ID[reason.id] != null)
            {
                throw new IllegalStateException("duplicate reject reason id " + reason.id);
            }
            BY_ID[reason.id] = reason;
        }
    }

    private final int id;
    private final String label;
    private final String description;

    RejectReason(final int id, final String label, final String description)
    {
        this.id = id;
        this.label = label;
        this.description = description;
    }

    /**
     * Stable id, used to index counters and in the dead-letter journal.
     *
     * @return the stable id.
     */
    public int id()
    {
        return id;
    }

    /**
     * Short snake_case name for metrics and JSON.
     *
     * @return the label.
     */
    public String label()
    {
        return label;
    }

    /**
     * One line a person can read.
     *
     * @return the description.
     */
    public String description()
    {
        return description;
    }

    /**
     * The reason with a stable id.
     *
     * @param id of the reason.
     * @return the reason, or null when no reason has that id.
     */
    public static RejectReason get(final int id)
    {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /**
     * How many reasons there are; ids run from 0 to one less than this.
     *
     * @return the number of reasons.
     */
    public static int count()
    {
        return BY_ID.length;
    }
}
