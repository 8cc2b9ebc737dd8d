package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.service.tools.CalculatePkParametersTool;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** calculate_pk_parameters with {@code terminalPhase: nca}: the chosen window travels with the result. */
class CalculatePkParametersNcaTest {
  private static final Principal VIEWER = BridgeFixture.caller("victor", Role.VIEWER);
  private final BridgeFixture bridge = new BridgeFixture();

  /** 10·e^(−0.3t) + 2·e^(−0.05t) on a sparse grid: the last three samples fit best. */
  private static final double[] T = {0, 0.5, 1, 2, 3, 4, 6, 8, 10, 12};

  private static double[] values() {
    double[] c = new double[T.length];
    for (int i = 0; i < T.length; i++) {
      c[i] = 10 * Math.exp(-0.3 * T[i]) + 2 * Math.exp(-0.05 * T[i]);
    }
    return c;
  }

  private CalculatePkParametersTool.Output call(double[] c, Optional<String> terminalPhase) {
    return bridge.call("calculate_pk_parameters", new CalculatePkParametersTool.Input(Optional.empty(), Optional.empty(),
        Optional.of(T), Optional.of(c), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        terminalPhase), VIEWER, CalculatePkParametersTool.Output.class);
  }

  @Test
  void givenNca_theWindowBehindThalfIsReported() {
    double[] c = values();
    // Least squares of ln C over t = 8, 10, 12 (equally spaced): slope = (y12 − y8)/(12 − 8).
    double lambda = (Math.log(c[7]) - Math.log(c[9])) / 4;

    CalculatePkParametersTool.Output out = call(c, Optional.of("nca"));

    CalculatePkParametersTool.TerminalWindow w = out.terminalPhase().orElseThrow().get("inline").get("Thalf");
    assertThat(w.reason()).isEmpty();
    assertThat(w.points()).contains(3);
    assertThat(w.firstTime()).isEqualTo(8.0);
    assertThat(w.lastTime()).isEqualTo(12.0);
    assertThat(w.lambdaZ()).isCloseTo(lambda, within(1e-12));
    assertThat(w.rSquared()).isBetween(0.99, 1.0);
    assertThat(w.adjustedRSquared()).isCloseTo(1 - (1 - w.rSquared()) * 2, within(1e-12));
    assertThat(w.span()).isCloseTo(4 * lambda / Math.log(2), within(1e-10));
    assertThat(out.parameters().get("inline").get("Thalf").value()).isCloseTo(Math.log(2) / lambda, within(1e-9));
  }

  @Test
  void givenTooFewPointsAfterTmax_theReasonIsReportedInsteadOfAWindow() {
    double[] c = new double[T.length];
    c[T.length - 3] = 5;
    c[T.length - 2] = 2;
    c[T.length - 1] = 1;

    CalculatePkParametersTool.Output out = call(c, Optional.of("nca"));

    CalculatePkParametersTool.TerminalWindow w = out.terminalPhase().orElseThrow().get("inline").get("Thalf");
    assertThat(w.points()).isEmpty();
    assertThat(w.lambdaZ()).isNull();
    assertThat(w.reason()).contains("TOO_FEW_POINTS_AFTER_T_MAX");
    assertThat(out.parameters().get("inline").get("Thalf").reason()).contains("TOO_FEW_POINTS_AFTER_T_MAX");
  }

  @Test
  void withoutNca_thereIsNoTerminalPhaseReport() {
    assertThat(call(values(), Optional.empty()).terminalPhase()).isEmpty();
    assertThat(call(values(), Optional.of("regression")).terminalPhase()).isEmpty();
  }
}
