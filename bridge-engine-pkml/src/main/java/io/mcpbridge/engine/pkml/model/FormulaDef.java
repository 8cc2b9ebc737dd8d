package io.mcpbridge.engine.pkml.model;

import java.util.List;
import java.util.Objects;

/**
 * A formula of the formula cache, with references already translated through the string map.
 *
 * @param id formula id (quantities refer to it)
 * @param kind formula kind
 * @param text expression text of explicit formulas, else null
 * @param dimension informative dimension name, possibly empty
 * @param constantValue value of a constant formula, else NaN
 * @param references references in file order
 * @param points table points (tables only), x strictly increasing
 * @param useDerivedValues table reports the slope of the current segment
 * @param tableObjectAlias alias of the table object (table with offset / x argument)
 * @param secondAlias alias of the offset or of the x argument
 */
public record FormulaDef(
    String id,
    FormulaKind kind,
    String text,
    String dimension,
    double constantValue,
    List<FormulaReference> references,
    List<TablePoint> points,
    boolean useDerivedValues,
    String tableObjectAlias,
    String secondAlias) {
  public FormulaDef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    references = List.copyOf(references);
    points = List.copyOf(points);
    dimension = dimension == null ? "" : dimension;
  }

  /** The reference with this alias, or null. */
  public FormulaReference reference(String alias) {
    for (FormulaReference r : references) {
      if (r.alias().equals(alias)) {
        return r;
      }
    }
    return null;
  }
}
