package io.mcpbridge.engine.pkml.xml;

import io.mcpbridge.engine.pkml.model.FormulaDef;
import io.mcpbridge.engine.pkml.model.FormulaKind;
import io.mcpbridge.engine.pkml.model.FormulaReference;
import io.mcpbridge.engine.pkml.model.ModelDefinitionException;
import io.mcpbridge.engine.pkml.model.TablePoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;

/**
 * Reads a {@code FormulaCache} element. Path strings are keys into the cache's string map, which
 * may come before or after the formulas, so formulas are translated once the element is done.
 */
final class FormulaCacheReader {

  /** A formula as read, references still as string-map keys. */
  private static final class RawFormula {
    FormulaKind kind;
    Map<String, String> attributes;
    final List<String[]> paths = new ArrayList<>(); // {pathKey, aliasKey} or {null, timeAlias}
    final List<TablePoint> points = new ArrayList<>();
  }

  private FormulaCacheReader() {}

  /** Reads the cache the cursor is on; returns formulas by id in file order. */
  static Map<String, FormulaDef> read(XmlCursor cursor) throws XMLStreamException {
    return read(cursor, new HashMap<>());
  }

  /** As {@link #read(XmlCursor)}, also filling {@code strings} with the string map. */
  static Map<String, FormulaDef> read(XmlCursor cursor, Map<String, String> strings) throws XMLStreamException {
    List<RawFormula> raw = new ArrayList<>();
    while (cursor.nextChild()) {
      switch (cursor.name()) {
        case "Formulas":
          while (cursor.nextChild()) {
            raw.add(readFormula(cursor));
          }
          break;
        case "StringMap":
          while (cursor.nextChild()) {
            if (cursor.name().equals("Map")) {
              strings.put(cursor.attribute("id"), cursor.attribute("s"));
            }
            cursor.skip();
          }
          break;
        default:
          cursor.skip();
      }
    }
    Map<String, FormulaDef> out = new LinkedHashMap<>();
    for (RawFormula f : raw) {
      FormulaDef def = translate(f, strings);
      if (out.put(def.id(), def) != null) {
        throw new ModelDefinitionException("formula id " + def.id() + " occurs twice in the formula cache");
      }
    }
    return out;
  }

  private static RawFormula readFormula(XmlCursor cursor) throws XMLStreamException {
    RawFormula f = new RawFormula();
    f.attributes = cursor.attributes();
    f.kind = FormulaKind.forElement(cursor.name());
    if (f.kind == null) {
      throw new ModelDefinitionException("formula " + f.attributes.get("id") + ": unsupported formula kind <"
          + cursor.name() + ">");
    }
    String id = f.attributes.get("id");
    while (cursor.nextChild()) {
      switch (cursor.name()) {
        case "Paths":
          while (cursor.nextChild()) {
            if (cursor.name().equals("Path")) {
              f.paths.add(new String[] {cursor.attribute("path"), cursor.attribute("as")});
            } else if (cursor.name().equals("TimePath")) {
              String alias = cursor.attribute("alias");
              f.paths.add(new String[] {null, alias == null || alias.isEmpty() ? "Time" : alias});
            }
            cursor.skip();
          }
          break;
        case "AllPoints":
          while (cursor.nextChild()) {
            if (cursor.name().equals("ValuePoint")) {
              f.points.add(new TablePoint(
                  XmlCursor.number(cursor.attribute("x"), "formula " + id + " point x"),
                  XmlCursor.number(cursor.attribute("y"), "formula " + id + " point y"),
                  "1".equals(cursor.attribute("restartSolver"))));
            }
            cursor.skip();
          }
          break;
        default:
          cursor.skip();
      }
    }
    return f;
  }

  private static FormulaDef translate(RawFormula f, Map<String, String> strings) {
    String id = f.attributes.get("id");
    if (id == null) {
      throw new ModelDefinitionException("a " + f.kind.element() + " in the formula cache has no id");
    }
    List<FormulaReference> refs = new ArrayList<>();
    for (String[] p : f.paths) {
      if (p[0] == null) {
        refs.add(new FormulaReference(p[1], null));
      } else {
        refs.add(new FormulaReference(lookup(strings, p[1], id), lookup(strings, p[0], id)));
      }
    }
    String text = null;
    if (f.kind == FormulaKind.EXPLICIT) {
      text = f.attributes.get("formula");
      if (text == null) {
        throw new ModelDefinitionException("formula " + id + " has no expression text");
      }
    }
    double constant = f.kind == FormulaKind.CONSTANT
        ? XmlCursor.number(f.attributes.get("value"), "formula " + id + " value")
        : Double.NaN;
    for (int i = 1; i < f.points.size(); i++) {
      if (!(f.points.get(i).x() > f.points.get(i - 1).x())) {
        throw new ModelDefinitionException("table formula " + id + ": x values must be strictly increasing");
      }
    }
    String second = f.kind == FormulaKind.TABLE_WITH_OFFSET
        ? f.attributes.get("offsetObjectAlias")
        : f.attributes.get("xArgumentAlias");
    return new FormulaDef(id, f.kind, text, f.attributes.get("dim"), constant, refs, f.points,
        "1".equals(f.attributes.get("useDerivedValues")), f.attributes.get("tableObjectAlias"), second);
  }

  private static String lookup(Map<String, String> strings, String key, String formulaId) {
    if (key == null) {
      throw new ModelDefinitionException("formula " + formulaId + ": a path has no 'path' or 'as' attribute");
    }
    String s = strings.get(key);
    if (s == null) {
      throw new ModelDefinitionException("formula " + formulaId + ": string key " + key
          + " is missing from the string map");
    }
    return s;
  }
}
