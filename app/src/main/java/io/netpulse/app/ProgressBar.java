/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app;

import io.netpulse.engine.feed.Progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on standard error, redrawn at most a few times a second, shown only on a terminal
 * so that scripts and logs stay clean.
 */
public final class ProgressBar implements Progress
{
    private static final int WIDTH = 30;
    private static final long REDRAW_NS = 200_000_000L;

    private final PrintStream out;
    private final String label;
    private final String unit;
    private final boolean enabled;
    private final long startNs = System.nanoTime();
    private long lastDrawNs;
    private boolean drawn;

    /**
     * A bar for a task.
     *
     * @param label what is being done.
     * @param unit  what is counted, e.g. "events" or "bytes".
     */
    public ProgressBar(final String label, final String unit)
    {
        this(System.err, label, unit, null != System.console());
    }

    ProgressBar(final PrintStream out, final String label, final String unit, final boolean enabled)
    {
        this.out = out;
        this.label = label;
        this.unit = unit;
        this.enabled = enabled;
    }

    /**
     * {@inheritDoc}
     */
    public void update(final long done, final long total)
    {
        if (!enabled)
        {
            return;
        }
        final long nowNs = System.nanoTime();
        if (nowNs - lastDrawNs < REDRAW_NS && done != total)
        {
            return;
        }
        lastDrawNs = nowNs;
        out.print('\r');
        out.print(render(done, total, nowNs - startNs));
        drawn = true;
    }

    String render(final long done, final long total, final long elapsedNs)
    {
        final StringBuilder line = new StringBuilder(80).append(label).append(" [");
        final double fraction = total > 0 ? Math.min(1.0, (double)done / total) : 0;
        final int filled = (int)(fraction * WIDTH);
        for (int i = 0; i < WIDTH; i++)
        {
            line.append(i < filled ? '#' : '.');
        }
        final double seconds = Math.max(1e-9, elapsedNs / 1e9);
        line.append("] ").append(String.format(Locale.ROOT, "%3.0f%% %s %s %s/s", fraction * 100,
            human(done), unit, human((long)(done / seconds))));
        return line.toString();
    }

    /**
     * Ends the bar's line, if one was drawn.
     */
    public void finish()
    {
        if (drawn)
        {
            out.println();
            drawn = false;
        }
    }

    /**
     * A count in a short form: 1234567 becomes 1.23M.
     *
     * @param value the count.
     * @return the short form.
     */
    public static String human(final long value)
    {
        if (value >= 1_000_000_000L)
        {
            return String.format(Locale.ROOT, "%.2fG", value / 1e9);
        }
        if (value >= 1_000_000L)
        {
            return String.format(Locale.ROOT, "%.2fM", value / 1e6);
        }
        if (value >= 1_000L)
        {
            return String.format(Locale.ROOT, "%.1fk", value / 1e3);
        }
        return Long.toString(value);
    }
}
