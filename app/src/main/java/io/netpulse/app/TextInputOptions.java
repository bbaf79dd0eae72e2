/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.codec.MessageType;
import io.netpulse.codec.text.AsteriskChannelMapping;
import io.netpulse.codec.text.TextFormat;
import io.netpulse.codec.text.TextFormatOptions;
import io.netpulse.codec.text.TextIdentities;
import io.netpulse.engine.topology.TopologyFile;
import picocli.CommandLine.Option;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.regex.PatternSyntaxException;

/**
 * How text input (CSV, NDJSON, Asterisk Master.csv, KPI CSV) is read, for the commands that take it.
 */
final class TextInputOptions
{
    @Option(names = "--type", paramLabel = "TYPE",
        description = "Message type of every record of a csv or ndjson file without a type column: kpi, cdr, flow, " +
            "qos, topology, sla_rule, window_spec, metric.")
    String type;

    @Option(names = "--time-zone", defaultValue = "UTC", paramLabel = "ZONE",
        description = "Zone of times written without an offset, e.g. Europe/Berlin (default: ${DEFAULT-VALUE}).")
    String timeZone;

    @Option(names = "--delimiter", defaultValue = ",", paramLabel = "CHAR",
        description = "CSV field delimiter; 'tab' for a tab (default: ${DEFAULT-VALUE}).")
    String delimiter;

    @Option(names = "--channel-field", defaultValue = "channel", paramLabel = "FIELD",
        description = "asterisk-cdr: the channel the element is taken from, channel or dstchannel " +
            "(default: ${DEFAULT-VALUE}).")
    String channelField;

    @Option(names = "--channel-pattern", paramLabel = "REGEX",
        description = "asterisk-cdr: regular expression whose first group names the element in the channel " +
            "(default: the channel without Asterisk's per-call suffix).")
    String channelPattern;

    /** Formats the commands read, frames included. */
    static final String FORMATS = "frames, csv, ndjson, asterisk-cdr or kpi-csv";

    /**
     * The text format a --format value names.
     *
     * @param format the value.
     * @return the format, or null for frames.
     * @throws IllegalArgumentException for an unknown format.
     */
    static TextFormat textFormat(final String format)
    {
        if ("frames".equals(format))
        {
            return null;
        }
        final TextFormat text = TextFormat.of(format);
        if (null == text)
        {
            throw new IllegalArgumentException("--format " + format + ": expected " + FORMATS);
        }
        return text;
    }

    /**
     * Whether new element names are registered on first sight: when asked, and always for kpi-csv (a generic
     * export names elements no topology knows).
     *
     * @param format       the text format, or null for frames.
     * @param autoRegister whether --auto-register was given.
     * @return true to register.
     */
    static boolean autoRegister(final TextFormat format, final boolean autoRegister)
    {
        return autoRegister || format == TextFormat.KPI_CSV;
    }

    /**
     * The options for the text readers.
     *
     * @param identities how names become ids.
     * @return the options.
     * @throws IllegalArgumentException naming a bad option.
     */
    TextFormatOptions toOptions(final TextIdentities identities)
    {
        final TextFormatOptions options = new TextFormatOptions().identities(identities);
        if (null != type)
        {
            final MessageType messageType = TextFormatOptions.messageType(type);
            if (null == messageType)
            {
                throw new IllegalArgumentException("--type " + type + ": expected kpi, cdr, flow, qos, topology, " +
                    "sla_rule, window_spec or metric");
            }
            options.type(messageType);
        }
        try
        {
            options.zone(ZoneId.of(timeZone));
        }
        catch (final DateTimeException ex)
        {
            throw new IllegalArgumentException("--time-zone " + timeZone + ": " + ex.getMessage());
        }
        if ("tab".equals(delimiter) || "\\t".equals(delimiter))
        {
            options.delimiter('\t');
        }
        else if (delimiter.length() == 1 && delimiter.charAt(0) != '"')
        {
            options.delimiter(delimiter.charAt(0));
        }
        else
        {
            throw new IllegalArgumentException("--delimiter " + delimiter + ": expected one character or 'tab'");
        }
        try
        {
            options.channelMapping(AsteriskChannelMapping.of(channelField, channelPattern));
        }
        catch (final PatternSyntaxException ex)
        {
            throw new IllegalArgumentException("--channel-pattern: " + ex.getDescription());
        }
        return options;
    }

    /**
     * Identities knowing the names a topology file gives its nodes.
     *
     * @param topology     the topology file, or null.
     * @param autoRegister whether new element names are announced.
     * @return the identities.
     */
    static TextIdentities identities(final Path topology, final boolean autoRegister)
    {
        final TextIdentities identities = new TextIdentities(autoRegister);
        if (null != topology)
        {
            for (final TopologyFile.Node node : TopologyFile.read(topology))
            {
                if (!node.name().isEmpty())
                {
                    identities.knownElement(node.name(), node.id());
                }
            }
        }
        return identities;
    }

    /**
     * A UTF-8 reader over a file that counts the bytes it has read, for progress.
     *
     * @param path the file.
     * @return the counting stream; wrap it with {@link #reader(InputStream)}.
     */
    static CountingInputStream open(final Path path)
    {
        try
        {
            return new CountingInputStream(Files.newInputStream(path));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + path, ex);
        }
    }

    /**
     * A UTF-8 reader over a stream (malformed bytes become U+FFFD, and the record holding them is then judged
     * on its text).
     *
     * @param in the stream.
     * @return the reader.
     */
    static Reader reader(final InputStream in)
    {
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /**
     * An input stream that counts what has been read through it.
     */
    static final class CountingInputStream extends FilterInputStream
    {
        private volatile long count;

        CountingInputStream(final InputStream in)
        {
            super(in);
        }

        public int read() throws IOException
        {
            final int b = super.read();
            if (b >= 0)
            {
                count++;
            }
            return b;
        }

        public int read(final byte[] buffer, final int offset, final int length) throws IOException
        {
            final int read = super.read(buffer, offset, length);
            if (read > 0)
            {
                count += read;
            }
            return read;
        }

        long count()
        {
            return count;
        }
    }
}
