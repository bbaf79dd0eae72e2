/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.sbe.CallDetailRecordDecoder;
import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.KpiSampleDecoder;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NdjsonEventReaderTest
{
    private static Collected read(final String text, final TextFormatOptions options)
    {
        return Collected.readAll(new NdjsonEventReader(new StringReader(text), options));
    }

    @Test
    void shouldReadEventsFromNumbersAndStringsAlike()
    {
        final Collected out = read(
            "{\"type\":\"kpi\",\"eventTime\":\"2026-11-23T10:00:00Z\",\"element\":77,\"metric\":\"3\",\"value\":71.5," +
            "\"extra\":{\"ignored\":[1,2]}}\n" +
            "{\"type\":\"CDR\",\"event_time\":1795428000000,\"cdrId\":\"a81f-22\",\"element\":\"5\"," +
            "\"result\":\"no answer\",\"releaseCause\":null,\"mos\":\"\"}\n",
            new TextFormatOptions());
        assertEquals(0, out.rejections.size(), out.rejections.toString());
        assertEquals(2, out.frames.size());
        final KpiSampleDecoder kpi = out.body(0, new KpiSampleDecoder()::wrap);
        assertEquals(Instant.parse("2026-11-23T10:00:00Z").toEpochMilli(), kpi.eventTimeMs());
        assertEquals(77, kpi.elementId());
        assertEquals(3, kpi.metricId());
        assertEquals(71.5, kpi.value());
        final CallDetailRecordDecoder cdr = out.body(1, new CallDetailRecordDecoder()::wrap);
        assertEquals(CallResult.NO_ANSWER, cdr.result());
        assertEquals(19, cdr.releaseCause());
        assertEquals(0, cdr.mosX100());
        assertEquals(TextIdentities.nameHash("a81f-22"), cdr.cdrId());
    }

    @Test
    void shouldAnswerEveryLineOnItsOwnWithLineAndColumn()
    {
        final NdjsonEventReader reader = new NdjsonEventReader(new StringReader(
            "{\"element\":5,\"metric\":3,\"value\":1,\"eventTime\":1795428000000}\n" +
            "\n" +
            "{\"element\":5,\"metric\":3,\"value\":\"high\",\"eventTime\":1795428000000}\n" +
            "not json\n" +
            "{\"element\":5,\"metric\":3,\"value\":2,\"eventTime\":1795428000000}\n"),
            new TextFormatOptions().type(MessageType.KPI_SAMPLE));
        final Collected out = Collected.readAll(reader);
        assertEquals(2, out.frames.size());
        assertEquals(2, out.rejections.size());
        final Collected.Rejection value = out.rejections.get(0);
        assertEquals(RejectReason.MALFORMED_RECORD, value.reason());
        assertEquals(3, value.line());
        assertEquals(33, value.column());
        assertTrue(value.message().startsWith("value:"), value.message());
        assertEquals("ndjson", value.format());
        assertNull(value.context());
        final Collected.Rejection json = out.rejections.get(1);
        assertEquals(4, json.line());
        assertEquals(1, json.column());
        assertEquals("not json", json.record());
        assertEquals(4, reader.records());
        assertEquals(2, reader.rejected());
        assertTrue(reader.charsRead() > 100);
    }

    @Test
    void shouldRefuseAMissingOrUnknownType()
    {
        final Collected out = read("{\"element\":5}\n{\"type\":\"alert\"}\n{\"type\":7}\n", new TextFormatOptions());
        assertEquals(3, out.rejections.size());
        assertTrue(out.rejections.get(0).message().startsWith("missing type"));
        assertEquals(0, out.rejections.get(0).column());
        assertTrue(out.rejections.get(1).message().contains("'alert' is not an input message type"));
        assertEquals(9, out.rejections.get(1).column());
        assertTrue(out.rejections.get(2).message().contains("'7'"));
    }
}
