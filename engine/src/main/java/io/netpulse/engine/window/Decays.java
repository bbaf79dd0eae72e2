/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

import java.util.Locale;

/**
 * The built-in {@link DecayFunction}s, and parsing them from text ({@code none}, {@code exp:10m},
 * {@code linear:1h}, {@code step:15m:0.5}) for the command line.
 */
public final class Decays
{
    /** Every bucket weighs 1. */
    static final DecayFunction NONE = new DecayFunction()
    {
        public double weight(final long ageMs)
        {
            return 1.0;
        }

        public String toString()
        {
            return "none";
        }
    };

    private Decays()
    {
    }

    /**
     * Parses a decay function: {@code none}, {@code exp:HALF_LIFE}, {@code linear:SPAN} or
     * {@code step:STEP:FACTOR}, durations as {@link Durations#parseMs} reads them.
     *
     * @param text the description.
     * @return the function.
     * @throws IllegalArgumentException naming the accepted forms.
     */
    public static DecayFunction parse(final String text)
    {
        final String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":");
        try
        {
            switch (parts[0])
            {
                case "none":
                    if (1 == parts.length)
                    {
                        return DecayFunction.none();
                    }
                    break;
                case "exp":
                case "exponential":
                    if (2 == parts.length)
                    {
                        return DecayFunction.exponential(Durations.parseMs(parts[1]));
                    }
                    break;
                case "linear":
                    if (2 == parts.length)
                    {
                        return DecayFunction.linear(Durations.parseMs(parts[1]));
                    }
                    break;
                case "step":
                    if (3 == parts.length)
                    {
                        return DecayFunction.step(Durations.parseMs(parts[1]), Double.parseDouble(parts[2]));
                    }
                    break;
                default:
                    break;
            }
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("bad number in decay '" + text + "'", ex);
        }
        throw new IllegalArgumentException(
            "unknown decay '" + text + "': expected none, exp:HALF_LIFE, linear:SPAN or step:STEP:FACTOR");
    }

    /** {@code 2^(-age / halfLife)}. */
    static final class Exponential implements DecayFunction
    {
        private final long halfLifeMs;
        private final double rate;

        Exponential(final long halfLifeMs)
        {
            if (halfLifeMs <= 0)
            {
                throw new IllegalArgumentException("half-life must be positive: " + halfLifeMs);
            }
            this.halfLifeMs = halfLifeMs;
            this.rate = Math.log(2.0) / halfLifeMs;
        }

        public double weight(final long ageMs)
        {
            return Math.exp(-rate * ageMs);
        }

        public String toString()
        {
            return "exp:" + Durations.format(halfLifeMs);
        }
    }

    /** {@code max(0, 1 - age / span)}. */
    static final class Linear implements DecayFunction
    {
        private final long spanMs;

        Linear(final long spanMs)
        {
            if (spanMs <= 0)
            {
                throw new IllegalArgumentException("span must be positive: " + spanMs);
            }
            this.spanMs = spanMs;
        }

        public double weight(final long ageMs)
        {
            return ageMs >= spanMs ? 0.0 : 1.0 - (double)ageMs / spanMs;
        }

        public String toString()
        {
            return "linear:" + Durations.format(spanMs);
        }
    }

    /** {@code factor^floor(age / step)}. */
    static final class Step implements DecayFunction
    {
        private final long stepMs;
        private final double factor;

        Step(final long stepMs, final double factor)
        {
            if (stepMs <= 0)
            {
                throw new IllegalArgumentException("step must be positive: " + stepMs);
            }
            if (!(factor >= 0.0 && factor <= 1.0))
            {
                throw new IllegalArgumentException("step factor must be in [0, 1]: " + factor);
            }
            this.stepMs = stepMs;
            this.factor = factor;
        }

        public double weight(final long ageMs)
        {
            return Math.pow(factor, (double)(ageMs / stepMs));
        }

        public String toString()
        {
            return "step:" + Durations.format(stepMs) + ":" + factor;
        }
    }
}
