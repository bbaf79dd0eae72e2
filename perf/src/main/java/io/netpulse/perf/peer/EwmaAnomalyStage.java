/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.peer;

import io.netpulse.codec.MessageType;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.stage.Stage;

import java.util.Arrays;

/**
 * The peer workload's EWMA z-score flag per series, written the netpulse way: one primitive array indexed by
 * series holding each series' mean, variance and sample count side by side (one cache line per update), nothing
 * allocated per event. See {@link PeerWorkload}.
 */
public final class EwmaAnomalyStage implements Stage
{
    private static final int INITIAL_SERIES = 1 << 16;
    private static final int MEAN = 0;
    private static final int VARIANCE = 1;
    private static final int SAMPLES = 2;
    private static final int FIELDS = 4;

    private final PeerResults results;
    private double[] state = new double[INITIAL_SERIES * FIELDS];

    /**
     * A stage reporting flags into results.
     *
     * @param results where flags go.
     */
    public EwmaAnomalyStage(final PeerResults results)
    {
        this.results = results;
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return "peer-anomaly";
    }

    /**
     * {@inheritDoc}
     */
    public void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
    {
        if (!event.routed || event.type != MessageType.KPI_SAMPLE ||
            event.metricId < 0 || event.metricId >= PeerWorkload.MAX_METRICS)
        {
            return;
        }

        final int at = (event.elementIndex * PeerWorkload.MAX_METRICS + event.metricId) * FIELDS;
        if (at >= state.length)
        {
            grow(at);
        }
        final double[] state = this.state;
        final double value = event.value;
        // a double counts exactly up to 2^53 samples
        final double n = state[at + SAMPLES];
        if (0 == n)
        {
            state[at + MEAN] = value;
            state[at + VARIANCE] = 0.0;
            state[at + SAMPLES] = 1;
            return;
        }

        final double mean = state[at + MEAN];
        final double variance = state[at + VARIANCE];
        final double diff = value - mean;
        if (n >= PeerWorkload.WARM_UP_SAMPLES && variance > 0 &&
            Math.abs(diff) > PeerWorkload.Z_THRESHOLD * Math.sqrt(variance))
        {
            results.anomaly(event.elementId, event.metricId);
        }
        state[at + VARIANCE] = PeerWorkload.EWMA_DECAY * (variance + diff * (PeerWorkload.EWMA_ALPHA * diff));
        state[at + MEAN] = mean + PeerWorkload.EWMA_ALPHA * diff;
        state[at + SAMPLES] = n + 1;
    }

    private void grow(final int at)
    {
        state = Arrays.copyOf(state, Math.max(at + FIELDS, state.length * 2));
    }
}
