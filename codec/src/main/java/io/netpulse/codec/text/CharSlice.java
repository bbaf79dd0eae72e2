/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

/**
 * A reusable view of part of another character sequence, so a substring can be passed on without copying.
 */
final class CharSlice implements CharSequence
{
    private CharSequence text = "";
    private int start;
    private int end;

    CharSlice wrap(final CharSequence text, final int start, final int end)
    {
        this.text = text;
        this.start = start;
        this.end = end;
        return this;
    }

    public int length()
    {
        return end - start;
    }

    public char charAt(final int index)
    {
        if (index < 0 || index >= end - start)
        {
            throw new IndexOutOfBoundsException(index);
        }
        return text.charAt(start + index);
    }

    public CharSequence subSequence(final int from, final int to)
    {
        return toString().substring(from, to);
    }

    public String toString()
    {
        return text.subSequence(start, end).toString();
    }
}
