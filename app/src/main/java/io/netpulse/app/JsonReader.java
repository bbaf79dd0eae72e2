/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON parser for API answers read by the command line (and tests): objects become
 * {@link LinkedHashMap}s, arrays {@link ArrayList}s, numbers {@link Double}s, and {@code null} null. Not for
 * the hot path.
 */
public final class JsonReader
{
    private final String text;
    private int position;

    private JsonReader(final String text)
    {
        this.text = text;
    }

    /**
     * Parses one JSON value, which must be all of the text (whitespace aside).
     *
     * @param text the JSON.
     * @return the value.
     * @throws IllegalArgumentException with the position of the first error.
     */
    public static Object parse(final String text)
    {
        final JsonReader reader = new JsonReader(text);
        final Object value = reader.value();
        reader.skipWhitespace();
        if (reader.position != text.length())
        {
            throw reader.error("trailing characters");
        }
        return value;
    }

    private Object value()
    {
        skipWhitespace();
        if (position >= text.length())
        {
            throw error("unexpected end");
        }
        final char c = text.charAt(position);
        switch (c)
        {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Map<String, Object> object()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        position++;
        skipWhitespace();
        if (peek('}'))
        {
            position++;
            return map;
        }
        while (true)
        {
            skipWhitespace();
            final String key = string();
            skipWhitespace();
            expect(':');
            map.put(key, value());
            skipWhitespace();
            if (peek(','))
            {
                position++;
                continue;
            }
            expect('}');
            return map;
        }
    }

    private List<Object> array()
    {
        final List<Object> list = new ArrayList<>();
        position++;
        skipWhitespace();
        if (peek(']'))
        {
            position++;
            return list;
        }
        while (true)
        {
            list.add(value());
            skipWhitespace();
            if (peek(','))
            {
                position++;
                continue;
            }
            expect(']');
            return list;
        }
    }

    private String string()
    {
        expect('"');
        final StringBuilder out = new StringBuilder();
        while (position < text.length())
        {
            final char c = text.charAt(position++);
            if (c == '"')
            {
                return out.toString();
            }
            if (c == '\\')
            {
                if (position >= text.length())
                {
                    break;
                }
                final char escaped = text.charAt(position++);
                switch (escaped)
                {
                    case 'n':
                        out.append('\n');
                        break;
                    case 't':
                        out.append('\t');
                        break;
                    case 'r':
                        out.append('\r');
                        break;
                    case 'b':
                        out.append('\b');
                        break;
                    case 'f':
                        out.append('\f');
                        break;
                    case 'u':
                        if (position + 4 > text.length())
                        {
                            throw error("bad unicode escape");
                        }
                        out.append((char)Integer.parseInt(text.substring(position, position + 4), 16));
                        position += 4;
                        break;
                    default:
                        out.append(escaped);
                }
            }
            else
            {
                out.append(c);
            }
        }
        throw error("unterminated string");
    }

    private Object literal(final String word, final Object value)
    {
        if (!text.startsWith(word, position))
        {
            throw error("expected " + word);
        }
        position += word.length();
        return value;
    }

    private Double number()
    {
        final int start = position;
        while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0)
        {
            position++;
        }
        if (start == position)
        {
            throw error("unexpected character '" + text.charAt(position) + "'");
        }
        try
        {
            return Double.valueOf(text.substring(start, position));
        }
        catch (final NumberFormatException ex)
        {
            throw error("bad number");
        }
    }

    private void skipWhitespace()
    {
        while (position < text.length() && Character.isWhitespace(text.charAt(position)))
        {
            position++;
        }
    }

    private boolean peek(final char c)
    {
        return position < text.length() && text.charAt(position) == c;
    }

    private void expect(final char c)
    {
        if (!peek(c))
        {
            throw error("expected '" + c + "'");
        }
        position++;
    }

    private IllegalArgumentException error(final String what)
    {
        return new IllegalArgumentException("bad JSON at " + position + ": " + what);
    }
}
