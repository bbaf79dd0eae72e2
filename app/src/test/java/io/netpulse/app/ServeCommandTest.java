/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code netpulse serve} runs the engine behind the API, fed by the generator, until stopped, then closes
 * cleanly with everything journaled; {@code netpulse query} asks it and prints a table.
 */
class ServeCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldServeUntilStoppedAndAnswerTheQueryCommand() throws Exception
    {
        final ServeCommand serve = new ServeCommand();
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = new CommandLine(serve);
        commandLine.setOut(new PrintWriter(out, true));
        final Path data = dir.resolve("serve");
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread thread = new Thread(() -> exit.set(commandLine.execute("--port", "0", "--data", data.toString(),
            "--elements", "200", "--rate", "50000", "--retain-element", "10m,2h,1d", "--retain-site", "1h,1d,7d",
            "--retain-region", "2h,2d,30d", "--lateness", "30s", "--http-threads", "4")));
        thread.start();

        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (null == serve.running() && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
        }
        final NetpulseService service = serve.running();
        assertNotNull(service, "serve started: " + out);
        while (service.engine().cube().stats().eventsApplied() < 20_000 && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
        }
        assertTrue(out.toString().contains("listening on http://127.0.0.1:" + service.port()), out.toString());

        final NetpulseCommandTest.Result table = NetpulseCommandTest.run("query", "--port",
            Integer.toString(service.port()), "groupBy=region", "metric=cdr.setup_ms", "measures=count,mean,p99",
            "order=region");
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().startsWith("region"), table.out());
        assertTrue(table.out().contains("region-01"), table.out());
        assertTrue(table.out().contains("groups from the region cuboid"), table.out());

        // A range of closed buckets only (here none: long before the feed) is answered again from the cube's cache.
        final String[] closedRange = {"query", "--port", Integer.toString(service.port()), "groupBy=region",
            "from=2020-01-01T00:00:00Z", "to=2020-01-01T01:00:00Z"};
        final NetpulseCommandTest.Result computed = NetpulseCommandTest.run(closedRange);
        final NetpulseCommandTest.Result kept = NetpulseCommandTest.run(closedRange);
        assertTrue(computed.out().contains("0 of 0 groups from the region cuboid, 0 cells in 0 buckets"),
            computed.out());
        assertTrue(kept.out().contains("0 of 0 groups from the region cuboid, kept from an earlier answer"),
            kept.out());

        final NetpulseCommandTest.Result json = NetpulseCommandTest.run("query", "--port",
            Integer.toString(service.port()), "--json", "groupBy=metric");
        assertEquals(0, json.exitCode(), json.err());
        assertTrue(((Map<?, ?>)JsonReader.parse(json.out().trim())).containsKey("rows"));

        final NetpulseCommandTest.Result bad = NetpulseCommandTest.run("query", "--port",
            Integer.toString(service.port()), "groupBy=colour");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("colour"), bad.err());
        assertEquals(2, NetpulseCommandTest.run("query", "--port", Integer.toString(service.port()), "region")
            .exitCode());

        serve.stop();
        thread.join(60_000);
        assertEquals(0, exit.get());
        assertTrue(out.toString().contains("netpulse serve: stopped"), out.toString());
        assertTrue(service.engine().isClosing());
        assertTrue(Files.exists(data.resolve("journal").resolve("input")));
        assertTrue(service.engine().counters().value(io.netpulse.engine.status.SystemCounter.EVENTS_JOURNALED) >=
            service.engine().cube().stats().eventsApplied(), "everything applied was journaled");
    }

    @Test
    void shouldResumeTheRunInItsDataDirectory() throws Exception
    {
        final Path data = dir.resolve("resumed");
        final String[] options = {"--port", "0", "--data", data.toString(), "--elements", "200", "--rate", "50000",
            "--http-threads", "2"};

        final Serving first = Serving.start(options);
        final NetpulseService before = first.runUntilApplied(20_000);
        first.stop();
        final long journaled = before.engine().counters().value(
            io.netpulse.engine.status.SystemCounter.EVENTS_JOURNALED);
        final io.netpulse.engine.cube.CubeStats firstCube = before.engine().cube().stats();

        final String[] resumeOptions = java.util.Arrays.copyOf(options, options.length + 1);
        resumeOptions[options.length] = "--resume";
        final Serving second = Serving.start(resumeOptions);
        final NetpulseService after = second.runUntilApplied(firstCube.eventsApplied() + 20_000);
        assertEquals(journaled, after.engine().recoveredEvents(), "every frame journaled before, recovered");
        assertTrue(second.out.toString().contains(String.format(java.util.Locale.ROOT,
            "recovered %,d events from the journal", journaled)), second.out.toString());
        final java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + after.port() + "/metrics"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(metrics.body().contains("netpulse_recovered_events " + (double)journaled), metrics.body());
        second.stop();

        final io.netpulse.engine.cube.CubeStats lastCube = after.engine().cube().stats();
        assertTrue(lastCube.maxEventTimeMs() > firstCube.maxEventTimeMs(), "the generator went on in event time");
        // the recovered events' late ones are counted again; the generator's own few stragglers aside, new events
        // that started over from the first run's event time would all have been late
        final long newEvents = lastCube.eventsApplied() + lastCube.lateEvents() - firstCube.eventsApplied() -
            firstCube.lateEvents();
        assertTrue(lastCube.lateEvents() - firstCube.lateEvents() < newEvents / 100,
            "new events late: " + (lastCube.lateEvents() - firstCube.lateEvents()) + " of " + newEvents);
        try (io.netpulse.journal.InputJournalReader journal = new io.netpulse.journal.InputJournalReader(
            data.resolve("journal").resolve("input")))
        {
            assertEquals(journaled + after.engine().counters().value(
                io.netpulse.engine.status.SystemCounter.EVENTS_JOURNALED), journal.endSequence(),
                "the second run appended its own events only");
        }
        assertEquals(2, NetpulseCommandTest.run("serve", "--resume", "--overwrite", "--data", data.toString())
            .exitCode(), "--resume and --overwrite contradict each other");

        final String[] overwriteOptions = java.util.Arrays.copyOf(options, options.length + 1);
        overwriteOptions[options.length] = "--overwrite";
        final Serving third = Serving.start(overwriteOptions);
        final NetpulseService replaced = third.runUntilApplied(1);
        third.stop();
        assertEquals(0, replaced.engine().recoveredEvents());
        assertTrue(third.out.toString().contains(
            "replacing the earlier run in " + data + " (--resume goes on with it)"), third.out.toString());
    }

    /** A serve command running on a thread of its own. */
    private static final class Serving
    {
        final ServeCommand serve = new ServeCommand();
        final StringWriter out = new StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        Thread thread;

        static Serving start(final String... options)
        {
            final Serving serving = new Serving();
            final CommandLine commandLine = new CommandLine(serving.serve);
            commandLine.setOut(new PrintWriter(serving.out, true));
            serving.thread = new Thread(() -> serving.exit.set(commandLine.execute(options)));
            serving.thread.start();
            return serving;
        }

        NetpulseService runUntilApplied(final long events) throws InterruptedException
        {
            final long deadline = System.nanoTime() + 60_000_000_000L;
            while (null == serve.running() && System.nanoTime() < deadline)
            {
                Thread.sleep(20);
            }
            final NetpulseService service = serve.running();
            assertNotNull(service, "serve started: " + out);
            while (service.engine().cube().stats().eventsApplied() < events && System.nanoTime() < deadline)
            {
                Thread.sleep(20);
            }
            assertTrue(service.engine().cube().stats().eventsApplied() >= events, "applied " + events);
            return service;
        }

        void stop() throws InterruptedException
        {
            serve.stop();
            thread.join(60_000);
            assertEquals(0, exit.get(), out.toString());
        }
    }

    @Test
    void shouldRefuseBadServeOptionsAndReportAnUnreachableService()
    {
        assertEquals(2, NetpulseCommandTest.run("serve", "--rate", "-1", "--data", dir.resolve("a").toString())
            .exitCode());
        assertEquals(2, NetpulseCommandTest.run("serve", "--retain-site", "1h", "--data", dir.resolve("b")
            .toString()).exitCode());
        assertEquals(2, NetpulseCommandTest.run("serve", "--lateness", "soon", "--data", dir.resolve("c")
            .toString()).exitCode());
        final NetpulseCommandTest.Result unreachable = NetpulseCommandTest.run("query", "--port", "1",
            "--timeout", "2", "groupBy=region");
        assertEquals(1, unreachable.exitCode());
        assertTrue(unreachable.err().contains("cannot reach"), unreachable.err());
    }
}
