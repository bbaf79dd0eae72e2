/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;

import java.io.Reader;
import java.util.Arrays;

/**
 * Reads events of any type from CSV with a header line. The header names the columns ({@link TextField} names
 * and aliases, any case; unknown columns are ignored); every record has as many fields as the header. The type
 * of each record comes from a {@code type} column, or is fixed for the file by
 * {@link TextFormatOptions#type(MessageType)}. An empty field is an absent value, so optional fields take their
 * defaults. For example:
 * <pre>
 * type,eventTime,element,metric,value
 * kpi,2026-11-23T10:00:00Z,cell-0001,prb_utilisation,71.5
 * kpi,1795428000000,1000001,3,0.25
 * </pre>
 * A record is refused with a specific reason (see {@link TextEventEncoder}); a header that cannot be used
 * (malformed, naming a field twice, naming no field, or with no type column when no type is fixed) refuses
 * every record with a message that says why.
 * <p>
 * The same reader reads the generic KPI CSV ({@value #KPI_FORMAT}, {@link #kpi(Reader, TextFormatOptions)}):
 * every record a KPI sample, and the header must name the four columns {@code timestamp,element,metric,value}
 * (in any order, by any of their aliases; a {@code quality} column is optional, other columns are ignored).
 */
public final class CsvEventReader implements TextEventReader, TextFieldSource
{
    /** Label of the format in rejections and dead letters. */
    public static final String FORMAT = "csv";

    /** Label of the generic KPI CSV format: {@code timestamp,element,metric,value}, every record a KPI sample. */
    public static final String KPI_FORMAT = "kpi-csv";

    private static final TextField[] KPI_COLUMNS =
        {TextField.EVENT_TIME, TextField.ELEMENT, TextField.METRIC, TextField.VALUE};

    private final CsvTokenizer tokenizer;
    private final TextEventEncoder encoder;
    private final MessageType fixedType;
    private final String format;
    private final TextField[] requiredColumns;
    private final TextRejection rejection = new TextRejection();
    private final int[] columnOf = new int[TextField.values().length];
    private boolean headerRead;
    private String header;
    private String headerProblem;
    private int headerFields;
    private long records;
    private long rejected;

    /**
     * A reader over CSV text.
     *
     * @param reader  the text.
     * @param options how to read it.
     */
    public CsvEventReader(final Reader reader, final TextFormatOptions options)
    {
        this(reader, options, FORMAT, options.type(), new TextField[0]);
    }

    private CsvEventReader(
        final Reader reader,
        final TextFormatOptions options,
        final String format,
        final MessageType fixedType,
        final TextField[] requiredColumns)
    {
        this.tokenizer = new CsvTokenizer(reader, options.delimiter(), options.maxRecordChars());
        this.encoder = options.newEncoder(new TextValueParser(options.zone()));
        this.fixedType = fixedType;
        this.format = format;
        this.requiredColumns = requiredColumns;
        Arrays.fill(columnOf, -1);
    }

    /**
     * A reader of the generic KPI CSV ({@value #KPI_FORMAT}): a header naming {@code timestamp}, {@code element},
     * {@code metric} and {@code value}, then one KPI sample per record, whatever type the options fix.
     *
     * @param reader  the text.
     * @param options how to read it (zone of local times, identities, delimiter, limits).
     * @return the reader.
     */
    public static CsvEventReader kpi(final Reader reader, final TextFormatOptions options)
    {
        return new CsvEventReader(reader, options, KPI_FORMAT, MessageType.KPI_SAMPLE, KPI_COLUMNS);
    }

    /**
     * The label of the format read, for rejections and dead letters.
     *
     * @return {@value #FORMAT} or {@value #KPI_FORMAT}.
     */
    public String format()
    {
        return format;
    }

