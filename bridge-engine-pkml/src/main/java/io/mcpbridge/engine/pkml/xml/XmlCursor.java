package io.mcpbridge.engine.pkml.xml;

import io.mcpbridge.engine.pkml.model.ModelDefinitionException;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Small helpers around a StAX reader positioned on a start element. */
final class XmlCursor {
  private final XMLStreamReader reader;

  XmlCursor(XMLStreamReader reader) {
    this.reader = reader;
  }

  XMLStreamReader reader() {
    return reader;
  }

  String name() {
    return reader.getLocalName();
  }

  String attribute(String name) {
    return reader.getAttributeValue(null, name);
  }

  /** All attributes of the current start element except purely cosmetic ones. */
  Map<String, String> attributes() {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      String n = reader.getAttributeLocalName(i);
      if (!n.equals("description") && !n.equals("icon")) {
        out.put(n, reader.getAttributeValue(i));
      }
    }
    return out;
  }

  /**
   * Advances to the next child start element of the current element, or to its end element.
   *
   * @return true if positioned on a child start element, false if on the parent's end element
   */
  boolean nextChild() throws XMLStreamException {
    while (reader.hasNext()) {
      int ev = reader.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        return true;
      }
      if (ev == XMLStreamConstants.END_ELEMENT) {
        return false;
      }
      if (ev == XMLStreamConstants.DTD) {
        throw new ModelDefinitionException("DOCTYPE declarations are not allowed");
      }
    }
    throw new ModelDefinitionException("unexpected end of document");
  }

  /** Skips the current start element with everything inside it; ends on its end element. */
  void skip() throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int ev = reader.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  /** Parses a number as written by OSP (invariant culture, NaN and infinities allowed). */
  static double number(String text, String context) {
    if (text == null) {
      return Double.NaN;
    }
    String t = text.trim();
    switch (t) {
      case "NaN":
      case "nan":
      case "NAN":
        return Double.NaN;
      case "Infinity":
      case "∞":
      case "inf":
        return Double.POSITIVE_INFINITY;
      case "-Infinity":
      case "-∞":
      case "-inf":
        return Double.NEGATIVE_INFINITY;
      default:
        try {
          return Double.parseDouble(t);
        } catch (NumberFormatException e) {
          throw new ModelDefinitionException(context + ": '" + text + "' is not a number");
        }
    }
  }
}
