package io.mcpbridge.engine.pkml.expr;

import static io.mcpbridge.engine.pkml.expr.FormulaTesting.value;
import static io.mcpbridge.engine.pkml.expr.FormulaTesting.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormulaParserTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // arithmetic
        "1+2*3            | 7",
        "(1+2)*3          | 9",
        "2*3^2            | 18",
        "2^3^2            | 512",
        "-2^2             | -4",
        "-2*3             | -6",
        "-(-2)            | 2",
        "10/2/5           | 1",
        "8/2*4            | 16",
        "1-2+3            | 2",
        "1-2-3            | -4",
        "2-3*4            | -10",
        "2^(-1)           | 0.5",
        // comparisons bind weaker than sums, and a sign may open either side
        "1+1 > 1          | 1",
        "1 < 2+3          | 1",
        "1 < -1           | 0",
        "-1 < 1           | 1",
        "5 = 5            | 1",
        "5 <> 5           | 0",
        "5 != 4           | 1",
        "3 <= 3           | 1",
        "4 >= 5           | 0",
        // NOT binds weaker than a comparison but tighter than AND; AND tighter than OR
        "NOT 1 = 2        | 1",
        "NOT 0 AND 0      | 0",
        "1 OR 0 AND 0     | 1",
        "0 AND 1 OR 1     | 1",
        "1 > 0 AND 2 > 1  | 1",
        "NOT -1           | 0",
        // the conditional binds weakest and takes 'then' only for exactly 1
        "0 OR 1 ? 5 : 6   | 5",
        "1 ? 2+3 : 4      | 5",
        "2 ? 2 : 3        | 3",
        "0.5 ? 1 : 0      | 0",
        "(1 ? 2 : 3) + 1  | 3",
        "0 ? 1 : (1 ? 2 : 3) | 2",
        "1 ? -1 : 2       | -1",
        // functions; arguments are full expressions
        "max(-1; 2)       | 2",
        "min(1 ? 3 : 4; 5) | 3",
        "POW(2; 10)       | 1024",
        "EQ(2;2)          | 1",
        "NEQ(2;2)         | 0",
        "GT(3;2)          | 1",
        "GEQ(2;2)         | 1",
        "LT(2;3)          | 1",
        "LEQ(3;2)         | 0",
        "EXP(0)           | 1",
        "LN(E)            | 1",
        "LOG(E)           | 1",
        "LOG10(1000)      | 3",
        "SQRT(16)         | 4",
        "SIN(0)           | 0",
        "COS(0)           | 1",
        "TAN(0)           | 0",
        "ACOS(1)          | 0",
        "SINH(0)          | 0",
        "COSH(0)          | 1",
        "TANH(0)          | 0",
      })
  void givenPrecedenceTableCase_evaluate_matchesOspPrecedence(String text, double expected) {
    assertThat(value(text)).isEqualTo(expected);
  }

  @Test
  void givenInverseTrigonometry_evaluate_returnsPrincipalValues() {
    assertThat(value("ASIN(1)")).isEqualTo(Math.PI / 2);
    assertThat(value("ATAN(1)")).isEqualTo(Math.PI / 4);
  }

  @Test
  void givenUnaryMinusBeforeReferencePower_evaluate_negatesThePower() {
    assertThat(value("-x^2", vars("x", 3))).isEqualTo(-9);
    assertThat(value("-x*y", vars("x", 3, "y", 2))).isEqualTo(-6);
  }

  @Test
  void givenNestedConditionalInBrackets_evaluate_picksInnerBranch() {
    String text = "x ? 1 : (y ? 2 : 3)";
    assertThat(value(text, vars("x", 0, "y", 1))).isEqualTo(2);
    assertThat(value(text, vars("x", 0, "y", 0))).isEqualTo(3);
    assertThat(value(text, vars("x", 1, "y", 0))).isEqualTo(1);
  }

  @Test
  void givenSumWithMinusTerms_evaluate_regroupsLikeOsp() {
    // a-b+c-d is read as a+(c-(b+d)); x/y/z as x/(y*z)
    double a = 0.1;
    double b = 0.7;
    double c = 0.3;
    double d = 1e-17;
    assertThat(value("a-b+c-d", vars("a", a, "b", b, "c", c, "d", d)))
        .isEqualTo(a + (c - (b + d)));
    double x = 1.0;
    double y = 3.0;
    double z = 7.0;
    assertThat(value("x/y/z", vars("x", x, "y", y, "z", z))).isEqualTo(x / (y * z));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1e-5      | 1e-5",
        "1E-09     | 1e-9",
        "1e+3      | 1000",
        "1e5       | 100000",
        "2.5E3     | 2500",
        ".5        | 0.5",
        "5.        | 5",
        "64,801    | 64.801",
        "0x10      | 16",
        "1e-5*2    | 2e-5",
        "2e-5-1e-5 | 1e-5",
        "1 e-5     | 1e-5",
        "1 000     | 1000",
      })
  void givenNumberLiteral_evaluate_readsItLikeStrtod(String text, double expected) {
    assertThat(value(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"inf", "INF", "Inf", "infinity", "Infinity", "INFINITY"})
  void givenInfinityLiteral_evaluate_isPositiveInfinity(String text) {
    assertThat(value(text)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(value("-" + text)).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nan", "NaN", "NAN", "N.DEF.", "n.def."})
  void givenNanLiteral_evaluate_isNan(String text) {
    assertThat(value(text)).isNaN();
  }

  @Test
  void givenAliasEndingInE_evaluate_doesNotTreatMinusAsExponentSign() {
    assertThat(value("k1e-5", vars("k1e", 10))).isEqualTo(5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"exp(0)", "Exp(0)", "EXP(0)", "log10(10)", "Log10(10)", "LOG10(10)",
      "max(1;0)", "Max(0;1)", "MAX(1;1)"})
  void givenFunctionNameInAnyCase_evaluate_recognisesIt(String text) {
    assertThat(value(text)).isEqualTo(1);
  }

  @Test
  void givenConstantsInAnyCase_evaluate_givesPiAndE() {
    assertThat(value("pi")).isEqualTo(Math.PI);
    assertThat(value("Pi")).isEqualTo(Math.PI);
    assertThat(value("PI")).isEqualTo(Math.PI);
    assertThat(value("e")).isEqualTo(Math.E);
    assertThat(value("E")).isEqualTo(Math.E);
  }

  @Test
  void givenAliasNamedLikeConstant_evaluate_aliasShadowsConstant() {
    assertThat(value("E*2", vars("E", 5))).isEqualTo(10);
    assertThat(value("PI+1", vars("PI", 1))).isEqualTo(2);
    // aliases are case-sensitive, so 'e' is still the constant
    assertThat(value("e*2", vars("E", 5))).isEqualTo(2 * Math.E);
  }

  @Test
  void givenAliasInWrongCase_parse_failsWithHint() {
    assertThatThrownBy(() -> Formula.parse("volume*2", List.of("Volume")))
        .isInstanceOf(FormulaException.class)
        .hasMessageContaining("unknown identifier 'volume'")
        .hasMessageContaining("did you mean 'Volume'");
  }

  @Test
  void givenWordOperators_evaluate_recognisesThemInAnyCaseAndDelimitation() {
    var ab = vars("a", 2, "b", 1);
    assertThat(value("(a>1) AND (b<2)", ab)).isEqualTo(1);
    assertThat(value("(a>1)AND(b<2)", ab)).isEqualTo(1);
    assertThat(value("(a>1) and (b>2)", ab)).isEqualTo(0);
    assertThat(value("a>1 AND b<2", ab)).isEqualTo(1);
    assertThat(value("(a<1) Or (b<2)", ab)).isEqualTo(1);
    assertThat(value("NOT(a>1)", ab)).isEqualTo(0);
    assertThat(value("not (a<1)", ab)).isEqualTo(1);
    assertThat(value("(a>1) & (b<2) | 0", ab)).isEqualTo(1);
  }

  @Test
  void givenAliasesContainingWordOperators_evaluate_keepsThemAsNames() {
    var names = vars("ANDROID", 1, "Notch", 2, "ORGAN", 4, "NOTE", 8, "x_OR_y", 16);
    assertThat(value("ANDROID + Notch + ORGAN + NOTE + x_OR_y", names)).isEqualTo(31);
    assertThat(value("ANDROID AND NOTE", names)).isEqualTo(1);
  }

  @Test
  void givenBlanksInsideAName_evaluate_removesThemLikeOsp() {
    assertThat(value("Dose time * 2", vars("Dosetime", 3))).isEqualTo(6);
  }

  @Test
  void givenConstantSubexpressions_parse_foldsThem() {
    assertThat(Formula.parse("1+2*PI", List.of()).isConstant()).isTrue();
    assertThat(Formula.parse("a+1", List.of("a")).isConstant()).isFalse();
    assertThat(Formula.parse("1 > 2 ? a : 3", List.of("a")).isConstant()).isTrue();

    Formula f = Formula.parse("1 > 2 ? a : b", List.of("a", "b", "unused"));
    assertThat(f.dependsOn(0)).isFalse();
    assertThat(f.dependsOn(1)).isTrue();
    assertThat(f.dependsOn(2)).isFalse();
    assertThat(f.referenceCount()).isEqualTo(3);
  }

  @Test
  void givenConstantsScatteredInSumOrProduct_parse_gathersAndFoldsThem() {
    // OSP moves constants behind the other items and folds them: 1+a+2+b+3 is a+b+(1+(2+3))
    double a = 0.1;
    double b = 0.2;
    assertThat(value("1+a+2+b+3", vars("a", a, "b", b))).isEqualTo(a + b + 6.0);
    assertThat(value("2*a*3*b", vars("a", a, "b", b))).isEqualTo(a * b * 6.0);
    // x - c is x + (-c), x / c is x * (1/c)
    assertThat(value("a - 0.3", vars("a", a))).isEqualTo(a + -0.3);
    assertThat(value("a / 3", vars("a", a))).isEqualTo(a * (1.0 / 3));
  }

  @Test
  void givenLongGeneratedSum_parse_handlesItWithoutDeepRecursion() {
    int n = 20_000;
    StringBuilder text = new StringBuilder();
    List<String> aliases = new ArrayList<>();
    double[] values = new double[n];
    double expected = 0.0;
    for (int i = 0; i < n; i++) {
      text.append(i == 0 ? "" : i % 2 == 0 ? " + " : " - ").append("P_").append(i);
      aliases.add("P_" + i);
      values[i] = i;
      expected += i % 2 == 0 ? i : -i;
    }
    Formula f = Formula.parse(text.toString(), aliases);
    assertThat(f.evaluate(values, FormulaTesting.identitySlots(n))).isEqualTo(expected);
    assertThat(f.partial(n - 1, values, FormulaTesting.identitySlots(n))).isEqualTo(-1);
  }

  @Test
  void givenFormula_accessors_returnTextAndAliases() {
    Formula f = Formula.parse("V>0 ? M/V : 0", List.of("M", "V"));
    assertThat(f.text()).isEqualTo("V>0 ? M/V : 0");
    assertThat(f.toString()).isEqualTo("V>0 ? M/V : 0");
    assertThat(f.aliases()).containsExactly("M", "V");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // formula                | position | message fragment
        "a ? b : c ? d : e         | 10 | nested conditional must be enclosed in brackets",
        "a ? b ? c : d : e         | 6  | nested conditional must be enclosed in brackets",
        "a : b                     | 2  | ':' without a preceding '?'",
        "a ? b                     | 5  | expected ':'",
        "1 < 2 < 3                 | 6  | comparisons cannot be chained",
        "a == b                    | 2  | '==' is not an operator",
        "a ! b                     | 2  | '!' must be followed by '='",
        "a*-b                      | 2  | sign directly after '*' is not allowed",
        "10^-3                     | 3  | sign directly after '^' is not allowed",
        "1 + -2                    | 4  | sign directly after '+' is not allowed",
        "--a                       | 1  | sign directly after '-' is not allowed",
        "+1                        | 0  | leading '+' is not allowed",
        "a +                       | 3  | ends where an operand is expected",
        "(a                        | 2  | missing ')' for the '(' at position 0",
        "a)                        | 1  | ')' without a matching '('",
        "()                        | 1  | missing operand before ')'",
        "max(a)                    | 0  | MAX takes exactly 2 arguments separated by ';', found 1",
        "max(a;b;a)                | 0  | MAX takes exactly 2 arguments",
        "exp(a;b)                  | 0  | EXP takes exactly 1 argument, found 2",
        "exp()                     | 0  | EXP takes exactly 1 argument, found 0",
        "max(a,b)                  | 4  | function arguments are separated by ';'",
        "foo(1)                    | 0  | unknown function 'foo'",
        "IF(a;b;a)                 | 0  | unknown function 'IF'",
        "a * foo                   | 4  | unknown identifier 'foo'",
        "RND()                     | 0  | RND is not supported by the simulator",
        "2*srnd()                  | 2  | SRND is not supported by the simulator",
        "exp + 1                   | 0  | function EXP must be followed by its arguments",
        "2(3)                      | 1  | unexpected '(' after a complete expression",
        "1;2                       | 1  | ';' separates function arguments",
        "NOT NOT a                 | 4  | NOT cannot directly follow NOT",
        "a = NOT b                 | 4  | NOT may only start a condition operand",
        "1.2.3                     | 0  | unknown identifier '1.2.3'",
        "1e                        | 0  | unknown identifier '1e'",
        "a /                       | 3  | ends where an operand is expected",
      })
  void givenInvalidFormula_parse_failsWithPositionAndProblem(
      String text, int position, String fragment) {
    FormulaException e = catchThrowableOfType(FormulaException.class,
        () -> Formula.parse(text, List.of("a", "b", "c", "d", "e")));
    assertThat(e).as("expected a FormulaException for %s", text).isNotNull();
    assertThat(e.getMessage())
        .contains("\"" + text + "\"")
        .contains("at position " + position)
        .contains(fragment);
    assertThat(e.formulaText()).isEqualTo(text);
    assertThat(e.position()).isEqualTo(position);
    assertThat(e.problem()).contains(fragment);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t\n"})
  void givenBlankFormula_parse_failsAsEmpty(String text) {
    assertThatThrownBy(() -> Formula.parse(text, List.of()))
        .isInstanceOf(FormulaException.class)
        .hasMessageContaining("the formula is empty");
  }

  @Test
  void givenDuplicateAlias_parse_fails() {
    assertThatThrownBy(() -> Formula.parse("a", List.of("a", "b", "a")))
        .isInstanceOf(FormulaException.class)
        .hasMessageContaining("'a' is given twice");
  }

  @Test
  void givenErrorMessage_getMessage_showsTextNearThePosition() {
    List<String> aliases = List.of("Time", "T", "active");
    assertThatThrownBy(() -> Formula.parse("(Time > T) AND (active == 1)", aliases))
        .hasMessage("Invalid formula \"(Time > T) AND (active == 1)\" at position 23"
            + " (near \"== 1)\"): "
            + "'==' is not an operator; equality is written with a single '='");
  }

  @Test
  void givenReferenceIndexOutOfRange_dependsOn_throws() {
    Formula f = Formula.parse("a", List.of("a"));
    assertThatThrownBy(() -> f.dependsOn(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> f.partial(-1, new double[] {1}, new int[] {0}))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void givenRealFormulasFromModels_parse_succeeds() {
    assertThat(value("CT0 != CT_NEUTRAL ? 1/(1+10^(CT0*(pKa_0-pH))) : 1",
        vars("CT0", 1, "CT_NEUTRAL", 0, "pKa_0", 3, "pH", 3))).isEqualTo(0.5);
    assertThat(value(
        "Liquid>0 ? (EnableSupersaturarion ? M/Liquid : min(Solubility/MW ; M/Liquid)) : 0",
        vars("Liquid", 2, "EnableSupersaturarion", 0, "M", 8, "Solubility", 6, "MW", 3)))
        .isEqualTo(2);
    assertThat(value("(FillLevel<0.9?1:1/(1+exp((FillLevel-1)/0.01)))", vars("FillLevel", 1)))
        .isEqualTo(0.5);
    assertThat(value("ln(2)/tHalf", vars("tHalf", 2))).isEqualTo(Math.log(2) / 2);
  }
}
