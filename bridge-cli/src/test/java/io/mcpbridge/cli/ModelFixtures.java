package io.mcpbridge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Model directories for integration tests, built from the bundled models. */
final class ModelFixtures {
  static final Path BUNDLED = Path.of("..", "models").toAbsolutePath().normalize();

  private ModelFixtures() {}

  /**
   * The one-compartment model simulated for {@code endMinutes} with steps of at most one minute
   * and a coarse output grid: a run whose wall time grows with the end time (about 4–5 million
   * steps per second on one core) while its result stays small.
   */
  static Path longRunning(Path dir, String name, double endMinutes) throws IOException {
    String model = Files.readString(BUNDLED.resolve("one_compartment_iv_bolus.pkml"));
    String stretched = replaceOnce(model, "name=\"End time\" isFixedValue=\"0\" dim=\"Time\" value=\"1440\"",
        "name=\"End time\" isFixedValue=\"0\" dim=\"Time\" value=\"" + endMinutes + "\"");
    stretched = replaceOnce(stretched, "name=\"Resolution\" isFixedValue=\"0\" dim=\"Resolution\" value=\"0.1\"",
        "name=\"Resolution\" isFixedValue=\"0\" dim=\"Resolution\" value=\"" + (100.0 / endMinutes) + "\"");
    stretched = replaceOnce(stretched, "name=\"HMax\" isFixedValue=\"0\" value=\"60\"",
        "name=\"HMax\" isFixedValue=\"0\" value=\"1\"");
    stretched = replaceOnce(stretched, "name=\"MxStep\" isFixedValue=\"0\" value=\"100000\"",
        "name=\"MxStep\" isFixedValue=\"0\" value=\"1000000000\"");
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve(name), stretched);
  }

  private static String replaceOnce(String text, String target, String replacement) {
    if (!text.contains(target)) {
      throw new IllegalStateException("bundled model changed: no " + target);
    }
    return text.replace(target, replacement);
  }
}
