/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import io.netpulse.codec.RejectReason;
import io.netpulse.codec.sbe.CallResult;
import io.netpulse.codec.sbe.ServiceType;

import java.io.Reader;
import java.util.regex.Matcher;

/**
 * Imports Asterisk's {@code Master.csv} (cdr_csv) as call detail records. The file has no header; each line
 * holds at least these sixteen fields, strings double-quoted with {@code ""} escapes, and an empty unquoted
 * field for a time that is zero (the answer time of an unanswered call):
 * <pre>
 * accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata,
 * start, answer, end, duration, billsec, disposition, amaflags [, uniqueid [, userfield ...]]
 * </pre>
 * Each line becomes one CDR:
 * <ul>
 * <li>event time: {@code start}, a local time read in the configured zone;</li>
 * <li>element: from the channel, by the {@link AsteriskChannelMapping};</li>
 * <li>result and Q.850 release cause from {@code disposition}: ANSWERED (16), NO ANSWER (19), BUSY (17),
 * FAILED (41), CONGESTION (failed, 34);</li>
 * <li>setup delay: {@code answer - start} for an answered call, 0 otherwise; duration: {@code billsec};</li>
 * <li>service: voice; caller and callee: {@code src} and {@code dst}, hashed;</li>
 * <li>CDR id: the hash of {@code uniqueid} when the line has one, otherwise the hash of the line's fields, so a
 * line sent twice is recognised as a duplicate either way.</li>
 * </ul>
 */
public final class AsteriskCdrReader implements TextEventReader
{
    /** Label of the format in rejections and dead letters. */
    public static final String FORMAT = "asterisk-cdr";

    /** Fields every Master.csv line has. */
    public static final int MIN_FIELDS = 16;

    private static final int SRC = 1;
    private static final int DST = 2;
    private static final int START = 9;
    private static final int ANSWER = 10;
    private static final int END = 11;
    private static final int DURATION = 12;
    private static final int BILLSEC = 13;
    private static final int DISPOSITION = 14;
    private static final int UNIQUEID = 16;
    private static final long MAX_SECONDS = Integer.MAX_VALUE / 1000;

    private final CsvTokenizer tokenizer;
    private final TextEventEncoder encoder;
    private final TextValueParser parser;
    private final Matcher channelMatcher;
    private final int channelColumn;
    private final CharSlice element = new CharSlice();
    private final TextRejection rejection = new TextRejection();
    private long records;
    private long rejected;

    /**
     * A reader over Master.csv text.
     *
     * @param reader  the text.
     * @param options how to read it (zone, channel mapping, identities).
     */
    public AsteriskCdrReader(final Reader reader, final TextFormatOptions options)
    {
        this.tokenizer = new CsvTokenizer(reader, ',', options.maxRecordChars());
        this.parser = new TextValueParser(options.zone());
        this.encoder = options.newEncoder(parser);
        this.channelMatcher = options.channelMapping().newMatcher();
        this.channelColumn = options.channelMapping().column();
    }

