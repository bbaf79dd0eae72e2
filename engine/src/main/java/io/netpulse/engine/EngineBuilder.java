/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine;

import com.lmax.disruptor.dsl.ProducerType;
import io.netpulse.codec.EventValidator;
import io.netpulse.engine.alert.AlertSink;
import io.netpulse.engine.anomaly.AnomalyConfig;
import io.netpulse.engine.anomaly.ScoreListener;
import io.netpulse.engine.cube.CubeConfig;
import io.netpulse.engine.feed.Progress;
import io.netpulse.engine.ring.RejectListener;
import io.netpulse.engine.stage.StageFactory;
import io.netpulse.engine.topology.DuplicateFilter;
import io.netpulse.engine.topology.TopologyRouter;
import io.netpulse.engine.window.WindowConfig;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configures and starts an {@link Engine}. Every setting has a default that runs well on a small machine.
 */
public final class EngineBuilder
{
    ThreadMode threadMode = ThreadMode.FUSED;
    WaitStrategyKind waitStrategy = WaitStrategyKind.YIELDING;
    int ringSize = 16 * 1024;
    int alertRingSize = 4 * 1024;
    ProducerType producerType = ProducerType.MULTI;
    Path journalDirectory;
    Path topologyFile;
    final List<AlertSink> alertSinks = new ArrayList<>();
    final List<StageFactory> stages = new ArrayList<>();
    boolean autoRegister;
    boolean pinThreads;
    boolean stageStalls;
    int[] cpus = new int[0];
    long unknownAlertIntervalMs = TopologyRouter.DEFAULT_UNKNOWN_ALERT_INTERVAL_MS;
    int unknownAlertsPerMinute = TopologyRouter.DEFAULT_UNKNOWN_ALERTS_PER_MINUTE;
    long minEventTimeMs = EventValidator.DEFAULT_MIN_EVENT_TIME_MS;
    long maxEventTimeMs = EventValidator.DEFAULT_MAX_EVENT_TIME_MS;
    NanoClock nanoClock = SystemNanoClock.INSTANCE;
    RejectListener rejectListener = RejectListener.NONE;
    long shutdownTimeoutMs = 30_000;
    WindowConfig windows = WindowConfig.DEFAULT;
    boolean deadLetters = true;
    boolean recover;
    Progress recoveryProgress = Progress.NONE;
    long duplicateHorizonMs = DuplicateFilter.DEFAULT_HORIZON_MS;
    int duplicateMaxIds = DuplicateFilter.DEFAULT_MAX_IDS;
    EpochClock epochClock = SystemEpochClock.INSTANCE;

    CubeConfig cubeConfig = CubeConfig.DEFAULTS;
    ScoreListener scoreListener = ScoreListener.NONE;
    AnomalyConfig anomalyConfig = AnomalyConfig.DEFAULT;

    EngineBuilder()
    {
    }

    /**
     * How analytics stages map onto threads.
     *
     * @param threadMode fused, pipelined or sharded.
     * @return this.
     */
    public EngineBuilder threadMode(final ThreadMode threadMode)
    {
        this.threadMode = Objects.requireNonNull(threadMode);
        return this;
    }

    /**
     * How stage threads wait for events.
     *
     * @param waitStrategy the strategy.
     * @return this.
     */
    public EngineBuilder waitStrategy(final WaitStrategyKind waitStrategy)
    {
        this.waitStrategy = Objects.requireNonNull(waitStrategy);
        return this;
    }

    /**
     * Slots in the event ring.
     *
     * @param ringSize a power of two, at least 64.
     * @return this.
     */
    public EngineBuilder ringSize(final int ringSize)
    {
        if (ringSize < 64 || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("ringSize must be a power of two >= 64: " + ringSize);
        }
        this.ringSize = ringSize;
        return this;
    }

    /**
     * Slots in the alert ring.
     *
     * @param alertRingSize a power of two, at least 64.
     * @return this.
     */
    public EngineBuilder alertRingSize(final int alertRingSize)
    {
        if (alertRingSize < 64 || Integer.bitCount(alertRingSize) != 1)
        {
            throw new IllegalArgumentException("alertRingSize must be a power of two >= 64: " + alertRingSize);
        }
        this.alertRingSize = alertRingSize;
        return this;
    }

