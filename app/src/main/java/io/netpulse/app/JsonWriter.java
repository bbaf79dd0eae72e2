/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.engine.text.JsonText;

import java.util.Map;

/**
 * A small streaming JSON writer for summaries and API answers: objects, arrays, strings and numbers, with
 * commas placed for the caller. Not for the hot path.
 */
public final class JsonWriter
{
    private final StringBuilder out = new StringBuilder(1024);
    private boolean needComma;

    /**
     * Opens an object, as a value or after {@link #name}.
     *
     * @return this.
     */
    public JsonWriter beginObject()
    {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    /**
     * Closes an object.
     *
     * @return this.
     */
    public JsonWriter endObject()
    {
        out.append('}');
        needComma = true;
        return this;
    }

    /**
     * Opens an array.
     *
     * @return this.
     */
    public JsonWriter beginArray()
    {
        comma();
        out.append('[');
        needComma = false;
        return this;
    }

    /**
     * Closes an array.
     *
     * @return this.
     */
    public JsonWriter endArray()
    {
        out.append(']');
        needComma = true;
        return this;
    }

    /**
     * Writes a member name; the next value belongs to it.
     *
     * @param name of the member.
     * @return this.
     */
    public JsonWriter name(final String name)
    {
        comma();
        string(name);
        out.append(':');
        needComma = false;
        return this;
    }

    /**
     * A string value.
     *
     * @param value the string, or null.
     * @return this.
     */
    public JsonWriter value(final String value)
    {
        comma();
        if (null == value)
        {
            out.append("null");
        }
        else
        {
            string(value);
        }
        needComma = true;
        return this;
    }

    /**
     * An integer value.
     *
     * @param value the number.
     * @return this.
     */
    public JsonWriter value(final long value)
    {
        comma();
        out.append(value);
        needComma = true;
        return this;
    }

    /**
     * A number value; NaN and infinities become null.
     *
     * @param value the number.
     * @return this.
     */
    public JsonWriter value(final double value)
    {
        comma();
        if (Double.isFinite(value))
        {
            out.append(value);
        }
        else
        {
            out.append("null");
        }
        needComma = true;
        return this;
    }

    /**
     * A boolean value.
     *
     * @param value the boolean.
     * @return this.
     */
    public JsonWriter value(final boolean value)
    {
        comma();
        out.append(value);
        needComma = true;
        return this;
    }

    /**
     * JSON text written by another writer, inserted as a value.
     *
     * @param json valid JSON.
     * @return this.
     */
    public JsonWriter raw(final CharSequence json)
    {
        comma();
        out.append(json);
        needComma = true;
        return this;
    }

    /**
     * A name and a string value.
     *
     * @param name  of the member.
     * @param value the string.
     * @return this.
     */
    public JsonWriter field(final String name, final String value)
    {
        return name(name).value(value);
    }

    /**
     * A name and an integer value.
     *
     * @param name  of the member.
     * @param value the number.
     * @return this.
     */
    public JsonWriter field(final String name, final long value)
    {
        return name(name).value(value);
    }

    /**
     * A name and a number value.
     *
     * @param name  of the member.
     * @param value the number.
     * @return this.
     */
    public JsonWriter field(final String name, final double value)
    {
        return name(name).value(value);
    }

    /**
     * A name and a boolean value.
     *
     * @param name  of the member.
     * @param value the boolean.
     * @return this.
     */
    public JsonWriter field(final String name, final boolean value)
    {
        return name(name).value(value);
    }

    /**
     * A name and an object of counts.
     *
     * @param name   of the member.
     * @param counts name to count, in iteration order.
     * @return this.
     */
    public JsonWriter field(final String name, final Map<String, Long> counts)
    {
        name(name).beginObject();
        for (final Map.Entry<String, Long> entry : counts.entrySet())
        {
            field(entry.getKey(), entry.getValue());
        }
        return endObject();
    }

    private void comma()
    {
        if (needComma)
        {
            out.append(',');
        }
    }

    private void string(final String value)
    {
        JsonText.appendQuoted(out, value);
    }

    /**
     * The JSON written so far.
     *
     * @return the text.
     */
    public String toString()
    {
        return out.toString();
    }
}
