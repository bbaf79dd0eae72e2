/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec;

import java.util.zip.CRC32C;

import org.agrona.DirectBuffer;
import org.agrona.checksum.Crc32c;

/**
 * CRC32C over a region of any {@link DirectBuffer}, heap or off-heap, without allocating. Both paths use the
 * JDK's intrinsic; one instance per thread, as {@link CRC32C} is stateful. Off-heap memory goes through
 * Agrona's {@link Crc32c}, which needs {@code --add-opens java.base/java.util.zip=ALL-UNNAMED}; an embedding
 * application started without it still works, at the cost of a copy into a scratch array.
 */
public final class FrameChecksum
{
    private static final boolean OFF_HEAP_INTRINSIC = offHeapIntrinsicAvailable();

    private final CRC32C crc = new CRC32C();
    private byte[] scratch;

    /**
     * Computes the CRC32C of a region.
     *
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length of the region.
     * @return the checksum as an int, as stored in a frame.
     */
    public int compute(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] array = buffer.byteArray();
        if (null != array)
        {
            crc.reset();
            crc.update(array, buffer.wrapAdjustment() + offset, length);
            return (int)crc.getValue();
        }

        if (OFF_HEAP_INTRINSIC)
        {
            return Crc32c.INSTANCE.compute(buffer.addressOffset(), offset, length);
        }

        return computeByCopy(buffer, offset, length);
    }

    int computeByCopy(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null == scratch || scratch.length < length)
        {
            scratch = new byte[Math.max(length, FrameDescriptor.MAX_FRAME_LENGTH)];
        }
        buffer.getBytes(offset, scratch, 0, length);
        crc.reset();
        crc.update(scratch, 0, length);
        return (int)crc.getValue();
    }

    private static boolean offHeapIntrinsicAvailable()
    {
        try
        {
            return null != Crc32c.INSTANCE;
        }
        catch (final LinkageError ex)
        {
            return false;
        }
    }
}