    /**
     * Promises that only one thread will ever publish, which makes each claim cheaper. Leave it off when
     * several feeds publish.
     *
     * @param singlePublisher true for exactly one publishing thread.
     * @return this.
     */
    public EngineBuilder singlePublisher(final boolean singlePublisher)
    {
        this.producerType = singlePublisher ? ProducerType.SINGLE : ProducerType.MULTI;
        return this;
    }

    /**
     * Where the input journal ({@code input/}) and the alert journal ({@code alerts/}) live; none when unset.
     *
     * @param journalDirectory the directory.
     * @return this.
     */
    public EngineBuilder journalDirectory(final Path journalDirectory)
    {
        this.journalDirectory = journalDirectory;
        return this;
    }

    /**
     * Recovers the state of an earlier run from the input journal in the {@link #journalDirectory} before the
     * engine takes any event: its frames are replayed through every stage, in journal order, and not journaled
     * again; the engine then appends after them. The alerts they raise again keep their ids, stay out of the
     * alert journal (which holds them) and reach only the sinks that ask for them
     * ({@link io.netpulse.engine.alert.AlertSink#receivesRecovered}). The state is the earlier run's, bit for
     * bit, when the configuration is the same (as a replay's is). A journal that does not exist yet or is empty
     * recovers nothing. Off by default.
     *
     * @param recover true to recover.
     * @return this.
     */
    public EngineBuilder recover(final boolean recover)
    {
        this.recover = recover;
        return this;
    }

    /**
     * Told how far a {@link #recover recovery} has come: frames replayed, out of the journal's.
     *
     * @param progress told from the thread that builds the engine.
     * @return this.
     */
    public EngineBuilder recoveryProgress(final Progress progress)
    {
        this.recoveryProgress = progress;
        return this;
    }

    /**
     * A topology file loaded at start-up, through the ring, so it is journaled like any topology change.
     *
     * @param topologyFile the file, or null for none.
     * @return this.
     */
    public EngineBuilder topologyFile(final Path topologyFile)
    {
        this.topologyFile = topologyFile;
        return this;
    }

    /**
     * Adds a sink every alert is delivered to.
     *
     * @param sink the sink.
     * @return this.
     */
    public EngineBuilder alertSink(final AlertSink sink)
    {
        alertSinks.add(Objects.requireNonNull(sink));
        return this;
    }

    /**
     * Adds an analytics stage after the built-in ones.
     *
     * @param factory builds the stage.
     * @return this.
     */
    public EngineBuilder stage(final StageFactory factory)
    {
        stages.add(Objects.requireNonNull(factory));
        return this;
    }

    /**
     * Whether events for unknown elements register them on first sight, rather than being counted and refused.
     *
     * @param autoRegister true to register.
     * @return this.
     */
    public EngineBuilder autoRegisterElements(final boolean autoRegister)
    {
        this.autoRegister = autoRegister;
        return this;
    }

    /**
     * Pins stage threads to CPUs, in order: the journaler, then the analytics threads.
     *
     * @param cpus one CPU per thread; threads beyond the list stay unpinned.
     * @return this.
     */
    public EngineBuilder pinThreads(final int... cpus)
    {
        this.pinThreads = cpus.length > 0;
        this.cpus = cpus.clone();
        return this;
    }

    /**
     * Times every stage call and counts the long ones ({@link io.netpulse.engine.stage.StageStalls}), to find
     * what holds the events behind it. Off by default: it costs two clock reads a stage call.
     *
     * @param timed whether to time the calls.
     * @return this.
     */
    public EngineBuilder stageStalls(final boolean timed)
    {
        this.stageStalls = timed;
        return this;
    }

    /**
     * Rate limits of the unknown-element alert.
     *
     * @param intervalMs      least event time between two alerts for one element.
     * @param alertsPerMinute most alerts per event-time minute.
     * @return this.
     */
    public EngineBuilder unknownElementAlerts(final long intervalMs, final int alertsPerMinute)
    {
        this.unknownAlertIntervalMs = intervalMs;
        this.unknownAlertsPerMinute = alertsPerMinute;
        return this;
    }

    /**
     * The event times accepted at the edge.
     *
     * @param minEventTimeMs earliest, epoch milliseconds.
     * @param maxEventTimeMs latest (exclusive), epoch milliseconds.
     * @return this.
     */
    public EngineBuilder eventTimeRange(final long minEventTimeMs, final long maxEventTimeMs)
    {
        new EventValidator(minEventTimeMs, maxEventTimeMs);
        this.minEventTimeMs = minEventTimeMs;
        this.maxEventTimeMs = maxEventTimeMs;
        return this;
    }

