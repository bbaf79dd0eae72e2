/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.cube;

/**
 * A query that cannot be answered as asked, naming the parameter at fault and what it allows.
 */
public final class CubeQueryException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final String parameter;

    /**
     * An error about one parameter.
     *
     * @param parameter the parameter's name, as the HTTP API spells it.
     * @param message   what was wrong and what is allowed.
     */
    public CubeQueryException(final String parameter, final String message)
    {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    /**
     * The parameter at fault.
     *
     * @return its name.
     */
    public String parameter()
    {
        return parameter;
    }
}
