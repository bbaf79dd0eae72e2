/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.codec.text.TextFormat;
import io.netpulse.codec.text.TextFormatOptions;
import io.netpulse.engine.Engine;
import io.netpulse.engine.EngineBuilder;
import io.netpulse.engine.ThreadMode;
import io.netpulse.engine.alert.NdjsonAlertSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code netpulse run}: runs an input file through the engine, journal and state under a data directory.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run an input file through the engine, with its journal and alerts under a data directory.")
final class RunCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Input file.")
    Path input;

    @Option(names = "--format", defaultValue = "frames", paramLabel = "FORMAT",
        description = "Input format: frames (the wire format, as 'generate' writes it), csv or ndjson (events of " +
            "any type), asterisk-cdr (Asterisk Master.csv), kpi-csv (timestamp,element,metric,value; new elements " +
            "registered on first sight) (default: ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    TextInputOptions text = new TextInputOptions();

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "netpulse-data/run",
        description = "Data directory for the journal, alerts and summary (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--topology", paramLabel = "FILE", description = "Topology file loaded before the input.")
    Path topology;

    @Option(names = "--auto-register", description = "Register elements the topology does not know on first sight.")
    boolean autoRegister;

    @Option(names = "--scores", paramLabel = "FILE",
        description = "kpi-csv: write every input sample with the detector's view of it to this CSV: " +
            ScoresFile.HEADER + ", one row per input record, in input order.")
    Path scores;

    @Option(names = "--overwrite", description = "Replace a previous run in the data directory.")
    boolean overwrite;

    private ScoresFile scoresFile(final TextFormat textFormat)
    {
        if (textFormat != TextFormat.KPI_CSV)
        {
            throw new IllegalArgumentException("--scores needs --format kpi-csv");
        }
        if (ThreadMode.parse(engine.threads).kind() == ThreadMode.Kind.SHARDED)
        {
            throw new IllegalArgumentException(
                "--scores needs --threads fused or pipelined: the scores are gathered from one detector thread");
        }
        return new ScoresFile();
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        if (!Files.isRegularFile(input))
        {
            throw new IllegalArgumentException("--input " + input + ": no such file");
        }
        final TextFormat textFormat = TextInputOptions.textFormat(format);
        final boolean register = TextInputOptions.autoRegister(textFormat, autoRegister);
        final ScoresFile scoresFile = null == scores ? null : scoresFile(textFormat);
        final TextFormatOptions textOptions = null == textFormat ? null :
            text.toOptions(TextInputOptions.identities(topology, register));
        final Path dataDir = DataDirectory.prepare(data, overwrite);
        final EngineBuilder builder = engine.apply(Engine.builder())
            .journalDirectory(DataDirectory.journal(dataDir))
            .alertSink(new NdjsonAlertSink(dataDir.resolve("alerts.ndjson")))
            .autoRegisterElements(register)
            .topologyFile(topology);
        final PrintWriter out = spec.commandLine().getOut();
        if (null == textFormat)
        {
            Runs.runFrameFile("run", builder.build(), input, engine, dataDir, null, out);
        }
        else if (null == scoresFile)
        {
            Runs.runTextFile("run", builder.build(), input, textFormat, textOptions, engine, dataDir, out);
        }
        else
        {
            builder.scoreListener(scoresFile);
            Runs.runTextFile("run", builder.build(), input, textFormat, textOptions, engine, dataDir, out);
            final long rows = scoresFile.write(input, textOptions, scores);
            spec.commandLine().getErr().println(
                scores + ": " + rows + " rows, " + scoresFile.scored() + " samples scored by the detector");
        }
        return 0;
    }
}
