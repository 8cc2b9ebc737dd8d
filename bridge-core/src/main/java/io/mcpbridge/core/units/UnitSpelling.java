package io.mcpbridge.core.units;

import java.util.regex.Pattern;

/**
 * The alias rule for unit spellings. Units are case-sensitive ({@code mM} is not {@code MM}, {@code
 * ms} is not {@code Ms}); when a spelling is not found exactly, it is normalised once and looked up
 * again:
 *
 * <ul>
 *   <li>surrounding blanks are removed;
 *   <li>Greek mu (U+03BC) becomes the micro sign µ (U+00B5) that OSP uses;
 *   <li>{@code mcg} becomes {@code µg};
 *   <li>a {@code u} that starts a unit token and precedes {@code mol}, {@code g}, {@code l}, {@code
 *       L}, {@code M} or {@code m} becomes {@code µ} ({@code umol/L}, {@code ug/ml}, {@code uM});
 *   <li>the litre may be written {@code L}: {@code mL}, {@code µL}, {@code dL}, {@code mol/L};
 *   <li>{@code *} becomes the middle dot {@code ·} ({@code µmol*min/l});
 *   <li>{@code ^2}/{@code ^3} become {@code ²}/{@code ³} ({@code cm^2}).
 * </ul>
 *
 * Word aliases such as {@code hr} or {@code days} are attached to the unit itself, not to this
 * rule.
 */
final class UnitSpelling {
  private static final Pattern MICRO_U = Pattern.compile("(^|[/·( ])u(?=mol|g|l|L|M|m)");
  private static final Pattern LITRE = Pattern.compile("(?<![A-Za-z])([µmnpdk]?)L(?![a-z])");

  private UnitSpelling() {}

  static String normalize(String spelling) {
    String s = spelling.strip();
    s = s.replace('\u03bc', '\u00b5');
    s = s.replace("mcg", "µg");
    s = s.replace('*', '·');
    s = s.replace("^2", "²").replace("^3", "³");
    s = MICRO_U.matcher(s).replaceAll("$1µ");
    s = LITRE.matcher(s).replaceAll("$1l");
    return s;
  }
}
