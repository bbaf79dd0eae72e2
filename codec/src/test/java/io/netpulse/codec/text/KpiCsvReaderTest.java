/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.sbe.KpiSampleDecoder;
import io.netpulse.codec.sbe.MetricDefinitionDecoder;
import io.netpulse.codec.sbe.TopologyUpdateDecoder;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KpiCsvReaderTest
{
    private static final long T = Instant.parse("2024-01-01T00:05:00Z").toEpochMilli();

    private static Collected read(final String text, final TextFormatOptions options)
    {
        return Collected.readAll(TextFormat.KPI_CSV.open(new StringReader(text), options));
    }

    @Test
    void shouldReadSamplesWithIsoAndEpochTimesAndNamesAndIds()
    {
        final Collected out = read(
            "timestamp,element,metric,value\n" +
            "2024-01-01T00:05:00Z,cell-1,latency_ms,12.5\n" +
            "2024-01-01T00:10:00,cell-1,latency_ms,13\n" +
            "1704067800000,42,7,-1.25\n",
            new TextFormatOptions().identities(new TextIdentities(true)));
        assertEquals(0, out.rejections.size(), out.rejections.toString());
        assertEquals(5, out.frames.size());

        assertEquals(MessageType.TOPOLOGY_UPDATE, out.type(0));
        final TopologyUpdateDecoder element = out.body(0, new TopologyUpdateDecoder()::wrap);
        assertEquals(TextIdentities.elementIdForName("cell-1"), element.elementId());
        assertEquals("cell-1", element.name());
        assertEquals(MessageType.METRIC_DEFINITION, out.type(1));
        final MetricDefinitionDecoder metric = out.body(1, new MetricDefinitionDecoder()::wrap);
        assertEquals(TextIdentities.metricIdForName("latency_ms"), metric.metricId());
        assertEquals("latency_ms", metric.name());

        final KpiSampleDecoder first = out.body(2, new KpiSampleDecoder()::wrap);
        assertEquals(T, first.eventTimeMs());
        assertEquals(TextIdentities.elementIdForName("cell-1"), first.elementId());
        assertEquals(TextIdentities.metricIdForName("latency_ms"), first.metricId());
        assertEquals(12.5, first.value());

        final KpiSampleDecoder second = out.body(3, new KpiSampleDecoder()::wrap);
        assertEquals(T + 300_000, second.eventTimeMs());
        assertEquals(13.0, second.value());

        final KpiSampleDecoder third = out.body(4, new KpiSampleDecoder()::wrap);
        assertEquals(1_704_067_800_000L, third.eventTimeMs());
        assertEquals(42, third.elementId());
        assertEquals(7, third.metricId());
        assertEquals(-1.25, third.value());
    }

    @Test
    void shouldReadLocalTimesInTheConfiguredZoneAndColumnsInAnyOrder()
    {
        final Collected out = read(
            "Value,Metric,Time,Element,comment\n3,1,2024-01-01T00:05:00,9,anything\n",
            new TextFormatOptions().zone(ZoneId.of("Europe/Berlin")));
        assertEquals(1, out.frames.size());
        final KpiSampleDecoder sample = out.body(0, new KpiSampleDecoder()::wrap);
        assertEquals(T - 3_600_000, sample.eventTimeMs());
        assertEquals(9, sample.elementId());
        assertEquals(1, sample.metricId());
        assertEquals(3.0, sample.value());
    }

    @Test
    void shouldReadKpiSamplesWhateverTypeTheOptionsFix()
    {
        final Collected out = read("timestamp,element,metric,value\n1704067800000,1,2,3\n",
            new TextFormatOptions().type(MessageType.CALL_DETAIL_RECORD));
        assertEquals(0, out.rejections.size(), out.rejections.toString());
        assertEquals(MessageType.KPI_SAMPLE, out.type(0));
    }

    @Test
    void shouldRefuseBadRowsWithLineAndColumnAndCountThem()
    {
        final TextEventReader reader = TextFormat.KPI_CSV.open(new StringReader(
            "timestamp,element,metric,value\n" +
            "2024-01-01T00:05:00Z,cell-1,latency_ms,12.5\n" +
            "2024-01-01T00:10:00Z,cell-1,latency_ms,abc\n" +
            "yesterday,cell-1,latency_ms,1\n" +
            "2024-01-01T00:20:00Z,cell-1,latency_ms\n" +
            "2024-01-01T00:25:00Z,,latency_ms,4\n"),
            new TextFormatOptions().identities(new TextIdentities(true)));
        final Collected out = new Collected();
        while (reader.next(out))
        {
            // every record
        }
        assertEquals(5, reader.records());
        assertEquals(4, reader.rejected());
        assertEquals(4, out.rejections.size());

        final Collected.Rejection value = out.rejections.get(0);
        assertEquals(3, value.line());
        assertEquals(40, value.column());
        assertEquals(RejectReason.MALFORMED_RECORD, value.reason());
        assertTrue(value.message().startsWith("value:"), value.message());
        assertEquals("kpi-csv", value.format());
        assertEquals("timestamp,element,metric,value", value.context());
        assertEquals("2024-01-01T00:10:00Z,cell-1,latency_ms,abc", value.record());

        final Collected.Rejection time = out.rejections.get(1);
        assertEquals(4, time.line());
        assertEquals(1, time.column());
        assertTrue(time.message().startsWith("eventTime:"), time.message());

        final Collected.Rejection fields = out.rejections.get(2);
        assertEquals(5, fields.line());
        assertEquals("the record has 3 fields, the header 4", fields.message());

        final Collected.Rejection element = out.rejections.get(3);
        assertEquals(6, element.line());
        assertEquals(22, element.column());
        assertTrue(element.message().equals("missing element"), element.message());
        ((CsvEventReader)reader).close();
    }

    @Test
    void shouldRefuseEveryRecordUnderAHeaderWithoutTheFourColumns()
    {
        final Collected noValue = read("timestamp,element,metric\n2024-01-01T00:05:00Z,1,2\n", new TextFormatOptions());
        assertEquals(1, noValue.rejections.size());
        assertEquals("no usable header: no value column (kpi-csv needs timestamp, element, metric and value)",
            noValue.rejections.get(0).message());

        final Collected noTime = read("element,metric,value\n1,2,3\n", new TextFormatOptions());
        assertEquals("no usable header: no timestamp column (kpi-csv needs timestamp, element, metric and value)",
            noTime.rejections.get(0).message());

        final Collected noHeader = read("2024-01-01T00:05:00Z,1,2,3\n", new TextFormatOptions());
        assertEquals(0, noHeader.rejections.size());
        final Collected noHeaderTwoLines = read("2024-01-01T00:05:00Z,1,2,3\n2024-01-01T00:05:00Z,1,2,3\n",
            new TextFormatOptions());
        assertTrue(noHeaderTwoLines.rejections.get(0).message().contains("names no known field"),
            noHeaderTwoLines.rejections.get(0).message());
    }

    @Test
    void shouldOpenAKpiReaderUnderItsLabel()
    {
        final TextEventReader reader = TextFormat.of("kpi-csv").open(new StringReader(""), new TextFormatOptions());
        assertInstanceOf(CsvEventReader.class, reader);
        assertEquals("kpi-csv", ((CsvEventReader)reader).format());
        assertEquals("csv", new CsvEventReader(new StringReader(""), new TextFormatOptions()).format());
    }
}
