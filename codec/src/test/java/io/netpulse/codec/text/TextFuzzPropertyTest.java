/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.DirectBuffer;

import java.io.StringReader;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzing of the CSV tokenizer, the NDJSON reader and the event readers built on them: random and mutated
 * input never makes an exception escape, every record is either accepted or refused with a reason and a place,
 * and what is written by the rules reads back exactly.
 */
class TextFuzzPropertyTest
{
    private static final String KPI_CSV_HEADER = "type,eventTime,element,metric,value,quality";

    @Provide
    Arbitrary<String> csvish()
    {
        return Arbitraries.strings().withChars("ab1,\"\n\r \u00e9;").ofMaxLength(300);
    }

    @Provide
    Arbitrary<String> jsonish()
    {
        return Arbitraries.strings().withChars("{}[]:,\"\\ab1-.eE tfnulr\n\u00e9").ofMaxLength(300);
    }

    @Property(tries = 2000)
    void theTokenizerAnswersEveryInput(@ForAll("csvish") final String text)
    {
        final CsvTokenizer csv = new CsvTokenizer(new StringReader(text), ',', 64);
        int calls = 0;
        int status;
        while ((status = csv.next()) != CsvTokenizer.END)
        {
            assertTrue(++calls <= text.length() + 1, "always makes progress");
            if (status == CsvTokenizer.ERROR)
            {
                assertNotNull(csv.errorMessage());
                assertTrue(csv.errorLine() >= 1 && csv.errorColumn() >= 1);
            }
            else
            {
                assertTrue(csv.fieldCount() >= 1);
                assertTrue(csv.line() >= 1);
            }
        }
        assertEquals(text.length() - (text.startsWith("\uFEFF") ? 1 : 0), csv.charsRead());
    }

    @Property(tries = 1000)
    void whatIsWrittenByTheRulesReadsBackExactly(
        @ForAll @Size(min = 1, max = 20) final List<@Size(min = 1, max = 6) List<String>> records)
    {
        final StringBuilder text = new StringBuilder();
        for (final List<String> record : records)
        {
            for (int i = 0; i < record.size(); i++)
            {
                final String field = record.get(i);
                final boolean quote = field.isEmpty() && record.size() == 1 || field.indexOf(',') >= 0 ||
                    field.indexOf('"') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0 ||
                    field.startsWith("\uFEFF");
                text.append(i == 0 ? "" : ",");
                text.append(quote ? '"' + field.replace("\"", "\"\"") + '"' : field);
            }
            text.append(records.size() % 2 == 0 ? "\r\n" : "\n");
        }
        final CsvTokenizer csv = new CsvTokenizer(new StringReader(text.toString()), ',', 1 << 20);
        for (final List<String> record : records)
        {
            assertEquals(CsvTokenizer.RECORD, csv.next(), text.toString());
            assertEquals(record.size(), csv.fieldCount());
            for (int i = 0; i < record.size(); i++)
            {
                assertEquals(record.get(i), csv.field(i).toString());
            }
        }
        assertEquals(CsvTokenizer.END, csv.next());
    }

    @Property(tries = 2000)
    void theJsonReaderAnswersEveryLine(@ForAll("jsonish") final String text)
    {
        final NdjsonReader json = new NdjsonReader(new StringReader(text), 128);
        int status;
        long lastLine = 0;
        while ((status = json.next()) != NdjsonReader.END)
        {
            assertTrue(json.line() > lastLine, "each call reads a new line");
            lastLine = json.line();
            if (status == NdjsonReader.ERROR)
            {
                assertNotNull(json.errorMessage());
                assertTrue(json.errorColumn() >= 1);
                assertEquals(0, json.memberCount());
            }
        }
    }

    @Property(tries = 1000)
    void objectsWrittenAsJsonReadBackExactly(
        @ForAll @Size(max = 12) final List<String> values, @ForAll final long number, @ForAll final double decimal)
    {
        final StringBuilder line = new StringBuilder("{\"n\":").append(number).append(",\"d\":")
            .append(Double.isFinite(decimal) ? Double.toString(decimal) : "0");
        for (int i = 0; i < values.size(); i++)
        {
            line.append(",\"k").append(i).append("\":\"");
            for (final char c : values.get(i).toCharArray())
            {
                if (c == '"' || c == '\\')
                {
                    line.append('\\').append(c);
                }
                else if (c < 0x20 || c == '\u2028')
                {
                    line.append(String.format("\\u%04x", (int)c));
                }
                else
                {
                    line.append(c);
                }
            }
            line.append('"');
        }
        final NdjsonReader json = new NdjsonReader(new StringReader(line.append("}\n").toString()), 1 << 20);
        assertEquals(NdjsonReader.RECORD, json.next(), line.toString());
        assertEquals(Long.toString(number), json.value(json.find("n")).toString());
        for (int i = 0; i < values.size(); i++)
        {
            assertEquals(values.get(i), json.value(json.find("k" + i)).toString());
        }
    }

    /** Counts what an event reader produces and checks each piece. */
    private static final class Tally implements TextEventHandler
    {
        long frames;
        long rejected;

