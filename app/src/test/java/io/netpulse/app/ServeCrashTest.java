/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.engine.feed.tcp.FeedClient;
import io.netpulse.engine.generator.EventGenerator;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.journal.InputJournalReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash run: {@code netpulse serve} in a process of its own, fed over its TCP feed port, is killed with
 * SIGKILL in mid-stream, again and again, and restarted with {@code --resume} each time. Every frame the server
 * acknowledged before a kill must be in the journal after it, and each restart must recover the whole journal.
 * Slow (a JVM started five times): {@code mvn -B verify -Pslow}.
 */
@Tag("slow")
class ServeCrashTest
{
    private static final Pattern FEED_PORT = Pattern.compile("feed port: (\\d+)");
    private static final Pattern RECOVERED = Pattern.compile("recovered ([\\d,]+) events");
    private static final int KILLS = 4;

    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryAcknowledgedFrameThroughKillsAndRecoverThemAll() throws Exception
    {
        final Path data = dir.resolve("data");
        final SplittableRandom random = new SplittableRandom(7);
        long journaled = 0;
        for (int kill = 0; kill < KILLS; kill++)
        {
            final Server server = Server.start(data, kill > 0);
            assertEquals(journaled, server.recovered, "restart " + kill + " recovered the whole journal");

            final FeedClient client = FeedClient.connect(new InetSocketAddress("127.0.0.1", server.feedPort));
            final int run = kill;
            final Thread sender = new Thread(() -> send(client, run), "crash-test-sender");
            sender.start();
            final long killAt = 50_000 + random.nextInt(150_000);
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (client.eventsAccepted() < killAt && System.nanoTime() < deadlineNs)
            {
                Thread.sleep(1);
            }
            server.process.destroyForcibly().waitFor();
            final long acknowledged = client.eventsAccepted();
            sender.join(30_000);
            client.close();
            assertTrue(acknowledged >= killAt, "the feed was acknowledged before the kill: " + acknowledged);

            final long after = journalLength(data);
            assertTrue(after - journaled >= acknowledged, "kill " + kill + ": " + acknowledged +
                " frames acknowledged, " + (after - journaled) + " journaled");
            System.out.printf("kill %d: %,d frames acknowledged, %,d journaled, %,d recovered at the restart%n", kill,
                acknowledged, after - journaled, server.recovered);
            journaled = after;
        }

        final Server last = Server.start(data, true);
        assertEquals(journaled, last.recovered, "the last restart recovered every frame kept through " + KILLS +
            " kills");
        last.process.destroy();
        assertTrue(last.process.waitFor(60, TimeUnit.SECONDS), "stopped on SIGTERM");
        assertEquals(journaled, journalLength(data), "nothing appended with no feed");
    }

    /**
     * Sends generated frames until the connection fails; each run's event time starts a day after the last's.
     */
    private static void send(final FeedClient client, final int run)
    {
        final GeneratorConfig config = GeneratorConfig.defaults(500, 5_000_000, 100 + run)
            .withStartTimeMs(GeneratorConfig.DEFAULT_START_TIME_MS + run * 86_400_000L);
        final EventGenerator generator = new EventGenerator(config);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
        try
        {
            while (true)
            {
                int position = 0;
                int length;
                while (position + 512 <= buffer.capacity() && (length = generator.next(buffer, position)) > 0)
                {
                    position += length;
                }
                if (0 == position)
                {
                    return;
                }
                client.send(buffer, 0, position);
            }
        }
        catch (final RuntimeException serverGone)
        {
            // the kill: what was acknowledged before it is what the test checks
        }
    }

    private static long journalLength(final Path data)
    {
        try (InputJournalReader reader = new InputJournalReader(data.resolve("journal").resolve("input")))
        {
            return reader.endSequence();
        }
    }

    /** {@code netpulse serve} in a child JVM with this one's module flags and class path. */
    private static final class Server
    {
        final Process process;
        final int feedPort;
        final long recovered;

        private Server(final Process process, final int feedPort, final long recovered)
        {
            this.process = process;
            this.feedPort = feedPort;
            this.recovered = recovered;
        }

        static Server start(final Path data, final boolean resume) throws IOException, InterruptedException
        {
            final List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
            {
                if (argument.startsWith("--add-opens") || argument.startsWith("--add-exports"))
                {
                    command.add(argument);
                }
            }
            command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"),
                Netpulse.class.getName(), "serve", "--port", "0", "--no-generator", "--feed-port", "0",
                "--feed-host", "127.0.0.1", "--data", data.toString(), "--http-threads", "2"));
            if (resume)
            {
                command.add("--resume");
            }
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            final Thread reader = new Thread(() ->
            {
                try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
                {
                    String line;
                    while (null != (line = out.readLine()))
                    {
                        lines.add(line);
                    }
                }
                catch (final IOException ignored)
                {
                    // the process was killed
                }
            }, "crash-test-server-output");
            reader.setDaemon(true);
            reader.start();

            long recovered = 0;
            final StringBuilder seen = new StringBuilder();
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadlineNs)
            {
                final String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (null == line)
                {
                    assertTrue(process.isAlive(), "serve exited: " + seen);
                    continue;
                }
                seen.append(line).append('\n');
                final Matcher recoveredLine = RECOVERED.matcher(line);
                if (recoveredLine.find())
                {
                    recovered = Long.parseLong(recoveredLine.group(1).replace(",", ""));
                }
                final Matcher port = FEED_PORT.matcher(line);
                if (port.find())
                {
                    return new Server(process, Integer.parseInt(port.group(1)), recovered);
                }
            }
            process.destroyForcibly();
            assertNotNull(null, "serve did not open its feed port in 120 s: " + seen);
            return null;
        }
    }
}
