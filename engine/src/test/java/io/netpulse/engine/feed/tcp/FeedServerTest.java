/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.feed.tcp;

import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.RejectReason;
import io.netpulse.engine.Engine;
import io.netpulse.engine.EngineSummary;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.stage.Stage;
import io.netpulse.journal.DeadLetter;
import io.netpulse.journal.DeadLetterJournal;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedServerTest
{
    private static final long T = 1_795_428_000_000L;

    @TempDir
    Path dir;

    private static UnsafeBuffer frames(final long firstElement, final int count)
    {
        final EventFrameEncoder encoder = new EventFrameEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[count * 64]);
        int length = 0;
        for (int i = 0; i < count; i++)
        {
            length += encoder.kpiSample(buffer, length, T + i, firstElement + i % 100, 1, i, 0);
        }
        return new UnsafeBuffer(buffer, 0, length);
    }

    private static void await(final BooleanSupplier condition, final long timeoutMs, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static void sendInPieces(final FeedClient client, final UnsafeBuffer frames, final int piece)
    {
        for (int offset = 0; offset < frames.capacity(); offset += piece)
        {
            client.send(frames, offset, Math.min(piece, frames.capacity() - offset));
        }
    }

    @Test
    void shouldJournalAndAcknowledgeEveryGoodClientWhileOneSendsGarbageAndOneStalls() throws Exception
    {
        final int clients = 8;
        final int perClient = 20_000;
        final Path journal = dir.resolve("journal");
        final Engine engine = Engine.builder().journalDirectory(journal).autoRegisterElements(true).build();
        final FeedServer server = FeedServer.start(engine, new FeedServerConfig()
            .host("127.0.0.1").port(0).garbageLimitBytes(64 * 1024).frameTimeoutMs(3_000));
        // the stalled-frame timeout must outlast a good sender's worst scheduling gap on a loaded 2-core CI box
        final InetSocketAddress address = server.localAddress();
        try (engine; server)
        {
            final CompletableFuture<Long> garbage = CompletableFuture.supplyAsync(() ->
            {
                final byte[] noise = new byte[4096];
                final Random random = new Random(7);
                long sent = 0;
                try (Socket socket = new Socket(address.getAddress(), address.getPort()))
                {
                    while (sent < 256L * 1024 * 1024)
                    {
                        random.nextBytes(noise);
                        socket.getOutputStream().write(noise);
                        sent += noise.length;
                    }
                }
                catch (final IOException ex)
                {
                    return sent;
                }
                return -sent;
            });

            final FeedClient stalled = FeedClient.connect(address);
            final UnsafeBuffer one = frames(1, 1);
            stalled.send(one, 0, one.capacity() / 2);
            stalled.flush();

            final List<CompletableFuture<FeedClient>> senders = new ArrayList<>();
            for (int c = 0; c < clients; c++)
            {
                final UnsafeBuffer data = frames(1_000 + c * 100L, perClient);
                final int piece = 1 + c * 997;
                senders.add(CompletableFuture.supplyAsync(() ->
                {
                    final FeedClient client = FeedClient.connect(address);
                    sendInPieces(client, data, piece);
                    assertTrue(client.finish(30_000), "every byte acknowledged");
                    return client;
                }));
            }

            for (final CompletableFuture<FeedClient> sender : senders)
            {
                final FeedClient client = sender.get(60, TimeUnit.SECONDS);
                assertEquals(perClient, client.eventsAccepted());
                assertEquals(0, client.inputsRejected());
                assertEquals(client.bytesSent(), client.bytesAcknowledged());
                assertTrue(client.acknowledgements() >= 1);
                await(client::isClosedByServer, 5_000, "the server to close a finished connection");
                client.close();
            }

            final long garbageSent = garbage.get(60, TimeUnit.SECONDS);
            assertTrue(garbageSent > 0, "the garbage sender was cut off before it had sent everything");
            await(() -> server.closed(FeedCloseReason.STALLED_FRAME) == 1, 20_000, "the stalled sender to go");
            // the client sees the close when its reader thread next reads: after the server has counted it
            await(stalled::isClosedByServer, 5_000, "the stalled sender to see the close");
            stalled.close();

            assertEquals(1, server.closed(FeedCloseReason.GARBAGE));
            assertEquals(clients, server.closed(FeedCloseReason.CLOSED));
            assertEquals((long)clients * perClient, server.eventsAccepted());
            assertTrue(server.inputsRejected() >= 1);
            assertEquals(clients + 2, server.connectionsAccepted());
            assertEquals(0, server.openConnections());
            assertTrue(server.bytesReceived() >= (long)clients * perClient * 45);
            assertTrue(server.acksSent() >= clients);
        }
        final EngineSummary summary = engine.summary();
        assertEquals((long)clients * perClient, summary.dataEvents());
        assertEquals(summary.published(), summary.journaled());
        assertTrue(summary.rejectedTotal() >= 1);
        final List<DeadLetter> letters = new ArrayList<>();
        try (DeadLetterJournal deadLetters = new DeadLetterJournal(journal.resolve(DeadLetterJournal.DIRECTORY)))
        {
            deadLetters.read(0, letter -> true, letters::add);
        }
        assertTrue(letters.size() >= 1);
        assertTrue(letters.get(0).sourceName().startsWith("tcp:" + address.getPort() + ":127.0.0.1"),
            letters.get(0).sourceName());
    }

    /** A stage slower than the senders, so the ring fills. */
    private static final class SlowStage implements Stage
    {
        public String name()
        {
            return "slow";
        }

        public void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
        {
            final long untilNs = System.nanoTime() + 20_000;
            while (System.nanoTime() < untilNs)
            {
                Thread.onSpinWait();
            }
        }

        public long stateHash()
        {
            return 0;
        }
    }

    @Test
    void shouldStopReadingWhenTheRingIsFullAndDropNothing() throws Exception
    {
        final int perClient = 15_000;
        final Engine engine = Engine.builder().journalDirectory(dir.resolve("journal")).autoRegisterElements(true)
            .ringSize(1024).stage(context -> new SlowStage()).build();
        final FeedServer server = FeedServer.start(engine, new FeedServerConfig().host("127.0.0.1").port(0));
        try (engine; server)
        {
            final List<CompletableFuture<FeedClient>> senders = new ArrayList<>();
            for (int c = 0; c < 2; c++)
            {
                final UnsafeBuffer data = frames(10 + c * 100L, perClient);
                senders.add(CompletableFuture.supplyAsync(() ->
                {
                    final FeedClient client = FeedClient.connect(server.localAddress());
                    client.send(data, 0, data.capacity());
                    assertTrue(client.finish(60_000));
                    return client;
                }));
            }
            for (final CompletableFuture<FeedClient> sender : senders)
            {
                final FeedClient client = sender.get(90, TimeUnit.SECONDS);
                assertEquals(perClient, client.eventsAccepted());
                client.close();
            }
            assertTrue(server.backpressurePauses() > 0, "reading paused while the ring was full");
            engine.awaitDrained(30_000);
        }
        final EngineSummary summary = engine.summary();
        assertEquals(2L * perClient, summary.dataEvents(), "count in = count through the stages");
        assertEquals(summary.published(), summary.journaled(), "count in = count journaled");
        assertTrue(server.backpressureNanos() > 0);
    }

    @Test
    void shouldRefuseConnectionsBeyondTheLimitAndTimeOutIdleOnes() throws Exception
    {
        final Engine engine = Engine.builder().build();
        final FeedServer server = FeedServer.start(engine, new FeedServerConfig()
            .host("127.0.0.1").port(0).maxConnections(2).idleTimeoutMs(300));
        try (engine; server)
        {
            final FeedClient first = FeedClient.connect(server.localAddress());
            final FeedClient second = FeedClient.connect(server.localAddress());
            await(() -> server.openConnections() == 2, 5_000, "two connections");
            final FeedClient third = FeedClient.connect(server.localAddress());
            await(third::isClosedByServer, 5_000, "the third to be refused");
            assertEquals(1, server.closed(FeedCloseReason.CONNECTION_LIMIT));
            await(() -> server.closed(FeedCloseReason.IDLE_TIMEOUT) == 2, 5_000, "idle connections to time out");
            assertTrue(first.isClosedByServer() || !first.awaitAcknowledged(1, 1_000));
            await(first::isClosedByServer, 5_000, "the first to be closed");
            await(second::isClosedByServer, 5_000, "the second to be closed");
            first.close();
            second.close();
            third.close();
            assertEquals(0, server.openConnections());
        }
    }

    @Test
    void shouldRefuseATruncatedLastFrameAndAcknowledgeEverything() throws Exception
    {
        final Engine engine = Engine.builder().journalDirectory(dir.resolve("journal")).autoRegisterElements(true)
            .build();
        final FeedServer server = FeedServer.start(engine, new FeedServerConfig().host("127.0.0.1").port(0));
        try (engine; server)
        {
            final UnsafeBuffer data = frames(1, 3);
            final FeedClient client = FeedClient.connect(server.localAddress(), FrameDescriptor.MAX_FRAME_LENGTH);
            client.send(data, 0, data.capacity() - 10);
            assertTrue(client.finish(10_000));
            assertEquals(2, client.eventsAccepted());
            assertEquals(1, client.inputsRejected());
            assertEquals(data.capacity() - 10, client.bytesAcknowledged());
            await(() -> server.closed(FeedCloseReason.CLOSED) == 1, 5_000, "the connection to close");
            assertTrue(client.finish(1_000), "finishing twice is harmless");
            client.close();
            assertEquals(1, engine.summary().rejected(RejectReason.TRUNCATED_FRAME));
        }
    }

    @Test
    void shouldCloseItsConnectionsOnShutdown()
    {
        final Engine engine = Engine.builder().build();
        final FeedServer server = FeedServer.start(engine, new FeedServerConfig().host("127.0.0.1").port(0));
        final FeedClient client = FeedClient.connect(server.localAddress());
        await(() -> server.openConnections() == 1, 5_000, "the connection");
        server.close();
        await(client::isClosedByServer, 5_000, "the client to see the close");
        assertEquals(1, server.closed(FeedCloseReason.SHUTDOWN));
        assertFalse(client.awaitAcknowledged(1, 10));
        assertThrows(UncheckedIOException.class, () ->
        {
            final UnsafeBuffer data = frames(1, 1000);
            for (int i = 0; i < 1000; i++)
            {
                client.send(data, 0, data.capacity());
            }
            client.flush();
        });
        client.close();
        engine.close();
        assertThrows(UncheckedIOException.class, () -> FeedClient.connect(server.localAddress()));
        assertThrows(UncheckedIOException.class, () -> FeedServer.start(engine,
            new FeedServerConfig().host("203.0.113.1").port(1)));
    }

    @Test
    void shouldCountSourcesByPeerAddressUpToTheLimit() throws Exception
    {
        final Engine engine = Engine.builder().build();
        final FeedServer server = FeedServer.start(engine, new FeedServerConfig().host("0.0.0.0").port(0)
            .maxSources(1).readBufferBytes(FeedServerConfig.MIN_READ_BUFFER_BYTES)
            .nanoClock(System::nanoTime));
        try (engine; server)
        {
            final FeedClient first = FeedClient.connect(new InetSocketAddress("127.0.0.1", server.port()));
            try (Socket second = new Socket())
            {
                second.bind(new InetSocketAddress("127.0.0.2", 0));
                second.connect(new InetSocketAddress("127.0.0.1", server.port()));
                await(() -> server.openConnections() == 2, 5_000, "both connections");
                final List<String> names = new ArrayList<>();
                engine.publishers().forEach(publisher -> names.add(publisher.sourceName()));
                assertEquals(List.of("tcp:" + server.port() + ":127.0.0.1", "tcp:" + server.port() + ":other"),
                    names);
            }
            first.close();
        }
    }

    @Test
    void shouldCheckItsSettings()
    {
        assertThrows(IllegalArgumentException.class, () -> new FeedServerConfig().port(70_000));
        assertThrows(IllegalArgumentException.class, () -> new FeedServerConfig().maxConnections(0));
        assertThrows(IllegalArgumentException.class, () -> new FeedServerConfig().idleTimeoutMs(-1));
        assertThrows(IllegalArgumentException.class, () -> new FeedServerConfig().frameTimeoutMs(0));
        assertThrows(IllegalArgumentException.class, () -> new FeedServerConfig().ackTimeoutMs(0));
        assertThrows(IllegalArgumentException.class, () -> new FeedServerConfig().garbageLimitBytes(0));
        assertThrows(IllegalArgumentException.class, () -> new FeedServerConfig().readBufferBytes(100));
        assertThrows(IllegalArgumentException.class, () -> new FeedServerConfig().maxSources(0));
        assertThrows(IllegalArgumentException.class, () -> FeedClient.connect(new InetSocketAddress(1), 10));
        final UnsafeBuffer ack = new UnsafeBuffer(new byte[FeedAck.LENGTH]);
        FeedAck.encode(ack, 0, 100, 2, 1);
        assertTrue(FeedAck.isValid(ack, 0));
        assertEquals(100, FeedAck.bytes(ack, 0));
        assertEquals(2, FeedAck.accepted(ack, 0));
        assertEquals(1, FeedAck.rejected(ack, 0));
        assertEquals("stalled_frame", FeedCloseReason.STALLED_FRAME.label());
    }
}
