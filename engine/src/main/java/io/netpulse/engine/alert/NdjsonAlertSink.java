/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.alert;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends each alert as one line of JSON to a file, flushed at the end of each alert batch.
 */
public final class NdjsonAlertSink implements AlertSink
{
    private final Path path;
    private final BufferedWriter writer;
    private final StringBuilder line = new StringBuilder(512);

    /**
     * Opens (creating or appending to) a file.
     *
     * @param path of the NDJSON file.
     */
    public NdjsonAlertSink(final Path path)
    {
        this.path = path;
        try
        {
            final Path parent = path.toAbsolutePath().getParent();
            if (null != parent)
            {
                Files.createDirectories(parent);
            }
            writer = Files.newBufferedWriter(
                path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open alert file " + path, ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onAlert(final AlertEvent alert)
    {
        line.setLength(0);
        AlertJson.append(line, alert).append('\n');
        try
        {
            writer.append(line);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write alert file " + path, ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onBatchEnd()
    {
        try
        {
            writer.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot flush alert file " + path, ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        try
        {
            writer.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close alert file " + path, ex);
        }
    }
}
