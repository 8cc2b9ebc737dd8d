package io.mcpbridge.engine.pkml.model;

/**
 * A settings parameter (solver or output interval) as stored: value, formula id and fixed flag.
 *
 * @param name parameter name
 * @param value the value attribute, NaN if absent
 * @param formulaId the formula attribute, or null
 * @param fixedValue the isFixedValue flag
 */
public record ParameterSpec(String name, double value, String formulaId, boolean fixedValue) {}
