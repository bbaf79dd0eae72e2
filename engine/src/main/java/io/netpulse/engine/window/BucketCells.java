/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

/**
 * The aggregate of one bucket, kept as five longs in a {@code long[]} (doubles by their raw bits), so that a
 * bucket is one short run of one array and an update touches one or two cache lines:
 * <pre>
 *   0        8        16       24       32       40
 *   +--------+--------+--------+--------+--------+
 *   | count  |  sum   |   m2   |  min   |  max   |
 *   +--------+--------+--------+--------+--------+
 *     long     double   double   double   double
 * </pre>
 * {@code m2} is the sum of squared deviations from the bucket's mean (Welford's M2). Keeping it, rather than
 * the raw sum of squares, is what keeps the variance stable: the raw form subtracts two nearly equal large
 * numbers when the values are large and their spread small. The raw sum of squares is
 * {@code m2 + sum * sum / count}. A bucket with count 0 is "no data", never zero.
 * <p>
 * Adding a sample costs one division; merging two buckets (Chan et al.'s parallel formula) is exact up to
 * rounding and depends on the order of the merges, which is why roll-ups merge children in one canonical order.
 */
public final class BucketCells
{
    /** Offset of the sample count. */
    public static final int COUNT_OFFSET = 0;

    /** Offset of the sum (double bits). */
    public static final int SUM_OFFSET = COUNT_OFFSET + 1;

    /** Offset of the sum of squared deviations from the mean (double bits). */
    public static final int M2_OFFSET = SUM_OFFSET + 1;

    /** Offset of the minimum (double bits). */
    public static final int MIN_OFFSET = M2_OFFSET + 1;

    /** Offset of the maximum (double bits). */
    public static final int MAX_OFFSET = MIN_OFFSET + 1;

    /** Longs per bucket. */
    public static final int LONGS = MAX_OFFSET + 1;

    /** Bytes per bucket. */
    public static final int BYTES = LONGS * Long.BYTES;

    private BucketCells()
    {
    }

    /**
     * Adds one sample to a bucket.
     *
     * @param cells holding the bucket.
     * @param at    offset of the bucket.
     * @param value the sample, finite.
     */
    public static void add(final long[] cells, final int at, final double value)
    {
        final long count = cells[at + COUNT_OFFSET];
        if (0 == count)
        {
            set(cells, at, 1, value, 0.0, value, value);
            return;
        }

        final double sum = Double.longBitsToDouble(cells[at + SUM_OFFSET]);
        final double n = count;
        // Welford's update written on the sum: m2 += (x - mean)^2 * n / (n + 1), with mean = sum / n.
        final double deviation = value * n - sum;
        final double m2 = Double.longBitsToDouble(cells[at + M2_OFFSET]) + deviation * deviation / (n * (n + 1.0));
        cells[at + COUNT_OFFSET] = count + 1;
        cells[at + SUM_OFFSET] = Double.doubleToRawLongBits(sum + value);
        cells[at + M2_OFFSET] = Double.doubleToRawLongBits(m2);
        if (value < Double.longBitsToDouble(cells[at + MIN_OFFSET]))
        {
            cells[at + MIN_OFFSET] = Double.doubleToRawLongBits(value);
        }
        if (value > Double.longBitsToDouble(cells[at + MAX_OFFSET]))
        {
            cells[at + MAX_OFFSET] = Double.doubleToRawLongBits(value);
        }
    }

