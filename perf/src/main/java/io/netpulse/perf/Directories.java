/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Deletes the temporary directories benchmarks make.
 */
final class Directories
{
    private Directories()
    {
    }

    /**
     * Deletes a directory and everything under it.
     *
     * @param directory to delete.
     * @throws IOException if something cannot be deleted.
     */
    static void delete(final Path directory) throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.delete(path);
            }
        }
    }
}
