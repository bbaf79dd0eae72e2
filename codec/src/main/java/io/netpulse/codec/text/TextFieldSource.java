/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

/**
 * The fields of one text record, by {@link TextField}, whatever the format they were read from.
 */
public interface TextFieldSource
{
    /**
     * A field's value in the current record.
     *
     * @param field wanted.
     * @return its characters (a view valid until the next record), or null when absent, empty or JSON null.
     */
    CharSequence value(TextField field);

    /**
     * Where a field's value starts, for error messages.
     *
     * @param field of interest.
     * @return the 1-based column, or 0 when the field is absent.
     */
    int column(TextField field);
}
