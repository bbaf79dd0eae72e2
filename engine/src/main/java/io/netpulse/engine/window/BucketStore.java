/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The buckets of every series of one {@link SeriesLayout}, struct-of-arrays: series are dense indices into
 * chunks of {@value #CHUNK_SERIES} series, allocated as series appear and never moved, so memory is proportional
 * to the series that exist (and a freed series' room is reused by the next one). Nothing is allocated per event.
 * <p>
 * A chunk holds one {@code long[]} of series headers and, per resolution, one {@code long[]} of buckets laid out
 * bucket-major: slot {@code j} of every series of the chunk side by side, then slot {@code j + 1}.
 * <pre>
 *   cells[chunk][r]:  | slot 0: series 0 | series 1 | ... | series 255 | slot 1: series 0 | ... |
 *                        (each a {@link BucketCells} run of five longs)
 * </pre>
 * Series that report together (an element's metrics, neighbouring elements) touch neighbouring memory for the
 * current bucket, so the working set of a busy engine is the current slot of each ring, not every ring whole;
 * and closing a bucket reads one contiguous run per chunk. Copies of a series (for readers and hand-offs) use the
 * series-major form of {@link SeriesLayout}.
 * <p>
 * Moving a ring on to a newer bucket clears the skipped slots' bits in the series' header, never the slots
 * themselves: a slot whose bit is clear is "no data" to every read ({@link #bucketIndex} answers -1, copies get
 * zeros) and is overwritten whole by its next sample. So a new series, a series back from a long silence, or a ring
 * finer than its series reports costs no writes to cells it skips (each a cache line of its own, a slot's stride
 * apart), only to the header the sample updates anyway. The newest bucket's slot is always written (moving onto a
 * bucket writes it), so a sample in the newest bucket, the common case, does not read the bits.
 * <p>
 * Single writer (the window updater that owns the store). Readers on other threads never block it: every write
 * to a series is bracketed by its seqlock (the header's version, odd while writing), and a reader copies what it
 * needs and retries if the version moved. Chunk tables are replaced, never changed in place; the writer keeps
 * plain references and publishes each new table through a volatile field for readers.
 */
public final class BucketStore
{
    /** Series per chunk. */
    public static final int CHUNK_SERIES = 1024;

    private static final int CHUNK_SHIFT = Integer.numberOfTrailingZeros(CHUNK_SERIES);
    private static final int CHUNK_MASK = CHUNK_SERIES - 1;
    private static final int SLOT_STRIDE = CHUNK_SERIES * BucketCells.LONGS;
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    private final SeriesLayout layout;
    private final int resolutions;
    private final int headerLongs;
    private final int seriesLongs;
    private final long[] resolutionsMs;
    private final int[] slots;
    private final int[] cellOffsets;
    private final int[] writtenOffsets;

    // The current bucket of each resolution, cached: event times arrive nearly in order, so most events fall in
    // the bucket of the event before and need no division.
    private final long[] cachedStartMs;
    private final long[] cachedEndMs;
    private final long[] cachedBucket;
    private final int[] cachedSlot;

    // The writer's own references, read without barriers on the hot path; readers use the published copies.
    private long[][] headerChunks = new long[0][];
    private long[][][] cellChunks = new long[0][][];
    private volatile long[][] publishedHeaders = headerChunks;
    private volatile long[][][] publishedCells = cellChunks;
    private int nextSeries;
    private int[] freeSeries = new int[16];
    private int freeCount;
    private int liveSeries;
    private long beyondRing;

    /**
     * An empty store.
     *
     * @param layout where each series' numbers go.
     */
    public BucketStore(final SeriesLayout layout)
    {
        this.layout = layout;
        this.resolutions = layout.resolutions();
        this.headerLongs = layout.headerLongs();
        this.seriesLongs = layout.seriesLongs();
        this.resolutionsMs = new long[resolutions];
        this.slots = new int[resolutions];
        this.cellOffsets = new int[resolutions];
        this.writtenOffsets = new int[resolutions];
        for (int r = 0; r < resolutions; r++)
        {
            resolutionsMs[r] = layout.resolutionMs(r);
            slots[r] = layout.slots(r);
            cellOffsets[r] = layout.cellOffset(r);
            writtenOffsets[r] = layout.writtenOffset(r);
        }
        cachedStartMs = new long[resolutions];
        cachedEndMs = new long[resolutions];
        cachedBucket = new long[resolutions];
        cachedSlot = new int[resolutions];
        Arrays.fill(cachedStartMs, Long.MAX_VALUE);
        Arrays.fill(cachedEndMs, Long.MIN_VALUE);
    }

    /**
     * The layout.
     *
     * @return the layout.
     */
    public SeriesLayout layout()
    {
        return layout;
    }

    /**
     * Makes room for a new series, empty.
     *
     * @return its index.
     */
    public int allocate()
    {
        final int series;
        if (freeCount > 0)
        {
            series = freeSeries[--freeCount];
        }
        else
        {
            series = nextSeries++;
            final int chunk = series >>> CHUNK_SHIFT;
            if (chunk == headerChunks.length)
            {
                final long[][] headers = Arrays.copyOf(headerChunks, chunk + 1);
                final long[][][] cells = Arrays.copyOf(cellChunks, chunk + 1);
                headers[chunk] = new long[CHUNK_SERIES * headerLongs];
                cells[chunk] = new long[resolutions][];
                for (int r = 0; r < resolutions; r++)
                {
                    cells[chunk][r] = new long[slots[r] * CHUNK_SERIES * BucketCells.LONGS];
                }
                cellChunks = cells;
                headerChunks = headers;
                publishedCells = cells;
                publishedHeaders = headers;
            }
        }

        final long[] header = headerChunks[series >>> CHUNK_SHIFT];
        final int h = (series & CHUNK_MASK) * headerLongs;
        final long version = beginWrite(header, h);
        header[h + SeriesLayout.EWMA_OFFSET] = Double.doubleToRawLongBits(Double.NaN);
        header[h + SeriesLayout.EWMA_TIME_OFFSET] = SeriesLayout.NO_TIME;
        forget(header, h);
        endWrite(header, h, version);
        liveSeries++;
        return series;
    }

    /**
     * Releases a series; its room goes to the next one allocated. A reader still looking at it sees its version
     * move.
     *
     * @param series the index.
     */
    public void free(final int series)
    {
        final long[] header = headerChunks[series >>> CHUNK_SHIFT];
        final int h = (series & CHUNK_MASK) * headerLongs;
        final long version = beginWrite(header, h);
        forget(header, h);
        header[h + SeriesLayout.EWMA_TIME_OFFSET] = SeriesLayout.NO_TIME;
        endWrite(header, h, version);
        if (freeCount == freeSeries.length)
        {
            freeSeries = Arrays.copyOf(freeSeries, freeCount * 2);
        }
        freeSeries[freeCount++] = series;
        liveSeries--;
    }

    /**
     * Empties every ring of a series: no newest bucket, no written slot.
     */
    private void forget(final long[] header, final int h)
    {
        for (int r = 0; r < resolutions; r++)
        {
            header[h + SeriesLayout.NEWEST_OFFSET + r] = SeriesLayout.NO_BUCKET;
        }
        Arrays.fill(header, h + SeriesLayout.NEWEST_OFFSET + resolutions, h + headerLongs, 0L);
    }

    /**
     * Adds a sample to a series at every resolution, and to its EWMA. The hot path: a few array writes per
     * resolution, no allocation.
     *
     * @param series      the series.
     * @param eventTimeMs the sample's event time; not behind the watermark.
     * @param value       the sample.
     * @param ewma        the EWMA policy, or null to leave the EWMA alone.
     */
    public void add(final int series, final long eventTimeMs, final double value, final Ewma ewma)
    {
        final long[] header = headerChunks[series >>> CHUNK_SHIFT];
        final long[][] cells = cellChunks[series >>> CHUNK_SHIFT];
        final int h = (series & CHUNK_MASK) * headerLongs;
        final int within = (series & CHUNK_MASK) * BucketCells.LONGS;
        final long version = beginWrite(header, h);

        for (int r = 0; r < resolutions; r++)
        {
            if (eventTimeMs < cachedStartMs[r] || eventTimeMs >= cachedEndMs[r])
            {
                assign(r, eventTimeMs);
            }
            final long bucket = cachedBucket[r];
            final int newestAt = h + SeriesLayout.NEWEST_OFFSET + r;
            final long newest = header[newestAt];
            final int slot = cachedSlot[r];
            final int at = slot * SLOT_STRIDE + within;
            if (bucket == newest)
            {
                // the newest bucket's slot is always written: no need to look at its bit
                BucketCells.add(cells[r], at, value);
            }
            else if (bucket > newest)
            {
                final int writtenAt = h + writtenOffsets[r];
                // moving on by one bucket skips no slot (the new bucket's own is set just below), and a ring with no
                // bucket yet has no bit set
                if (bucket != newest + 1)
                {
                    advance(header, writtenAt, slots[r], newest, bucket);
                }
                header[newestAt] = bucket;
                header[writtenAt + (slot >>> 6)] |= 1L << slot;
                BucketCells.set(cells[r], at, 1, value, 0.0, value, value);
            }
            else if (bucket <= newest - slots[r])
            {
                // cannot happen with a ring sized for the horizon; counted rather than written over a newer bucket
                beyondRing++;
            }
            else
            {
                // an older bucket the ring still holds: a slot the ring moved past without a sample starts afresh
                final int wordAt = h + writtenOffsets[r] + (slot >>> 6);
                final long word = header[wordAt];
                final long bit = 1L << slot;
                if (0 == (word & bit))
                {
                    header[wordAt] = word | bit;
                    BucketCells.set(cells[r], at, 1, value, 0.0, value, value);
                }
                else
                {
                    BucketCells.add(cells[r], at, value);
                }
            }
        }

        if (null != ewma)
        {
            final int timeAt = h + SeriesLayout.EWMA_TIME_OFFSET;
            final long lastMs = header[timeAt];
            if (SeriesLayout.NO_TIME == lastMs)
            {
                header[h + SeriesLayout.EWMA_OFFSET] = Double.doubleToRawLongBits(value);
                header[timeAt] = eventTimeMs;
            }
            else if (eventTimeMs > lastMs)
            {
                final double average = Double.longBitsToDouble(header[h + SeriesLayout.EWMA_OFFSET]);
                header[h + SeriesLayout.EWMA_OFFSET] =
                    Double.doubleToRawLongBits(ewma.update(average, value, eventTimeMs - lastMs));
                header[timeAt] = eventTimeMs;
            }
        }

        endWrite(header, h, version);
    }

    private void assign(final int r, final long eventTimeMs)
    {
        final long resolutionMs = resolutionsMs[r];
        final long bucket = Math.floorDiv(eventTimeMs, resolutionMs);
        cachedBucket[r] = bucket;
        cachedStartMs[r] = bucket * resolutionMs;
        cachedEndMs[r] = cachedStartMs[r] + resolutionMs;
        cachedSlot[r] = (int)Math.floorMod(bucket, (long)slots[r]);
    }

    /**
     * Moves a ring from its newest bucket on to a newer one: the slots of the buckets in between, up to and
     * including the new one, become "no data" until written, by their written bits alone.
     */
    private static void advance(
        final long[] header, final int writtenAt, final int slots, final long newest, final long bucket)
    {
        if (SeriesLayout.NO_BUCKET == newest || bucket - newest >= slots)
        {
            Arrays.fill(header, writtenAt, writtenAt + SeriesLayout.writtenWords(slots), 0L);
            return;
        }
        int slot = (int)Math.floorMod(newest + 1, (long)slots);
        for (long b = newest + 1; b <= bucket; b++)
        {
            header[writtenAt + (slot >>> 6)] &= ~(1L << slot);
            if (++slot == slots)
            {
                slot = 0;
            }
        }
    }

    /**
     * The slot a bucket of a resolution lives in.
     *
     * @param r      index of the resolution.
     * @param bucket the bucket number.
     * @return the slot.
     */
    public int slotOf(final int r, final long bucket)
    {
        return (int)Math.floorMod(bucket, (long)slots[r]);
    }

    /**
     * Writes a whole bucket of a series (a roll-up result), replacing what the slot held.
     *
     * @param series the series.
     * @param r      index of the resolution.
     * @param bucket the bucket number.
     * @param from   holding the aggregate in {@link BucketCells} form.
     * @param fromAt its offset.
     */
    public void putBucket(final int series, final int r, final long bucket, final long[] from, final int fromAt)
    {
        final long[] header = headerChunks[series >>> CHUNK_SHIFT];
        final long[] ring = cellChunks[series >>> CHUNK_SHIFT][r];
        final int h = (series & CHUNK_MASK) * headerLongs;
        final int within = (series & CHUNK_MASK) * BucketCells.LONGS;
        final long version = beginWrite(header, h);
        final int newestAt = h + SeriesLayout.NEWEST_OFFSET + r;
        final long newest = header[newestAt];
        final int writtenAt = h + writtenOffsets[r];
        if (bucket > newest)
        {
            advance(header, writtenAt, slots[r], newest, bucket);
            header[newestAt] = bucket;
        }
        if (bucket > header[newestAt] - slots[r])
        {
            final int slot = slotOf(r, bucket);
            header[writtenAt + (slot >>> 6)] |= 1L << slot;
            System.arraycopy(from, fromAt, ring, slot * SLOT_STRIDE + within, BucketCells.LONGS);
        }
        endWrite(header, h, version);
    }

    /**
     * Copies a series whole (header and cells) from another store of the same layout: a hand-off between
     * shards, or a snapshot.
     *
     * @param series the series to overwrite.
     * @param header the source header ({@link SeriesLayout#headerLongs()} longs; its version and written-slot bits
     *               are ignored).
     * @param cells  the source cells ({@link SeriesLayout#seriesLongs()} longs), zeros where there is no data.
     */
    public void putSeries(final int series, final long[] header, final long[] cells)
    {
        final long[] headerChunk = headerChunks[series >>> CHUNK_SHIFT];
        final int h = (series & CHUNK_MASK) * headerLongs;
        final long version = beginWrite(headerChunk, h);
        System.arraycopy(header, 1, headerChunk, h + 1, SeriesLayout.NEWEST_OFFSET + resolutions - 1);
        for (int r = 0; r < resolutions; r++)
        {
            // every slot of a ring that holds anything is written: with the cells copied, each holds its bucket
            final long fill = SeriesLayout.NO_BUCKET == header[SeriesLayout.NEWEST_OFFSET + r] ? 0L : -1L;
            final int writtenAt = h + writtenOffsets[r];
            Arrays.fill(headerChunk, writtenAt, writtenAt + SeriesLayout.writtenWords(slots[r]), fill);
        }
        scatter(cells, cellChunks[series >>> CHUNK_SHIFT], (series & CHUNK_MASK) * BucketCells.LONGS);
        endWrite(headerChunk, h, version);
    }

    /**
     * Sets a series' EWMA (when re-laying out a series).
     *
     * @param series the series.
     * @param value  the average.
     * @param timeMs its event time, or {@link SeriesLayout#NO_TIME}.
     */
    public void ewma(final int series, final double value, final long timeMs)
    {
        final long[] header = headerChunks[series >>> CHUNK_SHIFT];
        final int h = (series & CHUNK_MASK) * headerLongs;
        final long version = beginWrite(header, h);
        header[h + SeriesLayout.EWMA_OFFSET] = Double.doubleToRawLongBits(value);
        header[h + SeriesLayout.EWMA_TIME_OFFSET] = timeMs;
        endWrite(header, h, version);
    }

    /**
     * Copies a series out whole. Writer thread only.
     *
     * @param series the series.
     * @param header receives {@link SeriesLayout#headerLongs()} longs.
     * @param cells  receives {@link SeriesLayout#seriesLongs()} longs.
     */
    public void copySeries(final int series, final long[] header, final long[] cells)
    {
        System.arraycopy(headerChunks[series >>> CHUNK_SHIFT], (series & CHUNK_MASK) * headerLongs, header, 0,
            headerLongs);
        gather(header, cellChunks[series >>> CHUNK_SHIFT], (series & CHUNK_MASK) * BucketCells.LONGS, cells);
    }

    /**
     * Copies a series' rings out series-major, zeros for the slots its header says hold no data.
     */
    private void gather(final long[] header, final long[][] chunk, final int within, final long[] cells)
    {
        for (int r = 0; r < resolutions; r++)
        {
            final long[] ring = chunk[r];
            final int writtenAt = writtenOffsets[r];
            for (int slot = 0, at = cellOffsets[r]; slot < slots[r]; slot++, at += BucketCells.LONGS)
            {
                if (0 != (header[writtenAt + (slot >>> 6)] & (1L << slot)))
                {
                    System.arraycopy(ring, slot * SLOT_STRIDE + within, cells, at, BucketCells.LONGS);
                }
                else
                {
                    BucketCells.clear(cells, at);
                }
            }
        }
    }

    private void scatter(final long[] cells, final long[][] chunk, final int within)
    {
        for (int r = 0; r < resolutions; r++)
        {
            final long[] ring = chunk[r];
            for (int slot = 0, at = cellOffsets[r]; slot < slots[r]; slot++, at += BucketCells.LONGS)
            {
                System.arraycopy(cells, at, ring, slot * SLOT_STRIDE + within, BucketCells.LONGS);
            }
        }
    }

    /**
     * Copies a series out for a reader on any thread, consistently: retries while the writer is changing it.
     *
     * @param series the series.
     * @param header receives {@link SeriesLayout#headerLongs()} longs.
     * @param cells  receives {@link SeriesLayout#seriesLongs()} longs, or null for the header only.
     */
    public void readSeries(final int series, final long[] header, final long[] cells)
    {
        final long[][] headers = publishedHeaders;
        final long[][][] cellTable = publishedCells;
        final long[] headerChunk = headers[series >>> CHUNK_SHIFT];
        final long[][] cellChunk = cellTable[series >>> CHUNK_SHIFT];
        final int h = (series & CHUNK_MASK) * headerLongs;
        final int within = (series & CHUNK_MASK) * BucketCells.LONGS;
        while (true)
        {
            final long before = (long)LONGS.getAcquire(headerChunk, h);
            if ((before & 1) == 0)
            {
                System.arraycopy(headerChunk, h, header, 0, headerLongs);
                if (null != cells)
                {
                    gather(header, cellChunk, within, cells);
                }
                VarHandle.acquireFence();
                if ((long)LONGS.getOpaque(headerChunk, h) == before)
                {
                    header[SeriesLayout.VERSION_OFFSET] = before;
                    return;
                }
            }
            Thread.onSpinWait();
        }
    }

    /**
     * The buckets of one resolution of a series' chunk, for the writer's own reads (roll-ups, hashes). A slot may
     * still hold a bucket its ring moved past: find buckets with {@link #bucketIndex}, never by slot alone.
     *
     * @param series the series.
     * @param r      index of the resolution.
     * @return the array holding them; {@link #bucketIndex} says where a bucket is.
     */
    public long[] cellChunk(final int series, final int r)
    {
        return cellChunks[series >>> CHUNK_SHIFT][r];
    }

    /**
     * Where a slot of a series is in {@link #cellChunk(int, int)}, whatever it holds.
     *
     * @param series the series.
     * @param slot   the slot.
     * @return the offset.
     */
    public static int cellIndex(final int series, final int slot)
    {
        return slot * SLOT_STRIDE + (series & CHUNK_MASK) * BucketCells.LONGS;
    }

    /**
     * The chunk of headers holding a series.
     *
     * @param series the series.
     * @return the chunk; {@link #headerIndex(int)} is where.
     */
    public long[] headerChunk(final int series)
    {
        return headerChunks[series >>> CHUNK_SHIFT];
    }

    /**
     * Where a series' header starts in its chunk.
     *
     * @param series the series.
     * @return the offset.
     */
    public int headerIndex(final int series)
    {
        return (series & CHUNK_MASK) * headerLongs;
    }

    /**
     * The newest bucket a series holds at a resolution. Writer thread only.
     *
     * @param series the series.
     * @param r      index of the resolution.
     * @return the bucket number, or {@link SeriesLayout#NO_BUCKET}.
     */
    public long newestBucket(final int series, final int r)
    {
        return headerChunks[series >>> CHUNK_SHIFT][(series & CHUNK_MASK) * headerLongs + SeriesLayout.NEWEST_OFFSET + r];
    }

    /**
     * Where a bucket lives, if the series still holds it. Writer thread only.
     *
     * @param series the series.
     * @param r      index of the resolution.
     * @param bucket the bucket number.
     * @return the offset of the bucket in {@link #cellChunk(int, int)}, or -1 when the ring no longer (or not
     *         yet) holds it or has no data for it.
     */
    public int bucketIndex(final int series, final int r, final long bucket)
    {
        return bucketIndex(series, r, bucket, slotOf(r, bucket));
    }

    /**
     * {@link #bucketIndex(int, int, long)} with the bucket's slot already known (the same for every series of the
     * store): what a roll-up uses, series after series.
     *
     * @param series the series.
     * @param r      index of the resolution.
     * @param bucket the bucket number.
     * @param slot   {@link #slotOf(int, long)} of the bucket.
     * @return the offset, or -1.
     */
    public int bucketIndex(final int series, final int r, final long bucket, final int slot)
    {
        final long[] header = headerChunks[series >>> CHUNK_SHIFT];
        final int h = (series & CHUNK_MASK) * headerLongs;
        final long newest = header[h + SeriesLayout.NEWEST_OFFSET + r];
        if (SeriesLayout.NO_BUCKET == newest || bucket > newest || bucket <= newest - slots[r] ||
            0 == (header[h + writtenOffsets[r] + (slot >>> 6)] & (1L << slot)))
        {
            return -1;
        }
        return slot * SLOT_STRIDE + (series & CHUNK_MASK) * BucketCells.LONGS;
    }

    private static long beginWrite(final long[] header, final int h)
    {
        final long version = header[h];
        header[h] = version + 1;
        VarHandle.releaseFence();
        return version;
    }

    private static void endWrite(final long[] header, final int h, final long version)
    {
        LONGS.setRelease(header, h, version + 2);
    }

    /**
     * Series allocated and not freed.
     *
     * @return the count.
     */
    public int liveSeries()
    {
        return liveSeries;
    }

    /**
     * Bytes allocated for series, free room included.
     *
     * @return the bytes.
     */
    public long allocatedBytes()
    {
        return (long)publishedHeaders.length * CHUNK_SERIES * layout.bytesPerSeries();
    }

    /**
     * Samples that fell outside their ring (never, while rings are sized for the horizon).
     *
     * @return the count.
     */
    public long beyondRing()
    {
        return beyondRing;
    }
}
