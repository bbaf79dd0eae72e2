/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.topology;

import io.netpulse.codec.sbe.NodeLevel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes the topology file: one node per line, parents before children.
 * <pre>
 * id,parent,level,name,equipment_class,vendor,expected_interval_ms
 * 101,0,region,north,,,0
 * 10001,101,site,site-0001,,,0
 * 1000001,10001,element,cell-000001,gnodeb,nokia,60000
 * </pre>
 * Lines starting with {@code #} and blank lines are ignored. Parent 0 is the network root.
 */
public final class TopologyFile
{
    /** The header line. */
    public static final String HEADER = "id,parent,level,name,equipment_class,vendor,expected_interval_ms";

    private static final int COLUMNS = 7;

    private TopologyFile()
    {
    }

    /**
     * One node of the file.
     *
     * @param id                 global id.
     * @param parentId           global id of the parent; 0 for the root.
     * @param level              region, site or element.
     * @param name               display name.
     * @param equipmentClass     equipment class, may be empty.
     * @param vendor             vendor, may be empty.
     * @param expectedIntervalMs expected reporting interval, 0 when unknown.
     */
    public record Node(
        long id, long parentId, NodeLevel level, String name, String equipmentClass, String vendor,
        int expectedIntervalMs)
    {
    }

    /**
     * Reads a topology file.
     *
     * @param path of the file.
     * @return its nodes, in file order.
     * @throws IllegalArgumentException naming the line and column of the first malformed value.
     */
    public static List<Node> read(final Path path)
    {
        final List<Node> nodes = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8))
        {
            String line;
            int lineNumber = 0;
            boolean headerSeen = false;
            while (null != (line = reader.readLine()))
            {
                lineNumber++;
                final String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#"))
                {
                    continue;
                }
                if (!headerSeen)
                {
                    headerSeen = true;
                    if (!HEADER.equals(trimmed))
                    {
                        throw new IllegalArgumentException(
                            path + ":" + lineNumber + ": expected header '" + HEADER + "'");
                    }
                    continue;
                }
                nodes.add(parse(path, lineNumber, trimmed));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read topology file " + path, ex);
        }
        return nodes;
    }

    private static Node parse(final Path path, final int lineNumber, final String line)
    {
        final String[] fields = line.split(",", -1);
        if (fields.length != COLUMNS)
        {
            throw new IllegalArgumentException(
                path + ":" + lineNumber + ": expected " + COLUMNS + " columns, found " + fields.length);
        }

        final long id = parseLong(path, lineNumber, 1, "id", fields[0]);
        if (0 == id)
        {
            throw new IllegalArgumentException(path + ":" + lineNumber + ":1: id 0 is the network root");
        }
        final long parent = parseLong(path, lineNumber, 2, "parent", fields[1]);
        final NodeLevel level;
        switch (fields[2].trim().toLowerCase(Locale.ROOT))
        {
            case "region":
                level = NodeLevel.REGION;
                break;
            case "site":
                level = NodeLevel.SITE;
                break;
            case "element":
                level = NodeLevel.ELEMENT;
                break;
            default:
                throw new IllegalArgumentException(path + ":" + lineNumber + ":3: level must be region, site or " +
                    "element, not '" + fields[2] + "'");
        }
        final String interval = fields[6].trim();
        final long expectedIntervalMs = interval.isEmpty() ? 0 : parseLong(path, lineNumber, 7, "interval", interval);
        if (expectedIntervalMs < 0 || expectedIntervalMs > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(path + ":" + lineNumber + ":7: interval out of range");
        }

        return new Node(
            id, parent, level, fields[3].trim(), fields[4].trim(), fields[5].trim(), (int)expectedIntervalMs);
    }

    private static long parseLong(
        final Path path, final int lineNumber, final int column, final String what, final String text)
    {
        try
        {
            return Long.parseLong(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(
                path + ":" + lineNumber + ":" + column + ": " + what + " is not a number: '" + text + "'", ex);
        }
    }

    /**
     * Writes a topology file.
     *
     * @param path  to write.
     * @param nodes parents before children.
     * @throws IllegalArgumentException when a name holds a comma or line break.
     */
    public static void write(final Path path, final List<Node> nodes)
    {
        final StringBuilder out = new StringBuilder(64 * (nodes.size() + 1));
        out.append(HEADER).append('\n');
        for (final Node node : nodes)
        {
            for (final String text : new String[]{node.name(), node.equipmentClass(), node.vendor()})
            {
                if (text.indexOf(',') >= 0 || text.indexOf('\n') >= 0)
                {
                    throw new IllegalArgumentException("node " + node.id() + ": '" + text + "' holds a comma or " +
                        "line break, which the topology file cannot carry");
                }
            }
            out.append(node.id()).append(',').append(node.parentId()).append(',')
                .append(node.level().name().toLowerCase(Locale.ROOT)).append(',')
                .append(node.name()).append(',').append(node.equipmentClass()).append(',')
                .append(node.vendor()).append(',').append(node.expectedIntervalMs()).append('\n');
        }
        try
        {
            Files.writeString(path, out, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write topology file " + path, ex);
        }
    }
}
