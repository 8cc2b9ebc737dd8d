package io.mcpbridge.engine.pkml.expr;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The named functions of the formula language (names are case-insensitive). */
enum Fn {
  EXP(1),
  LN(1),
  /** Natural logarithm, same as LN. */
  LOG(1),
  LOG10(1),
  SQRT(1),
  SIN(1),
  COS(1),
  TAN(1),
  ASIN(1),
  ACOS(1),
  ATAN(1),
  SINH(1),
  COSH(1),
  TANH(1),
  MIN(2),
  MAX(2),
  POW(2),
  EQ(2),
  NEQ(2),
  GT(2),
  GEQ(2),
  LT(2),
  LEQ(2);

  private static final Map<String, Fn> BY_NAME = new HashMap<>();

  static {
    for (Fn f : values()) {
      BY_NAME.put(f.name(), f);
    }
  }

  final int arity;

  Fn(int arity) {
    this.arity = arity;
  }

  /** The function with this name (any case), or null. */
  static Fn lookup(String name) {
    return BY_NAME.get(name.toUpperCase(Locale.ROOT));
  }
}
