/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.codec.FrameDecoder;
import io.netpulse.codec.FrameDescriptor;
import io.netpulse.codec.MessageType;
import io.netpulse.codec.sbe.KpiSampleDecoder;
import io.netpulse.codec.text.CsvEventReader;
import io.netpulse.codec.text.TextEventHandler;
import io.netpulse.codec.text.TextField;
import io.netpulse.codec.text.TextFormatOptions;
import io.netpulse.codec.text.TextRejection;
import io.netpulse.engine.anomaly.ScoreListener;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * {@code netpulse run --format kpi-csv --scores OUT.csv}: what the anomaly detector made of every sample of a
 * KPI CSV. It works in two passes. While the engine runs, it is the engine's {@link ScoreListener} and keeps each
 * scored sample, keyed by (element, metric, event time). Once the engine has drained, {@link #write} reads the
 * input again with the same kpi-csv reader and writes one row per input record, in input order, header first:
 * <pre>
 * timestamp,element,metric,value,expected,score,threshold,anomaly,alert
 * 2024-01-01T00:05:00Z,cell-1,latency_ms,12.5,NaN,0.0,NaN,0,0
 * </pre>
 * <ul>
 * <li>{@code timestamp}: the sample's event time as ISO-8601 UTC (whatever form the input used);
 * {@code element} and {@code metric}: as the input names them; {@code value}: as read.</li>
 * <li>{@code expected}, {@code score}, {@code threshold}: the detector's, as it reported them ({@code NaN}
 * expected and score 0 while the series is cold); {@code anomaly} 1 while an anomaly is active on the series
 * after the sample; {@code alert} 1 only on the sample at which an alarm was raised.</li>
 * <li>A sample the detector did not score (refused by the engine as late, say, or no detector) has the last
 * three numbers empty and 0,0. A record the reader refused keeps its row too, with its fields as written and
 * the rest empty, so row i of the output is always record i of the input.</li>
 * </ul>
 * A sample sent twice is matched to the detector's scores in order. The listener side is single-writer: the
 * engine must run its detector on one thread (fused or pipelined). Memory grows with the samples scored, about
 * 70 bytes each. The scores are read only once the engine's threads have stopped.
 */
final class ScoresFile implements ScoreListener
{
    /** The header row. */
    static final String HEADER = "timestamp,element,metric,value,expected,score,threshold,anomaly,alert";

    private static final long NONE = -1;
    private static final byte ANOMALOUS = 1;
    private static final byte ALERTED = 2;
    private static final byte CONSUMED = 4;

    private final Long2LongHashMap heads = new Long2LongHashMap(NONE);
    private long[] times = new long[1024];
    private long[] elements = new long[1024];
    private int[] metrics = new int[1024];
    private double[] expected = new double[1024];
    private double[] scores = new double[1024];
    private double[] thresholds = new double[1024];
    private byte[] flags = new byte[1024];
    private int[] next = new int[1024];
    private int count;

    /**
     * {@inheritDoc}
     */
    public void onScore(
        final long eventTimeMs,
        final long elementId,
        final int metricId,
        final double value,
        final double expected,
        final double score,
        final double threshold,
        final boolean anomalous,
        final boolean alerted)
    {
        if (count == times.length)
        {
            grow();
        }
        final int index = count++;
        times[index] = eventTimeMs;
        elements[index] = elementId;
        metrics[index] = metricId;
        this.expected[index] = expected;
        scores[index] = score;
        thresholds[index] = threshold;
        flags[index] = (byte)((anomalous ? ANOMALOUS : 0) | (alerted ? ALERTED : 0));
        next[index] = -1;
        final long key = key(eventTimeMs, elementId, metricId);
        final long head = heads.get(key);
        if (head == NONE)
        {
            heads.put(key, index);
        }
        else
        {
            int tail = (int)head;
            while (next[tail] >= 0)
            {
                tail = next[tail];
            }
            next[tail] = index;
        }
    }

    private void grow()
    {
        final int length = times.length * 2;
        times = Arrays.copyOf(times, length);
        elements = Arrays.copyOf(elements, length);
        metrics = Arrays.copyOf(metrics, length);
        expected = Arrays.copyOf(expected, length);
        scores = Arrays.copyOf(scores, length);
        thresholds = Arrays.copyOf(thresholds, length);
        flags = Arrays.copyOf(flags, length);
        next = Arrays.copyOf(next, length);
    }

    /**
     * Samples scored so far.
     *
     * @return the count.
     */
    int scored()
    {
        return count;
    }

