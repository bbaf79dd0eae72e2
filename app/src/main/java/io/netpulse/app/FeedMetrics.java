/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.codec.RejectReason;
import io.netpulse.engine.Engine;
import io.netpulse.engine.deadletter.DeadLetterWriter;
import io.netpulse.engine.feed.tcp.FeedCloseReason;
import io.netpulse.engine.feed.tcp.FeedServer;
import io.netpulse.engine.ring.EventPublisher;
import io.netpulse.engine.topology.DuplicateFilter;

/**
 * The feed and bad-input metrics in the Prometheus text format, for {@code /metrics}: per source, inputs
 * refused by reason (and duplicates); the feed port's connections, closes by reason,
 * bytes, acknowledgements and backpressure; dead letters written and dropped.
 */
public final class FeedMetrics
{
    private FeedMetrics()
    {
    }

    /**
     * Appends the metrics.
     *
     * @param out        to append to.
     * @param engine     the engine (its publishers are the sources).
     * @param feedServer the feed port, or null when there is none.
     * @return the builder.
     */
    public static StringBuilder append(final StringBuilder out, final Engine engine, final FeedServer feedServer)
    {
        // events accepted per source are netpulse_events_accepted_total{source}, from the engine metrics
        header(out, "netpulse_source_rejected_total", "Inputs refused at the edge, by source and reason", "counter");
        for (final EventPublisher publisher : engine.publishers())
        {
            for (final RejectReason reason : RejectReason.values())
            {
                final long count = publisher.rejected(reason);
                if (count > 0)
                {
                    sample(out, "netpulse_source_rejected_total", "source", publisher.sourceName(), "reason",
                        reason.label(), count);
                }
            }
        }
        final DuplicateFilter duplicates = engine.router().duplicateFilter();
        if (null != duplicates)
        {
            header(out, "netpulse_source_duplicates_rejected_total", "CDRs re-sent within the duplicate horizon, " +
                "by source", "counter");
            for (final EventPublisher publisher : engine.publishers())
            {
                final long count = duplicates.duplicates(publisher.sourceId());
                if (count > 0)
                {
                    sample(out, "netpulse_source_duplicates_rejected_total", "source", publisher.sourceName(), null,
                        null, count);
                }
            }
        }
        final DeadLetterWriter deadLetters = engine.deadLetters();
        if (null != deadLetters)
        {
            header(out, "netpulse_dead_letters_written_total", "Refused inputs kept in the dead-letter journal",
                "counter");
            sample(out, "netpulse_dead_letters_written_total", null, null, null, null, deadLetters.written());
            header(out, "netpulse_dead_letters_dropped_total", "Refused inputs counted but not kept (journal behind)",
                "counter");
            sample(out, "netpulse_dead_letters_dropped_total", null, null, null, null,
                deadLetters.dropped() + deadLetters.failed());
        }
        if (null != feedServer)
        {
            header(out, "netpulse_feed_connections_open", "Feed connections open", "gauge");
            sample(out, "netpulse_feed_connections_open", null, null, null, null, feedServer.openConnections());
            header(out, "netpulse_feed_connections_accepted_total", "Feed connections accepted", "counter");
            sample(out, "netpulse_feed_connections_accepted_total", null, null, null, null,
                feedServer.connectionsAccepted());
            header(out, "netpulse_feed_connections_closed_total", "Feed connections closed or refused, by reason",
                "counter");
            for (final FeedCloseReason reason : FeedCloseReason.values())
            {
                sample(out, "netpulse_feed_connections_closed_total", "reason", reason.label(), null, null,
                    feedServer.closed(reason));
            }
            header(out, "netpulse_feed_bytes_received_total", "Bytes received on the feed port", "counter");
            sample(out, "netpulse_feed_bytes_received_total", null, null, null, null, feedServer.bytesReceived());
            header(out, "netpulse_feed_acks_sent_total", "Journaled acknowledgements sent", "counter");
            sample(out, "netpulse_feed_acks_sent_total", null, null, null, null, feedServer.acksSent());
            header(out, "netpulse_feed_backpressure_pauses_total", "Times the feed port stopped reading: ring full",
                "counter");
            sample(out, "netpulse_feed_backpressure_pauses_total", null, null, null, null,
                feedServer.backpressurePauses());
        }
        return out;
    }

    private static void header(final StringBuilder out, final String name, final String help, final String type)
    {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(
        final StringBuilder out,
        final String name,
        final String label,
        final String value,
        final String label2,
        final String value2,
        final long count)
    {
        out.append(name);
        if (null != label)
        {
            out.append('{').append(label).append("=\"");
            escape(out, value);
            out.append('"');
            if (null != label2)
            {
                out.append(',').append(label2).append("=\"");
                escape(out, value2);
                out.append('"');
            }
            out.append('}');
        }
        out.append(' ').append(count).append('\n');
    }

    private static void escape(final StringBuilder out, final String value)
    {
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '\\' || c == '"')
            {
                out.append('\\').append(c);
            }
            else if (c == '\n')
            {
                out.append("\\n");
            }
            else
            {
                out.append(c);
            }
        }
    }
}
