/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;

/**
 * Turns the element and metric names that text feeds carry into netpulse's global ids, the same way in every
 * process, so that two instances (or a replay) given the same text agree on the ids.
 * <ul>
 * <li>Text made only of digits (with an optional sign) is the id itself.</li>
 * <li>A name the configuration knows (a topology file, a metric list) gets that id.</li>
 * <li>Any other name gets an id derived from the name: {@link #nameHash(CharSequence)} (FNV-1a over the name's
 * UTF-8 bytes, then the MurmurHash3 64-bit finaliser), folded into a range of its own so it cannot collide
 * with the small numeric ids topologies use: elements {@code 2^62 + (hash >>> 2)}, metrics
 * {@code 2^30 + (hash >>> 34)}. Other tools can compute the same ids from the same names.</li>
 * </ul>
 * A name seen for the first time can be announced, so the engine learns it: a text reader emits a topology
 * update (the element under the network root) or a metric definition before the record that named it. Elements
 * are announced only when auto-registration is on (otherwise an unknown name is an unknown element, counted and
 * refused like any other); metric names are always announced. Each name is announced once per instance: share
 * one instance between the imports that feed one engine. One thread at a time.
 */
public final class TextIdentities
{
    /** First id of the range named elements hash into. */
    public static final long NAMED_ELEMENT_BASE = 1L << 62;

    /** First id of the range named metrics hash into. */
    public static final int NAMED_METRIC_BASE = 1 << 30;

    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long MISSING = Long.MIN_VALUE;

    private final boolean announceElements;
    private final Long2LongHashMap knownElements = new Long2LongHashMap(MISSING);
    private final Long2LongHashMap knownMetrics = new Long2LongHashMap(MISSING);
    private final LongHashSet announcedElements = new LongHashSet();
    private final LongHashSet announcedMetrics = new LongHashSet();
    private final TextValueParser numbers = new TextValueParser();
    private boolean lastElementNew;
    private boolean lastMetricNew;

    /**
     * Identities with nothing known yet.
     *
     * @param announceElements whether new element names are announced (auto-registration is on).
     */
    public TextIdentities(final boolean announceElements)
    {
        this.announceElements = announceElements;
    }

    /**
     * Tells the id a configured element name has; it will not be announced.
     *
     * @param name of the element, as the topology names it.
     * @param id   its global id.
     * @return this.
     */
    public TextIdentities knownElement(final CharSequence name, final long id)
    {
        knownElements.put(nameHash(name), id);
        return this;
    }

    /**
     * Tells the id a configured metric name has; it will not be announced.
     *
     * @param name of the metric.
     * @param id   its id.
     * @return this.
     */
    public TextIdentities knownMetric(final CharSequence name, final int id)
    {
        knownMetrics.put(nameHash(name), id);
        return this;
    }

    /**
     * Whether text is an id written in digits rather than a name.
     *
     * @param text an element or metric as written.
     * @return true when it is numeric.
     */
    public boolean isNumeric(final CharSequence text)
    {
        return numbers.parseLong(text);
    }

    /**
     * The global id of an element written as an id or a name.
     *
     * @param text the element as written; not empty.
     * @return its id.
     */
    public long elementId(final CharSequence text)
    {
        lastElementNew = false;
        if (numbers.parseLong(text))
        {
            return numbers.longValue();
        }
        final long hash = nameHash(text);
        final long known = knownElements.get(hash);
        if (known != MISSING)
        {
            return known;
        }
        lastElementNew = announceElements && !announcedElements.contains(hash);
        return elementIdForName(hash);
    }

    /**
     * Whether the element the last {@link #elementId(CharSequence)} resolved is a name to announce, as
     * {@link #shouldAnnounceElement(CharSequence)} would say, without hashing it again.
     *
     * @return true for a new name when announcing is on.
     */
    public boolean lastElementIsNew()
    {
        return lastElementNew;
    }

    /**
     * The id of a metric written as an id or a name.
     *
     * @param text the metric as written; not empty.
     * @return its id, or -1 when it is written as a number outside 0..2^31-1.
     */
    public int metricId(final CharSequence text)
    {
        lastMetricNew = false;
        if (numbers.parseLong(text))
        {
            final long value = numbers.longValue();
            return value >= 0 && value <= Integer.MAX_VALUE ? (int)value : -1;
        }
        final long hash = nameHash(text);
        final long known = knownMetrics.get(hash);
        if (known != MISSING)
        {
            return (int)known;
        }
        lastMetricNew = !announcedMetrics.contains(hash);
        return metricIdForName(hash);
    }

