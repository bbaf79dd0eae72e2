/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Defaults for command options from a properties file: {@code option=value} for every command, or
 * {@code command.option=value} for one (option names without their dashes). Options given on the command line
 * win. The launcher points {@code netpulse.config} at {@code conf/netpulse.properties}, or at
 * {@code $NETPULSE_CONFIG} when set.
 */
final class ConfigDefaults implements IDefaultValueProvider
{
    /** System property naming the configuration file. */
    static final String CONFIG_PROPERTY = "netpulse.config";

    private final Properties properties;

    ConfigDefaults(final Properties properties)
    {
        this.properties = properties;
    }

    /**
     * Loads the file named by the {@value #CONFIG_PROPERTY} system property, if any.
     *
     * @return the defaults; empty when no file is configured.
     */
    static ConfigDefaults fromSystemProperty()
    {
        final String path = System.getProperty(CONFIG_PROPERTY);
        return null == path || path.isBlank() ? new ConfigDefaults(new Properties()) : load(Path.of(path));
    }

    /**
     * Loads a properties file.
     *
     * @param path of the file.
     * @return the defaults.
     */
    static ConfigDefaults load(final Path path)
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read configuration " + path, ex);
        }
        return new ConfigDefaults(properties);
    }

    /**
     * {@inheritDoc}
     */
    public String defaultValue(final ArgSpec argSpec)
    {
        if (!(argSpec instanceof OptionSpec))
        {
            return null;
        }
        final String option = ((OptionSpec)argSpec).longestName().replaceFirst("^-+", "");
        final String command = argSpec.command().name();
        final String specific = properties.getProperty(command + "." + option);
        return null != specific ? specific.trim() : trimmed(properties.getProperty(option));
    }

    private static String trimmed(final String value)
    {
        return null == value ? null : value.trim();
    }
}
