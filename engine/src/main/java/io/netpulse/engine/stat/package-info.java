/*
 * Copyright 2026 the netpulse authors.
 */

/**
 * Small streaming statistics over flat primitive arrays, for stages that keep one estimator per series in a
 * struct of arrays: exponentially weighted correlation, stochastic-approximation quantiles and Gaussian tail
 * quantiles. Nothing here allocates per update.
 */
package io.netpulse.engine.stat;
