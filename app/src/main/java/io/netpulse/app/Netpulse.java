/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code netpulse} command.
 */
@Command(name = "netpulse", mixinStandardHelpOptions = true, version = "netpulse 0.1.0",
    description = "Low-latency telecom network analytics engine.",
    footer = {"", "From a source checkout, './netpulse bench' runs the performance harness (see BENCHMARKS.md)."},
    subcommands = {DemoCommand.class, GenerateCommand.class, RunCommand.class, ReplayCommand.class,
        ServeCommand.class, QueryCommand.class, FeedCommand.class, JournalCommand.class,
        WindowCommand.class, EvaluateCommand.class})
public final class Netpulse implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Prints usage when no subcommand is given.
     */
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs a command line and returns its exit code.
     *
     * @param args the arguments.
     * @param out  standard output.
     * @param err  standard error.
     * @return the exit code: 0 for success, 1 for a failed run, 2 for bad usage.
     */
    public static int execute(final String[] args, final PrintWriter out, final PrintWriter err)
    {
        if (null == System.getProperty("java.util.logging.SimpleFormatter.format"))
        {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT %4$s %3$s: %5$s%6$s%n");
        }
        final CommandLine commandLine = new CommandLine(new Netpulse());
        try
        {
            commandLine.setDefaultValueProvider(ConfigDefaults.fromSystemProperty());
        }
        catch (final RuntimeException ex)
        {
            err.println("netpulse: " + message(ex));
            err.flush();
            return 2;
        }
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            cmd.getErr().println("netpulse " + cmd.getCommandName() + ": " + message(ex));
            if (Boolean.getBoolean("netpulse.debug"))
            {
                ex.printStackTrace(cmd.getErr());
            }
            cmd.getErr().flush();
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        return commandLine.execute(args);
    }

    private static String message(final Throwable ex)
    {
        final String message = ex.getMessage();
        return null == message ? ex.toString() : message;
    }

    /**
     * Entry point.
     *
     * @param args the arguments.
     */
    public static void main(final String[] args)
    {
        final PrintWriter out = new PrintWriter(System.out, true);
        final PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(args, out, err));
    }
}
