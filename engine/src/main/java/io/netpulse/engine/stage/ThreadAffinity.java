/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.stage;

import net.openhft.affinity.Affinity;

import java.util.BitSet;

/**
 * Pins a stage's thread to a CPU, when configured. Pinning stops the scheduler moving a busy-spinning stage
 * between cores and keeps its caches warm; it needs more cores than threads to pay off. Failure to pin (no
 * permission, no such CPU, an unsupported OS) is logged and ignored: the engine runs the same, unpinned.
 */
public final class ThreadAffinity
{
    /** Pins nothing. */
    public static final ThreadAffinity NONE = new ThreadAffinity(false);

    private static final System.Logger LOGGER = System.getLogger("netpulse");

    private final boolean enabled;

    /**
     * Pinning on or off.
     *
     * @param enabled whether to pin at all.
     */
    public ThreadAffinity(final boolean enabled)
    {
        this.enabled = enabled;
    }

    /**
     * Pins the calling thread.
     *
     * @param cpu  to pin to; negative for none.
     * @param what the thread is, for the log.
     * @return true when pinned.
     */
    public boolean pin(final int cpu, final String what)
    {
        if (!enabled || cpu < 0)
        {
            return false;
        }

        try
        {
            final BitSet mask = new BitSet();
            mask.set(cpu);
            Affinity.setAffinity(mask);
            return true;
        }
        catch (final Throwable ex)
        {
            LOGGER.log(System.Logger.Level.WARNING, "could not pin " + what + " to cpu " + cpu + ": " + ex);
            return false;
        }
    }
}
