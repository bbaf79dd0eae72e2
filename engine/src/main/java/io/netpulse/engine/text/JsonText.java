/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.text;

import java.util.Locale;

/**
 * JSON string escaping shared by everything that writes JSON (alerts, summaries, the HTTP API).
 */
public final class JsonText
{
    private JsonText()
    {
    }

    /**
     * Appends a character escaped for a JSON string.
     *
     * @param out to append to.
     * @param c   the character.
     * @return out.
     */
    public static StringBuilder appendEscaped(final StringBuilder out, final char c)
    {
        switch (c)
        {
            case '"':
                return out.append("\\\"");
            case '\\':
                return out.append("\\\\");
            case '\n':
                return out.append("\\n");
            case '\r':
                return out.append("\\r");
            case '\t':
                return out.append("\\t");
            default:
                return c < 0x20 ? out.append(String.format(Locale.ROOT, "\\u%04x", (int)c)) : out.append(c);
        }
    }

    /**
     * Appends text as a quoted JSON string.
     *
     * @param out  to append to.
     * @param text the text.
     * @return out.
     */
    public static StringBuilder appendQuoted(final StringBuilder out, final CharSequence text)
    {
        out.append('"');
        for (int i = 0, n = text.length(); i < n; i++)
        {
            appendEscaped(out, text.charAt(i));
        }
        return out.append('"');
    }
}
