/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.codec.FrameDecoder;
import io.netpulse.codec.RejectReason;
import io.netpulse.codec.text.TextEventHandler;
import io.netpulse.codec.text.TextEventReader;
import io.netpulse.codec.text.TextFormat;
import io.netpulse.codec.text.TextFormatOptions;
import io.netpulse.codec.text.TextRejection;
import io.netpulse.engine.feed.tcp.FeedClient;
import io.netpulse.journal.DeadLetter;
import io.netpulse.journal.DeadLetterJournal;
import io.netpulse.journal.InputJournalReader;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code netpulse journal}: looks into a data directory's journals, and re-submits dead letters.
 */
@Command(name = "journal", mixinStandardHelpOptions = true,
    description = "Inspect a data directory's journals; re-submit refused input after a fix.",
    subcommands = {JournalCommand.Inspect.class, JournalCommand.Resubmit.class})
final class JournalCommand implements Runnable
{
    @Spec
    CommandSpec spec;

    /**
     * Prints usage.
     */
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Which dead letters a command is about. */
    static final class Selection
    {
        @Option(names = "--data", paramLabel = "DIR", defaultValue = "netpulse-data/run",
            description = "Data directory (default: ${DEFAULT-VALUE}).")
        Path data;

        @Option(names = "--reason", paramLabel = "REASON",
            description = "Only dead letters refused for this reason, e.g. bad_checksum, malformed_record.")
        String reason;

        @Option(names = "--source", paramLabel = "TEXT", description = "Only dead letters from sources whose name " +
            "contains this, e.g. tcp: or cells.csv.")
        String source;

        @Option(names = "--from", defaultValue = "0", paramLabel = "INDEX",
            description = "Only dead letters at or after this journal index (default: all).")
        long from;

        Path journal()
        {
            final Path journal = DataDirectory.journal(data);
            if (!Files.isDirectory(journal))
            {
                throw new IllegalArgumentException("no journal in " + data);
            }
            return journal;
        }

        Predicate<DeadLetter> filter()
        {
            if (null != reason)
            {
                boolean known = false;
                for (final RejectReason candidate : RejectReason.values())
                {
                    known |= candidate.label().equals(reason);
                }
                if (!known)
                {
                    throw new IllegalArgumentException("--reason " + reason + ": not a reject reason");
                }
            }
            return letter -> (null == reason || null != letter.reason() && letter.reason().label().equals(reason)) &&
                (null == source || letter.sourceName().contains(source));
        }
    }

