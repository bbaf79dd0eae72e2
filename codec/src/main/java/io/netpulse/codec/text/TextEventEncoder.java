/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.EventValidator;
import io.netpulse.codec.FrameDecoder;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.Comparison;
import io.netpulse.codec.sbe.ConfigOp;
import io.netpulse.codec.sbe.MetricKind;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.ServiceType;
import io.netpulse.codec.sbe.SlaKpi;
import io.netpulse.codec.sbe.TopologyOp;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Locale;

/**
 * Encodes text records of every message type into frames, whatever the text format: field values are parsed
 * (numbers, times, addresses, enumerations by name or number, elements and metrics by id or name), the frame is
 * encoded and then checked exactly as the engine's edge checks binary input ({@link FrameDecoder} and
 * {@link EventValidator}), so a text record is refused for the same specific reason as the equivalent frame.
 * Names seen for the first time are announced by control frames before the record's own frame (see
 * {@link TextIdentities}).
 * <p>
 * The fields each type reads, by canonical name (see {@link TextField} for aliases); optional ones in brackets
 * with their default:
 * <pre>
 * kpi          eventTime element metric value [quality=0]
 * cdr          eventTime cdrId element result [serviceType=voice releaseCause=(by result) setupMs=0
 *              durationMs=0 mosX100|mos=0 bytesUp=0 bytesDown=0 callerHash|caller=0 calleeHash|callee=0]
 * flow         eventTime element srcAddress dstAddress bytes [srcPort=0 dstPort=0 protocol=0 dscp=0 packets=0
 *              durationMs=0]
 * qos          eventTime element [serviceType=data latencyUs=0 jitterUs=0 lossPpm=0 throughputKbps=0]
 * topology     element level [eventTime=0 parent=0 op=add expectedIntervalMs=0 name=(element) equipmentClass vendor]
 * sla_rule     ruleId kpi comparison threshold periodMs [eventTime=0 op=put serviceType=(all) scopeLevel=network
 *              scope=0 minSamples=0 metric=0 name]
 * window_spec  resolutionMs bucketCount [eventTime=0 metric=-1 op=put allowedLatenessMs=0]
 * metric       metric [eventTime=0 kind=gauge op=put name=(metric) unit]
 * </pre>
 * A missing required field or an unreadable value is {@link RejectReason#MALFORMED_RECORD}; a value outside
 * its field's type is {@link RejectReason#VALUE_OUT_OF_RANGE}; an unknown enumeration name is
 * {@link RejectReason#ENUM_OUT_OF_RANGE}. One instance per reader.
 */
public final class TextEventEncoder
{
    /** Longest name (UTF-8 bytes) a frame can carry. */
    public static final int MAX_NAME_BYTES = 128;

    private static final int MAX_UINT16 = 0xFFFF;
    // values() copies its array on every call: keep one copy of each
    private static final CallResult[] CALL_RESULTS = CallResult.values();
    private static final ServiceType[] SERVICE_TYPES = ServiceType.values();
    private static final NodeLevel[] NODE_LEVELS = NodeLevel.values();
    private static final TopologyOp[] TOPOLOGY_OPS = TopologyOp.values();
    private static final SlaKpi[] SLA_KPIS = SlaKpi.values();
    private static final Comparison[] COMPARISONS = Comparison.values();
    private static final ConfigOp[] CONFIG_OPS = ConfigOp.values();
    private static final MetricKind[] METRIC_KINDS = MetricKind.values();
    private static final int MAX_UINT8 = 0xFF;

