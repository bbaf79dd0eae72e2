/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.status;

import io.netpulse.codec.RejectReason;
import io.netpulse.engine.ThreadMode;
import io.netpulse.engine.WaitStrategyKind;
import io.netpulse.engine.stage.StateHash;
import io.netpulse.engine.stage.ThreadAffinity;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusTest
{
    @Test
    void shouldCountRejectsByReasonAndInTotal()
    {
        try (SystemCounters counters = new SystemCounters())
        {
            counters.reject(RejectReason.BAD_CHECKSUM);
            counters.reject(RejectReason.BAD_CHECKSUM);
            counters.reject(RejectReason.LATE);
            assertEquals(2, counters.rejected(RejectReason.BAD_CHECKSUM));
            assertEquals(1, counters.rejected(RejectReason.LATE));
            assertEquals(3, counters.value(SystemCounter.EVENTS_REJECTED));
            counters.get(SystemCounter.ALERTS).incrementRelease();
            assertEquals(1, counters.value(SystemCounter.ALERTS));

            final List<String> labels = new ArrayList<>();
            counters.reader().forEach((counterId, typeId, keyBuffer, label) -> labels.add(label));
            assertEquals(SystemCounter.values().length + RejectReason.count(), labels.size());
            assertTrue(labels.contains("Rejected: CRC32C mismatch"));
            assertTrue(counters.reader().maxCounterId() >= labels.size() - 1);
            assertEquals(CountersReader.RECORD_ALLOCATED, counters.reader().getCounterState(0));
        }
    }

    @Test
    void shouldDescribeSystemCounters()
    {
        for (final SystemCounter counter : SystemCounter.values())
        {
            assertEquals(counter, SystemCounter.get(counter.id()));
            assertFalse(counter.label().isEmpty());
            assertFalse(counter.description().isEmpty());
        }
    }

    @Test
    void shouldLogEachDistinctCauseOnceAndCountEveryOccurrence()
    {
        try (SystemCounters counters = new SystemCounters())
        {
            final List<String> logged = new ArrayList<>();
            final System.Logger logger = new RecordingLogger(logged);
            final ErrorLog log = new ErrorLog(counters.get(SystemCounter.STAGE_ERRORS), logger);
            for (int i = 0; i < 5; i++)
            {
                log.record("window", failure("boom"));
            }
            log.record("window", failure("other"));
            log.record("cube", failure("boom"));
            log.onError(new IllegalStateException());

            assertEquals(8, counters.value(SystemCounter.STAGE_ERRORS));
            assertEquals(4, logged.size());
            final List<ErrorLog.Observation> observations = log.observations();
            assertEquals(4, observations.size());
            assertEquals(5, observations.get(0).count());
            assertEquals("window", observations.get(0).where());
            assertEquals("boom", observations.get(0).throwable().getMessage());
            assertEquals("engine", observations.get(3).where());
        }
    }

    private static RuntimeException failure(final String message)
    {
        return new IllegalArgumentException(message);
    }

    @Test
    void shouldTrackLatencyForReaders()
    {
        final AtomicLong now = new AtomicLong(1_000);
        final LatencyTracker tracker = new LatencyTracker(now::get);
        tracker.record(900);
        now.set(5_000);
        tracker.record(4_000);
        tracker.recordLatency(-5);
        tracker.recordLatency(Long.MAX_VALUE);
        assertEquals(4, tracker.snapshot().getTotalCount());
        tracker.record(4_999);
        assertEquals(5, tracker.snapshot().getTotalCount());
        assertTrue(tracker.snapshot().getMaxValue() >= LatencyTracker.MAX_TRACKABLE_NS * 0.99);
        assertEquals(0, tracker.snapshot().getMinValue());
    }

    @Test
    void shouldParseThreadModes()
    {
        assertEquals(ThreadMode.FUSED, ThreadMode.parse(" Fused "));
        assertEquals(ThreadMode.PIPELINED, ThreadMode.parse("pipelined"));
        assertEquals(ThreadMode.sharded(4), ThreadMode.parse("sharded:4"));
        assertEquals(4, ThreadMode.parse("sharded:4").shards());
        assertEquals("sharded:4", ThreadMode.sharded(4).toString());
        assertEquals("fused", ThreadMode.FUSED.toString());
        assertEquals(ThreadMode.sharded(2).hashCode(), ThreadMode.parse("sharded:2").hashCode());
        assertNotEquals(ThreadMode.sharded(2), ThreadMode.sharded(3));
        assertNotEquals(ThreadMode.FUSED, "fused");
        assertThrows(IllegalArgumentException.class, () -> ThreadMode.parse("sharded:x"));
        assertThrows(IllegalArgumentException.class, () -> ThreadMode.parse("sharded:0"));
        assertThrows(IllegalArgumentException.class, () -> ThreadMode.parse("parallel"));
        assertThrows(IllegalArgumentException.class, () -> ThreadMode.sharded(ThreadMode.MAX_SHARDS + 1));
    }

    @Test
    void shouldParseWaitStrategies()
    {
        for (final WaitStrategyKind kind : WaitStrategyKind.values())
        {
            assertEquals(kind, WaitStrategyKind.parse(kind.label()));
            assertTrue(kind.newWaitStrategy().getClass().getSimpleName().toLowerCase()
                .startsWith(kind.label().replace("-", "").substring(0, 4)));
        }
        assertEquals(WaitStrategyKind.BUSY_SPIN, WaitStrategyKind.parse("BUSY_SPIN"));
        assertThrows(IllegalArgumentException.class, () -> WaitStrategyKind.parse("lazy"));
    }

    @Test
    void shouldPinOnlyWhenEnabled() throws Exception
    {
        assertFalse(ThreadAffinity.NONE.pin(0, "test"));
        assertFalse(new ThreadAffinity(true).pin(-1, "test"));
        // On a thread of its own: pinning the test runner would pin every thread it starts afterwards.
        final boolean[] results = new boolean[1];
        final Thread thread = new Thread(() ->
        {
            // Whether pinning works depends on the machine; either way it must not throw.
            new ThreadAffinity(true).pin(0, "test");
            results[0] = new ThreadAffinity(true).pin(100_000, "test");
        });
        thread.start();
        thread.join();
        assertFalse(results[0], "no such CPU");
    }

    @Test
    void shouldMixHashesSensitively()
    {
        assertNotEquals(StateHash.mix(StateHash.SEED, 1L), StateHash.mix(StateHash.SEED, 2L));
        assertNotEquals(StateHash.mix(StateHash.mix(StateHash.SEED, 1L), 2L),
            StateHash.mix(StateHash.mix(StateHash.SEED, 2L), 1L));
        assertNotEquals(StateHash.mix(StateHash.SEED, 0.1 + 0.2), StateHash.mix(StateHash.SEED, 0.3));
        assertEquals("000000000000002a", StateHash.format(42));
    }

    /** Keeps what is logged. */
    private record RecordingLogger(List<String> lines) implements System.Logger
    {
        public String getName()
        {
            return "test";
        }

        public boolean isLoggable(final Level level)
        {
            return true;
        }

        public void log(final Level level, final java.util.ResourceBundle bundle, final String msg, final Throwable t)
        {
            lines.add(msg);
        }

        public void log(final Level level, final java.util.ResourceBundle bundle, final String format,
            final Object... params)
        {
            lines.add(format);
        }
    }
}
