/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.topology;

import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.engine.stage.StateHash;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Object2IntHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The network hierarchy (network, region, site, element) as struct-of-arrays indexed by dense node index.
 * Global ids map to dense indices once, on the cold path; the hot path reads primitive arrays. Every node
 * carries its site and region denormalised, so routing an event is one map lookup and a few array reads.
 * <p>
 * Single writer: the topology router's thread. Indices are never reused, so a removed node's index stays
 * valid (and removed) for as long as anyone holds it.
 */
public final class Topology
{
    /** Dense index of the network root, which every region hangs under. */
    public static final int ROOT = 0;

    /** Value returned for ids the topology does not know. */
    public static final int MISSING = -1;

    /** Global id of the synthetic region that auto-registered elements join. */
    public static final long UNASSIGNED_REGION_ID = Long.MIN_VALUE;

    /** Global id of the synthetic site that auto-registered elements join. */
    public static final long UNASSIGNED_SITE_ID = Long.MIN_VALUE + 1;

    private static final int INITIAL_CAPACITY = 1024;

    private final Long2LongHashMap indexById = new Long2LongHashMap(MISSING);
    private final Object2IntHashMap<String> classIndex = new Object2IntHashMap<>(MISSING);
    private final Object2IntHashMap<String> vendorIndex = new Object2IntHashMap<>(MISSING);
    private final List<String> classNames = new ArrayList<>();
    private final List<String> vendorNames = new ArrayList<>();

    private int count;
    private long[] ids = new long[INITIAL_CAPACITY];
    private int[] parents = new int[INITIAL_CAPACITY];
    private byte[] levels = new byte[INITIAL_CAPACITY];
    private int[] sites = new int[INITIAL_CAPACITY];
    private int[] regions = new int[INITIAL_CAPACITY];
    private int[] classes = new int[INITIAL_CAPACITY];
    private int[] vendors = new int[INITIAL_CAPACITY];
    private int[] expectedIntervalsMs = new int[INITIAL_CAPACITY];
    private boolean[] removed = new boolean[INITIAL_CAPACITY];
    private String[] names = new String[INITIAL_CAPACITY];
    private int activeElements;
    private long version;

    /**
     * An empty topology holding only the network root.
     */
    public Topology()
    {
        addNode(0, NodeLevel.NETWORK, "network");
        parents[ROOT] = MISSING;
        sites[ROOT] = MISSING;
        regions[ROOT] = MISSING;
        internClass("");
        internVendor("");
    }

    /**
     * The dense index of a node. The hot path's one map lookup.
     *
     * @param id global id.
     * @return the index, or {@link #MISSING}.
     */
    public int indexOf(final long id)
    {
        return (int)indexById.get(id);
    }

    /**
     * Adds a node, or updates it if the id is known. A changed parent is a move.
     *
     * @param id                 global id; 0 is the root and cannot be changed.
     * @param parentId           global id of the parent; 0 for the root.
     * @param level              of the node.
     * @param name               display name.
     * @param equipmentClass     equipment class, empty for none.
     * @param vendor             vendor, empty for none.
     * @param expectedIntervalMs expected reporting interval, 0 when unknown.
     * @return the node's index.
     */
    public int put(
        final long id,
        final long parentId,
        final NodeLevel level,
        final String name,
        final String equipmentClass,
        final String vendor,
        final int expectedIntervalMs)
    {
        if (0 == id)
        {
            throw new IllegalArgumentException("id 0 is the network root");
        }

        final int parent = resolveParent(parentId, level);
        int index = indexOf(id);
        if (MISSING == index)
        {
            index = addNode(id, level, name);
            if (level == NodeLevel.ELEMENT)
            {
                activeElements++;
            }
        }
        else
        {
            if (levels[index] != (byte)level.value())
            {
                if (levels[index] == (byte)NodeLevel.ELEMENT.value())
                {
                    activeElements--;
                }
                else if (level == NodeLevel.ELEMENT)
                {
                    activeElements++;
                }
            }
            levels[index] = (byte)level.value();
            names[index] = name;
        }

        classes[index] = internClass(equipmentClass);
        vendors[index] = internVendor(vendor);
        expectedIntervalsMs[index] = expectedIntervalMs;
        if (parents[index] != parent)
        {
            parents[index] = parent;
            rederive(index);
        }
        version++;
        return index;
    }

