package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.service.tools.CalculatePkParametersTool;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** calculate_pk_parameters on inline series: the §2.6 IV-bolus vector and the input rules. */
class CalculatePkParametersToolTest {
  private static final Principal VIEWER = BridgeFixture.caller("victor", Role.VIEWER);
  private final BridgeFixture bridge = new BridgeFixture();

  private static double[] ivBolusTimes() {
    double[] t = new double[49];
    for (int i = 0; i < t.length; i++) {
      t[i] = 0.5 * i;
    }
    return t;
  }

  private static double[] ivBolusValues(double[] t) {
    double[] c = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      c[i] = 10 * Math.exp(-0.1 * t[i]);
    }
    return c;
  }

  private CalculatePkParametersTool.Output inline(double[] t, double[] c, Optional<Double> dose, Optional<Double> infusion) {
    return inline(t, c, dose, infusion, Optional.empty());
  }

  private CalculatePkParametersTool.Output inline(double[] t, double[] c, Optional<Double> dose, Optional<Double> infusion,
      Optional<String> terminalPhase) {
    return bridge.call("calculate_pk_parameters", new CalculatePkParametersTool.Input(Optional.empty(), Optional.empty(),
        Optional.of(t), Optional.of(c), Optional.empty(), dose, infusion, Optional.empty(), terminalPhase), VIEWER,
        CalculatePkParametersTool.Output.class);
  }

  @Test
  void givenATailThatIsNotLogLinear_theDefaultIsOspsTwoPointRuleAndRegressionIsAnOption() {
    double[] t = new double[31];
    double[] c = new double[31];
    for (int i = 0; i < t.length; i++) {
      t[i] = i;
      c[i] = 10 * Math.exp(-0.3 * i) + 2 * Math.exp(-0.05 * i);
    }
    double twoPointLambda = Math.log(c[29] / c[30]);

    double byDefault = inline(t, c, Optional.empty(), Optional.empty()).parameters().get("inline").get("Thalf").value();
    double regression = inline(t, c, Optional.empty(), Optional.empty(), Optional.of("regression"))
        .parameters().get("inline").get("Thalf").value();

    assertThat(byDefault).isCloseTo(Math.log(2) / twoPointLambda, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(Math.abs(regression - byDefault) / byDefault).isGreaterThan(1e-3);
    assertThatThrownBy(() -> inline(t, c, Optional.empty(), Optional.empty(), Optional.of("best-guess")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("last-two-points");
  }

  @Test
  void givenTheIvBolusVector_inline_reproducesTheDocumentedValues() {
    double[] t = ivBolusTimes();

    var pk = inline(t, ivBolusValues(t), Optional.of(100.0), Optional.empty()).parameters().get("inline");

    // PK-AND-SENSITIVITY §2.6 synthetic vector; printed to 7-8 digits, so 1e-6 relative.
    assertThat(pk.get("C_max").value()).isCloseTo(10.0, org.assertj.core.data.Percentage.withPercentage(1e-4));
    assertThat(pk.get("AUC_inf").value()).isCloseTo(100.018943, org.assertj.core.data.Percentage.withPercentage(1e-4));
    assertThat(pk.get("CL").value()).isCloseTo(0.9998106, org.assertj.core.data.Percentage.withPercentage(1e-4));
    assertThat(pk.get("AUC_inf").unit()).isEqualTo("µmol·min/l");
  }

  @Test
  void givenNonPositiveDoseOrNegativeInfusionTime_inline_isRefused() {
    double[] t = ivBolusTimes();
    double[] c = ivBolusValues(t);

    assertThatThrownBy(() -> inline(t, c, Optional.of(-5.0), Optional.empty())).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dosePerBodyWeight");
    assertThatThrownBy(() -> inline(t, c, Optional.of(100.0), Optional.of(Double.NaN))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("infusionTime");
  }

  @Test
  void givenDecreasingTimes_inline_isRefused() {
    assertThatThrownBy(() -> inline(new double[] {0, 2, 1}, new double[] {1, 2, 3}, Optional.empty(), Optional.empty()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("non-decreasing");
  }
}
