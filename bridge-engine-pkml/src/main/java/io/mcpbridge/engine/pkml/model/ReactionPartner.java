package io.mcpbridge.engine.pkml.model;

/**
 * One educt or product of a reaction.
 *
 * @param amountId id of the molecule amount
 * @param stoichiometry stoichiometric coefficient (may be non-integer)
 */
public record ReactionPartner(String amountId, double stoichiometry) {}
