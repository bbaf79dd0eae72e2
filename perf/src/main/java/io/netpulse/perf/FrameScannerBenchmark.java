/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

import io.netpulse.codec.FrameDecoder;
import io.netpulse.codec.FrameHandler;
import io.netpulse.codec.FrameScanner;
import io.netpulse.codec.RejectReason;
import io.netpulse.engine.generator.GeneratorConfig;
import io.netpulse.perf.bench.Corpus;
import org.agrona.DirectBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Splitting a stream into checked frames: the generator's own stream (mixed messages, with its corrupted
 * frames, each rejected and skipped) scanned in 64 KiB chunks as a feed handler reads them; time per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FrameScannerBenchmark implements FrameHandler
{
    /** Frames in the scanned stream. */
    public static final int FRAMES = 1 << 16;

    private static final int CHUNK = 64 * 1024;

    private Corpus corpus;
    private FrameScanner scanner;
    private long checksum;

    /**
     * Generates the stream.
     */
    @Setup
    public void setUp()
    {
        corpus = Corpus.generate(GeneratorConfig.defaults(10_000, FRAMES * 2L, 42), 0);
        scanner = new FrameScanner(new FrameDecoder());
    }

    /**
     * Scans {@value #FRAMES} frames of the data stream.
     *
     * @return a value derived from every frame, so the work is not optimised away.
     */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long scanStream()
    {
        final int from = corpus.frameOffset(corpus.prefixFrames());
        final int to = corpus.frameOffset(corpus.prefixFrames() + FRAMES);
        int position = from;
        while (position < to)
        {
            final int length = Math.min(CHUNK, to - position);
            position += scanner.scan(corpus.buffer(), position, length, position + length == to, this);
        }
        return checksum;
    }

    /**
     * {@inheritDoc}
     */
    public void onFrame(final DirectBuffer buffer, final int offset, final int length, final FrameDecoder decoder)
    {
        checksum += length + decoder.actingBlockLength();
    }

    /**
     * {@inheritDoc}
     */
    public void onReject(final RejectReason reason, final DirectBuffer buffer, final int offset, final int length)
    {
        checksum -= reason.id();
    }
}
