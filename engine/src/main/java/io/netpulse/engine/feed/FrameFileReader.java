/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.feed;

import io.netpulse.engine.ring.EventPublisher;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Feeds a file of frames (the wire format, back to back, as {@code netpulse generate} writes it) through a
 * publisher. The file is memory-mapped a window at a time, so memory stays constant whatever its size, and
 * frames go to the ring without an intermediate copy.
 */
public final class FrameFileReader
{
    /** Bytes mapped at once. */
    public static final int WINDOW_BYTES = 64 * 1024 * 1024;

    private static final int PROGRESS_STEP_BYTES = 4 * 1024 * 1024;

    private FrameFileReader()
    {
    }

    /**
     * Publishes every frame of a file; refused frames are counted by the publisher.
     *
     * @param path      of the frame file.
     * @param publisher to publish through.
     * @param progress  told of bytes read.
     * @return bytes read, or -1 if the engine closed first.
     */
    public static long publish(final Path path, final EventPublisher publisher, final Progress progress)
    {
        return publish(path, publisher, progress, WINDOW_BYTES, PROGRESS_STEP_BYTES);
    }

    static long publish(
        final Path path,
        final EventPublisher publisher,
        final Progress progress,
        final int windowBytes,
        final int stepBytes)
    {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ))
        {
            final long size = channel.size();
            final UnsafeBuffer window = new UnsafeBuffer(0, 0);
            long position = 0;
            long reported = 0;
            while (position < size)
            {
                final int length = (int)Math.min(windowBytes, size - position);
                final boolean last = position + length == size;
                final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, position, length);
                try
                {
                    window.wrap(mapped);
                    int offset = 0;
                    while (offset < length)
                    {
                        // A chunk is far longer than any frame, so it comes back unconsumed only at the
                        // window's end, where a frame straddles into the next window: remap from there.
                        final int chunk = Math.min(stepBytes, length - offset);
                        final boolean endOfInput = last && offset + chunk == length;
                        final int consumed = publisher.publishStream(window, offset, chunk, endOfInput);
                        if (consumed == EventPublisher.CLOSED)
                        {
                            return -1;
                        }
                        offset += consumed;
                        if (consumed < chunk && offset + stepBytes > length)
                        {
                            break;
                        }
                        if (position + offset - reported >= stepBytes)
                        {
                            reported = position + offset;
                            progress.update(reported, size);
                        }
                    }
                    position += offset;
                }
                finally
                {
                    IoUtil.unmap(mapped);
                }
            }
            progress.update(size, size);
            return size;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read frame file " + path, ex);
        }
    }
}
