/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import java.util.Arrays;

/**
 * The fields text records may carry, by CSV column header or NDJSON member name. Names match whatever the case
 * and whether words are joined by underscores, dashes, dots or spaces ({@code event_time}, {@code eventTime} and
 * {@code Event Time} are one field), and each field answers to a few common aliases. Names a reader does not
 * know are ignored, so exports with extra columns import as they are.
 */
public enum TextField
{
    /** Message type label: kpi, cdr, flow, qos, topology, sla_rule, window_spec, metric. */
    TYPE("type", "eventType", "messageType"),
    /** Event time: epoch milliseconds or ISO-8601. */
    EVENT_TIME("eventTime", "eventTimeMs", "timestamp", "time"),
    /** Element (or node): a global id, or a name. */
    ELEMENT("element", "elementId", "node", "nodeId"),
    /** KPI metric: an id, or a name. */
    METRIC("metric", "metricId"),
    /** KPI value. */
    VALUE("value"),
    /** KPI quality flag bits. */
    QUALITY("quality"),
    /** CDR id: an integer, or any text (hashed). */
    CDR_ID("cdrId", "callId", "recordId"),
    /** Service type: voice, video, sms, data. */
    SERVICE_TYPE("serviceType", "service"),
    /** Call result: answered, failed, dropped, busy, no_answer. */
    RESULT("result", "callResult"),
    /** Q.850 release cause. */
    RELEASE_CAUSE("releaseCause", "cause"),
    /** Call setup delay, ms. */
    SETUP_MS("setupMs"),
    /** Duration, ms. */
    DURATION_MS("durationMs"),
    /** Mean opinion score times 100. */
    MOS_X100("mosX100"),
    /** Mean opinion score, 1.0 to 5.0. */
    MOS("mos"),
    /** Uplink bytes. */
    BYTES_UP("bytesUp"),
    /** Downlink bytes. */
    BYTES_DOWN("bytesDown"),
    /** Hashed caller, as an integer. */
    CALLER_HASH("callerHash"),
    /** Caller number, hashed on import. */
    CALLER("caller", "callingNumber", "src"),
    /** Hashed callee, as an integer. */
    CALLEE_HASH("calleeHash"),
    /** Callee number, hashed on import. */
    CALLEE("callee", "calledNumber", "dst"),
    /** Flow source address. */
    SRC_ADDRESS("srcAddress", "srcIp", "sourceAddress"),
    /** Flow destination address. */
    DST_ADDRESS("dstAddress", "dstIp", "destinationAddress"),
    /** Flow source port. */
    SRC_PORT("srcPort", "sourcePort"),
    /** Flow destination port. */
    DST_PORT("dstPort", "destinationPort"),
    /** IP protocol: a number or tcp, udp, icmp, ... */
    PROTOCOL("protocol", "proto"),
    /** DSCP code point. */
    DSCP("dscp"),
    /** Flow bytes. */
    BYTES("bytes"),
    /** Flow packets. */
    PACKETS("packets"),
    /** QoS latency, microseconds. */
    LATENCY_US("latencyUs"),
    /** QoS jitter, microseconds. */
    JITTER_US("jitterUs"),
    /** QoS loss, parts per million. */
    LOSS_PPM("lossPpm"),
    /** QoS throughput, kbit/s. */
    THROUGHPUT_KBPS("throughputKbps"),
    /** Topology parent: an id, a name, or 0 for the network root. */
    PARENT("parent", "parentId"),
    /** Topology level: network, region, site, element. */
    LEVEL("level"),
    /** Operation: add, move, update, remove (topology); put, remove (rules, windows, metrics). */
    OP("op", "operation"),
    /** Expected reporting interval, ms. */
    EXPECTED_INTERVAL_MS("expectedIntervalMs"),
    /** Display name. */
    NAME("name"),
    /** Equipment class. */
    EQUIPMENT_CLASS("equipmentClass", "class"),
    /** Vendor. */
    VENDOR("vendor"),
    /** SLA rule id. */
    RULE_ID("ruleId"),
    /** SLA KPI. */
    KPI("kpi"),
    /** SLA scope level. */
    SCOPE_LEVEL("scopeLevel"),
    /** SLA scope node: an id, a name, or 0 for the network. */
    SCOPE("scope", "scopeId"),
    /** SLA comparison: above, below. */
    COMPARISON("comparison"),
    /** SLA threshold. */
    THRESHOLD("threshold"),
    /** SLA compliance period, ms. */
    PERIOD_MS("periodMs"),
    /** SLA minimum samples. */
    MIN_SAMPLES("minSamples"),
    /** Window resolution, ms. */
    RESOLUTION_MS("resolutionMs"),
    /** Window bucket count. */
    BUCKET_COUNT("bucketCount"),
    /** Window allowed lateness, ms. */
    ALLOWED_LATENESS_MS("allowedLatenessMs"),
    /** Metric kind: gauge, counter, ratio, latency. */
    KIND("kind"),
    /** Metric unit. */
    UNIT("unit");

