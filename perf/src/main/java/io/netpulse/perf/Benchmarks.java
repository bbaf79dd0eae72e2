/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the JMH suite, or the benchmarks matching patterns, with the project's fork flags ({@link JvmFlags}),
 * writing JSON results. Usage: {@code Benchmarks [JMH options] [pattern...] [result.json]}: any JMH command-line
 * option works ({@code -p elements=10000}, {@code -wi 1 -i 2}, {@code -f 1}, {@code -l} to list); a last argument
 * ending in {@code .json} names the result file (default {@code jmh-result.json}).
 */
public final class Benchmarks
{
    /** Where results go unless told otherwise. */
    public static final String DEFAULT_RESULT = "jmh-result.json";

    private Benchmarks()
    {
    }

    /**
     * Entry point.
     *
     * @param args JMH options, patterns and an optional result file.
     * @throws RunnerException             when JMH fails.
     * @throws CommandLineOptionException when an option is malformed.
     */
    public static void main(final String[] args) throws RunnerException, CommandLineOptionException
    {
        new Runner(options(args).build()).run();
    }

    /**
     * The options a command line gives, over the project's defaults.
     *
     * @param args JMH options, patterns and an optional result file.
     * @return the options builder.
     * @throws CommandLineOptionException when an option is malformed.
     */
    static ChainedOptionsBuilder options(final String[] args) throws CommandLineOptionException
    {
        final List<String> jmhArgs = new ArrayList<>(Arrays.asList(args));
        String result = DEFAULT_RESULT;
        if (!jmhArgs.isEmpty() && jmhArgs.get(jmhArgs.size() - 1).endsWith(".json"))
        {
            result = jmhArgs.remove(jmhArgs.size() - 1);
        }
        final CommandLineOptions commandLine = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .parent(commandLine)
            .jvmArgsAppend(JvmFlags.FORK_FLAGS);
        if (commandLine.getIncludes().isEmpty())
        {
            options.include("io\\.netpulse\\.perf\\..*");
        }
        if (!commandLine.getResult().hasValue())
        {
            options.result(result);
        }
        if (!commandLine.getResultFormat().hasValue())
        {
            options.resultFormat(ResultFormatType.JSON);
        }
        return options;
    }
}
