/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine;

import io.netpulse.engine.cube.CubeResult;
import io.netpulse.engine.cube.CubeStats;
import io.netpulse.engine.cube.Dimension;
import io.netpulse.engine.cube.Granularity;
import io.netpulse.engine.cube.Measure;
import io.netpulse.engine.generator.GeneratorConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each shard's sealed minutes have a maintainer of their own: one thread for every shard would cap a sharded engine
 * at what one thread can roll up. The answers are the same as one shard's, to the last bit.
 */
class CubeMaintainersTest
{
    private static final String MAINTAINER = "netpulse-cube-maintainer";

    @Test
    void everyShardHasAMaintainerAndTheAnswersAreTheFusedOnes()
    {
        // two hours and more of a 200-element network's event time: hours are filed, minutes dropped
        final EngineTestSupport.Stream stream =
            EngineTestSupport.generate(GeneratorConfig.defaults(200, 200_000, 11).withCorruptFraction(0));

        final Answers fused = run(ThreadMode.FUSED, stream);
        final Answers sharded = run(ThreadMode.sharded(2), stream);

        assertEquals(1, fused.maintainers, "one shard, one maintainer");
        assertEquals(2, sharded.maintainers, "a maintainer a shard");
        assertTrue(fused.hoursFiled > 0, "hours were filed: " + fused);
        assertEquals(2 * fused.hoursFiled, sharded.hoursFiled, "each shard files its own hours");
        assertEquals(0, sharded.errors);
        assertEquals(fused.stateHash, sharded.stateHash);
        assertEquals(fused.byRegionAndHour, sharded.byRegionAndHour);
        assertEquals(fused.bySite, sharded.bySite);
    }

    private record Answers(
        int maintainers, long hoursFiled, long errors, long stateHash, List<String> byRegionAndHour,
        List<String> bySite)
    {
    }

    private static Answers run(final ThreadMode mode, final EngineTestSupport.Stream stream)
    {
        final long before = liveMaintainers();
        try (Engine engine = Engine.builder().threadMode(mode).build())
        {
            engine.newPublisher("test").publishStream(stream.buffer(), 0, stream.length(), true);
            assertTrue(engine.awaitDrained(60_000));
            assertTrue(engine.cube().awaitMaintained(60_000));
            final CubeStats stats = engine.cube().stats();
            return new Answers((int)(liveMaintainers() - before), stats.rollups(), stats.maintenanceErrors(),
                engine.cube().stateHash(),
                rows(engine.cube().query().granularity(Granularity.HOUR).groupBy(Dimension.REGION, Dimension.TIME)
                    .where(Dimension.METRIC, "cdr.setup_ms").measures(Measure.COUNT, Measure.SUM, Measure.MAX)
                    .execute()),
                rows(engine.cube().query().groupBy(Dimension.SITE).where(Dimension.METRIC, "qos.latency_us")
                    .measures(Measure.COUNT, Measure.SUM, Measure.MIN).execute()));
        }
    }

    private static long liveMaintainers()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.isAlive() && MAINTAINER.equals(thread.getName()))
            .count();
    }

    private static List<String> rows(final CubeResult result)
    {
        // the row's labels, count and mean, and its extremes
        final List<String> rows = result.rows().stream().map(row -> row + " max=" + row.max() + " min=" + row.min())
            .toList();
        assertTrue(rows.size() > 1, "the query found cells");
        return rows;
    }
}
