/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.topology;

import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.ServiceType;
import io.netpulse.engine.Engine;
import io.netpulse.engine.EngineSummary;
import io.netpulse.engine.feed.JournalReplayer;
import io.netpulse.engine.feed.Progress;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.engine.status.SystemCounters;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuplicateFilterTest
{
    private static final long T = 1_795_428_000_000L;
    private static final long MINUTE = 60_000L;

    @TempDir
    Path dir;

    @Test
    void shouldCountACdrSeenAgainWithinTheHorizon()
    {
        final SystemCounters counters = new SystemCounters();
        final DuplicateFilter filter = new DuplicateFilter(10 * MINUTE, 1000, counters);
        assertFalse(filter.isDuplicate(1, T, 3));
        assertFalse(filter.isDuplicate(2, T, 3));
        assertTrue(filter.isDuplicate(1, T, 4));
        assertTrue(filter.isDuplicate(1, T + 10 * MINUTE, 4), "a copy stamped at the horizon's edge");
        assertFalse(filter.isDuplicate(1, T + 10 * MINUTE + 1, 4), "an id reused later is a new record");
        assertEquals(2, filter.duplicates());
        assertEquals(2, filter.duplicates(4));
        assertEquals(0, filter.duplicates(3));
        assertEquals(2, counters.rejected(RejectReason.DUPLICATE));
        assertEquals(10 * MINUTE, filter.horizonMs());
    }

    @Test
    void shouldRecogniseEveryResentIdAmongManySequentialAndScatteredOnes()
    {
        final DuplicateFilter filter = new DuplicateFilter(10 * MINUTE, 1 << 20, new SystemCounters());
        final SplittableRandom random = new SplittableRandom(3);
        final Set<Long> seen = new HashSet<>();
        long duplicates = 0;
        for (int i = 0; i < 200_000; i++)
        {
            // Mostly a switch's consecutive ids, some scattered ones (negative too), some sent again.
            final long id = random.nextInt(10) == 0 ? random.nextLong() : random.nextInt(5) == 0 ?
                1 + random.nextInt(Math.max(1, i)) : 1 + i;
            final boolean expected = !seen.add(id);
            assertEquals(expected, filter.isDuplicate(id, T + i, 1), "id " + id + " at " + i);
            duplicates += expected ? 1 : 0;
        }
        assertEquals(duplicates, filter.duplicates());
        assertEquals(seen.size(), filter.size());
    }

    @Test
    void shouldForgetIdsOlderThanTheHorizonAsEventTimeAdvances()
    {
        final DuplicateFilter filter = new DuplicateFilter(10 * MINUTE, 1000, new SystemCounters());
        for (int i = 0; i < 100; i++)
        {
            filter.isDuplicate(i, T + i * MINUTE, 1);
        }
        assertTrue(filter.size() <= 16, "about a horizon and a half of ids kept: " + filter.size());
        assertTrue(filter.isDuplicate(99, T + 99 * MINUTE, 1));
        assertFalse(filter.isDuplicate(5, T + 5 * MINUTE, 1), "too old to compare: taken as new");
        assertFalse(filter.isDuplicate(5, T + 5 * MINUTE, 1), "and not remembered either");
        assertEquals(0, filter.horizonShortened());
    }

    @Test
    void shouldDecideAsAMapOfFirstSightingsWhileSweepingAsEventTimeRuns()
    {
        // Event time runs through twenty horizons at about a hundred CDRs a second; ids are mostly a switch's
        // consecutive ones (clusters in the table), some scattered, some sent again within the horizon and some
        // long after it. In time order, the decision is exact: a duplicate when the id's kept sighting is within
        // the horizon. The sweep must take out only expired ids, and keep every other one findable.
        final long horizonMs = 10 * MINUTE;
        final DuplicateFilter filter = new DuplicateFilter(horizonMs, 1 << 20, new SystemCounters());
        final java.util.HashMap<Long, Long> kept = new java.util.HashMap<>();
        final SplittableRandom random = new SplittableRandom(11);
        long nextId = 1;
        long eventTimeMs = T;
        long duplicates = 0;
        int largest = 0;
        for (int i = 0; i < 1_200_000; i++)
        {
            eventTimeMs += random.nextInt(21);
            final int pick = random.nextInt(100);
            final long id;
            if (pick < 80)
            {
                id = nextId++;
            }
            else if (pick < 90)
            {
                id = random.nextLong();
            }
            else if (pick < 97)
            {
                id = Math.max(1, nextId - 1 - random.nextInt(60_000));
            }
            else
            {
                id = Math.max(1, nextId - 1 - random.nextInt(400_000));
            }
            final Long seenMs = kept.get(id);
            final boolean expected = null != seenMs && eventTimeMs - seenMs <= horizonMs;
            if (!expected)
            {
                kept.put(id, eventTimeMs);
            }
            assertEquals(expected, filter.isDuplicate(id, eventTimeMs, 1), "id " + id + " at " + i);
            duplicates += expected ? 1 : 0;
            if (i % 100_000 == 99_999)
            {
                final long since = eventTimeMs;
                kept.values().removeIf(ms -> since - ms > 2 * horizonMs);
                int withinAHorizonAndAHalf = 0;
                for (final long ms : kept.values())
                {
                    withinAHorizonAndAHalf += since - ms <= horizonMs + horizonMs / 2 ? 1 : 0;
                }
                assertTrue(filter.size() <= withinAHorizonAndAHalf + 64,
                    "expired ids swept within half a horizon: " + filter.size() + " kept, " +
                    withinAHorizonAndAHalf + " within a horizon and a half");
                largest = Math.max(largest, filter.size());
            }
        }
        assertTrue(duplicates > 30_000, "the run had duplicates to find: " + duplicates);
        assertEquals(duplicates, filter.duplicates());
        assertEquals(0, filter.horizonShortened());
        assertTrue(largest > 50_000, "the table held a horizon of ids: " + largest);
    }

    @Test
    void shouldDropEveryExpiredIdAtOnceWhenEventTimeJumpsHalfAHorizonOrMore()
    {
        final DuplicateFilter filter = new DuplicateFilter(10 * MINUTE, 1 << 20, new SystemCounters());
        for (int i = 0; i < 5_000; i++)
        {
            assertFalse(filter.isDuplicate(1 + i, T + i, 1));
        }
        assertEquals(5_000, filter.size());
        assertFalse(filter.isDuplicate(9_999_999, T + 60 * MINUTE, 1), "an hour later");
        assertEquals(1, filter.size(), "every id of an hour ago is out, at once");
        assertFalse(filter.isDuplicate(17, T + 60 * MINUTE, 1), "an id of an hour ago is new again");
        assertTrue(filter.isDuplicate(9_999_999, T + 61 * MINUTE, 1));
    }

    @Test
    void shouldShortenTheHorizonWhenTooManyIdsArrive()
    {
        final DuplicateFilter filter = new DuplicateFilter(10 * MINUTE, 100, new SystemCounters());
        for (int i = 0; i < 1000; i++)
        {
            filter.isDuplicate(i, T + i, 1);
        }
        assertTrue(filter.size() <= 100);
        assertTrue(filter.horizonShortened() > 0);
        assertTrue(filter.isDuplicate(999, T + 999, 1), "the newest ids are kept");
        assertTrue(filter.duplicates(5000) == filter.duplicates(DuplicateFilter.TRACKED_SOURCES - 1));
        assertThrows(IllegalArgumentException.class, () -> new DuplicateFilter(0, 100, new SystemCounters()));
        assertThrows(IllegalArgumentException.class, () -> new DuplicateFilter(1, 1, new SystemCounters()));
    }

    @Test
    void shouldLeaveTheStateHashAloneUntilADuplicateIsFound()
    {
        final DuplicateFilter filter = new DuplicateFilter(MINUTE, 100, new SystemCounters());
        filter.isDuplicate(1, T, 1);
        assertEquals(42L, filter.mixInto(42L));
        filter.isDuplicate(1, T, 1);
        assertNotEquals(42L, filter.mixInto(42L));
    }

    private static int cdr(final EventFrameEncoder encoder, final UnsafeBuffer buffer, final int offset,
        final long cdrId, final long timeMs, final long element)
    {
        return encoder.callDetailRecord(buffer, offset, timeMs, cdrId, element, ServiceType.VOICE,
            CallResult.ANSWERED, 16, 900, 60_000, 410, 100, 200, 1, 2);
    }

    @Test
    void shouldNotCountAReSentCdrTwiceAndReplayToTheSameState()
    {
        final EventFrameEncoder encoder = new EventFrameEncoder();
        final UnsafeBuffer first = new UnsafeBuffer(new byte[64 * 1024]);
        int firstLength = 0;
        for (int i = 0; i < 200; i++)
        {
            firstLength += cdr(encoder, first, firstLength, 1000 + i, T + i * 1000L, 1 + i % 5);
        }
        // a reconnecting gateway re-sends its last 50, from another connection
        final UnsafeBuffer resent = new UnsafeBuffer(new byte[64 * 1024]);
        int resentLength = 0;
        for (int i = 150; i < 200; i++)
        {
            resentLength += cdr(encoder, resent, resentLength, 1000 + i, T + i * 1000L, 1 + i % 5);
        }

        final Path journal = dir.resolve("journal");
        final Engine engine = Engine.builder().journalDirectory(journal).autoRegisterElements(true).build();
        final EventPublisher gateway;
        final EventPublisher reconnected;
        try (engine)
        {
            gateway = engine.newPublisher("gateway");
            reconnected = engine.newPublisher("gateway-again");
            assertEquals(firstLength, gateway.publishStream(first, 0, firstLength, true));
            assertEquals(resentLength, reconnected.publishStream(resent, 0, resentLength, true));
        }
        final EngineSummary summary = engine.summary();
        assertEquals(250, summary.journaled(), "duplicates are journaled as they arrived");
        assertEquals(50, summary.rejected(RejectReason.DUPLICATE));
        assertEquals(200, engine.router().nodeEvents(0), "each call counted once");
        assertEquals(50, engine.router().duplicateFilter().duplicates(reconnected.sourceId()));
        assertEquals(0, engine.router().duplicateFilter().duplicates(gateway.sourceId()));
        assertEquals(250, summary.eventsByType().get(MessageType.CALL_DETAIL_RECORD.label()));

        final Engine replay = Engine.builder().autoRegisterElements(true).build();
        try (replay)
        {
            JournalReplayer.replay(journal.resolve("input"), 0, Long.MAX_VALUE, 0, replay.newPublisher("replay"),
                Progress.NONE);
        }
        assertEquals(summary.stateHash(), replay.summary().stateHash());
        assertEquals(50, replay.summary().rejected(RejectReason.DUPLICATE));

        final Engine off = Engine.builder().duplicateHorizonMs(0).autoRegisterElements(true).build();
        try (off)
        {
            off.newPublisher("a").publishStream(first, 0, firstLength, true);
            off.newPublisher("b").publishStream(resent, 0, resentLength, true);
        }
        assertNull(off.router().duplicateFilter());
        assertEquals(250, off.router().nodeEvents(0));
        assertThrows(IllegalArgumentException.class, () -> Engine.builder().duplicateHorizonMs(-1));
        assertThrows(IllegalArgumentException.class, () -> Engine.builder().duplicateMaxIds(2));
    }
}
