/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app.http;

import io.netpulse.app.JsonWriter;
import io.netpulse.engine.cube.CubeResult;
import io.netpulse.engine.cube.CubeRow;
import io.netpulse.engine.cube.CubeStats;
import io.netpulse.engine.cube.Dimension;
import io.netpulse.engine.cube.Measure;

import java.time.Instant;

/**
 * Writes a {@link CubeResult} as the JSON {@code GET /api/cube} answers: what was asked and read, then one object
 * per row with each grouped dimension and each measure by name, and for a comparison the baseline's measures
 * and the change ({@code delta}, {@code ratio}). Undefined values (a percentile of a metric without a
 * histogram, a ratio over 0) are null. What a cube holds is written here too, for {@code GET /api/cube/metrics}
 * and the run summaries alike.
 */
public final class CubeJson
{
    private CubeJson()
    {
    }

    /**
     * Writes what a cube holds as fields of the object being written: events and values applied, late events, and
     * the cells of closed and open buckets.
     *
     * @param json  the writer, inside an object.
     * @param stats the cube's statistics.
     * @return the writer.
     */
    public static JsonWriter contents(final JsonWriter json, final CubeStats stats)
    {
        return json.field("eventsApplied", stats.eventsApplied())
            .field("valuesApplied", stats.valuesApplied())
            .field("lateEvents", stats.lateEvents())
            .field("closedCells", stats.closedCells())
            .field("closedBytes", stats.closedBytes())
            .field("openCells", stats.openCells());
    }

    static String write(final CubeResult result)
    {
        final JsonWriter json = new JsonWriter().beginObject();
        json.name("groupBy").beginArray();
        for (final Dimension dimension : result.groupBy())
        {
            json.value(dimension.label());
        }
        json.endArray();
        json.name("measures").beginArray();
        for (final Measure measure : result.measures())
        {
            json.value(measure.label());
        }
        json.endArray();
        json.field("cuboid", result.cuboid().label());
        time(json, "from", result.fromMs(), Long.MIN_VALUE);
        // whole hours before any is filed select nothing: no end either
        time(json, "to", result.toMs() == Long.MIN_VALUE ? Long.MAX_VALUE : result.toMs(), Long.MAX_VALUE);
        time(json, "coveredFrom", result.coveredFromMs(), -1);
        time(json, "coveredTo", result.coveredToMs(), -1);
        time(json, "watermark", result.watermarkMs(), Long.MIN_VALUE);
        time(json, "maxEventTime", result.maxEventTimeMs(), Long.MIN_VALUE);
        json.field("eventsApplied", result.eventsApplied())
            .field("bucketsScanned", result.bucketsScanned())
            .field("cellsScanned", result.cellsScanned())
            .field("elapsedMicros", result.elapsedNanos() / 1000)
            .field("totalGroups", result.totalGroups())
            .field("compared", result.compared())
            .field("cached", result.cached());
        json.name("rows").beginArray();
        for (final CubeRow row : result.rows())
        {
            json.beginObject();
            for (final Dimension dimension : result.groupBy())
            {
                json.field(dimension.label(), row.value(dimension));
            }
            measures(json, row, result);
            if (result.compared())
            {
                json.name("baseline").beginObject();
                measures(json, row.baseline(), result);
                json.endObject();
                json.name("delta").beginObject();
                for (final Measure measure : result.measures())
                {
                    json.field(measure.label(), row.delta(measure));
                }
                json.endObject();
                json.name("ratio").beginObject();
                for (final Measure measure : result.measures())
                {
                    json.field(measure.label(), row.ratio(measure));
                }
                json.endObject();
            }
            json.endObject();
        }
        json.endArray();
        return json.endObject().toString();
    }

    private static void measures(final JsonWriter json, final CubeRow row, final CubeResult result)
    {
        for (final Measure measure : result.measures())
        {
            if (measure == Measure.COUNT)
            {
                json.field(measure.label(), row.count());
            }
            else
            {
                json.field(measure.label(), row.get(measure));
            }
        }
    }

    private static void time(final JsonWriter json, final String name, final long ms, final long none)
    {
        if (ms == none)
        {
            json.name(name).raw("null");
        }
        else
        {
            json.field(name, Instant.ofEpochMilli(ms).toString());
        }
    }
}