    private final TextIdentities identities;
    private final TextValueParser parser;
    private final EventFrameEncoder encoder = new EventFrameEncoder();
    private final FrameDecoder frameDecoder = new FrameDecoder();
    private final EventValidator validator;
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);
    private final UnsafeBuffer control = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);

    private TextFieldSource fields;
    private CharSequence announceElement;
    private long announceElementId;
    private CharSequence announceMetric;
    private int announceMetricId;
    private RejectReason errorReason;
    private int errorColumn;
    private String errorMessage;

    /**
     * An encoder.
     *
     * @param identities     turns element and metric names into ids; shared by the imports of one engine.
     * @param parser         parses values (its zone reads local times).
     * @param minEventTimeMs earliest event time accepted, as the engine's edge has it.
     * @param maxEventTimeMs latest event time accepted (exclusive).
     */
    public TextEventEncoder(
        final TextIdentities identities,
        final TextValueParser parser,
        final long minEventTimeMs,
        final long maxEventTimeMs)
    {
        this.identities = identities;
        this.parser = parser;
        this.validator = new EventValidator(minEventTimeMs, maxEventTimeMs);
    }

    /**
     * Encodes one record; on success its frames (announcements first) go to the handler.
     *
     * @param type    of the record.
     * @param fields  of the record.
     * @param handler receives the frames.
     * @return null when encoded, otherwise the reason; see {@link #errorColumn()} and {@link #errorMessage()}.
     */
    public RejectReason encode(final MessageType type, final TextFieldSource fields, final TextEventHandler handler)
    {
        this.fields = fields;
        announceElement = null;
        announceMetric = null;
        errorReason = null;
        final int length;
        switch (type)
        {
            case KPI_SAMPLE:
                length = kpi();
                break;
            case CALL_DETAIL_RECORD:
                length = cdr();
                break;
            case FLOW_RECORD:
                length = flow();
                break;
            case QOS_MEASUREMENT:
                length = qos();
                break;
            case TOPOLOGY_UPDATE:
                length = topology();
                break;
            case SLA_RULE_UPDATE:
                length = slaRule();
                break;
            case WINDOW_SPEC_UPDATE:
                length = windowSpec();
                break;
            case METRIC_DEFINITION:
                length = metricDefinition();
                break;
            default:
                return error(RejectReason.UNKNOWN_TEMPLATE, 0, type.label() + " records are output, not input");
        }
        this.fields = null;
        return length < 0 ? errorReason : emit(length, handler);
    }

    /**
     * Encodes a call detail record whose values a format-specific reader has already parsed.
     *
     * @param eventTimeMs   call setup time.
     * @param cdrId         record id.
     * @param element       element as written (an id or a name).
     * @param elementColumn where the element was written, for errors.
     * @param serviceType   service.
     * @param result        how the call ended.
     * @param releaseCause  Q.850 cause.
     * @param setupMs       setup delay.
     * @param durationMs    duration.
     * @param mosX100       mean opinion score x 100, 0 for none.
     * @param bytesUp       uplink bytes.
     * @param bytesDown     downlink bytes.
     * @param callerHash    hashed caller.
     * @param calleeHash    hashed callee.
     * @param handler       receives the frames.
     * @return null when encoded, otherwise the reason.
     */
    public RejectReason callDetailRecord(
        final long eventTimeMs,
        final long cdrId,
        final CharSequence element,
        final int elementColumn,
        final ServiceType serviceType,
        final CallResult result,
        final int releaseCause,
        final int setupMs,
        final int durationMs,
        final int mosX100,
        final long bytesUp,
        final long bytesDown,
        final long callerHash,
        final long calleeHash,
        final TextEventHandler handler)
    {
        announceElement = null;
        announceMetric = null;
        errorReason = null;
        final long elementId = element(element, elementColumn, TextField.ELEMENT);
        if (elementId == 0)
        {
            return errorReason;
        }
        final int length = encoder.callDetailRecord(
            frame, 0, eventTimeMs, cdrId, elementId, serviceType, result, releaseCause, setupMs, durationMs, mosX100,
            bytesUp, bytesDown, callerHash, calleeHash);
        return emit(length, handler);
    }

    private RejectReason emit(final int length, final TextEventHandler handler)
    {
        if (frameDecoder.decode(frame, 0, length) != FrameDecoder.FRAME)
        {
            return error(frameDecoder.rejectReason(), 0, "the record does not fit a frame");
        }
        final RejectReason invalid = validator.validate(frame, 0, frameDecoder);
        if (null != invalid)
        {
            return error(invalid, 0, invalid.description());
        }
        if (null != announceElement)
        {
            final int controlLength = encoder.topologyUpdate(
                control, 0, 0, announceElementId, 0, NodeLevel.ELEMENT, TopologyOp.ADD, 0,
                announceElement.toString(), "", "");
            identities.elementAnnounced(announceElement);
            handler.onFrame(control, 0, controlLength);
        }
        if (null != announceMetric)
        {
            final int controlLength = encoder.metricDefinition(
                control, 0, 0, announceMetricId, MetricKind.GAUGE, ConfigOp.PUT, announceMetric.toString(), "");
            identities.metricAnnounced(announceMetric);
            handler.onFrame(control, 0, controlLength);
        }
        handler.onFrame(frame, 0, length);
        return null;
    }

    private int kpi()
    {
        final long time = time(TextField.EVENT_TIME, true, 0);
        final long element = time == Long.MIN_VALUE ? 0 : element(TextField.ELEMENT);
        final int metric = element == 0 ? -1 : metric(TextField.METRIC, true, 0);
        if (metric < 0 || !decimal(TextField.VALUE))
        {
            return -1;
        }
        final double value = parser.doubleValue();
        final long quality = integer(TextField.QUALITY, 0, MAX_UINT8, 0);
        if (quality == Long.MIN_VALUE)
        {
            return -1;
        }
        return encoder.kpiSample(frame, 0, time, element, metric, value, (int)quality);
    }

    private int cdr()
    {
        final long time = time(TextField.EVENT_TIME, true, 0);
        if (time == Long.MIN_VALUE)
        {
            return -1;
        }
        final long cdrId = recordId(TextField.CDR_ID);
        if (errorReason != null)
        {
            return -1;
        }
        final long element = element(TextField.ELEMENT);
        if (element == 0)
        {
            return -1;
        }
        final int result = enumeration(TextField.RESULT, true, -1, CALL_RESULTS);
        final int service = result < 0 ? -1 :
            enumeration(TextField.SERVICE_TYPE, false, ServiceType.VOICE.value(), SERVICE_TYPES);
        if (service < 0)
        {
            return -1;
        }
        final CallResult callResult = CallResult.get((short)result);
        final long cause = integer(TextField.RELEASE_CAUSE, 0, MAX_UINT16, defaultCause(callResult));
        final long setupMs = cause == Long.MIN_VALUE ? cause : integer(TextField.SETUP_MS, Integer.MIN_VALUE,
            Integer.MAX_VALUE, 0);
        final long durationMs = setupMs == Long.MIN_VALUE ? setupMs : integer(TextField.DURATION_MS,
            Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
        final long mos = durationMs == Long.MIN_VALUE ? durationMs : mos();
        final long bytesUp = mos == Long.MIN_VALUE ? mos : integer(TextField.BYTES_UP, Long.MIN_VALUE + 1,
            Long.MAX_VALUE, 0);
        final long bytesDown = bytesUp == Long.MIN_VALUE ? bytesUp : integer(TextField.BYTES_DOWN,
            Long.MIN_VALUE + 1, Long.MAX_VALUE, 0);
        if (bytesDown == Long.MIN_VALUE)
        {
            return -1;
        }
        final long caller = party(TextField.CALLER_HASH, TextField.CALLER);
        final long callee = errorReason != null ? 0 : party(TextField.CALLEE_HASH, TextField.CALLEE);
        if (errorReason != null)
        {
            return -1;
        }
        return encoder.callDetailRecord(
            frame, 0, time, cdrId, element, ServiceType.get((short)service), callResult, (int)cause, (int)setupMs,
            (int)durationMs, (int)mos, bytesUp, bytesDown, caller, callee);
    }

    /**
     * The Q.850 cause a CDR gets when none is written: normal clearing for answered and dropped calls, user busy,
     * no answer, and temporary failure.
     *
     * @param result of the call.
     * @return the cause.
     */
    public static int defaultCause(final CallResult result)
    {
        switch (result)
        {
            case BUSY:
                return 17;
            case NO_ANSWER:
                return 19;
            case FAILED:
                return 41;
            default:
                return 16;
        }
    }

    private long mos()
    {
        final CharSequence x100 = fields.value(TextField.MOS_X100);
        if (null != x100)
        {
            return integer(TextField.MOS_X100, 0, MAX_UINT16, 0);
        }
        if (null == fields.value(TextField.MOS))
        {
            return 0;
        }
        if (!decimal(TextField.MOS))
        {
            return Long.MIN_VALUE;
        }
        final double mos = parser.doubleValue();
        if (!(mos >= 0 && mos <= 5.0))
        {
            error(RejectReason.VALUE_OUT_OF_RANGE, fields.column(TextField.MOS), "mos must be 1.0 to 5.0 (or 0)");
            return Long.MIN_VALUE;
        }
        return Math.round(mos * 100);
    }

    private long party(final TextField hashField, final TextField numberField)
    {
        final CharSequence hash = fields.value(hashField);
        if (null != hash)
        {
            if (!parser.parseLong(hash))
            {
                error(RejectReason.MALFORMED_RECORD, fields.column(hashField),
                    hashField.fieldName() + ": " + parser.error());
                return 0;
            }
            return parser.longValue();
        }
        final CharSequence number = fields.value(numberField);
        return null == number ? 0 : TextIdentities.nameHash(number);
    }

    private int flow()
    {
        final long time = time(TextField.EVENT_TIME, true, 0);
        final long element = time == Long.MIN_VALUE ? 0 : element(TextField.ELEMENT);
        if (element == 0 || !address(TextField.SRC_ADDRESS))
        {
            return -1;
        }
        final long srcHi = parser.addressHigh();
        final long srcLo = parser.addressLow();
        if (!address(TextField.DST_ADDRESS))
        {
            return -1;
        }
        final long dstHi = parser.addressHigh();
        final long dstLo = parser.addressLow();
        final long bytes = requiredInteger(TextField.BYTES, Long.MIN_VALUE + 1, Long.MAX_VALUE);
        final long srcPort = bytes == Long.MIN_VALUE ? bytes : integer(TextField.SRC_PORT, 0, MAX_UINT16, 0);
        final long dstPort = srcPort == Long.MIN_VALUE ? srcPort : integer(TextField.DST_PORT, 0, MAX_UINT16, 0);
        final long protocol = dstPort == Long.MIN_VALUE ? dstPort : protocol();
        final long dscp = protocol == Long.MIN_VALUE ? protocol : integer(TextField.DSCP, 0, 63, 0);
        final long packets = dscp == Long.MIN_VALUE ? dscp : integer(TextField.PACKETS, Long.MIN_VALUE + 1,
            Long.MAX_VALUE, 0);
        final long durationMs = packets == Long.MIN_VALUE ? packets : integer(TextField.DURATION_MS,
            Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
        if (durationMs == Long.MIN_VALUE)
        {
            return -1;
        }
        return encoder.flowRecord(
            frame, 0, time, element, srcHi, srcLo, dstHi, dstLo, (int)srcPort, (int)dstPort, (int)protocol,
            (int)dscp, bytes, packets, (int)durationMs);
    }

    private long protocol()
    {
        final CharSequence text = fields.value(TextField.PROTOCOL);
        if (null == text || parser.parseLong(text))
        {
            return integer(TextField.PROTOCOL, 0, MAX_UINT8, 0);
        }
        final String[] names = {"icmp", "tcp", "udp", "gre", "esp", "ah", "icmpv6", "sctp"};
        final int[] numbers = {1, 6, 17, 47, 50, 51, 58, 132};
        for (int i = 0; i < names.length; i++)
        {
            if (equalsFolded(text, names[i]))
            {
                return numbers[i];
            }
        }
        error(RejectReason.ENUM_OUT_OF_RANGE, fields.column(TextField.PROTOCOL),
            "protocol: '" + text + "' is not a protocol number or one of icmp, tcp, udp, gre, esp, ah, icmpv6, sctp");
        return Long.MIN_VALUE;
    }

    private int qos()
    {
        final long time = time(TextField.EVENT_TIME, true, 0);
        final long element = time == Long.MIN_VALUE ? 0 : element(TextField.ELEMENT);
        final int service = element == 0 ? -1 :
            enumeration(TextField.SERVICE_TYPE, false, ServiceType.DATA.value(), SERVICE_TYPES);
        final long latency = service < 0 ? Long.MIN_VALUE :
            integer(TextField.LATENCY_US, Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
        final long jitter = latency == Long.MIN_VALUE ? latency :
            integer(TextField.JITTER_US, Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
        final long loss = jitter == Long.MIN_VALUE ? jitter :
            integer(TextField.LOSS_PPM, Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
        final long throughput = loss == Long.MIN_VALUE ? loss :
            integer(TextField.THROUGHPUT_KBPS, Long.MIN_VALUE + 1, Long.MAX_VALUE, 0);
        if (throughput == Long.MIN_VALUE)
        {
            return -1;
        }
        return encoder.qosMeasurement(
            frame, 0, time, element, ServiceType.get((short)service), (int)latency, (int)jitter, (int)loss,
            throughput);
    }

    private int topology()
    {
        final CharSequence elementText = fields.value(TextField.ELEMENT);
        final long element = element(TextField.ELEMENT);
        if (element == 0)
        {
            return -1;
        }
        final int level = enumeration(TextField.LEVEL, true, -1, NODE_LEVELS);
        final int op = level < 0 ? -1 : enumeration(TextField.OP, false, TopologyOp.ADD.value(), TOPOLOGY_OPS);
        final long time = op < 0 ? Long.MIN_VALUE : time(TextField.EVENT_TIME, false, 0);
        if (time == Long.MIN_VALUE)
        {
            return -1;
        }
        final CharSequence parentText = fields.value(TextField.PARENT);
        final long parent = null == parentText ? 0 : identities.elementId(parentText);
        final long interval = integer(TextField.EXPECTED_INTERVAL_MS, Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
        final CharSequence nameText = fields.value(TextField.NAME);
        final String name = text(TextField.NAME, null != nameText ? nameText :
            identities.isNumeric(elementText) ? "" : elementText);
        final String equipmentClass = null == name ? null : text(TextField.EQUIPMENT_CLASS, null);
        final String vendor = null == equipmentClass ? null : text(TextField.VENDOR, null);
        if (interval == Long.MIN_VALUE || null == vendor)
        {
            return -1;
        }
        // a topology record describes the node itself: no announcement, and none later
        announceElement = null;
        if (!identities.isNumeric(elementText))
        {
            identities.elementAnnounced(elementText);
        }
        return encoder.topologyUpdate(
            frame, 0, time, element, parent, NodeLevel.get((short)level), TopologyOp.get((short)op), (int)interval,
            name, equipmentClass, vendor);
    }

    private int slaRule()
    {
        final long ruleId = requiredInteger(TextField.RULE_ID, Long.MIN_VALUE + 1, Long.MAX_VALUE);
        final int kpi = ruleId == Long.MIN_VALUE ? -1 : enumeration(TextField.KPI, true, -1, SLA_KPIS);
        final int comparison = kpi < 0 ? -1 :
            enumeration(TextField.COMPARISON, true, -1, COMPARISONS);
        if (comparison < 0 || !decimal(TextField.THRESHOLD))
        {
            return -1;
        }
        final double threshold = parser.doubleValue();
        final long periodMs = requiredInteger(TextField.PERIOD_MS, Long.MIN_VALUE + 1, Long.MAX_VALUE);
        final int op = periodMs == Long.MIN_VALUE ? -1 :
            enumeration(TextField.OP, false, ConfigOp.PUT.value(), CONFIG_OPS);
        final int service = op < 0 ? -1 :
            enumeration(TextField.SERVICE_TYPE, false, ServiceType.NULL_VAL.value(), SERVICE_TYPES);
        final int scopeLevel = service < 0 ? -1 :
            enumeration(TextField.SCOPE_LEVEL, false, NodeLevel.NETWORK.value(), NODE_LEVELS);
        final long time = scopeLevel < 0 ? Long.MIN_VALUE : time(TextField.EVENT_TIME, false, 0);
        final long minSamples = time == Long.MIN_VALUE ? time :
            integer(TextField.MIN_SAMPLES, Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
        if (minSamples == Long.MIN_VALUE)
        {
            return -1;
        }
        final CharSequence scopeText = fields.value(TextField.SCOPE);
        final long scope = null == scopeText ? 0 : identities.elementId(scopeText);
        final int metric = metric(TextField.METRIC, false, 0);
        final String name = metric < 0 ? null : text(TextField.NAME, null);
        if (null == name)
        {
            return -1;
        }
        return encoder.slaRuleUpdate(
            frame, 0, time, ruleId, ConfigOp.get((short)op), ServiceType.get((short)service),
            SlaKpi.get((short)kpi), NodeLevel.get((short)scopeLevel), scope, Comparison.get((short)comparison),
            threshold, periodMs, (int)minSamples, metric, name);
    }

    private int windowSpec()
    {
        final long resolution = requiredInteger(TextField.RESOLUTION_MS, Long.MIN_VALUE + 1, Long.MAX_VALUE);
        final long buckets = resolution == Long.MIN_VALUE ? resolution :
            requiredInteger(TextField.BUCKET_COUNT, Integer.MIN_VALUE, Integer.MAX_VALUE);
        final int op = buckets == Long.MIN_VALUE ? -1 :
            enumeration(TextField.OP, false, ConfigOp.PUT.value(), CONFIG_OPS);
        final long time = op < 0 ? Long.MIN_VALUE : time(TextField.EVENT_TIME, false, 0);
        final long lateness = time == Long.MIN_VALUE ? time :
            integer(TextField.ALLOWED_LATENESS_MS, Long.MIN_VALUE + 1, Long.MAX_VALUE, 0);
        if (lateness == Long.MIN_VALUE)
        {
            return -1;
        }
        final CharSequence metricText = fields.value(TextField.METRIC);
        final int metric;
        if (null == metricText || equalsFolded(metricText, "*") || equalsFolded(metricText, "-1"))
        {
            metric = -1;
        }
        else
        {
            metric = metric(TextField.METRIC, true, 0);
            if (metric < 0)
            {
                return -1;
            }
        }
        return encoder.windowSpecUpdate(
            frame, 0, time, metric, ConfigOp.get((short)op), resolution, (int)buckets, lateness);
    }

    private int metricDefinition()
    {
        final CharSequence metricText = fields.value(TextField.METRIC);
        final int metric = metric(TextField.METRIC, true, 0);
        if (metric < 0)
        {
            return -1;
        }
        announceMetric = null;
        final int kind = enumeration(TextField.KIND, false, MetricKind.GAUGE.value(), METRIC_KINDS);
        final int op = kind < 0 ? -1 : enumeration(TextField.OP, false, ConfigOp.PUT.value(), CONFIG_OPS);
        final long time = op < 0 ? Long.MIN_VALUE : time(TextField.EVENT_TIME, false, 0);
        if (time == Long.MIN_VALUE)
        {
            return -1;
        }
        final CharSequence nameText = fields.value(TextField.NAME);
        final String name = text(TextField.NAME, null != nameText ? nameText :
            identities.isNumeric(metricText) ? "" : metricText);
        final String unit = null == name ? null : text(TextField.UNIT, null);
        if (null == unit)
        {
            return -1;
        }
        if (!identities.isNumeric(metricText))
        {
            identities.metricAnnounced(metricText);
        }
        return encoder.metricDefinition(
            frame, 0, time, metric, MetricKind.get((short)kind), ConfigOp.get((short)op), name, unit);
    }

    private long element(final TextField field)
    {
        return element(fields.value(field), fields.column(field), field);
    }

    private long element(final CharSequence text, final int column, final TextField field)
    {
        if (null == text)
        {
            error(RejectReason.MALFORMED_RECORD, column, "missing " + field.fieldName());
            return 0;
        }
        final long id = identities.elementId(text);
        if (id == 0)
        {
            error(RejectReason.VALUE_OUT_OF_RANGE, column, field.fieldName() + ": id 0 is the network root");
            return 0;
        }
        if (identities.lastElementIsNew())
        {
            if (utf8Length(text) > MAX_NAME_BYTES)
            {
                error(RejectReason.VALUE_OUT_OF_RANGE, column,
                    field.fieldName() + ": name longer than " + MAX_NAME_BYTES + " bytes");
                return 0;
            }
            announceElement = text;
            announceElementId = id;
        }
        return id;
    }

    private int metric(final TextField field, final boolean required, final int defaultValue)
    {
        final CharSequence text = fields.value(field);
        if (null == text)
        {
            if (required)
            {
                error(RejectReason.MALFORMED_RECORD, fields.column(field), "missing " + field.fieldName());
                return -1;
            }
            return defaultValue;
        }
        final int id = identities.metricId(text);
        if (id < 0)
        {
            error(RejectReason.VALUE_OUT_OF_RANGE, fields.column(field),
                field.fieldName() + ": '" + text + "' is not a metric id (0 to 2^31-1) or a name");
            return -1;
        }
        if (identities.lastMetricIsNew())
        {
            if (utf8Length(text) > MAX_NAME_BYTES)
            {
                error(RejectReason.VALUE_OUT_OF_RANGE, fields.column(field),
                    field.fieldName() + ": name longer than " + MAX_NAME_BYTES + " bytes");
                return -1;
            }
            announceMetric = text;
            announceMetricId = id;
        }
        return id;
    }

    private long recordId(final TextField field)
    {
        final CharSequence text = fields.value(field);
        if (null == text)
        {
            error(RejectReason.MALFORMED_RECORD, fields.column(field), "missing " + field.fieldName());
            return 0;
        }
        return parser.parseLong(text) ? parser.longValue() : TextIdentities.nameHash(text);
    }

    /**
     * A time field, or {@link Long#MIN_VALUE} after recording an error.
     */
    private long time(final TextField field, final boolean required, final long defaultValue)
    {
        final CharSequence text = fields.value(field);
        if (null == text)
        {
            if (required)
            {
                error(RejectReason.MALFORMED_RECORD, fields.column(field), "missing " + field.fieldName());
                return Long.MIN_VALUE;
            }
            return defaultValue;
        }
        if (!parser.parseTime(text))
        {
            error(RejectReason.MALFORMED_RECORD, fields.column(field), field.fieldName() + ": " + parser.error());
            return Long.MIN_VALUE;
        }
        if (parser.longValue() == Long.MIN_VALUE)
        {
            error(RejectReason.TIMESTAMP_OUT_OF_RANGE, fields.column(field), field.fieldName() + ": out of range");
            return Long.MIN_VALUE;
        }
        return parser.longValue();
    }

    private long requiredInteger(final TextField field, final long min, final long max)
    {
        if (null == fields.value(field))
        {
            error(RejectReason.MALFORMED_RECORD, fields.column(field), "missing " + field.fieldName());
            return Long.MIN_VALUE;
        }
        return integer(field, min, max, 0);
    }

    /**
     * An integer field within a range, its default when absent, or {@link Long#MIN_VALUE} after recording an
     * error (so ranges never include {@link Long#MIN_VALUE} itself).
     */
    private long integer(final TextField field, final long min, final long max, final long defaultValue)
    {
        final CharSequence text = fields.value(field);
        if (null == text)
        {
            return defaultValue;
        }
        if (!parser.parseLong(text))
        {
            error(RejectReason.MALFORMED_RECORD, fields.column(field), field.fieldName() + ": " + parser.error());
            return Long.MIN_VALUE;
        }
        final long value = parser.longValue();
        if (value < min || value > max)
        {
            error(RejectReason.VALUE_OUT_OF_RANGE, fields.column(field),
                field.fieldName() + ": " + value + " is outside " + min + ".." + max);
            return Long.MIN_VALUE;
        }
        return value;
    }

    private boolean decimal(final TextField field)
    {
        final CharSequence text = fields.value(field);
        if (null == text)
        {
            error(RejectReason.MALFORMED_RECORD, fields.column(field), "missing " + field.fieldName());
            return false;
        }
        if (!parser.parseDouble(text))
        {
            error(RejectReason.MALFORMED_RECORD, fields.column(field), field.fieldName() + ": " + parser.error());
            return false;
        }
        return true;
    }

    private boolean address(final TextField field)
    {
        final CharSequence text = fields.value(field);
        if (null == text)
        {
            error(RejectReason.MALFORMED_RECORD, fields.column(field), "missing " + field.fieldName());
            return false;
        }
        if (!parser.parseAddress(text))
        {
            error(RejectReason.MALFORMED_RECORD, fields.column(field), field.fieldName() + ": " + parser.error());
            return false;
        }
        return true;
    }

    /**
     * A text field as a string that fits a frame, or null after recording an error.
     */
    private String text(final TextField field, final CharSequence defaultValue)
    {
        final CharSequence text = fields.value(field);
        final CharSequence value = null != text ? text : null != defaultValue ? defaultValue : "";
        if (utf8Length(value) > MAX_NAME_BYTES)
        {
            error(RejectReason.VALUE_OUT_OF_RANGE, fields.column(field),
                field.fieldName() + ": longer than " + MAX_NAME_BYTES + " bytes");
            return null;
        }
        return value.toString();
    }

    /**
     * An enumerated field, by name (folded) or number, or -1 after recording an error.
     */
    private <E extends Enum<E>> int enumeration(
        final TextField field, final boolean required, final int defaultValue, final E[] values)
    {
        final CharSequence text = fields.value(field);
        if (null == text)
        {
            if (required)
            {
                error(RejectReason.MALFORMED_RECORD, fields.column(field), "missing " + field.fieldName());
                return -1;
            }
            return defaultValue;
        }
        final boolean numeric = parser.parseLong(text);
        for (final E value : values)
        {
            // the schema's enumerations number their values 0, 1, 2... in order, so ordinal is the raw value
            final int raw = value.ordinal();
            if (!"NULL_VAL".equals(value.name()) &&
                (numeric ? parser.longValue() == raw : equalsFolded(text, value.name())))
            {
                return raw;
            }
        }
        final StringBuilder known = new StringBuilder();
        for (final E value : values)
        {
            if (!"NULL_VAL".equals(value.name()))
            {
                known.append(known.length() == 0 ? "" : ", ").append(value.name().toLowerCase(Locale.ROOT));
            }
        }
        error(RejectReason.ENUM_OUT_OF_RANGE, fields.column(field),
            field.fieldName() + ": '" + text + "' is not one of " + known);
        return -1;
    }

    /**
     * Whether text equals a name, ignoring case and the separators '_', '-' and ' '.
     */
    static boolean equalsFolded(final CharSequence text, final String name)
    {
        int i = 0;
        int j = 0;
        while (true)
        {
            while (i < text.length() && isSeparator(text.charAt(i)))
            {
                i++;
            }
            while (j < name.length() && isSeparator(name.charAt(j)))
            {
                j++;
            }
            if (i == text.length() || j == name.length())
            {
                return i == text.length() && j == name.length();
            }
            if (Character.toLowerCase(text.charAt(i)) != Character.toLowerCase(name.charAt(j)))
            {
                return false;
            }
            i++;
            j++;
        }
    }

    private static boolean isSeparator(final char c)
    {
        return c == '_' || c == '-' || c == ' ';
    }

    static int utf8Length(final CharSequence text)
    {
        int length = 0;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            length += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return length;
    }

    private RejectReason error(final RejectReason reason, final int column, final String message)
    {
        if (null == errorReason)
        {
            errorReason = reason;
            errorColumn = column;
            errorMessage = message;
        }
        return reason;
    }

    /**
     * Column of the problem in the last refused record.
     *
     * @return the 1-based column, or 0 for the record as a whole.
     */
    public int errorColumn()
    {
        return errorColumn;
    }

    /**
     * What was wrong with the last refused record.
     *
     * @return the message.
     */
    public String errorMessage()
    {
        return errorMessage;
    }
}
