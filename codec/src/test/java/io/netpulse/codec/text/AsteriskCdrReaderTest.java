/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.sbe.CallDetailRecordDecoder;
import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.ServiceType;
import io.netpulse.codec.sbe.TopologyUpdateDecoder;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AsteriskCdrReaderTest
{
    /**
     * Lines as cdr_csv writes them: strings quoted, numbers bare, an empty unquoted answer for an unanswered call;
     * a caller id with a quoted name and a comma, lastdata with commas and doubled quotes.
     */
    private static final String MASTER_CSV =
        "\"\",\"1001\",\"5551234\",\"from-internal\",\"\"\"Alice, Sales\"\" <1001>\",\"SIP/alice-0000001a\"," +
        "\"SIP/trunk-provider-0000001b\",\"Dial\",\"SIP/trunk-provider/5551234,60,tTr\",\"2026-11-23 10:00:00\"," +
        "\"2026-11-23 10:00:07\",\"2026-11-23 10:05:07\",307,300,\"ANSWERED\",\"DOCUMENTATION\"," +
        "\"1795428000.26\",\"\"\n" +
        "\"acct\",\"1002\",\"5559999\",\"from-internal\",\"\"\"Bob\"\" <1002>\",\"PJSIP/bob-00000003\",," +
        "\"Dial\",\"PJSIP/5559999@trunk,30\",\"2026-11-23 10:01:00\",,\"2026-11-23 10:01:30\",30,0," +
        "\"NO ANSWER\",\"DOCUMENTATION\"\n" +
        "\"\",\"1003\",\"200\",\"from-internal\",\"\",\"Local/200@from-internal-00000004;1\",\"SIP/200-0005\"," +
        "\"Queue\",\"support,t,,\"\"greeting\"\"\",\"2026-11-23 10:02:00\",,\"2026-11-23 10:02:01\",1,0,\"BUSY\"," +
        "\"DOCUMENTATION\"\n" +
        "\"\",\"1004\",\"112\",\"from-internal\",\"\",\"DAHDI/1-1\",\"\",\"Dial\",\"\",\"2026-11-23 10:03:00\",," +
        "\"2026-11-23 10:03:02\",2,0,\"CONGESTION\",\"DOCUMENTATION\"\n" +
        "\"\",\"1005\",\"113\",\"from-internal\",\"\",\"IAX2/peer\",\"\",\"Dial\",\"\",\"2026-11-23 10:04:00\",," +
        "\"2026-11-23 10:04:02\",2,0,\"FAILED\",\"DOCUMENTATION\"\n";

    private static long utc(final String time)
    {
        return Instant.parse(time).toEpochMilli();
    }

    @Test
    void shouldImportMasterCsvExactly()
    {
        final TextIdentities ids = new TextIdentities(false).knownElement("SIP/alice", 501);
        final Collected out = Collected.readAll(new AsteriskCdrReader(new StringReader(MASTER_CSV),
            new TextFormatOptions().identities(ids)));
        assertEquals(0, out.rejections.size(), out.rejections.toString());
        assertEquals(5, out.frames.size());

        final CallDetailRecordDecoder answered = out.body(0, new CallDetailRecordDecoder()::wrap);
        assertEquals(utc("2026-11-23T10:00:00Z"), answered.eventTimeMs());
        assertEquals(501, answered.elementId());
        assertEquals(CallResult.ANSWERED, answered.result());
        assertEquals(16, answered.releaseCause());
        assertEquals(ServiceType.VOICE, answered.serviceType());
        assertEquals(7000, answered.setupMs());
        assertEquals(300_000, answered.durationMs());
        assertEquals(TextIdentities.nameHash("1795428000.26"), answered.cdrId());
        assertEquals(TextIdentities.nameHash("1001"), answered.callerHash());
        assertEquals(TextIdentities.nameHash("5551234"), answered.calleeHash());
        assertEquals(0, answered.mosX100());

        final CallDetailRecordDecoder unanswered = out.body(1, new CallDetailRecordDecoder()::wrap);
        assertEquals(TextIdentities.elementIdForName("PJSIP/bob"), unanswered.elementId());
        assertEquals(CallResult.NO_ANSWER, unanswered.result());
        assertEquals(19, unanswered.releaseCause());
        assertEquals(0, unanswered.setupMs());
        assertEquals(0, unanswered.durationMs());

        final CallDetailRecordDecoder busy = out.body(2, new CallDetailRecordDecoder()::wrap);
        assertEquals(TextIdentities.elementIdForName("Local/200@from-internal"), busy.elementId());
        assertEquals(CallResult.BUSY, busy.result());
        assertEquals(17, busy.releaseCause());

        final CallDetailRecordDecoder congestion = out.body(3, new CallDetailRecordDecoder()::wrap);
        assertEquals(TextIdentities.elementIdForName("DAHDI/1"), congestion.elementId());
        assertEquals(CallResult.FAILED, congestion.result());
        assertEquals(34, congestion.releaseCause());

        final CallDetailRecordDecoder failed = out.body(4, new CallDetailRecordDecoder()::wrap);
        assertEquals(TextIdentities.elementIdForName("IAX2/peer"), failed.elementId(), "no suffix: used whole");
        assertEquals(41, failed.releaseCause());
        assertNotEquals(unanswered.cdrId(), busy.cdrId());
    }

    @Test
    void shouldGiveALineWithoutUniqueidTheSameIdEachTime()
    {
        final String line = MASTER_CSV.split("\n")[1] + "\n";
        final Collected out = Collected.readAll(new AsteriskCdrReader(new StringReader(line + line),
            new TextFormatOptions()));
        assertEquals(2, out.frames.size());
        assertEquals(out.body(0, new CallDetailRecordDecoder()::wrap).cdrId(),
            out.body(1, new CallDetailRecordDecoder()::wrap).cdrId());
    }

    @Test
    void shouldUseTheDestinationChannelAZoneAndAnnounceNewElements()
    {
        final Collected out = Collected.readAll(new AsteriskCdrReader(new StringReader(MASTER_CSV.split("\n")[0]),
            new TextFormatOptions()
                .zone(ZoneId.of("Europe/Berlin"))
                .identities(new TextIdentities(true))
                .channelMapping(AsteriskChannelMapping.of("dstchannel", null))));
        assertEquals(2, out.frames.size());
        assertEquals(MessageType.TOPOLOGY_UPDATE, out.type(0));
        assertEquals("SIP/trunk-provider", out.body(0, new TopologyUpdateDecoder()::wrap).name());
        final CallDetailRecordDecoder cdr = out.body(1, new CallDetailRecordDecoder()::wrap);
        assertEquals(TextIdentities.elementIdForName("SIP/trunk-provider"), cdr.elementId());
        assertEquals(utc("2026-11-23T09:00:00Z"), cdr.eventTimeMs());
    }

    @Test
    void shouldMapChannelsWithACustomPattern()
    {
        final Collected out = Collected.readAll(new AsteriskCdrReader(new StringReader(MASTER_CSV.split("\n")[0]),
            new TextFormatOptions().channelMapping(AsteriskChannelMapping.of("channel", "^([A-Z]+)/.*$"))));
        assertEquals(TextIdentities.elementIdForName("SIP"),
            out.body(0, new CallDetailRecordDecoder()::wrap).elementId());
        assertThrows(IllegalArgumentException.class, () -> AsteriskChannelMapping.of("src", null));
        assertThrows(IllegalArgumentException.class, () -> AsteriskChannelMapping.of("channel", "SIP/.*"));
    }

    private static Collected.Rejection rejectionOf(final String line)
    {
        final Collected out = Collected.readAll(new AsteriskCdrReader(new StringReader(line), new TextFormatOptions()));
        assertEquals(1, out.rejections.size(), line);
        assertEquals(0, out.frames.size());
        final Collected.Rejection rejection = out.rejections.get(0);
        assertEquals("asterisk-cdr", rejection.format());
        assertEquals(line, rejection.record());
        return rejection;
    }

    @Test
    void shouldRefuseBadLinesWithReasonsAndColumns()
    {
        final String good = MASTER_CSV.split("\n")[1];
        final Collected.Rejection fields = rejectionOf("\"a\",\"b\",3");
        assertEquals(RejectReason.MALFORMED_RECORD, fields.reason());
        assertTrue(fields.message().contains("at least 16 fields; this one has 3"));

        final Collected.Rejection disposition = rejectionOf(good.replace("NO ANSWER", "LOST"));
        assertEquals(RejectReason.ENUM_OUT_OF_RANGE, disposition.reason());
        assertEquals(good.indexOf("\"NO ANSWER\"") + 1, disposition.column());

        final Collected.Rejection start = rejectionOf(good.replace("\"2026-11-23 10:01:00\"", "\"soon\""));
        assertEquals(RejectReason.MALFORMED_RECORD, start.reason());
        assertTrue(start.message().startsWith("start:"), start.message());
        assertEquals(good.indexOf("\"2026-11-23 10:01:00\"") + 1, start.column());

        final Collected.Rejection emptyStart = rejectionOf(good.replace("\"2026-11-23 10:01:00\"", ""));
        assertEquals("start: empty", emptyStart.message());

        final Collected.Rejection answer = rejectionOf(
            good.replace(",,\"2026-11-23 10:01:30\"", ",\"x\",\"2026-11-23 10:01:30\""));
        assertTrue(answer.message().startsWith("answer:"), answer.message());

        final Collected.Rejection end = rejectionOf(good.replace("\"2026-11-23 10:01:30\"", "\"later\""));
        assertTrue(end.message().startsWith("end:"), end.message());

        final Collected.Rejection duration = rejectionOf(good.replace(",30,0,", ",-30,0,"));
        assertTrue(duration.message().startsWith("duration:"), duration.message());
        final Collected.Rejection billsec = rejectionOf(good.replace(",30,0,", ",30,x,"));
        assertTrue(billsec.message().startsWith("billsec:"), billsec.message());

        final Collected.Rejection channel = rejectionOf(good.replace("\"PJSIP/bob-00000003\"", "\"\""));
        assertTrue(channel.message().contains("empty channel"));

        final String answeredLine = MASTER_CSV.split("\n")[0];
        final Collected.Rejection early = rejectionOf(answeredLine.replace("\"2026-11-23 10:00:07\"",
            "\"2026-11-23 09:00:07\""));
        assertEquals(RejectReason.NEGATIVE_VALUE, early.reason());
        assertEquals("answer is before start", early.message());

        final Collected.Rejection ancient = rejectionOf(good.replace("\"2026-11-23 10:01:00\"",
            "\"1990-01-01 00:00:00\""));
        assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, ancient.reason());
        assertEquals(good.indexOf("\"2026-11-23 10:01:00\"") + 1, ancient.column());

        final Collected.Rejection quoting = rejectionOf("\"a\"b,\"x\"");
        assertEquals(RejectReason.MALFORMED_RECORD, quoting.reason());
        assertEquals(4, quoting.column());
    }
}
