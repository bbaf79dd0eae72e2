/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.codec.text;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTokenizerTest
{
    private static List<String> fields(final CsvTokenizer tokenizer)
    {
        final List<String> fields = new ArrayList<>();
        for (int i = 0; i < tokenizer.fieldCount(); i++)
        {
            fields.add(tokenizer.field(i).toString());
        }
        return fields;
    }

    @Test
    void shouldSplitPlainFieldsAndRecordsOnEveryLineBreak()
    {
        final CsvTokenizer csv = new CsvTokenizer(new StringReader("a,b,c\r\nd,e,f\ng,h\ri,j"));
        assertEquals(CsvTokenizer.RECORD, csv.next());
        assertEquals(List.of("a", "b", "c"), fields(csv));
        assertEquals(1, csv.line());
        assertEquals(CsvTokenizer.RECORD, csv.next());
        assertEquals(List.of("d", "e", "f"), fields(csv));
        assertEquals(2, csv.line());
        assertEquals(CsvTokenizer.RECORD, csv.next());
        assertEquals(List.of("g", "h"), fields(csv));
        assertEquals(CsvTokenizer.RECORD, csv.next());
        assertEquals(List.of("i", "j"), fields(csv));
        assertEquals(4, csv.line());
        assertEquals(CsvTokenizer.END, csv.next());
        assertEquals(CsvTokenizer.END, csv.next());
    }

    @Test
    void shouldUnquoteDelimitersLineBreaksAndDoubledQuotes()
    {
        final CsvTokenizer csv = new CsvTokenizer(new StringReader(
            "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"\",plain\nnext,1\n"));
        assertEquals(CsvTokenizer.RECORD, csv.next());
        assertEquals(List.of("a,b", "say \"hi\"", "two\nlines", "", "plain"), fields(csv));
        assertTrue(csv.quoted(0));
        assertTrue(csv.quoted(3));
        assertFalse(csv.quoted(4));
        assertEquals(1, csv.fieldLine(2));
        assertEquals(2, csv.fieldLine(4));
        assertEquals("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"\",plain", csv.rawRecord());
        assertEquals(CsvTokenizer.RECORD, csv.next());
        assertEquals(List.of("next", "1"), fields(csv));
        assertEquals(3, csv.line());
    }

    @Test
    void shouldKeepEmptyUnquotedFieldsDistinctFromQuotedEmptyOnes()
    {
        final CsvTokenizer csv = new CsvTokenizer(new StringReader(",\"\",,x,"));
        assertEquals(CsvTokenizer.RECORD, csv.next());
        assertEquals(List.of("", "", "", "x", ""), fields(csv));
        assertFalse(csv.quoted(0));
        assertTrue(csv.quoted(1));
        assertFalse(csv.quoted(2));
        assertEquals(0, csv.fieldLength(4));
        assertEquals(6, csv.fieldColumn(3));
        assertTrue(csv.fieldEquals(3, "x"));
        assertFalse(csv.fieldEquals(3, "y"));
        assertFalse(csv.fieldEquals(3, "xy"));
    }

    @Test
    void shouldSkipBlankLinesAndAByteOrderMark()
    {
        final CsvTokenizer csv = new CsvTokenizer(new StringReader("\uFEFFa,b\n\n\r\n\nc\n\n"));
        assertEquals(CsvTokenizer.RECORD, csv.next());
        assertEquals(List.of("a", "b"), fields(csv));
        assertEquals(CsvTokenizer.RECORD, csv.next());
        assertEquals(List.of("c"), fields(csv));
        assertEquals(5, csv.line());
        assertEquals(CsvTokenizer.END, csv.next());
    }

    @Test
    void shouldRejectAQuoteInsideAnUnquotedFieldWithItsLineAndColumnAndCarryOn()
    {
        final CsvTokenizer csv = new CsvTokenizer(new StringReader("ok,1\nab\"c,2\nnext,3\n"));
        assertEquals(CsvTokenizer.RECORD, csv.next());
        assertEquals(CsvTokenizer.ERROR, csv.next());
        assertEquals(2, csv.errorLine());
        assertEquals(3, csv.errorColumn());
        assertTrue(csv.errorMessage().contains("quote inside an unquoted field"), csv.errorMessage());
        assertEquals("ab\"c,2", csv.rawRecord());
        assertEquals(0, csv.fieldCount());
        assertEquals(CsvTokenizer.RECORD, csv.next());
        assertEquals(List.of("next", "3"), fields(csv));
        assertEquals(null, csv.errorMessage());
    }

    @Test
    void shouldRejectTextAfterAClosingQuote()
    {
        final CsvTokenizer csv = new CsvTokenizer(new StringReader("\"abc\"x,1\r\nb,2"));
        assertEquals(CsvTokenizer.ERROR, csv.next());
        assertEquals(1, csv.errorLine());
        assertEquals(6, csv.errorColumn());
        assertTrue(csv.errorMessage().contains("after a closing quote"));
        assertEquals(CsvTokenizer.RECORD, csv.next());
        assertEquals(List.of("b", "2"), fields(csv));
        assertEquals(2, csv.line());
    }

    @Test
    void shouldRejectAQuotedFieldLeftOpenAtTheEnd()
    {
        final CsvTokenizer csv = new CsvTokenizer(new StringReader("a,b\nc,\"never\nclosed"));
        assertEquals(CsvTokenizer.RECORD, csv.next());
        assertEquals(CsvTokenizer.ERROR, csv.next());
        assertEquals(2, csv.errorLine());
        assertEquals(3, csv.errorColumn());
        assertTrue(csv.errorMessage().contains("not closed"));
        assertEquals(CsvTokenizer.END, csv.next());
    }

    @Test
    void shouldRejectARecordLongerThanTheLimitAndResumeOnTheNextLine()
    {
        final CsvTokenizer csv = new CsvTokenizer(new StringReader("0123456789,x\nshort\n\"open,12345678901\nok"),
            ',', 10);
        assertEquals(CsvTokenizer.ERROR, csv.next());
        assertEquals(1, csv.errorLine());
        assertTrue(csv.errorMessage().startsWith("record longer than 10"), csv.errorMessage());
        assertEquals(CsvTokenizer.RECORD, csv.next());
        assertEquals(List.of("short"), fields(csv));
        assertEquals(CsvTokenizer.ERROR, csv.next());
        assertTrue(csv.errorMessage().contains("never closed"), csv.errorMessage());
        assertEquals(CsvTokenizer.RECORD, csv.next());
        assertEquals(List.of("ok"), fields(csv));
    }

    @Test
    void shouldAcceptARecordExactlyAtTheLimit()
    {
        final CsvTokenizer csv = new CsvTokenizer(new StringReader("0123456789\n01234567890"), ',', 10);
        assertEquals(CsvTokenizer.RECORD, csv.next());
        assertEquals("0123456789", csv.field(0).toString());
        assertEquals(CsvTokenizer.ERROR, csv.next());
    }

    @Test
    void shouldUseAnotherDelimiter()
    {
        final CsvTokenizer csv = new CsvTokenizer(new StringReader("a;\"b;c\";d"), ';', 100);
        assertEquals(CsvTokenizer.RECORD, csv.next());
        assertEquals(List.of("a", "b;c", "d"), fields(csv));
        assertThrows(IllegalArgumentException.class, () -> new CsvTokenizer(new StringReader(""), '"', 10));
        assertThrows(IllegalArgumentException.class, () -> new CsvTokenizer(new StringReader(""), ',', 0));
    }

    @Test
    void shouldReadRecordsSpanningReadBuffers()
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++)
        {
            text.append(i).append(",\"v").append(i).append("\"\"x\"\n");
        }
        final CsvTokenizer csv = new CsvTokenizer(new StringReader(text.toString()));
        for (int i = 0; i < 20_000; i++)
        {
            assertEquals(CsvTokenizer.RECORD, csv.next());
            assertEquals(Integer.toString(i), csv.field(0).toString());
            assertEquals("v" + i + "\"x", csv.field(1).toString());
        }
        assertEquals(CsvTokenizer.END, csv.next());
        assertEquals(text.length(), csv.charsRead());
    }

    @Test
    void shouldRejectTooManyFields()
    {
        final String line = ",".repeat(CsvTokenizer.MAX_FIELDS + 1);
        final CsvTokenizer csv = new CsvTokenizer(new StringReader(line + "\nx"), ',', 100_000);
        assertEquals(CsvTokenizer.ERROR, csv.next());
        assertTrue(csv.errorMessage().contains("fields"));
        assertEquals(CsvTokenizer.RECORD, csv.next());
    }

    @Test
    void shouldGiveFieldViewsThatBehaveAsCharSequences()
    {
        final CsvTokenizer csv = new CsvTokenizer(new StringReader("hello,x"));
        csv.next();
        final CharSequence field = csv.field(0);
        assertEquals(5, field.length());
        assertEquals('e', field.charAt(1));
        assertEquals("ell", field.subSequence(1, 4).toString());
        assertThrows(IndexOutOfBoundsException.class, () -> field.charAt(5));
        assertThrows(IndexOutOfBoundsException.class, () -> csv.field(2));
        assertFalse(csv.rawTruncated());
        assertEquals(7, csv.rawLength());
        assertEquals('h', csv.rawChars()[0]);
    }

    @Test
    void shouldReportAFailingReaderAsAnIoError()
    {
        final Reader broken = new Reader()
        {
            public int read(final char[] buffer, final int offset, final int length) throws IOException
            {
                throw new IOException("disk gone");
            }

            public void close() throws IOException
            {
                throw new IOException("cannot close");
            }
        };
        final CsvTokenizer csv = new CsvTokenizer(broken);
        assertThrows(UncheckedIOException.class, csv::next);
        assertThrows(UncheckedIOException.class, csv::close);
    }
}
