package io.mcpbridge.core.sensitivity.global;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.units.Unit;
import io.mcpbridge.core.units.UnitCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a varied parameter written {@code PATH=DIST(ARGS)[ UNIT]}, the syntax population runs use:
 *
 * <ul>
 *   <li>{@code uniform(low, high)} and {@code loguniform(low, high)} (uniform in ln, 0 &lt; low)
 *   <li>{@code normal(mean, sd)}
 *   <li>{@code lognormal(geometricMean, geometricSd)} (geometric SD &gt; 1, no unit)
 * </ul>
 *
 * Values are in UNIT, converted through the quantity's dimension, or without one in the base unit,
 * so the stored distribution is always in base units. Which quantities may be varied is the
 * planner's business; this class only needs the path to exist for its dimension.
 */
public final class GlobalVariationSyntax {
  private static final Pattern FORM = Pattern.compile(
      "(.+?)=\\s*(uniform|loguniform|normal|lognormal)\\s*\\(([^)]*)\\)\\s*(.*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private GlobalVariationSyntax() {}

  /**
   * Parses one varied parameter against a model.
   *
   * @throws InvalidInputException naming the text and its problem (form, unknown path, unit,
   *     arguments, an empty or inverted range)
   */
  public static GlobalParameter parse(String text, LoadedModel model, UnitCatalog units) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw invalid(text, "expected PATH=DIST(ARGS)[ UNIT] with DIST one of uniform, loguniform, normal, lognormal");
    }
    String path = m.group(1).strip();
    QuantityInfo q = model.quantity(path).orElseThrow(() -> invalid(text, "the model has no quantity '" + path + "'"));
    String unitText = m.group(4).strip();
    Unit unit;
    try {
      unit = unitText.isEmpty() ? null : units.unit(unitText, units.requireDimension(q.dimension()));
    } catch (InvalidInputException e) {
      throw invalid(text, "unit '" + unitText + "' does not fit the dimension '" + q.dimension() + "' of " + path);
    }
    List<Double> args = new ArrayList<>();
    for (String arg : m.group(3).split(",")) {
      String a = arg.strip();
      if (!NUMBER.matcher(a).matches()) {
        throw invalid(text, "'" + a + "' is not a number");
      }
      args.add(Double.parseDouble(a));
    }
    if (args.size() != 2) {
      throw invalid(text, "expected 2 numbers, found " + args.size());
    }
    double a = args.get(0);
    double b = args.get(1);
    try {
      ParameterDistribution d = switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "uniform" -> new ParameterDistribution.Uniform(base(a, unit), base(b, unit));
        case "loguniform" -> new ParameterDistribution.LogUniform(base(a, unit), base(b, unit));
        case "normal" -> new ParameterDistribution.Normal(base(a, unit), base(a + b, unit) - base(a, unit));
        default -> new ParameterDistribution.LogNormal(base(a, unit), b);
      };
      return new GlobalParameter(q.path(), d);
    } catch (InvalidInputException e) {
      throw invalid(text, e.getMessage());
    }
  }

  /** The text {@link #parse} reads back to {@code distribution} (base units, no unit written). */
  public static String format(String path, ParameterDistribution distribution) {
    String form;
    if (distribution instanceof ParameterDistribution.Uniform u) {
      form = "uniform(" + u.min() + ", " + u.max() + ")";
    } else if (distribution instanceof ParameterDistribution.LogUniform u) {
      form = "loguniform(" + u.min() + ", " + u.max() + ")";
    } else if (distribution instanceof ParameterDistribution.Normal n) {
      form = "normal(" + n.mean() + ", " + n.sd() + ")";
    } else {
      ParameterDistribution.LogNormal n = (ParameterDistribution.LogNormal) distribution;
      form = "lognormal(" + n.geometricMean() + ", " + n.geometricSd() + ")";
    }
    return path + "=" + form;
  }

  private static double base(double value, Unit unit) {
    return unit == null ? value : unit.toBase(value);
  }

  private static InvalidInputException invalid(String text, String problem) {
    return new InvalidInputException("'" + text + "': " + problem);
  }
}
