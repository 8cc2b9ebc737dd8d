package io.mcpbridge.core.population;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.units.Unit;
import io.mcpbridge.core.units.UnitCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses variability written {@code PATH=DIST(ARGS)[ UNIT]}:
 *
 * <ul>
 *   <li>{@code normal(mean, sd)}
 *   <li>{@code lognormal(geometricMean, geometricSd)} or {@code lognormal(geometricMean, cv=0.3)}
 *   <li>{@code uniform(low, high)}
 *   <li>{@code discrete(v1, v2, …)} (equally likely)
 * </ul>
 *
 * each with optional truncation {@code min=…}, {@code max=…}, e.g. {@code Organism|Weight=normal(73,
 * 12, min=40) kg}. Values are in UNIT (converted through the quantity's dimension) or, without one,
 * in the base unit; SDs convert by the unit's factor; geometric SDs and CVs have no unit.
 */
public final class VariationSyntax {
  private static final Pattern FORM = Pattern.compile(
      "(.+?)=\\s*(normal|lognormal|uniform|discrete)\\s*\\((.*)\\)\\s*(.*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private VariationSyntax() {}

  /**
   * Parses one variation against a model.
   *
   * @throws InvalidInputException naming the text and the problem (form, unknown path, unit,
   *     arguments)
   */
  public static VariedParameter parse(String text, LoadedModel model, UnitCatalog units) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw invalid(text, "expected PATH=DIST(ARGS)[ UNIT] with DIST one of normal, lognormal, uniform, discrete");
    }
    String path = m.group(1).strip();
    QuantityInfo q = model.quantity(path).orElseThrow(() -> invalid(text, "the model has no quantity '" + path + "'"));
    String kind = m.group(2).toLowerCase(Locale.ROOT);
    String unitText = m.group(4).strip();
    Unit unit;
    try {
      unit = unitText.isEmpty() ? null : units.unit(unitText, units.requireDimension(q.dimension()));
    } catch (InvalidInputException e) {
      throw invalid(text, "unit '" + unitText + "' does not fit the dimension '" + q.dimension() + "' of " + path);
    }
    List<Double> positional = new ArrayList<>();
    Map<String, Double> named = new HashMap<>();
    for (String arg : m.group(3).split(",")) {
      String a = arg.strip();
      int eq = a.indexOf('=');
      String name = eq < 0 ? null : a.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String number = eq < 0 ? a : a.substring(eq + 1).strip();
      if (!NUMBER.matcher(number).matches()) {
        throw invalid(text, "'" + a + "' is not a number" + (eq < 0 ? "" : " after " + name + "="));
      }
      double v = Double.parseDouble(number);
      if (name == null) {
        if (!named.isEmpty()) {
          throw invalid(text, "positional arguments must come before named ones");
        }
        positional.add(v);
      } else if (named.put(name, v) != null) {
        throw invalid(text, name + "= is given twice");
      }
    }
    double min = named.containsKey("min") ? base(named.remove("min"), unit) : Double.NEGATIVE_INFINITY;
    double max = named.containsKey("max") ? base(named.remove("max"), unit) : Double.POSITIVE_INFINITY;
    try {
      Distribution d = switch (kind) {
        case "normal" -> {
          arity(text, positional, 2, named);
          double mean = positional.get(0);
          yield new Distribution.Normal(base(mean, unit), base(mean + positional.get(1), unit) - base(mean, unit), min, max);
        }
        case "lognormal" -> {
          Double cv = named.remove("cv");
          arity(text, positional, cv == null ? 2 : 1, named);
          double gsd = cv == null ? positional.get(1) : Distribution.LogNormal.gsdFromCv(cv);
          yield new Distribution.LogNormal(base(positional.get(0), unit), gsd, min, max);
        }
        case "uniform" -> {
          arity(text, positional, 2, named);
          yield new Distribution.Uniform(base(positional.get(0), unit), base(positional.get(1), unit), min, max);
        }
        default -> {
          if (positional.isEmpty() || !named.isEmpty()) {
            throw invalid(text, "discrete needs one or more values" + unexpected(named));
          }
          yield new Distribution.Discrete(positional.stream().map(v -> base(v, unit)).toList(), min, max);
        }
      };
      return new VariedParameter(q.path(), d);
    } catch (IllegalArgumentException e) {
      throw invalid(text, e.getMessage());
    }
  }

  private static void arity(String text, List<Double> positional, int expected, Map<String, Double> named) {
    if (positional.size() != expected || !named.isEmpty()) {
      throw invalid(text, "expected " + expected + " number" + (expected == 1 ? "" : "s") + " before the named "
          + "arguments, found " + positional.size() + unexpected(named));
    }
  }

  private static String unexpected(Map<String, Double> named) {
    return named.isEmpty() ? "" : "; unknown arguments " + named.keySet();
  }

  private static double base(double value, Unit unit) {
    return unit == null ? value : unit.toBase(value);
  }

  private static InvalidInputException invalid(String text, String problem) {
    return new InvalidInputException("--vary '" + text + "': " + problem);
  }
}
