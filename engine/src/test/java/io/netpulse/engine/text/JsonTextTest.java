/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTextTest
{
    @Test
    void shouldEscapeQuotesBackslashesAndTheNamedControlCharacters()
    {
        assertEquals("\"say \\\"hi\\\"\"", quoted("say \"hi\""));
        assertEquals("\"C:\\\\feeds\\\\a.csv\"", quoted("C:\\feeds\\a.csv"));
        assertEquals("\"line 1\\nline 2\\r\\n\\tindented\"", quoted("line 1\nline 2\r\n\tindented"));
    }

    @Test
    void shouldEscapeOtherControlCharactersAsUnicodeEscapes()
    {
        assertEquals("\"a\\u0000b\\u001fc\\u0008\"", quoted("a\u0000b\u001fc\b"));
    }

    @Test
    void shouldLeavePrintableAndNonAsciiCharactersAsTheyAre()
    {
        assertEquals("\"site-01 / Zürich \u2192 ok\"", quoted("site-01 / Zürich \u2192 ok"));
        assertEquals("\"\"", quoted(""));
    }

    @Test
    void shouldAppendOneEscapedCharacterWithoutQuotes()
    {
        final StringBuilder out = new StringBuilder("x=");
        JsonText.appendEscaped(out, '"');
        JsonText.appendEscaped(out, '\u0001');
        JsonText.appendEscaped(out, 'y');
        assertEquals("x=\\\"\\u0001y", out.toString());
    }

    private static String quoted(final String text)
    {
        return JsonText.appendQuoted(new StringBuilder(), text).toString();
    }
}
