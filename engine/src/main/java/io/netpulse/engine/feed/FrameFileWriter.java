/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.feed;

import io.netpulse.codec.FrameDescriptor;
import io.netpulse.engine.generator.EventGenerator;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes frames back to back to a file, through a direct buffer, for replay with {@code netpulse run} or
 * {@code netpulse feed}. Callers encode straight into {@link #buffer()} at {@link #position()}.
 */
public final class FrameFileWriter implements AutoCloseable
{
    private static final int BUFFER_BYTES = 1024 * 1024;

    private final FileChannel channel;
    private final ByteBuffer byteBuffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final UnsafeBuffer buffer = new UnsafeBuffer(byteBuffer);
    private int position;
    private long bytesWritten;
    private long frames;

    /**
     * Creates (or truncates) a frame file.
     *
     * @param path of the file.
     */
    public FrameFileWriter(final Path path)
    {
        try
        {
            channel = FileChannel.open(
                path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create frame file " + path, ex);
        }
    }

    /**
     * Writes a generator's whole stream to a file.
     *
     * @param path      of the frame file.
     * @param generator to drain.
     * @param progress  told of valid events written, out of those configured.
     * @return frames written.
     */
    public static long write(final Path path, final EventGenerator generator, final Progress progress)
    {
        final long total = generator.config().events();
        try (FrameFileWriter writer = new FrameFileWriter(path))
        {
            while (true)
            {
                writer.reserve();
                final int length = generator.next(writer.buffer(), writer.position());
                if (0 == length)
                {
                    break;
                }
                writer.commit(length);
                if ((writer.frames() & 0xFFFF) == 0)
                {
                    progress.update(generator.stats().validData(), total);
                }
            }
            progress.update(generator.stats().validData(), total);
            return writer.frames();
        }
    }

    /**
     * Makes sure a whole frame fits at {@link #position()}, writing out the buffer if not.
     */
    public void reserve()
    {
        if (position + FrameDescriptor.MAX_FRAME_LENGTH > BUFFER_BYTES)
        {
            drain();
        }
    }

    /**
     * The buffer to encode the next frame into, at {@link #position()}; call {@link #reserve()} first.
     *
     * @return the buffer.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * Where the next frame goes.
     *
     * @return the offset in {@link #buffer()}.
     */
    public int position()
    {
        return position;
    }

    /**
     * Accepts a frame just encoded at {@link #position()}.
     *
     * @param frameLength its length.
     */
    public void commit(final int frameLength)
    {
        position += frameLength;
        frames++;
    }

    private void drain()
    {
        byteBuffer.clear().limit(position);
        try
        {
            while (byteBuffer.hasRemaining())
            {
                channel.write(byteBuffer);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write frame file", ex);
        }
        bytesWritten += position;
        position = 0;
    }

    /**
     * Bytes written so far, the buffered ones included.
     *
     * @return the byte count.
     */
    public long bytes()
    {
        return bytesWritten + position;
    }

    /**
     * Frames committed.
     *
     * @return the frame count.
     */
    public long frames()
    {
        return frames;
    }

    /**
     * Writes what is buffered and closes the file.
     */
    public void close()
    {
        drain();
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close frame file", ex);
        }
    }
}
