/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.FrameChecksum;
import io.netpulse.codec.FrameDecoder;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.MessageType;
import io.netpulse.codec.sbe.CallDetailRecordDecoder;
import io.netpulse.codec.sbe.FlowRecordDecoder;
import io.netpulse.codec.sbe.KpiSampleDecoder;
import io.netpulse.codec.sbe.QosMeasurementDecoder;
import io.netpulse.engine.generator.EventGenerator;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.engine.generator.GeneratorStats;
import io.netpulse.engine.ring.EventDecoding;
import io.netpulse.engine.ring.NetworkEvent;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * A pre-generated event stream held in memory, so that a benchmark measures the engine and not the generator:
 * the synthetic generator's frames back to back (metric definitions and topology first, then data with its
 * corrupted and out-of-order frames), plus a small share of KPI samples from elements no topology knows, which
 * exercise the unknown-element path and give the alert stream something to carry.
 * <p>
 * The prefix (everything before the first data frame) is configuration; benchmarks publish it before they start
 * their clocks.
 */
public final class Corpus
{
    /** Element ids of the injected unknown elements start above every generated id. */
    public static final long UNKNOWN_ELEMENT_ID_BASE = 9_000_000_000_000L;

    /** Distinct unknown elements cycled through. */
    public static final int UNKNOWN_ELEMENTS = 1000;

    private static final int GROWTH_MARGIN = 2 * FrameDescriptor.MAX_FRAME_LENGTH;

    private final GeneratorConfig config;
    private final UnsafeBuffer buffer;
    private final int length;
    private final int prefixLength;
    private final int[] frameOffsets;
    private final int prefixFrames;
    private final long validDataEvents;
    private final long unknownElementEvents;
    private final long corruptedFrames;
    private final long firstEventTimeMs;
    private final long lastEventTimeMs;
    private long shiftedMs;

    private Corpus(
        final GeneratorConfig config,
        final byte[] bytes,
        final int length,
        final int prefixLength,
        final int[] frameOffsets,
        final int prefixFrames,
        final long validDataEvents,
        final long unknownElementEvents,
        final GeneratorStats stats)
    {
        this.config = config;
        this.buffer = new UnsafeBuffer(bytes, 0, length);
        this.length = length;
        this.prefixLength = prefixLength;
        this.frameOffsets = frameOffsets;
        this.prefixFrames = prefixFrames;
        this.validDataEvents = validDataEvents;
        this.unknownElementEvents = unknownElementEvents;
        this.corruptedFrames = stats.corrupted();
        this.firstEventTimeMs = stats.firstEventTimeMs();
        this.lastEventTimeMs = stats.lastEventTimeMs();
    }

    /**
     * Generates a corpus.
     *
     * @param config              what the generator produces.
     * @param unknownElementEvery one KPI sample from an unknown element after every this many data frames; 0 for
     *                            none.
     * @return the corpus.
     */
    public static Corpus generate(final GeneratorConfig config, final int unknownElementEvery)
    {
        final EventGenerator generator = new EventGenerator(config);
        final FrameDecoder decoder = new FrameDecoder();
        final EventDecoding decoding = new EventDecoding();
        final NetworkEvent scratch = new NetworkEvent();
        final EventFrameEncoder encoder = new EventFrameEncoder();
        final IntArrayList offsets = new IntArrayList(1024, -1);

        byte[] bytes = new byte[(int)Math.min(Integer.MAX_VALUE - 8, Math.max(1 << 20, config.events() * 72))];
        UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        int position = 0;
        int prefixLength = -1;
        int prefixFrames = 0;
        long dataFrames = 0;
        long unknown = 0;

        while (true)
        {
            if (bytes.length - position < GROWTH_MARGIN)
            {
                if (bytes.length >= Integer.MAX_VALUE - 8 - GROWTH_MARGIN)
                {
                    throw new IllegalArgumentException("corpus larger than 2 GiB: use fewer events");
                }
                bytes = Arrays.copyOf(bytes, (int)Math.min(Integer.MAX_VALUE - 8, bytes.length * 3L / 2));
                buffer = new UnsafeBuffer(bytes);
            }

            final int frameLength = generator.next(buffer, position);
            if (0 == frameLength)
            {
                break;
            }

            final int status = decoder.decode(buffer, position, frameLength);
            final boolean data = status != FrameDecoder.FRAME || decoder.messageType().isData();
            if (prefixLength < 0)
            {
                if (data)
                {
                    prefixLength = position;
                }
                else
                {
                    prefixFrames++;
                }
            }
            offsets.addInt(position);
            position += frameLength;

            final boolean validData = data && status == FrameDecoder.FRAME;
            if (validData && unknownElementEvery > 0 && ++dataFrames % unknownElementEvery == 0)
            {
                decoding.fill(scratch, buffer, position - frameLength, frameLength, decoder.messageType(),
                    decoder.actingBlockLength(), decoder.actingVersion());
                final long elementId = UNKNOWN_ELEMENT_ID_BASE + unknown % UNKNOWN_ELEMENTS;
                offsets.addInt(position);
                position += encoder.kpiSample(buffer, position, scratch.eventTimeMs, elementId, 0, 1.0, 0);
                unknown++;
            }
        }

        if (prefixLength < 0)
        {
            prefixLength = position;
        }
        final GeneratorStats stats = generator.stats();
        return new Corpus(config, bytes, position, prefixLength, offsets.toIntArray(), prefixFrames,
            stats.validData() + unknown, unknown, stats);
    }

