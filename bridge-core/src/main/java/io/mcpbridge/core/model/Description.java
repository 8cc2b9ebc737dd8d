package io.mcpbridge.core.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents a tool record or one of its components. Edges turn it into JSON Schema and OpenAPI
 * descriptions, so the contract is written once, next to the field.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER})
public @interface Description {
  /** What the field means, with its unit and default where it has one. */
  String value();
}
