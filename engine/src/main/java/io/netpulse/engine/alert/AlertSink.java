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
