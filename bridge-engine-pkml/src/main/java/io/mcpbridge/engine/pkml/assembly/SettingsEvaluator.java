package io.mcpbridge.engine.pkml.assembly;

import io.mcpbridge.core.model.OutputInterval;
import io.mcpbridge.core.model.SolverSettings;
import io.mcpbridge.engine.pkml.model.FileSettings;
import io.mcpbridge.engine.pkml.model.FormulaDef;
import io.mcpbridge.engine.pkml.model.FormulaKind;
import io.mcpbridge.engine.pkml.model.ModelDefinitionException;
import io.mcpbridge.engine.pkml.model.ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the settings parameters with the value/formula/isFixedValue rule, using the settings'
 * own formula cache; missing solver parameters take OSP Core's factory defaults.
 */
final class SettingsEvaluator {
  private final FileSettings settings;
  private final ExpressionCompiler compiler;

  SettingsEvaluator(FileSettings settings, ExpressionCompiler compiler) {
    this.settings = settings;
    this.compiler = compiler;
  }

  SolverSettings solver() {
    SolverSettings d = SolverSettings.ospDefaults();
    Map<String, ParameterSpec> p = settings.solverParameters();
    try {
      return new SolverSettings(
          value(p, "Absolute tolerance", d.absTol()),
          value(p, "Relative tolerance", d.relTol()),
          value(p, "Use Jacobian", 1) != 0,
          value(p, "H0", d.h0()),
          value(p, "HMin", d.hMin()),
          value(p, "HMax", d.hMax()),
          (long) value(p, "MxStep", d.mxStep()),
          value(p, "Check for negative values", d.checkNegativeValues() ? 1 : 0) != 0);
    } catch (IllegalArgumentException e) {
      throw new ModelDefinitionException("solver settings: " + e.getMessage(), e);
    }
  }

  List<OutputInterval> intervals() {
    List<OutputInterval> out = new ArrayList<>();
    for (Map<String, ParameterSpec> interval : settings.outputIntervals()) {
      double start = value(interval, "Start time", Double.NaN);
      double end = value(interval, "End time", Double.NaN);
      double resolution = value(interval, "Resolution", Double.NaN);
      try {
        out.add(new OutputInterval(start, end, resolution));
      } catch (IllegalArgumentException e) {
        throw new ModelDefinitionException("output interval [" + start + ", " + end + "] at resolution "
            + resolution + ": " + e.getMessage(), e);
      }
    }
    if (out.isEmpty()) {
      throw new ModelDefinitionException("the output schema has no output interval");
    }
    return out;
  }

  List<String> outputs() {
    return settings.outputSelections();
  }

  private double value(Map<String, ParameterSpec> parameters, String name, double fallback) {
    ParameterSpec p = parameters.get(name);
    if (p == null) {
      return fallback;
    }
    if (p.fixedValue() && !Double.isNaN(p.value())) {
      return p.value();
    }
    if (p.formulaId() != null) {
      FormulaDef f = settings.formulas().get(p.formulaId());
      if (f == null) {
        throw new ModelDefinitionException("settings parameter " + name + ": formula " + p.formulaId()
            + " is not in the settings' formula cache");
      }
      if (f.kind() == FormulaKind.CONSTANT) {
        return f.constantValue();
      }
      if (f.kind() == FormulaKind.EXPLICIT && f.references().isEmpty()) {
        try {
          return compiler.compile(f.text(), List.of()).evaluate(new double[0], new int[0]);
        } catch (RuntimeException e) {
          throw new ModelDefinitionException("settings formula " + f.id() + ": " + e.getMessage(), e);
        }
      }
      throw new ModelDefinitionException("settings parameter " + name + ": formula " + f.id()
          + " must be constant");
    }
    return Double.isNaN(p.value()) ? fallback : p.value();
  }
}
