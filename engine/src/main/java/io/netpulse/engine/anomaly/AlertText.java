/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.anomaly;

/**
 * Writes alert detail text straight into an alert's character array, without building strings: text, whole
 * numbers and fixed-point decimals. Writes past the end of the array are dropped.
 */
final class AlertText
{
    private static final long[] POWERS = {1, 10, 100, 1000};

    private AlertText()
    {
    }

    /**
     * Appends text.
     *
     * @param out      the characters.
     * @param position where to write.
     * @param text     what to write.
     * @return the position after it.
     */
    static int append(final char[] out, final int position, final CharSequence text)
    {
        int at = position;
        for (int i = 0, length = text.length(); i < length; i++)
        {
            at = append(out, at, text.charAt(i));
        }
        return at;
    }

    /**
     * Appends a character.
     *
     * @param out      the characters.
     * @param position where to write.
     * @param c        what to write.
     * @return the position after it.
     */
    static int append(final char[] out, final int position, final char c)
    {
        if (position < out.length)
        {
            out[position] = c;
            return position + 1;
        }
        return position;
    }

    /**
     * Appends a whole number.
     *
     * @param out      the characters.
     * @param position where to write.
     * @param value    a non-negative number.
     * @return the position after it.
     */
    static int append(final char[] out, final int position, final long value)
    {
        long divisor = 1;
        while (value / divisor >= 10)
        {
            divisor *= 10;
        }
        int at = position;
        for (long d = divisor; d > 0; d /= 10)
        {
            at = append(out, at, (char)('0' + (value / d) % 10));
        }
        return at;
    }

    /**
     * Appends a decimal rounded to a number of places; a sign only when negative, or when asked for.
     *
     * @param out      the characters.
     * @param position where to write.
     * @param value    a finite number.
     * @param places   decimal places, 0 to 3.
     * @param plus     whether to write '+' before a number that is not negative.
     * @return the position after it.
     */
    static int append(final char[] out, final int position, final double value, final int places, final boolean plus)
    {
        final long scaled = Math.round(Math.abs(value) * POWERS[places]);
        int at = position;
        if (value < 0 && scaled > 0)
        {
            at = append(out, at, '-');
        }
        else if (plus)
        {
            at = append(out, at, '+');
        }
        at = append(out, at, scaled / POWERS[places]);
        if (places > 0)
        {
            at = append(out, at, '.');
            final long fraction = scaled % POWERS[places];
            for (long d = POWERS[places - 1]; d > 0; d /= 10)
            {
                at = append(out, at, (char)('0' + (fraction / d) % 10));
            }
        }
        return at;
    }
}
