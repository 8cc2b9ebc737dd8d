package io.mcpbridge.engine.pkml.model;

/** The kinds of elements that make up the container tree of a built OSP model. */
public enum EntityKind {
  CONTAINER,
  PARAMETER,
  DISTRIBUTED_PARAMETER,
  MOLECULE_AMOUNT,
  OBSERVER,
  REACTION,
  NEIGHBORHOOD,
  TRANSPORT,
  EVENT_GROUP,
  EVENT,
  EVENT_ASSIGNMENT;

  /** True for parameters, amounts and observers: entities that carry a value. */
  public boolean isQuantity() {
    return this == PARAMETER || this == DISTRIBUTED_PARAMETER || this == MOLECULE_AMOUNT || this == OBSERVER;
  }

  /** True for reactions and transports: entities that carry a rate. */
  public boolean isProcess() {
    return this == REACTION || this == TRANSPORT;
  }

  /** The kind for an element name of the pkml format, or null if the element is not an entity. */
  public static EntityKind forElement(String element) {
    switch (element) {
      case "Container":
      case "Root":
      case "RootContainer":
        return CONTAINER;
      case "Parameter":
        return PARAMETER;
      case "DistributedParameter":
        return DISTRIBUTED_PARAMETER;
      case "MoleculeAmount":
        return MOLECULE_AMOUNT;
      case "Observer":
        return OBSERVER;
      case "Reaction":
        return REACTION;
      case "Neighborhood":
        return NEIGHBORHOOD;
      case "Transport":
        return TRANSPORT;
      case "EventGroup":
        return EVENT_GROUP;
      case "Event":
        return EVENT;
      case "EventAssignment":
        return EVENT_ASSIGNMENT;
      default:
        return null;
    }
  }
}
