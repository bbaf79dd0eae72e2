/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.peer;

import io.netpulse.codec.MessageType;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.stage.Stage;

import java.util.Arrays;

/**
 * The peer workload's per-element one-minute windows, written the netpulse way: one primitive array indexed by
 * series (dense element index x metric) holding each series' count, sum, minimum and maximum side by side (one
 * cache line per update), the series touched in the open window listed so that closing it visits only those,
 * nothing allocated per event. See {@link PeerWorkload}.
 */
public final class MinuteWindowStage implements Stage
{
    private static final int INITIAL_SERIES = 1 << 16;
    private static final int COUNT = 0;
    private static final int SUM = 1;
    private static final int MIN = 2;
    private static final int MAX = 3;
    private static final int FIELDS = 4;

    private final PeerResults results;
    private long clockWindow = Long.MIN_VALUE;
    private double[] state = new double[INITIAL_SERIES * FIELDS];
    private int[] touched = new int[INITIAL_SERIES];
    private int touchedCount;

    /**
     * A stage emitting its rows into results.
     *
     * @param results where closed windows go.
     */
    public MinuteWindowStage(final PeerResults results)
    {
        this.results = results;
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return "peer-windows";
    }

    /**
     * {@inheritDoc}
     */
    public void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
    {
        if (!event.routed)
        {
            return;
        }
        final long window = PeerWorkload.window(event.eventTimeMs);
        if (window > clockWindow)
        {
            closeWindow();
            clockWindow = window;
        }
        if (event.type != MessageType.KPI_SAMPLE || event.metricId < 0 || event.metricId >= PeerWorkload.MAX_METRICS)
        {
            return;
        }

        final int series = event.elementIndex * PeerWorkload.MAX_METRICS + event.metricId;
        if (series >= touched.length)
        {
            grow(series);
        }
        final double[] state = this.state;
        final int at = series * FIELDS;
        final double value = event.value;
        final double count = state[at + COUNT];
        if (0 == count)
        {
            touched[touchedCount++] = series;
            state[at + SUM] = value;
            state[at + MIN] = value;
            state[at + MAX] = value;
        }
        else
        {
            state[at + SUM] += value;
            state[at + MIN] = Math.min(state[at + MIN], value);
            state[at + MAX] = Math.max(state[at + MAX], value);
        }
        // a double counts exactly up to 2^53 samples a window
        state[at + COUNT] = count + 1;
    }

    private void closeWindow()
    {
        final PeerResults results = this.results;
        final int[] touched = this.touched;
        final double[] state = this.state;
        for (int i = 0, n = touchedCount; i < n; i++)
        {
            final int at = touched[i] * FIELDS;
            results.windowRow((long)state[at + COUNT], state[at + SUM], state[at + MIN], state[at + MAX]);
            state[at + COUNT] = 0;
        }
        touchedCount = 0;
    }

    private void grow(final int series)
    {
        final int capacity = Math.max(series + 1, touched.length * 2);
        state = Arrays.copyOf(state, capacity * FIELDS);
        touched = Arrays.copyOf(touched, capacity);
    }
}
