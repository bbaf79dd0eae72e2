/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FrameChecksumTest
{
    @Property(tries = 200)
    void heapAndDirectBuffersGiveTheJdkCrc32c(
        @ForAll @Size(max = 600) final byte[] bytes, @ForAll @IntRange(max = 17) final int offset)
    {
        final CRC32C reference = new CRC32C();
        reference.update(bytes, 0, bytes.length);
        final int expected = (int)reference.getValue();

        final UnsafeBuffer heap = new UnsafeBuffer(new byte[bytes.length + offset]);
        heap.putBytes(offset, bytes);
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length + offset));
        direct.putBytes(offset, bytes);
        final byte[] sliced = new byte[bytes.length + 2 * offset];
        final UnsafeBuffer slice = new UnsafeBuffer(sliced, offset, bytes.length + offset);
        slice.putBytes(offset, bytes);

        final FrameChecksum checksum = new FrameChecksum();
        assertEquals(expected, checksum.compute(heap, offset, bytes.length));
        assertEquals(expected, checksum.compute(direct, offset, bytes.length));
        assertEquals(expected, checksum.compute(slice, offset, bytes.length));
        assertEquals(expected, checksum.computeByCopy(direct, offset, bytes.length));
    }
}
