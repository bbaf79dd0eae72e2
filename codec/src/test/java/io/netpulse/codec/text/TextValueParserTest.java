/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextValueParserTest
{
    private final TextValueParser parser = new TextValueParser();

    private long longOf(final String text)
    {
        assertTrue(parser.parseLong(text), text + ": " + parser.error());
        return parser.longValue();
    }

    private double doubleOf(final String text)
    {
        assertTrue(parser.parseDouble(text), text + ": " + parser.error());
        return parser.doubleValue();
    }

    private long timeOf(final String text)
    {
        assertTrue(parser.parseTime(text), text + ": " + parser.error());
        return parser.longValue();
    }

    private void assertFails(final boolean parsed, final String fragment)
    {
        assertFalse(parsed);
        assertTrue(parser.error().contains(fragment), parser.error());
    }

    @Test
    void shouldParseIntegers()
    {
        assertEquals(0, longOf("0"));
        assertEquals(-42, longOf(" -42 "));
        assertEquals(42, longOf("+42"));
        assertEquals(Long.MAX_VALUE, longOf("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, longOf("-9223372036854775808"));
        assertFails(parser.parseLong("9223372036854775808"), "64-bit");
        assertFails(parser.parseLong("-9223372036854775809"), "64-bit");
        assertFails(parser.parseLong(""), "empty");
        assertFails(parser.parseLong("-"), "digits");
        assertFails(parser.parseLong("12a"), "not a digit");
        assertTrue(parser.parseLong("7", 0, 10));
        assertFails(parser.parseLong("11", 0, 10), "outside 0..10");
        assertFalse(parser.parseLong("x", 0, 10));
    }

    @Test
    void shouldParseDecimalsExactly()
    {
        assertEquals(0.1, doubleOf("0.1"));
        assertEquals(-12.5e3, doubleOf("-12.5e+3"));
        assertEquals(1e-3, doubleOf("0.001"));
        assertEquals(71.5, doubleOf("+71.5"));
        assertEquals(0.5, doubleOf(".5"));
        assertEquals(5.0, doubleOf("5."));
        assertEquals(3.0E-5, doubleOf("3E-5"));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(doubleOf("-0")));
        assertEquals(123456789012345678.9, doubleOf("123456789012345678.9"));
        assertEquals(1.7976931348623157E308, doubleOf("1.7976931348623157E308"));
        assertEquals(4.9E-324, doubleOf("4.9E-324"));
        assertEquals(Double.POSITIVE_INFINITY, doubleOf("1e400"));
        assertEquals(0.30000000000000004, doubleOf("0.30000000000000004"));
        assertTrue(Double.isNaN(doubleOf("NaN")));
        assertTrue(Double.isNaN(doubleOf("nan")));
        assertEquals(Double.NEGATIVE_INFINITY, doubleOf("-Infinity"));
        assertEquals(Double.POSITIVE_INFINITY, doubleOf("inf"));
        assertFails(parser.parseDouble("abc"), "not a number");
        assertFails(parser.parseDouble(""), "empty");
        assertFails(parser.parseDouble("1.2.3"), "does not belong");
        assertFails(parser.parseDouble("1e"), "exponent");
        assertFails(parser.parseDouble("-."), "digits");
    }

    @Property(tries = 2000)
    void decimalsParseAsTheJdkParsesThem(@ForAll final double value)
    {
        final String text = Double.toString(value);
        assertTrue(parser.parseDouble(text), text);
        assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(parser.doubleValue()), text);
    }

    @Property(tries = 2000)
    void plainDecimalsParseAsTheJdkParsesThem(
        @ForAll @LongRange(min = -99_999_999_999L, max = 99_999_999_999L) final long mantissa,
        @ForAll @LongRange(min = 0, max = 12) final long scale)
    {
        final String digits = Long.toString(Math.abs(mantissa));
        final String padded = "0".repeat((int)Math.max(0, scale + 1 - digits.length())) + digits;
        final int point = padded.length() - (int)scale;
        final String text = (mantissa < 0 ? "-" : "") + padded.substring(0, point) + "." + padded.substring(point);
        assertTrue(parser.parseDouble(text), text);
        assertEquals(Double.parseDouble(text), parser.doubleValue(), text);
    }

    @Test
    void shouldParseEpochMillisAndIsoTimes()
    {
        assertEquals(1_795_428_000_000L, timeOf("1795428000000"));
        assertEquals(Instant.parse("2026-11-23T10:00:00Z").toEpochMilli(), timeOf("2026-11-23T10:00:00Z"));
        assertEquals(Instant.parse("2026-11-23T10:00:00.123Z").toEpochMilli(), timeOf("2026-11-23T10:00:00.123Z"));
        assertEquals(Instant.parse("2026-11-23T10:00:00.123Z").toEpochMilli(), timeOf("2026-11-23 10:00:00.1234"));
        assertEquals(Instant.parse("2026-11-23T10:00:00Z").toEpochMilli(), timeOf("2026-11-23T10:00"));
        assertEquals(Instant.parse("2026-11-23T09:00:00Z").toEpochMilli(), timeOf("2026-11-23T10:00:00+01:00"));
        assertEquals(Instant.parse("2026-11-23T11:30:00Z").toEpochMilli(), timeOf("2026-11-23T10:00:00-0130"));
        assertEquals(Instant.parse("2026-11-23T08:00:00Z").toEpochMilli(), timeOf("2026-11-23T10:00:00+02"));
        assertEquals(Instant.parse("2024-02-29T00:00:00Z").toEpochMilli(), timeOf("2024-02-29"));
        assertEquals(Instant.parse("1969-12-31T23:59:59Z").toEpochMilli(), timeOf("1969-12-31T23:59:59z"));
        assertFails(parser.parseTime("2023-02-29"), "valid date");
        assertFails(parser.parseTime("2026-13-01"), "valid date");
        assertFails(parser.parseTime("2026-11-23X10:00"), "'T' or a space");
        assertFails(parser.parseTime("2026-11-23T25:00"), "time of day");
        assertFails(parser.parseTime("2026-11-23T10:00:61"), "second");
        assertFails(parser.parseTime("2026-11-23T10:00:00."), "decimal point");
        assertFails(parser.parseTime("2026-11-23T10:00:00Q"), "offset");
        assertFails(parser.parseTime("2026-11-23T10:00:00+1"), "offset");
        assertFails(parser.parseTime("yesterday"), "epoch milliseconds or an ISO-8601");
    }

    @Property(tries = 1000)
    void epochDaysMatchTheJdk(@ForAll @LongRange(min = -1_000_000, max = 1_000_000) final long day)
    {
        final LocalDate date = LocalDate.ofEpochDay(day);
        assertEquals(day, TextValueParser.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth()));
    }

    @Test
    void shouldReadLocalTimesInTheZoneWithDaylightSaving()
    {
        final TextValueParser berlin = new TextValueParser(ZoneId.of("Europe/Berlin"));
        assertEquals(ZoneId.of("Europe/Berlin"), berlin.zone());
        assertTrue(berlin.parseTime("2026-07-01 12:00:00"));
        assertEquals(Instant.parse("2026-07-01T10:00:00Z").toEpochMilli(), berlin.longValue());
        assertTrue(berlin.parseTime("2026-01-01 12:00:00"));
        assertEquals(Instant.parse("2026-01-01T11:00:00Z").toEpochMilli(), berlin.longValue());
        final TextValueParser fixed = new TextValueParser(ZoneId.of("+05:30"));
        assertTrue(fixed.parseTime("2026-01-01 12:00:00"));
        assertEquals(Instant.parse("2026-01-01T06:30:00Z").toEpochMilli(), fixed.longValue());
    }

    private void assertAddress(final String text, final long high, final long low)
    {
        assertTrue(parser.parseAddress(text), text + ": " + parser.error());
        assertEquals(high, parser.addressHigh(), text);
        assertEquals(low, parser.addressLow(), text);
    }

    @Test
    void shouldParseIpv4AndIpv6Addresses()
    {
        assertAddress("10.1.2.3", 0, 0xFFFF_0A01_0203L);
        assertAddress("255.255.255.255", 0, 0xFFFF_FFFF_FFFFL);
        assertAddress("::", 0, 0);
        assertAddress("::1", 0, 1);
        assertAddress("2001:db8::8a2e:370:7334", 0x2001_0db8_0000_0000L, 0x0000_8a2e_0370_7334L);
        assertAddress("2001:0db8:0000:0000:0000:ff00:0042:8329", 0x2001_0db8_0000_0000L, 0x0000_ff00_0042_8329L);
        assertAddress("1::", 0x0001_0000_0000_0000L, 0);
        assertAddress("::ffff:10.1.2.3", 0, 0xFFFF_0A01_0203L);
        assertAddress("64:ff9b::192.0.2.33", 0x0064_ff9b_0000_0000L, 0xC000_0221L);
        assertFails(parser.parseAddress(""), "empty");
        assertFails(parser.parseAddress("10.1.2"), "IPv4");
        assertFails(parser.parseAddress("10.1.2.256"), "IPv4");
        assertFails(parser.parseAddress("10.1.2.3.4"), "IPv4");
        assertFails(parser.parseAddress("10..2.3"), "IPv4");
        assertFails(parser.parseAddress("10.1.2."), "IPv4");
        assertFails(parser.parseAddress("1:2:3:4:5:6:7"), "eight groups");
        assertFails(parser.parseAddress("1:2:3:4:5:6:7:8:9"), "too many groups");
        assertFails(parser.parseAddress("1::2::3"), "twice");
        assertFails(parser.parseAddress("1:2:3:4:5:6:7::8"), "already has eight");
        assertFails(parser.parseAddress("12345::"), "bad group");
        assertFails(parser.parseAddress("1:2:"), "ends with ':'");
        assertFails(parser.parseAddress("1:x::"), "bad group");
        assertFails(parser.parseAddress("1:2:3:4:5:6:7:1.2.3.4"), "IPv4 tail");
        assertFails(parser.parseAddress("1;2::"), "unexpected");
    }
}
