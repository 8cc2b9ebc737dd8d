/**
 * OSP's formula expression language (the language of explicit formulas, RHS formulas, event
 * conditions and assignments in a {@code .pkml} model), as described in PKML-ENGINE.md section 3.
 *
 * <p>{@link io.mcpbridge.engine.pkml.expr.Formula#parse} turns a formula string plus its alias
 * list into an immutable, thread-safe {@link io.mcpbridge.engine.pkml.expr.Formula}: a tokenizer
 * that follows OSP's lexical rules (blanks dropped, {@code ,} as decimal point, word operators
 * AND/OR/NOT, case-sensitive aliases), a recursive-descent parser with OSP's precedence and
 * regrouping, constant folding, and a compiled node tree that evaluates values and exact partial
 * derivatives without allocating. Syntax errors are reported as
 * {@link io.mcpbridge.engine.pkml.expr.FormulaException} naming the formula, position and
 * problem.
 *
 * <p>The package knows nothing about models: references are plain indices, and the caller maps
 * them to slots of its value array at evaluation time.
 */
package io.mcpbridge.engine.pkml.expr;
