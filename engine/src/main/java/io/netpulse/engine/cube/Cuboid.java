/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The aggregation levels the cube keeps, each over every metric and time bucket, from finest to coarsest. A
 * query is answered from the coarsest one that keeps every dimension it groups or filters by, so most queries
 * scan a few thousand cells rather than every element's.
 * <p>
 * Cell keys are packed longs; node indices are stored plus one so that "no site" or "no region" is 0:
 * <pre>
 *   ELEMENT:  placement (32 bits)                                              | service (3 bits)
 *   SITE:     site + 1 (28 bits)   | region + 1 (28 bits)                      | service (3 bits)
 *   REGION:   region + 1 (28 bits) | equipment class (12 bits) | vendor (12)   | service (3 bits)
 * </pre>
 * A placement is one element at one position (site, region, class, vendor): an element that moves gets a new
 * placement, so history stays where it happened.
 */
public enum Cuboid
{
    /** Per element (through its placement) and service: answers every query. */
    ELEMENT(EnumSet.allOf(Dimension.class)),

    /** Per site and service. */
    SITE(EnumSet.of(Dimension.TIME, Dimension.METRIC, Dimension.REGION, Dimension.SITE, Dimension.SERVICE)),

    /** Per region, equipment class, vendor and service. */
    REGION(EnumSet.of(Dimension.TIME, Dimension.METRIC, Dimension.REGION, Dimension.EQUIPMENT_CLASS,
        Dimension.VENDOR, Dimension.SERVICE));

    /** Service value for events that carry none. */
    static final int NO_SERVICE = 7;

    /** Largest node index a key can hold. */
    static final int MAX_NODE_INDEX = (1 << 28) - 2;

    /** Largest class or vendor index a key can hold. */
    static final int MAX_ATTRIBUTE_INDEX = (1 << 12) - 1;

    private static final Cuboid[] VALUES = values();
    private static final long NODE_MASK = (1L << 28) - 1;
    private static final long ATTRIBUTE_MASK = (1L << 12) - 1;

    private final Set<Dimension> dimensions;

    Cuboid(final Set<Dimension> dimensions)
    {
        this.dimensions = dimensions;
    }

    /**
     * The dimensions it keeps.
     *
     * @return the set.
     */
    public Set<Dimension> dimensions()
    {
        return dimensions;
    }

    /**
     * Name in results and metrics.
     *
     * @return e.g. {@code site}.
     */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The coarsest cuboid keeping all the given dimensions.
     *
     * @param needed dimensions a query groups or filters by.
     * @return the cuboid.
     */
    public static Cuboid coarsestFor(final Set<Dimension> needed)
    {
        for (int i = VALUES.length - 1; i >= 0; i--)
        {
            if (VALUES[i].dimensions.containsAll(needed))
            {
                return VALUES[i];
            }
        }
        return ELEMENT;
    }

    static long elementKey(final int placement, final int service)
    {
        return ((long)placement << 3) | service;
    }

    static long siteKey(final int site, final int region, final int service)
    {
        return ((long)(site + 1) << 31) | ((long)(region + 1) << 3) | service;
    }

    static long regionKey(final int region, final int equipmentClass, final int vendor, final int service)
    {
        return ((long)(region + 1) << 27) | ((long)equipmentClass << 15) | ((long)vendor << 3) | service;
    }

    static int service(final long key)
    {
        return (int)(key & 7);
    }

    static int placement(final long elementKey)
    {
        return (int)(elementKey >>> 3);
    }

    static int siteOfSiteKey(final long key)
    {
        return (int)((key >>> 31) & NODE_MASK) - 1;
    }

    static int regionOfSiteKey(final long key)
    {
        return (int)((key >>> 3) & NODE_MASK) - 1;
    }

    static int regionOfRegionKey(final long key)
    {
        return (int)((key >>> 27) & NODE_MASK) - 1;
    }

    static int classOfRegionKey(final long key)
    {
        return (int)((key >>> 15) & ATTRIBUTE_MASK);
    }

    static int vendorOfRegionKey(final long key)
    {
        return (int)((key >>> 3) & ATTRIBUTE_MASK);
    }

    static int count()
    {
        return VALUES.length;
    }

    static Cuboid get(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
