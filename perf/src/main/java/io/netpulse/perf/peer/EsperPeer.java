/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.peer;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompileException;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPUndeployException;
import io.netpulse.codec.EventValidator;
import io.netpulse.codec.FrameDecoder;
import io.netpulse.codec.FrameHandler;
import io.netpulse.codec.FrameScanner;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.NodeLevel;
import io.netpulse.codec.sbe.TopologyUpdateDecoder;
import io.netpulse.engine.ring.EventDecoding;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.journal.InputJournalWriter;
import io.netpulse.perf.bench.Corpus;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The peer: Esper 9 computing {@link PeerWorkload} from the same corpus. A feed handler written for it, as an
 * Esper user would write one, checks each frame exactly as netpulse's edge does (framing, CRC32C, schema, field
 * ranges), decodes it, enriches call records with their region from the topology (Esper has no topology of its
 * own), drives Esper's clock from event time and sends KPI samples and call records as Java beans. Everything
 * runs on the calling thread, Esper's default. Given a journal directory, the feed handler also journals every
 * accepted frame through netpulse's own {@link InputJournalWriter} (an excerpt per 64 KiB chunk read), so that
 * both sides are equally durable; without one, the peer does less than netpulse.
 * <p>
 * The EPL is in {@link #EPL}; rows reach {@link PeerResults} through subscribers, Esper's fastest delivery.
 */
public final class EsperPeer
{
    /** Name and version reported for the peer. */
    public static final String NAME = "Esper 9.0.0";

    /**
     * The statements: a context that restarts every minute of Esper's (event-time) clock, the windows and the
     * region/service cube aggregated in it without a data window and output as a snapshot when it ends, and a
     * table updated by {@code on ... merge} for the EWMA state, which inserts a flag into a stream.
     */
    public static final String EPL =
        "create context PerMinute start @now end after 1 minute;\n" +
        "@name('windows') context PerMinute select elementId, metricId, count(*) as cnt, sum(value) as total, " +
        "min(value) as low, max(value) as high from Kpi group by elementId, metricId " +
        "output snapshot when terminated;\n" +
        ewmaStatements() +
        "@name('cube') context PerMinute select region, serviceType, count(*) as calls, " +
        "sum(unanswered) as unansweredCalls, sum(setupMs) as setupTotal from Cdr group by region, serviceType " +
        "output snapshot when terminated;\n";

    /**
     * The textbook formulation with {@code #time_batch(1 min, 0L)} data windows: the same results, but Esper
     * keeps every event of the minute and maintains min/max under removal, so it runs about a quarter slower;
     * kept to show the comparison uses the faster of the two.
     */
    public static final String EPL_TIME_BATCH =
        "@name('windows') select elementId, metricId, count(*) as cnt, sum(value) as total, min(value) as low, " +
        "max(value) as high from Kpi#time_batch(1 min, 0L) group by elementId, metricId having count(*) > 0;\n" +
        ewmaStatements() +
        "@name('cube') select region, serviceType, count(*) as calls, sum(unanswered) as unansweredCalls, " +
        "sum(setupMs) as setupTotal from Cdr#time_batch(1 min, 0L) group by region, serviceType " +
        "having count(*) > 0;\n";

    private static final AtomicInteger RUNTIMES = new AtomicInteger();

    private final EPCompiled compiled;
    private final Configuration configuration;

    /**
     * Compiles the statements (once; each run deploys them into a fresh runtime).
     */
    public EsperPeer()
    {
        this(EPL);
    }

    /**
     * Compiles other statements with the same names and columns (to try formulations of the workload).
     *
     * @param epl the statements.
     */
    public EsperPeer(final String epl)
    {
        configuration = new Configuration();
        configuration.getCommon().addEventType("Kpi", KpiEvent.class);
        configuration.getCommon().addEventType("Cdr", CdrEvent.class);
        configuration.getRuntime().getThreading().setInternalTimerEnabled(false);
        configuration.getRuntime().getThreading().setListenerDispatchPreserveOrder(false);
        configuration.getRuntime().getThreading().setInsertIntoDispatchPreserveOrder(false);
        // one feeding thread: Esper's statement locks guard nothing here, and its docs suggest turning them off
        configuration.getRuntime().getExecution().setDisableLocking(true);
        configuration.getCompiler().getByteCode().setAllowSubscriber(true);
        try
        {
            compiled = EPCompilerProvider.getCompiler().compile(epl, new CompilerArguments(configuration));
        }
        catch (final EPCompileException ex)
        {
            throw new IllegalStateException("the peer's EPL does not compile: " + ex.getMessage(), ex);
        }
    }

    private static String ewmaStatements()
    {
        return "create schema Anomaly(elementId long, metricId int, value double);\n" +
            "create table Ewma(elementId long primary key, metricId int primary key, ewmaMean double, " +
            "ewmaVar double, samples long);\n" +
            "on Kpi as k merge Ewma as e where e.elementId = k.elementId and e.metricId = k.metricId\n" +
            "  when not matched then insert select k.elementId as elementId, k.metricId as metricId, " +
            "k.value as ewmaMean, 0.0 as ewmaVar, 1L as samples\n" +
            "  when matched and e.samples >= " + PeerWorkload.WARM_UP_SAMPLES + " and e.ewmaVar > 0 and " +
            "Math.abs(k.value - e.ewmaMean) > " + PeerWorkload.Z_THRESHOLD + " * Math.sqrt(e.ewmaVar)\n" +
            "    then insert into Anomaly select k.elementId as elementId, k.metricId as metricId, k.value as value\n" +
            "    then update set " + ewmaUpdate() + "\n" +
            "  when matched then update set " + ewmaUpdate() + ";\n" +
            "@name('anomalies') select elementId, metricId from Anomaly;\n";
    }

    private static String ewmaUpdate()
    {
        // variance first: it reads the mean before this sample moves it, whichever order Esper assigns in
        return "ewmaVar = " + PeerWorkload.EWMA_DECAY + " * (e.ewmaVar + (k.value - e.ewmaMean) * (" +
            PeerWorkload.EWMA_ALPHA + " * (k.value - e.ewmaMean))), ewmaMean = e.ewmaMean + " +
            PeerWorkload.EWMA_ALPHA + " * (k.value - e.ewmaMean), samples = e.samples + 1";
    }

    /**
     * Feeds a corpus through a fresh Esper runtime: the configuration prefix untimed, then the data timed.
     *
     * @param corpus the events.
     * @return the run.
     */
    public Run run(final Corpus corpus)
    {
        return run(corpus, null);
    }

    /**
     * Feeds a corpus through a fresh Esper runtime, journaling every accepted frame when given a directory.
     *
     * @param corpus  the events.
     * @param journal a directory for the input journal (which must not hold one yet), or null for none.
     * @return the run.
     */
    public Run run(final Corpus corpus, final Path journal)
    {
        final String uri = "netpulse-peer-" + RUNTIMES.incrementAndGet();
        final EPRuntime runtime = EPRuntimeProvider.getRuntime(uri, configuration);
        try
        {
            runtime.getEventService().advanceTime(
                PeerWorkload.window(corpus.config().startTimeMs()) * PeerWorkload.WINDOW_MS);
            final EPDeployment deployment = runtime.getDeploymentService().deploy(compiled);
            final PeerResults results = new PeerResults();
            final String id = deployment.getDeploymentId();
            // subscribers, not listeners: Esper delivers rows straight to typed methods, its fastest delivery
            runtime.getDeploymentService().getStatement(id, "windows").setSubscriber(new WindowRows(results));
            runtime.getDeploymentService().getStatement(id, "anomalies").setSubscriber(new AnomalyRows(results));
            runtime.getDeploymentService().getStatement(id, "cube").setSubscriber(new GroupRows(results));

            try (InputJournalWriter writer = null == journal ? null : new InputJournalWriter(journal))
            {
                final Feed feed = new Feed(runtime.getEventService(), writer);
                feed.scan(corpus, 0, corpus.prefixLength());
                final long acceptedBefore = feed.accepted;
                final long startNs = System.nanoTime();
                feed.scan(corpus, corpus.prefixLength(), corpus.length());
                final long elapsedNs = System.nanoTime() - startNs;
                runtime.getDeploymentService().undeploy(id);
                return new Run(feed.accepted - acceptedBefore, elapsedNs, null != writer, results);
            }
        }
        catch (final EPDeployException | EPUndeployException ex)
        {
            throw new IllegalStateException("cannot deploy the peer's statements: " + ex.getMessage(), ex);
        }
        finally
        {
            runtime.destroy();
        }
    }

    /**
     * One run of the peer.
     *
     * @param events    valid data events it accepted.
     * @param elapsedNs from the first data frame to the last processed (and journaled).
     * @param journaled whether the run journaled what it accepted.
     * @param results   what it computed.
     */
    public record Run(long events, long elapsedNs, boolean journaled, PeerResults results)
    {
        /**
         * Valid data events per second.
         *
         * @return the throughput.
         */
        public double eventsPerSecond()
        {
            return events * 1e9 / elapsedNs;
        }
    }

    /**
     * Receives the windows statement's rows.
     */
    public static final class WindowRows
    {
        private final PeerResults results;

        WindowRows(final PeerResults results)
        {
            this.results = results;
        }

        /**
         * One row.
         *
         * @param elementId of the series.
         * @param metricId  of the series.
         * @param count     samples in the window.
         * @param total     their sum.
         * @param low       the smallest.
         * @param high      the largest.
         */
        public void update(
            final long elementId, final int metricId, final long count, final double total, final double low,
            final double high)
        {
            results.windowRow(count, total, low, high);
        }
    }

    /**
     * Receives the anomalies statement's rows.
     */
    public static final class AnomalyRows
    {
        private final PeerResults results;

        AnomalyRows(final PeerResults results)
        {
            this.results = results;
        }

        /**
         * One flagged sample.
         *
         * @param elementId of the series.
         * @param metricId  of the series.
         */
        public void update(final long elementId, final int metricId)
        {
            results.anomaly(elementId, metricId);
        }
    }

    /**
     * Receives the region and service statement's rows.
     */
    public static final class GroupRows
    {
        private final PeerResults results;

        GroupRows(final PeerResults results)
        {
            this.results = results;
        }

        /**
         * One row.
         *
         * @param region      of the calls.
         * @param serviceType of the calls.
         * @param calls       in the window.
         * @param unanswered  calls not answered.
         * @param setupMs     total setup time.
         */
        public void update(
            final long region, final int serviceType, final long calls, final Integer unanswered, final Integer setupMs)
        {
            results.groupRow(calls, unanswered, setupMs);
        }
    }

    /**
     * The feed handler: validates, decodes, enriches and sends; keeps the topology and the clock.
     */
    private static final class Feed implements FrameHandler
    {
        private static final int CHUNK = 64 * 1024;
        private static final int SOURCE_ID = 1;

        private final EPEventService events;
        private final InputJournalWriter journal;
        private final FrameScanner scanner = new FrameScanner(new FrameDecoder());
        private final EventValidator validator = new EventValidator();
        private final EventDecoding decoding = new EventDecoding();
        private final NetworkEvent decoded = new NetworkEvent();
        private final TopologyUpdateDecoder topologyDecoder = new TopologyUpdateDecoder();
        private final Long2LongHashMap parents = new Long2LongHashMap(Long.MIN_VALUE);
        private final Long2LongHashMap levels = new Long2LongHashMap(-1);
        private long clockWindow = Long.MIN_VALUE;
        private long accepted;

        Feed(final EPEventService events, final InputJournalWriter journal)
        {
            this.events = events;
            this.journal = journal;
        }

        void scan(final Corpus corpus, final int from, final int to)
        {
            int position = from;
            while (position < to)
            {
                final int length = Math.min(CHUNK, to - position);
                position += scanner.scan(corpus.buffer(), position, length, position + length == to, this);
                if (null != journal)
                {
                    journal.flush();
                }
            }
        }

        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final FrameDecoder decoder)
        {
            if (null != validator.validate(buffer, offset, decoder))
            {
                return;
            }
            accepted++;
            if (null != journal)
            {
                journal.append(SOURCE_ID, buffer, offset, length);
            }
            final NetworkEvent event = decoded;
            decoding.fill(event, buffer, offset, length, decoder.messageType(), decoder.actingBlockLength(),
                decoder.actingVersion());
            switch (event.type)
            {
                case TOPOLOGY_UPDATE:
                    applyTopology(event);
                    return;

                case KPI_SAMPLE:
                case CALL_DETAIL_RECORD:
                case QOS_MEASUREMENT:
                case FLOW_RECORD:
                    break;

                default:
                    return;
            }

            if (levels.get(event.elementId) != NodeLevel.ELEMENT.value())
            {
                return;
            }
            final long window = PeerWorkload.window(event.eventTimeMs);
            if (window > clockWindow)
            {
                // to the minute's start: every window boundary falls exactly on a minute
                clockWindow = window;
                events.advanceTime(window * PeerWorkload.WINDOW_MS);
            }

            switch (event.type)
            {
                case KPI_SAMPLE:
                    if (event.metricId >= 0 && event.metricId < PeerWorkload.MAX_METRICS)
                    {
                        events.sendEventBean(new KpiEvent(event.elementId, event.metricId, event.value), "Kpi");
                    }
                    break;

                case CALL_DETAIL_RECORD:
                    if (event.serviceType >= 0 && event.serviceType < PeerWorkload.MAX_SERVICES)
                    {
                        events.sendEventBean(new CdrEvent(
                            regionOf(event.elementId), event.serviceType,
                            event.callResult != CallResult.ANSWERED.value() ? 1 : 0, event.setupMs), "Cdr");
                    }
                    break;

                default:
                    break;
            }
        }

        public void onReject(final RejectReason reason, final DirectBuffer buffer, final int offset, final int length)
        {
        }

        private void applyTopology(final NetworkEvent event)
        {
            final TopologyUpdateDecoder update = topologyDecoder.wrap(
                event.frame, io.netpulse.codec.FrameDescriptor.BODY_OFFSET, event.actingBlockLength,
                event.actingVersion);
            parents.put(update.elementId(), update.parentId());
            levels.put(update.elementId(), update.level().value());
        }

        private long regionOf(final long elementId)
        {
            long node = elementId;
            while (levels.get(node) != NodeLevel.REGION.value())
            {
                node = parents.get(node);
                if (node == Long.MIN_VALUE)
                {
                    return -1;
                }
            }
            return node;
        }
    }

    /**
     * A KPI sample as Esper sees it.
     */
    public static final class KpiEvent
    {
        private final long elementId;
        private final int metricId;
        private final double value;

        /**
         * A sample.
         *
         * @param elementId element.
         * @param metricId  metric.
         * @param value     value.
         */
        public KpiEvent(final long elementId, final int metricId, final double value)
        {
            this.elementId = elementId;
            this.metricId = metricId;
            this.value = value;
        }

        /**
         * The element.
         *
         * @return its id.
         */
        public long getElementId()
        {
            return elementId;
        }

        /**
         * The metric.
         *
         * @return its id.
         */
        public int getMetricId()
        {
            return metricId;
        }

        /**
         * The value.
         *
         * @return the value.
         */
        public double getValue()
        {
            return value;
        }
    }

    /**
     * A call detail record as Esper sees it, enriched with its region.
     */
    public static final class CdrEvent
    {
        private final long region;
        private final int serviceType;
        private final int unanswered;
        private final int setupMs;

        /**
         * A record.
         *
         * @param region      id of the element's region.
         * @param serviceType service of the call.
         * @param unanswered  1 if the call was not answered, else 0.
         * @param setupMs     setup delay.
         */
        public CdrEvent(final long region, final int serviceType, final int unanswered, final int setupMs)
        {
            this.region = region;
            this.serviceType = serviceType;
            this.unanswered = unanswered;
            this.setupMs = setupMs;
        }

        /**
         * The region.
         *
         * @return its id.
         */
        public long getRegion()
        {
            return region;
        }

        /**
         * The service.
         *
         * @return the raw service type.
         */
        public int getServiceType()
        {
            return serviceType;
        }

        /**
         * Whether the call went unanswered.
         *
         * @return 1 or 0.
         */
        public int getUnanswered()
        {
            return unanswered;
        }

        /**
         * The setup delay.
         *
         * @return milliseconds.
         */
        public int getSetupMs()
        {
            return setupMs;
        }
    }
}
