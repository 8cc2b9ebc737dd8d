package io.mcpbridge.core.units;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.testing.ReferenceData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.SAXParserFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Every dimension named in the reference .pkml files is known to the catalog. Dimensions appear as
 * {@code dim}/{@code dimension} attributes, either by name or as a numeric id into the {@code
 * StringMap} of the enclosing formula cache.
 */
class PkmlDimensionCoverageTest {

  @Test
  void everyDimensionInTheReferenceModelsIsKnown() throws Exception {
    Path models = ReferenceData.pkmlRoot().resolve("models");
    List<Path> files;
    try (Stream<Path> s = Files.walk(models)) {
      files = s.filter(p -> p.toString().endsWith(".pkml")).sorted().collect(Collectors.toList());
    }
    assertThat(files).isNotEmpty();

    Set<String> names = new TreeSet<>();
    for (Path f : files) {
      names.addAll(dimensionNames(f));
    }
    // Sanity: the scan found the dimensions we know are there, including StringMap references.
    assertThat(names).contains("Amount", "Concentration (molar)", "Volume", "Inversed time");

    UnitCatalog catalog = UnitCatalog.standard();
    List<String> missing = new ArrayList<>();
    for (String n : names) {
      if (catalog.dimension(n).filter(d -> d.name().equals(n)).isEmpty()) {
        missing.add(n);
      }
    }
    assertThat(missing).as("dimensions used in %s but not in the catalog", models).isEmpty();
  }

  @Test
  void baseUnitsOfDisplayUnitsInTheModelsAreConsistent() throws Exception {
    // A quantity's displayUnit must be a unit of its dimension.
    Path models = ReferenceData.pkmlRoot().resolve("models");
    List<Path> files;
    try (Stream<Path> s = Files.walk(models)) {
      files = s.filter(p -> p.toString().endsWith(".pkml")).sorted().collect(Collectors.toList());
    }
    UnitCatalog catalog = UnitCatalog.standard();
    Set<String> problems = new TreeSet<>();
    for (Path f : files) {
      for (String[] pair : displayUnits(f)) {
        Dimension d = catalog.dimension(pair[0]).orElse(null);
        // OSP files contain some Dimensionless parameters with unrelated display units.
        if (d != null && !d.name().equals("Dimensionless") && catalog.findUnit(pair[1], d).isEmpty()) {
          problems.add(pair[0] + " -> " + pair[1]);
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static Set<String> dimensionNames(Path file) throws Exception {
    Set<String> out = new TreeSet<>();
    // Numeric references are resolved by the nearest enclosing scope of a StringMap;
    // the StringMap comes after the formulas that use it, so references wait on a stack.
    Deque<Frame> stack = new ArrayDeque<>();
    DefaultHandler handler =
        new DefaultHandler() {
          @Override
          public void startElement(String uri, String local, String qName, Attributes atts) {
            Frame parent = stack.peek();
            Frame frame = new Frame(qName);
            stack.push(frame);
            if (qName.equals("Map") && parent != null && parent.name.equals("StringMap")) {
              // The map serves its formula cache and the cache's owner (calculation methods keep
              // their output formulas next to the cache, not inside it).
              stack.stream().skip(2).limit(2).forEach(
                  owner -> owner.strings.putIfAbsent(atts.getValue("id"), atts.getValue("s")));
            }
            for (String attr : List.of("dim", "dimension")) {
              String v = atts.getValue(attr);
              if (v == null) {
                continue;
              }
              if (v.chars().allMatch(Character::isDigit)) {
                frame.pendingIds.add(v);
              } else {
                out.add(v);
              }
            }
          }

          @Override
          public void endElement(String uri, String local, String qName) {
            Frame frame = stack.pop();
            List<String> unresolved = new ArrayList<>();
            for (String id : frame.pendingIds) {
              String s = frame.strings.get(id);
              if (s != null) {
                out.add(s);
              } else {
                unresolved.add(id);
              }
            }
            if (stack.isEmpty()) {
              assertThat(unresolved).as("unresolved StringMap ids in %s", file).isEmpty();
            } else {
              stack.peek().pendingIds.addAll(unresolved);
            }
          }
        };
    try (InputStream in = Files.newInputStream(file)) {
      SAXParserFactory.newInstance().newSAXParser().parse(in, handler);
    }
    return out;
  }

  private static List<String[]> displayUnits(Path file) throws IOException {
    List<String[]> out = new ArrayList<>();
    java.util.regex.Pattern p =
        java.util.regex.Pattern.compile("dim=\"([^\"0-9][^\"]*)\"[^>]*displayUnit=\"([^\"]*)\"");
    java.util.regex.Matcher m = p.matcher(Files.readString(file));
    while (m.find()) {
      out.add(new String[] {m.group(1), m.group(2)});
    }
    return out;
  }

  private static final class Frame {
    final String name;
    final Map<String, String> strings = new HashMap<>();
    final List<String> pendingIds = new ArrayList<>();

    Frame(String name) {
      this.name = name;
    }
  }
}
