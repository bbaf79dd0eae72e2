/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.feed;

/**
 * Told how far a long-running feed has got, so a terminal can show a progress bar.
 */
@FunctionalInterface
public interface Progress
{
    /** Reports nowhere. */
    Progress NONE = (done, total) -> {};

    /**
     * Progress so far.
     *
     * @param done  units done (bytes, events).
     * @param total units in all, or -1 when unknown.
     */
    void update(long done, long total);
}
