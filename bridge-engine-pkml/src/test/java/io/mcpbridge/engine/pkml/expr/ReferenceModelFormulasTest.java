package io.mcpbridge.engine.pkml.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every explicit formula in the reference models parses. The formulas and their aliases are read
 * straight from each file's formula caches ({@code <Formula formula="…">} with {@code <Path as>}
 * resolved through the cache's string map; {@code <TimePath/>} is the alias Time unless it names
 * one).
 */
class ReferenceModelFormulasTest {

  static Stream<Path> models() throws IOException {
    Path root = referenceDir("models");
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".pkml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void givenReferenceModel_parse_acceptsEveryExplicitFormula(Path model) throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(model.toFile());
    NodeList caches = doc.getElementsByTagName("FormulaCache");
    int parsed = 0;
    for (int c = 0; c < caches.getLength(); c++) {
      Element cache = (Element) caches.item(c);
      Map<String, String> strings = stringMap(cache);
      for (Element formula : children(child(cache, "Formulas"), "Formula")) {
        if (!formula.hasAttribute("formula")) {
          continue;
        }
        List<String> aliases = new ArrayList<>();
        for (Element path : children(child(formula, "Paths"), null)) {
          if (path.getTagName().equals("Path")) {
            aliases.add(strings.get(path.getAttribute("as")));
          } else if (path.getTagName().equals("TimePath")) {
            aliases.add(path.hasAttribute("alias") ? path.getAttribute("alias") : "Time");
          }
        }
        Formula.parse(formula.getAttribute("formula"), aliases);
        parsed++;
      }
    }
    assertThat(parsed).as("explicit formulas in %s", model.getFileName()).isGreaterThan(100);
  }

  @Test
  void givenIfInsideSwitchCondition_parse_acceptsMinusAfterComparison() {
    // from SimModel's IfFormulaInSwitchCondition.xml
    Formula f = Formula.parse("Time>999 ? y1<-999 : y1<-999", List.of("y1", "Time"));
    assertThat(f.evaluate(new double[] {-1000, 0}, new int[] {0, 1})).isEqualTo(1);
    assertThat(f.evaluate(new double[] {5, 0}, new int[] {0, 1})).isEqualTo(0);
  }

  private static Map<String, String> stringMap(Element cache) {
    Map<String, String> strings = new HashMap<>();
    for (Element entry : children(child(cache, "StringMap"), "Map")) {
      strings.put(entry.getAttribute("id"), entry.getAttribute("s"));
    }
    return strings;
  }

  private static Element child(Element parent, String tag) {
    List<Element> found = children(parent, tag);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && (tag == null || e.getTagName().equals(tag))) {
        out.add(e);
      }
    }
    return out;
  }

  private static Path referenceDir(String sub) throws IOException {
    for (Path dir = Paths.get("").toAbsolutePath();
        dir.getParent() != null;
        dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("reference/pkml").resolve(sub);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IOException("reference directory not found: ../shared/reference/pkml/" + sub);
  }
}
