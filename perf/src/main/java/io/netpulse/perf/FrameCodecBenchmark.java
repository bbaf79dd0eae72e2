/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.EventValidator;
import io.netpulse.codec.FrameDecoder;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.ServiceType;
import io.netpulse.engine.ring.EventDecoding;
import io.netpulse.engine.ring.NetworkEvent;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The per-frame costs at the edge, one frame at a time: encoding a frame (body and CRC32C), checking one (length,
 * header, schema, CRC32C), validating its fields, and filling a ring slot from it (copy and field decode).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FrameCodecBenchmark
{
    /** Message encoded and decoded: the commonest ({@code kpi}) and the largest data message ({@code cdr}). */
    @Param({"kpi", "cdr"})
    public String message;

    private final EventFrameEncoder encoder = new EventFrameEncoder();
    private final FrameDecoder decoder = new FrameDecoder();
    private final EventValidator validator = new EventValidator();
    private final EventDecoding decoding = new EventDecoding();
    private final NetworkEvent slot = new NetworkEvent();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);
    private int frameLength;
    private long eventTimeMs = 1_767_571_200_000L;

    /**
     * Encodes the frame the decoding benchmarks read.
     */
    @Setup
    public void setUp()
    {
        frameLength = encode(frame);
        if (decoder.decode(frame, 0, frameLength) != FrameDecoder.FRAME)
        {
            throw new IllegalStateException("benchmark frame does not decode: " + decoder.rejectReason());
        }
    }

    private int encode(final UnsafeBuffer buffer)
    {
        if ("kpi".equals(message))
        {
            return encoder.kpiSample(buffer, 0, eventTimeMs, 1_000_001, 2, 12.5, 0);
        }
        return encoder.callDetailRecord(buffer, 0, eventTimeMs, 77, 1_000_001, ServiceType.VOICE,
            CallResult.ANSWERED, 16, 350, 90_000, 410, 12_000, 48_000, 0x1234_5678L, 0x8765_4321L);
    }

    /**
     * Encodes a frame, a new event time each time.
     *
     * @return the frame length.
     */
    @Benchmark
    public int encode()
    {
        eventTimeMs++;
        return encode(scratch);
    }

    /**
     * Checks a frame: length, header, schema and CRC32C.
     *
     * @return the decoder's status.
     */
    @Benchmark
    public int checkFrame()
    {
        return decoder.decode(frame, 0, frameLength);
    }

    /**
     * Checks a frame and validates its fields, as the edge does.
     *
     * @return the reject reason, null for a valid frame.
     */
    @Benchmark
    public RejectReason checkAndValidate()
    {
        decoder.decode(frame, 0, frameLength);
        return validator.validate(frame, 0, decoder);
    }

    /**
     * Fills a ring slot from a checked frame: copies it and decodes the fields the stages read.
     *
     * @return the slot's element id.
     */
    @Benchmark
    public long fillSlot()
    {
        decoding.fill(slot, frame, 0, frameLength, decoder.messageType(), decoder.actingBlockLength(),
            decoder.actingVersion());
        return slot.elementId;
    }
}
