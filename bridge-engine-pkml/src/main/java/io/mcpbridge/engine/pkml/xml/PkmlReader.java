package io.mcpbridge.engine.pkml.xml;

import io.mcpbridge.engine.pkml.model.ModelDefinitionException;
import io.mcpbridge.engine.pkml.model.SimulationFile;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a {@code .pkml} simulation transfer file with a streaming parser. Only the simulation
 * settings and the built model are read; building blocks, observed data and everything else are
 * skipped without being materialised. DTDs and external entities are refused.
 */
public final class PkmlReader {
  /** Elements below {@code Simulation} that may contain the settings and are therefore entered. */
  private static final Set<String> ENTERED = Set.of("BuildConfiguration", "SimulationConfiguration");
  private static final Set<String> SETTINGS_PARTS = Set.of("Solver", "OutputSchema", "OutputSelections");

  private PkmlReader() {}

  /**
   * Parses a file's bytes.
   *
   * @throws ModelDefinitionException if the XML is malformed or not a simulation transfer
   */
  public static SimulationFile read(byte[] bytes) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    XMLStreamReader reader = null;
    try {
      reader = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
      return readDocument(new XmlCursor(reader));
    } catch (XMLStreamException e) {
      Location at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
      throw new ModelDefinitionException("malformed XML" + where + ": " + firstLine(e.getMessage()), e);
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

  private static SimulationFile readDocument(XmlCursor cursor) throws XMLStreamException {
    XMLStreamReader reader = cursor.reader();
    int version = -1;
    SettingsReader settings = new SettingsReader(cursor);
    ModelReader model = null;
    Deque<String> open = new ArrayDeque<>();
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.DTD) {
        throw new ModelDefinitionException("DOCTYPE declarations are not allowed");
      }
      if (event == XMLStreamConstants.END_ELEMENT) {
        open.pop();
        continue;
      }
      if (event != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      String element = cursor.name();
      if (open.isEmpty()) {
        if (!element.equals("SimulationTransfer")) {
          throw new ModelDefinitionException("not a simulation transfer file (root element <" + element + ">)");
        }
        version = parseVersion(cursor.attribute("version"));
        if (version != 3 && (version < 12 || version > 19)) {
          throw new ModelDefinitionException("unsupported transfer version " + version
              + " (supported: 3, 12 to 19)");
        }
        open.push(element);
        continue;
      }
      String parent = open.peek();
      if (element.equals("SimulationSettings")) {
        settings.readSettings();
      } else if (parent.equals("SimulationConfiguration") && SETTINGS_PARTS.contains(element)) {
        settings.readPart();
      } else if (element.equals("Model") && parent.equals("Simulation")) {
        if (model != null) {
          throw new ModelDefinitionException("the simulation has more than one model");
        }
        model = new ModelReader(cursor);
        model.read();
      } else if ((element.equals("Simulation") && parent.equals("SimulationTransfer"))
          || (ENTERED.contains(element) && parent.equals("Simulation"))) {
        open.push(element);
      } else {
        cursor.skip();
      }
    }
    if (model == null) {
      throw new ModelDefinitionException("the file contains no simulation model");
    }
    if (!settings.seen()) {
      throw new ModelDefinitionException("the file contains no simulation settings");
    }
    return new SimulationFile(version, model.root(), model.formulas(), model.entitiesById(), settings.result());
  }

  private static int parseVersion(String text) {
    try {
      return text == null ? -1 : Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new ModelDefinitionException("transfer version '" + text + "' is not a number");
    }
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