        public void onFrame(final DirectBuffer buffer, final int offset, final int length)
        {
            assertTrue(length > 0);
            frames++;
        }

        public void onRejected(final TextRejection rejection)
        {
            assertNotNull(rejection.reason());
            assertNotNull(rejection.message());
            assertTrue(rejection.line() >= 1);
            assertTrue(rejection.column() >= 0);
            rejected++;
        }
    }

    private static String mutate(final String text, final Random random, final int mutations)
    {
        final StringBuilder out = new StringBuilder(text);
        final String alphabet = ",\"\n\r\\{}:x9-.e ";
        for (int i = 0; i < mutations && out.length() > 0; i++)
        {
            final int at = random.nextInt(out.length());
            switch (random.nextInt(3))
            {
                case 0:
                    out.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    break;
                case 1:
                    out.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    break;
                default:
                    out.deleteCharAt(at);
                    break;
            }
        }
        return out.toString();
    }

    private static Tally readAll(final TextEventReader reader)
    {
        final Tally tally = new Tally();
        long calls = 0;
        while (reader.next(tally))
        {
            calls++;
        }
        assertEquals(calls, reader.records(), "one call per record");
        assertEquals(tally.rejected, reader.rejected());
        assertTrue(tally.frames >= reader.records() - reader.rejected(), "an accepted record gives a frame");
        return tally;
    }

    @Property(tries = 1000)
    void mutatedEventCsvIsAcceptedOrRefusedRecordByRecord(
        @ForAll final long seed, @ForAll @IntRange(min = 1, max = 30) final int mutations)
    {
        final Random random = new Random(seed);
        final StringBuilder csv = new StringBuilder(KPI_CSV_HEADER).append('\n');
        for (int i = 0; i < 20; i++)
        {
            csv.append("kpi,").append(1_795_428_000_000L + i).append(",cell-").append(random.nextInt(5))
                .append(',').append(random.nextInt(9)).append(',').append(random.nextGaussian()).append(",\n");
        }
        final String mutated = mutate(csv.toString(), random, mutations);
        readAll(new CsvEventReader(new StringReader(mutated), new TextFormatOptions()
            .identities(new TextIdentities(random.nextBoolean()))));
    }

    @Property(tries = 1000)
    void mutatedNdjsonIsAcceptedOrRefusedLineByLine(
        @ForAll final long seed, @ForAll @IntRange(min = 1, max = 30) final int mutations)
    {
        final Random random = new Random(seed);
        final StringBuilder json = new StringBuilder();
        for (int i = 0; i < 20; i++)
        {
            json.append(i % 2 == 0 ?
                "{\"type\":\"kpi\",\"eventTime\":1795428000000,\"element\":\"cell-1\",\"metric\":3,\"value\":1.5}\n" :
                "{\"type\":\"cdr\",\"eventTime\":\"2026-11-23T10:00:00Z\",\"cdrId\":" + i +
                ",\"element\":7,\"result\":\"answered\",\"durationMs\":60000}\n");
        }
        final String mutated = mutate(json.toString(), random, mutations);
        final Tally tally = readAll(new NdjsonEventReader(new StringReader(mutated), new TextFormatOptions()));
        final long lines = mutated.chars().filter(c -> c == '\n').count() + (mutated.endsWith("\n") ? 0 : 1);
        assertTrue(tally.rejected <= lines);
    }

    @Property(tries = 1000)
    void mutatedMasterCsvIsAcceptedOrRefusedLineByLine(
        @ForAll final long seed, @ForAll @IntRange(min = 1, max = 30) final int mutations)
    {
        final Random random = new Random(seed);
        final StringBuilder master = new StringBuilder();
        for (int i = 0; i < 10; i++)
        {
            master.append("\"\",\"100").append(i).append("\",\"555\",\"ctx\",\"\"\"A, B\"\" <1>\",\"SIP/t-0000")
                .append(i).append("\",\"\",\"Dial\",\"x,y\",\"2026-11-23 10:00:0").append(i)
                .append("\",").append(i % 2 == 0 ? "\"2026-11-23 10:00:09\"" : "")
                .append(",\"2026-11-23 10:01:00\",60,").append(i % 2 == 0 ? 51 : 0).append(",\"")
                .append(i % 2 == 0 ? "ANSWERED" : "NO ANSWER").append("\",\"DOCUMENTATION\"\n");
        }
        final String mutated = mutate(master.toString(), random, mutations);
        readAll(new AsteriskCdrReader(new StringReader(mutated), new TextFormatOptions()));
    }

    @Property(tries = 300)
    void randomTextNeverBreaksAnEventReader(@ForAll("jsonish") final String text, @ForAll final boolean csv)
    {
        final TextEventReader reader = csv ?
            new CsvEventReader(new StringReader(KPI_CSV_HEADER + "\n" + text), new TextFormatOptions()) :
            new NdjsonEventReader(new StringReader(text), new TextFormatOptions());
        final Tally tally = readAll(reader);
        assertTrue(tally.frames + tally.rejected >= reader.records());
    }
}
