/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import io.netpulse.codec.FrameDescriptor;
import io.netpulse.engine.Engine;
import io.netpulse.engine.EngineSummary;
import io.netpulse.engine.ThreadMode;
import io.netpulse.engine.feed.JournalReplayer;
import io.netpulse.engine.feed.Progress;
import io.netpulse.engine.generator.EventGenerator;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.engine.generator.SyntheticNetwork;
import io.netpulse.engine.ring.EventPublisher;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowModesTest
{
    // 4,000 elements: three regions to spread over shards; faults, corrupted frames, and frames delayed by up
    // to 20,000 frames (45 s of event time: some past the 30 s lateness)
    private static final GeneratorConfig CONFIG = GeneratorConfig.defaults(4_000, 400_000, 9)
        .withOutOfOrder(0.01, 20_000);

    @TempDir
    Path dir;

    private record Stream(UnsafeBuffer buffer, int length)
    {
    }

    private static Stream generate(final GeneratorConfig config)
    {
        final EventGenerator generator = new EventGenerator(config);
        UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 22));
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
                return new Stream(buffer, position);
            }
            position += length;
        }
    }

    private static Engine run(final Engine engine, final Stream stream)
    {
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("generator");
            assertEquals(stream.length(), publisher.publishStream(stream.buffer(), 0, stream.length(), true));
        }
        return engine;
    }

    @Test
    void shouldReachTheSameStateInEveryThreadModeOnGeneratorOutput()
    {
        final Stream stream = generate(CONFIG);
        final Engine fused = run(Engine.builder().journalDirectory(dir).build(), stream);
        final EngineSummary expected = fused.summary();
        assertTrue(fused.windows().series() > 4_000L * 4, "element and roll-up series: " + fused.windows().series());
        assertTrue(fused.windows().bucketsClosed() > 0);
        assertTrue(expected.lateEvents() > 0, "the generator's delayed frames exercise lateness");

        for (final ThreadMode mode : new ThreadMode[]{ThreadMode.PIPELINED, ThreadMode.sharded(1),
            ThreadMode.sharded(2), ThreadMode.sharded(3)})
        {
            final Engine engine = run(Engine.builder().threadMode(mode).build(), stream);
            final EngineSummary summary = engine.summary();
            assertEquals(expected.stateHash(), summary.stateHash(), mode.toString());
            assertEquals(expected.alertsByKind(), summary.alertsByKind(), mode.toString());
            assertEquals(expected.lateEvents(), summary.lateEvents(), mode.toString());
            assertEquals(fused.windows().series(), engine.windows().series(), mode.toString());
            assertEquals(fused.windows().samples(), engine.windows().samples(), mode.toString());
            assertEquals(0, summary.stageErrors(), mode.toString());
            assertTrue(summary.latency().getTotalCount() >= summary.published() - 1, mode.toString());
        }

        // a sharded engine spreads the regions, and every shard holds windows
        final Engine sharded = run(Engine.builder().threadMode(ThreadMode.sharded(2)).build(), stream);
        assertTrue(sharded.windows().instance(0).elements() > 0);
        assertTrue(sharded.windows().instance(1).elements() > 0);
        assertEquals(4_000, sharded.windows().instance(0).elements() + sharded.windows().instance(1).elements());

        // and a replay of the journal reaches the same state
        final Engine replay = Engine.builder().threadMode(ThreadMode.sharded(2)).build();
        try (replay)
        {
            JournalReplayer.replay(dir.resolve("input"), 0, Long.MAX_VALUE, 0, replay.newPublisher("replay"),
                Progress.NONE);
        }
        assertEquals(expected.stateHash(), replay.stateHash());
    }

    @Test
    void shouldWireARouterThreadAndOneThreadPerShard()
    {
        try (Engine engine = Engine.builder().threadMode(ThreadMode.sharded(3)).build())
        {
            assertEquals(List.of("router", "shard-0", "shard-1", "shard-2"), engine.stageThreadNames());
            assertEquals(3, engine.windows().shardCount());
            assertEquals(ThreadMode.sharded(3), engine.threadMode());
        }
    }

    @Test
    void shouldChangeTheHashWhenOneSampleDiffersInItsLastBit()
    {
        final long[] hashes = new long[2];
        for (int variant = 0; variant < 2; variant++)
        {
            final WindowTestKit kit = new WindowTestKit();
            final Engine engine = Engine.builder().build();
            try (engine)
            {
                final EventPublisher publisher = engine.newPublisher("test");
                kit.network(publisher, 1, 1, 2, 60_000);
                for (long t = 0; t < 10 * 60_000; t += 10_000)
                {
                    final double value = t == 120_000 && variant == 1 ? Math.nextUp(3.5) : 3.5;
                    kit.kpi(publisher, WindowTestKit.elementId(0, 0, 0), 0, WindowTestKit.T0 + t, value);
                }
            }
            hashes[variant] = engine.stateHash();
        }
        assertNotEquals(hashes[0], hashes[1]);
    }

    @Test
    void shouldLetAnotherThreadReadWhileTheEngineRuns() throws Exception
    {
        final Stream stream = generate(GeneratorConfig.defaults(1_000, 300_000, 5).withCorruptFraction(0));
        final Engine engine = Engine.builder().threadMode(ThreadMode.sharded(2)).ringSize(1024).build();
        final WindowGroup windows = engine.windows();
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicLong reads = new AtomicLong();
        final long region = SyntheticNetwork.regionId(0);
        final Thread reader = new Thread(() ->
        {
            final WindowReader windowReader = windows.newReader();
            final WindowBuckets buckets = new WindowBuckets(64);
            final WindowAggregate aggregate = new WindowAggregate();
            try
            {
                while (!done.get())
                {
                    final long nowMs = windowReader.watermarkMs();
                    if (nowMs == Watermarks.NO_WATERMARK)
                    {
                        Thread.onSpinWait();
                        continue;
                    }
                    final long fromMs = nowMs - 3_600_000;
                    for (final long node : new long[]{0, region, SyntheticNetwork.siteId(3),
                        SyntheticNetwork.elementId((int)(reads.get() % 1_000))})
                    {
                        if (windowReader.buckets(node, 1, 60_000, fromMs, nowMs + 60_000, buckets))
                        {
                            for (int i = 0; i < buckets.size(); i++)
                            {
                                if (buckets.count(i) > 0)
                                {
                                    final double mean = buckets.mean(i);
                                    if (!(buckets.min(i) <= mean * (1 + 1e-12) && mean <= buckets.max(i) * (1 + 1e-12)) ||
                                        buckets.m2(i) < -1e-6)
                                    {
                                        throw new AssertionError("torn bucket at node " + node + ": count " +
                                            buckets.count(i) + " min " + buckets.min(i) + " mean " + mean + " max " +
                                            buckets.max(i));
                                    }
                                }
                            }
                        }
                        windowReader.aggregate(node, 1, 60_000, fromMs, nowMs, nowMs,
                            DecayFunction.exponential(600_000), aggregate);
                        reads.incrementAndGet();
                    }
                }
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        });
        reader.start();
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("generator");
            assertEquals(stream.length(), publisher.publishStream(stream.buffer(), 0, stream.length(), true));
        }
        done.set(true);
        reader.join(10_000);
        assertNull(failure.get());
        assertTrue(reads.get() > 10, "reads: " + reads.get());

        // once quiet, a read gives the final state, equal to the single-threaded engine's
        final Engine fused = run(Engine.builder().build(), stream);
        final WindowReader a = fused.windows().newReader();
        final WindowReader b = windows.newReader();
        final WindowAggregate expected = new WindowAggregate();
        final WindowAggregate actual = new WindowAggregate();
        final List<Long> nodes = new ArrayList<>(List.of(0L, region, SyntheticNetwork.regionId(1)));
        for (int e = 0; e < 1_000; e += 97)
        {
            nodes.add(SyntheticNetwork.elementId(e));
        }
        final long nowMs = a.watermarkMs();
        for (final long node : nodes)
        {
            assertTrue(a.aggregate(node, 1, 900_000, nowMs - 86_400_000, nowMs, nowMs, DecayFunction.none(), expected));
            assertTrue(b.aggregate(node, 1, 900_000, nowMs - 86_400_000, nowMs, nowMs, DecayFunction.none(), actual));
            assertEquals(expected.count(), actual.count());
            assertEquals(expected.sum(), actual.sum());
            assertEquals(expected.m2(), actual.m2());
        }
        assertEquals(fused.stateHash(), engine.stateHash());
    }
}
