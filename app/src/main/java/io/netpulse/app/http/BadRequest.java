/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app.http;

/**
 * A request the service refuses with 400: names the parameter at fault and what it allows.
 */
public final class BadRequest extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String parameter;

    /**
     * A bad parameter.
     *
     * @param parameter its name.
     * @param message   what was wrong and what is allowed.
     */
    public BadRequest(final String parameter, final String message)
    {
        super(message);
        this.parameter = parameter;
    }

    /**
     * The parameter at fault.
     *
     * @return its name, or null when the request as a whole was bad.
     */
    public String parameter()
    {
        return parameter;
    }
}
