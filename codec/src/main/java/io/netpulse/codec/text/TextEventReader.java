/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

/**
 * Reads a text feed record by record and turns each into frames, or a rejection with a reason. Records of
 * several lines, headers and blank lines are the reader's business; the handler sees frames and rejections.
 * Streams with constant memory. One thread.
 */
public interface TextEventReader extends AutoCloseable
{
    /**
     * Reads and handles the next record (a header line is read on the way, and is not a record).
     *
     * @param handler receives the record's frames or its rejection.
     * @return false once the input is exhausted.
     */
    boolean next(TextEventHandler handler);

    /**
     * Records read so far, refused ones included.
     *
     * @return the count.
     */
    long records();

    /**
     * Records refused so far.
     *
     * @return the count.
     */
    long rejected();

    /**
     * Closes the input.
     */
    void close();
}
