/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.window;

/**
 * How much a bucket counts when a window is read, by its age: applied at read time, so one set of buckets
 * answers "the last hour, flat" and "the last hour with a 10-minute half-life" alike. A bucket's age is the
 * time from its midpoint to the read's "now" (0 for a bucket whose midpoint is at or after now).
 * <p>
 * Build a function once and reuse it; {@link #weight} must not allocate, must be pure, and should return a
 * value in [0, 1] (0 leaves a bucket out). Users implement their own as a lambda:
 * {@code DecayFunction halfDay = ageMs -> ageMs < 43_200_000 ? 1.0 : 0.25;}
 */
@FunctionalInterface
public interface DecayFunction
{
    /**
     * The weight of a bucket.
     *
     * @param ageMs how long before "now" the bucket's midpoint is, never negative.
     * @return the weight.
     */
    double weight(long ageMs);

    /**
     * No decay: every bucket weighs 1.
     *
     * @return the function.
     */
    static DecayFunction none()
    {
        return Decays.NONE;
    }

    /**
     * Exponential decay: the weight halves every half-life, {@code 2^(-age / halfLife)}.
     *
     * @param halfLifeMs the half-life, positive.
     * @return the function.
     */
    static DecayFunction exponential(final long halfLifeMs)
    {
        return new Decays.Exponential(halfLifeMs);
    }

    /**
     * Linear decay: from 1 at age 0 to 0 at the span, {@code max(0, 1 - age / span)}.
     *
     * @param spanMs the age at which the weight reaches 0, positive.
     * @return the function.
     */
    static DecayFunction linear(final long spanMs)
    {
        return new Decays.Linear(spanMs);
    }

    /**
     * Step decay: the weight is multiplied by a factor at every step of age, {@code factor^floor(age / step)};
     * a factor of 0 keeps only the buckets younger than one step (a hard cut-off).
     *
     * @param stepMs the length of a step, positive.
     * @param factor applied per step, in [0, 1].
     * @return the function.
     */
    static DecayFunction step(final long stepMs, final double factor)
    {
        return new Decays.Step(stepMs, factor);
    }
}
