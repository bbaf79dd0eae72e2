/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine;

import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;
import io.netpulse.engine.feed.JournalReplayer;
import io.netpulse.engine.feed.Progress;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.engine.generator.GeneratorStats;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineTest
{
    private static final GeneratorConfig CONFIG = GeneratorConfig.defaults(300, 200_000, 11)
        .withCorruptFraction(0.002);

    @TempDir
    Path dir;

    private static EngineSummary run(final Engine engine, final EngineTestSupport.Stream stream)
    {
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("test");
            assertEquals(stream.length(), publisher.publishStream(stream.buffer(), 0, stream.length(), true));
        }
        return engine.summary();
    }

    @Test
    void shouldRouteEveryValidEventAndCountEveryCorruptedOne()
    {
        final EngineTestSupport.Stream stream = EngineTestSupport.generate(CONFIG);
        final GeneratorStats stats = stream.generator().stats();
        final EngineSummary summary = run(Engine.builder().journalDirectory(dir).build(), stream);

        for (final MessageType type : MessageType.values())
        {
            if (type != MessageType.ALERT)
            {
                assertEquals(stats.valid(type), summary.eventsByType().get(type.label()), type.label());
            }
        }
        assertEquals(200_000, summary.dataEvents());
        assertTrue(stats.corrupted() > 100, "corruption exercised: " + stats.corrupted());
        for (final RejectReason reason : RejectReason.values())
        {
            assertEquals(stats.corrupted(reason), summary.rejected(reason), reason.label());
        }
        assertEquals(stats.corrupted(), summary.rejectedTotal());
        assertEquals(summary.published(), summary.journaled());
        assertTrue(summary.journalBytes() > summary.journaled() * 40);
        assertEquals(300, summary.elements());
        assertEquals(0, summary.unknownElement());
        assertEquals(0, summary.stageErrors());
        assertTrue(summary.latency().getTotalCount() >= summary.published() - 1);
    }

    @Test
    void shouldReplayJournalIntoTheSameState()
    {
        final EngineTestSupport.Stream stream = EngineTestSupport.generate(CONFIG);
        final EngineSummary original = run(Engine.builder().journalDirectory(dir).build(), stream);

        final Engine replay = Engine.builder().build();
        final long replayed;
        try (replay)
        {
            replayed = JournalReplayer.replay(dir.resolve("input"), 0, Long.MAX_VALUE, 0,
                replay.newPublisher("replay"), Progress.NONE);
        }
        final EngineSummary copy = replay.summary();

        assertEquals(original.journaled(), replayed);
        assertEquals(original.eventsByType(), copy.eventsByType());
        assertEquals(0, copy.rejectedTotal());
        assertEquals(original.stateHash(), copy.stateHash());
    }

    @Test
    void shouldReachTheSameStateInEveryThreadMode()
    {
        final EngineTestSupport.Stream stream = EngineTestSupport.generate(CONFIG);
        final EngineSummary fused = run(Engine.builder().threadMode(ThreadMode.FUSED).build(), stream);
        final EngineSummary pipelined = run(Engine.builder().threadMode(ThreadMode.PIPELINED)
            .stage(context -> new CountingStage()).build(), stream);
        final EngineSummary fusedWithStage = run(Engine.builder().threadMode(ThreadMode.FUSED)
            .stage(context -> new CountingStage()).build(), stream);

        assertNotEquals(fused.stateHash(), pipelined.stateHash(), "an extra stage's state changes the hash");
        assertEquals(fusedWithStage.stateHash(), pipelined.stateHash());
        assertEquals(fused.eventsByType(), pipelined.eventsByType());
    }

    @Test
    void shouldChangeStateHashWhenInputDiffers()
    {
        final EngineSummary a = run(Engine.builder().build(), EngineTestSupport.generate(CONFIG));
        final EngineSummary b = run(Engine.builder().build(),
            EngineTestSupport.generate(GeneratorConfig.defaults(300, 200_000, 12).withCorruptFraction(0.002)));
        assertNotEquals(a.stateHash(), b.stateHash());
    }

    /** Counts data events and folds their values into a hash, as a stand-in analytics stage. */
    static final class CountingStage implements Stage
    {
        final AtomicLong seen = new AtomicLong();
        long hash;

        public String name()
        {
            return "counting";
        }

        public void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
        {
            if (event.routed)
            {
                seen.incrementAndGet();
                hash = hash * 31 + event.elementIndex;
            }
        }

        public long stateHash()
        {
            return hash ^ seen.get();
        }
    }
}