    /**
     * Moves the event time of every data frame after the prefix by an amount, in place, and seals each moved frame
     * with its new checksum, so that the data can be streamed again as the network's next stretch of event time
     * (an engine that has seen the data once sees time move on, not the same minutes again). Frames whose
     * checksum fails, the deliberately corrupted ones, are left as they are: the edge refuses them either way.
     * Not thread-safe: nothing may read the corpus meanwhile. {@link #shiftEventTime(long)} with the negated
     * total, or {@link #resetEventTime()}, puts the original times back.
     *
     * @param deltaMs milliseconds to add to each data frame's event time.
     */
    void shiftEventTime(final long deltaMs)
    {
        final FrameDecoder decoder = new FrameDecoder();
        final FrameChecksum checksum = new FrameChecksum();
        for (int i = prefixFrames; i < frameOffsets.length; i++)
        {
            final int offset = frameOffsets[i];
            final int frameLength = frameLength(i);
            if (decoder.decode(buffer, offset, frameLength) != FrameDecoder.FRAME)
            {
                continue;
            }
            final int timeOffset = eventTimeOffset(decoder.messageType());
            if (timeOffset < 0)
            {
                continue;
            }
            final int at = offset + FrameDescriptor.BODY_OFFSET + timeOffset;
            buffer.putLong(at, buffer.getLong(at, LITTLE_ENDIAN) + deltaMs, LITTLE_ENDIAN);
            buffer.putInt(FrameDescriptor.checksumOffset(offset, frameLength),
                checksum.compute(buffer, offset, frameLength - FrameDescriptor.CHECKSUM_LENGTH), LITTLE_ENDIAN);
        }
        shiftedMs += deltaMs;
    }

    /**
     * Puts back the event times the corpus was generated with, after {@link #shiftEventTime(long)}.
     */
    void resetEventTime()
    {
        if (shiftedMs != 0)
        {
            shiftEventTime(-shiftedMs);
        }
    }

    /**
     * How far {@link #shiftEventTime(long)} has moved the data's event time from what was generated.
     *
     * @return milliseconds.
     */
    long shiftedMs()
    {
        return shiftedMs;
    }

    /**
     * Event time the data covers, from the earliest event to one reporting interval after the latest: moving the
     * data by this much makes it follow on from itself as the next stretch of the same network's time.
     *
     * @return milliseconds.
     */
    long eventTimeSpanMs()
    {
        return lastEventTimeMs - firstEventTimeMs + config.kpiIntervalMs();
    }

    private static int eventTimeOffset(final MessageType type)
    {
        return switch (type)
        {
            case KPI_SAMPLE -> KpiSampleDecoder.eventTimeMsEncodingOffset();
            case CALL_DETAIL_RECORD -> CallDetailRecordDecoder.eventTimeMsEncodingOffset();
            case FLOW_RECORD -> FlowRecordDecoder.eventTimeMsEncodingOffset();
            case QOS_MEASUREMENT -> QosMeasurementDecoder.eventTimeMsEncodingOffset();
            default -> -1;
        };
    }

    /**
     * What the generator was asked for.
     *
     * @return the configuration.
     */
    public GeneratorConfig config()
    {
        return config;
    }

    /**
     * The frames, back to back.
     *
     * @return a buffer over exactly {@link #length()} bytes.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * Bytes of frames in all.
     *
     * @return the length.
     */
    public int length()
    {
        return length;
    }

    /**
     * Bytes of configuration frames before the first data frame.
     *
     * @return the prefix length.
     */
    public int prefixLength()
    {
        return prefixLength;
    }

    /**
     * Frames in all, valid or not.
     *
     * @return the count.
     */
    public int frames()
    {
        return frameOffsets.length;
    }

    /**
     * Frames in the prefix.
     *
     * @return the count.
     */
    public int prefixFrames()
    {
        return prefixFrames;
    }

    /**
     * Where a frame starts.
     *
     * @param index of the frame.
     * @return its offset in {@link #buffer()}.
     */
    public int frameOffset(final int index)
    {
        return frameOffsets[index];
    }

    /**
     * Length of a frame.
     *
     * @param index of the frame.
     * @return its length in bytes.
     */
    public int frameLength(final int index)
    {
        final int end = index + 1 < frameOffsets.length ? frameOffsets[index + 1] : length;
        return end - frameOffsets[index];
    }

    /**
     * Valid data events after the prefix: what the engine accepts and its analytics stages process.
     *
     * @return the count.
     */
    public long validDataEvents()
    {
        return validDataEvents;
    }

    /**
     * Injected KPI samples from elements no topology knows (counted in {@link #validDataEvents()}).
     *
     * @return the count.
     */
    public long unknownElementEvents()
    {
        return unknownElementEvents;
    }

    /**
     * Deliberately corrupted frames, which the edge refuses.
     *
     * @return the count.
     */
    public long corruptedFrames()
    {
        return corruptedFrames;
    }

    /**
     * Event time of the earliest data event.
     *
     * @return epoch milliseconds.
     */
    public long firstEventTimeMs()
    {
        return firstEventTimeMs;
    }

    /**
     * Event time of the latest data event.
     *
     * @return epoch milliseconds.
     */
    public long lastEventTimeMs()
    {
        return lastEventTimeMs;
    }
}
