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
 * <p>
 * A thread starts with the CPUs of the thread that started it. The engine's threads that are not pinned (the cube's
 * maintainer, which the first sealed minute starts from a pinned stage; the alert processor and the dead-letter
 * writer, started by a caller that may be a pinned publisher) therefore call {@link #unpin()} first, so that they
 * run on every CPU the process had rather than on the one their starter was pinned to.
 */
public final class ThreadAffinity
{
    /** Pins nothing. */
    public static final ThreadAffinity NONE = new ThreadAffinity(false);

    private static final System.Logger LOGGER = System.getLogger("netpulse");

    // The CPUs the process may use, read from the first thread pinned just before it is: null until then, and
    // nothing needs unpinning before then either.
    private static volatile BitSet processCpus;

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
            rememberProcessCpus();
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

    /**
     * Lets the calling thread run on every CPU the process had before any thread was pinned; nothing when no thread
     * has been pinned.
     *
     * @return true when the thread's CPUs were reset.
     */
    public static boolean unpin()
    {
        final BitSet cpus = processCpus;
        if (null == cpus)
        {
            return false;
        }

        try
        {
            Affinity.setAffinity(cpus);
            return true;
        }
        catch (final Throwable ex)
        {
            LOGGER.log(System.Logger.Level.WARNING, "could not unpin " + Thread.currentThread().getName() + ": " + ex);
            return false;
        }
    }

    /**
     * The CPUs the process may use, as read before the first thread was pinned.
     *
     * @return a copy, or null while no thread has been pinned.
     */
    public static BitSet processCpus()
    {
        final BitSet cpus = processCpus;
        return null == cpus ? null : (BitSet)cpus.clone();
    }

    private static synchronized void rememberProcessCpus()
    {
        if (null == processCpus)
        {
            processCpus = (BitSet)Affinity.getAffinity().clone();
        }
    }
}
