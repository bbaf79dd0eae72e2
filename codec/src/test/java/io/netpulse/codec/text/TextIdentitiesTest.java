/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextIdentitiesTest
{
    /** FNV-1a over UTF-8 bytes, then fmix64: written out independently of the implementation. */
    private static long reference(final String text)
    {
        long hash = 0xcbf29ce484222325L;
        for (final byte b : text.getBytes(StandardCharsets.UTF_8))
        {
            hash ^= b & 0xFF;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }

    @Test
    void shouldHashTheUtf8BytesOfAName()
    {
        for (final String name : new String[]{"", "cell-0001", "Zürich-Nord", "\u6771\u4eac", "\uD83D\uDCF6 mast"})
        {
            assertEquals(reference(name), TextIdentities.nameHash(name), name);
        }
        assertEquals(reference("?"), TextIdentities.nameHash("\uD800"));
    }

    @Test
    void shouldGiveNamesIdsInTheirOwnRanges()
    {
        final long id = TextIdentities.elementIdForName("cell-0001");
        assertTrue(id >= TextIdentities.NAMED_ELEMENT_BASE, Long.toHexString(id));
        assertEquals(TextIdentities.NAMED_ELEMENT_BASE | (reference("cell-0001") >>> 2), id);
        final int metric = TextIdentities.metricIdForName("prb_utilisation");
        assertTrue(metric >= TextIdentities.NAMED_METRIC_BASE);
        assertEquals(TextIdentities.NAMED_METRIC_BASE | (int)(reference("prb_utilisation") >>> 34), metric);
        assertNotEquals(TextIdentities.elementIdForName("cell-0002"), id);
    }

    @Test
    void shouldResolveNumbersKnownNamesAndNewNames()
    {
        final TextIdentities ids = new TextIdentities(true).knownElement("north-1", 1001).knownMetric("cpu", 7);
        assertEquals(42, ids.elementId("42"));
        assertEquals(1001, ids.elementId("north-1"));
        assertEquals(TextIdentities.elementIdForName("south-9"), ids.elementId("south-9"));
        assertEquals(7, ids.metricId("cpu"));
        assertEquals(3, ids.metricId("3"));
        assertEquals(-1, ids.metricId("-3"));
        assertEquals(-1, ids.metricId("4294967296"));
        assertEquals(TextIdentities.metricIdForName("mem"), ids.metricId("mem"));
        assertTrue(ids.isNumeric("-5"));
        assertFalse(ids.isNumeric("x5"));
    }

    @Test
    void shouldAnnounceEachNewNameOnce()
    {
        final TextIdentities ids = new TextIdentities(true).knownElement("north-1", 1001).knownMetric("cpu", 7);
        assertFalse(ids.shouldAnnounceElement("42"));
        assertFalse(ids.shouldAnnounceElement("north-1"));
        assertTrue(ids.shouldAnnounceElement("south-9"));
        ids.elementAnnounced("south-9");
        assertFalse(ids.shouldAnnounceElement("south-9"));
        assertFalse(ids.shouldAnnounceMetric("cpu"));
        assertFalse(ids.shouldAnnounceMetric("12"));
        assertTrue(ids.shouldAnnounceMetric("mem"));
        ids.metricAnnounced("mem");
        assertFalse(ids.shouldAnnounceMetric("mem"));

        assertEquals(TextIdentities.elementIdForName("east-1"), ids.elementId("east-1"));
        assertTrue(ids.lastElementIsNew());
        ids.elementId("south-9");
        assertFalse(ids.lastElementIsNew());
        ids.elementId("north-1");
        assertFalse(ids.lastElementIsNew());
        ids.elementId("12");
        assertFalse(ids.lastElementIsNew());
        ids.metricId("disk");
        assertTrue(ids.lastMetricIsNew());
        ids.metricId("mem");
        assertFalse(ids.lastMetricIsNew());
        ids.metricId("cpu");
        assertFalse(ids.lastMetricIsNew());

        final TextIdentities quiet = new TextIdentities(false);
        quiet.elementId("south-9");
        assertFalse(quiet.lastElementIsNew());
        assertFalse(quiet.shouldAnnounceElement("south-9"));
        assertTrue(quiet.shouldAnnounceMetric("mem"));
    }
}
