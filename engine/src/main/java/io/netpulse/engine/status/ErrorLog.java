/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.status;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts every error and logs each distinct cause once, with its stack trace, so a stage failing on every
 * event fills neither the disk nor the console. A cause is its exception type, message and throwing frame.
 * Errors are the cold path: this takes a lock and allocates, which the hot path never does.
 */
public final class ErrorLog implements ErrorHandler
{
    /** Most distinct causes remembered; later new causes are still counted and logged. */
    public static final int MAX_DISTINCT = 1000;

    private static final System.Logger LOGGER = System.getLogger("netpulse");

    private final AtomicCounter errors;
    private final Map<String, Observation> observations = new LinkedHashMap<>();
    private final System.Logger logger;

    /**
     * An error log counting into a counter.
     *
     * @param errors counter incremented for every error.
     */
    public ErrorLog(final AtomicCounter errors)
    {
        this(errors, LOGGER);
    }

    ErrorLog(final AtomicCounter errors, final System.Logger logger)
    {
        this.errors = errors;
        this.logger = logger;
    }

    /**
     * Records an error seen while processing.
     *
     * @param throwable the error.
     */
    public void onError(final Throwable throwable)
    {
        record("engine", throwable);
    }

    /**
     * Records an error with a description of where it happened.
     *
     * @param where     the stage or component.
     * @param throwable the error.
     */
    public void record(final String where, final Throwable throwable)
    {
        errors.increment();
        final String key = where + '|' + causeKey(throwable);
        final boolean first;
        synchronized (observations)
        {
            final Observation observation = observations.get(key);
            if (null != observation)
            {
                observation.count++;
                first = false;
            }
            else
            {
                first = true;
                if (observations.size() < MAX_DISTINCT)
                {
                    observations.put(key, new Observation(where, throwable));
                }
            }
        }

        if (first)
        {
            logger.log(System.Logger.Level.ERROR,
                "error in " + where + " (logged once per distinct cause, every occurrence counted)", throwable);
        }
    }

    /**
     * The distinct causes seen so far, oldest first.
     *
     * @return a copy of the observations.
     */
    public List<Observation> observations()
    {
        synchronized (observations)
        {
            final List<Observation> copy = new ArrayList<>(observations.size());
            for (final Observation observation : observations.values())
            {
                copy.add(new Observation(observation.where, observation.throwable, observation.count));
            }
            return copy;
        }
    }

    private static String causeKey(final Throwable throwable)
    {
        final StackTraceElement[] trace = throwable.getStackTrace();
        return throwable.getClass().getName() + '|' + throwable.getMessage() + '|' +
            (trace.length > 0 ? trace[0].toString() : "");
    }

    /**
     * One distinct cause and how often it was seen.
     */
    public static final class Observation
    {
        private final String where;
        private final Throwable throwable;
        private long count;

        Observation(final String where, final Throwable throwable)
        {
            this(where, throwable, 1);
        }

        Observation(final String where, final Throwable throwable, final long count)
        {
            this.where = where;
            this.throwable = throwable;
            this.count = count;
        }

        /**
         * Where it happened.
         *
         * @return the stage or component.
         */
        public String where()
        {
            return where;
        }

        /**
         * The first error of this cause.
         *
         * @return the throwable.
         */
        public Throwable throwable()
        {
            return throwable;
        }

        /**
         * How many times this cause occurred.
         *
         * @return the count.
         */
        public long count()
        {
            return count;
        }
    }
}
