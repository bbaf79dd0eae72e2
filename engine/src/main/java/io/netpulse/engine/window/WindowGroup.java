/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import io.netpulse.engine.stage.StageContext;
import io.netpulse.engine.stage.StateHash;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The windows of one engine: its {@link WindowUpdater} instances (one, or one per shard), what they share (the
 * hand-off between shards, the directory of node ids), and the way in for readers ({@link #newReader()}).
 * <p>
 * {@link #newInstance(StageContext)} is the stage factory the engine calls once per shard; the instance for
 * shard {@code s} owns the window state of the elements of the regions the router assigned to {@code s}.
 */
public final class WindowGroup
{
    private final WindowConfig config;
    private final int shardCount;
    private final WindowUpdater[] instances;
    private final ShardExchange exchange;
    private final NodeDirectory directory = new NodeDirectory();

    /**
     * Windows for an engine.
     *
     * @param config     how to keep them.
     * @param shardCount instances there will be (the shard count; 1 unless sharded).
     */
    public WindowGroup(final WindowConfig config, final int shardCount)
    {
        this.config = config;
        this.shardCount = shardCount;
        this.instances = new WindowUpdater[shardCount];
        this.exchange = new ShardExchange(shardCount);
    }

    /**
     * Builds the instance for a shard: the {@link io.netpulse.engine.stage.StageFactory} of the window stage.
     *
     * @param context what the engine gives the stage, its shard among it.
     * @return the instance.
     */
    public WindowUpdater newInstance(final StageContext context)
    {
        if (context.shardCount() != shardCount || null != instances[context.shard()])
        {
            throw new IllegalStateException("window stage for shard " + context.shard() + " of " +
                context.shardCount() + " already built, or the group was made for " + shardCount + " shards");
        }
        final WindowUpdater instance = new WindowUpdater(this, context.shard(), context.alerts(), config);
        instances[context.shard()] = instance;
        return instance;
    }

    /**
     * A reader for one thread: reads buckets and decayed aggregates of any node while the engine runs, without
     * blocking it.
     *
     * @return a new reader; keep it and reuse it.
     */
    public WindowReader newReader()
    {
        return new WindowReader(this);
    }

    /**
     * The configuration.
     *
     * @return the window configuration.
     */
    public WindowConfig config()
    {
        return config;
    }

    /**
     * Instances, one per shard.
     *
     * @return the shard count.
     */
    public int shardCount()
    {
        return shardCount;
    }

    /**
     * The instance of a shard.
     *
     * @param shard the shard.
     * @return the instance, or null before the engine built it.
     */
    public WindowUpdater instance(final int shard)
    {
        return instances[shard];
    }

    /**
     * Series held, elements' and roll-up nodes'. Exact once the engine is quiescent.
     *
     * @return the count.
     */
    public long series()
    {
        long count = 0;
        for (final WindowUpdater instance : instances)
        {
            count += null == instance ? 0 : instance.series();
        }
        return count;
    }

    /**
     * Bytes allocated for series. Exact once the engine is quiescent.
     *
     * @return the bytes.
     */
    public long allocatedBytes()
    {
        long bytes = 0;
        for (final WindowUpdater instance : instances)
        {
            bytes += null == instance ? 0 : instance.allocatedBytes();
        }
        return bytes;
    }

    /**
     * Bytes one series of the default spec takes (header and every ring).
     *
     * @return the bytes.
     */
    public long bytesPerDefaultSeries()
    {
        return new SeriesLayout(config.defaultSpec(), config.defaultSpec().allowedLatenessMs() +
            config.idleTimeoutMs() + new Watermarks(0, config.idleTimeoutMs()).recomputeStepMs()).bytesPerSeries();
    }

    /**
     * Samples applied to series, every instance together.
     *
     * @return the count.
     */
    public long samples()
    {
        long count = 0;
        for (final WindowUpdater instance : instances)
        {
            count += null == instance ? 0 : instance.samples();
        }
        return count;
    }

    /**
     * Buckets closed and rolled up, every instance together (each instance closes the buckets it holds data in).
     *
     * @return the count.
     */
    public long bucketsClosed()
    {
        long count = 0;
        for (final WindowUpdater instance : instances)
        {
            count += null == instance ? 0 : instance.bucketsClosed();
        }
        return count;
    }

    /**
     * Data-gap alerts raised, every instance together.
     *
     * @return the count.
     */
    public long gapsRaised()
    {
        long count = 0;
        for (final WindowUpdater instance : instances)
        {
            count += null == instance ? 0 : instance.gapsRaised();
        }
        return count;
    }

    /**
     * Data-gap alerts cleared, every instance together.
     *
     * @return the count.
     */
    public long gapsCleared()
    {
        long count = 0;
        for (final WindowUpdater instance : instances)
        {
            count += null == instance ? 0 : instance.gapsCleared();
        }
        return count;
    }

    /**
     * The watermark every instance has acted on: the lowest of theirs.
     *
     * @return epoch milliseconds, or {@link Watermarks#NO_WATERMARK}.
     */
    public long watermarkMs()
    {
        long watermark = Long.MAX_VALUE;
        for (final WindowUpdater instance : instances)
        {
            watermark = Math.min(watermark, null == instance ? Watermarks.NO_WATERMARK : instance.watermarkMs());
        }
        return watermark;
    }

    /**
     * Lets a shard waiting for a hand-off give up: the engine is closing.
     */
    public void close()
    {
        exchange.close();
    }

    NodeDirectory directory()
    {
        return directory;
    }

    ShardExchange exchange()
    {
        return exchange;
    }

    WindowUpdater[] instances()
    {
        return instances;
    }

    /**
     * The hash term of the network roll-up: for every metric and resolution, every bucket of the merge of the
     * regions' buckets in ascending region order, then the partial of elements without a region. Read only when
     * the engine is quiescent.
     */
    long networkHash()
    {
        final TreeSet<Integer> metricIds = new TreeSet<>();
        for (final WindowUpdater instance : instances)
        {
            for (final MetricWindows metric : instance.publishedMetrics())
            {
                if (null != metric.layout)
                {
                    metricIds.add(metric.metricId);
                }
            }
        }

        long hash = 0;
        final long[] merged = new long[BucketCells.LONGS];
        for (final int metricId : metricIds)
        {
            final MetricWindows[] metrics = new MetricWindows[instances.length];
            long[] regions = new long[0];
            SeriesLayout layout = null;
            for (int i = 0; i < instances.length; i++)
            {
                metrics[i] = instances[i].publishedMetric(metricId);
                if (null == metrics[i] || null == metrics[i].layout)
                {
                    continue;
                }
                layout = metrics[i].layout.layout;
                for (final int region : metrics[i].regions())
                {
                    regions = Arrays.copyOf(regions, regions.length + 1);
                    regions[regions.length - 1] = ((long)region << 8) | i;
                }
            }
            Arrays.sort(regions);
            for (int r = 0; null != layout && r < layout.resolutions(); r++)
            {
                long newest = SeriesLayout.NO_BUCKET;
                for (int i = 0; i < metrics.length; i++)
                {
                    if (null == metrics[i] || null == metrics[i].layout)
                    {
                        continue;
                    }
                    final BucketStore store = metrics[i].layout.store;
                    for (int node = 0, limit = metrics[i].nodeLimit(); node < limit; node++)
                    {
                        final int series = metrics[i].seriesPlain(node);
                        if (MetricWindows.NONE != series && (0 == node || Arrays.binarySearch(metrics[i].regions(), node) >= 0))
                        {
                            newest = Math.max(newest, store.newestBucket(series, r));
                        }
                    }
                }
                if (SeriesLayout.NO_BUCKET == newest)
                {
                    continue;
                }
                for (long bucket = newest - layout.slots(r) + 1; bucket <= newest; bucket++)
                {
                    BucketCells.clear(merged, 0);
                    for (final long packed : regions)
                    {
                        final MetricWindows metric = metrics[(int)(packed & 0xFF)];
                        mergeBucket(merged, metric, (int)(packed >>> 8), r, bucket);
                    }
                    for (final MetricWindows metric : metrics)
                    {
                        if (null != metric && null != metric.layout && metric.rootPartial())
                        {
                            mergeBucket(merged, metric, 0, r, bucket);
                        }
                    }
                    if (BucketCells.count(merged, 0) > 0)
                    {
                        long term = StateHash.mix(StateHash.SEED, metricId);
                        term = StateHash.mix(term, layout.resolutionMs(r));
                        term = StateHash.mix(term, bucket);
                        hash += WindowUpdater.cellsHash(term, merged, 0);
                    }
                }
            }
        }
        return hash;
    }

    private static void mergeBucket(
        final long[] merged, final MetricWindows metric, final int node, final int r, final long bucket)
    {
        final int series = metric.seriesPlain(node);
        if (MetricWindows.NONE == series)
        {
            return;
        }
        final BucketStore store = metric.layout.store;
        final int at = store.bucketIndex(series, r, bucket);
        if (at >= 0)
        {
            BucketCells.merge(merged, 0, store.cellChunk(series, r), at);
        }
    }
}
