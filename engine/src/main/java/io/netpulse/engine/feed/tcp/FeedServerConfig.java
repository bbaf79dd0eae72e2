/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.feed.tcp;

import io.netpulse.codec.FrameScanner;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.Objects;

/**
 * Settings of a {@link FeedServer}, each with a default fit for a production feed port.
 */
public final class FeedServerConfig
{
    /** Smallest read buffer: room for what a scan may hold back and a read beside it. */
    public static final int MIN_READ_BUFFER_BYTES = 2 * FrameScanner.MAX_HELD_BACK;

    String host = "0.0.0.0";
    int port;
    int maxConnections = 256;
    long idleTimeoutMs = 5 * 60_000L;
    long frameTimeoutMs = 30_000L;
    long ackTimeoutMs = 30_000L;
    long garbageLimitBytes = 256 * 1024;
    int readBufferBytes = 64 * 1024;
    int maxSources = 64;
    NanoClock nanoClock = SystemNanoClock.INSTANCE;

    /**
     * The address to listen on.
     *
     * @param host a host name or address; 0.0.0.0 for every interface (the default).
     * @return this.
     */
    public FeedServerConfig host(final String host)
    {
        this.host = Objects.requireNonNull(host);
        return this;
    }

    /**
     * The port to listen on.
     *
     * @param port the port; 0 lets the system choose (see {@link FeedServer#port()}).
     * @return this.
     */
    public FeedServerConfig port(final int port)
    {
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        return this;
    }

    /**
     * Most connections open at once; more are refused on arrival and counted.
     *
     * @param maxConnections the limit.
     * @return this.
     */
    public FeedServerConfig maxConnections(final int maxConnections)
    {
        this.maxConnections = positive(maxConnections, "maxConnections");
        return this;
    }

    /**
     * How long a connection may send nothing before it is closed (0 never).
     *
     * @param idleTimeoutMs the timeout.
     * @return this.
     */
    public FeedServerConfig idleTimeoutMs(final long idleTimeoutMs)
    {
        this.idleTimeoutMs = notNegative(idleTimeoutMs, "idleTimeoutMs");
        return this;
    }

    /**
     * How long part of a frame may wait for the rest before the connection is closed as stalled.
     *
     * @param frameTimeoutMs the timeout.
     * @return this.
     */
    public FeedServerConfig frameTimeoutMs(final long frameTimeoutMs)
    {
        this.frameTimeoutMs = positive(frameTimeoutMs, "frameTimeoutMs");
        return this;
    }

    /**
     * How long an acknowledgement may wait for the peer to read before the connection is closed.
     *
     * @param ackTimeoutMs the timeout.
     * @return this.
     */
    public FeedServerConfig ackTimeoutMs(final long ackTimeoutMs)
    {
        this.ackTimeoutMs = positive(ackTimeoutMs, "ackTimeoutMs");
        return this;
    }

    /**
     * Refused bytes tolerated since the last accepted event before the connection is cut off.
     *
     * @param garbageLimitBytes the limit.
     * @return this.
     */
    public FeedServerConfig garbageLimitBytes(final long garbageLimitBytes)
    {
        this.garbageLimitBytes = positive(garbageLimitBytes, "garbageLimitBytes");
        return this;
    }

    /**
     * Read buffer per connection; a read never takes more, so one busy connection cannot crowd out the others.
     *
     * @param readBufferBytes at least {@link #MIN_READ_BUFFER_BYTES}.
     * @return this.
     */
    public FeedServerConfig readBufferBytes(final int readBufferBytes)
    {
        if (readBufferBytes < MIN_READ_BUFFER_BYTES)
        {
            throw new IllegalArgumentException(
                "readBufferBytes must be at least " + MIN_READ_BUFFER_BYTES + ": " + readBufferBytes);
        }
        this.readBufferBytes = readBufferBytes;
        return this;
    }

    /**
     * Most distinct sources (peer addresses) counted separately; peers beyond share one source.
     *
     * @param maxSources the limit.
     * @return this.
     */
    public FeedServerConfig maxSources(final int maxSources)
    {
        this.maxSources = positive(maxSources, "maxSources");
        return this;
    }

    /**
     * The clock timeouts are measured with.
     *
     * @param nanoClock the clock.
     * @return this.
     */
    public FeedServerConfig nanoClock(final NanoClock nanoClock)
    {
        this.nanoClock = Objects.requireNonNull(nanoClock);
        return this;
    }

    private static int positive(final int value, final String name)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    private static long positive(final long value, final String name)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    private static long notNegative(final long value, final String name)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }
}
