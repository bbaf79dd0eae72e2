/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.generator;

import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.engine.topology.TopologyFile;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The network the generator simulates: regions of sites of elements, with equipment classes and vendors.
 * About 40 elements a site and 1,250 a region; at least two regions once there are four elements, so region
 * sharding has something to shard. Global ids: regions from 101, sites from 10001, elements from 1000001.
 */
public final class SyntheticNetwork
{
    /** First region id. */
    public static final long REGION_ID_BASE = 100;

    /** First site id. */
    public static final long SITE_ID_BASE = 10_000;

    /** First element id. */
    public static final long ELEMENT_ID_BASE = 1_000_000;

    private static final String[] CLASSES = {"gnodeb", "enodeb", "router", "switch", "olt", "sbc"};
    private static final double[] CLASS_SHARES = {0.40, 0.35, 0.10, 0.08, 0.05, 0.02};
    private static final String[][] VENDORS = {
        {"ericsson", "nokia", "samsung", "huawei"},
        {"ericsson", "nokia", "huawei"},
        {"cisco", "juniper", "nokia"},
        {"cisco", "arista", "juniper"},
        {"nokia", "huawei", "calix"},
        {"ribbon", "oracle"},
    };

    private final int elements;
    private final int regions;
    private final int sites;
    private final int elementsPerSite;
    private final int[] elementClass;
    private final int[] elementVendor;
    private final long intervalMs;

    /**
     * Lays out a network.
     *
     * @param elements   number of elements.
     * @param seed       for classes and vendors.
     * @param intervalMs every element's expected reporting interval.
     */
    public SyntheticNetwork(final int elements, final long seed, final long intervalMs)
    {
        this.elements = elements;
        this.intervalMs = intervalMs;
        this.regions = elements < 4 ? 1 : (int)Math.max(2, Math.min(64, Math.round(elements / 1250.0)));
        this.sites = Math.max(regions, (int)Math.ceil(elements / 40.0));
        this.elementsPerSite = (int)Math.ceil((double)elements / sites);
        this.elementClass = new int[elements];
        this.elementVendor = new int[elements];

        final SplittableRandom random = new SplittableRandom(seed ^ 0x5EED_70B0L);
        for (int e = 0; e < elements; e++)
        {
            final int cls = pick(random.nextDouble());
            elementClass[e] = cls;
            elementVendor[e] = random.nextInt(VENDORS[cls].length);
        }
    }

    private static int pick(final double u)
    {
        double cumulative = 0;
        for (int i = 0; i < CLASS_SHARES.length; i++)
        {
            cumulative += CLASS_SHARES[i];
            if (u < cumulative)
            {
                return i;
            }
        }
        return CLASS_SHARES.length - 1;
    }

    /**
     * Elements in the network.
     *
     * @return the count.
     */
    public int elements()
    {
        return elements;
    }

    /**
     * Regions in the network.
     *
     * @return the count.
     */
    public int regions()
    {
        return regions;
    }

    /**
     * Sites in the network.
     *
     * @return the count.
     */
    public int sites()
    {
        return sites;
    }

    /**
     * Site (0-based) of an element.
     *
     * @param element 0-based element number.
     * @return its site number.
     */
    public int siteOf(final int element)
    {
        return Math.min(element / elementsPerSite, sites - 1);
    }

    /**
     * Region (0-based) of a site.
     *
     * @param site 0-based site number.
     * @return its region number.
     */
    public int regionOfSite(final int site)
    {
        return (int)((long)site * regions / sites);
    }

    /**
     * Region (0-based) of an element.
     *
     * @param element 0-based element number.
     * @return its region number.
     */
    public int regionOf(final int element)
    {
        return regionOfSite(siteOf(element));
    }

    /**
     * Global id of an element.
     *
     * @param element 0-based element number.
     * @return the id.
     */
    public static long elementId(final int element)
    {
        return ELEMENT_ID_BASE + 1 + element;
    }

    /**
     * Global id of a site.
     *
     * @param site 0-based site number.
     * @return the id.
     */
    public static long siteId(final int site)
    {
        return SITE_ID_BASE + 1 + site;
    }

    /**
     * Global id of a region.
     *
     * @param region 0-based region number.
     * @return the id.
     */
    public static long regionId(final int region)
    {
        return REGION_ID_BASE + 1 + region;
    }

    /**
     * Equipment class of an element.
     *
     * @param element 0-based element number.
     * @return the class name.
     */
    public String equipmentClass(final int element)
    {
        return CLASSES[elementClass[element]];
    }

    /**
     * Whether an element is a radio cell (carries calls).
     *
     * @param element 0-based element number.
     * @return true for gNodeBs and eNodeBs.
     */
    public boolean isRadio(final int element)
    {
        return elementClass[element] <= 1;
    }

    /**
     * Vendor of an element.
     *
     * @param element 0-based element number.
     * @return the vendor name.
     */
    public String vendor(final int element)
    {
        return VENDORS[elementClass[element]][elementVendor[element]];
    }

    /**
     * The hierarchy as topology-file nodes, parents first.
     *
     * @return regions, then sites, then elements.
     */
    public List<TopologyFile.Node> nodes()
    {
        final List<TopologyFile.Node> nodes = new ArrayList<>(regions + sites + elements);
        for (int r = 0; r < regions; r++)
        {
            nodes.add(new TopologyFile.Node(
                regionId(r), 0, NodeLevel.REGION, String.format("region-%02d", r + 1), "", "", 0));
        }
        for (int s = 0; s < sites; s++)
        {
            nodes.add(new TopologyFile.Node(
                siteId(s), regionId(regionOfSite(s)), NodeLevel.SITE, String.format("site-%05d", s + 1), "", "", 0));
        }
        for (int e = 0; e < elements; e++)
        {
            nodes.add(new TopologyFile.Node(
                elementId(e), siteId(siteOf(e)), NodeLevel.ELEMENT, String.format("%s-%07d", equipmentClass(e), e + 1),
                equipmentClass(e), vendor(e), (int)intervalMs));
        }
        return nodes;
    }
}
