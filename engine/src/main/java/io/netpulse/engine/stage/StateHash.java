/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.stage;

/**
 * A 64-bit running hash for state comparisons across runs and thread modes. Not cryptographic: it only has to
 * make accidental equality of different states vanishingly unlikely.
 */
public final class StateHash
{
    /** Starting value. */
    public static final long SEED = 0x9E3779B97F4A7C15L;

    private StateHash()
    {
    }

    /**
     * Mixes a value into a running hash (a multiply-xorshift step, from SplitMix64's finaliser).
     *
     * @param hash  so far.
     * @param value to mix in.
     * @return the new hash.
     */
    public static long mix(final long hash, final long value)
    {
        long z = hash ^ (value + 0x9E3779B97F4A7C15L + (hash << 6) + (hash >>> 2));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Mixes a double by its exact bits, so any difference in the last place shows.
     *
     * @param hash  so far.
     * @param value to mix in.
     * @return the new hash.
     */
    public static long mix(final long hash, final double value)
    {
        return mix(hash, Double.doubleToLongBits(value));
    }

    /**
     * Formats a hash the way summaries print it.
     *
     * @param hash the hash.
     * @return 16 lower-case hex digits.
     */
    public static String format(final long hash)
    {
        return String.format("%016x", hash);
    }
}
