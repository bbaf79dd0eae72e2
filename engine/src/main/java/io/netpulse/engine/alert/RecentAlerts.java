/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.alert;

import io.netpulse.codec.sbe.AlertKind;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * An alert sink that keeps the most recent alerts, as JSON, for an API to serve ("alerts since"), and counts
 * every alert by kind. The alert processor's thread adds; any thread reads. Bounded: the oldest fall out.
 */
public final class RecentAlerts implements AlertSink
{
    /** Alerts kept by default. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final String[] json;
    private final long[] eventTimesMs;
    private final long[] ids;
    private final AtomicLongArray byKind = new AtomicLongArray(AlertKind.values().length);
    private final StringBuilder scratch = new StringBuilder(512);
    private long added;

    /**
     * A sink keeping the default number of alerts.
     */
    public RecentAlerts()
    {
        this(DEFAULT_CAPACITY);
    }

    /**
     * A sink keeping a number of alerts.
     *
     * @param capacity alerts kept.
     */
    public RecentAlerts(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.capacity = capacity;
        this.json = new String[capacity];
        this.eventTimesMs = new long[capacity];
        this.ids = new long[capacity];
    }

    /**
     * Recovered alerts too: after a restart the API lists what the earlier run raised.
     *
     * @return true.
     */
    public boolean receivesRecovered()
    {
        return true;
    }

    /**
     * {@inheritDoc}
     */
    public void onAlert(final AlertEvent alert)
    {
        scratch.setLength(0);
        final String text = AlertJson.append(scratch, alert).toString();
        if (null != alert.kind && alert.kind != AlertKind.NULL_VAL)
        {
            byKind.incrementAndGet(alert.kind.ordinal());
        }
        synchronized (this)
        {
            final int slot = (int)(added % capacity);
            json[slot] = text;
            eventTimesMs[slot] = alert.eventTimeMs;
            ids[slot] = alert.alertId;
            added++;
        }
    }

    /**
     * Alerts kept whose event time is at or after a time, oldest first.
     *
     * @param sinceMs earliest event time, epoch ms.
     * @param limit   most to return.
     * @return the alerts as JSON objects.
     */
    public synchronized List<String> since(final long sinceMs, final int limit)
    {
        final List<String> found = new ArrayList<>();
        final long first = Math.max(0, added - capacity);
        for (long i = first; i < added && found.size() < limit; i++)
        {
            final int slot = (int)(i % capacity);
            if (eventTimesMs[slot] >= sinceMs)
            {
                found.add(json[slot]);
            }
        }
        return found;
    }

    /**
     * Alerts kept with an id above one, oldest first: for polling.
     *
     * @param afterId the last id already seen.
     * @param limit   most to return.
     * @return the alerts as JSON objects.
     */
    public synchronized List<String> after(final long afterId, final int limit)
    {
        final List<String> found = new ArrayList<>();
        final long first = Math.max(0, added - capacity);
        for (long i = first; i < added && found.size() < limit; i++)
        {
            final int slot = (int)(i % capacity);
            if (ids[slot] > afterId)
            {
                found.add(json[slot]);
            }
        }
        return found;
    }

    /**
     * Alerts received, every one ever.
     *
     * @return the count.
     */
    public synchronized long received()
    {
        return added;
    }

    /**
     * Alerts that fell out of the buffer.
     *
     * @return the count.
     */
    public synchronized long evicted()
    {
        return Math.max(0, added - capacity);
    }

    /**
     * Alerts received of one kind.
     *
     * @param kind of alert.
     * @return the count.
     */
    public long count(final AlertKind kind)
    {
        return byKind.get(kind.ordinal());
    }
}
