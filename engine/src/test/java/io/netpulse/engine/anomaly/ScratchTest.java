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
            AnomalyConfig.DEFAULT, ThreadMode.FUSED,
            (t, e, m, v, x, sc, th, an, al) ->
            {
                if (e == Long.getLong("scratch.trace", 0) && m == Integer.getInteger("scratch.metric", 0))
                {
                    System.out.printf("%d %.3f %.3f %.2f %.2f %s %s%n", t, v, x, sc, th, an, al);
                }
            });
        accuracy.faults.forEach(f -> System.out.println(f.toJson()));
        System.out.println(accuracy.report());
    }
}
