/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import io.netpulse.engine.anomaly.AnomalyConfig;
import io.netpulse.engine.anomaly.AnomalyDetector;
import io.netpulse.engine.anomaly.ScoreListener;
import io.netpulse.engine.cube.Cube;
import io.netpulse.engine.cube.CubeConfig;
import io.netpulse.engine.stage.Stage;
import io.netpulse.engine.stage.StageContext;
import io.netpulse.engine.topology.TopologyRouter;
import io.netpulse.engine.window.WindowConfig;
import io.netpulse.engine.window.WindowGroup;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Level;

/**
 * Per-event cost of each built-in analytics stage after the router, with its default configuration, on the
 * generator's routed events: the window updater, the anomaly detector and the cube updater, each alone (none of
 * them reads another's output). Their sum against the demo's per-event time says how much of the analytics
 * thread is the stages' own work.
 */
public class AnalyticsStageBenchmark extends StageBenchmark
{
    /** Which stage. */
    @Param({"windows", "anomaly", "cube"})
    public String stage;

    private Cube cube;

    /**
     * {@inheritDoc}
     */
    protected Stage createStage(final StageContext context, final TopologyRouter router)
    {
        switch (stage)
        {
            case "windows":
                return new WindowGroup(WindowConfig.DEFAULT, 1).newInstance(context);
            case "anomaly":
                return new AnomalyDetector(AnomalyConfig.DEFAULT, context, ScoreListener.NONE);
            case "cube":
                cube = new Cube(CubeConfig.DEFAULTS);
                return cube.newUpdater(context);
            default:
                throw new IllegalArgumentException("unknown stage: " + stage);
        }
    }

    /**
     * Stops the cube's maintainer thread, when there is one.
     */
    @TearDown(Level.Trial)
    public void closeCube()
    {
        if (null != cube)
        {
            cube.close();
        }
    }
}
