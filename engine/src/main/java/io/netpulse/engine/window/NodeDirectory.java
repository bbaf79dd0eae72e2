/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import io.netpulse.codec.sbe.NodeLevel;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Global node ids to dense indices and levels, for readers on other threads. Written on the cold path only (a
 * topology change, an element's first event), so the boxing of a concurrent map costs nothing that matters, and
 * reads never block the writer.
 */
final class NodeDirectory
{
    /** Returned for ids not known. */
    static final long MISSING = -1;

    private final ConcurrentHashMap<Long, Long> nodes = new ConcurrentHashMap<>();

    NodeDirectory()
    {
        nodes.put(0L, pack(0, NodeLevel.NETWORK));
    }

    void put(final long id, final int index, final NodeLevel level)
    {
        nodes.put(id, pack(index, level));
    }

    void remove(final long id)
    {
        nodes.remove(id);
    }

    /**
     * The node of an id.
     *
     * @return index and level packed ({@link #index}, {@link #level}), or {@link #MISSING}.
     */
    long find(final long id)
    {
        final Long packed = nodes.get(id);
        return null == packed ? MISSING : packed;
    }

    static int index(final long packed)
    {
        return (int)packed;
    }

    static NodeLevel level(final long packed)
    {
        return NodeLevel.get((short)(packed >>> 32));
    }

    private static long pack(final int index, final NodeLevel level)
    {
        return ((long)level.value() << 32) | (index & 0xFFFF_FFFFL);
    }
}