    private static final long FNV_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final TextField[] VALUES = values();
    private static final int TABLE_SIZE = 512;
    private static final long[] TABLE_HASHES = new long[TABLE_SIZE];
    private static final String[] TABLE_NAMES = new String[TABLE_SIZE];
    private static final TextField[] TABLE_FIELDS = new TextField[TABLE_SIZE];

    static
    {
        for (final TextField field : VALUES)
        {
            for (final String alias : field.aliases)
            {
                final String normalized = normalize(alias);
                final long hash = hash(normalized);
                int slot = (int)(hash & (TABLE_SIZE - 1));
                while (null != TABLE_FIELDS[slot])
                {
                    if (TABLE_NAMES[slot].equals(normalized))
                    {
                        throw new IllegalStateException("alias " + alias + " names two fields");
                    }
                    slot = (slot + 1) & (TABLE_SIZE - 1);
                }
                TABLE_HASHES[slot] = hash;
                TABLE_NAMES[slot] = normalized;
                TABLE_FIELDS[slot] = field;
            }
        }
    }

    private final String[] aliases;

    TextField(final String... aliases)
    {
        this.aliases = aliases;
    }

    /**
     * The name this field is written under in headers and NDJSON (its first alias).
     *
     * @return the canonical name.
     */
    public String fieldName()
    {
        return aliases[0];
    }

    /**
     * Every name the field answers to.
     *
     * @return a copy of the aliases.
     */
    public String[] aliases()
    {
        return Arrays.copyOf(aliases, aliases.length);
    }

    /**
     * The field a name denotes, without allocating.
     *
     * @param name as written in a header or member name.
     * @return the field, or null for a name no field answers to.
     */
    public static TextField lookup(final CharSequence name)
    {
        long hash = FNV_BASIS;
        int length = 0;
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (!isSeparator(c))
            {
                hash = (hash ^ Character.toLowerCase(c)) * FNV_PRIME;
                length++;
            }
        }
        int slot = (int)(hash & (TABLE_SIZE - 1));
        while (null != TABLE_FIELDS[slot])
        {
            if (TABLE_HASHES[slot] == hash && matches(TABLE_NAMES[slot], length, name))
            {
                return TABLE_FIELDS[slot];
            }
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
        return null;
    }

    private static boolean matches(final String normalized, final int length, final CharSequence name)
    {
        if (normalized.length() != length)
        {
            return false;
        }
        int j = 0;
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (!isSeparator(c) && Character.toLowerCase(c) != normalized.charAt(j++))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isSeparator(final char c)
    {
        return c == '_' || c == '-' || c == ' ' || c == '.';
    }

    /**
     * A name folded the way lookups fold it: lower case, separators dropped.
     *
     * @param name as written.
     * @return the folded name.
     */
    static String normalize(final CharSequence name)
    {
        final StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (!isSeparator(c))
            {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    private static long hash(final String normalized)
    {
        long hash = FNV_BASIS;
        for (int i = 0; i < normalized.length(); i++)
        {
            hash = (hash ^ normalized.charAt(i)) * FNV_PRIME;
        }
        return hash;
    }
}
