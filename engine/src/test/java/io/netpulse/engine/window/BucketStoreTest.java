/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BucketStoreTest
{
    private static final long T0 = WindowTestKit.T0;
    private static final SeriesLayout LAYOUT = new SeriesLayout(WindowSpec.parse("10s*6,1m*3", 0), 0);

    @Test
    void shouldLayOutRingsBackToBackAndWidenRingsShorterThanTheHorizon()
    {
        assertEquals(6, LAYOUT.slots(0));
        assertEquals(3, LAYOUT.slots(1));
        assertEquals(0, LAYOUT.cellOffset(0));
        assertEquals(6 * BucketCells.LONGS, LAYOUT.cellOffset(1));
        assertEquals(9 * BucketCells.LONGS, LAYOUT.seriesLongs());
        // the header: version, EWMA, its time, two newest buckets, then one long of written-slot bits per ring
        assertEquals(SeriesLayout.NEWEST_OFFSET + 2, LAYOUT.writtenOffset(0));
        assertEquals(SeriesLayout.NEWEST_OFFSET + 3, LAYOUT.writtenOffset(1));
        assertEquals(SeriesLayout.NEWEST_OFFSET + 4, LAYOUT.headerLongs());
        assertEquals((9 * 5 + 7) * 8, LAYOUT.bytesPerSeries());
        assertEquals(0, SeriesLayout.writtenWords(0));
        assertEquals(1, SeriesLayout.writtenWords(64));
        assertEquals(2, SeriesLayout.writtenWords(65));
        assertEquals(1, LAYOUT.indexOf(60_000));
        assertEquals(-1, LAYOUT.indexOf(1));

        // 331 s of lateness and idleness: a 10 s ring needs 36 slots so no open bucket shares a slot with a newer one
        final SeriesLayout wide = new SeriesLayout(WindowSpec.parse("10s*6,1m*3", 0), 331_000);
        assertEquals(36, wide.slots(0));
        assertEquals(8, wide.slots(1));
        assertEquals(331_000, wide.horizonMs());
        assertEquals(LAYOUT, new SeriesLayout(WindowSpec.parse("10s*6,1m*3", 0), 0));
        assertEquals(LAYOUT.hashCode(), new SeriesLayout(WindowSpec.parse("10s*6,1m*3", 0), 0).hashCode());
        assertTrue(!LAYOUT.equals(wide) && !LAYOUT.equals("x"));
        assertTrue(LAYOUT.toString().contains("10s*6,1m*3"));
        assertEquals("10s*6,1m*3", LAYOUT.spec().toString());
        final BucketStore store = new BucketStore(LAYOUT);
        assertEquals(-1, store.bucketIndex(store.allocate(), 0, 0), "a new series holds nothing");
    }

    @Test
    void shouldAddToTheCurrentBucketOfEveryResolutionAndClearSkippedSlots()
    {
        final BucketStore store = new BucketStore(LAYOUT);
        final int series = store.allocate();
        final Ewma ewma = new Ewma(60_000);
        store.add(series, T0 + 1_000, 2.0, ewma);
        store.add(series, T0 + 9_000, 4.0, ewma);
        store.add(series, T0 + 25_000, 6.0, ewma);
        assertEquals(Math.floorDiv(T0, 10_000) + 2, store.newestBucket(series, 0));
        assertEquals(Math.floorDiv(T0, 60_000), store.newestBucket(series, 1));

        final long first = Math.floorDiv(T0, 10_000);
        final long[] cells = store.cellChunk(series, 0);
        assertEquals(2, BucketCells.count(cells, store.bucketIndex(series, 0, first)));
        assertEquals(-1, store.bucketIndex(series, 0, first + 1), "skipped: no data");
        assertEquals(1, BucketCells.count(cells, store.bucketIndex(series, 0, first + 2)));
        assertEquals(3, BucketCells.count(store.cellChunk(series, 1), store.bucketIndex(series, 1, Math.floorDiv(T0, 60_000))));
        assertEquals(store.bucketIndex(series, 0, first), BucketStore.cellIndex(series, store.slotOf(0, first)));
        assertEquals(-1, store.bucketIndex(series, 0, first + 3), "not yet");

        // an out-of-order sample within the ring lands in its own bucket
        store.add(series, T0 + 15_000, 8.0, ewma);
        assertEquals(1, BucketCells.count(cells, store.bucketIndex(series, 0, first + 1)));

        // a jump past the whole ring empties it
        store.add(series, T0 + 600_000, 1.0, ewma);
        assertEquals(-1, store.bucketIndex(series, 0, first), "gone from the ring");
        final long newest = store.newestBucket(series, 0);
        for (long bucket = newest - 5; bucket < newest; bucket++)
        {
            assertEquals(-1, store.bucketIndex(series, 0, bucket), "no data");
        }
        assertEquals(1, BucketCells.count(cells, store.bucketIndex(series, 0, newest)));
        assertEquals(1.0, BucketCells.sum(cells, store.bucketIndex(series, 0, newest)), "started afresh");

        // a sample older than the ring is counted, never written over a newer bucket
        store.add(series, T0 + 30_000, 5.0, ewma);
        assertEquals(2, store.beyondRing(), "once per resolution");
        assertEquals(1, BucketCells.count(cells, store.bucketIndex(series, 0, newest)));

        // the EWMA took the in-order samples and skipped the out-of-order ones
        double expected = 2.0;
        expected = ewma.update(expected, 4.0, 8_000);
        expected = ewma.update(expected, 6.0, 16_000);
        expected = ewma.update(expected, 1.0, 575_000);
        final long[] header = store.headerChunk(series);
        assertEquals(expected, Double.longBitsToDouble(header[store.headerIndex(series) + SeriesLayout.EWMA_OFFSET]),
            1e-12);
    }

    @Test
    void shouldTreatSkippedSlotsAsNoDataWithoutClearingThem()
    {
        final BucketStore store = new BucketStore(LAYOUT);
        final int series = store.allocate();
        final long first = Math.floorDiv(T0, 10_000);
        store.add(series, first * 10_000, 2.0, null);
        store.add(series, (first + 1) * 10_000, 3.0, null);
        // six slots: bucket first + 7 takes first + 1's slot, and the ring skips first + 2 .. first + 6
        store.add(series, (first + 7) * 10_000, 5.0, null);
        final long[] ring = store.cellChunk(series, 0);
        assertEquals(1, BucketCells.count(ring, store.bucketIndex(series, 0, first + 7)));
        assertEquals(5.0, BucketCells.sum(ring, store.bucketIndex(series, 0, first + 7)), "written over, not added to");
        assertEquals(5.0, BucketCells.min(ring, store.bucketIndex(series, 0, first + 7)));
        for (long bucket = first + 2; bucket <= first + 6; bucket++)
        {
            assertEquals(-1, store.bucketIndex(series, 0, bucket), "skipped: no data");
        }
        final int stale = BucketStore.cellIndex(series, store.slotOf(0, first + 6));
        assertEquals(1, BucketCells.count(ring, stale), "the slot still holds bucket first, unread");

        // a copy reads the skipped slots as empty
        final long[] header = new long[LAYOUT.headerLongs()];
        final long[] cells = new long[LAYOUT.seriesLongs()];
        store.readSeries(series, header, cells);
        for (int slot = 0; slot < LAYOUT.slots(0); slot++)
        {
            final long count = BucketCells.count(cells, slot * BucketCells.LONGS);
            final double sum = BucketCells.sum(cells, slot * BucketCells.LONGS);
            if (slot == store.slotOf(0, first + 7))
            {
                assertEquals(1, count);
                assertEquals(5.0, sum);
            }
            else
            {
                assertEquals(0, count, "slot " + slot);
                assertEquals(0.0, sum, "slot " + slot);
            }
        }
        final long[] written = new long[LAYOUT.headerLongs()];
        final long[] copied = new long[LAYOUT.seriesLongs()];
        store.copySeries(series, written, copied);
        assertArrayEquals(cells, copied);

        // and so does a store the copy is put into, where every slot of a ring holding anything counts as written
        final BucketStore other = new BucketStore(LAYOUT);
        final int target = other.allocate();
        other.putSeries(target, header, cells);
        assertEquals(first + 7, other.newestBucket(target, 0));
        assertEquals(0, BucketCells.count(other.cellChunk(target, 0), other.bucketIndex(target, 0, first + 6)));
        assertEquals(5.0, BucketCells.sum(other.cellChunk(target, 0), other.bucketIndex(target, 0, first + 7)));
        other.add(target, (first + 6) * 10_000, 4.0, null);
        assertEquals(4.0, BucketCells.sum(other.cellChunk(target, 0), other.bucketIndex(target, 0, first + 6)));

        // an out-of-order sample into a skipped slot starts it afresh; a whole bucket put there is written
        store.add(series, (first + 3) * 10_000 + 1, 7.0, null);
        assertEquals(1, BucketCells.count(ring, store.bucketIndex(series, 0, first + 3)));
        assertEquals(7.0, BucketCells.max(ring, store.bucketIndex(series, 0, first + 3)));
        store.add(series, (first + 3) * 10_000 + 2, 9.0, null);
        assertEquals(2, BucketCells.count(ring, store.bucketIndex(series, 0, first + 3)), "added to, once written");
        assertEquals(16.0, BucketCells.sum(ring, store.bucketIndex(series, 0, first + 3)));
        final long[] whole = new long[BucketCells.LONGS];
        BucketCells.set(whole, 0, 2, 6.0, 0.5, 2.5, 3.5);
        store.putBucket(series, 0, first + 4, whole, 0);
        assertEquals(2, BucketCells.count(ring, store.bucketIndex(series, 0, first + 4)));
        assertEquals(-1, store.bucketIndex(series, 0, first + 5));
    }

    @Test
    void shouldKeepWrittenBitsForRingsLongerThanOneWord()
    {
        final SeriesLayout layout = new SeriesLayout(WindowSpec.parse("1s*100", 0), 0);
        assertEquals(2, layout.headerLongs() - layout.writtenOffset(0));
        final BucketStore store = new BucketStore(layout);
        final int series = store.allocate();
        final long base = Math.floorDiv(T0, 100_000) * 100;
        store.add(series, base * 1_000, 1.0, null);
        store.add(series, (base + 70) * 1_000, 2.0, null);
        store.add(series, (base + 65) * 1_000, 3.0, null);
        final long[] ring = store.cellChunk(series, 0);
        assertEquals(1.0, BucketCells.sum(ring, store.bucketIndex(series, 0, base)));
        assertEquals(2.0, BucketCells.sum(ring, store.bucketIndex(series, 0, base + 70)));
        assertEquals(3.0, BucketCells.sum(ring, store.bucketIndex(series, 0, base + 65)));
        for (long bucket = base + 1; bucket < base + 70; bucket++)
        {
            if (bucket != base + 65)
            {
                assertEquals(-1, store.bucketIndex(series, 0, bucket), "bucket " + bucket);
            }
        }
        // around the ring: base + 130 moves past slots 71 .. 99 and 0 .. 30, base's among them
        store.add(series, (base + 130) * 1_000, 4.0, null);
        assertEquals(-1, store.bucketIndex(series, 0, base + 100));
        assertEquals(4.0, BucketCells.sum(ring, store.bucketIndex(series, 0, base + 130)));
        assertEquals(2.0, BucketCells.sum(ring, store.bucketIndex(series, 0, base + 70)));
        assertEquals(3.0, BucketCells.sum(ring, store.bucketIndex(series, 0, base + 65)));
        final long[] header = new long[layout.headerLongs()];
        final long[] cells = new long[layout.seriesLongs()];
        store.readSeries(series, header, cells);
        double total = 0;
        for (int slot = 0; slot < layout.slots(0); slot++)
        {
            total += BucketCells.sum(cells, slot * BucketCells.LONGS);
        }
        assertEquals(9.0, total, "only the three buckets the ring still holds");
    }

    @Test
    void shouldReuseFreedSeriesAndGrowByChunks()
    {
        final BucketStore store = new BucketStore(LAYOUT);
        for (int i = 0; i < BucketStore.CHUNK_SERIES + 1; i++)
        {
            assertEquals(i, store.allocate());
        }
        assertEquals(2L * BucketStore.CHUNK_SERIES * LAYOUT.bytesPerSeries(), store.allocatedBytes());
        store.add(7, T0, 1.0, null);
        store.free(7);
        store.free(3);
        assertEquals(BucketStore.CHUNK_SERIES - 1, store.liveSeries());
        assertEquals(3, store.allocate());
        final int reused = store.allocate();
        assertEquals(7, reused);
        assertEquals(SeriesLayout.NO_BUCKET, store.newestBucket(reused, 0), "a reused series starts empty");
        store.add(reused, T0 + 3_000, 9.0, null);
        assertEquals(1, BucketCells.count(store.cellChunk(reused, 0), store.bucketIndex(reused, 0, Math.floorDiv(T0, 10_000))));
        final long[] header = store.headerChunk(reused);
        assertTrue(Double.isNaN(Double.longBitsToDouble(header[store.headerIndex(reused) + SeriesLayout.EWMA_OFFSET])),
            "no EWMA policy, no EWMA");
        for (int i = 0; i < 40; i++)
        {
            store.free(100 + i);
        }
        assertEquals(BucketStore.CHUNK_SERIES + 1 - 40, store.liveSeries());
    }

    @Test
    void shouldCopySeriesBetweenStoresAndWriteWholeBuckets()
    {
        final BucketStore from = new BucketStore(LAYOUT);
        final BucketStore to = new BucketStore(LAYOUT);
        final int source = from.allocate();
        from.add(source, T0 + 2_000, 3.0, new Ewma(60_000));
        final long[] header = new long[LAYOUT.headerLongs()];
        final long[] cells = new long[LAYOUT.seriesLongs()];
        from.copySeries(source, header, cells);
        final int target = to.allocate();
        to.putSeries(target, header, cells);
        assertEquals(from.newestBucket(source, 0), to.newestBucket(target, 0));
        final long bucket = Math.floorDiv(T0, 10_000);
        assertEquals(3.0, BucketCells.sum(to.cellChunk(target, 0), to.bucketIndex(target, 0, bucket)));

        final long[] whole = new long[BucketCells.LONGS];
        BucketCells.set(whole, 0, 4, 10.0, 1.0, 1.0, 4.0);
        to.putBucket(target, 0, bucket + 2, whole, 0);
        assertEquals(bucket + 2, to.newestBucket(target, 0));
        assertEquals(4, BucketCells.count(to.cellChunk(target, 0), to.bucketIndex(target, 0, bucket + 2)));
        to.putBucket(target, 0, bucket - 10, whole, 0);
        assertEquals(-1, to.bucketIndex(target, 0, bucket - 10), "older than the ring: not written");
        to.putBucket(target, 0, bucket + 1, whole, 0);
        assertEquals(4, BucketCells.count(to.cellChunk(target, 0), to.bucketIndex(target, 0, bucket + 1)));

        to.ewma(target, 42.0, T0);
        final long[] read = new long[LAYOUT.headerLongs()];
        to.readSeries(target, read, null);
        assertEquals(42.0, Double.longBitsToDouble(read[SeriesLayout.EWMA_OFFSET]));
        assertEquals(T0, read[SeriesLayout.EWMA_TIME_OFFSET]);
        assertEquals(0, read[SeriesLayout.VERSION_OFFSET] & 1, "read between writes");
    }

    @Test
    void shouldNeverLetAReaderSeeAHalfWrittenSeries() throws Exception
    {
        final BucketStore store = new BucketStore(LAYOUT);
        final int series = store.allocate();
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicReference<String> torn = new AtomicReference<>();
        final AtomicLong reads = new AtomicLong();
        final Thread reader = new Thread(() ->
        {
            final long[] header = new long[LAYOUT.headerLongs()];
            final long[] cells = new long[LAYOUT.seriesLongs()];
            while (!done.get() && null == torn.get())
            {
                store.readSeries(series, header, cells);
                reads.incrementAndGet();
                // every sample is 1.0: in any consistent copy a bucket's sum equals its count, and the two
                // resolutions hold the same number of samples within the minute ring's reach
                for (int slot = 0; slot < LAYOUT.slots(0) + LAYOUT.slots(1); slot++)
                {
                    final int at = slot * BucketCells.LONGS;
                    if (BucketCells.sum(cells, at) != BucketCells.count(cells, at))
                    {
                        torn.set("slot " + slot + ": count " + BucketCells.count(cells, at) + " sum " +
                            BucketCells.sum(cells, at));
                    }
                }
            }
        });
        reader.start();
        long t = T0;
        final long endNs = System.nanoTime() + 200_000_000L;
        while (System.nanoTime() < endNs || reads.get() < 1_000)
        {
            for (int i = 0; i < 1_000; i++)
            {
                store.add(series, t, 1.0, null);
                t += 7;
            }
        }
        done.set(true);
        reader.join(5_000);
        assertNull(torn.get());
        assertTrue(reads.get() >= 1_000);
    }
}
