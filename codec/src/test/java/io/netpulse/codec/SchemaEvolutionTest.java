/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec;

import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.KpiSampleDecoder;
import io.netpulse.codec.sbe.ServiceType;
import io.netpulse.codec.sbe.v2.CallDetailRecordDecoder;
import io.netpulse.codec.sbe.v2.CallDetailRecordEncoder;
import io.netpulse.codec.sbe.v2.KpiSampleEncoder;
import io.netpulse.codec.sbe.v2.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.netpulse.codec.FrameDescriptor.BODY_OFFSET;
import static io.netpulse.codec.FrameDescriptor.MESSAGE_HEADER_OFFSET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frames of the test-only v2 schema (fields appended to KpiSample and CallDetailRecord) decode in the v1
 * reader, and v1 frames decode in the v2 reader, with generated codecs of both versions.
 */
class SchemaEvolutionTest
{
    private static final long T = 1_767_225_600_000L;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final EventFrameEncoder v1Encoder = new EventFrameEncoder();
    private final FrameDecoder frameDecoder = new FrameDecoder();

    @Test
    void v1ReaderDecodesV2FrameIgnoringAdditions()
    {
        final KpiSampleEncoder v2 = new KpiSampleEncoder()
            .wrapAndApplyHeader(buffer, MESSAGE_HEADER_OFFSET, new MessageHeaderEncoder())
            .eventTimeMs(T)
            .elementId(77)
            .metricId(3)
            .value(12.25)
            .sampleIntervalMs(15_000)
            .confidence(0.9);
        final int length = v1Encoder.seal(buffer, 0, v2.encodedLength());

        assertEquals(FrameDecoder.FRAME, frameDecoder.decode(buffer, 0, length));
        assertEquals(2, frameDecoder.actingVersion());
        assertTrue(frameDecoder.actingBlockLength() > io.netpulse.codec.sbe.KpiSampleDecoder.BLOCK_LENGTH);
        assertNull(new EventValidator().validate(buffer, 0, frameDecoder));

        final KpiSampleDecoder v1 = new KpiSampleDecoder().wrap(
            buffer, BODY_OFFSET, frameDecoder.actingBlockLength(), frameDecoder.actingVersion());
        assertEquals(T, v1.eventTimeMs());
        assertEquals(77, v1.elementId());
        assertEquals(3, v1.metricId());
        assertEquals(12.25, v1.value());
    }

    @Test
    void v1ReaderSkipsV2FramesInAStream()
    {
        int position = 0;
        for (int i = 0; i < 3; i++)
        {
            final CallDetailRecordEncoder v2 = new CallDetailRecordEncoder()
                .wrapAndApplyHeader(buffer, position + MESSAGE_HEADER_OFFSET, new MessageHeaderEncoder())
                .eventTimeMs(T + i)
                .cdrId(i)
                .elementId(5)
                .serviceType(io.netpulse.codec.sbe.v2.ServiceType.VOICE)
                .result(io.netpulse.codec.sbe.v2.CallResult.ANSWERED)
                .jitterUs(1234);
            position += v1Encoder.seal(buffer, position, v2.encodedLength());
        }

        final int[] seen = new int[1];
        final FrameScanner scanner = new FrameScanner();
        scanner.scan(buffer, 0, position, true, new FrameHandler()
        {
            public void onFrame(
                final org.agrona.DirectBuffer b, final int offset, final int length, final FrameDecoder decoder)
            {
                final io.netpulse.codec.sbe.CallDetailRecordDecoder v1 =
                    new io.netpulse.codec.sbe.CallDetailRecordDecoder().wrap(
                        b, offset + BODY_OFFSET, decoder.actingBlockLength(), decoder.actingVersion());
                assertEquals(seen[0], v1.cdrId());
                assertEquals(T + seen[0], v1.eventTimeMs());
                seen[0]++;
            }

            public void onReject(
                final RejectReason reason, final org.agrona.DirectBuffer b, final int offset, final int length)
            {
                throw new AssertionError(reason.toString());
            }
        });
        assertEquals(3, seen[0]);
    }

    @Test
    void v2ReaderDecodesV1FrameWithNullAdditions()
    {
        final int length = v1Encoder.callDetailRecord(
            buffer, 0, T, 9, 5, ServiceType.VIDEO, CallResult.DROPPED, 41, 120, 3000, 380, 10, 20, 1, 2);
        assertEquals(FrameDecoder.FRAME, frameDecoder.decode(buffer, 0, length));
        assertEquals(1, frameDecoder.actingVersion());

        final CallDetailRecordDecoder v2 = new CallDetailRecordDecoder().wrap(
            buffer, BODY_OFFSET, frameDecoder.actingBlockLength(), frameDecoder.actingVersion());
        assertEquals(9, v2.cdrId());
        assertEquals(io.netpulse.codec.sbe.v2.CallResult.DROPPED, v2.result());
        assertEquals(380, v2.mosX100());
        assertEquals(CallDetailRecordDecoder.jitterUsNullValue(), v2.jitterUs());

        final int kpiLength = v1Encoder.kpiSample(buffer, 0, T, 1, 2, 3.0, 0);
        assertEquals(FrameDecoder.FRAME, frameDecoder.decode(buffer, 0, kpiLength));
        final io.netpulse.codec.sbe.v2.KpiSampleDecoder kpi = new io.netpulse.codec.sbe.v2.KpiSampleDecoder().wrap(
            buffer, BODY_OFFSET, frameDecoder.actingBlockLength(), frameDecoder.actingVersion());
        assertEquals(3.0, kpi.value());
        assertEquals(io.netpulse.codec.sbe.v2.KpiSampleDecoder.sampleIntervalMsNullValue(), kpi.sampleIntervalMs());
        assertTrue(Double.isNaN(kpi.confidence()));
    }
}
