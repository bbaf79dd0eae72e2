/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecayFunctionTest
{
    @Test
    void shouldWeighByAge()
    {
        final DecayFunction none = DecayFunction.none();
        assertEquals(1.0, none.weight(0));
        assertEquals(1.0, none.weight(Long.MAX_VALUE));

        final DecayFunction exponential = DecayFunction.exponential(600_000);
        assertEquals(1.0, exponential.weight(0));
        assertEquals(0.5, exponential.weight(600_000), 1e-15);
        assertEquals(0.25, exponential.weight(1_200_000), 1e-15);

        final DecayFunction linear = DecayFunction.linear(1_000);
        assertEquals(1.0, linear.weight(0));
        assertEquals(0.75, linear.weight(250));
        assertEquals(0.0, linear.weight(1_000));
        assertEquals(0.0, linear.weight(5_000));

        final DecayFunction step = DecayFunction.step(100, 0.5);
        assertEquals(1.0, step.weight(99));
        assertEquals(0.5, step.weight(100));
        assertEquals(0.25, step.weight(250));

        final DecayFunction cutOff = DecayFunction.step(100, 0.0);
        assertEquals(1.0, cutOff.weight(0));
        assertEquals(0.0, cutOff.weight(100));
    }

    @Test
    void shouldRefuseImpossibleParameters()
    {
        assertThrows(IllegalArgumentException.class, () -> DecayFunction.exponential(0));
        assertThrows(IllegalArgumentException.class, () -> DecayFunction.linear(-1));
        assertThrows(IllegalArgumentException.class, () -> DecayFunction.step(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> DecayFunction.step(10, 1.5));
        assertThrows(IllegalArgumentException.class, () -> DecayFunction.step(10, -0.1));
        assertThrows(IllegalArgumentException.class, () -> DecayFunction.step(10, Double.NaN));
    }

    @Test
    void shouldParseWhatItPrints()
    {
        for (final String text : new String[]{"none", "exp:10m", "linear:1h", "step:15m:0.5"})
        {
            assertEquals(text, Decays.parse(text).toString());
        }
        assertEquals(0.5, Decays.parse("exponential:1s").weight(1000), 1e-15);
        assertEquals("exp:1500ms", Decays.parse("EXP:1500").toString());
        for (final String bad : new String[]{"none:1", "exp", "exp:1m:2", "linear", "step:1m", "gauss:1m", "step:1m:x"})
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Decays.parse(bad));
            assertTrue(ex.getMessage().contains(bad), ex.getMessage());
        }
    }

    @Test
    void shouldTakeACustomFunction()
    {
        final DecayFunction halfDay = ageMs -> ageMs < 43_200_000 ? 1.0 : 0.25;
        final WindowAggregate aggregate = new WindowAggregate()
            .merge(1, 8.0, 0.0, 8.0, 8.0, halfDay.weight(0))
            .merge(1, 4.0, 0.0, 4.0, 4.0, halfDay.weight(50_000_000));
        assertEquals(1.25, aggregate.count());
        assertEquals(9.0, aggregate.sum());
    }
}
