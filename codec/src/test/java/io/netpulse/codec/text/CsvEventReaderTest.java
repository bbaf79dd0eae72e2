/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.sbe.CallDetailRecordDecoder;
import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.Comparison;
import io.netpulse.codec.sbe.ConfigOp;
import io.netpulse.codec.sbe.FlowRecordDecoder;
import io.netpulse.codec.sbe.KpiSampleDecoder;
import io.netpulse.codec.sbe.MetricDefinitionDecoder;
import io.netpulse.codec.sbe.MetricKind;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.QosMeasurementDecoder;
import io.netpulse.codec.sbe.ServiceType;
import io.netpulse.codec.sbe.SlaKpi;
import io.netpulse.codec.sbe.SlaRuleUpdateDecoder;
import io.netpulse.codec.sbe.TopologyOp;
import io.netpulse.codec.sbe.TopologyUpdateDecoder;
import io.netpulse.codec.sbe.WindowSpecUpdateDecoder;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvEventReaderTest
{
    private static final long T = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();

    private static Collected read(final String text, final TextFormatOptions options)
    {
        return Collected.readAll(new CsvEventReader(new StringReader(text), options));
    }

    @Test
    void shouldReadKpiSamplesWithIdsAndNames()
    {
        final TextIdentities ids = new TextIdentities(true).knownElement("cell-0001", 1_000_001);
        final Collected out = read(
            "Type,event_time,Element,metric,value,quality\n" +
            "kpi,2026-11-23T10:00:00Z,cell-0001,prb_utilisation,71.5,\n" +
            "kpi,1795428000000,77,3,0.25,4\n" +
            "kpi,1795428000000,new-cell,prb_utilisation,1,\n",
            new TextFormatOptions().identities(ids));
        assertEquals(0, out.rejections.size(), out.rejections.toString());
        assertEquals(5, out.frames.size());

        assertEquals(MessageType.METRIC_DEFINITION, out.type(0));
        final MetricDefinitionDecoder definition = out.body(0, new MetricDefinitionDecoder()::wrap);
        assertEquals(TextIdentities.metricIdForName("prb_utilisation"), definition.metricId());
        assertEquals(MetricKind.GAUGE, definition.kind());
        assertEquals("prb_utilisation", definition.name());

        final KpiSampleDecoder first = out.body(1, new KpiSampleDecoder()::wrap);
        assertEquals(T, first.eventTimeMs());
        assertEquals(1_000_001, first.elementId());
        assertEquals(TextIdentities.metricIdForName("prb_utilisation"), first.metricId());
        assertEquals(71.5, first.value());
        assertEquals(0, first.quality().getRaw());

        final KpiSampleDecoder second = out.body(2, new KpiSampleDecoder()::wrap);
        assertEquals(1_795_428_000_000L, second.eventTimeMs());
        assertEquals(77, second.elementId());
        assertEquals(3, second.metricId());
        assertEquals(4, second.quality().getRaw());

        assertEquals(MessageType.TOPOLOGY_UPDATE, out.type(3));
        final TopologyUpdateDecoder announced = out.body(3, new TopologyUpdateDecoder()::wrap);
        assertEquals(TextIdentities.elementIdForName("new-cell"), announced.elementId());
        assertEquals(0, announced.parentId());
        assertEquals(NodeLevel.ELEMENT, announced.level());
        assertEquals(TopologyOp.ADD, announced.op());
        assertEquals("new-cell", announced.name());
        assertEquals(MessageType.KPI_SAMPLE, out.type(4));
    }

    @Test
    void shouldReadEveryTypeFromOneMixedFile()
    {
        final String[] header = {"type", "eventTime", "element", "cdrId", "result", "serviceType", "setupMs",
            "durationMs", "mos", "caller", "callee", "srcAddress", "dstAddress", "srcPort", "dstPort", "protocol",
            "bytes", "packets", "latencyUs", "jitterUs", "lossPpm", "throughputKbps", "level", "parent", "name",
            "equipmentClass", "vendor", "op", "ruleId", "kpi", "comparison", "threshold", "periodMs", "scope",
            "scopeLevel", "resolutionMs", "bucketCount", "allowedLatenessMs", "metric", "kind", "unit"};
        final String csv = String.join(",", header) + "\n" +
            row(header, "type=cdr", "eventTime=1795428000000", "element=5", "cdrId=a81f-22", "result=dropped",
                "serviceType=voice", "setupMs=1200", "durationMs=41000", "mos=3.85", "caller=+4930123",
                "callee=+4930456") +
            row(header, "type=flow", "eventTime=1795428000000", "element=5", "durationMs=2000", "srcAddress=10.0.0.1",
                "dstAddress=2001:db8::1", "srcPort=5060", "dstPort=443", "protocol=udp", "bytes=1500", "packets=3") +
            row(header, "type=qos", "eventTime=1795428000000", "element=5", "serviceType=video", "latencyUs=1500",
                "jitterUs=200", "lossPpm=1200", "throughputKbps=50000") +
            row(header, "type=topology", "element=5", "level=element", "parent=300", "name=Cell Five",
                "equipmentClass=gnodeb", "vendor=nokia", "op=move") +
            row(header, "type=sla_rule", "serviceType=data", "name=drops", "ruleId=9", "kpi=call_drop_rate",
                "comparison=above", "threshold=0.02", "periodMs=3600000", "scope=300", "scopeLevel=region") +
            row(header, "type=window_spec", "resolutionMs=60000", "bucketCount=60", "allowedLatenessMs=5000",
                "metric=*") +
            row(header, "type=metric", "name=CPU load", "metric=cpu", "kind=ratio", "unit=%");
        final Collected out = read(csv, new TextFormatOptions());
        assertEquals(0, out.rejections.size(), out.rejections.toString());
        assertEquals(7, out.frames.size());

        final CallDetailRecordDecoder cdr = out.body(0, new CallDetailRecordDecoder()::wrap);
        assertEquals(TextIdentities.nameHash("a81f-22"), cdr.cdrId());
        assertEquals(5, cdr.elementId());
        assertEquals(CallResult.DROPPED, cdr.result());
        assertEquals(ServiceType.VOICE, cdr.serviceType());
        assertEquals(16, cdr.releaseCause());
        assertEquals(1200, cdr.setupMs());
        assertEquals(41000, cdr.durationMs());
        assertEquals(385, cdr.mosX100());
        assertEquals(TextIdentities.nameHash("+4930123"), cdr.callerHash());
        assertEquals(TextIdentities.nameHash("+4930456"), cdr.calleeHash());

        final FlowRecordDecoder flow = out.body(1, new FlowRecordDecoder()::wrap);
        assertEquals(5060, flow.srcPort());
        assertEquals(443, flow.dstPort());
        assertEquals(17, flow.protocol());
        assertEquals(1500, flow.bytes());
        assertEquals(3, flow.packets());
        assertEquals(2000, flow.durationMs());
        assertEquals(0xFF, flow.srcAddress(10));
        assertEquals(10, flow.srcAddress(12));
        assertEquals(0x20, flow.dstAddress(0));
        assertEquals(1, flow.dstAddress(15));

        final QosMeasurementDecoder qos = out.body(2, new QosMeasurementDecoder()::wrap);
        assertEquals(ServiceType.VIDEO, qos.serviceType());
        assertEquals(1500, qos.latencyUs());
        assertEquals(200, qos.jitterUs());
        assertEquals(1200, qos.lossPpm());
        assertEquals(50000, qos.throughputKbps());

        final TopologyUpdateDecoder topology = out.body(3, new TopologyUpdateDecoder()::wrap);
        assertEquals(0, topology.eventTimeMs());
        assertEquals(5, topology.elementId());
        assertEquals(300, topology.parentId());
        assertEquals(NodeLevel.ELEMENT, topology.level());
        assertEquals(TopologyOp.MOVE, topology.op());
        assertEquals("Cell Five", topology.name());
        assertEquals("gnodeb", topology.equipmentClass());
        assertEquals("nokia", topology.vendor());

        final SlaRuleUpdateDecoder rule = out.body(4, new SlaRuleUpdateDecoder()::wrap);
        assertEquals(9, rule.ruleId());
        assertEquals(ConfigOp.PUT, rule.op());
        assertEquals(ServiceType.DATA, rule.serviceType());
        assertEquals(SlaKpi.CALL_DROP_RATE, rule.kpi());
        assertEquals(NodeLevel.REGION, rule.scopeLevel());
        assertEquals(300, rule.scopeId());
        assertEquals(Comparison.ABOVE, rule.comparison());
        assertEquals(0.02, rule.threshold());
        assertEquals(3_600_000, rule.periodMs());
        assertEquals("drops", rule.name());

        final WindowSpecUpdateDecoder window = out.body(5, new WindowSpecUpdateDecoder()::wrap);
        assertEquals(-1, window.metricId());
        assertEquals(60000, window.resolutionMs());
        assertEquals(60, window.bucketCount());
        assertEquals(5000, window.allowedLatenessMs());

        final MetricDefinitionDecoder metric = out.body(6, new MetricDefinitionDecoder()::wrap);
        assertEquals(TextIdentities.metricIdForName("cpu"), metric.metricId());
        assertEquals(MetricKind.RATIO, metric.kind());
        assertEquals("CPU load", metric.name());
        assertEquals("%", metric.unit());
    }

    private static String row(final String[] header, final String... values)
    {
        final String[] cells = new String[header.length];
        java.util.Arrays.fill(cells, "");
        for (final String value : values)
        {
            final int equals = value.indexOf('=');
            cells[java.util.Arrays.asList(header).indexOf(value.substring(0, equals))] = value.substring(equals + 1);
        }
        return String.join(",", cells) + "\n";
    }

    @Test
    void shouldTakeTheTypeFromTheOptionsAndNameTopologyNodesForLaterRecords()
    {
        final TextIdentities ids = new TextIdentities(true);
        final TextFormatOptions options = new TextFormatOptions().identities(ids).type(MessageType.TOPOLOGY_UPDATE);
        final Collected nodes = read("element,parent,level,class,vendor\nsite-a,,site,,\ncell-a,site-a,element,enb," +
            "ericsson\n", options);
        assertEquals(0, nodes.rejections.size(), nodes.rejections.toString());
        assertEquals(2, nodes.frames.size());
        final TopologyUpdateDecoder cell = nodes.body(1, new TopologyUpdateDecoder()::wrap);
        assertEquals(TextIdentities.elementIdForName("cell-a"), cell.elementId());
        assertEquals(TextIdentities.elementIdForName("site-a"), cell.parentId());
        assertEquals("cell-a", cell.name());
        assertEquals("enb", cell.equipmentClass());

        final Collected samples = read("element,metric,value,time\ncell-a,7,1.5,1795428000000\n",
            new TextFormatOptions().identities(ids).type(MessageType.KPI_SAMPLE));
        assertEquals(1, samples.frames.size(), "a node a topology record described is not announced again");
    }

    private static void assertRejected(
        final String header, final String line, final RejectReason reason, final int column, final String message)
    {
        final Collected out = read(header + "\n" + line + "\n", new TextFormatOptions());
        assertEquals(1, out.rejections.size(), line + " gave " + out.frames.size() + " frames");
        final Collected.Rejection rejection = out.rejections.get(0);
        assertEquals(reason, rejection.reason(), line + ": " + rejection);
        assertEquals(2, rejection.line());
        assertEquals(column, rejection.column(), line + ": " + rejection);
        assertTrue(rejection.message().contains(message), line + ": " + rejection);
        assertEquals("csv", rejection.format());
        assertEquals(header, rejection.context());
        assertEquals(line, rejection.record());
    }

    @Test
    void shouldRefuseBadRecordsWithSpecificReasonsLinesAndColumns()
    {
        final String kpi = "type,eventTime,element,metric,value";
        assertRejected(kpi, "kpi,1795428000000,5,3,abc", RejectReason.MALFORMED_RECORD, 23, "value");
        assertRejected(kpi, "kpi,1795428000000,5,3,NaN", RejectReason.VALUE_NOT_FINITE, 0, "NaN");
        assertRejected(kpi, "kpi,1795428000000,5,3,", RejectReason.MALFORMED_RECORD, 23, "missing value");
        assertRejected(kpi, "kpi,1795428000000,,3,1", RejectReason.MALFORMED_RECORD, 19, "missing element");
        assertRejected(kpi, "kpi,1795428000000,0,3,1", RejectReason.VALUE_OUT_OF_RANGE, 19, "network root");
        assertRejected(kpi, "kpi,1795428000000,5,-3,1", RejectReason.VALUE_OUT_OF_RANGE, 21, "metric");
        assertRejected(kpi, "kpi,5,5,3,1", RejectReason.TIMESTAMP_OUT_OF_RANGE, 0, "event time");
        assertRejected(kpi, "kpi,-9223372036854775808,5,3,1", RejectReason.TIMESTAMP_OUT_OF_RANGE, 5, "out of range");
        assertRejected(kpi, "kpi,yesterday,5,3,1", RejectReason.MALFORMED_RECORD, 5, "eventTime");
        assertRejected(kpi, "kpi,1,2", RejectReason.MALFORMED_RECORD, 0, "3 fields, the header 5");
        assertRejected(kpi, "alert,1795428000000,5,3,1", RejectReason.MALFORMED_RECORD, 1, "not an input");
        assertRejected(kpi, ",1795428000000,5,3,1", RejectReason.MALFORMED_RECORD, 1, "missing type");
        assertRejected(kpi, "kpi,1795428000000,5,\"3\"x,1", RejectReason.MALFORMED_RECORD, 24, "closing quote");
        assertRejected(kpi, "kpi,1795428000000,5," + "m".repeat(130) + ",1", RejectReason.VALUE_OUT_OF_RANGE, 21,
            "longer than 128");

        final String cdr = "type,eventTime,element,cdrId,result,durationMs,mosX100,releaseCause,callerHash,bytesUp";
        assertRejected(cdr, "cdr,1795428000000,5,1,lost,,,,,", RejectReason.ENUM_OUT_OF_RANGE, 23,
            "not one of answered, failed, dropped, busy, no_answer");
        assertRejected(cdr, "cdr,1795428000000,5,1,9,,,,,", RejectReason.ENUM_OUT_OF_RANGE, 23, "result");
        assertRejected(cdr, "cdr,1795428000000,5,1,answered,-5,,,,", RejectReason.NEGATIVE_VALUE, 0, "negative");
        assertRejected(cdr, "cdr,1795428000000,5,1,answered,9999999999,,,,", RejectReason.VALUE_OUT_OF_RANGE, 32,
            "durationMs");
        assertRejected(cdr, "cdr,1795428000000,5,1,answered,,600,,,", RejectReason.VALUE_OUT_OF_RANGE, 0, "range");
        assertRejected(cdr, "cdr,1795428000000,5,1,answered,,,70000,,", RejectReason.VALUE_OUT_OF_RANGE, 34,
            "releaseCause");
        assertRejected(cdr, "cdr,1795428000000,5,,answered,,,,,", RejectReason.MALFORMED_RECORD, 21, "cdrId");
        assertRejected(cdr, "cdr,1795428000000,5,1,answered,,,,x,", RejectReason.MALFORMED_RECORD, 35, "callerHash");
        assertRejected(cdr, "cdr,1795428000000,5,1,answered,,,,,1.5", RejectReason.MALFORMED_RECORD, 36, "bytesUp");
        assertRejected("type,eventTime,element,cdrId,result,mos", "cdr,1795428000000,5,1,answered,7",
            RejectReason.VALUE_OUT_OF_RANGE, 32, "mos must be");
        assertRejected("type,eventTime,element,cdrId,result,mos", "cdr,1795428000000,5,1,answered,good",
            RejectReason.MALFORMED_RECORD, 32, "mos");

        final String flow = "type,eventTime,element,srcAddress,dstAddress,bytes,protocol,srcPort,dscp";
        assertRejected(flow, "flow,1795428000000,5,10.0.0.1,10.0.0.2,-1,,,", RejectReason.NEGATIVE_VALUE, 0, "");
        assertRejected(flow, "flow,1795428000000,5,10.0.0.300,10.0.0.2,1,,,", RejectReason.MALFORMED_RECORD, 22,
            "srcAddress");
        assertRejected(flow, "flow,1795428000000,5,10.0.0.1,,1,,,", RejectReason.MALFORMED_RECORD, 31, "dstAddress");
        assertRejected(flow, "flow,1795428000000,5,10.0.0.1,10.0.0.2,,,,", RejectReason.MALFORMED_RECORD, 40, "bytes");
        assertRejected(flow, "flow,1795428000000,5,10.0.0.1,10.0.0.2,1,quic,,", RejectReason.ENUM_OUT_OF_RANGE, 42,
            "protocol");
        assertRejected(flow, "flow,1795428000000,5,10.0.0.1,10.0.0.2,1,,70000,", RejectReason.VALUE_OUT_OF_RANGE,
            43, "srcPort");
        assertRejected(flow, "flow,1795428000000,5,10.0.0.1,10.0.0.2,1,300,,", RejectReason.VALUE_OUT_OF_RANGE,
            42, "protocol");
        assertRejected(flow, "flow,1795428000000,5,10.0.0.1,10.0.0.2,1,,,64", RejectReason.VALUE_OUT_OF_RANGE,
            44, "dscp");

        final String qos = "type,eventTime,element,serviceType,lossPpm,latencyUs";
        assertRejected(qos, "qos,1795428000000,5,data,2000000,", RejectReason.VALUE_OUT_OF_RANGE, 0, "range");
        assertRejected(qos, "qos,1795428000000,5,fax,,", RejectReason.ENUM_OUT_OF_RANGE, 21, "serviceType");
        assertRejected(qos, "qos,1795428000000,5,data,,-1", RejectReason.NEGATIVE_VALUE, 0, "negative");

        assertRejected("type,element,level,op", "topology,5,galaxy,", RejectReason.ENUM_OUT_OF_RANGE, 12, "level");
        assertRejected("type,element,level,op", "topology,5,,", RejectReason.MALFORMED_RECORD, 12, "missing level");
        assertRejected("type,element,level,op", "topology,5,site,shred", RejectReason.ENUM_OUT_OF_RANGE, 17, "op");
        assertRejected("type,element,level,vendor", "topology,5,site," + "v".repeat(200),
            RejectReason.VALUE_OUT_OF_RANGE, 17, "vendor");
        assertRejected("type,element,level,parent", "topology,5,site,5", RejectReason.VALUE_OUT_OF_RANGE, 0, "range");

        final String rule = "type,ruleId,kpi,comparison,threshold,periodMs";
        assertRejected(rule, "sla_rule,1,mos,,3.5,60000", RejectReason.MALFORMED_RECORD, 16, "missing comparison");
        assertRejected(rule, "sla_rule,1,mos,below,x,60000", RejectReason.MALFORMED_RECORD, 22, "threshold");
        assertRejected(rule, "sla_rule,1,mos,below,3.5,0", RejectReason.VALUE_OUT_OF_RANGE, 0, "range");
        assertRejected(rule, "sla_rule,1,mos,below,3.5,", RejectReason.MALFORMED_RECORD, 26, "periodMs");
        assertRejected(rule, "sla_rule,,mos,below,3.5,1", RejectReason.MALFORMED_RECORD, 10, "ruleId");
        assertRejected(rule, "sla_rule,1,happiness,below,3.5,1", RejectReason.ENUM_OUT_OF_RANGE, 12, "kpi");

        final String window = "type,metric,resolutionMs,bucketCount";
        assertRejected(window, "window_spec,,1000,0", RejectReason.VALUE_OUT_OF_RANGE, 0, "range");
        assertRejected(window, "window_spec,,1000,", RejectReason.MALFORMED_RECORD, 19, "bucketCount");
        assertRejected(window, "window_spec,-5,1000,10", RejectReason.VALUE_OUT_OF_RANGE, 13, "metric");

        assertRejected("type,metric,kind", "metric,,gauge", RejectReason.MALFORMED_RECORD, 8, "missing metric");
        assertRejected("type,metric,kind", "metric,cpu,speed", RejectReason.ENUM_OUT_OF_RANGE, 12, "kind");
    }

    @Test
    void shouldRefuseEveryRecordUnderAnUnusableHeader()
    {
        final Collected noHeader = read("1795428000000,5,3,1.0\n1795428000000,5,3,2.0\n",
            new TextFormatOptions().type(MessageType.KPI_SAMPLE));
        assertEquals(1, noHeader.rejections.size());
        assertTrue(noHeader.rejections.get(0).message().contains("names no known field"));

        final Collected noType = read("eventTime,element,metric,value\n1795428000000,5,3,1.0\n",
            new TextFormatOptions());
        assertTrue(noType.rejections.get(0).message().contains("no type column"));

        final Collected twice = read("type,element,elementId\nkpi,1,2\n", new TextFormatOptions());
        assertTrue(twice.rejections.get(0).message().contains("names element again"));

        final Collected badHeader = read("type,\"x\"y\nkpi,1\n", new TextFormatOptions());
        assertTrue(badHeader.rejections.get(0).message().contains("no usable header: line 1, column 9"),
            badHeader.rejections.get(0).message());

        final Collected empty = read("", new TextFormatOptions());
        assertEquals(0, empty.rejections.size() + empty.frames.size());
    }

    @Test
    void shouldCountRecordsAndRejections()
    {
        final CsvEventReader reader = new CsvEventReader(new StringReader(
            "type,eventTime,element,metric,value\nkpi,1795428000000,5,3,1\nkpi,x,5,3,1\n"), new TextFormatOptions());
        final Collected out = new Collected();
        while (reader.next(out))
        {
            assertNull(null);
        }
        assertEquals(2, reader.records());
        assertEquals(1, reader.rejected());
        assertEquals("type,eventTime,element,metric,value", reader.header());
        assertTrue(reader.charsRead() > 60);
    }

    @Test
    void shouldCheckItsOptions()
    {
        assertThrows(IllegalArgumentException.class, () -> new TextFormatOptions().type(MessageType.ALERT));
        assertThrows(IllegalArgumentException.class, () -> new TextFormatOptions().maxRecordChars(3));
        assertThrows(IllegalArgumentException.class, () -> new TextFormatOptions().eventTimeRange(5, 5));
        assertEquals(MessageType.SLA_RULE_UPDATE, TextFormatOptions.messageType("SLA-Rule"));
        assertEquals(MessageType.KPI_SAMPLE, TextFormatOptions.messageType("kpi_sample"));
        assertNull(TextFormatOptions.messageType("alert"));
        assertEquals(TextFormat.ASTERISK_CDR, TextFormat.of("asterisk-cdr"));
        assertNull(TextFormat.of("xml"));
    }
}
