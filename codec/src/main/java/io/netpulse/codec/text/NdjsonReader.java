/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Reads newline-delimited JSON: one JSON object per line, one line per call. The top-level members of each
 * object are made available by name with their type and value (strings unescaped, numbers as written); nested
 * objects and arrays are checked for well-formedness and their raw text is kept, so a reader may ignore
 * members it does not know. It streams: memory is the longest line, whatever the size of the input.
 * <p>
 * Bad input never throws. A line that is not one well-formed JSON object (or repeats a member name, or nests
 * deeper than {@link #MAX_DEPTH}, or is longer than the limit) comes back as {@link #ERROR} with the line and
 * column of the problem; the next call carries on with the next line. Blank lines are skipped; a UTF-8 byte
 * order mark at the start is dropped.
 * <p>
 * Names and values are views into buffers that the next call overwrites. Reading a line allocates nothing once
 * the buffers have grown to fit the input. One instance per stream and thread.
 */
public final class NdjsonReader implements AutoCloseable
{
    /** {@link #next()} read an object. */
    public static final int RECORD = 1;

    /** {@link #next()} found the end of the input. */
    public static final int END = 0;

    /** {@link #next()} found a malformed line. */
    public static final int ERROR = -1;

    /** A string value, unescaped. */
    public static final int STRING = 1;

    /** A number, as written (JSON number grammar checked). */
    public static final int NUMBER = 2;

    /** {@code true}. */
    public static final int TRUE = 3;

    /** {@code false}. */
    public static final int FALSE = 4;

    /** {@code null}. */
    public static final int NULL = 5;

    /** A nested object, as written. */
    public static final int OBJECT = 6;

    /** An array, as written. */
    public static final int ARRAY = 7;

    /** Default longest line accepted, in characters. */
    public static final int DEFAULT_MAX_LINE_CHARS = 64 * 1024;

    /** Deepest nesting of objects and arrays accepted. */
    public static final int MAX_DEPTH = 32;

    /** Most members an object may have. */
    public static final int MAX_MEMBERS = 1024;

    private static final int READ_BUFFER_CHARS = 64 * 1024;

    private final Reader reader;
    private final int maxLineChars;
    private final char[] input = new char[READ_BUFFER_CHARS];
    private int inputPosition;
    private int inputLimit;
    private boolean inputEnded;
    private boolean firstRead = true;
    private long charsRead;

    private char[] lineChars = new char[256];
    private int lineLength;
    private boolean lineTruncated;
    private long lineNumber;

    private char[] text = new char[256];
    private int textLength;
    private int[] nameStarts = new int[16];
    private int[] nameEnds = new int[16];
    private int[] valueStarts = new int[16];
    private int[] valueEnds = new int[16];
    private int[] valueTypes = new int[16];
    private int[] valueColumns = new int[16];
    private TextView[] nameViews = new TextView[0];
    private TextView[] valueViews = new TextView[0];
    private int memberCount;

    private int position;
    private int errorColumn;
    private String errorMessage;

    /**
     * A reader with the default line limit.
     *
     * @param reader the text; closed by {@link #close()}.
     */
    public NdjsonReader(final Reader reader)
    {
        this(reader, DEFAULT_MAX_LINE_CHARS);
    }

    /**
     * A reader with a line limit.
     *
     * @param reader       the text; closed by {@link #close()}.
     * @param maxLineChars longest line accepted, in characters.
     */
    public NdjsonReader(final Reader reader, final int maxLineChars)
    {
        if (maxLineChars < 2)
        {
            throw new IllegalArgumentException("maxLineChars must be at least 2: " + maxLineChars);
        }
        this.reader = reader;
        this.maxLineChars = maxLineChars;
        growMembers(16);
    }

    /**
     * Reads the next non-blank line as a JSON object.
     *
     * @return {@link #RECORD}, {@link #ERROR} or {@link #END}.
     * @throws UncheckedIOException if the reader fails (bad input is never an exception; a broken stream is).
     */
    public int next()
    {
        memberCount = 0;
        errorMessage = null;
        while (readLine())
        {
            if (!isBlank())
            {
                final int status = lineTruncated ?
                    fail(1, "line longer than " + maxLineChars + " characters") : parseObject();
                if (status == ERROR)
                {
                    memberCount = 0;
                }
                return status;
            }
        }
        return END;
    }

    private boolean isBlank()
    {
        for (int i = 0; i < lineLength; i++)
        {
            if (!isWhitespace(lineChars[i]))
            {
                return false;
            }
        }
        return true;
    }

    private boolean readLine()
    {
        lineLength = 0;
        lineTruncated = false;
        if (firstRead)
        {
            firstRead = false;
            if (peek() == '\uFEFF')
            {
                inputPosition++;
            }
        }
        if (peek() < 0)
        {
            return false;
        }
        lineNumber++;
        while (peek() >= 0)
        {
            // copy up to the line break, or the end of the read buffer, in one go
            final int start = inputPosition;
            int end = start;
            while (end < inputLimit && input[end] != '\n')
            {
                end++;
            }
            final int run = end - start;
            final int kept = Math.min(run, maxLineChars - lineLength);
            if (lineLength + kept > lineChars.length)
            {
                lineChars = Arrays.copyOf(lineChars, Math.min(maxLineChars, Math.max(lineLength + kept,
                    lineChars.length * 2)));
            }
            System.arraycopy(input, start, lineChars, lineLength, kept);
            lineLength += kept;
            lineTruncated |= kept < run;
            inputPosition = end;
            charsRead += run;
            if (end < inputLimit)
            {
                inputPosition++;
                charsRead++;
                break;
            }
        }
        if (lineLength > 0 && lineChars[lineLength - 1] == '\r')
        {
            lineLength--;
        }
        return true;
    }

    private int parseObject()
    {
        textLength = 0;
        position = 0;
        skipWhitespace();
        if (!expect('{', "expected '{' at the start of the object"))
        {
            return ERROR;
        }
        skipWhitespace();
        if (peekLine() == '}')
        {
            position++;
            return endOfObject();
        }
        while (true)
        {
            skipWhitespace();
            if (peekLine() != '"')
            {
                return fail(position + 1, "expected a member name in quotes");
            }
            if (memberCount == MAX_MEMBERS)
            {
                return fail(position + 1, "more than " + MAX_MEMBERS + " members");
            }
            if (memberCount == nameStarts.length)
            {
                growMembers(nameStarts.length * 2);
            }
            final int member = memberCount;
            final int nameColumn = position + 1;
            nameStarts[member] = textLength;
            if (!parseString())
            {
                return ERROR;
            }
            nameEnds[member] = textLength;
            if (isDuplicateName(member))
            {
                return fail(nameColumn, "member \"" + nameViews[member] + "\" appears twice");
            }
            skipWhitespace();
            if (!expect(':', "expected ':' after the member name"))
            {
                return ERROR;
            }
            skipWhitespace();
            valueColumns[member] = position + 1;
            if (!parseValue(member))
            {
                return ERROR;
            }
            memberCount = member + 1;
            skipWhitespace();
            final int c = peekLine();
            if (c == ',')
            {
                position++;
                continue;
            }
            if (c == '}')
            {
                position++;
                return endOfObject();
            }
            return fail(position + 1, "expected ',' or '}' after a member");
        }
    }

    private int endOfObject()
    {
        skipWhitespace();
        if (position < lineLength)
        {
            return fail(position + 1, "unexpected text after the object (one object per line)");
        }
        return RECORD;
    }

    private boolean isDuplicateName(final int member)
    {
        final int start = nameStarts[member];
        final int length = nameEnds[member] - start;
        for (int i = 0; i < member; i++)
        {
            if (nameEnds[i] - nameStarts[i] == length &&
                Arrays.equals(text, nameStarts[i], nameEnds[i], text, start, start + length))
            {
                return true;
            }
        }
        return false;
    }

    private boolean parseValue(final int member)
    {
        final int c = peekLine();
        switch (c)
        {
            case '"':
                valueTypes[member] = STRING;
                valueStarts[member] = textLength;
                if (!parseString())
                {
                    return false;
                }
                valueEnds[member] = textLength;
                return true;

            case '{':
            case '[':
            {
                valueTypes[member] = c == '{' ? OBJECT : ARRAY;
                final int start = position;
                if (!skipNested(1))
                {
                    return false;
                }
                return copyRaw(member, start);
            }

            case 't':
                valueTypes[member] = TRUE;
                return literal(member, "true");

            case 'f':
                valueTypes[member] = FALSE;
                return literal(member, "false");

            case 'n':
                valueTypes[member] = NULL;
                return literal(member, "null");

            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    valueTypes[member] = NUMBER;
                    final int start = position;
                    if (!skipNumber())
                    {
                        return false;
                    }
                    return copyRaw(member, start);
                }
                failAt(position + 1, c < 0 ? "expected a value before the end of the line" : "expected a value");
                return false;
        }
    }

    private boolean literal(final int member, final String word)
    {
        final int start = position;
        for (int i = 0; i < word.length(); i++)
        {
            if (peekLine() != word.charAt(i))
            {
                failAt(start + 1, "expected '" + word + "'");
                return false;
            }
            position++;
        }
        return copyRaw(member, start);
    }

    private boolean copyRaw(final int member, final int start)
    {
        final int length = position - start;
        ensureText(length);
        valueStarts[member] = textLength;
        System.arraycopy(lineChars, start, text, textLength, length);
        textLength += length;
        valueEnds[member] = textLength;
        return true;
    }

    private boolean skipNumber()
    {
        if (peekLine() == '-')
        {
            position++;
        }
        int c = peekLine();
        if (c == '0')
        {
            position++;
        }
        else if (c >= '1' && c <= '9')
        {
            skipDigits();
        }
        else
        {
            failAt(position + 1, "expected a digit");
            return false;
        }
        if (peekLine() == '.')
        {
            position++;
            if (!isDigit(peekLine()))
            {
                failAt(position + 1, "expected a digit after the decimal point");
                return false;
            }
            skipDigits();
        }
        c = peekLine();
        if (c == 'e' || c == 'E')
        {
            position++;
            c = peekLine();
            if (c == '+' || c == '-')
            {
                position++;
            }
            if (!isDigit(peekLine()))
            {
                failAt(position + 1, "expected a digit in the exponent");
                return false;
            }
            skipDigits();
        }
        c = peekLine();
        if (c >= 0 && !isWhitespace((char)c) && c != ',' && c != '}' && c != ']')
        {
            failAt(position + 1, "unexpected '" + (char)c + "' in a number");
            return false;
        }
        return true;
    }

    private void skipDigits()
    {
        while (isDigit(peekLine()))
        {
            position++;
        }
    }

    /**
     * Skips a nested object or array, checking its grammar, without keeping its members.
     */
    private boolean skipNested(final int depth)
    {
        if (depth > MAX_DEPTH)
        {
            failAt(position + 1, "nested deeper than " + MAX_DEPTH + " levels");
            return false;
        }
        final int open = peekLine();
        final char close = open == '{' ? '}' : ']';
        position++;
        skipWhitespace();
        if (peekLine() == close)
        {
            position++;
            return true;
        }
        final int savedText = textLength;
        while (true)
        {
            skipWhitespace();
            if (open == '{')
            {
                if (peekLine() != '"')
                {
                    failAt(position + 1, "expected a member name in quotes");
                    return false;
                }
                if (!parseString())
                {
                    return false;
                }
                textLength = savedText;
                skipWhitespace();
                if (peekLine() != ':')
                {
                    failAt(position + 1, "expected ':' after the member name");
                    return false;
                }
                position++;
                skipWhitespace();
            }
            if (!skipValue(depth))
            {
                return false;
            }
            skipWhitespace();
            final int c = peekLine();
            if (c == ',')
            {
                position++;
                continue;
            }
            if (c == close)
            {
                position++;
                return true;
            }
            failAt(position + 1, "expected ',' or '" + close + "'");
            return false;
        }
    }

    private boolean skipValue(final int depth)
    {
        final int c = peekLine();
        if (c == '{' || c == '[')
        {
            return skipNested(depth + 1);
        }
        if (c == '"')
        {
            final int savedText = textLength;
            final boolean ok = parseString();
            textLength = savedText;
            return ok;
        }
        if (c == '-' || isDigit(c))
        {
            return skipNumber();
        }
        final String word = c == 't' ? "true" : c == 'f' ? "false" : c == 'n' ? "null" : null;
        if (null == word)
        {
            failAt(position + 1, "expected a value");
            return false;
        }
        for (int i = 0; i < word.length(); i++)
        {
            if (peekLine() != word.charAt(i))
            {
                failAt(position + 1, "expected '" + word + "'");
                return false;
            }
            position++;
        }
        return true;
    }

    /**
     * Parses a string at the position (on its opening quote), appending its unescaped characters to the text.
     */
    private boolean parseString()
    {
        final int open = position;
        position++;
        while (true)
        {
            final int c = peekLine();
            if (c < 0)
            {
                failAt(open + 1, "string not closed before the end of the line");
                return false;
            }
            position++;
            if (c == '"')
            {
                return true;
            }
            if (c < 0x20)
            {
                failAt(position, "control character in a string (escape it)");
                return false;
            }
            if (c != '\\')
            {
                appendText((char)c);
                continue;
            }
            final int escape = peekLine();
            position++;
            switch (escape)
            {
                case '"':
                case '\\':
                case '/':
                    appendText((char)escape);
                    break;
                case 'b':
                    appendText('\b');
                    break;
                case 'f':
                    appendText('\f');
                    break;
                case 'n':
                    appendText('\n');
                    break;
                case 'r':
                    appendText('\r');
                    break;
                case 't':
                    appendText('\t');
                    break;
                case 'u':
                {
                    int code = 0;
                    for (int i = 0; i < 4; i++)
                    {
                        final int digit = Character.digit(peekLine(), 16);
                        if (digit < 0)
                        {
                            failAt(position + 1, "expected four hex digits after \\u");
                            return false;
                        }
                        code = code * 16 + digit;
                        position++;
                    }
                    appendText((char)code);
                    break;
                }
                default:
                    failAt(position, "unknown escape '\\" + (escape < 0 ? "" : String.valueOf((char)escape)) + "'");
                    return false;
            }
        }
    }

    private void appendText(final char c)
    {
        ensureText(1);
        text[textLength++] = c;
    }

    private void ensureText(final int extra)
    {
        if (textLength + extra > text.length)
        {
            text = Arrays.copyOf(text, Math.max(textLength + extra, text.length * 2));
        }
    }

    private boolean expect(final char c, final String message)
    {
        if (peekLine() != c)
        {
            failAt(position + 1, message);
            return false;
        }
        position++;
        return true;
    }

    private void skipWhitespace()
    {
        while (position < lineLength && isWhitespace(lineChars[position]))
        {
            position++;
        }
    }

    private int peekLine()
    {
        return position < lineLength ? lineChars[position] : -1;
    }

    private static boolean isWhitespace(final char c)
    {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static boolean isDigit(final int c)
    {
        return c >= '0' && c <= '9';
    }

    private void failAt(final int column, final String message)
    {
        errorColumn = Math.max(1, column);
        errorMessage = message;
    }

    private int fail(final int column, final String message)
    {
        failAt(column, message);
        memberCount = 0;
        return ERROR;
    }

    private int peek()
    {
        if (inputPosition == inputLimit && !fill())
        {
            return -1;
        }
        return input[inputPosition];
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
            throw new UncheckedIOException("cannot read NDJSON input", ex);
        }
    }

    private void growMembers(final int capacity)
    {
        nameStarts = Arrays.copyOf(nameStarts, capacity);
        nameEnds = Arrays.copyOf(nameEnds, capacity);
        valueStarts = Arrays.copyOf(valueStarts, capacity);
        valueEnds = Arrays.copyOf(valueEnds, capacity);
        valueTypes = Arrays.copyOf(valueTypes, capacity);
        valueColumns = Arrays.copyOf(valueColumns, capacity);
        final int old = nameViews.length;
        nameViews = Arrays.copyOf(nameViews, capacity);
        valueViews = Arrays.copyOf(valueViews, capacity);
        for (int i = old; i < capacity; i++)
        {
            nameViews[i] = new TextView(this, i, true);
            valueViews[i] = new TextView(this, i, false);
        }
    }

    /**
     * Members of the last object read.
     *
     * @return the count; 0 after {@link #ERROR} or {@link #END}.
     */
    public int memberCount()
    {
        return memberCount;
    }

    /**
     * A member's name, unescaped, as a view valid until the next call to {@link #next()}.
     *
     * @param index of the member, in the order written.
     * @return the name.
     */
    public CharSequence name(final int index)
    {
        checkIndex(index);
        return nameViews[index];
    }

    /**
     * A member's type.
     *
     * @param index of the member.
     * @return {@link #STRING}, {@link #NUMBER}, {@link #TRUE}, {@link #FALSE}, {@link #NULL}, {@link #OBJECT} or
     * {@link #ARRAY}.
     */
    public int type(final int index)
    {
        checkIndex(index);
        return valueTypes[index];
    }

    /**
     * A member's value: a string unescaped, anything else as written; a view valid until the next call.
     *
     * @param index of the member.
     * @return the value's characters.
     */
    public CharSequence value(final int index)
    {
        checkIndex(index);
        return valueViews[index];
    }

    /**
     * Column at which a member's value starts, for error messages.
     *
     * @param index of the member.
     * @return the 1-based column.
     */
    public int valueColumn(final int index)
    {
        checkIndex(index);
        return valueColumns[index];
    }

    /**
     * The member with a name.
     *
     * @param name to look for, exactly.
     * @return its index, or -1.
     */
    public int find(final CharSequence name)
    {
        for (int i = 0; i < memberCount; i++)
        {
            if (nameEquals(i, name))
            {
                return i;
            }
        }
        return -1;
    }

    private boolean nameEquals(final int index, final CharSequence name)
    {
        final int start = nameStarts[index];
        final int length = nameEnds[index] - start;
        if (length != name.length())
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (text[start + i] != name.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private void checkIndex(final int index)
    {
        if (index < 0 || index >= memberCount)
        {
            throw new IndexOutOfBoundsException("member " + index + " of " + memberCount);
        }
    }

    /**
     * Line number of the last line read.
     *
     * @return the 1-based line number.
     */
    public long line()
    {
        return lineNumber;
    }

    /**
     * Column of the problem in the last malformed line.
     *
     * @return the 1-based column.
     */
    public int errorColumn()
    {
        return errorColumn;
    }

    /**
     * What was wrong with the last malformed line.
     *
     * @return the message, or null after a good line.
     */
    public String errorMessage()
    {
        return errorMessage;
    }

    /**
     * The last line as read (without its line break), up to the line limit: what a dead letter keeps.
     *
     * @return the line's characters; see {@link #lineLength()}.
     */
    public char[] lineChars()
    {
        return lineChars;
    }

    /**
     * Characters of the last line in {@link #lineChars()}.
     *
     * @return the length.
     */
    public int lineLength()
    {
        return lineLength;
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
            throw new UncheckedIOException("cannot close NDJSON input", ex);
        }
    }

    /**
     * A member's name or value as a {@link CharSequence} over the reader's text buffer.
     */
    private static final class TextView implements CharSequence
    {
        private final NdjsonReader reader;
        private final int index;
        private final boolean name;

        TextView(final NdjsonReader reader, final int index, final boolean name)
        {
            this.reader = reader;
            this.index = index;
            this.name = name;
        }

        private int start()
        {
            return name ? reader.nameStarts[index] : reader.valueStarts[index];
        }

        public int length()
        {
            return (name ? reader.nameEnds[index] : reader.valueEnds[index]) - start();
        }

        public char charAt(final int i)
        {
            if (i < 0 || i >= length())
            {
                throw new IndexOutOfBoundsException(i);
            }
            return reader.text[start() + i];
        }

        public CharSequence subSequence(final int start, final int end)
        {
            return toString().substring(start, end);
        }

        public String toString()
        {
            return new String(reader.text, start(), length());
        }
    }
}