    /**
     * {@inheritDoc}
     */
    public boolean next(final TextEventHandler handler)
    {
        final int status = tokenizer.next();
        if (status == CsvTokenizer.END)
        {
            return false;
        }
        records++;
        if (status == CsvTokenizer.ERROR)
        {
            return reject(handler, RejectReason.MALFORMED_RECORD, tokenizer.errorLine(), tokenizer.errorColumn(),
                tokenizer.errorMessage());
        }
        if (tokenizer.fieldCount() < MIN_FIELDS)
        {
            return reject(handler, RejectReason.MALFORMED_RECORD, tokenizer.line(), 0,
                "Master.csv lines have at least " + MIN_FIELDS + " fields; this one has " + tokenizer.fieldCount());
        }

        if (!time(START, true))
        {
            return rejectField(handler, START, "start");
        }
        final long startMs = parser.longValue();
        final boolean answeredAt = tokenizer.fieldLength(ANSWER) > 0;
        if (answeredAt && !time(ANSWER, false))
        {
            return rejectField(handler, ANSWER, "answer");
        }
        final long answerMs = answeredAt ? parser.longValue() : 0;
        if (tokenizer.fieldLength(END) > 0 && !time(END, false))
        {
            return rejectField(handler, END, "end");
        }
        if (!parser.parseLong(tokenizer.field(DURATION), 0, MAX_SECONDS))
        {
            return rejectField(handler, DURATION, "duration");
        }
        if (!parser.parseLong(tokenizer.field(BILLSEC), 0, MAX_SECONDS))
        {
            return rejectField(handler, BILLSEC, "billsec");
        }
        final int billsec = (int)parser.longValue();

        final CharSequence disposition = tokenizer.field(DISPOSITION);
        final CallResult result;
        final int cause;
        if (TextEventEncoder.equalsFolded(disposition, "ANSWERED"))
        {
            result = CallResult.ANSWERED;
            cause = 16;
        }
        else if (TextEventEncoder.equalsFolded(disposition, "NO ANSWER"))
        {
            result = CallResult.NO_ANSWER;
            cause = 19;
        }
        else if (TextEventEncoder.equalsFolded(disposition, "BUSY"))
        {
            result = CallResult.BUSY;
            cause = 17;
        }
        else if (TextEventEncoder.equalsFolded(disposition, "FAILED"))
        {
            result = CallResult.FAILED;
            cause = 41;
        }
        else if (TextEventEncoder.equalsFolded(disposition, "CONGESTION"))
        {
            result = CallResult.FAILED;
            cause = 34;
        }
        else
        {
            return reject(handler, RejectReason.ENUM_OUT_OF_RANGE, tokenizer.fieldLine(DISPOSITION),
                tokenizer.fieldColumn(DISPOSITION), "disposition: '" + disposition +
                "' is not ANSWERED, NO ANSWER, BUSY, FAILED or CONGESTION");
        }

        final CharSequence channel = tokenizer.field(channelColumn);
        if (channel.length() == 0)
        {
            return reject(handler, RejectReason.MALFORMED_RECORD, tokenizer.fieldLine(channelColumn),
                tokenizer.fieldColumn(channelColumn), "empty channel: no element to attribute the call to");
        }
        channelMatcher.reset(channel);
        if (channelMatcher.matches() && channelMatcher.end(1) > channelMatcher.start(1))
        {
            element.wrap(channel, channelMatcher.start(1), channelMatcher.end(1));
        }
        else
        {
            element.wrap(channel, 0, channel.length());
        }

        final long setupMs = result == CallResult.ANSWERED && answeredAt ? answerMs - startMs : 0;
        if (setupMs > Integer.MAX_VALUE || setupMs < Integer.MIN_VALUE)
        {
            return reject(handler, RejectReason.VALUE_OUT_OF_RANGE, tokenizer.fieldLine(ANSWER),
                tokenizer.fieldColumn(ANSWER), "answer: too far from start");
        }
        final RejectReason reason = encoder.callDetailRecord(
            startMs, cdrId(), element, tokenizer.fieldColumn(channelColumn), ServiceType.VOICE, result, cause,
            (int)setupMs, billsec * 1000, 0, 0, 0, TextIdentities.nameHash(tokenizer.field(SRC)),
            TextIdentities.nameHash(tokenizer.field(DST)), handler);
        if (null != reason)
        {
            final int column = reason == RejectReason.NEGATIVE_VALUE ? tokenizer.fieldColumn(ANSWER) :
                reason == RejectReason.TIMESTAMP_OUT_OF_RANGE ? tokenizer.fieldColumn(START) : encoder.errorColumn();
            return reject(handler, reason, tokenizer.line(), column,
                reason == RejectReason.NEGATIVE_VALUE ? "answer is before start" : encoder.errorMessage());
        }
        return true;
    }

    private long cdrId()
    {
        if (tokenizer.fieldCount() > UNIQUEID && tokenizer.fieldLength(UNIQUEID) > 0)
        {
            return TextIdentities.nameHash(tokenizer.field(UNIQUEID));
        }
        long hash = 0;
        for (int i = 0; i < MIN_FIELDS; i++)
        {
            hash = hash * 31 + TextIdentities.nameHash(tokenizer.field(i));
        }
        return hash;
    }

    private boolean time(final int field, final boolean required)
    {
        if (tokenizer.fieldLength(field) == 0)
        {
            return !required;
        }
        return parser.parseTime(tokenizer.field(field));
    }

    private boolean rejectField(final TextEventHandler handler, final int field, final String name)
    {
        final String problem = tokenizer.fieldLength(field) == 0 ? "empty" : parser.error();
        return reject(handler, RejectReason.MALFORMED_RECORD, tokenizer.fieldLine(field),
            tokenizer.fieldColumn(field), name + ": " + problem);
    }

    private boolean reject(
        final TextEventHandler handler,
        final RejectReason reason,
        final long line,
        final int column,
        final String message)
    {
        rejected++;
        handler.onRejected(rejection.set(
            reason, line, column, message, FORMAT, null, tokenizer.rawChars(), tokenizer.rawLength()));
        return true;
    }

    /**
     * {@inheritDoc}
     */
    public long records()
    {
        return records;
    }

    /**
     * {@inheritDoc}
     */
    public long rejected()
    {
        return rejected;
    }

    /**
     * Characters consumed so far.
     *
     * @return the count.
     */
    public long charsRead()
    {
        return tokenizer.charsRead();
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        tokenizer.close();
    }
}
