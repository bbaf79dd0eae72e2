/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Splits comma-separated text into records and fields, one record per call, as RFC 4180 defines them: fields
 * separated by a delimiter, records by CRLF, LF or a lone CR, a field in double quotes may hold delimiters, line
 * breaks and quotes doubled ({@code ""}), and an unquoted field may be empty. It streams: memory is the read
 * buffer plus the longest record, whatever the size of the input.
 * <p>
 * Bad input never throws. A record that breaks the grammar (a quote inside an unquoted field, text after a
 * closing quote, a quoted field still open at the end of the input, a record longer than the limit) comes back
 * as {@link #ERROR} with the line and column where the problem lies, and the tokenizer carries on at the next
 * line. Blank lines are skipped; a UTF-8 byte order mark at the start is dropped.
 * <p>
 * Fields are views into a buffer that the next call overwrites: read them, or copy what must be kept, before
 * calling {@link #next()} again. Reading a record allocates nothing once the buffers have grown to fit the
 * input. One instance per stream and thread.
 */
public final class CsvTokenizer implements AutoCloseable
{
    /** {@link #next()} read a record: see {@link #fieldCount()} and {@link #field(int)}. */
    public static final int RECORD = 1;

    /** {@link #next()} found the end of the input. */
    public static final int END = 0;

    /** {@link #next()} found a malformed record: see {@link #errorLine()}, {@link #errorColumn()}. */
    public static final int ERROR = -1;

    /** Default longest record accepted, in characters. */
    public static final int DEFAULT_MAX_RECORD_CHARS = 64 * 1024;

    /** Most fields a record may have. */
    public static final int MAX_FIELDS = 4096;

    private static final int READ_BUFFER_CHARS = 64 * 1024;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Reader reader;
    private final char delimiter;
    private final int maxRecordChars;
    private final char[] input = new char[READ_BUFFER_CHARS];
    private int inputPosition;
    private int inputLimit;
    private boolean inputEnded;
    private long charsRead;

    private char[] values = new char[256];
    private int valuesLength;
    private char[] raw = new char[256];
    private int rawLength;
    private boolean rawTruncated;

    private int[] fieldStarts = new int[32];
    private int[] fieldEnds = new int[32];
    private int[] fieldColumns = new int[32];
    private long[] fieldLines = new long[32];
    private boolean[] fieldQuoted = new boolean[32];
    private FieldView[] views = newViews(32, 0);
    private int fieldCount;

    private long line = 1;
    private int column = 1;
    private long recordLine;
    private int recordColumn;
    private boolean firstRead = true;

    private long errorLine;
    private int errorColumn;
    private String errorMessage;

    /**
     * A tokenizer for standard CSV: comma-delimited, records up to {@link #DEFAULT_MAX_RECORD_CHARS}.
     *
     * @param reader the text; closed by {@link #close()}.
     */
    public CsvTokenizer(final Reader reader)
    {
        this(reader, ',', DEFAULT_MAX_RECORD_CHARS);
    }

    /**
     * A tokenizer with another delimiter or record limit.
     *
     * @param reader         the text; closed by {@link #close()}.
     * @param delimiter      separates fields, e.g. ',' or ';' or '\t'; not a quote or line break.
     * @param maxRecordChars longest record accepted, in characters of input.
     */
    public CsvTokenizer(final Reader reader, final char delimiter, final int maxRecordChars)
    {
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n')
        {
            throw new IllegalArgumentException("delimiter cannot be a quote or a line break");
        }
        if (maxRecordChars < 1)
        {
            throw new IllegalArgumentException("maxRecordChars must be positive: " + maxRecordChars);
        }
        this.reader = reader;
        this.delimiter = delimiter;
        this.maxRecordChars = maxRecordChars;
    }

    /**
     * Reads the next record.
     *
     * @return {@link #RECORD}, {@link #ERROR} or {@link #END}.
     * @throws UncheckedIOException if the reader fails (bad input is never an exception; a broken stream is).
     */
    public int next()
    {
        if (firstRead)
        {
            firstRead = false;
            if (peek() == BYTE_ORDER_MARK)
            {
                inputPosition++;
            }
        }

        int c = peek();
        while (c == '\n' || c == '\r')
        {
            consumeLineBreak(c);
            c = peek();
        }
        return c < 0 ? END : readRecord();
    }

    private int readRecord()
    {
        fieldCount = 0;
        valuesLength = 0;
        rawLength = 0;
        rawTruncated = false;
        errorMessage = null;
        recordLine = line;
        recordColumn = column;
        final char delimiter = this.delimiter;

        while (true)
        {
            if (fieldCount == MAX_FIELDS)
            {
                return fail(line, column, "more than " + MAX_FIELDS + " fields");
            }
            final int field = beginField();
            int c = peek();
            if (c == '"')
            {
                fieldQuoted[field] = true;
                final long quoteLine = line;
                final int quoteColumn = column;
                take();
                while (true)
                {
                    c = peek();
                    if (c < 0)
                    {
                        return fail(quoteLine, quoteColumn, "quoted field not closed before the end of the input");
                    }
                    if (c != '"' && c != '\n' && c != '\r')
                    {
                        if (!takeRun(true))
                        {
                            return tooLong(quoteLine, quoteColumn);
                        }
                        continue;
                    }
                    if (c == '"')
                    {
                        take();
                        if (peek() == '"')
                        {
                            take();
                            if (!appendValue('"'))
                            {
                                return tooLong(quoteLine, quoteColumn);
                            }
                            continue;
                        }
                        break;
                    }
                    else
                    {
                        // a line break inside the quotes is part of the value
                        take();
                        if (c == '\r' && peek() == '\n')
                        {
                            take();
                            if (!appendValue('\r'))
                            {
                                return tooLong(quoteLine, quoteColumn);
                            }
                            c = '\n';
                        }
                        line++;
                        column = 1;
                        if (!appendValue((char)c))
                        {
                            return tooLong(quoteLine, quoteColumn);
                        }
                    }
                }
                endField(field);
                c = peek();
                if (c == delimiter)
                {
                    take();
                    continue;
                }
                if (c < 0 || c == '\n' || c == '\r')
                {
                    return endRecord(c);
                }
                return fail(line, column, "unexpected '" + printable(c) + "' after a closing quote");
            }

            while (c >= 0 && c != delimiter && c != '\n' && c != '\r')
            {
                if (c == '"')
                {
                    return fail(line, column, "quote inside an unquoted field (quote the whole field, " +
                        "doubling quotes inside it)");
                }
                // copy the run of plain characters in one go
                if (!takeRun(false))
                {
                    return tooLong(0, 0);
                }
                c = peek();
            }
            endField(field);
            if (c == delimiter)
            {
                take();
                continue;
            }
            return endRecord(c);
        }
    }

    private int endRecord(final int c)
    {
        if (rawTruncated)
        {
            return tooLong(0, 0);
        }
        if (c >= 0)
        {
            consumeLineBreak(c);
        }
        return RECORD;
    }

    private void consumeLineBreak(final int c)
    {
        inputPosition++;
        charsRead++;
        if (c == '\r' && peek() == '\n')
        {
            inputPosition++;
            charsRead++;
        }
        line++;
        column = 1;
    }

    private int beginField()
    {
        final int field = fieldCount;
        if (field == fieldStarts.length)
        {
            growFields();
        }
        fieldStarts[field] = valuesLength;
        fieldColumns[field] = column;
        fieldLines[field] = line;
        fieldQuoted[field] = false;
        return field;
    }

    private void endField(final int field)
    {
        fieldEnds[field] = valuesLength;
        fieldCount = field + 1;
    }

    private int tooLong(final long quoteLine, final int quoteColumn)
    {
        final String message = "record longer than " + maxRecordChars + " characters";
        return fail(recordLine, recordColumn, quoteLine > 0 ?
            message + " (the quoted field opened at line " + quoteLine + ", column " + quoteColumn +
            " is never closed?)" : message);
    }

    /**
     * Records an error and skips the rest of the physical line, so the next call starts afresh.
     */
    private int fail(final long errorLine, final int errorColumn, final String message)
    {
        this.errorLine = errorLine;
        this.errorColumn = errorColumn;
        this.errorMessage = message;
        fieldCount = 0;
        int c;
        while ((c = peek()) >= 0 && c != '\n' && c != '\r')
        {
            take();
        }
        if (c >= 0)
        {
            consumeLineBreak(c);
        }
        return ERROR;
    }

    /**
     * Takes the run of ordinary characters from the read buffer at once, into both the raw record and the
     * field's value: up to a line break or quote, and, outside quotes, a delimiter.
     *
     * @return false when the record passed the limit.
     */
    private boolean takeRun(final boolean quotedField)
    {
        final char[] input = this.input;
        final int start = inputPosition;
        final int limit = inputLimit;
        final char delimiter = quotedField ? '"' : this.delimiter;
        int i = start;
        while (i < limit)
        {
            final char c = input[i];
            if (c == delimiter || c == '"' || c == '\n' || c == '\r')
            {
                break;
            }
            i++;
        }
        final int run = i - start;
        inputPosition = i;
        charsRead += run;
        column += run;

        final int rawRun = Math.min(run, maxRecordChars - rawLength);
        if (rawLength + rawRun > raw.length)
        {
            raw = Arrays.copyOf(raw, Math.min(maxRecordChars, Math.max(rawLength + rawRun, raw.length * 2)));
        }
        System.arraycopy(input, start, raw, rawLength, rawRun);
        rawLength += rawRun;
        if (rawRun < run || rawTruncated)
        {
            rawTruncated = true;
            return false;
        }
        if (valuesLength + run > values.length)
        {
            values = Arrays.copyOf(values, Math.max(valuesLength + run, values.length * 2));
        }
        System.arraycopy(input, start, values, valuesLength, run);
        valuesLength += run;
        return true;
    }

    private boolean appendValue(final char c)
    {
        if (rawTruncated)
        {
            return false;
        }
        if (valuesLength == values.length)
        {
            values = Arrays.copyOf(values, Math.min(Math.max(16, maxRecordChars), values.length * 2));
        }
        values[valuesLength++] = c;
        return true;
    }

    private int peek()
    {
        if (inputPosition == inputLimit && !fill())
        {
            return -1;
        }
        return input[inputPosition];
    }

    /**
     * Consumes the character {@link #peek()} returned, keeping it in the raw record text.
     */
    private void take()
    {
        final char c = input[inputPosition++];
        charsRead++;
        column++;
        if (rawLength < maxRecordChars)
        {
            if (rawLength == raw.length)
            {
                raw = Arrays.copyOf(raw, Math.min(maxRecordChars, raw.length * 2));
            }
            raw[rawLength++] = c;
        }
        else
        {
            rawTruncated = true;
        }
    }

    private boolean fill()
    {
        if (inputEnded)
        {
            return false;
        }
        try
        {
            int read;
            do
            {
                read = reader.read(input, 0, input.length);
            }
            while (read == 0);
            if (read < 0)
            {
                inputEnded = true;
                return false;
            }
            inputPosition = 0;
            inputLimit = read;
            return true;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read CSV input", ex);
        }
    }

    private void growFields()
    {
        final int capacity = Math.min(MAX_FIELDS, fieldStarts.length * 2);
        fieldStarts = Arrays.copyOf(fieldStarts, capacity);
        fieldEnds = Arrays.copyOf(fieldEnds, capacity);
        fieldColumns = Arrays.copyOf(fieldColumns, capacity);
        fieldLines = Arrays.copyOf(fieldLines, capacity);
        fieldQuoted = Arrays.copyOf(fieldQuoted, capacity);
        final FieldView[] grown = Arrays.copyOf(views, capacity);
        for (int i = views.length; i < capacity; i++)
        {
            grown[i] = new FieldView(this, i);
        }
        views = grown;
    }

    private FieldView[] newViews(final int count, final int from)
    {
        final FieldView[] created = new FieldView[count];
        for (int i = from; i < count; i++)
        {
            created[i] = new FieldView(this, i);
        }
        return created;
    }

    private static String printable(final int c)
    {
        return c < ' ' ? String.format("\\u%04x", c) : String.valueOf((char)c);
    }

    /**
     * Fields in the last record.
     *
     * @return the count; 0 after {@link #ERROR} or {@link #END}.
     */
    public int fieldCount()
    {
        return fieldCount;
    }

    /**
     * A field of the last record, unquoted and unescaped, as a view valid until the next call to {@link #next()}.
     *
     * @param index of the field, from 0.
     * @return the field's characters.
     */
    public CharSequence field(final int index)
    {
        checkIndex(index);
        return views[index];
    }

    /**
     * Whether a field was written in quotes; an empty unquoted field is how many exports write "no value".
     *
     * @param index of the field.
     * @return true when quoted.
     */
    public boolean quoted(final int index)
    {
        checkIndex(index);
        return fieldQuoted[index];
    }

    /**
     * Length of a field's value.
     *
     * @param index of the field.
     * @return its length in characters.
     */
    public int fieldLength(final int index)
    {
        checkIndex(index);
        return fieldEnds[index] - fieldStarts[index];
    }

    /**
     * Line on which a field starts (a quoted field before it may span lines).
     *
     * @param index of the field.
     * @return the 1-based line number.
     */
    public long fieldLine(final int index)
    {
        checkIndex(index);
        return fieldLines[index];
    }

    /**
     * Column at which a field starts (its opening quote, for a quoted field).
     *
     * @param index of the field.
     * @return the 1-based column, counted in characters.
     */
    public int fieldColumn(final int index)
    {
        checkIndex(index);
        return fieldColumns[index];
    }

    /**
     * Whether a field's value equals a string, exactly.
     *
     * @param index of the field.
     * @param text  to compare with.
     * @return true when equal.
     */
    public boolean fieldEquals(final int index, final CharSequence text)
    {
        checkIndex(index);
        final int start = fieldStarts[index];
        final int length = fieldEnds[index] - start;
        if (length != text.length())
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (values[start + i] != text.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private void checkIndex(final int index)
    {
        if (index < 0 || index >= fieldCount)
        {
            throw new IndexOutOfBoundsException("field " + index + " of " + fieldCount);
        }
    }

    /**
     * Line on which the last record (or malformed record) starts.
     *
     * @return the 1-based line number.
     */
    public long line()
    {
        return recordLine;
    }

    /**
     * The last record's text as it appeared in the input (quotes and all, without its line break), up to the
     * record limit: what a dead letter keeps.
     *
     * @return a new string.
     */
    public String rawRecord()
    {
        return new String(raw, 0, rawLength);
    }

    /**
     * The raw record's characters, for copying without a string; valid until the next call.
     *
     * @return the buffer; see {@link #rawLength()}.
     */
    public char[] rawChars()
    {
        return raw;
    }

    /**
     * Characters of the raw record in {@link #rawChars()}.
     *
     * @return the length.
     */
    public int rawLength()
    {
        return rawLength;
    }

    /**
     * Whether the raw record was cut at the record limit.
     *
     * @return true when truncated.
     */
    public boolean rawTruncated()
    {
        return rawTruncated;
    }

    /**
     * Line of the problem in the last malformed record.
     *
     * @return the 1-based line number.
     */
    public long errorLine()
    {
        return errorLine;
    }

    /**
     * Column of the problem in the last malformed record.
     *
     * @return the 1-based column.
     */
    public int errorColumn()
    {
        return errorColumn;
    }

    /**
     * What was wrong with the last malformed record.
     *
     * @return the message, or null after a good record.
     */
    public String errorMessage()
    {
        return errorMessage;
    }

    /**
     * Characters consumed from the reader so far.
     *
     * @return the count.
     */
    public long charsRead()
    {
        return charsRead;
    }

    /**
     * Closes the reader.
     */
    public void close()
    {
        try
        {
            reader.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close CSV input", ex);
        }
    }

    /**
     * A field as a {@link CharSequence} over the tokenizer's value buffer, allocated once per field index.
     */
    private static final class FieldView implements CharSequence
    {
        private final CsvTokenizer tokenizer;
        private final int index;

        FieldView(final CsvTokenizer tokenizer, final int index)
        {
            this.tokenizer = tokenizer;
            this.index = index;
        }

        public int length()
        {
            return tokenizer.fieldEnds[index] - tokenizer.fieldStarts[index];
        }

        public char charAt(final int i)
        {
            if (i < 0 || i >= length())
            {
                throw new IndexOutOfBoundsException(i);
            }
            return tokenizer.values[tokenizer.fieldStarts[index] + i];
        }

        public CharSequence subSequence(final int start, final int end)
        {
            return toString().substring(start, end);
        }

        public String toString()
        {
            final int start = tokenizer.fieldStarts[index];
            return new String(tokenizer.values, start, tokenizer.fieldEnds[index] - start);
        }
    }
}
