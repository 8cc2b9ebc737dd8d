package io.mcpbridge.engine.pkml.expr;

import static io.mcpbridge.engine.pkml.expr.FormulaTesting.value;
import static io.mcpbridge.engine.pkml.expr.FormulaTesting.vars;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class FormulaEvaluationTest {

  private static final double NAN = Double.NaN;

  @ParameterizedTest
  @ValueSource(strings = {"x > 0", "x >= 0", "x < 0", "x <= 0", "x = 0", "x != 0", "x <> 0",
      "0 < x", "GT(x;0)", "EQ(0;x)", "NOT x", "x AND 1", "1 AND x", "x OR 1", "0 OR x",
      "x ? 1 : 2", "(x > 0) ? 1 : 2", "MIN(x;1)", "MAX(1;x)", "x + 1", "x * 2"})
  void givenNanOperand_evaluate_propagatesNan(String text) {
    assertThat(value(text, vars("x", NAN))).isNaN();
  }

  @Test
  void givenComparisons_evaluate_returnExactlyOneOrZeroWithoutTolerance() {
    assertThat(value("0.1 + 0.2 = 0.3")).isEqualTo(0.0);
    assertThat(value("x = 0.3", vars("x", 0.3))).isEqualTo(1.0);
    assertThat(value("x < y", vars("x", 1.0, "y", Math.nextUp(1.0)))).isEqualTo(1.0);
    assertThat(value("x > 5", vars("x", Double.POSITIVE_INFINITY))).isEqualTo(1.0);
  }

  @Test
  void givenNonZeroValues_logic_treatsThemAsTrue() {
    assertThat(value("2 AND -3")).isEqualTo(1.0);
    assertThat(value("0.5 OR 0")).isEqualTo(1.0);
    assertThat(value("NOT 7")).isEqualTo(0.0);
    assertThat(value("x AND 1", vars("x", Double.POSITIVE_INFINITY))).isEqualTo(1.0);
  }

  @Test
  void givenConditionOtherThanOne_conditional_takesElseBranch() {
    String text = "c ? a : b";
    assertThat(value(text, vars("c", 1, "a", 10, "b", 20))).isEqualTo(10);
    assertThat(value(text, vars("c", 2, "a", 10, "b", 20))).isEqualTo(20);
    assertThat(value(text, vars("c", -1, "a", 10, "b", 20))).isEqualTo(20);
    assertThat(value(text, vars("c", 0.999999, "a", 10, "b", 20))).isEqualTo(20);
    assertThat(value(text, vars("c", NAN, "a", 10, "b", 20))).isNaN();
  }

  @Test
  void givenNanInInactiveBranch_conditional_ignoresIt() {
    assertThat(value("c ? a : b", vars("c", 1, "a", 10, "b", NAN))).isEqualTo(10);
    assertThat(value("V>0 ? M/V : 0", vars("M", 0, "V", 0))).isEqualTo(0);
  }

  @Test
  void givenDivisionByZeroAndPow_evaluate_followsIeee() {
    assertThat(value("1/0")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(value("-1/0")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(value("0/0")).isNaN();
    assertThat(value("x/y", vars("x", 0, "y", 0))).isNaN();
    assertThat(value("0^0")).isEqualTo(1);
    assertThat(value("0^(-1)")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(value("(-8)^(1/3)")).isNaN();
    assertThat(value("(-2)^3")).isEqualTo(-8);
    assertThat(value("sqrt(-1)")).isNaN();
    assertThat(value("ln(0)")).isEqualTo(Double.NEGATIVE_INFINITY);
    // C/IEEE pow, not Java's: pow(1, y) = 1 for any y, pow(-1, ±Inf) = 1, pow(x, 0) = 1
    assertThat(value("1^x", vars("x", NAN))).isEqualTo(1);
    assertThat(value("x^inf", vars("x", -1))).isEqualTo(1);
    assertThat(value("x^0", vars("x", NAN))).isEqualTo(1);
  }

  @Test
  void givenZeroFactorFirst_product_stopsLikeOsp() {
    // OSP multiplies left to right and stops at a zero product, so 0 * Inf is 0 ...
    assertThat(value("x * y", vars("x", 0, "y", Double.POSITIVE_INFINITY))).isEqualTo(0);
    assertThat(value("x * y * z", vars("x", 2, "y", 0, "z", NAN))).isEqualTo(0);
    // ... but Inf * 0 is IEEE's NaN.
    assertThat(value("y * x", vars("x", 0, "y", Double.POSITIVE_INFINITY))).isNaN();
  }

  @Test
  void givenMinMax_evaluate_picksTheRightArgument() {
    assertThat(value("min(a;b)", vars("a", 1, "b", 2))).isEqualTo(1);
    assertThat(value("min(a;b)", vars("a", 2, "b", 1))).isEqualTo(1);
    assertThat(value("max(a;b)", vars("a", 1, "b", 2))).isEqualTo(2);
    assertThat(value("max(a;b)", vars("a", -1, "b", -2))).isEqualTo(-1);
  }

  @Test
  void givenSharedFormula_evaluate_readsValuesThroughSlots() {
    Formula f = Formula.parse("k * A", List.of("k", "A"));
    double[] values = {10, 1, 2, 3};
    assertThat(f.evaluate(values, new int[] {0, 1})).isEqualTo(10);
    assertThat(f.evaluate(values, new int[] {0, 3})).isEqualTo(30);
    assertThat(f.evaluate(values, new int[] {2, 3})).isEqualTo(6);
  }

  // ---------------------------------------------------------------------------------------------
  // OSP's own test inputs (SimModel XML, see reference/pkml/README.md)

  @Test
  void givenSimModelNanIfMinMaxFile_evaluate_givesNanForPOneForTZeroForF() throws Exception {
    Map<String, Double> byName = evaluateParameters("Nan_If_Conditional_Min_Max.xml");
    Map<String, Double> tested = new LinkedHashMap<>();
    byName.forEach((name, v) -> {
      if (name.matches("[PTF].*")) {
        tested.put(name, v);
      }
    });
    // 19 P (incl. P_NAN), 21 T, 11 F, as the OSP test states
    assertThat(tested.keySet().stream().filter(n -> n.startsWith("P"))).hasSize(19);
    assertThat(tested.keySet().stream().filter(n -> n.startsWith("T"))).hasSize(21);
    assertThat(tested.keySet().stream().filter(n -> n.startsWith("F"))).hasSize(11);
    tested.forEach((name, v) -> {
      switch (name.charAt(0)) {
        case 'P' -> assertThat(v).as(name).isNaN();
        case 'T' -> assertThat(v).as(name).isEqualTo(1.0);
        default -> assertThat(v).as(name).isEqualTo(0.0);
      }
    });
  }

  @Test
  void givenSimModelNanInfFile_evaluate_givesInfinitiesAndNan() throws Exception {
    Map<String, Double> byName = evaluateParameters("NaN_Inf_NegInf.xml");
    assertThat(byName).containsKeys("Inf_1", "Inf_4", "Neginf_1", "Neginf_4", "NaN_1", "NaN_3");
    byName.forEach((name, v) -> {
      if (name.startsWith("Inf_")) {
        assertThat(v).as(name).isEqualTo(Double.POSITIVE_INFINITY);
      } else if (name.startsWith("Neginf_")) {
        assertThat(v).as(name).isEqualTo(Double.NEGATIVE_INFINITY);
      } else if (name.startsWith("NaN_")) {
        assertThat(v).as(name).isNaN();
      }
    });
    assertThat(byName).containsEntry("P0", 1.0).containsEntry("AbsTol", 1e-9);
  }

  /**
   * Evaluates every parameter of a SimModel XML file that has a value or an explicit formula over
   * constants and other parameters; Time (id 0) is 0. Returns values by parameter name.
   */
  private static Map<String, Double> evaluateParameters(String file) throws Exception {
    Document doc = DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(simModelXml(file).toFile());
    Map<String, Element> formulas = new HashMap<>();
    NodeList fl = doc.getElementsByTagName("ExplicitFormula");
    for (int i = 0; i < fl.getLength(); i++) {
      Element f = (Element) fl.item(i);
      formulas.put(f.getAttribute("id"), f);
    }
    Map<String, Element> parameters = new LinkedHashMap<>();
    NodeList pl = doc.getElementsByTagName("P");
    for (int i = 0; i < pl.getLength(); i++) {
      Element p = (Element) pl.item(i);
      parameters.put(p.getAttribute("id"), p);
    }
    Map<String, Double> byId = new HashMap<>();
    byId.put("0", 0.0);
    Map<String, Double> byName = new LinkedHashMap<>();
    for (Element p : parameters.values()) {
      byName.put(p.getAttribute("name"), valueOf(p.getAttribute("id"), parameters, formulas, byId));
    }
    return byName;
  }

  private static double valueOf(String id, Map<String, Element> parameters,
      Map<String, Element> formulas, Map<String, Double> byId) {
    Double known = byId.get(id);
    if (known != null) {
      return known;
    }
    Element p = parameters.get(id);
    double v;
    if (p.hasAttribute("value")) {
      v = Double.parseDouble(p.getAttribute("value"));
    } else {
      Element f = formulas.get(p.getAttribute("formulaId"));
      String equation = f.getElementsByTagName("Equation").item(0).getTextContent();
      List<String> aliases = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      NodeList refs = f.getElementsByTagName("R");
      for (int i = 0; i < refs.getLength(); i++) {
        Element r = (Element) refs.item(i);
        aliases.add(r.getAttribute("alias"));
        values.add(valueOf(r.getAttribute("id"), parameters, formulas, byId));
      }
      Formula formula = Formula.parse(equation, aliases);
      v = formula.evaluate(values.stream().mapToDouble(Double::doubleValue).toArray(),
          FormulaTesting.identitySlots(aliases.size()));
    }
    byId.put(id, v);
    return v;
  }

  /** The SimModel test inputs under {@code ../shared/reference/pkml/simmodel-xml}. */
  static Path simModelXml(String file) throws IOException {
    for (Path dir = Paths.get("").toAbsolutePath();
        dir.getParent() != null;
        dir = dir.getParent()) {
      Path candidate =
          dir.resolveSibling("shared").resolve("reference/pkml/simmodel-xml").resolve(file);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IOException("reference file not found: ../shared/reference/pkml/simmodel-xml/" + file
        + " (expected next to the project root)");
  }
}
