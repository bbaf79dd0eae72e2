/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import io.netpulse.codec.RejectReason;

import java.util.Arrays;

/**
 * A text record that was refused: the reason, where it is (line and column), a message a person can act on,
 * the record as it appeared in the input and what is needed to read it again (its format, and for CSV the
 * header line). Reused by its reader for every rejection: copy what must outlive the callback.
 */
public final class TextRejection
{
    private RejectReason reason;
    private long line;
    private int column;
    private String message;
    private String format;
    private String context;
    private char[] record = new char[256];
    private int recordLength;

    /**
     * Fills the rejection in; the record text is copied.
     *
     * @param reason       why.
     * @param line         1-based line of the record (or of the problem in it).
     * @param column       1-based column of the problem, 0 when it concerns the whole record.
     * @param message      what is wrong.
     * @param format       label of the text format, e.g. csv.
     * @param context      what is needed to read the record again (the CSV header), or null.
     * @param chars        holding the record's text.
     * @param charsLength  of the record's text.
     * @return this.
     */
    public TextRejection set(
        final RejectReason reason,
        final long line,
        final int column,
        final String message,
        final String format,
        final String context,
        final char[] chars,
        final int charsLength)
    {
        this.reason = reason;
        this.line = line;
        this.column = column;
        this.message = message;
        this.format = format;
        this.context = context;
        if (record.length < charsLength)
        {
            record = Arrays.copyOf(record, Math.max(charsLength, record.length * 2));
        }
        System.arraycopy(chars, 0, record, 0, charsLength);
        recordLength = charsLength;
        return this;
    }

    /**
     * Why the record was refused.
     *
     * @return the reason.
     */
    public RejectReason reason()
    {
        return reason;
    }

    /**
     * Line of the record or the problem in it.
     *
     * @return the 1-based line.
     */
    public long line()
    {
        return line;
    }

    /**
     * Column of the problem.
     *
     * @return the 1-based column, or 0 for the whole record.
     */
    public int column()
    {
        return column;
    }

    /**
     * What is wrong, for a person.
     *
     * @return the message.
     */
    public String message()
    {
        return message;
    }

    /**
     * The format label (csv, ndjson, asterisk-cdr, kpi-csv).
     *
     * @return the label.
     */
    public String format()
    {
        return format;
    }

    /**
     * What is needed besides the record to read it again: the CSV header line, or null.
     *
     * @return the context, or null.
     */
    public String context()
    {
        return context;
    }

    /**
     * The record's text as it appeared in the input, without its line break.
     *
     * @return the characters; see {@link #recordLength()}.
     */
    public char[] recordChars()
    {
        return record;
    }

    /**
     * Characters of the record's text.
     *
     * @return the length.
     */
    public int recordLength()
    {
        return recordLength;
    }

    /**
     * The record's text.
     *
     * @return a new string.
     */
    public String recordText()
    {
        return new String(record, 0, recordLength);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "line " + line + (column > 0 ? ", column " + column : "") + ": " + reason.label() + ": " + message;
    }
}
