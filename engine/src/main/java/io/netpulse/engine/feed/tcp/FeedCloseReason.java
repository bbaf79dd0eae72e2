/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.feed.tcp;

/**
 * Why the feed server closed (or refused) a connection; each is counted.
 */
public enum FeedCloseReason
{
    /** The sender closed its side and everything it sent was acknowledged. */
    CLOSED("closed"),

    /** Nothing arrived for the idle timeout (a silent or vanished peer: half-open connections end here). */
    IDLE_TIMEOUT("idle_timeout"),

    /** Part of a frame was held, with nothing more arriving, for the frame timeout (a slow or stalled sender). */
    STALLED_FRAME("stalled_frame"),

    /** Acknowledgements could not be written for the ack timeout (a peer that does not read). */
    SLOW_READER("slow_reader"),

    /** More refused bytes than the garbage limit since the last accepted event. */
    GARBAGE("garbage"),

    /** Refused on arrival: the connection limit was reached. */
    CONNECTION_LIMIT("connection_limit"),

    /** The connection failed (reset, broken pipe). */
    IO_ERROR("io_error"),

    /** The server (or the engine) is shutting down. */
    SHUTDOWN("shutdown");

    private final String label;

    FeedCloseReason(final String label)
    {
        this.label = label;
    }

    /**
     * snake_case name for metrics and logs.
     *
     * @return the label.
     */
    public String label()
    {
        return label;
    }
}
