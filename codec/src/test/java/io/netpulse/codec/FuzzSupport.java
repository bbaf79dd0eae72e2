/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec;

import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.Comparison;
import io.netpulse.codec.sbe.ConfigOp;
import io.netpulse.codec.sbe.MetricKind;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.ServiceType;
import io.netpulse.codec.sbe.SlaKpi;
import io.netpulse.codec.sbe.TopologyOp;
import org.agrona.MutableDirectBuffer;

import java.util.Random;

/**
 * Random frames of every input type (mostly valid, some with values the validator refuses) and random
 * mutations of byte streams, for the fuzz tests.
 */
final class FuzzSupport
{
    static final long TIME = 1_767_225_600_000L;

    /** What a mutation did. */
    enum Mutation
    {
        FLIP_BIT, SET_BYTE, TRUNCATE, INSERT, DELETE, DUPLICATE, SET_LENGTH, ZERO_RUN
    }

    private FuzzSupport()
    {
    }

    /**
     * Encodes a random frame.
     *
     * @return its length.
     */
    static int randomFrame(
        final Random random, final EventFrameEncoder encoder, final MutableDirectBuffer buffer, final int offset)
    {
        final long time = random.nextInt(50) == 0 ? random.nextLong() : TIME + random.nextInt(1_000_000_000);
        final long element = 1 + random.nextInt(100_000);
        switch (random.nextInt(8))
        {
            case 0:
                return encoder.kpiSample(buffer, offset, time, element, random.nextInt(100),
                    random.nextInt(100) == 0 ? Double.NaN : random.nextGaussian() * 100, random.nextInt(16));
            case 1:
                return encoder.callDetailRecord(buffer, offset, time, random.nextLong(), element,
                    ServiceType.get((short)random.nextInt(4)), CallResult.get((short)random.nextInt(5)),
                    random.nextInt(128), random.nextInt(10_000) - (random.nextInt(50) == 0 ? 20_000 : 0),
                    random.nextInt(3_600_000), 100 + random.nextInt(401), random.nextInt(1 << 20),
                    random.nextInt(1 << 20), random.nextLong(), random.nextLong());
            case 2:
                return encoder.flowRecord(buffer, offset, time, element, random.nextLong(), random.nextLong(),
                    random.nextLong(), random.nextLong(), random.nextInt(65536), random.nextInt(65536),
                    random.nextInt(256), random.nextInt(64), random.nextInt(1 << 30), random.nextInt(1 << 20),
                    random.nextInt(100_000));
            case 3:
                return encoder.qosMeasurement(buffer, offset, time, element, ServiceType.get((short)random.nextInt(4)),
                    random.nextInt(100_000), random.nextInt(10_000), random.nextInt(1_100_000),
                    random.nextInt(1 << 30));
            case 4:
                return encoder.topologyUpdate(buffer, offset, 0, element, random.nextInt(1000),
                    NodeLevel.get((short)random.nextInt(4)), TopologyOp.get((short)random.nextInt(4)),
                    random.nextInt(60_000), "node-" + element, random.nextBoolean() ? "gnodeb" : "",
                    random.nextBoolean() ? "nokia" : "ericsson");
            case 5:
                return encoder.slaRuleUpdate(buffer, offset, 0, random.nextInt(1000),
                    ConfigOp.get((short)random.nextInt(2)), ServiceType.get((short)random.nextInt(4)),
                    SlaKpi.get((short)random.nextInt(10)), NodeLevel.get((short)random.nextInt(4)), element,
                    Comparison.get((short)random.nextInt(2)), random.nextDouble(), 1 + random.nextInt(1 << 30),
                    random.nextInt(100), random.nextInt(100), "rule");
            case 6:
                return encoder.windowSpecUpdate(buffer, offset, 0, random.nextInt(100) - 1,
                    ConfigOp.get((short)random.nextInt(2)), 1 + random.nextInt(1 << 20), 1 + random.nextInt(1000),
                    random.nextInt(60_000));
            default:
                return encoder.metricDefinition(buffer, offset, 0, random.nextInt(1000),
                    MetricKind.get((short)random.nextInt(4)), ConfigOp.get((short)random.nextInt(2)), "metric", "ms");
        }
    }

    /**
     * Mutates bytes in place.
     *
     * @param data     holding the bytes, with room to grow.
     * @param length   bytes in use.
     * @param from     first byte the mutation may touch.
     * @param to       one past the last byte it may touch.
     * @param mutation what to do.
     * @return the new length.
     */
    static int mutate(
        final Random random, final byte[] data, final int length, final int from, final int to,
        final Mutation mutation)
    {
        final int span = Math.max(1, to - from);
        final int at = from + random.nextInt(span);
        switch (mutation)
        {
            case FLIP_BIT:
                data[at] ^= (byte)(1 << random.nextInt(8));
                return length;
            case SET_BYTE:
                data[at] = (byte)random.nextInt(256);
                return length;
            case TRUNCATE:
                return at;
            case INSERT:
            {
                final int count = Math.min(1 + random.nextInt(16), data.length - length);
                System.arraycopy(data, at, data, at + count, length - at);
                for (int i = 0; i < count; i++)
                {
                    data[at + i] = (byte)random.nextInt(256);
                }
                return length + count;
            }
            case DELETE:
            {
                final int count = Math.min(1 + random.nextInt(16), length - at);
                System.arraycopy(data, at + count, data, at, length - at - count);
                return length - count;
            }
            case DUPLICATE:
            {
                final int count = Math.min(Math.min(1 + random.nextInt(64), length - at), data.length - length);
                System.arraycopy(data, at, data, at + count, length - at);
                return length + count;
            }
            case SET_LENGTH:
            {
                final int value = random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(1024);
                final int lengthAt = Math.min(at, length - 4);
                if (lengthAt >= 0)
                {
                    data[lengthAt] = (byte)value;
                    data[lengthAt + 1] = (byte)(value >>> 8);
                    data[lengthAt + 2] = (byte)(value >>> 16);
                    data[lengthAt + 3] = (byte)(value >>> 24);
                }
                return length;
            }
            default:
            {
                final int count = Math.min(1 + random.nextInt(32), length - at);
                for (int i = 0; i < count; i++)
                {
                    data[at + i] = 0;
                }
                return length;
            }
        }
    }
}