    /**
     * Removes a node: its id is forgotten (events for it become unknown) and it stops rolling up.
     *
     * @param id global id.
     * @return the removed node's index, or {@link #MISSING} if unknown.
     */
    public int remove(final long id)
    {
        final int index = indexOf(id);
        if (MISSING == index || ROOT == index)
        {
            return MISSING;
        }
        indexById.remove(id);
        removed[index] = true;
        if (levels[index] == (byte)NodeLevel.ELEMENT.value())
        {
            activeElements--;
        }
        version++;
        return index;
    }

    private int resolveParent(final long parentId, final NodeLevel childLevel)
    {
        if (0 == parentId)
        {
            return ROOT;
        }
        final int parent = indexOf(parentId);
        if (MISSING != parent)
        {
            return parent;
        }

        // A feed may name a parent before describing it: hold its place until it does.
        final NodeLevel placeholderLevel = childLevel.value() > NodeLevel.REGION.value() ?
            NodeLevel.get((short)(childLevel.value() - 1)) : NodeLevel.REGION;
        final int index = addNode(parentId, placeholderLevel, Long.toString(parentId));
        parents[index] = ROOT;
        rederive(index);
        return index;
    }

    private int addNode(final long id, final NodeLevel level, final String name)
    {
        final int index = count;
        ensureCapacity(index + 1);
        ids[index] = id;
        levels[index] = (byte)level.value();
        names[index] = name;
        parents[index] = MISSING;
        sites[index] = MISSING;
        regions[index] = MISSING;
        removed[index] = false;
        indexById.put(id, index);
        count++;
        return index;
    }

    /**
     * Recomputes the denormalised site and region of a node and of every node below it. Moves are rare control
     * events; a linear pass is cheap next to their rarity.
     */
    private void rederive(final int moved)
    {
        derive(moved);
        if (levels[moved] == (byte)NodeLevel.ELEMENT.value())
        {
            return;
        }
        for (int i = 1; i < count; i++)
        {
            if (i != moved && isBelow(i, moved))
            {
                derive(i);
            }
        }
    }

    private boolean isBelow(final int node, final int ancestor)
    {
        int parent = parents[node];
        for (int depth = 0; parent != MISSING && depth < count; depth++)
        {
            if (parent == ancestor)
            {
                return true;
            }
            parent = parents[parent];
        }
        return false;
    }

    private void derive(final int node)
    {
        int site = MISSING;
        int region = MISSING;
        for (int i = node, depth = 0; i != MISSING && depth < count; i = parents[i], depth++)
        {
            final byte level = levels[i];
            if (level == (byte)NodeLevel.SITE.value() && MISSING == site)
            {
                site = i;
            }
            else if (level == (byte)NodeLevel.REGION.value() && MISSING == region)
            {
                region = i;
            }
        }
        sites[node] = site;
        regions[node] = region;
    }

    private int internClass(final String name)
    {
        int index = classIndex.getValue(name);
        if (MISSING == index)
        {
            index = classNames.size();
            classNames.add(name);
            classIndex.put(name, index);
        }
        return index;
    }

    private int internVendor(final String name)
    {
        int index = vendorIndex.getValue(name);
        if (MISSING == index)
        {
            index = vendorNames.size();
            vendorNames.add(name);
            vendorIndex.put(name, index);
        }
        return index;
    }

