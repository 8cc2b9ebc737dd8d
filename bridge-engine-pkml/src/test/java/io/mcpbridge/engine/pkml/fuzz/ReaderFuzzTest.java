package io.mcpbridge.engine.pkml.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mcpbridge.engine.pkml.assembly.FormulaExpressionCompiler;
import io.mcpbridge.engine.pkml.assembly.ModelCompiler;
import io.mcpbridge.engine.pkml.model.ModelDefinitionException;
import io.mcpbridge.engine.pkml.model.SimulationFile;
import io.mcpbridge.engine.pkml.xml.PkmlReader;
import io.mcpbridge.engine.pkml.xml.SimModelReader;
import java.util.List;

/**
 * Hostile input for the two file readers (followed by the model compiler) and the formula parser.
 * The only acceptable failure is the documented error type: {@link ModelDefinitionException} for
 * files, {@link IllegalArgumentException} for formulas; anything else (or a hang, or a memory
 * blow-up) is a finding. In an ordinary test run every seed of the committed corpus
 * ({@code src/test/resources/.../ReaderFuzzTestInputs/<target>/}) and every earlier finding is
 * replayed; with {@code JAZZER_FUZZ=1} (make fuzz) one target is fuzzed for its maximum duration.
 */
class ReaderFuzzTest {
  private static final FormulaExpressionCompiler FORMULAS = new FormulaExpressionCompiler();
  private static final List<String> ALIASES = List.of("A", "B", "Time", "V");

  @FuzzTest(maxDuration = "60s")
  void pkmlReader(byte[] data) {
    compile(data, () -> PkmlReader.read(data));
  }

  @FuzzTest(maxDuration = "60s")
  void simModelReader(byte[] data) {
    compile(data, () -> SimModelReader.read(data));
  }

  @FuzzTest(maxDuration = "60s")
  void formulaParser(String text) {
    if (text == null) {
      return; // the mutator's "no value"; callers never pass null
    }
    try {
      var e = FORMULAS.compile(text, ALIASES);
      double[] values = {1.5, -2, 3, 0.25};
      int[] slots = {0, 1, 2, 3};
      e.evaluate(values, slots);
      for (int i = 0; i < ALIASES.size(); i++) {
        e.partial(i, values, slots);
      }
    } catch (IllegalArgumentException expected) {
      // the parser's documented refusal
    }
  }

  private interface FileRead {
    SimulationFile read();
  }

  private static void compile(byte[] data, FileRead reader) {
    if (data == null) {
      return; // the mutator's "no value"; the engine always reads bytes from a file
    }
    try {
      ModelCompiler.compile(reader.read(), FORMULAS);
    } catch (ModelDefinitionException expected) {
      // the readers' and the compiler's documented refusal
    }
  }
}
