/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.feed.tcp;

import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.FrameScanner;
import io.netpulse.engine.Engine;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.engine.stage.JournalStage;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The TCP feed port: accepts many connections on one NIO thread, reads the frames each sends (see
 * {@link FeedAck} for the protocol), validates and publishes them through the engine's edge, and acknowledges
 * each connection's stream once what it published is in the journal.
 * <ul>
 * <li><b>Backpressure.</b> A read never takes more bytes than the ring has free slots for frames, and when the
 * ring is full no socket is read at all: TCP's window then pushes back on the senders. Nothing accepted is ever
 * dropped.</li>
 * <li><b>Fairness.</b> Each round reads at most one buffer from each ready connection, so a connection flooding
 * the port (with events or garbage) gets its share and no more.</li>
 * <li><b>Bad input.</b> Garbage is refused with reasons, counted per source (one source per peer address) and
 * dead-lettered; a connection that sends more refused bytes than the garbage limit since its last good event is
 * cut off. Idle connections, senders stalled in the middle of a frame and peers that do not read their
 * acknowledgements are timed out; connections beyond the limit are refused. Every close is counted by
 * {@link FeedCloseReason}.</li>
 * <li><b>Acknowledgements.</b> Batched: when a connection has unacknowledged progress the server notes how far
 * its stream has got and the last ring sequence it published, and acknowledges once the journaler's durable
 * sequence passes it. When the sender closes its side, the server acknowledges everything and then closes.</li>
 * </ul>
 * Close the server before the engine.
 */
public final class FeedServer implements AutoCloseable
{
    private static final System.Logger LOGGER = System.getLogger("netpulse");
    private static final long SELECT_IDLE_MS = 10;
    private static final long SELECT_BUSY_MS = 1;
    private static final long CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long BACKPRESSURE_PARK_NS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final int MIN_RING_ROOM = EventPublisher.MAX_BATCH;
    private static final String OTHER_SOURCE = "other";

    private final Engine engine;
    private final FeedServerConfig config;
    private final NanoClock clock;
    private final LongSupplier durableSequence;
    private final Selector selector;
    private final ServerSocketChannel server;
    private final InetSocketAddress localAddress;
    private final Thread thread;
    private final Map<String, EventPublisher> publishers = new HashMap<>();
    private final List<Connection> connections = new ArrayList<>();
    private final AtomicLong connectionsAccepted = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong eventsAccepted = new AtomicLong();
    private final AtomicLong inputsRejected = new AtomicLong();
    private final AtomicLong acksSent = new AtomicLong();
    private final AtomicLong backpressurePauses = new AtomicLong();
    private final AtomicLong backpressureNs = new AtomicLong();
    private final AtomicLongArray closes = new AtomicLongArray(FeedCloseReason.values().length);
    private volatile int open;
    private volatile boolean running = true;
    private boolean reading = true;
    private long pausedAtNs;
    private long lastCheckNs;