    /**
     * The clock that stamps publish times and measures latency.
     *
     * @param nanoClock the clock.
     * @return this.
     */
    public EngineBuilder nanoClock(final NanoClock nanoClock)
    {
        this.nanoClock = Objects.requireNonNull(nanoClock);
        return this;
    }

    /**
     * Told of every input refused at the edge, with its bytes.
     *
     * @param rejectListener the listener.
     * @return this.
     */
    public EngineBuilder rejectListener(final RejectListener rejectListener)
    {
        this.rejectListener = Objects.requireNonNull(rejectListener);
        return this;
    }

    /**
     * How long {@link Engine#close()} waits for the stages to drain before abandoning what is left.
     *
     * @param shutdownTimeoutMs the wait.
     * @return this.
     */
    public EngineBuilder shutdownTimeoutMs(final long shutdownTimeoutMs)
    {
        this.shutdownTimeoutMs = shutdownTimeoutMs;
        return this;
    }

    /**
     * How the engine keeps windows (specs, idleness timeout, EWMA half-life, data-gap alerts), or
     * {@code WindowConfig.DEFAULT.withEnabled(false)} for none.
     *
     * @param windows the window configuration.
     * @return this.
     */
    public EngineBuilder windows(final WindowConfig windows)
    {
        this.windows = Objects.requireNonNull(windows);
        return this;
    }

    /**
     * Whether input refused at the edge is kept in a dead-letter journal ({@code dead-letters/} beside the input
     * journal, when there is one), with its raw bytes, source and reason. On by default.
     *
     * @param deadLetters true to keep them.
     * @return this.
     */
    public EngineBuilder deadLetters(final boolean deadLetters)
    {
        this.deadLetters = deadLetters;
        return this;
    }

    /**
     * How far apart in event time a CDR and a re-sent copy of it (same id) may be for the copy to be counted as
     * a duplicate and not applied; 0 turns duplicate detection off. Default ten minutes.
     *
     * @param horizonMs the horizon.
     * @return this.
     */
    public EngineBuilder duplicateHorizonMs(final long horizonMs)
    {
        if (horizonMs < 0)
        {
            throw new IllegalArgumentException("duplicate horizon must not be negative: " + horizonMs);
        }
        this.duplicateHorizonMs = horizonMs;
        return this;
    }

    /**
     * Most CDR ids kept for duplicate detection (memory: about 32 bytes each).
     *
     * @param maxIds the bound, at least 16.
     * @return this.
     */
    public EngineBuilder duplicateMaxIds(final int maxIds)
    {
        if (maxIds < 16)
        {
            throw new IllegalArgumentException("duplicate id bound must be at least 16: " + maxIds);
        }
        this.duplicateMaxIds = maxIds;
        return this;
    }

    /**
     * The wall clock that stamps dead letters (event time, never this, drives the analytics).
     *
     * @param epochClock the clock.
     * @return this.
     */
    public EngineBuilder epochClock(final EpochClock epochClock)
    {
        this.epochClock = Objects.requireNonNull(epochClock);
        return this;
    }

    /**
     * How the multi-dimensional cube keeps time (lateness, retention), or null for an engine without a cube.
     *
     * @param cubeConfig the configuration, or null.
     * @return this.
     */
    public EngineBuilder cube(final CubeConfig cubeConfig)
    {
        this.cubeConfig = cubeConfig;
        return this;
    }

    /**
     * Who sees every KPI sample the anomaly detector scores (for score exports and evaluation). None by default.
     *
     * @param scoreListener the listener; it runs on the detector's thread.
     * @return this.
     */
    public EngineBuilder scoreListener(final ScoreListener scoreListener)
    {
        this.scoreListener = Objects.requireNonNull(scoreListener);
        return this;
    }

    /**
     * How the anomaly detector learns and alarms, or null for an engine without one. On by default.
     *
     * @param anomalyConfig the configuration, or null.
     * @return this.
     */
    public EngineBuilder anomaly(final AnomalyConfig anomalyConfig)
    {
        this.anomalyConfig = anomalyConfig;
        return this;
    }

    /**
     * Builds and starts the engine.
     *
     * @return the running engine.
     */
    public Engine build()
    {
        return new Engine(this);
    }
}
