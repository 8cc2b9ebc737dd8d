package io.mcpbridge.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {
  @Test
  void givenWhatCanonicalJsonWrites_parse_readsItBack() {
    Map<String, Object> value = Map.of("a", "x\"y\\z\n\u0001é😀", "b", List.of(1L, -2L, true, false),
        "c", Map.of("d", "e"), "n", 1L);
    String written = CanonicalJson.write(value);

    assertThat(JsonText.parse(written)).isEqualTo(value);
  }

  @Test
  void givenNumbersAndLiterals_parse_typesThem() {
    assertThat(JsonText.parse(" [0, -12, 9223372036854775807, 1.5, 2e3, null] ")).isEqualTo(
        java.util.Arrays.asList(0L, -12L, Long.MAX_VALUE, 1.5, 2000.0, null));
    assertThat(JsonText.parse("\"\\ud83d\\ude00\\/\"")).isEqualTo("😀/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "{\"a\":1,}", "{\"a\":1,\"a\":2}", "[1 2]", "\"unterminated", "\"ctl\u0001\"",
      "\"\\x\"", "01", "1.", "-", "tru", "{} {}", "{a:1}"})
  void givenMalformedJson_parse_refusesIt(String text) {
    assertThatThrownBy(() -> JsonText.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not valid JSON");
  }

  @Test
  void givenDeepNesting_parse_refusesItInsteadOfOverflowing() {
    assertThatThrownBy(() -> JsonText.parse("[".repeat(10_000))).isInstanceOf(IllegalArgumentException.class);
  }
}
