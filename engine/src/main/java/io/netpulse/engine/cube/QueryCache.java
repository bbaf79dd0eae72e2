/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answers to queries that read closed buckets only, kept while the buckets they read stay the same.
 * <p>
 * Why: a NOC's dashboards ask the same questions over and over (the top cells by latency over the last whole
 * hour, the failure rate by vendor over the last twelve) and, between hour boundaries, the buckets that answer
 * them do not change. A closed bucket is immutable and every {@link Slice} has its own {@link Slice#id}, so an
 * answer stays valid exactly as long as the query would choose the same slices, under the same topology and
 * metric names. Ranges that reach an open minute are never cached: the writer is still changing it.
 * <p>
 * Bounded: at most {@link #CAPACITY} answers of at most {@link #MAX_ROWS} rows; an answer replaced or pushed out
 * is left to the collector. Entries hold slice ids, not slices, so they keep no bucket alive.
 * <p>
 * A query that finds no answer kept, while another computes the same one from the very same slices, waits for that
 * answer instead of scanning the same buckets at the same time ({@link #start}). As an hour is filed, every
 * dashboard showing "the last whole hour" asks at once; on a machine whose cores ingest keeps busy, each scan
 * took several times its CPU alone, and the copies slowed one another and ingest.
 */
final class QueryCache
{
    /** Most answers kept. */
    static final int CAPACITY = 512;
    /** Largest answer kept, in rows: a dashboard's answers are small; a large export is not worth the heap. */
    static final int MAX_ROWS = 10_000;

    private final Map<Key, Answer> answers = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final Map<Key, Computation> computing = new ConcurrentHashMap<>();
    // Tests hold a computing query here, to ask the same meanwhile.
    volatile Runnable whileComputing;

    /**
     * What a query asks, every range resolved: two queries with equal keys over the same slices have the same
     * answer.
     */
    record Key(
        List<Dimension> groupBy,
        Map<Dimension, List<String>> filters,
        List<Measure> measures,
        Measure orderMeasure,
        Dimension orderDimension,
        boolean descending,
        int limit,
        Granularity granularity,
        long fromMs,
        long toMs,
        boolean compare,
        long compareFromMs,
        long compareToMs)
    {
    }

    /**
     * What an answer is computed from: an answer holds for a query whose inputs are the same
     * ({@link #sameAs}; the array makes a record's own equality the wrong test).
     *
     * @param sliceIds        the slices read, shard by shard, in the order chosen (main range, then baseline).
     * @param topologyVersion the directory's version, for the labels and filters.
     * @param metricNames     the metric names known then, in the order the answer numbered them.
     */
    record Inputs(long[] sliceIds, long topologyVersion, List<String> metricNames)
    {
        boolean sameAs(final Inputs other)
        {
            return topologyVersion == other.topologyVersion && Arrays.equals(sliceIds, other.sliceIds) &&
                metricNames.equals(other.metricNames);
        }
    }

    /**
     * An answer and what it was computed from.
     */
    record Answer(
        Inputs inputs,
        List<CubeRow> rows,
        int totalGroups,
        Cuboid cuboid,
        long coveredFromMs,
        long coveredToMs)
    {
    }

    /**
     * The answer kept for a query, if it is still valid.
     *
     * @return the answer, or null.
     */
    Answer find(final Key key, final Inputs inputs)
    {
        final Answer answer = answers.get(key);
        if (null != answer && answer.inputs().sameAs(inputs))
        {
            hits.increment();
            return answer;
        }
        misses.increment();
        return null;
    }

    /**
     * Keeps an answer, in place of any earlier one to the same query.
     */
    void keep(final Key key, final Answer answer)
    {
        if (answer.rows().size() > MAX_ROWS)
        {
            return;
        }
        if (answers.size() >= CAPACITY && !answers.containsKey(key))
        {
            // Full: push out any one answer. A dashboard's set of queries is far smaller than the capacity, so
            // which one matters little; an answer no longer asked for is never found valid again anyway.
            final Iterator<Key> any = answers.keySet().iterator();
            if (any.hasNext())
            {
                answers.remove(any.next());
            }
        }
        answers.put(key, answer);
    }

    /**
     * Begins computing a query's answer, unless another query is computing it from the same slices now: then the
     * caller {@link #await awaits} that one's answer.
     *
     * @return the computation to finish ({@link Computation#leads()}), or the one to wait for.
     */
    Computation start(final Key key, final Inputs inputs)
    {
        final Computation mine = new Computation(inputs, true);
        final Computation other = computing.putIfAbsent(key, mine);
        if (null == other)
        {
            final Runnable hold = whileComputing;
            if (null != hold)
            {
                hold.run();
            }
            return mine;
        }
        if (other.inputs.sameAs(inputs))
        {
            return other.follower();
        }
        // The same query over other slices (a bucket was filed meanwhile): computed apart, and not shared.
        return new Computation(inputs, true);
    }

    /**
     * Ends a computation this caller leads: keeps its answer, if any, and hands it to the queries waiting for it.
     *
     * @param answer the answer, or null when computing it failed (the waiting queries then compute their own).
     */
    void finish(final Key key, final Computation computation, final Answer answer)
    {
        if (null != answer)
        {
            keep(key, answer);
        }
        computation.shared.answer = answer;
        computing.remove(key, computation.shared);
        computation.shared.done.countDown();
    }

    /**
     * Waits for the answer another query is computing ({@link #start}). The waiting query found no answer kept,
     * which {@link #find} counted as a miss; given the shared answer, it computed nothing and counts as a hit.
     *
     * @param computation the one to wait for.
     * @return the answer, or null if that query failed or took longer than ten seconds: compute it then.
     */
    Answer await(final Computation computation)
    {
        final Answer answer = computation.await();
        if (null != answer)
        {
            misses.decrement();
            hits.increment();
        }
        return answer;
    }

    /**
     * An answer being computed, seen by the query computing it or by one waiting for it.
     */
    static final class Computation
    {
        private static final long LONGEST_WAIT_MS = 10_000;

        private final Inputs inputs;
        private final boolean leads;
        private final Computation shared;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile Answer answer;

        private Computation(final Inputs inputs, final boolean leads)
        {
            this(inputs, leads, null);
        }

        private Computation(final Inputs inputs, final boolean leads, final Computation shared)
        {
            this.inputs = inputs;
            this.leads = leads;
            this.shared = null == shared ? this : shared;
        }

        private Computation follower()
        {
            return new Computation(inputs, false, this);
        }

        /**
         * Whether the caller computes the answer (and must {@link QueryCache#finish} it).
         *
         * @return true for the query computing it.
         */
        boolean leads()
        {
            return leads;
        }

        private Answer await()
        {
            try
            {
                if (shared.done.await(LONGEST_WAIT_MS, TimeUnit.MILLISECONDS))
                {
                    return shared.answer;
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }

    /**
     * Queries answered from here.
     *
     * @return the count.
     */
    long hits()
    {
        return hits.sum();
    }

    /**
     * Cacheable queries that had to be computed.
     *
     * @return the count.
     */
    long misses()
    {
        return misses.sum();
    }

    /**
     * Answers kept now.
     *
     * @return the count.
     */
    int size()
    {
        return answers.size();
    }
}