    /**
     * {@code netpulse journal inspect}.
     */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Summarise a data directory's input journal, or list its dead letters (input refused at",
            "the edge, with the raw bytes, source, reason, and for text records line and column)."})
    static final class Inspect implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Mixin
        Selection selection = new Selection();

        @Option(names = "--dead-letters", description = "List the dead letters.")
        boolean deadLetters;

        @Option(names = "--limit", defaultValue = "100", paramLabel = "N",
            description = "List at most N dead letters; 0 for all (default: ${DEFAULT-VALUE}).")
        long limit;

        @Option(names = "--json", description = "One JSON object per dead letter (payload as text or base64), or " +
            "the journal summary as one object.")
        boolean json;

        /**
         * {@inheritDoc}
         */
        public Integer call()
        {
            final Path journal = selection.journal();
            final PrintWriter out = spec.commandLine().getOut();
            if (deadLetters)
            {
                listDeadLetters(journal, out);
            }
            else
            {
                summariseInput(journal, out);
            }
            out.flush();
            return 0;
        }

        private void listDeadLetters(final Path journal, final PrintWriter out)
        {
            if (!DeadLetterJournal.exists(journal))
            {
                if (!json)
                {
                    out.println("no dead letters in " + journal);
                }
                return;
            }
            final Map<String, Long> byReason = new TreeMap<>();
            final Map<String, Long> bySource = new TreeMap<>();
            final long[] listed = {0};
            final long total;
            try (DeadLetterJournal letters = new DeadLetterJournal(journal.resolve(DeadLetterJournal.DIRECTORY)))
            {
                total = letters.read(selection.from, selection.filter(), letter ->
                {
                    byReason.merge(reasonLabel(letter), 1L, Long::sum);
                    bySource.merge(letter.sourceName(), 1L, Long::sum);
                    if (limit == 0 || listed[0] < limit)
                    {
                        listed[0]++;
                        out.println(json ? json(letter) : line(letter));
                    }
                    return true;
                });
            }
            if (!json)
            {
                out.printf(Locale.ROOT, "%,d dead letters%s%s%n", total,
                    listed[0] < total ? String.format(Locale.ROOT, " (%,d listed; --limit 0 for all)", listed[0]) : "",
                    total > 0 ? "" : " match");
                if (total > 0)
                {
                    out.println("  by reason  " + counts(byReason));
                    out.println("  by source  " + counts(bySource));
                }
            }
        }

        private void summariseInput(final Path journal, final PrintWriter out)
        {
            final Path input = journal.resolve("input");
            if (!Files.isDirectory(input))
            {
                throw new IllegalArgumentException("no input journal in " + journal);
            }
            final Map<String, Long> byType = new TreeMap<>();
            final Map<Integer, Long> bySource = new TreeMap<>();
            final long[] bytes = {0};
            final FrameDecoder decoder = new FrameDecoder();
            final long entries;
            try (InputJournalReader reader = new InputJournalReader(input))
            {
                entries = reader.read(0, Long.MAX_VALUE, (sequence, sourceId, buffer, offset, length) ->
                {
                    final String type = decoder.decode(buffer, offset, length) == FrameDecoder.FRAME ?
                        decoder.messageType().label() : "unreadable";
                    byType.merge(type, 1L, Long::sum);
                    bySource.merge(sourceId, 1L, Long::sum);
                    bytes[0] += length;
                    return true;
                });
            }
            final long deadLetters = countDeadLetters(journal);
            if (json)
            {
                final Map<String, Long> sources = new TreeMap<>();
                bySource.forEach((id, count) -> sources.put(Integer.toString(id), count));
                out.println(new JsonWriter().beginObject()
                    .field("journal", input.toString())
                    .field("events", entries)
                    .field("frameBytes", bytes[0])
                    .field("eventsByType", byType)
                    .field("eventsBySourceId", sources)
                    .field("deadLetters", deadLetters)
                    .endObject().toString());
                return;
            }
            out.printf(Locale.ROOT, "input journal %s: %,d events, %s of frames%n", input, entries,
                RunReport.bytes(bytes[0]));
            out.println("  by type       " + counts(byType));
            final Map<String, Long> sources = new TreeMap<>();
            bySource.forEach((id, count) -> sources.put("source " + id, count));
            out.println("  by source id  " + counts(sources));
            out.printf(Locale.ROOT, "  dead letters  %,d (netpulse journal inspect --dead-letters)%n", deadLetters);
        }

        private static long countDeadLetters(final Path journal)
        {
            if (!DeadLetterJournal.exists(journal))
            {
                return 0;
            }
            try (DeadLetterJournal letters = new DeadLetterJournal(journal.resolve(DeadLetterJournal.DIRECTORY)))
            {
                return letters.read(0, letter -> true, letter -> true);
            }
        }

        private static String line(final DeadLetter letter)
        {
            final StringBuilder line = new StringBuilder(160)
                .append(Instant.ofEpochMilli(letter.refusedAtMs())).append("  #").append(letter.index()).append("  ")
                .append(letter.sourceName()).append("  ").append(reasonLabel(letter)).append("  ");
            if (letter.text())
            {
                line.append(letter.format()).append(" line ").append(letter.line());
                if (letter.column() > 0)
                {
                    line.append(", column ").append(letter.column());
                }
                if (!letter.message().isEmpty())
                {
                    line.append(": ").append(letter.message());
                }
                line.append("  | ").append(printable(letter.payloadText(), 120));
            }
            else
            {
                line.append(letter.originalLength()).append(" bytes  ").append(hex(letter.payload(), 32));
            }
            if (letter.truncated())
            {
                line.append("  (kept ").append(letter.payload().length).append(" bytes)");
            }
            return line.toString();
        }

        private static String json(final DeadLetter letter)
        {
            final boolean text = letter.text();
            return new JsonWriter().beginObject()
                .field("index", letter.index())
                .field("refusedAt", Instant.ofEpochMilli(letter.refusedAtMs()).toString())
                .field("sourceId", letter.sourceId())
                .field("source", letter.sourceName())
                .field("reason", reasonLabel(letter))
                .field("kind", text ? "text" : "frame")
                .field("format", letter.format())
                .field("line", letter.line())
                .field("column", letter.column())
                .field("message", letter.message())
                .field("context", letter.context())
                .field("length", letter.originalLength())
                .field("truncated", letter.truncated())
                .field("payloadEncoding", text ? "utf-8" : "base64")
                .field("payload", text ? letter.payloadText() : Base64.getEncoder().encodeToString(letter.payload()))
                .endObject().toString();
        }
    }

    /**
     * {@code netpulse journal resubmit}.
     */
    @Command(name = "resubmit", mixinStandardHelpOptions = true,
        description = {"Send dead letters again, to a feed port, once what refused them is fixed (a topology, an",
            "event-time range, a server setting). Frames go as they were; text records are turned into frames",
            "with the format and header they were read with. Input that is still wrong is refused again, for",
            "the same reason, and dead-lettered again."})
    static final class Resubmit implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Mixin
        Selection selection = new Selection();

        @Option(names = "--to", required = true, paramLabel = "HOST:PORT", description = "The feed port.")
        String to;

        @Option(names = "--topology", paramLabel = "FILE",
            description = "Text records: topology file whose element names map to its ids.")
        Path topology;

        @Option(names = "--auto-register", description = "Text records: announce element names the topology does " +
            "not know.")
        boolean autoRegister;

        @Mixin
        TextInputOptions text = new TextInputOptions();

        @Option(names = "--timeout", defaultValue = "300", paramLabel = "SECONDS",
            description = "Longest wait for the last acknowledgement (default: ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        /**
         * {@inheritDoc}
         */
        public Integer call()
        {
            final Path journal = selection.journal();
            if (!DeadLetterJournal.exists(journal))
            {
                throw new IllegalArgumentException("no dead letters in " + selection.data);
            }
            final InetSocketAddress address = FeedCommand.address(to);
            final TextFormatOptions options = text.toOptions(TextInputOptions.identities(topology, autoRegister));
            final PrintWriter out = spec.commandLine().getOut();
            final PrintWriter err = spec.commandLine().getErr();
            final long[] counts = new long[5];
            final long[] lastIndex = {-1};
            final boolean finished;
            final FeedClient client = FeedClient.connect(address);
            try
            {
                try (DeadLetterJournal letters = new DeadLetterJournal(journal.resolve(DeadLetterJournal.DIRECTORY)))
                {
                    letters.read(selection.from, selection.filter(), letter ->
                    {
                        lastIndex[0] = letter.index();
                        resubmit(letter, client, options, err, counts);
                        return true;
                    });
                }
                finished = client.finish(TimeUnit.SECONDS.toMillis(timeoutSeconds));
            }
            finally
            {
                client.close();
            }
            out.printf(Locale.ROOT, "netpulse journal resubmit: %,d frames and %,d text records sent to %s%s%n",
                counts[0], counts[1], to, finished ? "" : " (not all acknowledged)");
            out.printf(Locale.ROOT, "  accepted  %,d events; rejected %,d again by the server%n",
                client.eventsAccepted(), client.inputsRejected());
            if (counts[2] + counts[3] + counts[4] > 0)
            {
                out.printf(Locale.ROOT, "  skipped   %,d cut short when kept, %,d in an unknown format; %,d text " +
                    "records still refused here%n", counts[2], counts[3], counts[4]);
            }
            if (lastIndex[0] >= 0)
            {
                out.printf(Locale.ROOT, "  last dead letter sent: #%d (resume after it with --from %d)%n",
                    lastIndex[0], lastIndex[0] + 1);
            }
            out.flush();
            return finished ? 0 : 1;
        }

        private static void resubmit(
            final DeadLetter letter,
            final FeedClient client,
            final TextFormatOptions options,
            final PrintWriter err,
            final long[] counts)
        {
            if (letter.truncated())
            {
                counts[2]++;
                return;
            }
            if (!letter.text())
            {
                client.send(new UnsafeBuffer(letter.payload()), 0, letter.payload().length);
                counts[0]++;
                return;
            }
            final TextFormat format = TextFormat.of(letter.format());
            if (null == format)
            {
                counts[3]++;
                return;
            }
            final String record = letter.context().isEmpty() ? letter.payloadText() :
                letter.context() + "\n" + letter.payloadText();
            final TextEventHandler handler = new TextEventHandler()
            {
                public void onFrame(final DirectBuffer buffer, final int offset, final int length)
                {
                    client.send(buffer, offset, length);
                }

                public void onRejected(final TextRejection rejection)
                {
                    counts[4]++;
                    err.println("#" + letter.index() + " still refused: " + rejection.reason().label() + ": " +
                        rejection.message());
                }
            };
            try (TextEventReader reader = format.open(new StringReader(record + "\n"), options))
            {
                while (reader.next(handler))
                {
                    // the record, and any announcements it needs
                }
            }
            counts[1]++;
        }
    }

    private static String reasonLabel(final DeadLetter letter)
    {
        return null == letter.reason() ? "reason_" + letter.reasonId() : letter.reason().label();
    }

    private static String counts(final Map<String, Long> counts)
    {
        final StringBuilder out = new StringBuilder();
        for (final Map.Entry<String, Long> entry : counts.entrySet())
        {
            out.append(out.length() == 0 ? "" : ", ").append(entry.getKey()).append(' ')
                .append(String.format(Locale.ROOT, "%,d", entry.getValue()));
        }
        return out.toString();
    }

    private static String hex(final byte[] bytes, final int max)
    {
        final StringBuilder out = new StringBuilder(max * 2 + 3);
        for (int i = 0; i < Math.min(max, bytes.length); i++)
        {
            out.append(Character.forDigit((bytes[i] >> 4) & 0xF, 16)).append(Character.forDigit(bytes[i] & 0xF, 16));
        }
        return bytes.length > max ? out.append("...").toString() : out.toString();
    }

    private static String printable(final String text, final int max)
    {
        final StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 3);
        for (int i = 0; i < text.length() && out.length() < max; i++)
        {
            final char c = text.charAt(i);
            out.append(c < ' ' ? '\u00b7' : c);
        }
        return text.length() > max ? out.append("...").toString() : out.toString();
    }
}
