/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.engine.topology.Topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Names and ids of the topology's nodes, equipment classes and vendors, copied from the topology by a cube
 * updater so that query threads can name what they return without touching the router's state. Immutable.
 */
public final class Directory
{
    /** An empty directory. */
    static final Directory EMPTY = new Directory(new long[0], new String[0], new byte[0], new int[0], new int[0],
        new int[0], new boolean[0], new String[0], new String[0], -1);

    private final long[] ids;
    private final String[] names;
    private final byte[] levels;
    private final int[] parents;
    private final int[] classes;
    private final int[] vendors;
    private final boolean[] removed;
    private final String[] classNames;
    private final String[] vendorNames;
    private final long topologyVersion;

    private Directory(
        final long[] ids,
        final String[] names,
        final byte[] levels,
        final int[] parents,
        final int[] classes,
        final int[] vendors,
        final boolean[] removed,
        final String[] classNames,
        final String[] vendorNames,
        final long topologyVersion)
    {
        this.ids = ids;
        this.names = names;
        this.levels = levels;
        this.parents = parents;
        this.classes = classes;
        this.vendors = vendors;
        this.removed = removed;
        this.classNames = classNames;
        this.vendorNames = vendorNames;
        this.topologyVersion = topologyVersion;
    }

    /**
     * Copies a topology. Called on a thread that may read it (the cube updater's).
     *
     * @param topology the hierarchy.
     * @return the directory.
     */
    static Directory of(final Topology topology)
    {
        final long version = topology.version();
        final int count = topology.nodeCount();
        final long[] ids = new long[count];
        final String[] names = new String[count];
        final byte[] levels = new byte[count];
        final int[] parents = new int[count];
        final int[] classes = new int[count];
        final int[] vendors = new int[count];
        final boolean[] removed = new boolean[count];
        for (int i = 0; i < count; i++)
        {
            ids[i] = topology.id(i);
            names[i] = topology.name(i);
            levels[i] = (byte)topology.level(i).value();
            parents[i] = topology.parent(i);
            classes[i] = topology.equipmentClass(i);
            vendors[i] = topology.vendor(i);
            removed[i] = topology.isRemoved(i);
        }
        final String[] classNames = new String[topology.classCount()];
        for (int i = 0; i < classNames.length; i++)
        {
            classNames[i] = topology.className(i);
        }
        final String[] vendorNames = new String[topology.vendorCount()];
        for (int i = 0; i < vendorNames.length; i++)
        {
            vendorNames[i] = topology.vendorName(i);
        }
        return new Directory(ids, names, levels, parents, classes, vendors, removed, classNames, vendorNames, version);
    }

    /**
     * Nodes known, the root included.
     *
     * @return the count; indices run below it.
     */
    public int nodeCount()
    {
        return ids.length;
    }

    /**
     * The topology version copied.
     *
     * @return the version, -1 for the empty directory.
     */
    public long topologyVersion()
    {
        return topologyVersion;
    }

    /**
     * Global id of a node.
     *
     * @param index dense index.
     * @return the id, or -1 when unknown.
     */
    public long id(final int index)
    {
        return index >= 0 && index < ids.length ? ids[index] : -1;
    }

    /**
     * Name of a node.
     *
     * @param index dense index, or -1.
     * @return the name; {@code (none)} for -1, {@code #index} when not yet copied.
     */
    public String name(final int index)
    {
        if (index < 0)
        {
            return "(none)";
        }
        if (index >= names.length || null == names[index])
        {
            return "#" + index;
        }
        return names[index];
    }

    /**
     * Level of a node.
     *
     * @param index dense index.
     * @return the level.
     */
    public NodeLevel level(final int index)
    {
        return NodeLevel.get(levels[index]);
    }

    /**
     * Parent of a node.
     *
     * @param index dense index.
     * @return the parent's index, -1 for the root.
     */
    public int parent(final int index)
    {
        return parents[index];
    }

    /**
     * Equipment class index of a node.
     *
     * @param index dense index.
     * @return the class index.
     */
    public int equipmentClass(final int index)
    {
        return classes[index];
    }

    /**
     * Vendor index of a node.
     *
     * @param index dense index.
     * @return the vendor index.
     */
    public int vendor(final int index)
    {
        return vendors[index];
    }

    /**
     * Whether a node was removed.
     *
     * @param index dense index.
     * @return true once removed.
     */
    public boolean isRemoved(final int index)
    {
        return removed[index];
    }

    /**
     * Name of an equipment class.
     *
     * @param classIndex class index.
     * @return the name; {@code (none)} for the empty class.
     */
    public String className(final int classIndex)
    {
        return attributeName(classNames, classIndex);
    }

    /**
     * Name of a vendor.
     *
     * @param vendorIndex vendor index.
     * @return the name; {@code (none)} for the empty vendor.
     */
    public String vendorName(final int vendorIndex)
    {
        return attributeName(vendorNames, vendorIndex);
    }

    private static String attributeName(final String[] names, final int index)
    {
        if (index < 0 || index >= names.length)
        {
            return "#" + index;
        }
        return names[index].isEmpty() ? "(none)" : names[index];
    }

    /**
     * Equipment classes known.
     *
     * @return the count.
     */
    public int classCount()
    {
        return classNames.length;
    }

    /**
     * Vendors known.
     *
     * @return the count.
     */
    public int vendorCount()
    {
        return vendorNames.length;
    }

    /**
     * Node indices at a level whose name or id matches a value: a query's filter term.
     *
     * @param level of the nodes.
     * @param value a name, or a global id.
     * @return the matching indices; empty when none.
     */
    public List<Integer> findNodes(final NodeLevel level, final String value)
    {
        final List<Integer> found = new ArrayList<>();
        long id = Long.MIN_VALUE;
        try
        {
            id = Long.parseLong(value.trim());
        }
        catch (final NumberFormatException ignored)
        {
            // a name, not an id
        }
        final byte wanted = (byte)level.value();
        for (int i = 0; i < ids.length; i++)
        {
            if (levels[i] == wanted && (ids[i] == id || value.equals(names[i])))
            {
                found.add(i);
            }
        }
        return found;
    }

    /**
     * The class index with a name.
     *
     * @param value the name ({@code (none)} for the empty class).
     * @return the index, or -1.
     */
    public int findClass(final String value)
    {
        return findAttribute(classNames, value);
    }

    /**
     * The vendor index with a name.
     *
     * @param value the name ({@code (none)} for the empty vendor).
     * @return the index, or -1.
     */
    public int findVendor(final String value)
    {
        return findAttribute(vendorNames, value);
    }

    private static int findAttribute(final String[] names, final String value)
    {
        final String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (int i = 0; i < names.length; i++)
        {
            if (names[i].toLowerCase(Locale.ROOT).equals(wanted) || (names[i].isEmpty() && "(none)".equals(wanted)))
            {
                return i;
            }
        }
        return -1;
    }
}
