package io.netpulse.engine.anomaly;

import io.netpulse.engine.ThreadMode;
import io.netpulse.engine.generator.GeneratorConfig;
import org.junit.jupiter.api.Test;

class ScratchTest
{
    @Test
    void run()
    {
        final int elements = Integer.getInteger("scratch.elements", 10_000);
        final long events = Long.getLong("scratch.events", 5_000_000);
        final GeneratorAccuracy accuracy = new GeneratorAccuracy(GeneratorConfig.defaults(elements, events, 42),
            AnomalyConfig.DEFAULT, ThreadMode.FUSED);
        System.out.println(accuracy.report());
    }
}
