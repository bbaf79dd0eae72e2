/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine;

import java.util.Locale;

/**
 * How the analytics stages map onto threads. Threading is configuration, not code: the same stages run in
 * every mode, and the same input gives the same state in every mode.
 */
public final class ThreadMode
{
    /** The kinds of mode. */
    public enum Kind
    {
        /** One thread runs every analytics stage in order; best on few cores. */
        FUSED,

        /** Each analytics stage has its own thread, with ring barriers between them. */
        PIPELINED,

        /** The router assigns each event a shard by region; each shard thread owns its regions' state. */
        SHARDED
    }

    /** One analytics thread. */
    public static final ThreadMode FUSED = new ThreadMode(Kind.FUSED, 1);

    /** A thread per stage. */
    public static final ThreadMode PIPELINED = new ThreadMode(Kind.PIPELINED, 1);

    /** Most shards allowed. */
    public static final int MAX_SHARDS = 64;

    private final Kind kind;
    private final int shards;

    private ThreadMode(final Kind kind, final int shards)
    {
        this.kind = kind;
        this.shards = shards;
    }

    /**
     * The sharded mode with a number of shard threads.
     *
     * @param shards number of shard threads, 1 to {@link #MAX_SHARDS}.
     * @return the mode.
     */
    public static ThreadMode sharded(final int shards)
    {
        if (shards < 1 || shards > MAX_SHARDS)
        {
            throw new IllegalArgumentException("shards must be 1.." + MAX_SHARDS + ": " + shards);
        }
        return new ThreadMode(Kind.SHARDED, shards);
    }

    /**
     * Parses {@code fused}, {@code pipelined} or {@code sharded:N}.
     *
     * @param text the mode as written in configuration or on the command line.
     * @return the mode.
     * @throws IllegalArgumentException with the accepted forms, when the text is none of them.
     */
    public static ThreadMode parse(final String text)
    {
        final String value = text.trim().toLowerCase(Locale.ROOT);
        if ("fused".equals(value))
        {
            return FUSED;
        }
        if ("pipelined".equals(value))
        {
            return PIPELINED;
        }
        if (value.startsWith("sharded:"))
        {
            try
            {
                return sharded(Integer.parseInt(value.substring("sharded:".length())));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("bad shard count in '" + text + "': expected sharded:N", ex);
            }
        }
        throw new IllegalArgumentException(
            "unknown thread mode '" + text + "': expected fused, pipelined or sharded:N");
    }

    /**
     * The kind of mode.
     *
     * @return the kind.
     */
    public Kind kind()
    {
        return kind;
    }

    /**
     * Shard threads; 1 unless sharded.
     *
     * @return the shard count.
     */
    public int shards()
    {
        return shards;
    }

    /**
     * {@inheritDoc}
     */
    public boolean equals(final Object other)
    {
        return other instanceof ThreadMode && ((ThreadMode)other).kind == kind && ((ThreadMode)other).shards == shards;
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        return kind.hashCode() * 31 + shards;
    }

    /**
     * The mode as {@link #parse} reads it.
     *
     * @return e.g. {@code sharded:4}.
     */
    public String toString()
    {
        return kind == Kind.SHARDED ? "sharded:" + shards : kind.name().toLowerCase(Locale.ROOT);
    }
}
