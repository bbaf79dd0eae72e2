/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.journal;

import io.netpulse.codec.RejectReason;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

import static io.netpulse.journal.DeadLetterDescriptor.COLUMN_OFFSET;
import static io.netpulse.journal.DeadLetterDescriptor.FLAGS_OFFSET;
import static io.netpulse.journal.DeadLetterDescriptor.FLAG_TRUNCATED;
import static io.netpulse.journal.DeadLetterDescriptor.KIND_OFFSET;
import static io.netpulse.journal.DeadLetterDescriptor.KIND_TEXT;
import static io.netpulse.journal.DeadLetterDescriptor.LINE_OFFSET;
import static io.netpulse.journal.DeadLetterDescriptor.MAX_PAYLOAD_LENGTH;
import static io.netpulse.journal.DeadLetterDescriptor.MAX_STRING_LENGTH;
import static io.netpulse.journal.DeadLetterDescriptor.ORIGINAL_LENGTH_OFFSET;
import static io.netpulse.journal.DeadLetterDescriptor.REASON_OFFSET;
import static io.netpulse.journal.DeadLetterDescriptor.SOURCE_ID_OFFSET;
import static io.netpulse.journal.DeadLetterDescriptor.TIME_OFFSET;
import static io.netpulse.journal.DeadLetterDescriptor.VARIABLE_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_SHORT;

/**
 * One dead letter, read back: input refused at the edge with why, when and from where (see
 * {@link DeadLetterDescriptor} for the layout). {@link #encode} writes one.
 *
 * @param index          position in the dead-letter journal, increasing.
 * @param refusedAtMs    when it was refused, epoch milliseconds.
 * @param sourceId       source that delivered it.
 * @param sourceName     that source's name.
 * @param reason         why it was refused; null for a reason id this version does not know.
 * @param reasonId       the reason's stable id.
 * @param text           true for a text record, false for frame bytes.
 * @param truncated      whether the payload was cut.
 * @param line           line of a text record, -1 for frame bytes.
 * @param column         column of the problem in a text record, 0 for the whole record.
 * @param originalLength the payload's length before any cut.
 * @param format         format of a text record (csv, ndjson, asterisk-cdr, kpi-csv), empty for frames.
 * @param message        what was wrong, for a person; empty when only the reason is known.
 * @param context        what is needed to read a text record again (a CSV header), or empty.
 * @param payload        the refused bytes, as they arrived.
 */