    /**
     * The first score of a sample not yet taken, and takes it.
     *
     * @param eventTimeMs the sample's event time.
     * @param elementId   its element.
     * @param metricId    its metric.
     * @return the score's index, or -1 when the detector did not score (another) such sample.
     */
    int take(final long eventTimeMs, final long elementId, final int metricId)
    {
        int index = (int)heads.get(key(eventTimeMs, elementId, metricId));
        while (index >= 0)
        {
            if ((flags[index] & CONSUMED) == 0 && times[index] == eventTimeMs && elements[index] == elementId &&
                metrics[index] == metricId)
            {
                flags[index] |= CONSUMED;
                return index;
            }
            index = next[index];
        }
        return -1;
    }

    private static long key(final long eventTimeMs, final long elementId, final int metricId)
    {
        long h = elementId * 0x9E3779B97F4A7C15L + metricId;
        h = h * 0xC2B2AE3D27D4EB4FL + eventTimeMs;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /**
     * Reads the KPI CSV again and writes the scores file.
     *
     * @param input   the kpi-csv input the engine ran.
     * @param options how it was read (the same zone, delimiter and identities).
     * @param output  the scores file to write.
     * @return rows written, the header not counted.
     */
    long write(final Path input, final TextFormatOptions options, final Path output)
    {
        final RecordOutcome outcome = new RecordOutcome();
        long rows = 0;
        try (CsvEventReader reader = CsvEventReader.kpi(TextInputOptions.reader(TextInputOptions.open(input)), options);
            BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8))
        {
            out.write(HEADER);
            out.write('\n');
            while (outcome.reset() && reader.next(outcome))
            {
                if (outcome.sample)
                {
                    writeSample(out, reader, outcome);
                }
                else
                {
                    writeRefused(out, reader);
                }
                rows++;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + output, ex);
        }
        return rows;
    }

    private void writeSample(final Writer out, final CsvEventReader reader, final RecordOutcome sample)
        throws IOException
    {
        out.write(Instant.ofEpochMilli(sample.eventTimeMs).toString());
        out.write(',');
        writeText(out, reader.value(TextField.ELEMENT));
        out.write(',');
        writeText(out, reader.value(TextField.METRIC));
        out.write(',');
        out.write(Double.toString(sample.value));
        final int index = take(sample.eventTimeMs, sample.elementId, sample.metricId);
        if (index < 0)
        {
            out.write(",,,,0,0\n");
            return;
        }
        out.write(',');
        out.write(Double.toString(expected[index]));
        out.write(',');
        out.write(Double.toString(scores[index]));
        out.write(',');
        out.write(Double.toString(thresholds[index]));
        out.write((flags[index] & ANOMALOUS) != 0 ? ",1" : ",0");
        out.write((flags[index] & ALERTED) != 0 ? ",1\n" : ",0\n");
    }

    private static void writeRefused(final Writer out, final CsvEventReader reader) throws IOException
    {
        writeText(out, reader.value(TextField.EVENT_TIME));
        out.write(',');
        writeText(out, reader.value(TextField.ELEMENT));
        out.write(',');
        writeText(out, reader.value(TextField.METRIC));
        out.write(',');
        writeText(out, reader.value(TextField.VALUE));
        out.write(",,,,0,0\n");
    }

    /**
     * Writes text as one CSV field, quoted when it holds a delimiter, a quote or a line break.
     *
     * @param out  where to.
     * @param text the text, or null for an empty field.
     * @throws IOException from the writer.
     */
    static void writeText(final Writer out, final CharSequence text) throws IOException
    {
        if (null == text)
        {
            return;
        }
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++)
        {
            final char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote)
        {
            out.append(text);
            return;
        }
        out.write('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"')
            {
                out.write('"');
            }
            out.write(c);
        }
        out.write('"');
    }

    /**
     * What the reader made of one record: its KPI sample, or nothing.
     */
    private static final class RecordOutcome implements TextEventHandler
    {
        private final FrameDecoder decoder = new FrameDecoder();
        private final KpiSampleDecoder kpi = new KpiSampleDecoder();
        boolean sample;
        long eventTimeMs;
        long elementId;
        int metricId;
        double value;

        boolean reset()
        {
            sample = false;
            return true;
        }

        public void onFrame(final DirectBuffer buffer, final int offset, final int length)
        {
            if (decoder.decode(buffer, offset, length) == FrameDecoder.FRAME &&
                decoder.messageType() == MessageType.KPI_SAMPLE)
            {
                kpi.wrap(buffer, offset + FrameDescriptor.BODY_OFFSET, decoder.actingBlockLength(),
                    decoder.actingVersion());
                sample = true;
                eventTimeMs = kpi.eventTimeMs();
                elementId = kpi.elementId();
                metricId = kpi.metricId();
                value = kpi.value();
            }
        }

        public void onRejected(final TextRejection rejection)
        {
            sample = false;
        }
    }
}
