package io.mcpbridge.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

  @Test
  void givenRfc8785Example_write_matchesThePublishedCanonicalForm() {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("numbers", List.of(333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001));
    input.put("string", "\u20ac$\u000F\nA'B\"\\\\\"/");
    input.put("literals", Arrays.asList(null, true, false));

    assertThat(CanonicalJson.write(input)).isEqualTo(
        "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  }

  @Test
  void givenKeysFromSeveralPlanes_write_sortsByUtf16CodeUnits() {
    Map<String, Object> input = new LinkedHashMap<>();
    for (String key : List.of("\u20ac", "\r", "\ufb33", "1", "\ud83d\ude00", "\u0080", "\u00f6")) {
      input.put(key, key.length());
    }

    String json = CanonicalJson.write(input);

    assertThat(json).isEqualTo("{\"\\r\":1,\"1\":1,\"\u0080\":1,\"\u00f6\":1,\"\u20ac\":1,\"\ud83d\ude00\":2,\"\ufb33\":1}");
  }

  @Test
  void givenNestedObjects_write_sortsEveryLevelWithoutWhitespace() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", 1L);
    inner.put("a", List.of("x", 2));
    Map<String, Object> outer = new LinkedHashMap<>();
    outer.put("b", inner);
    outer.put("a", "text with spaces");

    assertThat(CanonicalJson.write(outer)).isEqualTo("{\"a\":\"text with spaces\",\"b\":{\"a\":[\"x\",2],\"z\":1}}");
  }

  @Test
  void givenEveryControlCharacter_write_escapesShortFormsOrLowercaseHex() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      all.append(c);
    }
    String json = CanonicalJson.write(all.toString() + "\u007f\u2028");

    assertThat(json).startsWith("\"\\u0000\\u0001").contains("\\b\\t\\n\\u000b\\f\\r\\u000e").contains("\\u001f")
        .endsWith("\u007f\u2028\"").doesNotContain("\\u007f");
  }

  @Test
  void givenUnpairedSurrogate_write_refusesIt() {
    assertThatThrownBy(() -> CanonicalJson.write("bad \ud800 text")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.write("bad \udc00")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenNonFiniteNumber_write_refusesIt() {
    assertThatThrownBy(() -> CanonicalJson.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.write(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
      "0.0, 0", "-0.0, 0", "1.0, 1", "-1.5, -1.5", "100.0, 100", "1e20, 100000000000000000000", "1e21, 1e+21",
      "0.000001, 0.000001", "0.0000001, 1e-7", "123456789012345680000, 123456789012345680000",
      "5e-324, 5e-324", "1.7976931348623157e308, 1.7976931348623157e+308", "0.30000000000000004, 0.30000000000000004",
      "9007199254740992, 9007199254740992", "295147905179352830000, 295147905179352830000", "-1e-7, -1e-7"})
  void givenDouble_write_usesShortestRoundTripForm(double value, String expected) {
    String written = CanonicalJson.write(value);

    assertThat(written).isEqualTo(expected);
    assertThat(Double.parseDouble(written)).isEqualTo(value == 0 ? 0.0 : value);
  }

  @Test
  void givenLongs_write_printsThemExactly() {
    assertThat(CanonicalJson.write(List.of(Long.MAX_VALUE, -3, 0L))).isEqualTo("[9223372036854775807,-3,0]");
  }
}
