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
 * <p>
 * The nodes are held in chunks of {@link #CHUNK} so that a topology change costs the updater the nodes it
 * changed, not the whole topology: {@link #refreshed} shares every chunk it does not change with the previous
 * directory, copies a chunk before changing a node an earlier directory holds, and appends new nodes in place
 * (an earlier directory never reads past its own node count). So a directory can be refreshed at the end of
 * every batch that changed the topology, and a change is nameable in queries from the next publication on.
 */
public final class Directory
{
    /** Nodes per chunk. */
    static final int CHUNK = 256;

    private static final int CHUNK_SHIFT = Integer.numberOfTrailingZeros(CHUNK);
    private static final int CHUNK_MASK = CHUNK - 1;

    /** An empty directory. */
    static final Directory EMPTY = new Directory(new Chunk[0], 0, new String[0], new String[0], -1);

    private final Chunk[] chunks;
    private final int count;
    private final String[] classNames;
    private final String[] vendorNames;
    private final long topologyVersion;

    /** One chunk of nodes; written only by the updater, before a directory that holds the nodes is published. */
    private static final class Chunk
    {
        final long[] ids = new long[CHUNK];
        final String[] names = new String[CHUNK];
        final byte[] levels = new byte[CHUNK];
        final int[] parents = new int[CHUNK];
        final int[] classes = new int[CHUNK];
        final int[] vendors = new int[CHUNK];
        final boolean[] removed = new boolean[CHUNK];

        Chunk copy()
        {
            final Chunk copy = new Chunk();
            System.arraycopy(ids, 0, copy.ids, 0, CHUNK);
            System.arraycopy(names, 0, copy.names, 0, CHUNK);
            System.arraycopy(levels, 0, copy.levels, 0, CHUNK);
            System.arraycopy(parents, 0, copy.parents, 0, CHUNK);
            System.arraycopy(classes, 0, copy.classes, 0, CHUNK);
            System.arraycopy(vendors, 0, copy.vendors, 0, CHUNK);
            System.arraycopy(removed, 0, copy.removed, 0, CHUNK);
            return copy;
        }

        void copyNode(final Topology topology, final int index, final int at)
        {
            ids[at] = topology.id(index);
            names[at] = topology.name(index);
            levels[at] = (byte)topology.level(index).value();
            parents[at] = topology.parent(index);
            classes[at] = topology.equipmentClass(index);
            vendors[at] = topology.vendor(index);
            removed[at] = topology.isRemoved(index);
        }
    }

    private Directory(
        final Chunk[] chunks,
        final int count,
        final String[] classNames,
        final String[] vendorNames,
        final long topologyVersion)
    {
        this.chunks = chunks;
        this.count = count;
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
        return EMPTY.refreshed(topology, null, 0);
    }

    /**
     * This directory brought up to date with a topology: nodes added since it was made are appended, and the
     * given nodes, which an earlier directory may hold, are copied again. Called on a thread that may read the
     * topology (the cube updater's); this directory and every earlier one stay as they were.
     *
     * @param topology the hierarchy.
     * @param changed  indices of nodes changed since this directory was made (any order, repeats allowed), or
     *                 null to copy every node again.
     * @param changes  how many of {@code changed} to read.
     * @return the refreshed directory.
     */
    Directory refreshed(final Topology topology, final int[] changed, final int changes)
    {
        final long version = topology.version();
        final int nodes = Math.max(count, topology.nodeCount());
        final Chunk[] chunks = java.util.Arrays.copyOf(this.chunks, (nodes + CHUNK_MASK) >>> CHUNK_SHIFT);
        // chunks copied or made for this directory: written freely until it is published
        final boolean[] own = new boolean[chunks.length];
        for (int c = this.chunks.length; c < chunks.length; c++)
        {
            chunks[c] = new Chunk();
            own[c] = true;
        }
        if (null == changed)
        {
            for (int c = 0; c < this.chunks.length; c++)
            {
                chunks[c] = new Chunk();
                own[c] = true;
            }
        }
        for (int index = null == changed ? 0 : count; index < nodes; index++)
        {
            // new nodes: in chunks of this directory only past its count, which no reader of it looks at
            chunks[index >>> CHUNK_SHIFT].copyNode(topology, index, index & CHUNK_MASK);
        }
        for (int i = 0; i < changes; i++)
        {
            final int index = changed[i];
            if (index < 0 || index >= count)
            {
                continue;
            }
            final int c = index >>> CHUNK_SHIFT;
            if (!own[c])
            {
                chunks[c] = chunks[c].copy();
                own[c] = true;
            }
            chunks[c].copyNode(topology, index, index & CHUNK_MASK);
        }

        String[] classNames = this.classNames;
        if (topology.classCount() != classNames.length)
        {
            classNames = new String[topology.classCount()];
            for (int i = 0; i < classNames.length; i++)
            {
                classNames[i] = topology.className(i);
            }
        }
        String[] vendorNames = this.vendorNames;
        if (topology.vendorCount() != vendorNames.length)
        {
            vendorNames = new String[topology.vendorCount()];
            for (int i = 0; i < vendorNames.length; i++)
            {
                vendorNames[i] = topology.vendorName(i);
            }
        }
        return new Directory(chunks, nodes, classNames, vendorNames, version);
    }

    /**
     * Nodes known, the root included.
     *
     * @return the count; indices run below it.
     */
    public int nodeCount()
    {
        return count;
    }

    private Chunk chunk(final int index)
    {
        if (index < 0 || index >= count)
        {
            throw new IndexOutOfBoundsException("node " + index + " of " + count);
        }
        return chunks[index >>> CHUNK_SHIFT];
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
        return index >= 0 && index < count ? chunks[index >>> CHUNK_SHIFT].ids[index & CHUNK_MASK] : -1;
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
        final String name = index < count ? chunks[index >>> CHUNK_SHIFT].names[index & CHUNK_MASK] : null;
        return null == name ? "#" + index : name;
    }

    /**
     * Level of a node.
     *
     * @param index dense index.
     * @return the level.
     */
    public NodeLevel level(final int index)
    {
        return NodeLevel.get(chunk(index).levels[index & CHUNK_MASK]);
    }

    /**
     * Parent of a node.
     *
     * @param index dense index.
     * @return the parent's index, -1 for the root.
     */
    public int parent(final int index)
    {
        return chunk(index).parents[index & CHUNK_MASK];
    }

    /**
     * Equipment class index of a node.
     *
     * @param index dense index.
     * @return the class index.
     */
    public int equipmentClass(final int index)
    {
        return chunk(index).classes[index & CHUNK_MASK];
    }

    /**
     * Vendor index of a node.
     *
     * @param index dense index.
     * @return the vendor index.
     */
    public int vendor(final int index)
    {
        return chunk(index).vendors[index & CHUNK_MASK];
    }

    /**
     * Whether a node was removed.
     *
     * @param index dense index.
     * @return true once removed.
     */
    public boolean isRemoved(final int index)
    {
        return chunk(index).removed[index & CHUNK_MASK];
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
        for (int c = 0; c < chunks.length; c++)
        {
            final Chunk chunk = chunks[c];
            final int base = c << CHUNK_SHIFT;
            for (int i = 0, end = Math.min(CHUNK, count - base); i < end; i++)
            {
                if (chunk.levels[i] == wanted && (chunk.ids[i] == id || value.equals(chunk.names[i])))
                {
                    found.add(base + i);
                }
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
