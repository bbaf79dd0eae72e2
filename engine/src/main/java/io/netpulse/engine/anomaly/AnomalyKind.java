/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.anomaly;

import java.util.Locale;

/**
 * What an anomaly looks like. The first word of an anomaly alert's detail text, and {@code anomalyKind} in its
 * JSON form.
 */
public enum AnomalyKind
{
    /** A value far above what was expected: raised on the sample itself. */
    SPIKE,

    /** A value far below what was expected: raised on the sample itself. */
    DIP,

    /** Values off in one direction for several samples in a row: a step or a ramp. */
    LEVEL_SHIFT,

    /** Values scattered far to both sides of the expectation for a while: the noise grew. */
    VARIANCE,

    /** The same value repeated for many samples by a series that normally moves: a flat-lined sensor. */
    STUCK,

    /** Many elements of a region off in the same direction at once (the region-level alert). */
    MASS_EVENT;

    private static final AnomalyKind[] VALUES = values();

    private final String label = name().toLowerCase(Locale.ROOT);

    /**
     * The kind as users see it.
     *
     * @return lower snake case, e.g. {@code level_shift}.
     */
    public String label()
    {
        return label;
    }

    /**
     * The kind with an ordinal.
     *
     * @param ordinal the ordinal.
     * @return the kind.
     */
    static AnomalyKind get(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
