package io.mcpbridge.engine.pkml.assembly;

import io.mcpbridge.engine.pkml.model.Entity;

/**
 * What one slot of the value array holds.
 *
 * @param label path of the quantity, or a description for rate and derivative slots
 * @param entity the entity behind the slot (null for time)
 * @param role what the slot is
 * @param dimension dimension name, possibly empty
 * @param displayUnit display unit, possibly empty
 */
record SlotInfo(String label, Entity entity, Role role, String dimension, String displayUnit) {

  /** What a slot is. */
  enum Role {
    TIME,
    QUANTITY,
    RATE,
    DERIVATIVE,
    /** The value of an observer stored at the last output time, as every formula that references it sees it. */
    STORED_OBSERVER
  }
}
