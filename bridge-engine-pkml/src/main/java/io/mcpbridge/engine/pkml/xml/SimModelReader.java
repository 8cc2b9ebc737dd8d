package io.mcpbridge.engine.pkml.xml;

import io.mcpbridge.engine.pkml.model.ModelDefinitionException;
import io.mcpbridge.engine.pkml.model.SimulationFile;
import io.mcpbridge.engine.pkml.model.TablePoint;
import io.mcpbridge.engine.pkml.xml.SimModelDocument.Formula;
import io.mcpbridge.engine.pkml.xml.SimModelDocument.Quantity;
import io.mcpbridge.engine.pkml.xml.SimModelDocument.QuantityList;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads OSP's kernel input format, SimModel XML ({@code <Simulation>} with ParameterList,
 * VariableList, ObserverList, FormulaList, EventList, Solver and OutputSchema), with the same
 * hardened streaming parser as {@link PkmlReader}: no DTD, no external entities. Both layouts of the
 * format are read: references as {@code ReferenceList/R} (schema version 4) and as
 * {@code ParameterList/P} plus {@code VariableList/V} inside each formula (earlier files). The
 * result is the same {@link SimulationFile} the pkml reader builds, so everything downstream is
 * shared.
 */
public final class SimModelReader {
  /** Formula elements the kernel format defines. */
  private static final Set<String> FORMULA_ELEMENTS =
      Set.of("ExplicitFormula", "TableFormula", "TableFormulaWithOffset", "TableFormulaWithXArgument");
  /** Solver options read from the {@code Solver} element (each names a parameter by id). */
  private static final Set<String> SOLVER_OPTIONS =
      Set.of("AbsTol", "RelTol", "H0", "HMin", "HMax", "MxStep", "UseJacobian", "CheckForNegativeValues");

  private SimModelReader() {}

  /**
   * Parses a SimModel XML file's bytes.
   *
   * @throws ModelDefinitionException if the XML is malformed, not a SimModel simulation, or refers
   *     to quantities or formulas that do not exist (naming the id and the referring element)
   */
  public static SimulationFile read(byte[] bytes) {
    return SafeXml.parse(bytes, cursor -> SimModelTree.build(readDocument(cursor)));
  }

  private static SimModelDocument readDocument(XmlCursor cursor) throws XMLStreamException {
    XMLStreamReader reader = cursor.reader();
    SimModelDocument doc = new SimModelDocument();
    if (!SafeXml.toRoot(reader).equals("Simulation")) {
      throw new ModelDefinitionException("not a SimModel simulation (root element <" + cursor.name() + ">)");
    }
    doc.version = cursor.attribute("version");
    String delimiter = cursor.attribute("objectPathDelimiter");
    if (delimiter != null && !delimiter.isEmpty()) {
      doc.delimiter = delimiter;
    }
    if (doc.version != null && !doc.version.strip().matches("[1-4]")) {
      throw new ModelDefinitionException("unsupported SimModel version " + doc.version + " (supported: up to 4)");
    }
    while (cursor.nextChild()) {
      switch (cursor.name()) {
        case "ParameterList":
          readQuantities(cursor, doc, "P", QuantityList.PARAMETER);
          break;
        case "VariableList":
          readQuantities(cursor, doc, "V", QuantityList.VARIABLE);
          break;
        case "ObserverList":
          readQuantities(cursor, doc, "Observer", QuantityList.OBSERVER);
          break;
        case "FormulaList":
          readFormulas(cursor, doc);
          break;
        case "EventList":
          readEvents(cursor, doc);
          break;
        case "Solver":
          doc.solverSeen = true;
          readSolver(cursor, doc);
          break;
        case "OutputSchema":
          doc.outputSchemaSeen = true;
          readOutputSchema(cursor, doc);
          break;
        default:
          cursor.skip();
      }
    }
    while (reader.hasNext()) {
      if (reader.next() == XMLStreamConstants.DTD) {
        throw new ModelDefinitionException("DOCTYPE declarations are not allowed");
      }
    }
    return doc;
  }

  private static void readQuantities(XmlCursor cursor, SimModelDocument doc, String element, QuantityList list)
      throws XMLStreamException {
    while (cursor.nextChild()) {
      if (!cursor.name().equals(element)) {
        throw new ModelDefinitionException("unexpected <" + cursor.name() + "> in the " + list.name().toLowerCase()
            + " list");
      }
      Quantity q = new Quantity();
      q.list = list;
      q.id = required(cursor, "id", "<" + element + ">");
      q.name = cursor.attribute("name");
      q.path = cursor.attribute("path");
      q.unit = cursor.attribute("unit");
      q.value = cursor.attribute("value");
      q.formulaId = list == QuantityList.VARIABLE ? cursor.attribute("initialValueFormulaId")
          : cursor.attribute("formulaId");
      q.persistable = "1".equals(cursor.attribute("persistable"));
      q.negativeValuesAllowed = cursor.attribute("negativeValuesAllowed");
      if (q.name == null || q.name.isEmpty()) {
        throw new ModelDefinitionException(list.name().toLowerCase() + " id " + q.id + " has no name");
      }
      while (cursor.nextChild()) {
        if (cursor.name().equals("ScaleFactor")) {
          q.scaleFactor = cursor.reader().getElementText();
        } else if (cursor.name().equals("RHSFormulaList")) {
          while (cursor.nextChild()) {
            if (cursor.name().equals("RHSFormula")) {
              q.rhsFormulaIds.add(required(cursor, "id", "RHS formula of variable id " + q.id));
            }
            cursor.skip();
          }
        } else {
          cursor.skip();
        }
      }
      doc.quantities.add(q);
    }
  }

