/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.anomaly;

import io.netpulse.engine.ThreadMode;
import io.netpulse.engine.generator.FaultKind;
import io.netpulse.engine.generator.GeneratorConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnomalyEngineTest
{
    private static List<GeneratorAccuracy.Alert> sorted(final List<GeneratorAccuracy.Alert> alerts)
    {
        final List<GeneratorAccuracy.Alert> copy = new ArrayList<>(alerts);
        copy.sort(Comparator.comparing(GeneratorAccuracy.Alert::toString));
        return copy;
    }

    @Test
    void shouldFindTheGeneratorsFaultsAndRaiseTheSameAlertsInEveryThreadMode()
    {
        // 2,000 elements in two regions, 227 one-minute rounds: every fault kind, a mass event in one region
        final GeneratorConfig config = GeneratorConfig.defaults(2_000, 3_000_000, 42);
        final GeneratorAccuracy fused = new GeneratorAccuracy(config, AnomalyConfig.DEFAULT, ThreadMode.FUSED);
        assertEquals(1.0, fused.recall(), fused.report());
        assertTrue(fused.precision() >= 0.9, fused.report());
        for (final FaultKind kind : FaultKind.values())
        {
            assertTrue(fused.recallByKind.get(kind)[1] > 0, kind.toString());
        }

        for (final ThreadMode mode : new ThreadMode[]{ThreadMode.PIPELINED, ThreadMode.sharded(2)})
        {
            final GeneratorAccuracy other = new GeneratorAccuracy(config, AnomalyConfig.DEFAULT, mode);
            assertEquals(fused.stateHash, other.stateHash, mode.toString());
            assertEquals(sorted(fused.alerts), sorted(other.alerts), mode.toString());
        }
    }
}
