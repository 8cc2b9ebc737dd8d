package io.mcpbridge.engine.pkml.assembly;

import java.util.List;

/**
 * An event ("switch"): condition, one-time flag and assignments in file order.
 *
 * @param path event path
 * @param condition the condition, true only if it evaluates to exactly 1
 * @param oneTime fires at most once per run
 * @param assignments assignments in file order
 */
record EventDef(String path, ValueRule condition, boolean oneTime, List<Assignment> assignments) {

  /**
   * One assignment of an event.
   *
   * @param path assignment path
   * @param targetSlot slot of the changed quantity
   * @param rule the new formula, bound relative to the assignment
   * @param useAsValue evaluate once and keep the number (else the formula replaces the old one)
   */
  record Assignment(String path, int targetSlot, ValueRule rule, boolean useAsValue) {}
}
