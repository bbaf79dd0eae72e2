/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.status;

/**
 * The engine's counters, with stable ids and the names they carry in metrics. Each names its writer: most have
 * exactly one (a stage thread), which increments with a release store; the few with many writers use atomic
 * increments.
 */
public enum SystemCounter
{
    /** Frames written to the input journal. Writer: the journaler. */
    EVENTS_JOURNALED(0, "events_journaled", "Events appended to the input journal"),

    /** Bytes written to the input journal. Writer: the journaler. */
    JOURNAL_BYTES(1, "journal_bytes", "Bytes appended to the input journal"),

    /** Data events routed to a known element. Writer: the router. */
    EVENTS_ROUTED(2, "events_routed", "Data events routed to a known element"),

    /** Data events for elements the topology does not know. Writer: the router. */
    EVENTS_UNKNOWN_ELEMENT(3, "events_unknown_element", "Data events for unknown elements"),

    /** Control events applied (topology, rules, window specs). Writer: the router. */
    CONTROL_EVENTS(4, "control_events", "Control events applied"),

    /** Events rejected at the edge, every reason together. Writers: the publishers. */
    EVENTS_REJECTED(5, "events_rejected", "Events rejected at the edge"),

    /** Exceptions thrown by stages, each skipping one event in one stage. Writers: every stage thread. */
    STAGE_ERRORS(6, "stage_errors", "Exceptions thrown by stages"),

    /** Alerts delivered to sinks. Writer: the alert processor. */
    ALERTS(7, "alerts", "Alerts delivered"),

    /** Data events behind the watermark (past the allowed lateness). Writer: the router. */
    EVENTS_LATE(8, "events_late", "Events past the allowed lateness, journaled but not applied"),

    /** Elements auto-registered on first sight. Writer: the router. */
    ELEMENTS_AUTO_REGISTERED(9, "elements_auto_registered", "Elements registered on first sight"),

    /** Alerts a sink failed to deliver. Writer: the alert processor. */
    ALERT_SINK_ERRORS(10, "alert_sink_errors", "Alert deliveries a sink failed");

    private static final SystemCounter[] BY_ID = new SystemCounter[values().length];

    static
    {
        for (final SystemCounter counter : values())
        {
            if (null != BY_ID[counter.id])
            {
                throw new IllegalStateException("duplicate counter id " + counter.id);
            }
            BY_ID[counter.id] = counter;
        }
    }

    private final int id;
    private final String label;
    private final String description;

    SystemCounter(final int id, final String label, final String description)
    {
        this.id = id;
        this.label = label;
        this.description = description;
    }

    /**
     * Stable id.
     *
     * @return the id.
     */
    public int id()
    {
        return id;
    }

    /**
     * snake_case name for metrics.
     *
     * @return the label.
     */
    public String label()
    {
        return label;
    }

    /**
     * One line a person can read.
     *
     * @return the description.
     */
    public String description()
    {
        return description;
    }

    /**
     * The counter with a given id.
     *
     * @param id of the counter.
     * @return the counter.
     */
    public static SystemCounter get(final int id)
    {
        return BY_ID[id];
    }
}
