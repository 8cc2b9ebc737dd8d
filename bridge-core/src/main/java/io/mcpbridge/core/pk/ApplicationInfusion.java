package io.mcpbridge.core.pk;

import io.mcpbridge.core.model.QuantityInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * OSP's {@code InfusionTime} PK option read from a model's applications: for single dosing OSP
 * takes the infusion time of the application and subtracts half of it from MRT (an infusion's mean
 * input time). PK-Sim and MoBi models describe each application below {@code Applications} with a
 * {@code ProtocolSchemaItem} holding {@code Start time} and, for infusions, {@code Infusion time}.
 *
 * <p>Only a model with exactly one application yields a value: with several applications the
 * analysis is multiple dosing, where OSP applies no infusion correction.
 */
public final class ApplicationInfusion {
  static final String APPLICATIONS = "Applications|";
  static final String START_TIME = "|ProtocolSchemaItem|Start time";
  static final String INFUSION_TIME = "|ProtocolSchemaItem|Infusion time";

  private ApplicationInfusion() {}

  /**
   * The infusion time (min) of the model's only application.
   *
   * @param quantities the model's quantities (paths without the simulation name)
   * @param value a quantity's current value (after overrides), in base units
   * @return empty if the model has no or several applications, or its application is no infusion
   *     (no infusion-time parameter, or a value that is not a finite non-negative number)
   */
  public static Optional<Double> of(List<QuantityInfo> quantities, ToDoubleFunction<QuantityInfo> value) {
    List<String> applications = new ArrayList<>();
    for (QuantityInfo q : quantities) {
      if (q.path().startsWith(APPLICATIONS) && q.path().endsWith(START_TIME)) {
        applications.add(q.path().substring(0, q.path().length() - START_TIME.length()));
      }
    }
    if (applications.size() != 1) {
      return Optional.empty();
    }
    String infusion = applications.get(0) + INFUSION_TIME;
    return quantities.stream().filter(q -> q.path().equals(infusion)).findFirst()
        .map(value::applyAsDouble).filter(t -> Double.isFinite(t) && t >= 0);
  }
}
