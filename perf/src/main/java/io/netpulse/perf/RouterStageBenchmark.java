/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import io.netpulse.engine.stage.Stage;
import io.netpulse.engine.stage.StageContext;
import io.netpulse.engine.topology.TopologyRouter;

/**
 * Per-event cost of the topology router: element id to dense index and hierarchy, counted per node.
 */
public class RouterStageBenchmark extends StageBenchmark
{
    /**
     * {@inheritDoc}
     */
    protected Stage createStage(final StageContext context, final TopologyRouter router)
    {
        return router;
    }
}
