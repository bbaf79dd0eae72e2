/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import java.io.Reader;

/**
 * The text formats netpulse reads, by the name users give them ({@code --format}).
 */
public enum TextFormat
{
    /** CSV with a header, events of any type: {@link CsvEventReader}. */
    CSV(CsvEventReader.FORMAT),

    /** One JSON object per line, events of any type: {@link NdjsonEventReader}. */
    NDJSON(NdjsonEventReader.FORMAT),

    /** Asterisk Master.csv call detail records: {@link AsteriskCdrReader}. */
    ASTERISK_CDR(AsteriskCdrReader.FORMAT),

    /**
     * Generic KPI CSV, {@code timestamp,element,metric,value}: {@link CsvEventReader#kpi(Reader, TextFormatOptions)}.
     */
    KPI_CSV(CsvEventReader.KPI_FORMAT);

    private final String label;

    TextFormat(final String label)
    {
        this.label = label;
    }

    /**
     * The name users give the format.
     *
     * @return the label.
     */
    public String label()
    {
        return label;
    }

    /**
     * Opens a reader of this format.
     *
     * @param reader  the text.
     * @param options how to read it.
     * @return the event reader.
     */
    public TextEventReader open(final Reader reader, final TextFormatOptions options)
    {
        switch (this)
        {
            case CSV:
                return new CsvEventReader(reader, options);
            case NDJSON:
                return new NdjsonEventReader(reader, options);
            case KPI_CSV:
                return CsvEventReader.kpi(reader, options);
            default:
                return new AsteriskCdrReader(reader, options);
        }
    }

    /**
     * The format with a label.
     *
     * @param label as users write it.
     * @return the format, or null.
     */
    public static TextFormat of(final String label)
    {
        for (final TextFormat format : values())
        {
            if (format.label.equals(label))
            {
                return format;
            }
        }
        return null;
    }
}
