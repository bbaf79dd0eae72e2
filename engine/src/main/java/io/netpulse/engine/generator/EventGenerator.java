/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.generator;

import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.ConfigOp;
import io.netpulse.codec.sbe.KpiSampleEncoder;
import io.netpulse.codec.sbe.ServiceType;
import io.netpulse.codec.sbe.TopologyOp;
import io.netpulse.engine.topology.TopologyFile;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Produces a deterministic stream of frames for a synthetic network: metric definitions, then the topology,
 * then data events round by round (every element reports every metric once per KPI interval, with calls,
 * QoS measurements and flows in proportion). Metrics follow daily and weekly cycles with noise; labelled faults
 * bend them; some frames are delayed (out of order) and some corrupted, each counted by the reason the engine
 * should refuse it for. The same configuration gives the same bytes.
 * <p>
 * Call {@link #next} until it returns 0. It allocates nothing per event.
 */
public final class EventGenerator
{
    private static final int METRICS = SyntheticMetric.values().length;
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 24 * HOUR_MS;
    private static final int UNKNOWN_TEMPLATE_ID = 29;

    private static final int PHASE_METRICS = 0;
    private static final int PHASE_TOPOLOGY = 1;
    private static final int PHASE_DATA = 2;
    private static final int PHASE_DONE = 3;

    private final GeneratorConfig config;
    private final SyntheticNetwork network;
    private final List<TopologyFile.Node> topology;
    private final List<Fault> faults;
    private final GeneratorStats stats = new GeneratorStats();
    private final SplittableRandom random;
    private final EventFrameEncoder encoder = new EventFrameEncoder();
    private final double[] bases;
    private final int[][] faultsByElement;
    private final int[] massEventByRegion;
    private final long endTimeMs;
    private final double stepMs;

    private final int heldMask;
    private final byte[][] held;
    private final int[] heldLength;
    private final UnsafeBuffer heldBuffer = new UnsafeBuffer(new byte[0]);
    private int heldCount;
    private long emitIndex;

    private int phase = PHASE_METRICS;
    private int phaseIndex;
    private long validData;
    private long round = -1;
    private long roundStartMs;
    private int element;
    private long timeMs;
    private boolean silent;
    private int pendingKpi = METRICS;
    private int pendingCdr;
    private int pendingQos;
    private int pendingFlow;
    private double cdrCredit;
    private double qosCredit;
    private double flowCredit;
    private double dailyFactor;
    private double weeklyFactor;
    private long nextCdrId = 1;

    /**
     * A generator.
     *
     * @param config what to generate.
     */
    public EventGenerator(final GeneratorConfig config)
    {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        this.network = new SyntheticNetwork(config.elements(), config.seed(), config.kpiIntervalMs());
        this.topology = network.nodes();
        this.stepMs = (double)config.kpiIntervalMs() / config.elements();
        this.endTimeMs = config.startTimeMs() + config.rounds() * config.kpiIntervalMs();

        bases = new double[config.elements() * METRICS];
        for (int e = 0; e < config.elements(); e++)
        {
            for (final SyntheticMetric metric : SyntheticMetric.values())
            {
                bases[e * METRICS + metric.id()] =
                    metric.minBase() + random.nextDouble() * (metric.maxBase() - metric.minBase());
            }
        }

        faults = config.faults() ? scheduleFaults() : List.of();
        faultsByElement = new int[config.elements()][];
        massEventByRegion = new int[network.regions()];
        Arrays.fill(massEventByRegion, -1);
        indexFaults();

        final int capacity = Integer.highestOneBit(config.maxDelayEvents() * 2 - 1) << 1;
        heldMask = capacity - 1;
        held = new byte[capacity][];
        heldLength = new int[capacity];
    }

    private List<Fault> scheduleFaults()
    {
        final SplittableRandom plan = new SplittableRandom(config.seed() * 31 + 7);
        final List<Fault> planned = new ArrayList<>();
        final long rounds = config.rounds();
        final long intervalMs = config.kpiIntervalMs();
        final long spanMs = rounds * intervalMs;
        final long earliestMs = config.startTimeMs() + spanMs / 4;

        int massRegion = -1;
        if (network.regions() >= 2)
        {
            massRegion = plan.nextInt(network.regions());
            final long durationMs = roundsOf(plan, rounds, 0.15, 0.25) * intervalMs;
            final long startMs = earliestMs + (long)(plan.nextDouble() * Math.max(0, spanMs * 3 / 4 - durationMs));
            planned.add(new Fault(FaultKind.MASS_EVENT, SyntheticNetwork.regionId(massRegion),
                SyntheticMetric.TRAFFIC_MBPS, align(startMs), align(startMs + durationMs), 2.5));
        }

        final int perKind = (int)Math.max(1, Math.round(config.elements() * config.faultsPerThousand() / 1000));
        final List<Integer> candidates = new ArrayList<>();
        for (int e = 0; e < config.elements(); e++)
        {
            if (network.regionOf(e) != massRegion)
            {
                candidates.add(e);
            }
        }
        Collections.shuffle(candidates, new java.util.Random(config.seed()));

        int next = 0;
        final FaultKind[] kinds = {FaultKind.DEGRADATION, FaultKind.CONGESTION, FaultKind.OUTAGE, FaultKind.DATA_GAP};
        final double[][] durations = {{0.10, 0.25}, {0.05, 0.15}, {0.05, 0.10}, {0.05, 0.10}};
        for (int k = 0; k < kinds.length; k++)
        {
            final int count = k < 2 ? perKind : Math.max(1, perKind / 2);
            for (int i = 0; i < count && next < candidates.size(); i++)
            {
                final int e = candidates.get(next++);
                final long durationMs = roundsOf(plan, rounds, durations[k][0], durations[k][1]) * intervalMs;
                final long startMs = earliestMs + (long)(plan.nextDouble() * Math.max(0, spanMs * 3 / 4 - durationMs));
                final SyntheticMetric metric;
                final double magnitude;
                switch (kinds[k])
                {
                    case DEGRADATION:
                        metric = plan.nextBoolean() ? SyntheticMetric.LATENCY_MS : SyntheticMetric.ERROR_RATE;
                        magnitude = 2.0 + plan.nextDouble() * 2.0;
                        break;
                    case CONGESTION:
                        metric = SyntheticMetric.TRAFFIC_MBPS;
                        magnitude = 1.8;
                        break;
                    default:
                        metric = null;
                        magnitude = 0;
                }
                planned.add(new Fault(kinds[k], SyntheticNetwork.elementId(e), metric, align(startMs),
                    align(startMs + durationMs), magnitude));
            }
        }
        return List.copyOf(planned);
    }

    private long align(final long timeMs)
    {
        final long intervalMs = config.kpiIntervalMs();
        final long start = config.startTimeMs();
        return start + Math.floorDiv(timeMs - start, intervalMs) * intervalMs;
    }

    private static long roundsOf(final SplittableRandom random, final long rounds, final double min, final double max)
    {
        return Math.max(2, (long)(rounds * (min + random.nextDouble() * (max - min))));
    }

    private void indexFaults()
    {
        for (int i = 0; i < faults.size(); i++)
        {
            final Fault fault = faults.get(i);
            if (fault.kind() == FaultKind.MASS_EVENT)
            {
                massEventByRegion[(int)(fault.scopeId() - SyntheticNetwork.REGION_ID_BASE - 1)] = i;
            }
            else
            {
                final int e = (int)(fault.scopeId() - SyntheticNetwork.ELEMENT_ID_BASE - 1);
                final int[] existing = faultsByElement[e];
                final int[] updated = null == existing ? new int[1] : Arrays.copyOf(existing, existing.length + 1);
                updated[updated.length - 1] = i;
                faultsByElement[e] = updated;
            }
        }
    }

    /**
     * Writes the next frame.
     *
     * @param buffer to write into; at least {@link FrameDescriptor#MAX_FRAME_LENGTH} bytes from the offset.
     * @param offset at which to write.
     * @return the frame's length, or 0 when the stream is complete.
     */
    public int next(final MutableDirectBuffer buffer, final int offset)
    {
        while (true)
        {
            if (heldCount > 0)
            {
                final int slot = (int)(emitIndex & heldMask);
                final int length = heldLength[slot];
                if (length > 0)
                {
                    buffer.putBytes(offset, held[slot], 0, length);
                    heldLength[slot] = 0;
                    heldCount--;
                    emitIndex++;
                    return length;
                }
                if (phase == PHASE_DONE)
                {
                    emitIndex++;
                    continue;
                }
            }
            if (phase == PHASE_DONE)
            {
                return 0;
            }

            final int length = produce(buffer, offset);
            if (0 == length)
            {
                phase = PHASE_DONE;
                continue;
            }
            if (length > 0 && config.outOfOrderFraction() > 0 && random.nextDouble() < config.outOfOrderFraction())
            {
                hold(buffer, offset, length);
                continue;
            }

            emitIndex++;
            return Math.abs(length);
        }
    }

    private void hold(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        long at = emitIndex + 1 + random.nextInt(config.maxDelayEvents());
        while (heldLength[(int)(at & heldMask)] > 0)
        {
            at++;
        }
        final int slot = (int)(at & heldMask);
        if (null == held[slot])
        {
            held[slot] = new byte[FrameDescriptor.MAX_FRAME_LENGTH];
        }
        buffer.getBytes(offset, held[slot], 0, length);
        heldLength[slot] = length;
        heldCount++;
        stats.countDelayed();
    }

    /**
     * One frame of the current phase. Positive: a valid frame that may be delayed; negative: a corrupted or
     * control frame, emitted in place; 0: nothing left.
     */
    private int produce(final MutableDirectBuffer buffer, final int offset)
    {
        switch (phase)
        {
            case PHASE_METRICS:
            {
                final SyntheticMetric metric = SyntheticMetric.get(phaseIndex++);
                if (phaseIndex == METRICS)
                {
                    phase = PHASE_TOPOLOGY;
                    phaseIndex = 0;
                }
                stats.countValid(MessageType.METRIC_DEFINITION);
                return -encoder.metricDefinition(
                    buffer, offset, 0, metric.id(), metric.kind(), ConfigOp.PUT, metric.metricName(), metric.unit());
            }

            case PHASE_TOPOLOGY:
            {
                final TopologyFile.Node node = topology.get(phaseIndex++);
                if (phaseIndex == topology.size())
                {
                    phase = PHASE_DATA;
                }
                stats.countValid(MessageType.TOPOLOGY_UPDATE);
                return -encoder.topologyUpdate(
                    buffer, offset, 0, node.id(), node.parentId(), node.level(), TopologyOp.ADD,
                    node.expectedIntervalMs(), node.name(), node.equipmentClass(), node.vendor());
            }

            default:
                return produceData(buffer, offset);
        }
    }

    private int produceData(final MutableDirectBuffer buffer, final int offset)
    {
        while (true)
        {
            if (validData >= config.events())
            {
                return 0;
            }

            final int length;
            final MessageType type;
            if (pendingKpi < METRICS)
            {
                final int metric = pendingKpi++;
                if (silent)
                {
                    continue;
                }
                length = kpi(buffer, offset, metric);
                type = MessageType.KPI_SAMPLE;
            }
            else if (pendingCdr > 0)
            {
                pendingCdr--;
                if (silent)
                {
                    continue;
                }
                length = cdr(buffer, offset);
                type = MessageType.CALL_DETAIL_RECORD;
            }
            else if (pendingQos > 0)
            {
                pendingQos--;
                if (silent)
                {
                    continue;
                }
                length = qos(buffer, offset);
                type = MessageType.QOS_MEASUREMENT;
            }
            else if (pendingFlow > 0)
            {
                pendingFlow--;
                if (silent)
                {
                    continue;
                }
                length = flow(buffer, offset);
                type = MessageType.FLOW_RECORD;
            }
            else
            {
                nextStep();
                continue;
            }

            if (config.corruptFraction() > 0 && random.nextDouble() < config.corruptFraction())
            {
                stats.countCorrupted(corrupt(buffer, offset, length, type));
                return -length;
            }

            validData++;
            stats.countValid(type);
            stats.countEventTime(timeMs);
            return length;
        }
    }

    private void nextStep()
    {
        if (++element >= config.elements() || round < 0)
        {
            element = 0;
            round++;
            roundStartMs = config.startTimeMs() + round * config.kpiIntervalMs();
            seasonal(roundStartMs);
        }
        timeMs = roundStartMs + (long)(element * stepMs);
        silent = isSilent(element, timeMs);

        pendingKpi = 0;
        cdrCredit += config.cdrPerKpi() * METRICS;
        qosCredit += config.qosPerKpi() * METRICS;
        flowCredit += config.flowPerKpi() * METRICS;
        pendingCdr = (int)cdrCredit;
        pendingQos = (int)qosCredit;
        pendingFlow = (int)flowCredit;
        cdrCredit -= pendingCdr;
        qosCredit -= pendingQos;
        flowCredit -= pendingFlow;
    }

    private void seasonal(final long atMs)
    {
        final double hourOfDay = (double)Math.floorMod(atMs, DAY_MS) / HOUR_MS;
        // trough at 04:00, peak at 16:00
        dailyFactor = -Math.cos(2 * Math.PI * (hourOfDay - 4) / 24);
        final long dayOfWeek = Math.floorMod(Math.floorDiv(atMs, DAY_MS) + 3, 7);
        weeklyFactor = dayOfWeek >= 5 ? -1.0 : 0.4;
    }

    private boolean isSilent(final int e, final long atMs)
    {
        final int[] elementFaults = faultsByElement[e];
        if (null != elementFaults)
        {
            for (final int index : elementFaults)
            {
                final Fault fault = faults.get(index);
                if ((fault.kind() == FaultKind.OUTAGE || fault.kind() == FaultKind.DATA_GAP) && fault.activeAt(atMs))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private Fault activeFault(final FaultKind kind)
    {
        final int[] elementFaults = faultsByElement[element];
        if (null != elementFaults)
        {
            for (final int index : elementFaults)
            {
                final Fault fault = faults.get(index);
                if (fault.kind() == kind && fault.activeAt(timeMs))
                {
                    return fault;
                }
            }
        }
        return null;
    }

    private boolean massEventActive()
    {
        final int index = massEventByRegion[network.regionOf(element)];
        return index >= 0 && faults.get(index).activeAt(timeMs);
    }

    private int kpi(final MutableDirectBuffer buffer, final int offset, final int metricId)
    {
        final SyntheticMetric metric = SyntheticMetric.get(metricId);
        final double base = bases[element * METRICS + metricId];
        double value = base * (1 + metric.dailyAmplitude() * dailyFactor + metric.weeklyAmplitude() * weeklyFactor) +
            random.nextGaussian() * metric.noise() * base;

        final Fault degradation = activeFault(FaultKind.DEGRADATION);
        if (null != degradation && degradation.metric() == metric)
        {
            final double ramp = Math.min(1.0,
                (timeMs - degradation.startTimeMs() + 1.0) / (0.2 * (degradation.endTimeMs() - degradation.startTimeMs())));
            value *= 1 + ramp * (degradation.magnitude() - 1);
        }
        if (null != activeFault(FaultKind.CONGESTION))
        {
            value = congested(metric, value, base);
        }
        if (massEventActive())
        {
            value = surged(metric, value, base);
        }

        switch (metric)
        {
            case CPU_UTIL:
                value = Math.min(100, Math.max(0, value));
                break;
            case LATENCY_MS:
                value = Math.max(0.1, value);
                break;
            default:
                value = Math.max(0, value);
        }
        return encoder.kpiSample(buffer, offset, timeMs, SyntheticNetwork.elementId(element), metricId, value, 0);
    }

    private static double congested(final SyntheticMetric metric, final double value, final double base)
    {
        switch (metric)
        {
            case TRAFFIC_MBPS:
                return value * 1.8;
            case CPU_UTIL:
                return value + 30;
            case LATENCY_MS:
                return value * 2.5;
            default:
                return value * 3;
        }
    }

    private static double surged(final SyntheticMetric metric, final double value, final double base)
    {
        switch (metric)
        {
            case TRAFFIC_MBPS:
                return value * 2.5;
            case CPU_UTIL:
                return value + 20;
            case LATENCY_MS:
                return value * 1.3;
            default:
                return value;
        }
    }

    private int cdr(final MutableDirectBuffer buffer, final int offset)
    {
        final boolean congested = null != activeFault(FaultKind.CONGESTION) || massEventActive();
        final boolean degraded = null != activeFault(FaultKind.DEGRADATION);
        final double u = random.nextDouble();
        final ServiceType service = u < 0.5 ? ServiceType.VOICE : u < 0.6 ? ServiceType.VIDEO :
            u < 0.8 ? ServiceType.SMS : ServiceType.DATA;

        final double failScale = congested ? 8 : 1;
        final double dropScale = degraded ? 5 : 1;
        final double r = random.nextDouble();
        final CallResult result;
        final int cause;
        double limit = 0.02 * failScale;
        if (r < limit)
        {
            result = CallResult.FAILED;
            cause = congested ? 34 : 38;
        }
        else if (r < (limit += 0.01 * dropScale))
        {
            result = CallResult.DROPPED;
            cause = 41;
        }
        else if (r < (limit += 0.02 * failScale))
        {
            result = CallResult.BUSY;
            cause = 17;
        }
        else if (r < limit + 0.02)
        {
            result = CallResult.NO_ANSWER;
            cause = 19;
        }
        else
        {
            result = CallResult.ANSWERED;
            cause = 16;
        }

        final boolean answered = result == CallResult.ANSWERED || result == CallResult.DROPPED;
        final int setupMs = 600 + (int)(random.nextDouble() * (congested ? 4000 : 1500));
        final int durationMs = answered ? (int)Math.min(3_600_000, -Math.log(1 - random.nextDouble()) * 120_000) : 0;
        int mosX100 = 0;
        if (answered && (service == ServiceType.VOICE || service == ServiceType.VIDEO))
        {
            mosX100 = (int)Math.round(Math.min(4.5, Math.max(1.0,
                4.2 - (degraded ? 1.0 : 0) - (congested ? 0.4 : 0) + random.nextGaussian() * 0.25)) * 100);
        }
        final long bytes = service == ServiceType.DATA ? (long)(random.nextDouble() * 50_000_000) :
            service == ServiceType.SMS ? 140 : durationMs * 8L;

        return encoder.callDetailRecord(
            buffer, offset, timeMs, nextCdrId++, SyntheticNetwork.elementId(element), service, result, cause,
            setupMs, durationMs, mosX100, bytes / 4, bytes, random.nextLong(), random.nextLong());
    }

    private int qos(final MutableDirectBuffer buffer, final int offset)
    {
        final double latencyMs = bases[element * METRICS + SyntheticMetric.LATENCY_MS.id()] *
            (1 + 0.15 * dailyFactor) * (0.8 + 0.4 * random.nextDouble());
        final boolean congested = null != activeFault(FaultKind.CONGESTION);
        final boolean degraded = null != activeFault(FaultKind.DEGRADATION);
        final double factor = congested ? 2.5 : degraded ? 2.0 : 1.0;
        final int latencyUs = (int)(latencyMs * 1000 * factor);
        final int jitterUs = (int)(latencyUs * (0.05 + 0.1 * random.nextDouble()));
        final int lossPpm = (int)Math.min(1_000_000, (100 + random.nextDouble() * 400) * (congested ? 20 : factor));
        final long throughputKbps = (long)(bases[element * METRICS + SyntheticMetric.TRAFFIC_MBPS.id()] * 1000 *
            (1 + 0.6 * dailyFactor) / (congested ? 2 : 1));

        return encoder.qosMeasurement(
            buffer, offset, timeMs, SyntheticNetwork.elementId(element),
            ServiceType.get((short)random.nextInt(4)), latencyUs, jitterUs, lossPpm, Math.max(0, throughputKbps));
    }

    private int flow(final MutableDirectBuffer buffer, final int offset)
    {
        final long src = 0x0000_FFFF_0A00_0000L | (random.nextInt() & 0x00FF_FFFFL);
        final long dst = 0x0000_FFFF_0000_0000L | (random.nextInt() & 0xFFFF_FFFFL);
        final boolean tcp = random.nextDouble() < 0.8;
        final long bytes = (long)Math.exp(6 + random.nextGaussian() * 2.0);
        final int dstPort = tcp ? (random.nextBoolean() ? 443 : 80) : 53;
        return encoder.flowRecord(
            buffer, offset, timeMs, SyntheticNetwork.elementId(element), 0, src, 0, dst,
            1024 + random.nextInt(60_000), dstPort, tcp ? 6 : 17, random.nextDouble() < 0.1 ? 46 : 0,
            bytes, Math.max(1, bytes / 800), (int)(random.nextDouble() * 30_000));
    }

    /**
     * Damages a frame just written and returns the reason the engine should refuse it for.
     */
    private RejectReason corrupt(
        final MutableDirectBuffer buffer, final int offset, final int length, final MessageType type)
    {
        final double u = random.nextDouble();
        if (u < 0.6)
        {
            final int bodyBytes = length - FrameDescriptor.BODY_OFFSET - FrameDescriptor.CHECKSUM_LENGTH;
            final int at = offset + FrameDescriptor.BODY_OFFSET + random.nextInt(bodyBytes);
            buffer.putByte(at, (byte)(buffer.getByte(at) ^ (1 << random.nextInt(8))));
            return RejectReason.BAD_CHECKSUM;
        }

        final int bodyLength = length - FrameDescriptor.MIN_FRAME_LENGTH;
        if (u < 0.8)
        {
            buffer.putShort(offset + FrameDescriptor.MESSAGE_HEADER_OFFSET + 2, (short)UNKNOWN_TEMPLATE_ID, LITTLE_ENDIAN);
            encoder.seal(buffer, offset, bodyLength);
            return RejectReason.UNKNOWN_TEMPLATE;
        }

        if (type == MessageType.KPI_SAMPLE)
        {
            buffer.putDouble(offset + FrameDescriptor.BODY_OFFSET + KpiSampleEncoder.valueEncodingOffset(),
                Double.NaN, LITTLE_ENDIAN);
            encoder.seal(buffer, offset, bodyLength);
            return RejectReason.VALUE_NOT_FINITE;
        }

        // every data message starts with its event time
        buffer.putLong(offset + FrameDescriptor.BODY_OFFSET, 1L, LITTLE_ENDIAN);
        encoder.seal(buffer, offset, bodyLength);
        return RejectReason.TIMESTAMP_OUT_OF_RANGE;
    }

    /**
     * What this generator produces.
     *
     * @return its configuration.
     */
    public GeneratorConfig config()
    {
        return config;
    }

    /**
     * The network's hierarchy.
     *
     * @return topology nodes, parents first.
     */
    public List<TopologyFile.Node> topology()
    {
        return topology;
    }

    /**
     * The network layout.
     *
     * @return the network.
     */
    public SyntheticNetwork network()
    {
        return network;
    }

    /**
     * The faults injected.
     *
     * @return the labelled faults.
     */
    public List<Fault> faults()
    {
        return faults;
    }

    /**
     * What has been produced so far.
     *
     * @return the statistics.
     */
    public GeneratorStats stats()
    {
        return stats;
    }

    /**
     * Event time at which the last round ends: as planned before generation, and as reached after it (silenced
     * elements can stretch a run by a round or two beyond the plan).
     *
     * @return epoch milliseconds.
     */
    public long endTimeMs()
    {
        return Math.max(endTimeMs, roundStartMs + config.kpiIntervalMs());
    }

    /**
     * Writes the fault labels beside the events, one JSON object per line.
     *
     * @param path of the labels file.
     */
    public void writeLabels(final Path path)
    {
        final StringBuilder out = new StringBuilder();
        for (final Fault fault : faults)
        {
            out.append(fault.toJson()).append('\n');
        }
        try
        {
            Files.writeString(path, out, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write labels " + path, ex);
        }
    }
}