  private static void readFormulas(XmlCursor cursor, SimModelDocument doc) throws XMLStreamException {
    while (cursor.nextChild()) {
      String element = cursor.name();
      if (!FORMULA_ELEMENTS.contains(element)) {
        throw new ModelDefinitionException("formula " + cursor.attribute("id") + ": unsupported formula kind <"
            + element + ">");
      }
      Formula f = new Formula();
      f.element = element;
      f.id = required(cursor, "id", "<" + element + ">");
      f.useDerivedValues = "1".equals(cursor.attribute("useDerivedValues"));
      while (cursor.nextChild()) {
        switch (cursor.name()) {
          case "Equation":
            f.equation = cursor.reader().getElementText();
            break;
          case "ReferenceList":
          case "ParameterList":
          case "VariableList":
            while (cursor.nextChild()) {
              f.references.add(new SimModelDocument.Reference(required(cursor, "alias", "reference of formula " + f.id),
                  required(cursor, "id", "reference of formula " + f.id)));
              cursor.skip();
            }
            break;
          case "PointList":
            while (cursor.nextChild()) {
              if (cursor.name().equals("Point")) {
                String context = "table formula " + f.id + " point";
                f.points.add(new TablePoint(XmlCursor.number(required(cursor, "x", context), context + " x"),
                    XmlCursor.number(required(cursor, "y", context), context + " y"),
                    "1".equals(cursor.attribute("restartSolver"))));
              }
              cursor.skip();
            }
            break;
          case "Table":
            f.tableId = required(cursor, "id", "table of formula " + f.id);
            cursor.skip();
            break;
          case "Offset":
          case "XArgument":
            f.argumentId = required(cursor, "id", cursor.name() + " of formula " + f.id);
            cursor.skip();
            break;
          default:
            cursor.skip();
        }
      }
      if (doc.formulas.put(f.id, f) != null) {
        throw new ModelDefinitionException("formula id " + f.id + " occurs twice in the formula list");
      }
    }
  }

  private static void readEvents(XmlCursor cursor, SimModelDocument doc) throws XMLStreamException {
    while (cursor.nextChild()) {
      if (!cursor.name().equals("Event")) {
        cursor.skip();
        continue;
      }
      SimModelDocument.Event e = new SimModelDocument.Event();
      e.id = required(cursor, "id", "<Event>");
      e.conditionFormulaId = required(cursor, "conditionFormulaId", "event id " + e.id);
      e.oneTime = "1".equals(cursor.attribute("oneTime"));
      while (cursor.nextChild()) {
        if (cursor.name().equals("AssignmentList")) {
          while (cursor.nextChild()) {
            if (cursor.name().equals("Assignment")) {
              String context = "assignment of event id " + e.id;
              e.assignments.add(new SimModelDocument.Assignment(required(cursor, "objectId", context),
                  required(cursor, "newFormulaId", context), "1".equals(cursor.attribute("useAsValue"))));
            }
            cursor.skip();
          }
        } else {
          cursor.skip();
        }
      }
      doc.events.add(e);
    }
  }

  private static void readSolver(XmlCursor cursor, SimModelDocument doc) throws XMLStreamException {
    while (cursor.nextChild()) {
      if (SOLVER_OPTIONS.contains(cursor.name())) {
        doc.solverOptions.put(cursor.name(), required(cursor, "id", "solver option " + cursor.name()));
      }
      cursor.skip();
    }
  }

  private static void readOutputSchema(XmlCursor cursor, SimModelDocument doc) throws XMLStreamException {
    while (cursor.nextChild()) {
      switch (cursor.name()) {
        case "OutputIntervalList":
          while (cursor.nextChild()) {
            if (!cursor.name().equals("OutputInterval")) {
              cursor.skip();
              continue;
            }
            String distribution = cursor.attribute("distribution");
            String start = null;
            String end = null;
            String points = null;
            while (cursor.nextChild()) {
              switch (cursor.name()) {
                case "StartTime":
                  start = cursor.reader().getElementText();
                  break;
                case "EndTime":
                  end = cursor.reader().getElementText();
                  break;
                case "NumberOfTimePoints":
                  points = cursor.reader().getElementText();
                  break;
                default:
                  cursor.skip();
              }
            }
            doc.intervals.add(new SimModelDocument.Interval(distribution, start, end, points));
          }
          break;
        case "OutputTimeList":
          while (cursor.nextChild()) {
            if (cursor.name().equals("OutputTime")) {
              doc.outputTimes.add(cursor.reader().getElementText());
            } else {
              cursor.skip();
            }
          }
          break;
        default:
          cursor.skip();
      }
    }
  }

  private static String required(XmlCursor cursor, String attribute, String context) {
    String v = cursor.attribute(attribute);
    if (v == null || v.isBlank()) {
      throw new ModelDefinitionException(context + " has no '" + attribute + "' attribute");
    }
    return v.strip();
  }
}
