/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.codec.sbe.AlertKind;
import io.netpulse.engine.generator.Fault;
import io.netpulse.engine.generator.FaultKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * Matches the alerts a run raised to the faults the generator labelled, and scores the detection. The rules:
 * <ul>
 * <li>Only RAISE actions count, of the anomaly-type kinds: {@code anomaly}, {@code data_gap} and
 * {@code mass_event}. Other kinds (SLA, unknown element, late data) are not detections and are left out.</li>
 * <li>An alert's time is its event time (when it was raised). It can match a fault when it falls within
 * {@code [start - slack, end + slack]} of the fault (end as labelled, exclusive in the label).</li>
 * <li>An {@code anomaly} alert on an element, any metric, matches every fault of that element (degradation,
 * congestion, outage, data gap): something really was wrong there.</li>
 * <li>A {@code data_gap} alert on an element matches its outage and data-gap faults only.</li>
 * <li>A {@code mass_event} alert matches the mass event of the region it names.</li>
 * <li>An {@code anomaly} alert on an element of a region during that region's mass event is matched (it is not
 * false: the element's traffic did surge) but does not detect the mass event: only a region-level
 * {@code mass_event} alert does. Such alerts are counted apart ({@link Result#massEventElementAlerts}), as the
 * flood a mass event should replace.</li>
 * <li>An alert that matches no fault is a false alarm.</li>
 * </ul>
 * From these: a fault is detected when an alert that detects it matched it, and its delay is the event time from
 * its start to the first such alert (0 when that alert came within the slack before the start).
 * <ul>
 * <li>Overall: precision = matched alerts / alerts; recall = detected faults / faults; F1 their harmonic mean;
 * median and p95 delay over the detected faults (nearest rank).</li>
 * <li>Per fault kind: recall and delays over the faults of the kind; precision = the alerts attributed to the
 * kind (matched alerts, each to the earliest-starting fault it matched) / those plus the false alarms of the
 * alert kinds meant to detect it (anomaly for degradation and congestion, data_gap for outage and data gap,
 * mass_event for the mass event).</li>
 * <li>False alarms per element per day: the false element alarms (anomaly and data_gap) divided by the
 * fault-free element-days: each element's share of the run outside its faults' slack-widened windows and its
 * region's mass event.</li>
 * </ul>
 * Undefined figures are NaN: precision with no alerts, delays with nothing detected; F1 is 0 when recall or
 * precision is.
 */
final class FaultMatcher
{
    static final long DAY_MS = 86_400_000L;

    private static final FaultKind[] FAULT_KINDS = FaultKind.values();
    private static final int NO_MATCH = 0;
    private static final int DETECTS = 1;
    private static final int ATTACHED = 2;

    private FaultMatcher()
    {
    }

    /**
     * A raised alert, as the matcher needs it.
     *
     * @param kind     of alert.
     * @param scopeId  the element, or the region of a mass event.
     * @param metricId the metric, or -1.
     * @param timeMs   event time at which it was raised.
     */
    record RaisedAlert(AlertKind kind, long scopeId, int metricId, long timeMs)
    {
        boolean counted()
        {
            return kind == AlertKind.ANOMALY || kind == AlertKind.DATA_GAP || kind == AlertKind.MASS_EVENT;
        }
    }

    /**
     * Detection figures for a set of faults.
     *
     * @param faults          faults.
     * @param detected        faults detected.
     * @param alerts          alerts counted against them.
     * @param matchedAlerts   of which matched a fault.
     * @param precision       matched / alerts.
     * @param recall          detected / faults.
     * @param f1              harmonic mean of the two.
     * @param medianDelayMs   median detection delay.
     * @param p95DelayMs      95th percentile detection delay.
     */
    record Score(long faults, long detected, long alerts, long matchedAlerts, double precision, double recall,
        double f1, double medianDelayMs, double p95DelayMs)
    {
        void json(final JsonWriter json)
        {
            json.beginObject()
                .field("precision", precision)
                .field("recall", recall)
                .field("f1", f1)
                .field("medianDelayMs", medianDelayMs)
                .field("p95DelayMs", p95DelayMs)
                .field("faults", faults)
                .field("detected", detected)
                .field("alerts", alerts)
                .field("matchedAlerts", matchedAlerts)
                .endObject();
        }
    }

    /**
     * The outcome of matching.
     *
     * @param overall                 over all faults and alerts.
     * @param byKind                  per fault kind, for the kinds present.
     * @param faults                  faults labelled.
     * @param alerts                  alerts counted.
     * @param falseAlerts             alerts matching no fault.
     * @param falseElementAlarms      of which element alarms (anomaly, data_gap).
     * @param faultFreeElementDays    the element-days outside any fault.
     * @param falseAlarmsPerElementDay false element alarms per fault-free element-day.
     * @param massEventElementAlerts  element anomaly alerts matched to a mass event.
     * @param alertsByKind            counted alerts by alert kind.
     */
    record Result(Score overall, Map<FaultKind, Score> byKind, long faults, long alerts, long falseAlerts,
        long falseElementAlarms, double faultFreeElementDays, double falseAlarmsPerElementDay,
        long massEventElementAlerts, Map<AlertKind, Long> alertsByKind)
    {
    }

    /**
     * Matches alerts to faults.
     *
     * @param faults     the labelled faults.
     * @param alerts     the alerts raised (kinds not counted and are left out here).
     * @param elementIds every element of the run.
     * @param regionOf   the region id of an element id.
     * @param startMs    event time the run starts.
     * @param endMs      event time the run ends.
     * @param slackMs    how far outside a fault an alert may fall and still match it.
     * @return the figures.
     */
    static Result match(
        final List<Fault> faults,
        final List<RaisedAlert> alerts,
        final long[] elementIds,
        final LongUnaryOperator regionOf,
        final long startMs,
        final long endMs,
        final long slackMs)
    {
        final int faultCount = faults.size();
        final long[] firstDetectionMs = new long[faultCount];
        Arrays.fill(firstDetectionMs, Long.MAX_VALUE);
        final long[] attributedByKind = new long[FAULT_KINDS.length];
        final long[] falseByKind = new long[FAULT_KINDS.length];
        final Map<AlertKind, Long> alertsByKind = new EnumMap<>(AlertKind.class);
        alertsByKind.put(AlertKind.ANOMALY, 0L);
        alertsByKind.put(AlertKind.DATA_GAP, 0L);
        alertsByKind.put(AlertKind.MASS_EVENT, 0L);
        long counted = 0;
        long matched = 0;
        long falseElementAlarms = 0;
        long massEventElementAlerts = 0;

        for (final RaisedAlert alert : alerts)
        {
            if (!alert.counted())
            {
                continue;
            }
            counted++;
            alertsByKind.merge(alert.kind(), 1L, Long::sum);
            int attributed = -1;
            boolean onMassEvent = false;
            for (int f = 0; f < faultCount; f++)
            {
                final Fault fault = faults.get(f);
                if (alert.timeMs() < fault.startTimeMs() - slackMs || alert.timeMs() > fault.endTimeMs() + slackMs)
                {
                    continue;
                }
                final int how = matches(alert, fault, regionOf);
                if (how == NO_MATCH)
                {
                    continue;
                }
                if (how == DETECTS)
                {
                    firstDetectionMs[f] = Math.min(firstDetectionMs[f], alert.timeMs());
                }
                else
                {
                    onMassEvent = true;
                }
                if (attributed < 0 || fault.startTimeMs() < faults.get(attributed).startTimeMs())
                {
                    attributed = f;
                }
            }
            if (attributed >= 0)
            {
                matched++;
                attributedByKind[faults.get(attributed).kind().ordinal()]++;
                if (onMassEvent && alert.kind() == AlertKind.ANOMALY)
                {
                    massEventElementAlerts++;
                }
            }
            else
            {
                if (alert.kind() != AlertKind.MASS_EVENT)
                {
                    falseElementAlarms++;
                }
                for (final FaultKind kind : FAULT_KINDS)
                {
                    if (meantToDetect(alert.kind(), kind))
                    {
                        falseByKind[kind.ordinal()]++;
                    }
                }
            }
        }

        final Map<FaultKind, Score> byKind = new EnumMap<>(FaultKind.class);
        for (final FaultKind kind : FAULT_KINDS)
        {
            final List<Long> delays = new ArrayList<>();
            long kindFaults = 0;
            for (int f = 0; f < faultCount; f++)
            {
                if (faults.get(f).kind() == kind)
                {
                    kindFaults++;
                    addDelay(delays, faults.get(f), firstDetectionMs[f]);
                }
            }
            if (kindFaults > 0)
            {
                final long tp = attributedByKind[kind.ordinal()];
                byKind.put(kind, score(kindFaults, delays, tp + falseByKind[kind.ordinal()], tp));
            }
        }
        final List<Long> delays = new ArrayList<>();
        for (int f = 0; f < faultCount; f++)
        {
            addDelay(delays, faults.get(f), firstDetectionMs[f]);
        }
        final Score overall = score(faultCount, delays, counted, matched);

        final double freeDays = faultFreeElementDays(faults, elementIds, regionOf, startMs, endMs, slackMs);
        return new Result(overall, byKind, faultCount, counted, counted - matched, falseElementAlarms, freeDays,
            freeDays > 0 ? falseElementAlarms / freeDays : Double.NaN, massEventElementAlerts, alertsByKind);
    }

    private static int matches(final RaisedAlert alert, final Fault fault, final LongUnaryOperator regionOf)
    {
        final boolean massEvent = fault.kind() == FaultKind.MASS_EVENT;
        switch (alert.kind())
        {
            case ANOMALY:
                if (massEvent)
                {
                    return regionOf.applyAsLong(alert.scopeId()) == fault.scopeId() ? ATTACHED : NO_MATCH;
                }
                return alert.scopeId() == fault.scopeId() ? DETECTS : NO_MATCH;
            case DATA_GAP:
                return (fault.kind() == FaultKind.OUTAGE || fault.kind() == FaultKind.DATA_GAP) &&
                    alert.scopeId() == fault.scopeId() ? DETECTS : NO_MATCH;
            default:
                return massEvent && alert.scopeId() == fault.scopeId() ? DETECTS : NO_MATCH;
        }
    }

    /**
     * Whether an alert kind is the one meant to detect a fault kind, for the false alarms charged to the kind.
     *
     * @param alert kind of alert.
     * @param fault kind of fault.
     * @return true when a false alert of the kind counts against the fault kind's precision.
     */
    static boolean meantToDetect(final AlertKind alert, final FaultKind fault)
    {
        switch (fault)
        {
            case DEGRADATION:
            case CONGESTION:
                return alert == AlertKind.ANOMALY;
            case OUTAGE:
            case DATA_GAP:
                return alert == AlertKind.DATA_GAP;
            default:
                return alert == AlertKind.MASS_EVENT;
        }
    }

    private static void addDelay(final List<Long> delays, final Fault fault, final long firstDetectionMs)
    {
        if (firstDetectionMs != Long.MAX_VALUE)
        {
            delays.add(Math.max(0, firstDetectionMs - fault.startTimeMs()));
        }
    }

    private static Score score(final long faults, final List<Long> delays, final long alerts, final long matched)
    {
        final double precision = alerts > 0 ? (double)matched / alerts : Double.NaN;
        final double recall = faults > 0 ? (double)delays.size() / faults : Double.NaN;
        final double f1 = recall == 0 || precision == 0 ? 0 : 2 * precision * recall / (precision + recall);
        final long[] sorted = delays.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Score(faults, delays.size(), alerts, matched, precision, recall, f1, percentile(sorted, 50),
            percentile(sorted, 95));
    }

    /**
     * The nearest-rank percentile of sorted values.
     *
     * @param sorted     ascending.
     * @param percentile in (0, 100].
     * @return the value, or NaN when there are none.
     */
    static double percentile(final long[] sorted, final double percentile)
    {
        if (sorted.length == 0)
        {
            return Double.NaN;
        }
        final int rank = (int)Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /**
     * Element-days outside any fault: for each element, the run's span less the union of its faults' windows
     * widened by the slack and of its region's mass events, clipped to the run.
     */
    static double faultFreeElementDays(
        final List<Fault> faults,
        final long[] elementIds,
        final LongUnaryOperator regionOf,
        final long startMs,
        final long endMs,
        final long slackMs)
    {
        long freeMs = 0;
        final List<long[]> windows = new ArrayList<>();
        for (final long element : elementIds)
        {
            windows.clear();
            final long region = regionOf.applyAsLong(element);
            for (final Fault fault : faults)
            {
                final long scope = fault.kind() == FaultKind.MASS_EVENT ? region : element;
                if (fault.scopeId() == scope)
                {
                    windows.add(new long[]{
                        Math.max(startMs, fault.startTimeMs() - slackMs), Math.min(endMs, fault.endTimeMs() + slackMs)});
                }
            }
            windows.sort((a, b) -> Long.compare(a[0], b[0]));
            long covered = 0;
            long reachedMs = startMs;
            for (final long[] window : windows)
            {
                final long from = Math.max(window[0], reachedMs);
                if (window[1] > from)
                {
                    covered += window[1] - from;
                    reachedMs = window[1];
                }
            }
            freeMs += Math.max(0, endMs - startMs - covered);
        }
        return (double)freeMs / DAY_MS;
    }
}
