/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which element an Asterisk CDR belongs to: taken from one of its channels ({@code channel}, the calling side,
 * by default, or {@code dstchannel}) through a regular expression whose first group is the element's name.
 * The default drops the per-call suffix Asterisk appends to channel names, so every call over a trunk or a
 * peer maps to one element:
 * <pre>
 * SIP/trunk-provider-0000001a          -&gt; SIP/trunk-provider
 * PJSIP/alice-00000003                 -&gt; PJSIP/alice
 * Local/100@from-internal-00000004;1   -&gt; Local/100@from-internal
 * DAHDI/1-1                            -&gt; DAHDI/1
 * </pre>
 * A channel the expression does not match is used whole. The name then becomes an id like any element name
 * ({@link TextIdentities}): name the elements so in the topology file to place them in the hierarchy.
 *
 * @param field   which channel: {@code channel} or {@code dstchannel}.
 * @param pattern with one capturing group for the element name.
 */
public record AsteriskChannelMapping(String field, Pattern pattern)
{
    /** The default expression: everything before a trailing {@code -hex} call suffix and optional {@code ;n}. */
    public static final String DEFAULT_PATTERN = "^(.+?)-[0-9a-fA-F]+(?:;[0-9]+)?$";

    /** Calling channel, default expression. */
    public static final AsteriskChannelMapping DEFAULT =
        new AsteriskChannelMapping("channel", Pattern.compile(DEFAULT_PATTERN));

    /**
     * A mapping.
     *
     * @param field   which channel: {@code channel} or {@code dstchannel}.
     * @param pattern with one capturing group for the element name.
     */
    public AsteriskChannelMapping
    {
        Objects.requireNonNull(pattern);
        if (!"channel".equals(field) && !"dstchannel".equals(field))
        {
            throw new IllegalArgumentException("channel field must be channel or dstchannel: " + field);
        }
        if (pattern.matcher("").groupCount() < 1)
        {
            throw new IllegalArgumentException("channel pattern needs a capturing group for the element: " + pattern);
        }
    }

    /**
     * A mapping from option text.
     *
     * @param field   channel or dstchannel.
     * @param pattern a regular expression with one capturing group, or null for the default.
     * @return the mapping.
     */
    public static AsteriskChannelMapping of(final String field, final String pattern)
    {
        return new AsteriskChannelMapping(field, Pattern.compile(null == pattern ? DEFAULT_PATTERN : pattern));
    }

    /**
     * The column of Master.csv the mapping reads.
     *
     * @return 5 for channel, 6 for dstchannel.
     */
    int column()
    {
        return "channel".equals(field) ? 5 : 6;
    }

    /**
     * A matcher to reuse, one per reader.
     *
     * @return the matcher.
     */
    Matcher newMatcher()
    {
        return pattern.matcher("");
    }
}
