/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A run's data directory: its journal, alerts, input and summary. netpulse marks the directories it creates,
 * and only ever deletes a marked one, so a mistyped {@code --data} cannot wipe someone's files.
 */
final class DataDirectory
{
    static final String MARKER = ".netpulse-data";

    private DataDirectory()
    {
    }

    /**
     * Prepares an empty data directory, clearing a previous netpulse run in it.
     *
     * @param directory to prepare.
     * @param overwrite whether a previous run may be cleared.
     * @return the directory.
     */
    static Path prepare(final Path directory, final boolean overwrite)
    {
        return open(directory, overwrite, false);
    }

    /**
     * Opens a data directory to go on with the run in it: kept as it is, or made when there is none yet.
     *
     * @param directory to open.
     * @return the directory.
     */
    static Path resume(final Path directory)
    {
        return open(directory, false, true);
    }

    /**
     * Makes a data directory, or takes one netpulse made: kept as it is, cleared when overwriting, refused
     * otherwise.
     */
    private static Path open(final Path directory, final boolean overwrite, final boolean keep)
    {
        try
        {
            if (Files.exists(directory) && !isEmpty(directory))
            {
                if (!Files.exists(directory.resolve(MARKER)))
                {
                    throw new IllegalArgumentException(directory + " exists and was not made by netpulse; " +
                        "choose another --data directory");
                }
                if (!keep)
                {
                    if (!overwrite)
                    {
                        throw new IllegalArgumentException(directory + " already holds a netpulse run; pass " +
                            "--overwrite to replace it, or choose another --data directory");
                    }
                    delete(directory);
                }
            }
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(MARKER), "netpulse data directory\n");
            return directory;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot " + (keep ? "open" : "prepare") + " data directory " + directory,
                ex);
        }
    }

    private static boolean isEmpty(final Path directory) throws IOException
    {
        try (Stream<Path> entries = Files.list(directory))
        {
            return entries.findAny().isEmpty();
        }
    }

    private static void delete(final Path directory) throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.delete(path);
            }
        }
    }

    /**
     * The input journal of a data directory.
     *
     * @param directory the data directory.
     * @return the journal root (holding input/ and alerts/).
     */
    static Path journal(final Path directory)
    {
        return directory.resolve("journal");
    }
}
