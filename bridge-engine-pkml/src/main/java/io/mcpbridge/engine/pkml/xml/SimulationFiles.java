package io.mcpbridge.engine.pkml.xml;

import io.mcpbridge.engine.pkml.model.ModelDefinitionException;
import io.mcpbridge.engine.pkml.model.SimulationFile;

/**
 * Reads either simulation format the engine accepts, chosen by the root element: a {@code .pkml}
 * transfer file ({@code <SimulationTransfer>}) or a SimModel XML file ({@code <Simulation>}).
 */
public final class SimulationFiles {
  private SimulationFiles() {}

  /**
   * Parses a file's bytes in whichever format they are.
   *
   * @throws ModelDefinitionException if the XML is malformed or neither format
   */
  public static SimulationFile read(byte[] bytes) {
    String root = SafeXml.parse(bytes, cursor -> SafeXml.toRoot(cursor.reader()));
    switch (root) {
      case "SimulationTransfer":
        return PkmlReader.read(bytes);
      case "Simulation":
        return SimModelReader.read(bytes);
      default:
        throw new ModelDefinitionException("not a simulation transfer (.pkml) or SimModel simulation"
            + " (root element <" + root + ">)");
    }
  }
}
