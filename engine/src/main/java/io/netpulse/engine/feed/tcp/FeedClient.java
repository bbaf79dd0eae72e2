/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.feed.tcp;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A feed handler's end of the TCP feed: sends frames to a {@link FeedServer} and follows its acknowledgements.
 * Frames are copied into a send buffer and written when it fills or on {@link #flush()}; writes block when the
 * server pushes back, which is how the engine slows a producer down. A thread of the client's own reads the
 * acknowledgements, so {@link #bytesAcknowledged()} tells at any time how much of what was sent is in the
 * engine's journal (or refused for good): what a gateway keeps to re-send after a reconnect is what lies beyond
 * it. One sending thread.
 * <pre>{@code
 * try (FeedClient feed = FeedClient.connect(new InetSocketAddress("noc-1", 7701)))
 * {
 *     final int length = encoder.kpiSample(frame, 0, timeMs, elementId, metricId, value, 0);
 *     feed.send(frame, 0, length);
 *     ...
 *     feed.finish(30_000);   // everything sent is journaled or refused
 * }
 * }</pre>
 */
public final class FeedClient implements AutoCloseable
{
    /** Default send buffer. */
    public static final int DEFAULT_BUFFER_BYTES = 64 * 1024;

    private static final long WAIT_NS = TimeUnit.MICROSECONDS.toNanos(200);

    private final SocketChannel channel;
    private final ByteBuffer sendBuffer;
    private final UnsafeBuffer send;
    private final Thread ackReader;
    private volatile long bytesAcknowledged;
    private volatile long eventsAccepted;
    private volatile long inputsRejected;
    private volatile long acks;
    private volatile boolean serverClosed;
    private volatile IOException failure;
    private long bytesSent;
    private boolean outputShut;

    private FeedClient(final SocketChannel channel, final int bufferBytes)
    {
        this.channel = channel;
        this.sendBuffer = ByteBuffer.allocateDirect(bufferBytes);
        this.send = new UnsafeBuffer(sendBuffer);
        this.ackReader = new Thread(this::readAcks, "netpulse-feed-client-acks");
        this.ackReader.setDaemon(true);
        this.ackReader.start();
    }

    /**
     * Connects to a feed port.
     *
     * @param address of the feed port.
     * @return the connected client.
     * @throws UncheckedIOException when the connection fails.
     */
    public static FeedClient connect(final InetSocketAddress address)
    {
        return connect(address, DEFAULT_BUFFER_BYTES);
    }

    /**
     * Connects to a feed port with a send buffer of a given size.
     *
     * @param address     of the feed port.
     * @param bufferBytes send buffer; at least the longest frame.
     * @return the connected client.
     * @throws UncheckedIOException when the connection fails.
     */
    public static FeedClient connect(final InetSocketAddress address, final int bufferBytes)
    {
        if (bufferBytes < io.netpulse.codec.FrameDescriptor.MAX_FRAME_LENGTH)
        {
            throw new IllegalArgumentException("send buffer smaller than a frame: " + bufferBytes);
        }
        try
        {
            final SocketChannel channel = SocketChannel.open();
            try
            {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.connect(address);
            }
            catch (final IOException | RuntimeException ex)
            {
                channel.close();
                throw ex;
            }
            return new FeedClient(channel, bufferBytes);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot connect to feed " + address, ex);
        }
    }

    /**
     * Sends bytes (whole frames, normally; the server frames the stream itself); blocks while the server
     * pushes back.
     *
     * @param buffer holding the bytes.
     * @param offset at which they start.
     * @param length how many.
     * @throws UncheckedIOException when the connection fails.
     */
    public void send(final DirectBuffer buffer, final int offset, final int length)
    {
        int done = 0;
        while (done < length)
        {
            if (!sendBuffer.hasRemaining())
            {
                flush();
            }
            final int chunk = Math.min(length - done, sendBuffer.remaining());
            send.putBytes(sendBuffer.position(), buffer, offset + done, chunk);
            sendBuffer.position(sendBuffer.position() + chunk);
            done += chunk;
        }
        bytesSent += length;
    }

    /**
     * Writes everything buffered.
     *
     * @throws UncheckedIOException when the connection fails.
     */
    public void flush()
    {
        sendBuffer.flip();
        try
        {
            while (sendBuffer.hasRemaining())
            {
                channel.write(sendBuffer);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("feed connection failed", null != failure ? failure : ex);
        }
        finally
        {
            sendBuffer.clear();
        }
    }

    /**
     * Flushes, tells the server nothing more will come, and waits until it has acknowledged every byte.
     *
     * @param timeoutMs longest wait.
     * @return true when everything sent was acknowledged.
     */
    public boolean finish(final long timeoutMs)
    {
        flush();
        if (!outputShut)
        {
            outputShut = true;
            try
            {
                channel.shutdownOutput();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("feed connection failed", ex);
            }
        }
        return awaitAcknowledged(bytesSent, timeoutMs);
    }

    /**
     * Waits until the server has acknowledged a number of bytes.
     *
     * @param bytes     to wait for.
     * @param timeoutMs longest wait.
     * @return true when acknowledged; false on timeout or when the connection ended first.
     */
    public boolean awaitAcknowledged(final long bytes, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (bytesAcknowledged < bytes)
        {
            if (serverClosed || System.nanoTime() - deadlineNs > 0)
            {
                return bytesAcknowledged >= bytes;
            }
            LockSupport.parkNanos(WAIT_NS);
        }
        return true;
    }

    private void readAcks()
    {
        final ByteBuffer in = ByteBuffer.allocateDirect(FeedAck.LENGTH * 64);
        final UnsafeBuffer acknowledgements = new UnsafeBuffer(in);
        try
        {
            while (true)
            {
                if (channel.read(in) < 0)
                {
                    break;
                }
                final int available = in.position();
                int offset = 0;
                while (available - offset >= FeedAck.LENGTH)
                {
                    if (!FeedAck.isValid(acknowledgements, offset))
                    {
                        throw new IOException("not a feed acknowledgement from the server");
                    }
                    eventsAccepted = FeedAck.accepted(acknowledgements, offset);
                    inputsRejected = FeedAck.rejected(acknowledgements, offset);
                    bytesAcknowledged = FeedAck.bytes(acknowledgements, offset);
                    acks++;
                    offset += FeedAck.LENGTH;
                }
                in.limit(available).position(offset);
                in.compact();
            }
        }
        catch (final IOException ex)
        {
            failure = ex;
        }
        finally
        {
            serverClosed = true;
        }
    }

    /**
     * Bytes handed to {@link #send}.
     *
     * @return the count.
     */
    public long bytesSent()
    {
        return bytesSent;
    }

    /**
     * Bytes the server has acknowledged: journaled, or refused for good.
     *
     * @return the count.
     */
    public long bytesAcknowledged()
    {
        return bytesAcknowledged;
    }

    /**
     * Events the server accepted and journaled, as of the last acknowledgement.
     *
     * @return the count.
     */
    public long eventsAccepted()
    {
        return eventsAccepted;
    }

    /**
     * Inputs the server refused, as of the last acknowledgement.
     *
     * @return the count.
     */
    public long inputsRejected()
    {
        return inputsRejected;
    }

    /**
     * Acknowledgements received.
     *
     * @return the count.
     */
    public long acknowledgements()
    {
        return acks;
    }

    /**
     * Whether the server has closed the connection (or it failed).
     *
     * @return true once closed.
     */
    public boolean isClosedByServer()
    {
        return serverClosed;
    }

    /**
     * Closes the connection without waiting for acknowledgements.
     */
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close feed connection", ex);
        }
        try
        {
            ackReader.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
