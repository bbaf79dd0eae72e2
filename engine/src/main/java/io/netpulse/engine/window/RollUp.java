/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import io.netpulse.engine.topology.Topology;

import java.util.Arrays;

/**
 * Scratch for rolling one closed bucket of one metric up the hierarchy, in one canonical order, so the result is
 * bit-identical however the elements are spread over threads:
 * <ol>
 *     <li>each site's aggregate: the contributions of its elements, in ascending element order;</li>
 *     <li>each region's aggregate (the network root's, for sites and elements without a region): its sites'
 *     partials in ascending site order, then its direct contributions (elements without a site, and the region
 *     side of moves) in ascending element order.</li>
 * </ol>
 * A site's partial is its aggregate, except for a site some of whose contributions go to the site only (a moved
 * element's site side): such a site is marked before the elements are added, and keeps a separate partial of the
 * contributions that go to both levels. So an element costs one merge, and a region one merge per site.
 * Reused for every bucket; allocates only when the topology grows.
 */
final class RollUp
{
    /** In a departure: the level it does not concern. */
    static final int SKIP = -2;

    private static final int UNSET = Integer.MIN_VALUE;

    private long[] accumulators = new long[1024 * BucketCells.LONGS];
    private long[] partials = new long[1024 * BucketCells.LONGS];
    private boolean[] touched = new boolean[1024];
    private boolean[] regions = new boolean[1024];
    private boolean[] dirty = new boolean[1024];
    private int[] siteRegions = new int[1024];
    private int[] touchedNodes = new int[64];
    private int touchedCount;
    private int[] sites = new int[64];
    private int[] dirtySites = new int[16];
    private int dirtyCount;
    private int[] directRegions = new int[16];
    private long[][] directCells = new long[16][];
    private int[] directOffsets = new int[16];
    private int directCount;

    RollUp()
    {
        Arrays.fill(siteRegions, UNSET);
    }

    /**
     * Starts a bucket.
     *
     * @param nodeLimit node indices below this may be added to.
     */
    void begin(final int nodeLimit)
    {
        for (int i = 0; i < touchedCount; i++)
        {
            final int node = touchedNodes[i];
            touched[node] = false;
            dirty[node] = false;
            siteRegions[node] = UNSET;
        }
        for (int i = 0; i < dirtyCount; i++)
        {
            dirty[dirtySites[i]] = false;
        }
        touchedCount = 0;
        dirtyCount = 0;
        for (int i = 0; i < directCount; i++)
        {
            directCells[i] = null;
        }
        directCount = 0;
        ensureCapacity(nodeLimit);
    }

    private void ensureCapacity(final int nodeLimit)
    {
        if (touched.length < nodeLimit)
        {
            final int old = touched.length;
            final int capacity = Math.max(nodeLimit, old * 2);
            touched = Arrays.copyOf(touched, capacity);
            regions = Arrays.copyOf(regions, capacity);
            dirty = Arrays.copyOf(dirty, capacity);
            siteRegions = Arrays.copyOf(siteRegions, capacity);
            Arrays.fill(siteRegions, old, capacity, UNSET);
            accumulators = Arrays.copyOf(accumulators, capacity * BucketCells.LONGS);
            partials = Arrays.copyOf(partials, capacity * BucketCells.LONGS);
        }
    }

    /**
     * Marks a site that gets contributions of its own (the site side of a move); call before adding elements.
     *
     * @param site the site, or -1 for none.
     */
    void markDirty(final int site)
    {
        if (site >= 0)
        {
            ensureCapacity(site + 1);
            if (!dirty[site])
            {
                dirty[site] = true;
                BucketCells.clear(partials, site * BucketCells.LONGS);
                if (dirtyCount == dirtySites.length)
                {
                    dirtySites = Arrays.copyOf(dirtySites, dirtyCount * 2);
                }
                dirtySites[dirtyCount++] = site;
            }
        }
    }

    /**
     * An element's contribution to both its site and its region (the usual case).
     *
     * @param site   the element's site, or -1.
     * @param region the element's region, or -1 (the root then).
     * @param cells  holding the contribution.
     * @param at     its offset.
     */
    void element(final int site, final int region, final long[] cells, final int at)
    {
        if (0 == BucketCells.count(cells, at))
        {
            return;
        }
        if (site < 0)
        {
            region(region, cells, at);
            return;
        }
        merge(site, false, cells, at);
        if (UNSET == siteRegions[site])
        {
            siteRegions[site] = region;
        }
        if (dirty[site])
        {
            BucketCells.merge(partials, site * BucketCells.LONGS, cells, at);
        }
    }

    /**
     * A contribution to a site alone.
     *
     * @param site  the site, or -1 for none.
     * @param cells holding the contribution.
     * @param at    its offset.
     */
    void site(final int site, final long[] cells, final int at)
    {
        if (site >= 0 && BucketCells.count(cells, at) > 0)
        {
            merge(site, false, cells, at);
        }
    }

    /**
     * A contribution to a region alone (or to the root, for -1), merged after the region's sites.
     *
     * @param region the region, or -1.
     * @param cells  holding the contribution; not changed until {@link #finish()}.
     * @param at     its offset.
     */
    void region(final int region, final long[] cells, final int at)
    {
        if (0 == BucketCells.count(cells, at))
        {
            return;
        }
        if (directCount == directRegions.length)
        {
            directRegions = Arrays.copyOf(directRegions, directCount * 2);
            directCells = Arrays.copyOf(directCells, directCount * 2);
            directOffsets = Arrays.copyOf(directOffsets, directCount * 2);
        }
        directRegions[directCount] = region;
        directCells[directCount] = cells;
        directOffsets[directCount++] = at;
    }

    /**
     * Merges the sites' partials into their regions, in ascending site order, then the direct contributions.
     */
    void finish()
    {
        int count = 0;
        for (int i = 0; i < touchedCount; i++)
        {
            final int node = touchedNodes[i];
            if (UNSET != siteRegions[node])
            {
                if (count == sites.length)
                {
                    sites = Arrays.copyOf(sites, count * 2);
                }
                sites[count++] = node;
            }
        }
        Arrays.sort(sites, 0, count);
        for (int i = 0; i < count; i++)
        {
            final int site = sites[i];
            final int region = siteRegions[site];
            // a site with a region set took an element's contribution, so its partial is never empty
            merge(Topology.MISSING == region ? Topology.ROOT : region, Topology.MISSING != region,
                dirty[site] ? partials : accumulators, site * BucketCells.LONGS);
        }
        for (int i = 0; i < directCount; i++)
        {
            final int region = directRegions[i];
            merge(Topology.MISSING == region ? Topology.ROOT : region, Topology.MISSING != region, directCells[i],
                directOffsets[i]);
        }
    }

    private void merge(final int node, final boolean region, final long[] cells, final int at)
    {
        ensureCapacity(node + 1);
        final int into = node * BucketCells.LONGS;
        if (!touched[node])
        {
            touched[node] = true;
            regions[node] = region;
            if (touchedCount == touchedNodes.length)
            {
                touchedNodes = Arrays.copyOf(touchedNodes, touchedCount * 2);
            }
            touchedNodes[touchedCount++] = node;
            System.arraycopy(cells, at, accumulators, into, BucketCells.LONGS);
            return;
        }
        BucketCells.merge(accumulators, into, cells, at);
    }

    int touchedCount()
    {
        return touchedCount;
    }

    int touchedNode(final int i)
    {
        return touchedNodes[i];
    }

    boolean isRegion(final int node)
    {
        return regions[node];
    }

    long[] accumulators()
    {
        return accumulators;
    }
}
