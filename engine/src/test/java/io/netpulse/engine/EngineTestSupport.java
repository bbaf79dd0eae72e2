/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine;

import io.netpulse.codec.FrameDescriptor;
import io.netpulse.engine.generator.EventGenerator;
import io.netpulse.engine.generator.GeneratorConfig;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * Generated streams held in memory for engine tests.
 */
final class EngineTestSupport
{
    private EngineTestSupport()
    {
    }

    /**
     * A generated stream, whole, in a buffer.
     *
     * @param generator what produced it (its stats describe the stream).
     * @param buffer    the frames back to back.
     * @param length    bytes used.
     */
    record Stream(EventGenerator generator, UnsafeBuffer buffer, int length)
    {
    }

    static Stream generate(final GeneratorConfig config)
    {
        final EventGenerator generator = new EventGenerator(config);
        UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 20));
        int position = 0;
        while (true)
        {
            if (position + FrameDescriptor.MAX_FRAME_LENGTH > buffer.capacity())
            {
                final UnsafeBuffer bigger = new UnsafeBuffer(ByteBuffer.allocateDirect(buffer.capacity() * 2));
                bigger.putBytes(0, buffer, 0, position);
                buffer = bigger;
            }
            final int length = generator.next(buffer, position);
            if (0 == length)
            {
                return new Stream(generator, buffer, position);
            }
            position += length;
        }
    }
}