    private void ensureCapacity(final int required)
    {
        if (required <= ids.length)
        {
            return;
        }
        final int capacity = Math.max(required, ids.length * 2);
        ids = Arrays.copyOf(ids, capacity);
        parents = Arrays.copyOf(parents, capacity);
        levels = Arrays.copyOf(levels, capacity);
        sites = Arrays.copyOf(sites, capacity);
        regions = Arrays.copyOf(regions, capacity);
        classes = Arrays.copyOf(classes, capacity);
        vendors = Arrays.copyOf(vendors, capacity);
        expectedIntervalsMs = Arrays.copyOf(expectedIntervalsMs, capacity);
        removed = Arrays.copyOf(removed, capacity);
        names = Arrays.copyOf(names, capacity);
    }

    /**
     * Nodes ever added, the root and removed nodes included; dense indices run below this.
     *
     * @return the node count.
     */
    public int nodeCount()
    {
        return count;
    }

    /**
     * Elements present now.
     *
     * @return the count of elements not removed.
     */
    public int activeElements()
    {
        return activeElements;
    }

    /**
     * Changes applied so far; grows with every put and remove.
     *
     * @return the version.
     */
    public long version()
    {
        return version;
    }

    /**
     * Global id of a node.
     *
     * @param index dense index.
     * @return the id.
     */
    public long id(final int index)
    {
        return ids[index];
    }

    /**
     * Dense index of a node's parent.
     *
     * @param index dense index.
     * @return the parent's index, or {@link #MISSING} for the root.
     */
    public int parent(final int index)
    {
        return parents[index];
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
     * Dense index of the site a node belongs to.
     *
     * @param index dense index.
     * @return the site's index, or {@link #MISSING}.
     */
    public int site(final int index)
    {
        return sites[index];
    }

    /**
     * Dense index of the region a node belongs to.
     *
     * @param index dense index.
     * @return the region's index, or {@link #MISSING}.
     */
    public int region(final int index)
    {
        return regions[index];
    }

    /**
     * Equipment class index of a node.
     *
     * @param index dense index.
     * @return the class index; 0 is none.
     */
    public int equipmentClass(final int index)
    {
        return classes[index];
    }

    /**
     * Vendor index of a node.
     *
     * @param index dense index.
     * @return the vendor index; 0 is none.
     */
    public int vendor(final int index)
    {
        return vendors[index];
    }

    /**
     * Expected reporting interval of a node.
     *
     * @param index dense index.
     * @return milliseconds, 0 when unknown.
     */
    public int expectedIntervalMs(final int index)
    {
        return expectedIntervalsMs[index];
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
     * Display name of a node.
     *
     * @param index dense index.
     * @return the name.
     */
    public String name(final int index)
    {
        return names[index];
    }

    /**
     * Name of an equipment class.
     *
     * @param classIndex from {@link #equipmentClass(int)}.
     * @return the name.
     */
    public String className(final int classIndex)
    {
        return classNames.get(classIndex);
    }

    /**
     * Name of a vendor.
     *
     * @param vendorIndex from {@link #vendor(int)}.
     * @return the name.
     */
    public String vendorName(final int vendorIndex)
    {
        return vendorNames.get(vendorIndex);
    }

    /**
     * Equipment classes known, "none" included.
     *
     * @return the count.
     */
    public int classCount()
    {
        return classNames.size();
    }

    /**
     * Vendors known, "none" included.
     *
     * @return the count.
     */
    public int vendorCount()
    {
        return vendorNames.size();
    }

    /**
     * A hash of the hierarchy: ids, parents, levels, attributes and removals, in index order.
     *
     * @return the hash.
     */
    public long stateHash()
    {
        long hash = StateHash.SEED;
        for (int i = 0; i < count; i++)
        {
            hash = StateHash.mix(hash, ids[i]);
            hash = StateHash.mix(hash, parents[i]);
            hash = StateHash.mix(hash, levels[i]);
            hash = StateHash.mix(hash, classNames.get(classes[i]).hashCode());
            hash = StateHash.mix(hash, vendorNames.get(vendors[i]).hashCode());
            hash = StateHash.mix(hash, expectedIntervalsMs[i]);
            hash = StateHash.mix(hash, removed[i] ? 1 : 0);
        }
        return hash;
    }
}
