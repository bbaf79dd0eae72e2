/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.alert;

/**
 * Where alerts go: the console, a file, a webhook, an embedding application. Called on the alert processor's
 * thread, one alert at a time, in alert order. A sink that throws is counted; the alert still reaches the
 * other sinks and the journal.
 */
public interface AlertSink extends AutoCloseable
{
    /**
     * One alert.
     *
     * @param alert valid only during the call.
     */
    void onAlert(AlertEvent alert);

    /**
     * Whether this sink is given the alerts raised again while the engine recovers an earlier run from its journal
     * ({@code EngineBuilder.recover}). They were delivered in that run, so by default they are not: a file or a
     * webhook would get each twice. A sink that keeps state in memory (recent alerts for an API) wants them.
     *
     * @return true to be given recovered alerts.
     */
    default boolean receivesRecovered()
    {
        return false;
    }

    /**
     * No more alerts are available now: flush anything buffered.
     */
    default void onBatchEnd()
    {
    }

    /**
     * The engine is closing.
     */
    default void close()
    {
    }
}
