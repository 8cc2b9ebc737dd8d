package io.mcpbridge.engine.pkml.xml;

import io.mcpbridge.engine.pkml.model.ModelDefinitionException;
import io.mcpbridge.engine.pkml.model.FileSettings;
import io.mcpbridge.engine.pkml.model.FormulaDef;
import io.mcpbridge.engine.pkml.model.ParameterSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;

/**
 * Collects the simulation settings: solver parameters, output schema, output selections and the
 * settings' formula cache. Handles both the {@code SimulationSettings} element (transfer versions
 * 12 and later) and the loose {@code Solver}/{@code OutputSchema} children of the version 3
 * {@code SimulationConfiguration}, whose solver stores its options as attributes.
 */
final class SettingsReader {
  /** Version 3 solver attribute names and the parameter names used by later versions. */
  private static final Map<String, String> SOLVER_ATTRIBUTES = Map.of(
      "absTol", "Absolute tolerance",
      "relTol", "Relative tolerance",
      "useJacobian", "Use Jacobian",
      "h0", "H0",
      "hMin", "HMin",
      "hMax", "HMax",
      "mxStep", "MxStep");

  private final XmlCursor cursor;
  private final Map<String, ParameterSpec> solver = new HashMap<>();
  private final List<Map<String, ParameterSpec>> intervals = new ArrayList<>();
  private final List<String> selections = new ArrayList<>();
  private final Map<String, FormulaDef> formulas = new HashMap<>();
  private boolean seen;

  SettingsReader(XmlCursor cursor) {
    this.cursor = cursor;
  }

  /** Reads a {@code SimulationSettings} element. */
  void readSettings() throws XMLStreamException {
    while (cursor.nextChild()) {
      if (cursor.name().equals("FormulaCache")) {
        formulas.putAll(FormulaCacheReader.read(cursor));
      } else {
        readPart();
      }
    }
  }

  /** Reads one settings part ({@code Solver}, {@code OutputSchema}, {@code OutputSelections}). */
  void readPart() throws XMLStreamException {
    switch (cursor.name()) {
      case "Solver":
        seen = true;
        SOLVER_ATTRIBUTES.forEach((attribute, name) -> {
          String v = cursor.attribute(attribute);
          if (v != null) {
            solver.put(name, new ParameterSpec(name, XmlCursor.number(v, "solver " + attribute), null, true));
          }
        });
        collectParameters(solver);
        break;
      case "OutputSchema":
        seen = true;
        readOutputSchema();
        break;
      case "OutputSelections":
        readSelections();
        break;
      default:
        cursor.skip();
    }
  }

  boolean seen() {
    return seen;
  }

  FileSettings result() {
    return new FileSettings(solver, intervals, selections, formulas);
  }

  private void readOutputSchema() throws XMLStreamException {
    while (cursor.nextChild()) {
      if (cursor.name().equals("OutputInterval")) {
        Map<String, ParameterSpec> interval = new LinkedHashMap<>();
        collectParameters(interval);
        intervals.add(interval);
      } else if (cursor.name().equals("Children")) {
        readOutputSchema();
      } else {
        cursor.skip();
      }
    }
  }

  private void readSelections() throws XMLStreamException {
    while (cursor.nextChild()) {
      if (cursor.name().equals("QuantitySelection")) {
        String path = cursor.attribute("path");
        if (path != null && !path.isBlank()) {
          selections.add(path);
        }
        cursor.skip();
      } else {
        readSelections();
      }
    }
  }

  /** Collects every {@code Parameter} below the current element, by name. */
  private void collectParameters(Map<String, ParameterSpec> into) throws XMLStreamException {
    while (cursor.nextChild()) {
      if (cursor.name().equals("Parameter")) {
        String name = cursor.attribute("name");
        if (name == null) {
          throw new ModelDefinitionException("simulation settings: a Parameter has no name attribute (id '"
              + cursor.attribute("id") + "')");
        }
        String value = cursor.attribute("value");
        into.put(name, new ParameterSpec(name,
            value == null ? Double.NaN : XmlCursor.number(value, "settings parameter " + name),
            cursor.attribute("formula"), "1".equals(cursor.attribute("isFixedValue"))));
        cursor.skip();
      } else {
        collectParameters(into);
      }
    }
  }
}