    /**
     * Merges one bucket into another.
     *
     * @param into   holding the bucket merged into.
     * @param intoAt its offset.
     * @param from   holding the bucket merged from; unchanged.
     * @param fromAt its offset.
     */
    public static void merge(final long[] into, final int intoAt, final long[] from, final int fromAt)
    {
        final long countB = from[fromAt + COUNT_OFFSET];
        if (0 == countB)
        {
            return;
        }
        final long countA = into[intoAt + COUNT_OFFSET];
        if (0 == countA)
        {
            System.arraycopy(from, fromAt, into, intoAt, LONGS);
            return;
        }

        final double sumA = Double.longBitsToDouble(into[intoAt + SUM_OFFSET]);
        final double sumB = Double.longBitsToDouble(from[fromAt + SUM_OFFSET]);
        final double nA = countA;
        final double nB = countB;
        // Chan et al.: m2 = m2A + m2B + (meanB - meanA)^2 * nA * nB / (nA + nB), with one division
        final double deviation = sumB * nA - sumA * nB;
        final double m2 = Double.longBitsToDouble(into[intoAt + M2_OFFSET]) +
            Double.longBitsToDouble(from[fromAt + M2_OFFSET]) + deviation * deviation / (nA * nB * (nA + nB));
        final double minB = Double.longBitsToDouble(from[fromAt + MIN_OFFSET]);
        final double maxB = Double.longBitsToDouble(from[fromAt + MAX_OFFSET]);

        into[intoAt + COUNT_OFFSET] = countA + countB;
        into[intoAt + SUM_OFFSET] = Double.doubleToRawLongBits(sumA + sumB);
        into[intoAt + M2_OFFSET] = Double.doubleToRawLongBits(m2);
        if (minB < Double.longBitsToDouble(into[intoAt + MIN_OFFSET]))
        {
            into[intoAt + MIN_OFFSET] = Double.doubleToRawLongBits(minB);
        }
        if (maxB > Double.longBitsToDouble(into[intoAt + MAX_OFFSET]))
        {
            into[intoAt + MAX_OFFSET] = Double.doubleToRawLongBits(maxB);
        }
    }

    /**
     * Empties a bucket ("no data").
     *
     * @param cells holding the bucket.
     * @param at    its offset.
     */
    public static void clear(final long[] cells, final int at)
    {
        set(cells, at, 0, 0.0, 0.0, 0.0, 0.0);
    }

    /**
     * Writes a whole bucket.
     *
     * @param cells holding the bucket.
     * @param at    its offset.
     * @param count samples.
     * @param sum   of the samples.
     * @param m2    sum of squared deviations from the mean.
     * @param min   smallest sample.
     * @param max   largest sample.
     */
    public static void set(
        final long[] cells,
        final int at,
        final long count,
        final double sum,
        final double m2,
        final double min,
        final double max)
    {
        cells[at + COUNT_OFFSET] = count;
        cells[at + SUM_OFFSET] = Double.doubleToRawLongBits(sum);
        cells[at + M2_OFFSET] = Double.doubleToRawLongBits(m2);
        cells[at + MIN_OFFSET] = Double.doubleToRawLongBits(min);
        cells[at + MAX_OFFSET] = Double.doubleToRawLongBits(max);
    }

    /**
     * Samples in a bucket.
     *
     * @param cells holding the bucket.
     * @param at    its offset.
     * @return the count; 0 is no data.
     */
    public static long count(final long[] cells, final int at)
    {
        return cells[at + COUNT_OFFSET];
    }

    /**
     * Sum of a bucket's samples.
     *
     * @param cells holding the bucket.
     * @param at    its offset.
     * @return the sum.
     */
    public static double sum(final long[] cells, final int at)
    {
        return Double.longBitsToDouble(cells[at + SUM_OFFSET]);
    }

    /**
     * Sum of squared deviations from a bucket's mean.
     *
     * @param cells holding the bucket.
     * @param at    its offset.
     * @return m2.
     */
    public static double m2(final long[] cells, final int at)
    {
        return Double.longBitsToDouble(cells[at + M2_OFFSET]);
    }

    /**
     * Smallest sample of a bucket.
     *
     * @param cells holding the bucket.
     * @param at    its offset.
     * @return the minimum.
     */
    public static double min(final long[] cells, final int at)
    {
        return Double.longBitsToDouble(cells[at + MIN_OFFSET]);
    }

    /**
     * Largest sample of a bucket.
     *
     * @param cells holding the bucket.
     * @param at    its offset.
     * @return the maximum.
     */
    public static double max(final long[] cells, final int at)
    {
        return Double.longBitsToDouble(cells[at + MAX_OFFSET]);
    }
}
