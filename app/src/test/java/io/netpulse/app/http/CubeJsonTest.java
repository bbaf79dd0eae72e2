/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app.http;

import io.netpulse.engine.cube.CubeResult;
import io.netpulse.engine.cube.Cuboid;
import io.netpulse.engine.cube.Dimension;
import io.netpulse.engine.cube.Measure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class CubeJsonTest
{
    @Test
    void shouldWriteNoRangeForWholeHoursBeforeAnyIsFiled()
    {
        final String json = CubeJson.write(new CubeResult(List.of(Dimension.REGION), List.of(Measure.COUNT),
            List.of(), 0, Cuboid.REGION, Long.MIN_VALUE, Long.MIN_VALUE, -1, -1, false, 0, 0, Long.MIN_VALUE,
            Long.MIN_VALUE, 0, 1_000, false));
        assertTrue(json.contains("\"from\":null"), json);
        assertTrue(json.contains("\"to\":null"), json);
    }

    @Test
    void shouldWriteTheRangeOfFiledHours()
    {
        final long hour = 1_767_571_200_000L;
        final String json = CubeJson.write(new CubeResult(List.of(Dimension.REGION), List.of(Measure.COUNT),
            List.of(), 0, Cuboid.REGION, hour, hour + 3_600_000L, hour, hour + 3_600_000L, false, 1, 0, hour,
            hour, 0, 1_000, true));
        assertTrue(json.contains("\"from\":\"2026-01-05T00:00:00Z\""), json);
        assertTrue(json.contains("\"to\":\"2026-01-05T01:00:00Z\""), json);
    }
}
