/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.peer;

import io.netpulse.codec.MessageType;
import io.netpulse.codec.sbe.CallResult;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.stage.Stage;
import org.agrona.collections.Int2IntHashMap;

import java.util.Arrays;

/**
 * The peer workload's per-minute group-by region and service over call detail records, written the netpulse
 * way: regions get compact slots on first sight, each slot a row of primitive counters per service type; cells
 * touched in the open window are listed so closing it visits only those. See {@link PeerWorkload}.
 */
public final class RegionServiceMinuteStage implements Stage
{
    private static final int INITIAL_REGIONS = 64;

    private final PeerResults results;
    private final Int2IntHashMap regionSlots = new Int2IntHashMap(-1);
    private long clockWindow = Long.MIN_VALUE;
    private long[] calls = new long[INITIAL_REGIONS * PeerWorkload.MAX_SERVICES];
    private long[] unanswered = new long[calls.length];
    private long[] setupMs = new long[calls.length];
    private int[] touched = new int[calls.length];
    private int touchedCount;

    /**
     * A stage emitting its rows into results.
     *
     * @param results where closed windows go.
     */
    public RegionServiceMinuteStage(final PeerResults results)
    {
        this.results = results;
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return "peer-region-service";
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
        if (event.type != MessageType.CALL_DETAIL_RECORD ||
            event.serviceType < 0 || event.serviceType >= PeerWorkload.MAX_SERVICES)
        {
            return;
        }

        int slot = regionSlots.get(event.regionIndex);
        if (slot < 0)
        {
            slot = addRegion(event.regionIndex);
        }
        final int cell = slot * PeerWorkload.MAX_SERVICES + event.serviceType;
        if (0 == calls[cell])
        {
            touched[touchedCount++] = cell;
        }
        calls[cell]++;
        if (event.callResult != CallResult.ANSWERED.value())
        {
            unanswered[cell]++;
        }
        setupMs[cell] += event.setupMs;
    }

    private int addRegion(final int regionIndex)
    {
        final int slot = regionSlots.size();
        regionSlots.put(regionIndex, slot);
        final int needed = (slot + 1) * PeerWorkload.MAX_SERVICES;
        if (needed > calls.length)
        {
            final int capacity = Math.max(needed, calls.length * 2);
            calls = Arrays.copyOf(calls, capacity);
            unanswered = Arrays.copyOf(unanswered, capacity);
            setupMs = Arrays.copyOf(setupMs, capacity);
            touched = Arrays.copyOf(touched, capacity);
        }
        return slot;
    }

    private void closeWindow()
    {
        final PeerResults results = this.results;
        for (int i = 0, n = touchedCount; i < n; i++)
        {
            final int cell = touched[i];
            results.groupRow(calls[cell], unanswered[cell], setupMs[cell]);
            calls[cell] = 0;
            unanswered[cell] = 0;
            setupMs[cell] = 0;
        }
        touchedCount = 0;
    }
}
