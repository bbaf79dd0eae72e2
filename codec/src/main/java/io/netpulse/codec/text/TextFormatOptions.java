/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import io.netpulse.codec.EventValidator;
import io.netpulse.codec.MessageType;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How a text feed is read: the message type when the text does not say, the zone of local times, how names
 * become ids, the event-time range the engine accepts, limits, and the Asterisk channel mapping. Set it up,
 * then open readers with it; a reader keeps what it needs.
 */
public final class TextFormatOptions
{
    private static final MessageType[] MESSAGE_TYPES = MessageType.values();

    private MessageType type;
    private ZoneId zone = ZoneOffset.UTC;
    private TextIdentities identities = new TextIdentities(false);
    private long minEventTimeMs = EventValidator.DEFAULT_MIN_EVENT_TIME_MS;
    private long maxEventTimeMs = EventValidator.DEFAULT_MAX_EVENT_TIME_MS;
    private int maxRecordChars = CsvTokenizer.DEFAULT_MAX_RECORD_CHARS;
    private char delimiter = ',';
    private AsteriskChannelMapping channelMapping = AsteriskChannelMapping.DEFAULT;

    /**
     * The message type of every record, for files of one type without a type column or member.
     *
     * @param type the type, or null to read it from each record.
     * @return this.
     */
    public TextFormatOptions type(final MessageType type)
    {
        if (null != type && !isInputType(type))
        {
            throw new IllegalArgumentException(type.label() + " is not an input message type");
        }
        this.type = type;
        return this;
    }

    /**
     * The zone in which times written without an offset are read.
     *
     * @param zone the zone.
     * @return this.
     */
    public TextFormatOptions zone(final ZoneId zone)
    {
        this.zone = Objects.requireNonNull(zone);
        return this;
    }

    /**
     * How element and metric names become ids; share one instance across the imports feeding one engine.
     *
     * @param identities the identities.
     * @return this.
     */
    public TextFormatOptions identities(final TextIdentities identities)
    {
        this.identities = Objects.requireNonNull(identities);
        return this;
    }

    /**
     * The event times the engine accepts, so records outside are refused here with the same reason.
     *
     * @param minEventTimeMs earliest.
     * @param maxEventTimeMs latest (exclusive).
     * @return this.
     */
    public TextFormatOptions eventTimeRange(final long minEventTimeMs, final long maxEventTimeMs)
    {
        new EventValidator(minEventTimeMs, maxEventTimeMs);
        this.minEventTimeMs = minEventTimeMs;
        this.maxEventTimeMs = maxEventTimeMs;
        return this;
    }

    /**
     * The longest record (line) accepted, in characters.
     *
     * @param maxRecordChars the limit.
     * @return this.
     */
    public TextFormatOptions maxRecordChars(final int maxRecordChars)
    {
        if (maxRecordChars < 16)
        {
            throw new IllegalArgumentException("maxRecordChars must be at least 16: " + maxRecordChars);
        }
        this.maxRecordChars = maxRecordChars;
        return this;
    }

    /**
     * The CSV field delimiter.
     *
     * @param delimiter e.g. ',' ';' or '\t'.
     * @return this.
     */
    public TextFormatOptions delimiter(final char delimiter)
    {
        this.delimiter = delimiter;
        return this;
    }

    /**
     * How Asterisk channels map to elements.
     *
     * @param channelMapping the mapping.
     * @return this.
     */
    public TextFormatOptions channelMapping(final AsteriskChannelMapping channelMapping)
    {
        this.channelMapping = Objects.requireNonNull(channelMapping);
        return this;
    }

    /**
     * The fixed message type.
     *
     * @return the type, or null.
     */
    public MessageType type()
    {
        return type;
    }

    /**
     * The zone of local times.
     *
     * @return the zone.
     */
    public ZoneId zone()
    {
        return zone;
    }

    /**
     * The identities.
     *
     * @return the identities.
     */
    public TextIdentities identities()
    {
        return identities;
    }

    /**
     * Earliest event time accepted.
     *
     * @return epoch milliseconds.
     */
    public long minEventTimeMs()
    {
        return minEventTimeMs;
    }

    /**
     * Latest event time accepted (exclusive).
     *
     * @return epoch milliseconds.
     */
    public long maxEventTimeMs()
    {
        return maxEventTimeMs;
    }

    /**
     * The record limit.
     *
     * @return characters.
     */
    public int maxRecordChars()
    {
        return maxRecordChars;
    }

    /**
     * The CSV delimiter.
     *
     * @return the delimiter.
     */
    public char delimiter()
    {
        return delimiter;
    }

    /**
     * The Asterisk channel mapping.
     *
     * @return the mapping.
     */
    public AsteriskChannelMapping channelMapping()
    {
        return channelMapping;
    }

    /**
     * A new encoder with these options.
     *
     * @return the encoder.
     */
    TextEventEncoder newEncoder(final TextValueParser parser)
    {
        return new TextEventEncoder(identities, parser, minEventTimeMs, maxEventTimeMs);
    }

    /**
     * Whether producers may send a message type (alerts are output only).
     *
     * @param type of message.
     * @return true for input types.
     */
    static boolean isInputType(final MessageType type)
    {
        return type != MessageType.ALERT;
    }

    /**
     * The message type a label names: its label (kpi, cdr, flow, qos, topology, sla_rule, window_spec, metric)
     * or its enum name, folded.
     *
     * @param text the label.
     * @return the type, or null.
     */
    public static MessageType messageType(final CharSequence text)
    {
        for (final MessageType type : MESSAGE_TYPES)
        {
            if (isInputType(type) &&
                (TextEventEncoder.equalsFolded(text, type.label()) || TextEventEncoder.equalsFolded(text, type.name())))
            {
                return type;
            }
        }
        return null;
    }
}
