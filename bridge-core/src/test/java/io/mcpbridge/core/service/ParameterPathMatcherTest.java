package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OSP's wildcard rules (PK-AND-SENSITIVITY §2.2) on a small tree of paths. */
class ParameterPathMatcherTest {
  private static final List<String> PATHS = List.of(
      "Organism|Volume",
      "Organism|Liver|Volume",
      "Organism|Liver|Intracellular|Volume",
      "Organism|Kidney|Volume",
      "Organism|Liver|A",
      "Applications|Oral|Dose",
      "Applications|IV|Bolus|Dose");

  private static List<String> match(String pattern) {
    ParameterPathMatcher m = ParameterPathMatcher.compile(pattern);
    return PATHS.stream().filter(m::matches).toList();
  }

  @Test
  void givenStar_matchesExactlyOneLevel() {
    assertThat(match("Organism|*|Volume")).containsExactly("Organism|Liver|Volume", "Organism|Kidney|Volume");
  }

  @Test
  void givenDoubleStar_matchesAnyDepthIncludingNone() {
    assertThat(match("Organism|**|Volume")).containsExactly("Organism|Volume", "Organism|Liver|Volume",
        "Organism|Liver|Intracellular|Volume", "Organism|Kidney|Volume");
  }

  @Test
  void givenTrailingDoubleStar_matchesAllDescendants() {
    assertThat(match("Applications|**")).containsExactly("Applications|Oral|Dose", "Applications|IV|Bolus|Dose");
    assertThat(match("**")).hasSize(PATHS.size());
  }

  @Test
  void givenGlobInsideSegment_matchesWithinTheSegmentOnly() {
    assertThat(match("Organism|Li*|Volume")).containsExactly("Organism|Liver|Volume");
    assertThat(match("Applications|**|Do*")).containsExactly("Applications|Oral|Dose", "Applications|IV|Bolus|Dose");
  }

  @Test
  void matchingIsCaseInsensitiveAndAnchored() {
    assertThat(match("organism|liver|volume")).containsExactly("Organism|Liver|Volume");
    assertThat(match("Liver|Volume")).isEmpty();
  }

  @Test
  void givenRegexMetacharacters_matchesThemLiterally() {
    ParameterPathMatcher m = ParameterPathMatcher.compile("Organism|V.lume");
    assertThat(m.matches("Organism|Volume")).isFalse();
    assertThat(m.matches("Organism|V.lume")).isTrue();
  }

  @Test
  void givenSegmentMixingDoubleStarWithText_compile_isAnError() {
    assertThatThrownBy(() -> ParameterPathMatcher.compile("Organism|Li**|Volume"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("use * within a segment");
  }

  @Test
  void givenManyDoubleStars_matching_staysCheap() {
    // A regex translation backtracks polynomially on such patterns; the segment matcher does not.
    ParameterPathMatcher m = ParameterPathMatcher.compile("**|".repeat(40) + "zzz");
    String deep = String.join("|", java.util.Collections.nCopies(50, "Organ"));

    long start = System.nanoTime();
    for (int i = 0; i < 1000; i++) {
      assertThat(m.matches(deep)).isFalse();
    }
    assertThat(System.nanoTime() - start).as("1000 matches").isLessThan(2_000_000_000L);
    assertThat(m.matches("Organism|Liver|zzz")).isTrue();
  }

  @Test
  void givenTooManySegments_compile_isAnError() {
    assertThatThrownBy(() -> ParameterPathMatcher.compile("a|".repeat(70) + "b"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most");
  }

  @Test
  void givenGlobWithSeveralStars_matchesWithinTheSegment() {
    assertThat(ParameterPathMatcher.globMatches("a*b*c", "axxbyyc")).isTrue();
    assertThat(ParameterPathMatcher.globMatches("a*b*c", "axxbyy")).isFalse();
    assertThat(ParameterPathMatcher.globMatches("*", "")).isTrue();
  }

  @Test
  void givenEmptySegment_compile_isAnError() {
    assertThatThrownBy(() -> ParameterPathMatcher.compile("Organism||Volume")).isInstanceOf(InvalidInputException.class);
  }
}