public record DeadLetter(
    long index,
    long refusedAtMs,
    int sourceId,
    String sourceName,
    RejectReason reason,
    int reasonId,
    boolean text,
    boolean truncated,
    long line,
    int column,
    int originalLength,
    String format,
    String message,
    String context,
    byte[] payload)
{
    /**
     * The payload as text (a text record's own text; frame bytes decode to junk).
     *
     * @return the payload decoded as UTF-8.
     */
    public String payloadText()
    {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /**
     * Bytes {@link #encode} will write.
     *
     * @param sourceName    UTF-8 bytes of the source name.
     * @param format        UTF-8 bytes of the format.
     * @param message       UTF-8 bytes of the message.
     * @param context       UTF-8 bytes of the context.
     * @param payloadLength of the refused input.
     * @return the record length.
     */
    public static int encodedLength(
        final byte[] sourceName, final byte[] format, final byte[] message, final byte[] context,
        final int payloadLength)
    {
        return VARIABLE_OFFSET + SIZE_OF_SHORT * 4 + cut(sourceName.length) + cut(format.length) +
            cut(message.length) + cut(context.length) + SIZE_OF_INT + Math.min(payloadLength, MAX_PAYLOAD_LENGTH);
    }

    private static int cut(final int stringLength)
    {
        return Math.min(stringLength, MAX_STRING_LENGTH);
    }

    /**
     * Writes a dead letter.
     *
     * @param buffer        to write into; {@link #encodedLength} bytes from the offset.
     * @param offset        at which the record starts.
     * @param refusedAtMs   when it was refused.
     * @param sourceId      the source id.
     * @param reasonId      the reject reason's id.
     * @param text          true for a text record.
     * @param line          line of a text record, -1 otherwise.
     * @param column        column of the problem, 0 otherwise.
     * @param sourceName    UTF-8 bytes of the source name.
     * @param format        UTF-8 bytes of the format.
     * @param message       UTF-8 bytes of the message.
     * @param context       UTF-8 bytes of the context.
     * @param payload       holding the refused bytes.
     * @param payloadOffset at which they start.
     * @param payloadLength how many there are.
     * @return the record length.
     */
    public static int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final long refusedAtMs,
        final int sourceId,
        final int reasonId,
        final boolean text,
        final long line,
        final int column,
        final byte[] sourceName,
        final byte[] format,
        final byte[] message,
        final byte[] context,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength)
    {
        final int kept = Math.min(payloadLength, MAX_PAYLOAD_LENGTH);
        buffer.putLong(offset + TIME_OFFSET, refusedAtMs, LITTLE_ENDIAN);
        buffer.putInt(offset + SOURCE_ID_OFFSET, sourceId, LITTLE_ENDIAN);
        buffer.putShort(offset + REASON_OFFSET, (short)reasonId, LITTLE_ENDIAN);
        buffer.putByte(offset + KIND_OFFSET, text ? KIND_TEXT : DeadLetterDescriptor.KIND_FRAME);
        buffer.putByte(offset + FLAGS_OFFSET, kept < payloadLength ? FLAG_TRUNCATED : 0);
        buffer.putLong(offset + LINE_OFFSET, line, LITTLE_ENDIAN);
        buffer.putInt(offset + COLUMN_OFFSET, column, LITTLE_ENDIAN);
        buffer.putInt(offset + ORIGINAL_LENGTH_OFFSET, payloadLength, LITTLE_ENDIAN);
        int position = offset + VARIABLE_OFFSET;
        position = putString(buffer, position, sourceName);
        position = putString(buffer, position, format);
        position = putString(buffer, position, message);
        position = putString(buffer, position, context);
        buffer.putInt(position, kept, LITTLE_ENDIAN);
        position += SIZE_OF_INT;
        buffer.putBytes(position, payload, payloadOffset, kept);
        return position + kept - offset;
    }

    private static int putString(final MutableDirectBuffer buffer, final int position, final byte[] value)
    {
        final int length = cut(value.length);
        buffer.putShort(position, (short)length, LITTLE_ENDIAN);
        buffer.putBytes(position + SIZE_OF_SHORT, value, 0, length);
        return position + SIZE_OF_SHORT + length;
    }

    /**
     * Reads a dead letter.
     *
     * @param index  its position in the journal.
     * @param buffer holding it.
     * @param offset at which it starts.
     * @param length of the record.
     * @return the dead letter, or null when the bytes are not a whole record.
     */
    public static DeadLetter decode(final long index, final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        if (length < VARIABLE_OFFSET)
        {
            return null;
        }
        final int[] position = {offset + VARIABLE_OFFSET};
        final String sourceName = getString(buffer, position, end);
        final String format = getString(buffer, position, end);
        final String message = getString(buffer, position, end);
        final String context = getString(buffer, position, end);
        if (null == context || position[0] + SIZE_OF_INT > end)
        {
            return null;
        }
        final int payloadLength = buffer.getInt(position[0], LITTLE_ENDIAN);
        if (payloadLength < 0 || position[0] + SIZE_OF_INT + payloadLength > end)
        {
            return null;
        }
        final byte[] payload = new byte[payloadLength];
        buffer.getBytes(position[0] + SIZE_OF_INT, payload);
        final int reasonId = buffer.getShort(offset + REASON_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
        return new DeadLetter(
            index,
            buffer.getLong(offset + TIME_OFFSET, LITTLE_ENDIAN),
            buffer.getInt(offset + SOURCE_ID_OFFSET, LITTLE_ENDIAN),
            sourceName,
            RejectReason.get(reasonId),
            reasonId,
            buffer.getByte(offset + KIND_OFFSET) == KIND_TEXT,
            (buffer.getByte(offset + FLAGS_OFFSET) & FLAG_TRUNCATED) != 0,
            buffer.getLong(offset + LINE_OFFSET, LITTLE_ENDIAN),
            buffer.getInt(offset + COLUMN_OFFSET, LITTLE_ENDIAN),
            buffer.getInt(offset + ORIGINAL_LENGTH_OFFSET, LITTLE_ENDIAN),
            format,
            message,
            context,
            payload);
    }

    private static String getString(final DirectBuffer buffer, final int[] position, final int end)
    {
        if (position[0] < 0 || position[0] + SIZE_OF_SHORT > end)
        {
            position[0] = -1;
            return null;
        }
        final int length = buffer.getShort(position[0], LITTLE_ENDIAN) & 0xFFFF;
        if (position[0] + SIZE_OF_SHORT + length > end)
        {
            position[0] = -1;
            return null;
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(position[0] + SIZE_OF_SHORT, bytes);
        position[0] += SIZE_OF_SHORT + length;
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
