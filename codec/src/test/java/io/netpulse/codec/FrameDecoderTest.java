/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec;

import io.netpulse.codec.sbe.AlertEncoder;
import io.netpulse.codec.sbe.MessageHeaderEncoder;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.TopologyOp;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.netpulse.codec.FrameDescriptor.BODY_OFFSET;
import static io.netpulse.codec.FrameDescriptor.MESSAGE_HEADER_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameDecoderTest
{
    private static final long TIME = 1_767_225_600_000L;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private final EventFrameEncoder encoder = new EventFrameEncoder();
    private final FrameDecoder decoder = new FrameDecoder();
    private int length;

    @BeforeEach
    void encodeKpi()
    {
        length = encoder.kpiSample(buffer, 0, TIME, 1234L, 7, 42.5, 0);
    }

    private void reseal()
    {
        encoder.seal(buffer, 0, length - FrameDescriptor.MIN_FRAME_LENGTH);
    }

    @Test
    void shouldAcceptWholeFrame()
    {
        assertEquals(FrameDecoder.FRAME, decoder.decode(buffer, 0, length));
        assertEquals(length, decoder.frameLength());
        assertEquals(MessageType.KPI_SAMPLE, decoder.messageType());
        assertNull(decoder.rejectReason());
        assertEquals(1, decoder.actingVersion());
    }

    @Test
    void shouldNeedMoreForEveryPrefix()
    {
        for (int available = 0; available < length; available++)
        {
            assertEquals(FrameDecoder.NEED_MORE, decoder.decode(buffer, 0, available), "prefix " + available);
        }
    }

    @Test
    void shouldRejectEverySingleBitFlip()
    {
        for (int bit = 0; bit < length * 8; bit++)
        {
            buffer.putByte(bit / 8, (byte)(buffer.getByte(bit / 8) ^ (1 << (bit % 8))));
            final int status = decoder.decode(buffer, 0, 4096);
            assertEquals(FrameDecoder.REJECTED, status, "bit " + bit);
            assertFalse(decoder.lengthTrusted(), "bit " + bit);
            final RejectReason reason = decoder.rejectReason();
            assertTrue(
                reason == RejectReason.BAD_CHECKSUM || reason == RejectReason.BAD_LENGTH ||
                reason == RejectReason.OVERSIZED_FRAME, "bit " + bit + " gave " + reason);
            buffer.putByte(bit / 8, (byte)(buffer.getByte(bit / 8) ^ (1 << (bit % 8))));
        }
        assertEquals(FrameDecoder.FRAME, decoder.decode(buffer, 0, length));
    }

    @Test
    void shouldRejectBitFlipInBodyAsBadChecksum()
    {
        buffer.putByte(BODY_OFFSET + 3, (byte)(buffer.getByte(BODY_OFFSET + 3) ^ 0x10));
        assertEquals(FrameDecoder.REJECTED, decoder.decode(buffer, 0, length));
        assertEquals(RejectReason.BAD_CHECKSUM, decoder.rejectReason());
    }

    @Test
    void shouldRejectLengthBelowMinimum()
    {
        buffer.putInt(0, FrameDescriptor.MIN_FRAME_LENGTH - 1, LITTLE_ENDIAN);
        assertEquals(FrameDecoder.REJECTED, decoder.decode(buffer, 0, length));
        assertEquals(RejectReason.BAD_LENGTH, decoder.rejectReason());
        assertFalse(decoder.lengthTrusted());
    }

    @Test
    void shouldRejectOversizedFrame()
    {
        buffer.putInt(0, FrameDescriptor.MAX_FRAME_LENGTH + 1, LITTLE_ENDIAN);
        assertEquals(FrameDecoder.REJECTED, decoder.decode(buffer, 0, 4096));
        assertEquals(RejectReason.OVERSIZED_FRAME, decoder.rejectReason());
    }

    @Test
    void shouldRejectUnknownTemplateWithTrustedLength()
    {
        buffer.putShort(MESSAGE_HEADER_OFFSET + 2, (short)29, LITTLE_ENDIAN);
        reseal();
        assertEquals(FrameDecoder.REJECTED, decoder.decode(buffer, 0, length));
        assertEquals(RejectReason.UNKNOWN_TEMPLATE, decoder.rejectReason());
        assertTrue(decoder.lengthTrusted());
        assertEquals(length, decoder.frameLength());
    }

    @Test
    void shouldRejectOtherSchema()
    {
        buffer.putShort(MESSAGE_HEADER_OFFSET + 4, (short)1, LITTLE_ENDIAN);
        reseal();
        assertEquals(FrameDecoder.REJECTED, decoder.decode(buffer, 0, length));
        assertEquals(RejectReason.UNKNOWN_SCHEMA, decoder.rejectReason());
    }

    @Test
    void shouldRejectVersionZero()
    {
        buffer.putShort(MESSAGE_HEADER_OFFSET + 6, (short)0, LITTLE_ENDIAN);
        reseal();
        assertEquals(FrameDecoder.REJECTED, decoder.decode(buffer, 0, length));
        assertEquals(RejectReason.UNSUPPORTED_VERSION, decoder.rejectReason());
    }

    @Test
    void shouldAcceptNewerVersion()
    {
        buffer.putShort(MESSAGE_HEADER_OFFSET + 6, (short)9, LITTLE_ENDIAN);
        reseal();
        assertEquals(FrameDecoder.FRAME, decoder.decode(buffer, 0, length));
        assertEquals(9, decoder.actingVersion());
    }

    @Test
    void shouldRejectBlockLengthShorterThanTemplate()
    {
        buffer.putShort(MESSAGE_HEADER_OFFSET, (short)10, LITTLE_ENDIAN);
        reseal();
        assertEquals(FrameDecoder.REJECTED, decoder.decode(buffer, 0, length));
        assertEquals(RejectReason.BAD_BLOCK_LENGTH, decoder.rejectReason());
    }

    @Test
    void shouldRejectBlockLengthOverrunningFrame()
    {
        buffer.putShort(MESSAGE_HEADER_OFFSET, (short)200, LITTLE_ENDIAN);
        reseal();
        assertEquals(FrameDecoder.REJECTED, decoder.decode(buffer, 0, length));
        assertEquals(RejectReason.BAD_BLOCK_LENGTH, decoder.rejectReason());
    }

    @Test
    void shouldRejectVarDataOverrunningFrame()
    {
        length = encoder.topologyUpdate(buffer, 0, 0, 5, 1, NodeLevel.ELEMENT, TopologyOp.ADD, 0, "a", "b", "c");
        assertEquals(FrameDecoder.FRAME, decoder.decode(buffer, 0, length));
        // the last var field's length claims more than the frame holds
        final int lastLengthOffset = length - FrameDescriptor.CHECKSUM_LENGTH - 1 - 2;
        buffer.putShort(lastLengthOffset, (short)50, LITTLE_ENDIAN);
        reseal();
        assertEquals(FrameDecoder.REJECTED, decoder.decode(buffer, 0, length));
        assertEquals(RejectReason.MALFORMED_BODY, decoder.rejectReason());
    }

    @Test
    void shouldRejectMissingVarDataHeader()
    {
        length = encoder.windowSpecUpdate(buffer, 0, 0, 1, io.netpulse.codec.sbe.ConfigOp.PUT, 1000, 10, 0);
        // rewrite its template as a topology update whose block fits but whose var fields are missing
        final MessageHeaderEncoder header = new MessageHeaderEncoder().wrap(buffer, MESSAGE_HEADER_OFFSET);
        header.templateId(MessageType.TOPOLOGY_UPDATE.templateId()).blockLength(MessageType.TOPOLOGY_UPDATE
            .minBlockLength());
        reseal();
        assertEquals(FrameDecoder.REJECTED, decoder.decode(buffer, 0, length));
        assertEquals(RejectReason.MALFORMED_BODY, decoder.rejectReason());
    }

    @Test
    void shouldValidateAlertGroupBounds()
    {
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final AlertEncoder alert = new AlertEncoder().wrapAndApplyHeader(buffer, MESSAGE_HEADER_OFFSET, header);
        alert.alertId(1).relatedCount(2).next().relatedId(1).relatedValue(0.5).next().relatedId(2).relatedValue(1);
        alert.detail("why");
        length = encoder.seal(buffer, 0, alert.encodedLength());
        assertEquals(FrameDecoder.FRAME, decoder.decode(buffer, 0, length));
        assertEquals(MessageType.ALERT, decoder.messageType());

        final int groupHeader = BODY_OFFSET + AlertEncoder.BLOCK_LENGTH;
        buffer.putShort(groupHeader + 2, (short)30, LITTLE_ENDIAN);
        reseal();
        assertEquals(FrameDecoder.REJECTED, decoder.decode(buffer, 0, length));
        assertEquals(RejectReason.MALFORMED_BODY, decoder.rejectReason());

        // a group header cut off by the end of the body
        buffer.putShort(MESSAGE_HEADER_OFFSET, (short)(length - FrameDescriptor.MIN_FRAME_LENGTH - 2), LITTLE_ENDIAN);
        reseal();
        assertEquals(FrameDecoder.REJECTED, decoder.decode(buffer, 0, length));
        assertEquals(RejectReason.MALFORMED_BODY, decoder.rejectReason());
    }

    @Test
    void shouldTestPlausibleFrameStartCheaply()
    {
        assertTrue(decoder.mayStartFrame(buffer, 0, length));
        assertTrue(decoder.mayStartFrame(buffer, 0, 5));
        assertFalse(decoder.mayStartFrame(buffer, 1, length - 1));
        buffer.putShort(MESSAGE_HEADER_OFFSET + 4, (short)1, LITTLE_ENDIAN);
        assertFalse(decoder.mayStartFrame(buffer, 0, length));
    }

    @Test
    void shouldRefuseMaxFrameLengthBelowMinimum()
    {
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(1, 3));
    }

    @Test
    void shouldHonourCustomMaximum()
    {
        final FrameDecoder small = new FrameDecoder(MessageHeaderEncoder.SCHEMA_ID, length - 1);
        assertEquals(FrameDecoder.REJECTED, small.decode(buffer, 0, length));
        assertEquals(RejectReason.OVERSIZED_FRAME, small.rejectReason());
    }

    @Test
    void shouldDescribeReasonsWithStableIds()
    {
        assertEquals(RejectReason.values().length, RejectReason.count());
        for (final RejectReason reason : RejectReason.values())
        {
            assertEquals(reason, RejectReason.get(reason.id()));
            assertEquals(reason.name().toLowerCase(java.util.Locale.ROOT), reason.label());
            assertFalse(reason.description().isEmpty());
        }
        assertNull(RejectReason.get(-1));
        assertNull(RejectReason.get(RejectReason.count()));
        assertNotEquals(RejectReason.BAD_LENGTH.id(), RejectReason.BAD_CHECKSUM.id());
    }

    @Test
    void shouldDescribeMessageTypes()
    {
        for (final MessageType type : MessageType.values())
        {
            assertEquals(type, MessageType.get(type.templateId()));
            assertTrue(type.minBlockLength() > 0);
        }
        assertNull(MessageType.get(-1));
        assertNull(MessageType.get(0));
        assertNull(MessageType.get(1000));
        assertTrue(MessageType.KPI_SAMPLE.isData());
        assertFalse(MessageType.TOPOLOGY_UPDATE.isData());
        assertEquals(3, MessageType.TOPOLOGY_UPDATE.varDataFieldCount());
        assertTrue(MessageType.ALERT.hasGroup());
        assertEquals("cdr", MessageType.CALL_DETAIL_RECORD.label());
    }
}
