/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Parses the values text feeds carry (integers, decimals, times, IP addresses) straight from characters, with
 * no exceptions and, on the common paths, no allocation: each method returns whether the text was valid, leaves
 * the value in a field, and otherwise leaves a reason in {@link #error()}. Surrounding spaces are ignored.
 * One instance per thread.
 */
public final class TextValueParser
{
    private static final long MS_PER_SECOND = 1000L;
    private static final long MS_PER_DAY = 86_400_000L;
    private static final int MAX_FAST_DIGITS = 15;
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22};

    private final ZoneId zone;
    private final ZoneOffset fixedOffset;
    private final ZoneRules rules;

    private long longValue;
    private double doubleValue;
    private long addressHigh;
    private long addressLow;
    private String error;

    /**
     * A parser that reads local times (with no offset written) as UTC.
     */
    public TextValueParser()
    {
        this(ZoneOffset.UTC);
    }

    /**
     * A parser that reads local times in a zone.
     *
     * @param zone for times written without an offset.
     */
    public TextValueParser(final ZoneId zone)
    {
        this.zone = zone;
        this.rules = zone.getRules();
        this.fixedOffset = rules.isFixedOffset() ? rules.getOffset(java.time.Instant.EPOCH) : null;
    }

    /**
     * The zone local times are read in.
     *
     * @return the zone.
     */
    public ZoneId zone()
    {
        return zone;
    }

    /**
     * The value of the last successful integer or time parse.
     *
     * @return the value.
     */
    public long longValue()
    {
        return longValue;
    }

    /**
     * The value of the last successful decimal parse.
     *
     * @return the value.
     */
    public double doubleValue()
    {
        return doubleValue;
    }

    /**
     * High 64 bits (network order) of the last address parsed.
     *
     * @return the bits.
     */
    public long addressHigh()
    {
        return addressHigh;
    }

    /**
     * Low 64 bits (network order) of the last address parsed.
     *
     * @return the bits.
     */
    public long addressLow()
    {
        return addressLow;
    }

    /**
     * Why the last parse failed.
     *
     * @return the reason.
     */
    public String error()
    {
        return error;
    }

    private boolean fail(final String reason)
    {
        error = reason;
        return false;
    }

    private static int start(final CharSequence text)
    {
        int start = 0;
        while (start < text.length() && text.charAt(start) == ' ')
        {
            start++;
        }
        return start;
    }

    private static int end(final CharSequence text, final int start)
    {
        int end = text.length();
        while (end > start && text.charAt(end - 1) == ' ')
        {
            end--;
        }
        return end;
    }

    /**
     * Parses a decimal integer with an optional sign into {@link #longValue()}.
     *
     * @param text to parse.
     * @return true when it is a 64-bit integer.
     */
    public boolean parseLong(final CharSequence text)
    {
        final int start = start(text);
        return parseLong(text, start, end(text, start));
    }

    private boolean parseLong(final CharSequence text, final int start, final int end)
    {
        if (start == end)
        {
            return fail("empty, expected an integer");
        }
        int i = start;
        final char first = text.charAt(i);
        final boolean negative = first == '-';
        if (negative || first == '+')
        {
            i++;
        }
        if (i == end)
        {
            return fail("expected digits");
        }
        // accumulate negatively so that Long.MIN_VALUE parses
        long value = 0;
        for (; i < end; i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return fail("'" + c + "' is not a digit");
            }
            final int digit = c - '0';
            if (value < (Long.MIN_VALUE + digit) / 10)
            {
                return fail("integer out of the 64-bit range");
            }
            value = value * 10 - digit;
        }
        if (!negative)
        {
            if (value == Long.MIN_VALUE)
            {
                return fail("integer out of the 64-bit range");
            }
            value = -value;
        }
        longValue = value;
        return true;
    }

    /**
     * Parses a decimal integer within a range into {@link #longValue()}.
     *
     * @param text to parse.
     * @param min  smallest value accepted.
     * @param max  largest value accepted.
     * @return true when valid and in range.
     */
    public boolean parseLong(final CharSequence text, final long min, final long max)
    {
        if (!parseLong(text))
        {
            return false;
        }
        if (longValue < min || longValue > max)
        {
            return fail(longValue + " is outside " + min + ".." + max);
        }
        return true;
    }

    /**
     * Parses a decimal number into {@link #doubleValue()}: JSON number syntax, with an optional '+', and the
     * words NaN and Infinity (any case, signed) so that they reach validation and are refused for what they
     * are rather than as unreadable. Correctly rounded.
     *
     * @param text to parse.
     * @return true when it is a number.
     */
    public boolean parseDouble(final CharSequence text)
    {
        final int start = start(text);
        final int end = end(text, start);
        if (start == end)
        {
            return fail("empty, expected a number");
        }
        int i = start;
        final char first = text.charAt(i);
        final boolean negative = first == '-';
        if (negative || first == '+')
        {
            i++;
        }
        if (i < end && !isDigit(text.charAt(i)) && text.charAt(i) != '.')
        {
            return parseSpecial(text, i, end, negative);
        }

        long mantissa = 0;
        int digits = 0;
        int exponent = 0;
        boolean anyDigit = false;
        for (; i < end && isDigit(text.charAt(i)); i++)
        {
            anyDigit = true;
            final int digit = text.charAt(i) - '0';
            if (digits > 0 || digit != 0)
            {
                if (digits < 18)
                {
                    mantissa = mantissa * 10 + digit;
                    digits++;
                }
                else
                {
                    exponent++;
                    digits++;
                }
            }
        }
        if (i < end && text.charAt(i) == '.')
        {
            i++;
            for (; i < end && isDigit(text.charAt(i)); i++)
            {
                anyDigit = true;
                final int digit = text.charAt(i) - '0';
                if (digits < 18)
                {
                    if (digits > 0 || digit != 0)
                    {
                        digits++;
                    }
                    mantissa = mantissa * 10 + digit;
                    exponent--;
                }
                else
                {
                    digits++;
                }
            }
        }
        if (!anyDigit)
        {
            return fail("expected digits");
        }
        if (i < end && (text.charAt(i) == 'e' || text.charAt(i) == 'E'))
        {
            i++;
            boolean negativeExponent = false;
            if (i < end && (text.charAt(i) == '+' || text.charAt(i) == '-'))
            {
                negativeExponent = text.charAt(i) == '-';
                i++;
            }
            if (i == end || !isDigit(text.charAt(i)))
            {
                return fail("expected digits in the exponent");
            }
            int written = 0;
            for (; i < end && isDigit(text.charAt(i)); i++)
            {
                written = Math.min(100_000, written * 10 + (text.charAt(i) - '0'));
            }
            exponent += negativeExponent ? -written : written;
        }
        if (i != end)
        {
            return fail("'" + text.charAt(i) + "' does not belong in a number");
        }

        double value;
        if (digits <= MAX_FAST_DIGITS && exponent >= -22 && exponent <= 22)
        {
            // Clinger's fast path: both operands exact, so one correctly rounded operation.
            value = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent] : mantissa / POWERS_OF_TEN[-exponent];
        }
        else
        {
            value = Double.parseDouble(text.subSequence(start, end).toString());
            doubleValue = value;
            return true;
        }
        doubleValue = negative ? -value : value;
        return true;
    }

    private boolean parseSpecial(final CharSequence text, final int from, final int end, final boolean negative)
    {
        if (regionEqualsIgnoreCase(text, from, end, "nan"))
        {
            doubleValue = Double.NaN;
            return true;
        }
        if (regionEqualsIgnoreCase(text, from, end, "infinity") || regionEqualsIgnoreCase(text, from, end, "inf"))
        {
            doubleValue = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return true;
        }
        return fail("not a number");
    }

    private static boolean regionEqualsIgnoreCase(
        final CharSequence text, final int from, final int end, final String word)
    {
        if (end - from != word.length())
        {
            return false;
        }
        for (int i = 0; i < word.length(); i++)
        {
            if (Character.toLowerCase(text.charAt(from + i)) != word.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a time into {@link #longValue()} as epoch milliseconds: either an integer count of epoch
     * milliseconds, or an ISO-8601 date-time {@code YYYY-MM-DD[T| ]hh:mm[:ss[.fraction]][Z|+hh[:mm]|-hh[:mm]]}
     * (or a date alone, meaning its midnight). A time written without an offset is read in this parser's zone.
     *
     * @param text to parse.
     * @return true when it is a time.
     */
    public boolean parseTime(final CharSequence text)
    {
        final int start = start(text);
        final int end = end(text, start);
        if (end - start >= 10 && text.charAt(start + 4) == '-')
        {
            return parseDateTime(text, start, end);
        }
        if (!parseLong(text, start, end))
        {
            return fail("expected epoch milliseconds or an ISO-8601 date-time");
        }
        return true;
    }

    private boolean parseDateTime(final CharSequence text, final int start, final int end)
    {
        final int year = digits(text, start, 4);
        final int month = digits(text, start + 5, 2);
        final int day = digits(text, start + 8, 2);
        if (year < 0 || month < 1 || month > 12 || text.charAt(start + 7) != '-' || day < 1 ||
            day > daysInMonth(year, month))
        {
            return fail("not a valid date (expected YYYY-MM-DD)");
        }
        int i = start + 10;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int millis = 0;
        if (i < end)
        {
            final char separator = text.charAt(i);
            if (separator != 'T' && separator != 't' && separator != ' ')
            {
                return fail("expected 'T' or a space between the date and the time");
            }
            hour = digits(text, i + 1, 2);
            minute = i + 6 <= end && text.charAt(i + 3) == ':' ? digits(text, i + 4, 2) : -1;
            if (hour < 0 || hour > 23 || minute < 0 || minute > 59)
            {
                return fail("not a valid time of day (expected hh:mm[:ss])");
            }
            i += 6;
            if (i < end && text.charAt(i) == ':')
            {
                second = digits(text, i + 1, 2);
                if (second < 0 || second > 59)
                {
                    return fail("not a valid second");
                }
                i += 3;
                if (i < end && (text.charAt(i) == '.' || text.charAt(i) == ','))
                {
                    i++;
                    int scale = 100;
                    final int fractionStart = i;
                    for (; i < end && isDigit(text.charAt(i)); i++)
                    {
                        millis += (text.charAt(i) - '0') * scale;
                        scale /= 10;
                    }
                    if (i == fractionStart)
                    {
                        return fail("expected digits after the decimal point of the seconds");
                    }
                }
            }
        }

        final long localMs = epochDay(year, month, day) * MS_PER_DAY +
            ((hour * 60L + minute) * 60L + second) * MS_PER_SECOND + millis;
        if (i == end)
        {
            if (null != fixedOffset)
            {
                longValue = localMs - fixedOffset.getTotalSeconds() * MS_PER_SECOND;
            }
            else
            {
                final ZoneOffset offset = rules.getOffset(
                    LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000));
                longValue = localMs - offset.getTotalSeconds() * MS_PER_SECOND;
            }
            return true;
        }

        final char zoneChar = text.charAt(i);
        if ((zoneChar == 'Z' || zoneChar == 'z') && i + 1 == end)
        {
            longValue = localMs;
            return true;
        }
        if (zoneChar != '+' && zoneChar != '-')
        {
            return fail("expected Z or an offset such as +01:00 after the time");
        }
        final int offsetHours = digits(text, i + 1, 2);
        int offsetMinutes = 0;
        int next = i + 3;
        if (next < end)
        {
            if (text.charAt(next) == ':')
            {
                next++;
            }
            offsetMinutes = digits(text, next, 2);
            next += 2;
        }
        if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59 || next != end)
        {
            return fail("not a valid offset (expected +hh:mm)");
        }
        final long offsetMs = (offsetHours * 60L + offsetMinutes) * 60_000L;
        longValue = zoneChar == '+' ? localMs - offsetMs : localMs + offsetMs;
        return true;
    }

    private static int digits(final CharSequence text, final int from, final int count)
    {
        if (from + count > text.length())
        {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + count; i++)
        {
            final char c = text.charAt(i);
            if (!isDigit(c))
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysInMonth(final int year, final int month)
    {
        switch (month)
        {
            case 2:
                return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /**
     * Days from 1970-01-01 to a proleptic Gregorian date (the civil-from-days algorithm run backwards).
     */
    static long epochDay(final int year, final int month, final int day)
    {
        final long y = month <= 2 ? year - 1 : year;
        final long era = Math.floorDiv(y, 400);
        final long yearOfEra = y - era * 400;
        final long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        final long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /**
     * Parses an IPv4 address (dotted quad, stored IPv4-mapped as {@code ::ffff:a.b.c.d}) or an IPv6 address
     * (with {@code ::} compression and an optional dotted tail) into {@link #addressHigh()} and
     * {@link #addressLow()}.
     *
     * @param text to parse.
     * @return true when it is an address.
     */
    public boolean parseAddress(final CharSequence text)
    {
        final int start = start(text);
        final int end = end(text, start);
        if (start == end)
        {
            return fail("empty, expected an IP address");
        }
        boolean colon = false;
        for (int i = start; i < end; i++)
        {
            if (text.charAt(i) == ':')
            {
                colon = true;
                break;
            }
        }
        if (!colon)
        {
            final long ipv4 = ipv4(text, start, end);
            if (ipv4 < 0)
            {
                return fail("not an IPv4 address");
            }
            addressHigh = 0;
            addressLow = 0xFFFF_0000_0000L | ipv4;
            return true;
        }
        return parseIpv6(text, start, end);
    }

    private static long ipv4(final CharSequence text, final int start, final int end)
    {
        long address = 0;
        int octets = 0;
        int i = start;
        while (i < end)
        {
            int value = 0;
            final int digitsStart = i;
            while (i < end && isDigit(text.charAt(i)))
            {
                value = value * 10 + (text.charAt(i) - '0');
                if (value > 255 || i - digitsStart >= 3)
                {
                    return -1;
                }
                i++;
            }
            if (i == digitsStart)
            {
                return -1;
            }
            address = (address << 8) | value;
            octets++;
            if (i < end)
            {
                if (text.charAt(i) != '.' || octets == 4)
                {
                    return -1;
                }
                i++;
                if (i == end)
                {
                    return -1;
                }
            }
        }
        return octets == 4 ? address : -1;
    }

    private boolean parseIpv6(final CharSequence text, final int start, final int end)
    {
        final int[] groups = new int[8];
        int count = 0;
        int compressAt = -1;
        int i = start;
        if (end - start >= 2 && text.charAt(i) == ':' && text.charAt(i + 1) == ':')
        {
            compressAt = 0;
            i += 2;
        }
        while (i < end)
        {
            if (count == 8)
            {
                return fail("too many groups in an IPv6 address");
            }
            int value = 0;
            int digits = 0;
            final int groupStart = i;
            while (i < end && Character.digit(text.charAt(i), 16) >= 0)
            {
                value = value * 16 + Character.digit(text.charAt(i), 16);
                digits++;
                i++;
            }
            if (i < end && text.charAt(i) == '.')
            {
                final long ipv4 = ipv4(text, groupStart, end);
                if (ipv4 < 0 || count > 6)
                {
                    return fail("bad IPv4 tail in an IPv6 address");
                }
                groups[count++] = (int)(ipv4 >>> 16);
                groups[count++] = (int)(ipv4 & 0xFFFF);
                i = end;
                break;
            }
            if (digits == 0 || digits > 4)
            {
                return fail("bad group in an IPv6 address");
            }
            groups[count++] = value;
            if (i < end)
            {
                if (text.charAt(i) != ':')
                {
                    return fail("unexpected '" + text.charAt(i) + "' in an IPv6 address");
                }
                i++;
                if (i < end && text.charAt(i) == ':')
                {
                    if (compressAt >= 0)
                    {
                        return fail("'::' appears twice in an IPv6 address");
                    }
                    compressAt = count;
                    i++;
                }
                else if (i == end)
                {
                    return fail("IPv6 address ends with ':'");
                }
            }
        }
        if (compressAt < 0 && count != 8)
        {
            return fail("an IPv6 address has eight groups, or '::'");
        }
        if (compressAt >= 0 && count == 8)
        {
            return fail("'::' in an IPv6 address that already has eight groups");
        }
        final int[] full = new int[8];
        if (compressAt < 0)
        {
            System.arraycopy(groups, 0, full, 0, 8);
        }
        else
        {
            System.arraycopy(groups, 0, full, 0, compressAt);
            final int tail = count - compressAt;
            System.arraycopy(groups, compressAt, full, 8 - tail, tail);
        }
        long high = 0;
        long low = 0;
        for (int g = 0; g < 4; g++)
        {
            high = (high << 16) | full[g];
            low = (low << 16) | full[g + 4];
        }
        addressHigh = high;
        addressLow = low;
        return true;
    }

    private static boolean isDigit(final char c)
    {
        return c >= '0' && c <= '9';
    }
}