    private FeedServer(final Engine engine, final FeedServerConfig config) throws IOException
    {
        this.engine = engine;
        this.config = config;
        this.clock = config.nanoClock;
        final JournalStage journal = engine.journal();
        // without a journal, accepted into the ring is as durable as it gets
        this.durableSequence = null == journal ? () -> Long.MAX_VALUE : journal::durableRingSequence;
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        try
        {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(config.host, config.port), 1024);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            this.localAddress = (InetSocketAddress)server.getLocalAddress();
        }
        catch (final IOException | RuntimeException ex)
        {
            server.close();
            selector.close();
            throw ex;
        }
        this.thread = new Thread(this::run, "netpulse-feed-" + localAddress.getPort());
        this.thread.setDaemon(true);
    }

    /**
     * Opens the feed port and starts serving it.
     *
     * @param engine to publish into.
     * @param config the settings.
     * @return the running server.
     * @throws UncheckedIOException when the port cannot be opened.
     */
    public static FeedServer start(final Engine engine, final FeedServerConfig config)
    {
        final FeedServer feedServer;
        try
        {
            feedServer = new FeedServer(engine, config);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open feed port " + config.host + ":" + config.port, ex);
        }
        feedServer.thread.start();
        return feedServer;
    }

    private void run()
    {
        try
        {
            while (running && !engine.isClosing())
            {
                final long nowNs = clock.nanoTime();
                if (updateBackpressure(nowNs))
                {
                    final boolean busy = hasAckWork();
                    final int ready = busy ? selector.select(SELECT_BUSY_MS) : selector.select(SELECT_IDLE_MS);
                    if (ready > 0)
                    {
                        handleSelected(clock.nanoTime());
                    }
                }
                else
                {
                    LockSupport.parkNanos(BACKPRESSURE_PARK_NS);
                }
                final long afterNs = clock.nanoTime();
                serviceAcks(afterNs);
                if (afterNs - lastCheckNs >= CHECK_INTERVAL_NS)
                {
                    lastCheckNs = afterNs;
                    checkTimeouts(afterNs);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            LOGGER.log(System.Logger.Level.ERROR, "feed port " + localAddress.getPort() + " failed", ex);
        }
        finally
        {
            for (int i = connections.size() - 1; i >= 0; i--)
            {
                close(connections.get(i), FeedCloseReason.SHUTDOWN);
            }
            closeQuietly(server);
            closeQuietly(selector);
        }
    }

    /**
     * Whether sockets may be read now: not while the ring is nearly full. Time spent paused is not held
     * against the connections' idle and frame timeouts.
     */
    private boolean updateBackpressure(final long nowNs)
    {
        final boolean room = engine.ringRemainingCapacity() >= MIN_RING_ROOM;
        if (room != reading)
        {
            reading = room;
            if (!room)
            {
                pausedAtNs = nowNs;
                backpressurePauses.incrementAndGet();
            }
            else
            {
                backpressureNs.addAndGet(nowNs - pausedAtNs);
                for (final Connection connection : connections)
                {
                    connection.lastReadNs = nowNs;
                    connection.progressNs = nowNs;
                }
            }
        }
        return room;
    }

    private void handleSelected(final long nowNs)
    {
        final Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext())
        {
            final SelectionKey key = keys.next();
            keys.remove();
            if (!key.isValid())
            {
                continue;
            }
            if (key.isAcceptable())
            {
                acceptAll(nowNs);
            }
            else if (key.isReadable())
            {
                read((Connection)key.attachment(), nowNs);
            }
        }
    }

    private void acceptAll(final long nowNs)
    {
        while (true)
        {
            final SocketChannel channel;
            try
            {
                channel = server.accept();
            }
            catch (final IOException ex)
            {
                LOGGER.log(System.Logger.Level.WARNING, "feed port accept failed: " + ex);
                return;
            }
            if (null == channel)
            {
                return;
            }
            if (connections.size() >= config.maxConnections)
            {
                closes.incrementAndGet(FeedCloseReason.CONNECTION_LIMIT.ordinal());
                closeQuietly(channel);
                continue;
            }
            try
            {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                final SocketAddress remote = channel.getRemoteAddress();
                final String peer = remote instanceof InetSocketAddress ?
                    ((InetSocketAddress)remote).getAddress().getHostAddress() : String.valueOf(remote);
                final Connection connection = new Connection(
                    channel, String.valueOf(remote), publisherFor(peer), config.readBufferBytes, nowNs);
                connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
                connections.add(connection);
                open = connections.size();
                connectionsAccepted.incrementAndGet();
            }
            catch (final IOException | RuntimeException ex)
            {
                closes.incrementAndGet(FeedCloseReason.IO_ERROR.ordinal());
                closeQuietly(channel);
            }
        }
    }

    /**
     * One source per peer address, so counts and dead letters say which gateway sent what, and a gateway that
     * reconnects stays the same source. Past the source limit peers share one.
     */
    private EventPublisher publisherFor(final String peer)
    {
        final String key = publishers.size() < config.maxSources || publishers.containsKey(peer) ? peer : OTHER_SOURCE;
        EventPublisher publisher = publishers.get(key);
        if (null == publisher)
        {
            publisher = engine.newPublisher("tcp:" + localAddress.getPort() + ":" + key);
            publishers.put(key, publisher);
        }
        return publisher;
    }

    private void read(final Connection connection, final long nowNs)
    {
        // never read more frames than the ring has room for now: the rest waits in the socket
        final long frameRoom = engine.ringRemainingCapacity() * FrameDescriptor.MIN_FRAME_LENGTH;
        final ByteBuffer buffer = connection.readBuffer;
        final int max = (int)Math.min(buffer.capacity() - connection.filled, frameRoom);
        if (max < FrameDescriptor.MIN_FRAME_LENGTH)
        {
            return;
        }
        buffer.limit(connection.filled + max).position(connection.filled);
        final int read;
        try
        {
            read = connection.channel.read(buffer);
        }
        catch (final IOException ex)
        {
            close(connection, FeedCloseReason.IO_ERROR);
            return;
        }
        if (read < 0)
        {
            connection.inputEnded = true;
            connection.key.interestOps(0);
            publish(connection, true, nowNs);
            return;
        }
        if (read > 0)
        {
            connection.lastReadNs = nowNs;
            connection.filled += read;
            connection.bytesIn += read;
            bytesReceived.addAndGet(read);
            publish(connection, false, nowNs);
        }
    }

    private void publish(final Connection connection, final boolean endOfInput, final long nowNs)
    {
        final EventPublisher publisher = connection.publisher;
        final long acceptedBefore = publisher.accepted();
        final long rejectedBefore = publisher.rejected();
        final long goodBytesBefore = publisher.bytesAccepted();
        final int consumed = publisher.publishStream(
            connection.scanner, connection.frames, 0, connection.filled, endOfInput);
        if (consumed == EventPublisher.CLOSED)
        {
            close(connection, FeedCloseReason.SHUTDOWN);
            return;
        }
        final long accepted = publisher.accepted() - acceptedBefore;
        final long rejected = publisher.rejected() - rejectedBefore;
        final long badBytes = consumed - (publisher.bytesAccepted() - goodBytesBefore);
        connection.consumed += consumed;
        connection.accepted += accepted;
        connection.rejected += rejected;
        eventsAccepted.addAndGet(accepted);
        inputsRejected.addAndGet(rejected);
        if (accepted > 0)
        {
            connection.publishedSequence = publisher.lastPublishedSequence();
            connection.garbageBytes = 0;
        }
        connection.garbageBytes += badBytes;

        if (consumed > 0)
        {
            final ByteBuffer buffer = connection.readBuffer;
            buffer.limit(connection.filled).position(consumed);
            buffer.compact();
            connection.filled -= consumed;
            connection.progressNs = nowNs;
        }
        if (connection.filled == 0)
        {
            connection.progressNs = nowNs;
        }
        if (connection.garbageBytes > config.garbageLimitBytes)
        {
            close(connection, FeedCloseReason.GARBAGE);
        }
    }

    private boolean hasAckWork()
    {
        for (int i = 0, n = connections.size(); i < n; i++)
        {
            final Connection connection = connections.get(i);
            if (connection.checkpointPending || connection.ackInFlight || connection.consumed > connection.ackedBytes)
            {
                return true;
            }
        }
        return false;
    }

    private void serviceAcks(final long nowNs)
    {
        final long durable = durableSequence.getAsLong();
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            final Connection connection = connections.get(i);
            if (connection.ackInFlight && !writeAck(connection, nowNs))
            {
                continue;
            }
            if (!connection.checkpointPending && connection.consumed > connection.ackedBytes)
            {
                connection.checkpointPending = true;
                connection.checkpointSequence = connection.publishedSequence;
                connection.checkpointBytes = connection.consumed;
                connection.checkpointAccepted = connection.accepted;
                connection.checkpointRejected = connection.rejected;
            }
            if (connection.checkpointPending && durable >= connection.checkpointSequence)
            {
                connection.checkpointPending = false;
                connection.ackedBytes = connection.checkpointBytes;
                FeedAck.encode(connection.ack, 0, connection.checkpointBytes, connection.checkpointAccepted,
                    connection.checkpointRejected);
                connection.ackBuffer.clear();
                connection.ackInFlight = true;
                connection.ackBlockedSinceNs = nowNs;
                if (!writeAck(connection, nowNs))
                {
                    continue;
                }
            }
            if (connection.inputEnded && !connection.ackInFlight && !connection.checkpointPending &&
                connection.ackedBytes == connection.consumed)
            {
                close(connection, FeedCloseReason.CLOSED);
            }
        }
    }

    /**
     * Writes what is left of the acknowledgement in flight.
     *
     * @return true when it is all written; false when the peer's window is full, or the connection failed.
     */
    private boolean writeAck(final Connection connection, final long nowNs)
    {
        try
        {
            connection.channel.write(connection.ackBuffer);
        }
        catch (final IOException ex)
        {
            close(connection, FeedCloseReason.IO_ERROR);
            return false;
        }
        if (connection.ackBuffer.hasRemaining())
        {
            return false;
        }
        connection.ackInFlight = false;
        acksSent.incrementAndGet();
        return true;
    }

    private void checkTimeouts(final long nowNs)
    {
        final long idleNs = TimeUnit.MILLISECONDS.toNanos(config.idleTimeoutMs);
        final long frameNs = TimeUnit.MILLISECONDS.toNanos(config.frameTimeoutMs);
        final long ackNs = TimeUnit.MILLISECONDS.toNanos(config.ackTimeoutMs);
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            final Connection connection = connections.get(i);
            if (connection.ackInFlight && nowNs - connection.ackBlockedSinceNs > ackNs)
            {
                close(connection, FeedCloseReason.SLOW_READER);
            }
            else if (!connection.inputEnded && reading)
            {
                if (connection.filled > 0 && nowNs - connection.progressNs > frameNs)
                {
                    close(connection, FeedCloseReason.STALLED_FRAME);
                }
                else if (idleNs > 0 && nowNs - connection.lastReadNs > idleNs)
                {
                    close(connection, FeedCloseReason.IDLE_TIMEOUT);
                }
            }
        }
    }

    private void close(final Connection connection, final FeedCloseReason reason)
    {
        if (connection.closed)
        {
            return;
        }
        connection.closed = true;
        if (null != connection.key)
        {
            connection.key.cancel();
        }
        closeQuietly(connection.channel);
        connections.remove(connection);
        open = connections.size();
        closes.incrementAndGet(reason.ordinal());
        if (reason != FeedCloseReason.CLOSED && reason != FeedCloseReason.SHUTDOWN)
        {
            LOGGER.log(System.Logger.Level.INFO, "feed connection from " + connection.remote + " closed: " +
                reason.label() + " (" + connection.bytesIn + " bytes in, " + connection.accepted + " accepted, " +
                connection.rejected + " refused)");
        }
    }

    private static void closeQuietly(final AutoCloseable closeable)
    {
        try
        {
            closeable.close();
        }
        catch (final Exception ex)
        {
            // closing is best effort: the connection is gone either way
        }
    }

    /**
     * The address the server listens on.
     *
     * @return the address.
     */
    public InetSocketAddress localAddress()
    {
        return localAddress;
    }

    /**
     * The port the server listens on (the one the system chose when configured with 0).
     *
     * @return the port.
     */
    public int port()
    {
        return localAddress.getPort();
    }

    /**
     * Connections open now.
     *
     * @return the count.
     */
    public int openConnections()
    {
        return open;
    }

    /**
     * Connections accepted since start (refused ones not included).
     *
     * @return the count.
     */
    public long connectionsAccepted()
    {
        return connectionsAccepted.get();
    }

    /**
     * Connections closed (or refused) for a reason.
     *
     * @param reason of interest.
     * @return the count.
     */
    public long closed(final FeedCloseReason reason)
    {
        return closes.get(reason.ordinal());
    }

    /**
     * Bytes received on every connection.
     *
     * @return the count.
     */
    public long bytesReceived()
    {
        return bytesReceived.get();
    }

    /**
     * Events accepted from every connection.
     *
     * @return the count.
     */
    public long eventsAccepted()
    {
        return eventsAccepted.get();
    }

    /**
     * Inputs refused from every connection (each with a reason; see the sources' publishers for which).
     *
     * @return the count.
     */
    public long inputsRejected()
    {
        return inputsRejected.get();
    }

    /**
     * Acknowledgements sent.
     *
     * @return the count.
     */
    public long acksSent()
    {
        return acksSent.get();
    }

    /**
     * Times reading stopped because the ring was full.
     *
     * @return the count.
     */
    public long backpressurePauses()
    {
        return backpressurePauses.get();
    }

    /**
     * Time spent not reading because the ring was full (pauses still going on not included).
     *
     * @return nanoseconds.
     */
    public long backpressureNanos()
    {
        return backpressureNs.get();
    }

    /**
     * Stops accepting, closes every connection and the port, and waits for the server thread.
     */
    public void close()
    {
        running = false;
        selector.wakeup();
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A connection's state; owned by the server thread.
     */
    private static final class Connection
    {
        final SocketChannel channel;
        final String remote;
        final EventPublisher publisher;
        final FrameScanner scanner = new FrameScanner();
        final ByteBuffer readBuffer;
        final UnsafeBuffer frames;
        final ByteBuffer ackBuffer = ByteBuffer.allocateDirect(FeedAck.LENGTH);
        final UnsafeBuffer ack = new UnsafeBuffer(ackBuffer);
        SelectionKey key;
        int filled;
        long bytesIn;
        long consumed;
        long accepted;
        long rejected;
        long garbageBytes;
        long publishedSequence = -1;
        long lastReadNs;
        long progressNs;
        boolean inputEnded;
        boolean closed;
        boolean checkpointPending;
        long checkpointSequence;
        long checkpointBytes;
        long checkpointAccepted;
        long checkpointRejected;
        long ackedBytes;
        boolean ackInFlight;
        long ackBlockedSinceNs;

        Connection(
            final SocketChannel channel,
            final String remote,
            final EventPublisher publisher,
            final int bufferBytes,
            final long nowNs)
        {
            this.channel = channel;
            this.remote = remote;
            this.publisher = publisher;
            this.readBuffer = ByteBuffer.allocateDirect(bufferBytes);
            this.frames = new UnsafeBuffer(readBuffer);
            this.lastReadNs = nowNs;
            this.progressNs = nowNs;
        }
    }
}
