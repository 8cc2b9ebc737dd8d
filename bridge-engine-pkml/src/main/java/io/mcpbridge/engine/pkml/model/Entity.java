package io.mcpbridge.engine.pkml.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of the built model's container tree with the attributes that matter for
 * simulation. Built once by the reader and not changed afterwards.
 */
public final class Entity {
  private final EntityKind kind;
  private final String id;
  private final String name;
  private final Map<String, String> attributes;
  private Entity parent;
  private final List<Entity> children = new ArrayList<>();
  private final Map<String, Entity> childByName = new HashMap<>();
  private final List<ReactionPartner> educts = new ArrayList<>();
  private final List<ReactionPartner> products = new ArrayList<>();
  private String objectPath;

  public Entity(EntityKind kind, String id, String name, Map<String, String> attributes) {
    this.kind = kind;
    this.id = id;
    this.name = name == null ? "" : name;
    this.attributes = Map.copyOf(attributes);
  }

  /** Appends a child; the first child of a name wins for path resolution (as in OSP). */
  public void addChild(Entity child) {
    child.parent = this;
    children.add(child);
    childByName.putIfAbsent(child.name, child);
  }

  public EntityKind kind() {
    return kind;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public Entity parent() {
    return parent;
  }

  public List<Entity> children() {
    return Collections.unmodifiableList(children);
  }

  public Entity child(String childName) {
    return childByName.get(childName);
  }

  /** A raw attribute of the element, or null. */
  public String attribute(String attributeName) {
    return attributes.get(attributeName);
  }

  /** A 0/1 attribute; {@code fallback} if absent. */
  public boolean flag(String attributeName, boolean fallback) {
    String v = attributes.get(attributeName);
    if (v == null) {
      return fallback;
    }
    return v.equals("1") || v.equalsIgnoreCase("true");
  }

  public List<ReactionPartner> educts() {
    return educts;
  }

  public List<ReactionPartner> products() {
    return products;
  }

  /** Object path of an event assignment (a string-map key until the reader translates it), or null. */
  public String objectPath() {
    return objectPath;
  }

  public void setObjectPath(String objectPath) {
    this.objectPath = objectPath;
  }

  /** Path without the root name, parts joined by {@code |}; empty for the root itself. */
  public String path() {
    if (parent == null) {
      return "";
    }
    String up = parent.path();
    return up.isEmpty() ? name : up + "|" + name;
  }

  @Override
  public String toString() {
    return kind + " " + path();
  }
}
