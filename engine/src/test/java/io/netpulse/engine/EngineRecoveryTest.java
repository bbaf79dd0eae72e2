/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine;

import io.netpulse.codec.FrameDescriptor;
import io.netpulse.engine.alert.AlertEvent;
import io.netpulse.engine.alert.AlertSink;
import io.netpulse.engine.alert.RecentAlerts;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.journal.InputJournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An engine restarted on its journal ({@link EngineBuilder#recover}) goes on as if it had never stopped: the state,
 * the journal and the alerts delivered are those of one engine that took every event.
 */
class EngineRecoveryTest
{
    private static final GeneratorConfig CONFIG = GeneratorConfig.defaults(300, 200_000, 11);

    @TempDir
    Path dir;

    @Test
    void shouldRecoverTheEarlierRunAndGoOnAsOneRunWould()
    {
        final EngineTestSupport.Stream stream = EngineTestSupport.generate(CONFIG);
        final int split = frameBoundaryNear(stream, stream.length() / 2);

        final AlertIds wholeAlerts = new AlertIds(false);
        final EngineSummary whole = run(Engine.builder().journalDirectory(dir.resolve("whole"))
            .alertSink(wholeAlerts).build(), stream, 0, stream.length());

        final AlertIds firstAlerts = new AlertIds(false);
        final EngineSummary first = run(Engine.builder().journalDirectory(dir.resolve("run"))
            .alertSink(firstAlerts).build(), stream, 0, split);

        final AlertIds resumedAlerts = new AlertIds(false);
        final AlertIds resumedAllAlerts = new AlertIds(true);
        final RecentAlerts recent = new RecentAlerts();
        final long[] progress = {-1, -1};
        final Engine resumed = Engine.builder().journalDirectory(dir.resolve("run")).recover(true)
            .recoveryProgress((done, total) ->
            {
                progress[0] = done;
                progress[1] = total;
            })
            .alertSink(resumedAlerts).alertSink(resumedAllAlerts).alertSink(recent).build();
        assertEquals(first.journaled(), resumed.recoveredEvents(), "every frame of the first run recovered");
        assertEquals(first.journaled(), progress[0], "progress told to the end");
        assertEquals(first.journaled(), progress[1]);
        assertEquals(first.stateHash(), resumed.stateHash(), "the first run's state, before any new event");
        assertEquals(0, resumed.latency().snapshot().getTotalCount(), "the replay's latencies are not the service's");
        assertEquals(0, resumed.alertLatency().snapshot().getTotalCount());
        assertEquals(List.of(), resumedAlerts.ids, "a sink that does not ask for them gets no alert twice");
        assertEquals(firstAlerts.ids, resumedAllAlerts.ids, "one that asks gets them again, with their ids");
        final EngineSummary last = run(resumed, stream, split, stream.length());

        assertTrue(!firstAlerts.ids.isEmpty() && whole.alerts() > firstAlerts.ids.size(),
            "alerts on both sides of the restart: " + firstAlerts.ids.size() + " of " + whole.alerts());
        assertEquals(whole.stateHash(), last.stateHash());
        assertEquals(whole.eventsByType(), last.eventsByType(),
            "the counts take in the recovered events, as the state does");
        final List<Long> delivered = new ArrayList<>(firstAlerts.ids);
        delivered.addAll(resumedAlerts.ids);
        assertEquals(wholeAlerts.ids, delivered, "each alert delivered once, in order, ids going on");
        assertEquals(whole.alerts(), recent.received(), "the recent alerts hold both runs'");
        try (InputJournalReader journal = new InputJournalReader(dir.resolve("run").resolve("input")))
        {
            assertEquals(whole.journaled(), journal.endSequence(), "the recovered frames were not appended again");
        }
        assertEquals(whole.journaled() - first.journaled(), last.journaled(), "the new frames were");
    }

    @Test
    void shouldRecoverTheSameStateInTheOtherThreadModes()
    {
        final EngineTestSupport.Stream stream = EngineTestSupport.generate(CONFIG);
        final int split = frameBoundaryNear(stream, stream.length() / 3);
        for (final String mode : new String[] {"pipelined", "sharded:2"})
        {
            final Path journal = dir.resolve(mode.replace(':', '-'));
            final EngineSummary whole = run(Engine.builder().threadMode(ThreadMode.parse(mode)).build(), stream, 0,
                stream.length());
            run(Engine.builder().threadMode(ThreadMode.parse(mode)).journalDirectory(journal).build(), stream, 0,
                split);
            final EngineSummary last = run(Engine.builder().threadMode(ThreadMode.parse(mode))
                .journalDirectory(journal).recover(true).build(), stream, split, stream.length());
            assertEquals(whole.stateHash(), last.stateHash(), mode);
            assertEquals(whole.alerts(), last.alerts(), mode);
        }
    }

    @Test
    void shouldStartEmptyWhenThereIsNothingToRecover()
    {
        final Engine engine = Engine.builder().journalDirectory(dir.resolve("new")).recover(true).build();
        assertEquals(0, engine.recoveredEvents());
        final EngineTestSupport.Stream stream = EngineTestSupport.generate(GeneratorConfig.defaults(50, 5_000, 3));
        final EngineSummary summary = run(engine, stream, 0, stream.length());
        assertEquals(summary.published(), summary.journaled());

        final Engine withoutJournal = Engine.builder().recover(true).build();
        try (withoutJournal)
        {
            assertEquals(0, withoutJournal.recoveredEvents());
        }
    }

    private static EngineSummary run(final Engine engine, final EngineTestSupport.Stream stream, final int from,
        final int to)
    {
        try (engine)
        {
            final EventPublisher publisher = engine.newPublisher("test");
            assertEquals(to - from, publisher.publishStream(stream.buffer(), from, to - from, true));
        }
        return engine.summary();
    }

    /**
     * The offset of the first frame that starts at or after an offset.
     */
    private static int frameBoundaryNear(final EngineTestSupport.Stream stream, final int offset)
    {
        int at = 0;
        while (at < offset)
        {
            at += stream.buffer().getInt(at + FrameDescriptor.LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        }
        return at;
    }

    /** Keeps the id of every alert it is given. */
    private static final class AlertIds implements AlertSink
    {
        final List<Long> ids = new ArrayList<>();
        private final boolean receivesRecovered;

        AlertIds(final boolean receivesRecovered)
        {
            this.receivesRecovered = receivesRecovered;
        }

        public boolean receivesRecovered()
        {
            return receivesRecovered;
        }

        public void onAlert(final AlertEvent alert)
        {
            ids.add(alert.alertId);
        }
    }
}
