/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigDefaultsTest
{
    @TempDir
    Path dir;

    private static DemoCommand parseDemo(final ConfigDefaults defaults, final String... args)
    {
        final CommandLine commandLine = new CommandLine(new Netpulse());
        commandLine.setDefaultValueProvider(defaults);
        final CommandLine.ParseResult result = commandLine.parseArgs(args);
        return (DemoCommand)result.subcommand().commandSpec().userObject();
    }

    @Test
    void shouldApplyGeneralThenCommandSpecificDefaultsUnderTheCommandLine()
    {
        final Properties properties = new Properties();
        properties.setProperty("threads", " pipelined ");
        properties.setProperty("elements", "7");
        properties.setProperty("demo.elements", "11");
        properties.setProperty("run.elements", "13");
        final ConfigDefaults defaults = new ConfigDefaults(properties);

        final DemoCommand demo = parseDemo(defaults, "demo");
        assertEquals("pipelined", demo.engine.threads);
        assertEquals(11, demo.elements);
        assertEquals(5_000_000, demo.events);

        final DemoCommand overridden = parseDemo(defaults, "demo", "--threads", "fused", "--elements", "3");
        assertEquals("fused", overridden.engine.threads);
        assertEquals(3, overridden.elements);
    }

    @Test
    void shouldLoadTheShippedConfiguration() throws Exception
    {
        final Path shipped = Path.of("..", "src", "dist", "conf", "netpulse.properties");
        final DemoCommand demo = parseDemo(ConfigDefaults.load(shipped), "demo");
        assertEquals("fused", demo.engine.threads);
        assertEquals(10_000, demo.elements);
        assertEquals(65_536, demo.engine.ringSize);

        final Path bad = Files.writeString(dir.resolve("x.properties"), "threads=fused\n");
        assertEquals("fused", parseDemo(ConfigDefaults.load(bad), "demo").engine.threads);
        assertThrows(RuntimeException.class, () -> ConfigDefaults.load(dir.resolve("missing.properties")));
    }

    @Test
    void shouldReportAnUnreadableConfiguration()
    {
        System.setProperty(ConfigDefaults.CONFIG_PROPERTY, dir.resolve("missing.properties").toString());
        try
        {
            final NetpulseCommandTest.Result result = NetpulseCommandTest.run("--help");
            assertEquals(2, result.exitCode());
            assertEquals(true, result.err().contains("cannot read configuration"));
        }
        finally
        {
            System.clearProperty(ConfigDefaults.CONFIG_PROPERTY);
        }
        assertEquals(5_000_000, parseDemo(ConfigDefaults.fromSystemProperty(), "demo").events, "no file, no change");
    }
}
