/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.stage;

/**
 * Builds an analytics stage for an engine; registered on the engine builder, so an embedding application can
 * add stages of its own after the built-in ones.
 */
@FunctionalInterface
public interface StageFactory
{
    /**
     * Builds the stage.
     *
     * @param context what the engine gives every stage.
     * @return the stage.
     */
    Stage create(StageContext context);
}
