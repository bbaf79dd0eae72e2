/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;

import java.io.Reader;
import java.util.Arrays;

/**
 * Reads events of any type from NDJSON: one object per line, members named as {@link TextField} names them
 * (any case; unknown members are ignored). The type comes from a {@code type} member, or is fixed for the
 * input by {@link TextFormatOptions#type(MessageType)}. Numbers may be written as JSON numbers or strings;
 * null and "" are absent values. For example:
 * <pre>
 * {"type":"kpi","eventTime":"2026-11-23T10:00:00Z","element":"cell-0001","metric":"prb_utilisation","value":71.5}
 * {"type":"cdr","eventTime":1795428000000,"cdrId":"a81f-22","element":1000001,"result":"dropped","durationMs":41000}
 * </pre>
 * Each line is accepted or refused on its own with a specific reason, its line number and the column of the
 * problem.
 */
public final class NdjsonEventReader implements TextEventReader, TextFieldSource
{
    /** Label of the format in rejections and dead letters. */
    public static final String FORMAT = "ndjson";

    private final NdjsonReader reader;
    private final TextEventEncoder encoder;
    private final MessageType fixedType;
    private final TextRejection rejection = new TextRejection();
    private final int[] memberOf = new int[TextField.values().length];
    private final int[] mapped = new int[TextField.values().length];
    private int mappedCount;
    private long records;
    private long rejected;

    /**
     * A reader over NDJSON text.
     *
     * @param reader  the text.
     * @param options how to read it.
     */
    public NdjsonEventReader(final Reader reader, final TextFormatOptions options)
    {
        this.reader = new NdjsonReader(reader, options.maxRecordChars());
        this.encoder = options.newEncoder(new TextValueParser(options.zone()));
        this.fixedType = options.type();
        Arrays.fill(memberOf, -1);
    }

    /**
     * {@inheritDoc}
     */
    public boolean next(final TextEventHandler handler)
    {
        for (int i = 0; i < mappedCount; i++)
        {
            memberOf[mapped[i]] = -1;
        }
        mappedCount = 0;

        final int status = reader.next();
        if (status == NdjsonReader.END)
        {
            return false;
        }
        records++;
        if (status == NdjsonReader.ERROR)
        {
            return reject(handler, RejectReason.MALFORMED_RECORD, reader.errorColumn(), reader.errorMessage());
        }
        for (int i = 0, n = reader.memberCount(); i < n; i++)
        {
            final TextField field = TextField.lookup(reader.name(i));
            if (null != field && memberOf[field.ordinal()] < 0)
            {
                memberOf[field.ordinal()] = i;
                mapped[mappedCount++] = field.ordinal();
            }
        }

        MessageType type = fixedType;
        if (null == type)
        {
            final CharSequence label = value(TextField.TYPE);
            type = null == label ? null : TextFormatOptions.messageType(label);
            if (null == type)
            {
                return reject(handler, RejectReason.MALFORMED_RECORD, column(TextField.TYPE),
                    null == label ? "missing type (kpi, cdr, flow, qos, topology, sla_rule, window_spec, metric)" :
                    "type: '" + label + "' is not an input message type (kpi, cdr, flow, qos, topology, " +
                    "sla_rule, window_spec, metric)");
            }
        }
        final RejectReason reason = encoder.encode(type, this, handler);
        if (null != reason)
        {
            return reject(handler, reason, encoder.errorColumn(), encoder.errorMessage());
        }
        return true;
    }

    private boolean reject(
        final TextEventHandler handler, final RejectReason reason, final int column, final String message)
    {
        rejected++;
        handler.onRejected(rejection.set(
            reason, reader.line(), column, message, FORMAT, null, reader.lineChars(), reader.lineLength()));
        return true;
    }

    /**
     * {@inheritDoc}
     */
    public CharSequence value(final TextField field)
    {
        final int member = memberOf[field.ordinal()];
        if (member < 0 || reader.type(member) == NdjsonReader.NULL)
        {
            return null;
        }
        final CharSequence value = reader.value(member);
        return value.length() == 0 ? null : value;
    }

    /**
     * {@inheritDoc}
     */
    public int column(final TextField field)
    {
        final int member = memberOf[field.ordinal()];
        return member < 0 ? 0 : reader.valueColumn(member);
    }

    /**
     * {@inheritDoc}
     */
    public long records()
    {
        return records;
    }

    /**
     * {@inheritDoc}
     */
    public long rejected()
    {
        return rejected;
    }

    /**
     * Characters consumed so far.
     *
     * @return the count.
     */
    public long charsRead()
    {
        return reader.charsRead();
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        reader.close();
    }
}
