package io.mcpbridge.core.sensitivity.global;

import java.util.Objects;

/**
 * Morris statistics of one parameter over r elementary effects. An elementary effect is the
 * response change over a step of Δ (in cumulative probability) divided by Δ, so for a uniform
 * parameter it is the slope times the range width.
 *
 * @param parameter the parameter's name
 * @param mu μ, the mean elementary effect (signed; effects of opposite sign cancel)
 * @param muStar μ*, the mean absolute elementary effect (Campolongo et al. 2007), the importance
 * @param sigma σ, the sample standard deviation (n − 1) of the effects: non-linearity or
 *     interactions
 */
public record MorrisEffect(String parameter, double mu, double muStar, double sigma) {
  public MorrisEffect {
    Objects.requireNonNull(parameter, "parameter");
  }
}
