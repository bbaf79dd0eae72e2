/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NdjsonReaderTest
{
    @Test
    void shouldReadMembersOfEveryType()
    {
        final NdjsonReader json = new NdjsonReader(new StringReader(
            "{\"s\":\"a\\\"b\\\\c\\/\\n\\t\\u00e9\\b\\f\\r\", \"n\": -12.5e+3 ,\"t\":true,\"f\":false,\"z\":null," +
            "\"o\":{\"x\":[1,{\"y\":\"}\"}]},\"a\":[ ],\"e\":{}}\r\n"));
        assertEquals(NdjsonReader.RECORD, json.next());
        assertEquals(8, json.memberCount());
        assertEquals("s", json.name(0).toString());
        assertEquals(NdjsonReader.STRING, json.type(0));
        assertEquals("a\"b\\c/\n\t\u00e9\b\f\r", json.value(0).toString());
        assertEquals(NdjsonReader.NUMBER, json.type(1));
        assertEquals("-12.5e+3", json.value(1).toString());
        assertEquals(NdjsonReader.TRUE, json.type(2));
        assertEquals(NdjsonReader.FALSE, json.type(3));
        assertEquals(NdjsonReader.NULL, json.type(4));
        assertEquals("null", json.value(4).toString());
        assertEquals(NdjsonReader.OBJECT, json.type(5));
        assertEquals("{\"x\":[1,{\"y\":\"}\"}]}", json.value(5).toString());
        assertEquals(NdjsonReader.ARRAY, json.type(6));
        assertEquals(NdjsonReader.OBJECT, json.type(7));
        assertEquals(1, json.find("n"));
        assertEquals(-1, json.find("missing"));
        assertEquals(-1, json.find("nn"));
        assertEquals(1, json.line());
        assertEquals(NdjsonReader.END, json.next());
    }

    @Test
    void shouldSkipBlankLinesAndReadAnEmptyObject()
    {
        final NdjsonReader json = new NdjsonReader(new StringReader("\uFEFF\n  \n{}\n\t{ }  \n"));
        assertEquals(NdjsonReader.RECORD, json.next());
        assertEquals(0, json.memberCount());
        assertEquals(3, json.line());
        assertEquals(NdjsonReader.RECORD, json.next());
        assertEquals(4, json.line());
        assertEquals(NdjsonReader.END, json.next());
    }

    private static void assertError(final String line, final int column, final String message)
    {
        final NdjsonReader json = new NdjsonReader(new StringReader("{\"ok\":1}\n" + line + "\n{\"after\":2}"));
        assertEquals(NdjsonReader.RECORD, json.next());
        assertEquals(NdjsonReader.ERROR, json.next(), line);
        assertEquals(2, json.line());
        assertEquals(0, json.memberCount());
        assertEquals(column, json.errorColumn(), line + ": " + json.errorMessage());
        assertTrue(json.errorMessage().contains(message), line + ": " + json.errorMessage());
        assertEquals(line, new String(json.lineChars(), 0, json.lineLength()));
        assertEquals(NdjsonReader.RECORD, json.next());
        assertEquals("after", json.name(0).toString());
        assertEquals(null, json.errorMessage());
    }

    @Test
    void shouldRejectMalformedLinesWithTheirColumnAndCarryOn()
    {
        assertError("[1,2]", 1, "expected '{'");
        assertError("{\"a\":1", 7, "expected ',' or '}'");
        assertError("{\"a\" 1}", 6, "expected ':'");
        assertError("{a:1}", 2, "member name in quotes");
        assertError("{\"a\":1,}", 8, "member name in quotes");
        assertError("{\"a\":}", 6, "expected a value");
        assertError("{\"a\":tru}", 6, "expected 'true'");
        assertError("{\"a\":nul}", 6, "expected 'null'");
        assertError("{\"a\":01}", 7, "in a number");
        assertError("{\"a\":1.}", 8, "after the decimal point");
        assertError("{\"a\":1e}", 8, "exponent");
        assertError("{\"a\":-}", 7, "expected a digit");
        assertError("{\"a\":\"x}", 6, "string not closed");
        assertError("{\"a\":\"\\x\"}", 8, "unknown escape");
        assertError("{\"a\":\"\\u12g4\"}", 11, "hex digits");
        assertError("{\"a\":\"tab\there\"}", 10, "control character");
        assertError("{\"a\":1} x", 9, "after the object");
        assertError("{\"a\":1,\"a\":2}", 8, "appears twice");
        assertError("{\"a\":[1,}", 9, "expected a value");
        assertError("{\"a\":{\"b\" 1}}", 11, "expected ':'");
        assertError("{\"a\":{1:2}}", 7, "member name");
        assertError("{\"a\":[1 2]}", 9, "expected ',' or ']'");
        assertError("{\"a\":[x]}", 7, "expected a value");
        assertError("{\"a\":[\"x]}", 7, "string not closed");
        assertError("{\"a\":[tx]}", 8, "expected 'true'");
        assertError("{\"a\":" + "[".repeat(40) + "]", 38, "nested deeper");
    }

    @Test
    void shouldRejectALineLongerThanTheLimit()
    {
        final NdjsonReader json = new NdjsonReader(new StringReader("{\"a\":\"" + "x".repeat(100) + "\"}\n{}"), 50);
        assertEquals(NdjsonReader.ERROR, json.next());
        assertTrue(json.errorMessage().contains("longer than 50"));
        assertEquals(50, json.lineLength());
        assertEquals(NdjsonReader.RECORD, json.next());
        assertThrows(IllegalArgumentException.class, () -> new NdjsonReader(new StringReader(""), 1));
    }

    @Test
    void shouldGiveViewsThatBehaveAsCharSequences()
    {
        final NdjsonReader json = new NdjsonReader(new StringReader("{\"name\":\"value\"}"));
        json.next();
        assertEquals("alu", json.value(0).subSequence(1, 4));
        assertEquals('n', json.name(0).charAt(0));
        assertThrows(IndexOutOfBoundsException.class, () -> json.value(0).charAt(9));
        assertThrows(IndexOutOfBoundsException.class, () -> json.value(1));
        assertEquals(9, json.valueColumn(0));
        assertTrue(json.charsRead() > 0);
        json.close();
    }

    @Test
    void shouldHoldManyMembers()
    {
        final StringBuilder line = new StringBuilder("{");
        for (int i = 0; i < 100; i++)
        {
            line.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        final NdjsonReader json = new NdjsonReader(new StringReader(line.append('}').toString()));
        assertEquals(NdjsonReader.RECORD, json.next());
        assertEquals(100, json.memberCount());
        assertEquals("99", json.value(json.find("k99")).toString());
    }
}
