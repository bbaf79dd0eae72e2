/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.generator;

import java.util.Locale;

/**
 * The faults the generator injects and labels.
 */
public enum FaultKind
{
    /** One element's latency or error rate climbs and stays up: a failing card, a bad link. */
    DEGRADATION,

    /** One element is overloaded: traffic and load up, latency and loss up, calls blocked. */
    CONGESTION,

    /** One element goes down: it reports nothing and carries nothing. */
    OUTAGE,

    /** One element's reports stop arriving while it works: a collector or link to it is down. */
    DATA_GAP,

    /** A whole region's traffic surges at once: a stadium, a holiday, an emergency. */
    MASS_EVENT;

    /**
     * The name in labels: lower snake case.
     *
     * @return e.g. {@code mass_event}.
     */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
