/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import io.netpulse.engine.stage.Stage;
import io.netpulse.engine.stage.StageContext;
import io.netpulse.engine.topology.TopologyRouter;
import io.netpulse.perf.peer.EwmaAnomalyStage;
import io.netpulse.perf.peer.MinuteWindowStage;
import io.netpulse.perf.peer.PeerResults;
import io.netpulse.perf.peer.RegionServiceMinuteStage;
import org.openjdk.jmh.annotations.Param;

/**
 * Per-event cost of the stages that compute the peer comparison's workload on netpulse (see
 * {@link io.netpulse.perf.peer.PeerWorkload}): each of the three, by name.
 */
public class PeerWorkloadStageBenchmark extends StageBenchmark
{
    /** Which of the three. */
    @Param({"windows", "anomaly", "region-service"})
    public String workload;

    /**
     * {@inheritDoc}
     */
    protected Stage createStage(final StageContext context, final TopologyRouter router)
    {
        final PeerResults results = new PeerResults();
        switch (workload)
        {
            case "windows":
                return new MinuteWindowStage(results);
            case "anomaly":
                return new EwmaAnomalyStage(results);
            case "region-service":
                return new RegionServiceMinuteStage(results);
            default:
                throw new IllegalArgumentException("unknown workload: " + workload);
        }
    }
}
