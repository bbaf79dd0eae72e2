/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import io.netpulse.codec.EventValidator;
import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextFormatTest
{
    @Test
    void shouldOpenTheReaderOfEachFormat()
    {
        final TextFormatOptions options = new TextFormatOptions();
        assertInstanceOf(CsvEventReader.class, TextFormat.CSV.open(new StringReader(""), options));
        assertInstanceOf(NdjsonEventReader.class, TextFormat.NDJSON.open(new StringReader(""), options));
        assertInstanceOf(AsteriskCdrReader.class, TextFormat.ASTERISK_CDR.open(new StringReader(""), options));
        for (final TextFormat format : TextFormat.values())
        {
            assertEquals(format, TextFormat.of(format.label()));
            try (TextEventReader reader = format.open(new StringReader(""), options))
            {
                assertEquals(false, reader.next(new Collected()));
                assertEquals(0, reader.records());
                assertEquals(0, reader.rejected());
            }
        }
    }

    @Test
    void shouldKeepWhatItIsTold()
    {
        final TextIdentities identities = new TextIdentities(true);
        final AsteriskChannelMapping mapping = AsteriskChannelMapping.of("dstchannel", "^(.*)$");
        final TextFormatOptions options = new TextFormatOptions()
            .type(MessageType.CALL_DETAIL_RECORD)
            .zone(ZoneId.of("Asia/Tokyo"))
            .identities(identities)
            .eventTimeRange(10, 20)
            .maxRecordChars(100)
            .delimiter('\t')
            .channelMapping(mapping);
        assertEquals(MessageType.CALL_DETAIL_RECORD, options.type());
        assertEquals(ZoneId.of("Asia/Tokyo"), options.zone());
        assertEquals(identities, options.identities());
        assertEquals(10, options.minEventTimeMs());
        assertEquals(20, options.maxEventTimeMs());
        assertEquals(100, options.maxRecordChars());
        assertEquals('\t', options.delimiter());
        assertEquals(mapping, options.channelMapping());
        assertEquals(6, mapping.column());
        assertEquals(EventValidator.DEFAULT_MIN_EVENT_TIME_MS, new TextFormatOptions().minEventTimeMs());
        assertEquals(null, new TextFormatOptions().type(null).type());
        assertThrows(NullPointerException.class, () -> options.zone(null));
    }

    @Test
    void shouldRefuseTimesOutsideTheEnginesRange()
    {
        final Collected out = Collected.readAll(new CsvEventReader(new StringReader(
            "element,metric,value,eventTime\n5,1,1,2026-11-23\n"),
            new TextFormatOptions().type(MessageType.KPI_SAMPLE).eventTimeRange(0, 1000)));
        assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, out.rejections.get(0).reason());
    }

    @Test
    void shouldDescribeARejection()
    {
        final TextRejection rejection = new TextRejection().set(RejectReason.MALFORMED_RECORD, 4, 9, "value: bad",
            "csv", null, "abc".toCharArray(), 3);
        assertEquals("line 4, column 9: malformed_record: value: bad", rejection.toString());
        assertEquals("line 4: malformed_record: value: bad", new TextRejection().set(RejectReason.MALFORMED_RECORD,
            4, 0, "value: bad", "csv", null, new char[0], 0).toString());
        final char[] longer = new char[1000];
        assertEquals(1000, rejection.set(RejectReason.LATE, 1, 1, "", "csv", null, longer, 1000).recordLength());
    }

    @Test
    void shouldSliceWithoutCopying()
    {
        final CharSlice slice = new CharSlice().wrap("SIP/alice-01", 4, 9);
        assertEquals(5, slice.length());
        assertEquals('a', slice.charAt(0));
        assertEquals("alice", slice.toString());
        assertEquals("li", slice.subSequence(1, 3).toString());
        assertThrows(IndexOutOfBoundsException.class, () -> slice.charAt(5));
        assertThrows(IndexOutOfBoundsException.class, () -> slice.charAt(-1));
    }

    @Test
    void shouldFindFieldsByAnyAlias()
    {
        assertEquals(TextField.EVENT_TIME, TextField.lookup("Event Time"));
        assertEquals(TextField.EVENT_TIME, TextField.lookup("event_time_ms"));
        assertEquals(TextField.THROUGHPUT_KBPS, TextField.lookup("THROUGHPUT-KBPS"));
        assertEquals(null, TextField.lookup("nonsense"));
        assertEquals(null, TextField.lookup(""));
        assertEquals("eventTime", TextField.EVENT_TIME.fieldName());
        assertTrue(java.util.Arrays.asList(TextField.ELEMENT.aliases()).contains("elementId"));
        assertEquals("eventtime", TextField.normalize("Event_Time"));
    }
}
