/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

import java.util.Arrays;

/**
 * One cube updater's placements: an element at one position in the hierarchy (site, region, equipment class,
 * vendor). Element-level cells are keyed by placement, so when an element moves its new events go to a new
 * placement and its history stays where it happened. Append-only: the writer adds entries past the published
 * count, readers read below it, and a grown array is a new array, so published {@link View}s never change.
 */
final class Placements
{
    private static final int MISSING = -1;

    private int count;
    private int[] elements = new int[1024];
    private long[] elementIds = new long[1024];
    private int[] sites = new int[1024];
    private int[] regions = new int[1024];
    private int[] classes = new int[1024];
    private int[] vendors = new int[1024];
    private int[] currentByElement = new int[1024];
    private View view = new View(0, elements, elementIds, sites, regions, classes, vendors);

    Placements()
    {
        Arrays.fill(currentByElement, MISSING);
    }

    /**
     * The placement of an element at its position now, created on first sight or after a move.
     *
     * @param element        dense element index.
     * @param elementId      global element id.
     * @param site           site index, or -1.
     * @param region         region index, or -1.
     * @param equipmentClass class index.
     * @param vendor         vendor index.
     * @return the placement.
     */
    int placementOf(
        final int element,
        final long elementId,
        final int site,
        final int region,
        final int equipmentClass,
        final int vendor)
    {
        if (element < currentByElement.length)
        {
            final int current = currentByElement[element];
            if (MISSING != current && sites[current] == site && regions[current] == region &&
                classes[current] == equipmentClass && vendors[current] == vendor)
            {
                return current;
            }
        }
        return add(element, elementId, site, region, equipmentClass, vendor);
    }

    private int add(
        final int element,
        final long elementId,
        final int site,
        final int region,
        final int equipmentClass,
        final int vendor)
    {
        if (element >= currentByElement.length)
        {
            final int length = Math.max(element + 1, currentByElement.length * 2);
            final int old = currentByElement.length;
            currentByElement = Arrays.copyOf(currentByElement, length);
            Arrays.fill(currentByElement, old, length, MISSING);
        }
        if (count == elements.length)
        {
            final int length = count * 2;
            elements = Arrays.copyOf(elements, length);
            elementIds = Arrays.copyOf(elementIds, length);
            sites = Arrays.copyOf(sites, length);
            regions = Arrays.copyOf(regions, length);
            classes = Arrays.copyOf(classes, length);
            vendors = Arrays.copyOf(vendors, length);
        }
        final int placement = count;
        elements[placement] = element;
        elementIds[placement] = elementId;
        sites[placement] = site;
        regions[placement] = region;
        classes[placement] = equipmentClass;
        vendors[placement] = vendor;
        currentByElement[element] = placement;
        count = placement + 1;
        view = null;
        return placement;
    }

    /**
     * Placements so far.
     *
     * @return the count.
     */
    int count()
    {
        return count;
    }

    /**
     * Placements as they are now, for readers.
     *
     * @return an immutable view.
     */
    View view()
    {
        if (null == view)
        {
            view = new View(count, elements, elementIds, sites, regions, classes, vendors);
        }
        return view;
    }

    /**
     * The placements up to a count; entries below it never change.
     */
    static final class View
    {
        final int count;
        final int[] elements;
        final long[] elementIds;
        final int[] sites;
        final int[] regions;
        final int[] classes;
        final int[] vendors;

        View(
            final int count,
            final int[] elements,
            final long[] elementIds,
            final int[] sites,
            final int[] regions,
            final int[] classes,
            final int[] vendors)
        {
            this.count = count;
            this.elements = elements;
            this.elementIds = elementIds;
            this.sites = sites;
            this.regions = regions;
            this.classes = classes;
            this.vendors = vendors;
        }
    }
}
