/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.feed;

import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.text.TextFormatOptions;
import io.netpulse.codec.text.TextIdentities;
import io.netpulse.engine.Engine;
import io.netpulse.engine.EngineSummary;
import io.netpulse.journal.DeadLetter;
import io.netpulse.journal.DeadLetterJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextIngestTest
{
    @TempDir
    Path dir;

    private static final String BATCH =
        "{\"type\":\"kpi\",\"eventTime\":1795428000000,\"element\":\"cell-1\",\"metric\":\"cpu\",\"value\":12.5}\n" +
        "{\"type\":\"kpi\",\"eventTime\":1795428000000,\"element\":\"cell-1\",\"metric\":\"cpu\",\"value\":\"hot\"}\n" +
        "\n" +
        "{\"type\":\"cdr\",\"eventTime\":\"2026-11-23T10:00:00Z\",\"cdrId\":7,\"element\":5,\"result\":\"answered\"," +
        "\"durationMs\":-4}\n" +
        "{\"type\":\"qos\",\"eventTime\":1795428000000,\"element\":5,\"lossPpm\":1200}\n" +
        "{not json}\n" +
        "{\"type\":\"kpi\",\"eventTime\":1,\"element\":5,\"metric\":3,\"value\":1}\n" +
        "{\"type\":\"flow\",\"eventTime\":1795428000000,\"element\":5,\"srcAddress\":\"10.0.0.1\"," +
        "\"dstAddress\":\"10.0.0.2\",\"bytes\":100}\n";

    private static final int HOT_COLUMN = BATCH.split("\n")[1].indexOf("\"hot\"") + 1;

    @Test
    void shouldAcceptTheGoodLinesAndListTheBadOnesWithTheirLines()
    {
        final Path journal = dir.resolve("journal");
        final Engine engine = Engine.builder().journalDirectory(journal).autoRegisterElements(true).build();
        final TextIngest.Result result;
        try (engine)
        {
            final TextIngest ingest = new TextIngest(engine.newPublisher("http-ingest"),
                new TextFormatOptions().identities(new TextIdentities(true)),
                engine.journal()::durableRingSequence, 10_000, TextIngest.DEFAULT_MAX_ERRORS);
            result = ingest.ingest(new StringReader(BATCH));
            assertEquals(4, ingest.publisher().rejected());
        }
        assertEquals(7, result.lines());
        assertEquals(3, result.accepted());
        assertEquals(4, result.rejected());
        assertTrue(result.journaled());
        assertFalse(result.closed());
        assertFalse(result.errorsTruncated());
        assertEquals(List.of(
            new TextIngest.LineError(2, HOT_COLUMN, "malformed_record", "value: not a number"),
            new TextIngest.LineError(4, 0, "negative_value", "duration, count or size is negative"),
            new TextIngest.LineError(6, 2, "malformed_record", "expected a member name in quotes"),
            new TextIngest.LineError(7, 0, "timestamp_out_of_range", "event time too far in the past or future")),
            result.errors());

        final EngineSummary summary = engine.summary();
        assertEquals(1, summary.eventsByType().get(MessageType.KPI_SAMPLE.label()));
        assertEquals(1, summary.eventsByType().get(MessageType.QOS_MEASUREMENT.label()));
        assertEquals(1, summary.eventsByType().get(MessageType.FLOW_RECORD.label()));
        assertEquals(2, summary.rejected(RejectReason.MALFORMED_RECORD));

        final List<DeadLetter> letters = new ArrayList<>();
        try (DeadLetterJournal deadLetters = new DeadLetterJournal(journal.resolve(DeadLetterJournal.DIRECTORY)))
        {
            deadLetters.read(0, letter -> true, letters::add);
        }
        assertEquals(4, letters.size());
        assertEquals("{not json}", letters.get(2).payloadText());
        assertEquals("http-ingest", letters.get(2).sourceName());
        assertEquals("ndjson", letters.get(2).format());
    }

    @Test
    void shouldCapTheErrorListButNotTheCounts()
    {
        final StringBuilder bad = new StringBuilder();
        for (int i = 0; i < 30; i++)
        {
            bad.append("nope\n");
        }
        try (Engine engine = Engine.builder().build())
        {
            final TextIngest ingest = new TextIngest(engine.newPublisher("http"), new TextFormatOptions(),
                () -> Long.MAX_VALUE, 1000, 10);
            final TextIngest.Result result = ingest.ingest(new StringReader(bad.toString()));
            assertEquals(30, result.rejected());
            assertEquals(10, result.errors().size());
            assertTrue(result.errorsTruncated());
            assertTrue(result.journaled());
        }
    }

    @Test
    void shouldSayWhenTheJournalDidNotConfirmInTime()
    {
        try (Engine engine = Engine.builder().build())
        {
            final TextIngest ingest = new TextIngest(engine.newPublisher("http"), new TextFormatOptions(),
                () -> -1, 20, 10);
            final TextIngest.Result result = ingest.ingest(new StringReader(
                "{\"type\":\"kpi\",\"eventTime\":1795428000000,\"element\":5,\"metric\":3,\"value\":1}\n"));
            assertEquals(1, result.accepted());
            assertFalse(result.journaled());
        }
    }

    @Test
    void shouldSayWhenTheEngineClosed()
    {
        final Engine engine = Engine.builder().build();
        final TextIngest ingest = new TextIngest(engine.newPublisher("http"), new TextFormatOptions(),
            () -> Long.MAX_VALUE, 20, 10);
        engine.close();
        final TextIngest.Result result = ingest.ingest(new StringReader(
            "{\"type\":\"kpi\",\"eventTime\":1795428000000,\"element\":5,\"metric\":3,\"value\":1}\n"));
        assertTrue(result.closed());
        assertEquals(0, result.accepted());
    }
}