    /**
     * Whether the metric the last {@link #metricId(CharSequence)} resolved is a name to announce, as
     * {@link #shouldAnnounceMetric(CharSequence)} would say, without hashing it again.
     *
     * @return true for a new name.
     */
    public boolean lastMetricIsNew()
    {
        return lastMetricNew;
    }

    /**
     * Whether an element name should be announced before the record that uses it.
     *
     * @param text the element as written.
     * @return true for a name that is new, configured nowhere and not yet announced, when announcing is on.
     */
    public boolean shouldAnnounceElement(final CharSequence text)
    {
        if (!announceElements || numbers.parseLong(text))
        {
            return false;
        }
        final long hash = nameHash(text);
        return knownElements.get(hash) == MISSING && !announcedElements.contains(hash);
    }

    /**
     * Whether a metric name should be announced before the record that uses it.
     *
     * @param text the metric as written.
     * @return true for a name that is new, configured nowhere and not yet announced.
     */
    public boolean shouldAnnounceMetric(final CharSequence text)
    {
        if (numbers.parseLong(text))
        {
            return false;
        }
        final long hash = nameHash(text);
        return knownMetrics.get(hash) == MISSING && !announcedMetrics.contains(hash);
    }

    /**
     * Records that an element name has been announced (or described by a topology record), so it is not again.
     *
     * @param text the element name.
     */
    public void elementAnnounced(final CharSequence text)
    {
        announcedElements.add(nameHash(text));
    }

    /**
     * Records that a metric name has been announced (or defined by a metric record), so it is not again.
     *
     * @param text the metric name.
     */
    public void metricAnnounced(final CharSequence text)
    {
        announcedMetrics.add(nameHash(text));
    }

    /**
     * The id a name not in the configuration gets.
     *
     * @param name the element name.
     * @return its id, in [2^62, 2^63).
     */
    public static long elementIdForName(final CharSequence name)
    {
        return elementIdForName(nameHash(name));
    }

    private static long elementIdForName(final long hash)
    {
        return NAMED_ELEMENT_BASE | (hash >>> 2);
    }

    /**
     * The id a metric name not in the configuration gets.
     *
     * @param name the metric name.
     * @return its id, in [2^30, 2^31).
     */
    public static int metricIdForName(final CharSequence name)
    {
        return metricIdForName(nameHash(name));
    }

    private static int metricIdForName(final long hash)
    {
        return NAMED_METRIC_BASE | (int)(hash >>> 34);
    }

    /**
     * A 64-bit hash of text: FNV-1a over its UTF-8 encoding (an unpaired surrogate counts as '?'), then the
     * MurmurHash3 finaliser to spread the bits. Also used for caller and callee numbers and for record ids that
     * are not numbers.
     *
     * @param text to hash.
     * @return the hash.
     */
    public static long nameHash(final CharSequence text)
    {
        long hash = FNV_OFFSET_BASIS;
        final int length = text.length();
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c < 0x80)
            {
                hash = (hash ^ c) * FNV_PRIME;
            }
            else if (c < 0x800)
            {
                hash = (hash ^ (0xC0 | (c >> 6))) * FNV_PRIME;
                hash = (hash ^ (0x80 | (c & 0x3F))) * FNV_PRIME;
            }
            else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                final int codePoint = Character.toCodePoint(c, text.charAt(++i));
                hash = (hash ^ (0xF0 | (codePoint >> 18))) * FNV_PRIME;
                hash = (hash ^ (0x80 | ((codePoint >> 12) & 0x3F))) * FNV_PRIME;
                hash = (hash ^ (0x80 | ((codePoint >> 6) & 0x3F))) * FNV_PRIME;
                hash = (hash ^ (0x80 | (codePoint & 0x3F))) * FNV_PRIME;
            }
            else if (Character.isSurrogate(c))
            {
                hash = (hash ^ '?') * FNV_PRIME;
            }
            else
            {
                hash = (hash ^ (0xE0 | (c >> 12))) * FNV_PRIME;
                hash = (hash ^ (0x80 | ((c >> 6) & 0x3F))) * FNV_PRIME;
                hash = (hash ^ (0x80 | (c & 0x3F))) * FNV_PRIME;
            }
        }
        return mix(hash);
    }

    private static long mix(final long value)
    {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
