/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import io.netpulse.engine.Engine;
import io.netpulse.engine.feed.tcp.FeedClient;
import io.netpulse.engine.feed.tcp.FeedServer;
import io.netpulse.engine.feed.tcp.FeedServerConfig;
import io.netpulse.engine.generator.EventGenerator;
import io.netpulse.engine.generator.GeneratorConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * TCP feed ingest over loopback, end to end: feed clients send generated events (the demo's mix of KPI samples,
 * CDRs, flows and QoS measurements) to a {@link FeedServer}, which validates and publishes them into an engine
 * that journals and routes them; an invocation ends when every client has had every byte acknowledged, i.e.
 * journaled. Time per event; events per second is its inverse. One invocation per iteration on a fresh engine
 * and journal.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class FeedIngestBenchmark
{
    private static final int EVENTS = 2_000_000;
    private static final int ELEMENTS = 10_000;

    @Param({"1", "16"})
    int connections;

    private UnsafeBuffer[] slices;
    private Path directory;
    private Engine engine;
    private FeedServer server;

    /**
     * Generates the events once, cut into one slice per connection on frame boundaries, and the topology.
     */
    @Setup(Level.Trial)
    public void generate()
    {
        final EventGenerator generator = new EventGenerator(GeneratorConfig.defaults(ELEMENTS, EVENTS, 42)
            .withCorruptFraction(0).withOutOfOrder(0, 1));
        final UnsafeBuffer all = new UnsafeBuffer(ByteBuffer.allocateDirect(EVENTS * 80 + (1 << 20)));
        int length = 0;
        int frames;
        final List<Integer> starts = new ArrayList<>();
        for (frames = 0; ; frames++)
        {
            if (frames % Math.max(1, EVENTS / connections) == 0)
            {
                starts.add(length);
            }
            final int frameLength = generator.next(all, length);
            if (frameLength == 0)
            {
                break;
            }
            length += frameLength;
        }
        slices = new UnsafeBuffer[connections];
        for (int c = 0; c < connections; c++)
        {
            final int from = starts.get(c);
            final int to = c + 1 < connections && c + 1 < starts.size() ? starts.get(c + 1) : length;
            slices[c] = new UnsafeBuffer(all, from, to - from);
        }
    }

    /**
     * A fresh engine with a journal, and the feed port.
     *
     * @throws IOException if the journal directory cannot be made.
     */
    @Setup(Level.Iteration)
    public void start() throws IOException
    {
        directory = Files.createTempDirectory("netpulse-feed-bench");
        engine = Engine.builder().journalDirectory(directory).autoRegisterElements(true).ringSize(65536).build();
        server = FeedServer.start(engine, new FeedServerConfig().host("127.0.0.1").port(0));
    }

    /**
     * Sends every slice on its own connection and waits for the last acknowledgement.
     *
     * @return events the server acknowledged as journaled.
     * @throws Exception if a client fails.
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long ingest() throws Exception
    {
        final InetSocketAddress address = server.localAddress();
        final List<CompletableFuture<Long>> clients = new ArrayList<>();
        for (final UnsafeBuffer slice : slices)
        {
            clients.add(CompletableFuture.supplyAsync(() ->
            {
                try (FeedClient client = FeedClient.connect(address))
                {
                    client.send(slice, 0, slice.capacity());
                    if (!client.finish(TimeUnit.MINUTES.toMillis(5)))
                    {
                        throw new IllegalStateException("not acknowledged");
                    }
                    return client.eventsAccepted();
                }
            }, runnable -> new Thread(runnable, "feed-bench-client").start()));
        }
        long accepted = 0;
        for (final CompletableFuture<Long> client : clients)
        {
            accepted += client.get();
        }
        return accepted;
    }

    /**
     * Closes the port and the engine, and deletes the journal.
     *
     * @throws IOException if the journal cannot be deleted.
     */
    @TearDown(Level.Iteration)
    public void stop() throws IOException
    {
        server.close();
        engine.close();
        Directories.delete(directory);
    }
}
