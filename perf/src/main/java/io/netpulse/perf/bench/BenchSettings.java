/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import io.netpulse.engine.Engine;
import io.netpulse.engine.EngineBuilder;
import io.netpulse.engine.ThreadMode;
import io.netpulse.engine.WaitStrategyKind;
import io.netpulse.engine.cube.CubeConfig;
import io.netpulse.engine.stage.StageFactory;
import io.netpulse.engine.window.WindowConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * How the harness builds each engine it measures: always journaling (into a fresh directory per pass, deleted
 * afterwards), one publisher, every built-in stage (the peer comparison excepted: see {@link #startEngine(ThreadMode,
 * Path, List, boolean)}).
 *
 * @param waitStrategy how stage threads wait.
 * @param ringSize     event ring slots.
 * @param cpus         CPUs to pin stage threads to, journaler first; empty for none.
 * @param dataRoot     where pass journals are written.
 * @param chunkBytes   bytes handed to the publisher per call when streaming the corpus.
 * @param journal      whether the engine journals (always, for reported figures; off only to diagnose).
 * @param stageStalls  whether the latency passes' engines time each stage call ({@code --stage-stalls}).
 */
public record BenchSettings(
    WaitStrategyKind waitStrategy, int ringSize, int[] cpus, Path dataRoot, int chunkBytes, boolean journal,
    boolean stageStalls)
{
    /**
     * Settings whose engines do not time their stage calls.
     *
     * @param waitStrategy how stage threads wait.
     * @param ringSize     event ring slots.
     * @param cpus         CPUs to pin stage threads to, journaler first; empty for none.
     * @param dataRoot     where pass journals are written.
     * @param chunkBytes   bytes handed to the publisher per call when streaming the corpus.
     * @param journal      whether the engine journals.
     */
    public BenchSettings(
        final WaitStrategyKind waitStrategy, final int ringSize, final int[] cpus, final Path dataRoot,
        final int chunkBytes, final boolean journal)
    {
        this(waitStrategy, ringSize, cpus, dataRoot, chunkBytes, journal, false);
    }

    /**
     * Builds and starts an engine journaling into a new directory under {@link #dataRoot()}, with or without the
     * built-in analytics after the router (windows, anomaly detector, cube): the peer comparison turns them off
     * so that both sides compute the same workload, and only that.
     *
     * @param mode        thread mode.
     * @param journal     the journal directory, which must not exist yet.
     * @param extraStages stages added after the built-in ones.
     * @param analytics   whether the built-in windows, anomaly detector and cube run.
     * @return the running engine.
     */
    public Engine startEngine(
        final ThreadMode mode, final Path journal, final List<StageFactory> extraStages, final boolean analytics)
    {
        return startEngine(mode, journal, extraStages, analytics, CubeConfig.DEFAULTS);
    }

    /**
     * Builds and starts an engine journaling into a new directory under {@link #dataRoot()}, with every built-in
     * stage and the given cube retention.
     *
     * @param mode        thread mode.
     * @param journal     the journal directory, which must not exist yet.
     * @param extraStages stages added after the built-in ones.
     * @param analytics   whether the built-in windows, anomaly detector and cube run.
     * @param cube        the cube's lateness and retention (used when analytics run).
     * @return the running engine.
     */
    public Engine startEngine(
        final ThreadMode mode,
        final Path journal,
        final List<StageFactory> extraStages,
        final boolean analytics,
        final CubeConfig cube)
    {
        return startEngine(mode, journal, extraStages, analytics, cube, false);
    }

    /**
     * Builds and starts an engine as {@link #startEngine(ThreadMode, Path, List, boolean, CubeConfig)} does,
     * timing each stage call when asked ({@link Engine#stageStalls()}).
     *
     * @param mode        thread mode.
     * @param journal     the journal directory, which must not exist yet.
     * @param extraStages stages added after the built-in ones.
     * @param analytics   whether the built-in windows, anomaly detector and cube run.
     * @param cube        the cube's lateness and retention (used when analytics run).
     * @param timeStages  whether to time each stage call.
     * @return the running engine.
     */
    public Engine startEngine(
        final ThreadMode mode,
        final Path journal,
        final List<StageFactory> extraStages,
        final boolean analytics,
        final CubeConfig cube,
        final boolean timeStages)
    {
        final EngineBuilder builder = Engine.builder()
            .stageStalls(timeStages)
            .threadMode(mode)
            .waitStrategy(waitStrategy)
            .ringSize(ringSize)
            .singlePublisher(true)
            .journalDirectory(this.journal ? journal : null)
            .cube(cube);
        if (cpus.length > 0)
        {
            builder.pinThreads(cpus);
        }
        if (!analytics)
        {
            builder.windows(WindowConfig.DEFAULT.withEnabled(false)).anomaly(null).cube(null);
        }
        for (final StageFactory stage : extraStages)
        {
            builder.stage(stage);
        }
        return builder.build();
    }

    /**
     * A fresh directory for one pass's journal.
     *
     * @param label names the pass.
     * @return the directory path (not yet created: the journal creates it).
     */
    public Path passDirectory(final String label)
    {
        try
        {
            Files.createDirectories(dataRoot);
            return Files.createTempDirectory(dataRoot, label.replaceAll("[^A-Za-z0-9]", "-") + "-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create a journal directory under " + dataRoot, ex);
        }
    }

    /**
     * Deletes a pass's directory and everything in it.
     *
     * @param directory made by {@link #passDirectory}.
     */
    public static void delete(final Path directory)
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.delete(path);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + directory, ex);
        }
    }
}
