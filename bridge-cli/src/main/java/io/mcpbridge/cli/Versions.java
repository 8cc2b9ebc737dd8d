package io.mcpbridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The product version, stamped into the jar at build time. */
final class Versions {
  private Versions() {}

  static String current() {
    try (InputStream in = Versions.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
