/**
 * Global sensitivity analysis over declared parameter ranges or distributions: Sobol first-order
 * and total indices (Saltelli sampling, Saltelli 2010 first-order and Jansen total estimators,
 * percentile bootstrap confidence intervals) and Morris elementary effects (μ, μ*, σ from r
 * trajectories on a p-level grid).
 *
 * <p>Everything is seeded and reproducible: samples come from {@link
 * io.mcpbridge.core.sensitivity.global.SplitMix64}, a plain seeded pseudo-random generator, so the
 * same seed gives the same design, the same indices and the same intervals whatever the
 * parallelism. {@link io.mcpbridge.core.sensitivity.global.GlobalSensitivityPlanner} is the entry
 * point for a model: it maps the unit-cube designs through each parameter's distribution and
 * evaluates a scalar response (a PK parameter, an output at a chosen time) in parallel, honouring
 * cancellation between evaluations.
 */
package io.mcpbridge.core.sensitivity.global;