    /**
     * {@inheritDoc}
     */
    public boolean next(final TextEventHandler handler)
    {
        if (!headerRead)
        {
            headerRead = true;
            readHeader();
        }
        final int status = tokenizer.next();
        if (status == CsvTokenizer.END)
        {
            return false;
        }
        records++;
        if (status == CsvTokenizer.ERROR)
        {
            return reject(handler, RejectReason.MALFORMED_RECORD, tokenizer.errorLine(), tokenizer.errorColumn(),
                tokenizer.errorMessage());
        }
        if (null != headerProblem)
        {
            return reject(handler, RejectReason.MALFORMED_RECORD, tokenizer.line(), 0,
                "no usable header: " + headerProblem);
        }
        if (tokenizer.fieldCount() != headerFields)
        {
            return reject(handler, RejectReason.MALFORMED_RECORD, tokenizer.line(), 0,
                "the record has " + tokenizer.fieldCount() + " fields, the header " + headerFields);
        }

        MessageType type = fixedType;
        if (null == type)
        {
            final CharSequence label = value(TextField.TYPE);
            type = null == label ? null : TextFormatOptions.messageType(label);
            if (null == type)
            {
                return reject(handler, RejectReason.MALFORMED_RECORD, tokenizer.line(), column(TextField.TYPE),
                    null == label ? "missing type (kpi, cdr, flow, qos, topology, sla_rule, window_spec, metric)" :
                    "type: '" + label + "' is not an input message type (kpi, cdr, flow, qos, topology, sla_rule, " +
                    "window_spec, metric)");
            }
        }
        final RejectReason reason = encoder.encode(type, this, handler);
        if (null != reason)
        {
            return reject(handler, reason, tokenizer.line(), encoder.errorColumn(), encoder.errorMessage());
        }
        return true;
    }

    private void readHeader()
    {
        final int status = tokenizer.next();
        if (status == CsvTokenizer.END)
        {
            return;
        }
        if (status == CsvTokenizer.ERROR)
        {
            headerProblem = "line " + tokenizer.errorLine() + ", column " + tokenizer.errorColumn() + ": " +
                tokenizer.errorMessage();
            return;
        }
        header = tokenizer.rawRecord();
        headerFields = tokenizer.fieldCount();
        int known = 0;
        for (int i = 0; i < headerFields; i++)
        {
            final TextField field = TextField.lookup(tokenizer.field(i));
            if (null == field)
            {
                continue;
            }
            if (columnOf[field.ordinal()] >= 0)
            {
                headerProblem = "column " + (i + 1) + " names " + field.fieldName() + " again";
                return;
            }
            columnOf[field.ordinal()] = i;
            known++;
        }
        if (known == 0)
        {
            headerProblem = "the first line names no known field (is the header missing?)";
            return;
        }
        for (final TextField required : requiredColumns)
        {
            if (columnOf[required.ordinal()] < 0)
            {
                headerProblem = "no " + (required == TextField.EVENT_TIME ? "timestamp" : required.fieldName()) +
                    " column (" + format + " needs timestamp, element, metric and value)";
                return;
            }
        }
        if (null == fixedType && columnOf[TextField.TYPE.ordinal()] < 0)
        {
            headerProblem = "no type column, and no type given for the file";
        }
    }

    private boolean reject(
        final TextEventHandler handler,
        final RejectReason reason,
        final long line,
        final int column,
        final String message)
    {
        rejected++;
        handler.onRejected(rejection.set(
            reason, line, column, message, format, header, tokenizer.rawChars(), tokenizer.rawLength()));
        return true;
    }

    /**
     * {@inheritDoc}
     */
    public CharSequence value(final TextField field)
    {
        final int column = columnOf[field.ordinal()];
        if (column < 0 || column >= tokenizer.fieldCount() || tokenizer.fieldLength(column) == 0)
        {
            return null;
        }
        return tokenizer.field(column);
    }

    /**
     * {@inheritDoc}
     */
    public int column(final TextField field)
    {
        final int column = columnOf[field.ordinal()];
        return column < 0 || column >= tokenizer.fieldCount() ? 0 : tokenizer.fieldColumn(column);
    }

    /**
     * The header line as read, or null before it is read or when there is none.
     *
     * @return the header.
     */
    public String header()
    {
        return header;
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
        return tokenizer.charsRead();
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        tokenizer.close();
    }
}
