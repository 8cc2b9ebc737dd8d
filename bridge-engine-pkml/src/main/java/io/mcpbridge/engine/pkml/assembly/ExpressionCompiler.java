package io.mcpbridge.engine.pkml.assembly;

import java.util.List;

/** Turns formula text plus its reference aliases into an {@link Expression}. */
@FunctionalInterface
public interface ExpressionCompiler {

  /**
   * Parses a formula.
   *
   * @param text formula text in OSP's expression language
   * @param aliases the identifiers of the references, in reference order
   * @throws IllegalArgumentException with a description of the syntax problem
   */
  Expression compile(String text, List<String> aliases);
}
