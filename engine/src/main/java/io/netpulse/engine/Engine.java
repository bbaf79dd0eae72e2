/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.netpulse.codec.EventFrameEncoder;
import io.netpulse.codec.EventValidator;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.MessageType;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.codec.sbe.TopologyOp;
import io.netpulse.engine.alert.AlertEvent;
import io.netpulse.engine.alert.AlertProcessor;
import io.netpulse.engine.alert.AlertPublisher;
import io.netpulse.engine.alert.AlertJson;
import io.netpulse.engine.anomaly.AnomalyConfig;
import io.netpulse.engine.anomaly.AnomalyDetector;
import io.netpulse.engine.anomaly.ScoreListener;
import io.netpulse.engine.cube.Cube;
import io.netpulse.engine.deadletter.DeadLetterWriter;
import io.netpulse.engine.feed.JournalReplayer;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.ring.RejectListener;
import io.netpulse.engine.stage.JournalStage;
import io.netpulse.engine.stage.Stage;
import io.netpulse.engine.stage.StageContext;
import io.netpulse.engine.stage.StageFactory;
import io.netpulse.engine.stage.StageRunner;
import io.netpulse.engine.stage.StageStalls;
import io.netpulse.engine.stage.StateHash;
import io.netpulse.engine.stage.ThreadAffinity;
import io.netpulse.engine.status.ErrorLog;
import io.netpulse.engine.status.LatencyTracker;
import io.netpulse.engine.status.SystemCounter;
import io.netpulse.engine.status.SystemCounters;
import io.netpulse.engine.topology.DuplicateFilter;
import io.netpulse.engine.topology.Topology;
import io.netpulse.engine.topology.TopologyFile;
import io.netpulse.engine.topology.TopologyRouter;
import io.netpulse.engine.window.WindowGroup;
import io.netpulse.journal.DeadLetterJournal;
import io.netpulse.journal.InputJournalWriter;
import io.netpulse.journal.RecordJournal;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A running netpulse engine: the event ring, its stages, the journal and the alert stream. Built and started by
 * {@link #builder()}; feed handlers publish through {@link #newPublisher(String)}; {@link #close()} drains what
 * was accepted and stops.
 * <pre>{@code
 * try (Engine engine = Engine.builder()
 *     .journalDirectory(Path.of("data/journal"))
 *     .topologyFile(Path.of("topology.csv"))
 *     .alertSink(alert -> gateway.forward(alert))
 *     .build())
 * {
 *     EventPublisher feed = engine.newPublisher("gateway-feed");
 *     feed.publish(frameBuffer, 0, frameLength);
 * }
 * }</pre>
 */
public final class Engine implements AutoCloseable
{
    /** Source id of configuration loaded by the engine itself (the topology file). */
    public static final int CONFIG_SOURCE_ID = 0;

    private static final System.Logger LOGGER = System.getLogger("netpulse");

    private final EngineBuilder config;
    private final SystemCounters counters = new SystemCounters();
    private final ErrorLog errorLog = new ErrorLog(counters.get(SystemCounter.STAGE_ERRORS));
    private final LatencyTracker latency;
    private final LatencyTracker[] shardLatencies;
    private final LatencyTracker alertLatency;
    private final List<Thread> ringThreads = new CopyOnWriteArrayList<>();
    private final List<Thread> alertThreads = new CopyOnWriteArrayList<>();
    private final List<EventPublisher> publishers = new CopyOnWriteArrayList<>();
    private final Disruptor<NetworkEvent> ring;
    private final Disruptor<AlertEvent> alertRing;
    private final AlertProcessor alertProcessor;
    private final List<AlertPublisher> alertPublishers = new ArrayList<>();
    private final InputJournalWriter journalWriter;
    private final RecordJournal alertJournal;
    private final JournalStage journalStage;
    private final DeadLetterWriter deadLetterWriter;
    private final RejectListener rejectListener;
    private final TopologyRouter router;
    private final WindowGroup windows;
    private final Stage[][] shardStages;
    private final List<StageRunner> runners;
    private final StageStalls stageStalls;
    private final Cube cube;
    private final List<AnomalyDetector> detectors = new ArrayList<>();
    private volatile boolean closing;
    private volatile boolean alertsHalted;
    private boolean closed;
    private int nextSourceId = CONFIG_SOURCE_ID + 1;
    private final long recoveredEvents;

    Engine(final EngineBuilder config)
    {
        this.config = config;
        this.alertLatency = new LatencyTracker(config.nanoClock);

        if (null != config.journalDirectory)
        {
            journalWriter = new InputJournalWriter(config.journalDirectory.resolve("input"));
            alertJournal = new RecordJournal(config.journalDirectory.resolve("alerts"));
            journalStage = new JournalStage(journalWriter, counters);
        }
        else
        {
            journalWriter = null;
            alertJournal = null;
            journalStage = null;
        }
        deadLetterWriter = null != config.journalDirectory && config.deadLetters ? new DeadLetterWriter(
            config.journalDirectory.resolve(DeadLetterJournal.DIRECTORY), config.epochClock) : null;
        rejectListener = null == deadLetterWriter ? config.rejectListener :
            new RejectListeners(config.rejectListener, deadLetterWriter);

        alertRing = new Disruptor<>(
            AlertEvent::new, config.alertRingSize, threadFactory(alertThreads), ProducerType.MULTI,
            new BlockingWaitStrategy());
        alertRing.setDefaultExceptionHandler(new CountingExceptionHandler<>("alerts"));
        alertProcessor = new AlertProcessor(alertJournal, config.alertSinks, counters, errorLog, alertLatency);
        alertRing.handleEventsWith(alertProcessor);

        cube = null == config.cubeConfig ? null : new Cube(config.cubeConfig);
        final int shards = config.threadMode.kind() == ThreadMode.Kind.SHARDED ? config.threadMode.shards() : 1;
        final Topology topology = new Topology();
        router = new TopologyRouter(
            topology, newAlertPublisher(), counters, config.autoRegister, config.unknownAlertIntervalMs,
            config.unknownAlertsPerMinute, config.windows.newSpecTable(), config.windows.idleTimeoutMs(), shards);
        if (config.duplicateHorizonMs > 0)
        {
            router.duplicateFilter(new DuplicateFilter(config.duplicateHorizonMs, config.duplicateMaxIds, counters));
        }
        windows = config.windows.enabled() ? new WindowGroup(config.windows, shards) : null;

        // Every stage after the router is built from its factory once per shard (once when not sharded).
        final List<StageFactory> factories = new ArrayList<>();
        addBuiltInStages(topology, factories);
        factories.addAll(config.stages);
        shardStages = new Stage[shards][factories.size()];
        shardLatencies = new LatencyTracker[shards];
        for (int shard = 0; shard < shards; shard++)
        {
            shardLatencies[shard] = new LatencyTracker(config.nanoClock);
            for (int i = 0; i < factories.size(); i++)
            {
                shardStages[shard][i] = factories.get(i).create(
                    new StageContext(topology, newAlertPublisher(), counters, config.nanoClock, shard, shards));
            }
        }

        // every shard records its own events; the engine's tracker reports them all
        latency = new LatencyTracker(config.nanoClock, shardLatencies);

        ring = new Disruptor<>(
            NetworkEvent::new, config.ringSize, threadFactory(ringThreads), config.producerType,
            config.waitStrategy.newWaitStrategy());
        ring.setDefaultExceptionHandler(new CountingExceptionHandler<>("ring"));
        try
        {
            runners = EngineWiring.wire(
                ring, config.threadMode, journalStage, router, shardStages, errorLog, shardLatencies,
                new ThreadAffinity(config.pinThreads), config.cpus);
        }
        catch (final RuntimeException ex)
        {
            // nothing has started yet; release the journals so a refused configuration leaves no open files
            closeJournals();
            throw ex;
        }
        stageStalls = config.stageStalls ? new StageStalls() : null;
        if (null != stageStalls)
        {
            for (final StageRunner runner : runners)
            {
                runner.timeStages(stageStalls);
            }
        }

        alertRing.start();
        ring.start();

        recoveredEvents = config.recover ? recover() : 0;
        if (null != config.topologyFile)
        {
            loadTopology(config.topologyFile);
        }
    }

    /**
     * Replays the input journal into the stages before any feed starts (see {@link EngineBuilder#recover}), and
     * waits until every stage and the alert processor have taken all of it.
     *
     * @return frames replayed.
     */
    private long recover()
    {
        if (null == journalWriter || 0 == journalWriter.durableSequence())
        {
            return 0;
        }
        final EventPublisher publisher = newPublisher(CONFIG_SOURCE_ID, "recovery");
        publisher.recovering(true);
        alertProcessor.recovering(true);
        try
        {
            final long replayed = JournalReplayer.replay(config.journalDirectory.resolve("input"), 0,
                journalWriter.durableSequence(), 0, publisher, config.recoveryProgress);
            while (!awaitDrained(1_000) || !alertsDrained())
            {
                Thread.yield();
            }
            // the replay's backlog is not the service's latency
            latency.reset();
            alertLatency.reset();
            return replayed;
        }
        finally
        {
            alertProcessor.recovering(false);
            publishers.remove(publisher);
        }
    }

    private boolean alertsDrained()
    {
        final RingBuffer<AlertEvent> alerts = alertRing.getRingBuffer();
        return alerts.getMinimumGatingSequence() >= alerts.getCursor();
    }

    /**
     * Frames recovered from the input journal at start ({@link EngineBuilder#recover}).
     *
     * @return the count; 0 when the engine did not recover or its journal was empty.
     */
    public long recoveredEvents()
    {
        return recoveredEvents;
    }

    /**
     * The built-in analytics stages after the router, in path order: window updater, anomaly detector, cube
     * updater, SLA checker, as each arrives. Each is a factory, called once per shard.
     */
    private void addBuiltInStages(final Topology topology, final List<StageFactory> builtIns)
    {
        if (null != windows)
        {
            builtIns.add(windows::newInstance);
        }
        if (null != config.anomalyConfig)
        {
            final AnomalyConfig anomalyConfig = config.anomalyConfig;
            final ScoreListener scoreListener = config.scoreListener;
            builtIns.add(context ->
            {
                final AnomalyDetector detector = new AnomalyDetector(anomalyConfig, context, scoreListener);
                detectors.add(detector);
                return detector;
            });
        }
        if (null != cube)
        {
            builtIns.add(cube::newUpdater);
        }
    }

    private static ThreadFactory threadFactory(final List<Thread> threads)
    {
        return runnable ->
        {
            // a thread pinned by its stage pins itself once started; the others must not keep their starter's CPU
            final Thread thread = new Thread(() ->
            {
                ThreadAffinity.unpin();
                runnable.run();
            }, "netpulse-stage");
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        };
    }

    /**
     * Starts configuring an engine.
     *
     * @return a builder with defaults.
     */
    public static EngineBuilder builder()
    {
        return new EngineBuilder();
    }

    private AlertPublisher newAlertPublisher()
    {
        final AlertPublisher publisher = new AlertPublisher(alertRing.getRingBuffer(), () -> alertsHalted);
        alertPublishers.add(publisher);
        return publisher;
    }

    /**
     * A publisher for a new source. Each feed thread needs its own.
     *
     * @param sourceName names the source in counters and dead letters.
     * @return the publisher.
     */
    public synchronized EventPublisher newPublisher(final String sourceName)
    {
        if (config.producerType == ProducerType.SINGLE && !publishers.isEmpty())
        {
            throw new IllegalStateException("engine built for a single publisher; it already has one");
        }
        return newPublisher(nextSourceId++, sourceName);
    }

    private EventPublisher newPublisher(final int sourceId, final String sourceName)
    {
        final EventPublisher publisher = new EventPublisher(
            ring.getRingBuffer(), sourceId, sourceName, counters, rejectListener, () -> closing,
            config.nanoClock, new EventValidator(config.minEventTimeMs, config.maxEventTimeMs));
        publishers.add(publisher);
        return publisher;
    }

    /**
     * Loads a topology file: each node becomes a topology update published through the ring, so the journal
     * holds it and a replay rebuilds the same hierarchy. Uses the configuration source; call it from one thread.
     *
     * @param topologyFile the file.
     * @return the number of nodes published.
     */
    public synchronized int loadTopology(final Path topologyFile)
    {
        final List<TopologyFile.Node> nodes = TopologyFile.read(topologyFile);
        final EventPublisher publisher = configPublisher();
        final EventFrameEncoder encoder = new EventFrameEncoder();
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);
        int published = 0;
        for (final TopologyFile.Node node : nodes)
        {
            final int length = encoder.topologyUpdate(
                frame, 0, 0, node.id(), node.parentId(), node.level(), TopologyOp.ADD, node.expectedIntervalMs(),
                node.name(), node.equipmentClass(), node.vendor());
            final int status = publisher.publish(frame, 0, length);
            if (status == EventPublisher.CLOSED)
            {
                break;
            }
            if (status == EventPublisher.PUBLISHED)
            {
                published++;
            }
        }
        return published;
    }

    private EventPublisher configPublisher()
    {
        for (final EventPublisher publisher : publishers)
        {
            if (publisher.sourceId() == CONFIG_SOURCE_ID)
            {
                return publisher;
            }
        }
        if (config.producerType == ProducerType.SINGLE && !publishers.isEmpty())
        {
            throw new IllegalStateException("engine built for a single publisher; load the topology first");
        }
        return newPublisher(CONFIG_SOURCE_ID, "config");
    }

    /**
     * Waits until every stage has processed everything published so far.
     *
     * @param timeoutMs longest wait.
     * @return true when drained, false on timeout.
     */
    public boolean awaitDrained(final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final long target = ring.getRingBuffer().getCursor();
        while (ring.getRingBuffer().getMinimumGatingSequence() < target)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return true;
    }

    /**
     * Stops accepting events, drains what was accepted through every stage and the journal, delivers the
     * remaining alerts, and releases everything. Returns within the shutdown timeout even if a stage is stuck
     * or publishers are blocked on a full ring (they get {@link EventPublisher#CLOSED}).
     */
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        closing = true;

        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.shutdownTimeoutMs);
        for (final EventPublisher publisher : publishers)
        {
            while (publisher.isPublishing() && System.nanoTime() - deadlineNs < 0)
            {
                Thread.onSpinWait();
            }
        }

        // The stages first, so that every alert they raise is on the alert ring before it drains.
        shutdown(ring, "event ring", deadlineNs);
        if (null != windows)
        {
            windows.close();
        }
        join(ringThreads, deadlineNs);
        shutdown(alertRing, "alert ring", deadlineNs);
        alertsHalted = true;
        join(alertThreads, deadlineNs);

        alertProcessor.closeSinks();
        if (null != cube)
        {
            cube.close();
        }
        closeJournals();
    }

    private void closeJournals()
    {
        if (null != deadLetterWriter)
        {
            deadLetterWriter.close();
        }
        if (null != alertJournal)
        {
            alertJournal.close();
        }
        if (null != journalWriter)
        {
            journalWriter.close();
        }
    }

    /**
     * Drains a ring, then halts its consumers. Draining watches the gating sequences rather than using
     * {@link Disruptor#shutdown()}, which skips consumers whose threads have not started running yet and so can
     * halt an engine closed right after it was built with events still in its ring.
     */
    private static void shutdown(final Disruptor<?> disruptor, final String what, final long deadlineNs)
    {
        final com.lmax.disruptor.RingBuffer<?> ringBuffer = disruptor.getRingBuffer();
        final long target = ringBuffer.getCursor();
        while (ringBuffer.getMinimumGatingSequence() < target)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                LOGGER.log(System.Logger.Level.WARNING, what + " did not drain before the shutdown timeout: " +
                    (target - ringBuffer.getMinimumGatingSequence()) + " events abandoned");
                break;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        disruptor.halt();
    }

    /**
     * Waits for halted consumers to finish their shutdown work (the journaler's last flush among it).
     */
    private static void join(final List<Thread> threads, final long deadlineNs)
    {
        for (final Thread thread : threads)
        {
            final long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
            try
            {
                thread.join(Math.max(1, remainingMs));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * A hash of the analytics state, equal for equal input whatever the thread mode. Read it once the engine
     * is closed or drained.
     *
     * @return the hash.
     */
    public long stateHash()
    {
        long hash = StateHash.mix(StateHash.SEED, router.stateHash());
        for (int i = 0; i < shardStages[0].length; i++)
        {
            // per-shard instances of one stage add up to the single instance's hash (see Stage#stateHash)
            long sum = 0;
            for (final Stage[] stages : shardStages)
            {
                sum += stages[i].stateHash();
            }
            hash = StateHash.mix(hash, sum);
        }
        return hash;
    }

    /**
     * Counts, latencies and the state hash. Read it once the engine is closed or drained.
     *
     * @return the summary.
     */
    public EngineSummary summary()
    {
        final Map<String, Long> eventsByType = new LinkedHashMap<>();
        for (final MessageType type : MessageType.values())
        {
            final long count = router.events(type);
            if (type != MessageType.ALERT)
            {
                eventsByType.put(type.label(), count);
            }
        }
        final Map<String, Long> rejected = new LinkedHashMap<>();
        for (final RejectReason reason : RejectReason.values())
        {
            final long count = counters.rejected(reason);
            if (count > 0)
            {
                rejected.put(reason.label(), count);
            }
        }
        final Map<String, Long> alertsByKind = new LinkedHashMap<>();
        for (final AlertKind kind : AlertKind.values())
        {
            if (kind != AlertKind.NULL_VAL)
            {
                alertsByKind.put(AlertJson.kindLabel(kind), alertProcessor.count(kind));
            }
        }

        return new EngineSummary(
            config.threadMode,
            ring.getRingBuffer().getCursor() + 1,
            Collections.unmodifiableMap(eventsByType),
            Collections.unmodifiableMap(rejected),
            counters.value(SystemCounter.EVENTS_REJECTED),
            counters.value(SystemCounter.EVENTS_UNKNOWN_ELEMENT),
            counters.value(SystemCounter.EVENTS_LATE),
            counters.value(SystemCounter.EVENTS_JOURNALED),
            counters.value(SystemCounter.JOURNAL_BYTES),
            Collections.unmodifiableMap(alertsByKind),
            counters.value(SystemCounter.ALERTS),
            counters.value(SystemCounter.STAGE_ERRORS),
            router.topology().activeElements(),
            latencySnapshot(),
            alertLatency.snapshot(),
            stateHash());
    }

    private Histogram latencySnapshot()
    {
        return latency.snapshot();
    }

    /**
     * The windows: a reader for any thread ({@link WindowGroup#newReader()}), and their sizes.
     *
     * @return the window group, or null when the engine keeps no windows.
     */
    public WindowGroup windows()
    {
        return windows;
    }

    /**
     * The engine's counters, readable at any time from any thread.
     *
     * @return the counters.
     */
    public SystemCounters counters()
    {
        return counters;
    }

    /**
     * Distinct errors seen by stages and sinks.
     *
     * @return the error log.
     */
    public ErrorLog errorLog()
    {
        return errorLog;
    }

    /**
     * The long stage calls, when the engine was built to time them ({@link EngineBuilder#stageStalls}).
     *
     * @return the counters, or null when calls are not timed.
     */
    public StageStalls stageStalls()
    {
        return stageStalls;
    }

    /**
     * Publish-to-last-stage latency, readable at any time (in the sharded mode, every shard's events together).
     *
     * @return the tracker.
     */
    public LatencyTracker latency()
    {
        return latency;
    }

    /**
     * Publish-to-alert latency (from the publish time of the event that caused each alert to its delivery),
     * readable at any time.
     *
     * @return the tracker.
     */
    public LatencyTracker alertLatency()
    {
        return alertLatency;
    }

    /**
     * The router; its state may be read once the engine is closed or drained.
     *
     * @return the topology router.
     */
    public TopologyRouter router()
    {
        return router;
    }

    /**
     * The anomaly detector's instances, one per shard (one when not sharded); read their statistics only when
     * the engine is quiescent (closed, or drained).
     *
     * @return the instances, empty when the engine was built without a detector.
     */
    public List<AnomalyDetector> anomalyDetectors()
    {
        return Collections.unmodifiableList(detectors);
    }

    /**
     * The multi-dimensional cube, queryable from any thread while the engine runs.
     *
     * @return the cube, or null when the engine was built without one.
     */
    public Cube cube()
    {
        return cube;
    }

    /**
     * The journaler, for the journaled position feeds acknowledge; null when journaling is off.
     *
     * @return the journal stage.
     */
    public JournalStage journal()
    {
        return journalStage;
    }

    /**
     * The dead-letter writer, for its counts; null when dead letters are not kept.
     *
     * @return the writer.
     */
    public DeadLetterWriter deadLetters()
    {
        return deadLetterWriter;
    }

    /**
     * The thread mode the engine runs in.
     *
     * @return the mode.
     */
    public ThreadMode threadMode()
    {
        return config.threadMode;
    }

    /**
     * Free slots in the event ring now.
     *
     * @return the remaining capacity.
     */
    public long ringRemainingCapacity()
    {
        return ring.getRingBuffer().remainingCapacity();
    }

    /**
     * Slots in the event ring.
     *
     * @return the ring size.
     */
    public int ringSize()
    {
        return config.ringSize;
    }

    /**
     * The ring sequence of the newest event claimed by any publisher; -1 before the first.
     *
     * @return the cursor.
     */
    public long publishedSequence()
    {
        return ring.getRingBuffer().getCursor();
    }

    /**
     * Every publisher created, the configuration source's included.
     *
     * @return the publishers.
     */
    public List<EventPublisher> publishers()
    {
        return List.copyOf(publishers);
    }

    /**
     * Whether {@link #close()} has begun.
     *
     * @return true once closing.
     */
    public boolean isClosing()
    {
        return closing;
    }

    /**
     * Names of the stage threads, in wiring order.
     *
     * @return the names.
     */
    public List<String> stageThreadNames()
    {
        final List<String> names = new ArrayList<>();
        for (final StageRunner runner : runners)
        {
            names.add(runner.name());
        }
        return names;
    }

    /**
     * Counts and logs anything that escapes a handler (stage runners catch their stages' errors; this is the
     * backstop), instead of the Disruptor default of halting the consumer.
     */
    private final class CountingExceptionHandler<T> implements ExceptionHandler<T>
    {
        private final String where;

        CountingExceptionHandler(final String where)
        {
            this.where = where;
        }

        public void handleEventException(final Throwable ex, final long sequence, final T event)
        {
            errorLog.record(where, ex);
        }

        public void handleOnStartException(final Throwable ex)
        {
            errorLog.record(where + "-start", ex);
        }

        public void handleOnShutdownException(final Throwable ex)
        {
            errorLog.record(where + "-shutdown", ex);
        }
    }
}
