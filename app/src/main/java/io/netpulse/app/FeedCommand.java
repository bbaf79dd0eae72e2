/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.codec.text.TextEventHandler;
import io.netpulse.codec.text.TextEventReader;
import io.netpulse.codec.text.TextFormat;
import io.netpulse.codec.text.TextRejection;
import io.netpulse.engine.feed.tcp.FeedClient;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code netpulse feed}: sends a file to a running netpulse's feed port through the feed client, the way a
 * gateway would, and waits until the server has acknowledged all of it.
 */
@Command(name = "feed", mixinStandardHelpOptions = true,
    description = {"Send a file to a feed port and wait until all of it is acknowledged.",
        "Every byte acknowledged by the feed port (netpulse serve --feed-port) is journaled, or refused with a",
        "reason. Frame files are sent as they are (the server validates them); text files are turned into",
        "frames here."})
final class FeedCommand implements Callable<Integer>
{
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final int ERRORS_SHOWN = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "HOST:PORT", description = "The feed port.")
    String to;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to send.")
    Path file;

    @Option(names = "--format", defaultValue = "frames", paramLabel = "FORMAT",
        description = "File format: " + TextInputOptions.FORMATS + " (default: ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    TextInputOptions text = new TextInputOptions();

    @Option(names = "--topology", paramLabel = "FILE",
        description = "Text formats: topology file whose element names map to its ids.")
    Path topology;

    @Option(names = "--auto-register",
        description = "Text formats: announce element names the topology does not know, so the server registers them.")
    boolean autoRegister;

    @Option(names = "--timeout", defaultValue = "300", paramLabel = "SECONDS",
        description = "Longest wait for the last acknowledgement (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--json", description = "Print the summary as one JSON object on standard output.")
    boolean json;

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        if (!Files.isRegularFile(file))
        {
            throw new IllegalArgumentException(file + ": no such file");
        }
        final InetSocketAddress address = address(to);
        final TextFormat textFormat = TextInputOptions.textFormat(format);
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final ProgressBar progress = new ProgressBar("feed", "bytes");
        final long startNs = System.nanoTime();
        final long[] refusedHere = {0};
        final boolean finished;
        final FeedClient client = FeedClient.connect(address);
        try
        {
            if (null == textFormat)
            {
                sendFrames(client, progress);
            }
            else
            {
                sendText(client, textFormat, progress, err, refusedHere);
            }
            finished = client.finish(TimeUnit.SECONDS.toMillis(timeoutSeconds));
        }
        finally
        {
            client.close();
        }
        progress.finish();
        final double seconds = Math.max(1e-9, (System.nanoTime() - startNs) / 1e9);

        if (json)
        {
            out.println(new JsonWriter().beginObject()
                .field("command", "feed")
                .field("to", to)
                .field("bytesSent", client.bytesSent())
                .field("bytesAcknowledged", client.bytesAcknowledged())
                .field("accepted", client.eventsAccepted())
                .field("rejected", client.inputsRejected())
                .field("refusedBeforeSending", refusedHere[0])
                .field("acknowledged", finished)
                .field("elapsedMs", seconds * 1000)
                .field("eventsPerSecond", Math.round(client.eventsAccepted() / seconds))
                .endObject().toString());
        }
        else
        {
            out.printf(Locale.ROOT, "netpulse feed: %,d bytes to %s in %.2f s; %s%n", client.bytesSent(), to, seconds,
                finished ? "all acknowledged" : "acknowledged " + String.format(Locale.ROOT, "%,d", client
                .bytesAcknowledged()) + " bytes only");
            out.printf(Locale.ROOT, "  accepted  %,d events (%,.0f events/s), journaled%n", client.eventsAccepted(),
                client.eventsAccepted() / seconds);
            out.printf(Locale.ROOT, "  rejected  %,d by the server (reasons in its metrics and dead letters)%s%n",
                client.inputsRejected(),
                refusedHere[0] > 0 ? String.format(Locale.ROOT, ", %,d records refused here", refusedHere[0]) : "");
        }
        out.flush();
        if (!finished)
        {
            err.println("netpulse feed: " + (client.isClosedByServer() ? "the server closed the connection" :
                "timed out") + " before acknowledging everything sent");
            err.flush();
            return 1;
        }
        return 0;
    }

    private void sendFrames(final FeedClient client, final ProgressBar progress)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES);
            final UnsafeBuffer bytes = new UnsafeBuffer(chunk);
            long sent = 0;
            while (true)
            {
                chunk.clear();
                final int read = channel.read(chunk);
                if (read < 0)
                {
                    break;
                }
                client.send(bytes, 0, read);
                sent += read;
                progress.update(sent, size);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }

    private void sendText(
        final FeedClient client,
        final TextFormat textFormat,
        final ProgressBar progress,
        final PrintWriter err,
        final long[] refused)
    {
        final long size;
        try
        {
            size = Files.size(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
        final TextInputOptions.CountingInputStream in = TextInputOptions.open(file);
        final TextEventHandler handler = new TextEventHandler()
        {
            public void onFrame(final DirectBuffer buffer, final int offset, final int length)
            {
                client.send(buffer, offset, length);
            }

            public void onRejected(final TextRejection rejection)
            {
                if (++refused[0] <= ERRORS_SHOWN)
                {
                    err.println(file.getFileName() + ": " + rejection);
                }
            }
        };
        final boolean announce = TextInputOptions.autoRegister(textFormat, autoRegister);
        try (TextEventReader reader = textFormat.open(TextInputOptions.reader(in),
            text.toOptions(TextInputOptions.identities(topology, announce))))
        {
            long records = 0;
            while (reader.next(handler))
            {
                if (++records % 4096 == 0)
                {
                    progress.update(in.count(), size);
                }
            }
            progress.update(in.count(), size);
        }
        if (refused[0] > ERRORS_SHOWN)
        {
            err.printf(Locale.ROOT, "%s: %,d more records refused%n", file.getFileName(), refused[0] - ERRORS_SHOWN);
        }
        err.flush();
    }

    /**
     * Parses HOST:PORT.
     *
     * @param hostPort the text.
     * @return the address.
     * @throws IllegalArgumentException when it is not HOST:PORT.
     */
    static InetSocketAddress address(final String hostPort)
    {
        final int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1)
        {
            throw new IllegalArgumentException("--to " + hostPort + ": expected HOST:PORT");
        }
        final int port;
        try
        {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("--to " + hostPort + ": the port is not a number");
        }
        if (port < 1 || port > 65535)
        {
            throw new IllegalArgumentException("--to " + hostPort + ": the port must be 1 to 65535");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, port);
    }
}
