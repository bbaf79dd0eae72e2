/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.feed;

import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.text.AsteriskCdrReader;
import io.netpulse.codec.text.CsvEventReader;
import io.netpulse.codec.text.TextFormatOptions;
import io.netpulse.codec.text.TextIdentities;
import io.netpulse.engine.Engine;
import io.netpulse.engine.EngineSummary;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.engine.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextFeedTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPublishAFileLargerThanAChunkAndCountItsRejects()
    {
        final StringBuilder csv = new StringBuilder("type,eventTime,element,metric,value\n");
        final int rows = 20_000;
        for (int i = 0; i < rows; i++)
        {
            csv.append("kpi,").append(1_795_428_000_000L + i).append(",cell-").append(i % 50).append(",cpu,")
                .append(i % 7 == 0 ? "NaN" : Double.toString(i * 0.5)).append('\n');
        }
        final Engine engine = Engine.builder().journalDirectory(dir).autoRegisterElements(true).build();
        final List<long[]> progress = new ArrayList<>();
        final TextFeed feed;
        final EventPublisher publisher;
        try (engine)
        {
            publisher = engine.newPublisher("file:kpis.csv");
            feed = new TextFeed(publisher);
            final CsvEventReader reader = new CsvEventReader(new StringReader(csv.toString()),
                new TextFormatOptions().identities(new TextIdentities(true)));
            assertEquals(rows, feed.publish(reader, (done, total) -> progress.add(new long[]{done, total}),
                reader::charsRead, csv.length()));
        }
        final EngineSummary summary = engine.summary();
        final long nan = (rows + 6) / 7;
        assertEquals(nan, summary.rejected(RejectReason.VALUE_NOT_FINITE));
        assertEquals(nan, publisher.rejected(RejectReason.VALUE_NOT_FINITE));
        assertEquals(rows - nan, summary.eventsByType().get(MessageType.KPI_SAMPLE.label()));
        assertEquals(50, summary.eventsByType().get(MessageType.TOPOLOGY_UPDATE.label()), "each name announced once");
        assertEquals(1, summary.eventsByType().get(MessageType.METRIC_DEFINITION.label()));
        assertEquals(50, summary.elements());
        assertEquals(rows - nan + 51, feed.frames());
        assertEquals(nan, feed.rejected());
        assertEquals(summary.published(), summary.journaled());
        final Topology topology = engine.router().topology();
        final int cell = topology.indexOf(TextIdentities.elementIdForName("cell-7"));
        assertEquals("cell-7", topology.name(cell));
        assertTrue(progress.size() > 1);
        assertEquals(csv.length(), progress.get(progress.size() - 1)[0]);
    }

    @Test
    void shouldImportAsteriskCdrsAndRecogniseALineSentTwice()
    {
        final String line = "\"\",\"1002\",\"5559999\",\"from-internal\",\"\",\"PJSIP/bob-00000003\",,\"Dial\"," +
            "\"x\",\"2026-11-23 10:01:00\",,\"2026-11-23 10:01:30\",30,0,\"NO ANSWER\",\"DOCUMENTATION\"\n";
        final String answered = "\"\",\"1001\",\"555\",\"ctx\",\"\",\"PJSIP/bob-00000004\",,\"Dial\",\"x\"," +
            "\"2026-11-23 10:02:00\",\"2026-11-23 10:02:05\",\"2026-11-23 10:03:05\",65,60,\"ANSWERED\",\"\"\n";
        final Engine engine = Engine.builder().autoRegisterElements(true).build();
        try (engine)
        {
            final TextFeed feed = new TextFeed(engine.newPublisher("file:Master.csv"));
            feed.publish(new AsteriskCdrReader(new StringReader(line + answered + line),
                new TextFormatOptions().identities(new TextIdentities(true))), Progress.NONE, () -> 0, -1);
        }
        final EngineSummary summary = engine.summary();
        assertEquals(3, summary.eventsByType().get(MessageType.CALL_DETAIL_RECORD.label()));
        assertEquals(1, summary.rejected(RejectReason.DUPLICATE));
        assertEquals(2, engine.router().nodeEvents(0));
        assertNotEquals(Topology.MISSING, engine.router().topology().indexOf(
            TextIdentities.elementIdForName("PJSIP/bob")));
    }

    @Test
    void shouldStopWhenTheEngineCloses()
    {
        final Engine engine = Engine.builder().build();
        final EventPublisher publisher = engine.newPublisher("late");
        engine.close();
        final TextFeed feed = new TextFeed(publisher);
        final long records = feed.publish(new CsvEventReader(new StringReader(
            "type,eventTime,element,metric,value\nkpi,1795428000000,5,3,1\n"), new TextFormatOptions()),
            Progress.NONE, () -> 0, -1);
        assertEquals(-1, records);
        assertTrue(feed.isClosed());
        assertTrue(!feed.flush());
    }
}
