/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import java.util.Arrays;

/**
 * The shape of a series: a short header, and one ring of buckets per resolution. In a copy of a series (what a
 * reader gets, what a hand-off carries) the rings are back to back; in a {@link BucketStore} they are spread
 * bucket-major across the series of a chunk.
 * <pre>
 *   header:  | version | ewma | ewmaTimeMs | newest bucket (resolution 0) | ... | newest bucket (resolution R-1) |
 *            | written slots of resolution 0: ceil(slots[0] / 64) longs | ... | of resolution R-1                |
 *   copy:    | ring of resolution 0: slots[0] x {@link BucketCells} | ring of resolution 1 | ...                |
 * </pre>
 * Bucket {@code b} of resolution {@code r} covers event time {@code [b * res, (b + 1) * res)} and lives in slot
 * {@code b mod slots[r]}; the header's newest bucket says which buckets the slots hold now. A ring's written-slot
 * bits (bit {@code s % 64} of word {@code s / 64}) say which slots were written since the ring moved onto their
 * bucket: a slot whose bit is clear holds a bucket the ring has moved past and reads as no data. Moving the
 * ring on clears bits, not slots, so a ring that skips buckets (a new series, a gap, a resolution finer than the
 * series reports) touches no cells for the buckets it skips. A copy's cells hold zeros for such slots.
 * <p>
 * A ring holds at least as many buckets as its spec asks, and more when the spec is shorter than the allowed
 * lateness plus the idleness timeout: that is how far behind the newest bucket the oldest open (not yet closed)
 * bucket can be, and an open bucket must never share a slot with a newer one.
 */
public final class SeriesLayout
{
    /** Header offset of the seqlock version: odd while the writer is changing the series. */
    public static final int VERSION_OFFSET = 0;

    /** Header offset of the EWMA (double bits). */
    public static final int EWMA_OFFSET = VERSION_OFFSET + 1;

    /** Header offset of the EWMA's event time. */
    public static final int EWMA_TIME_OFFSET = EWMA_OFFSET + 1;

    /** Header offset of the newest bucket of the first resolution. */
    public static final int NEWEST_OFFSET = EWMA_TIME_OFFSET + 1;

    /** Newest bucket of a ring that has held nothing yet. */
    public static final long NO_BUCKET = Long.MIN_VALUE;

    /** EWMA time of a series with no sample yet. */
    public static final long NO_TIME = Long.MIN_VALUE;

    private final WindowSpec spec;
    private final long horizonMs;
    private final long[] resolutionsMs;
    private final int[] slots;
    private final int[] cellOffsets;
    private final int[] writtenOffsets;
    private final int seriesLongs;
    private final int headerLongs;

    /**
     * The layout of a spec.
     *
     * @param spec      the windows.
     * @param horizonMs allowed lateness plus idleness timeout: the longest an open bucket can trail the newest.
     */
    public SeriesLayout(final WindowSpec spec, final long horizonMs)
    {
        this.spec = spec;
        this.horizonMs = horizonMs;
        final int resolutions = spec.resolutions();
        resolutionsMs = new long[resolutions];
        slots = new int[resolutions];
        cellOffsets = new int[resolutions];
        writtenOffsets = new int[resolutions];
        int offset = 0;
        int header = NEWEST_OFFSET + resolutions;
        for (int r = 0; r < resolutions; r++)
        {
            final long resolutionMs = spec.resolutionMs(r);
            resolutionsMs[r] = resolutionMs;
            final long needed = (horizonMs + resolutionMs - 1) / resolutionMs + 2;
            slots[r] = (int)Math.max(spec.bucketCount(r), Math.min(needed, Integer.MAX_VALUE / BucketCells.LONGS));
            cellOffsets[r] = offset;
            offset = Math.addExact(offset, Math.multiplyExact(slots[r], BucketCells.LONGS));
            writtenOffsets[r] = header;
            header += writtenWords(slots[r]);
        }
        seriesLongs = offset;
        headerLongs = header;
    }

    /**
     * The spec laid out.
     *
     * @return the spec.
     */
    public WindowSpec spec()
    {
        return spec;
    }

    /**
     * The horizon the rings were sized for.
     *
     * @return milliseconds.
     */
    public long horizonMs()
    {
        return horizonMs;
    }

    /**
     * Resolutions, ascending.
     *
     * @return the count.
     */
    public int resolutions()
    {
        return resolutionsMs.length;
    }

    /**
     * Bucket width of a resolution.
     *
     * @param r index of the resolution.
     * @return milliseconds.
     */
    public long resolutionMs(final int r)
    {
        return resolutionsMs[r];
    }

    /**
     * Index of a resolution.
     *
     * @param resolutionMs bucket width.
     * @return the index, or -1.
     */
    public int indexOf(final long resolutionMs)
    {
        for (int r = 0; r < resolutionsMs.length; r++)
        {
            if (resolutionsMs[r] == resolutionMs)
            {
                return r;
            }
        }
        return -1;
    }

    /**
     * Slots in the ring of a resolution (at least the spec's bucket count).
     *
     * @param r index of the resolution.
     * @return the ring length.
     */
    public int slots(final int r)
    {
        return slots[r];
    }

    /**
     * Offset of a resolution's ring within a copy of a series' cells.
     *
     * @param r index of the resolution.
     * @return offset in longs.
     */
    public int cellOffset(final int r)
    {
        return cellOffsets[r];
    }

    /**
     * Header offset of a resolution's written-slot bits.
     *
     * @param r index of the resolution.
     * @return offset in longs; the bits take {@link #writtenWords(int)} of its slots.
     */
    public int writtenOffset(final int r)
    {
        return writtenOffsets[r];
    }

    /**
     * Longs of written-slot bits a ring of so many slots takes.
     *
     * @param slots the ring length.
     * @return one bit a slot, rounded up to whole longs.
     */
    public static int writtenWords(final int slots)
    {
        return (slots + Long.SIZE - 1) >>> 6;
    }

    /**
     * Longs of cells per series (the size of a copy).
     *
     * @return the count.
     */
    public int seriesLongs()
    {
        return seriesLongs;
    }

    /**
     * Longs of header per series.
     *
     * @return the count.
     */
    public int headerLongs()
    {
        return headerLongs;
    }

    /**
     * Bytes one series takes: header and every ring.
     *
     * @return the bytes.
     */
    public long bytesPerSeries()
    {
        return (long)(seriesLongs + headerLongs) * Long.BYTES;
    }

    /**
     * {@inheritDoc}
     */
    public boolean equals(final Object other)
    {
        return other instanceof SeriesLayout && ((SeriesLayout)other).spec.equals(spec) &&
            Arrays.equals(((SeriesLayout)other).slots, slots);
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        return spec.hashCode() * 31 + Arrays.hashCode(slots);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return spec + " (" + bytesPerSeries() + " bytes a series)";
    }
}
