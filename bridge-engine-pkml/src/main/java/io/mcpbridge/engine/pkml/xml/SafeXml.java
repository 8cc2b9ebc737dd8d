package io.mcpbridge.engine.pkml.xml;

import io.mcpbridge.engine.pkml.model.ModelDefinitionException;
import java.io.ByteArrayInputStream;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The hardened streaming XML setup shared by the readers: DTDs refused, external entities and
 * entity replacement off, parser errors turned into {@link ModelDefinitionException}s with line and
 * column.
 */
final class SafeXml {
  /** A document reader that may throw the parser's checked exception. */
  interface DocumentReader<T> {
    T read(XmlCursor cursor) throws XMLStreamException;
  }

  private SafeXml() {}

  static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    return factory;
  }

  /** Runs {@code body} on a cursor over {@code bytes}; closes the parser in every case. */
  static <T> T parse(byte[] bytes, DocumentReader<T> body) {
    XMLStreamReader reader = null;
    try {
      reader = factory().createXMLStreamReader(new ByteArrayInputStream(bytes));
      return body.read(new XmlCursor(reader));
    } catch (XMLStreamException e) {
      throw malformed(e);
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // nothing left to release
        }
      }
    }
  }

  /**
   * Advances to the root element and returns its local name.
   *
   * @throws ModelDefinitionException on a DOCTYPE or a document without elements
   */
  static String toRoot(XMLStreamReader reader) throws XMLStreamException {
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.DTD) {
        throw new ModelDefinitionException("DOCTYPE declarations are not allowed");
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        return reader.getLocalName();
      }
    }
    throw new ModelDefinitionException("the document has no root element");
  }

  static ModelDefinitionException malformed(XMLStreamException e) {
    Location at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
    return new ModelDefinitionException("malformed XML" + where + ": " + firstLine(e.getMessage()), e);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable content";
    }
    String m = message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(nl + 1).strip();
  }
}
