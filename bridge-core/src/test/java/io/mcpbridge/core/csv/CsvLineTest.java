package io.mcpbridge.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one CSV line splitter: quoting, separators, BOM, errors that name line and field. */
class CsvLineTest {
  @Test
  void plainFieldsAreSplitOnTheSeparatorKeepingEmptyOnes() {
    assertThat(CsvLine.split("a,b,,d,", ',', "x")).containsExactly("a", "b", "", "d", "");
    assertThat(CsvLine.split("a;b,c", ';', "x")).containsExactly("a", "b,c");
    assertThat(CsvLine.split("", ',', "x")).containsExactly("");
  }

  @Test
  void quotedFieldsHoldSeparatorsAndDoubledQuotes() {
    assertThat(CsvLine.split("\"Organism|A, B\",\"say \"\"hi\"\"\",\"\"", ',', "x"))
        .containsExactly("Organism|A, B", "say \"hi\"", "");
    assertThat(CsvLine.split("\"a;b\";c", ';', "x")).containsExactly("a;b", "c");
  }

  @Test
  void blanksAroundQuotedFieldsAreIgnoredAndTrimmingTouchesOnlyUnquotedFields() {
    assertThat(CsvLine.split("  \"a\"  , b ", ',', "x")).containsExactly("a", " b ");
    assertThat(CsvLine.splitTrimmed("  \"a\"  , b ,\" c \"", ',', "x")).containsExactly("a", "b", " c ");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "a,b\"c|unexpected quote in field 2",
      "\"a\"\"b\"x,c|text after the closing quote in field 1",
      "a,\"b|unterminated quoted field 2",
      "\"a\"\"|unterminated quoted field 1"})
  void malformedQuotingIsOneErrorNamingLineAndField(String line, String problem) {
    assertThatThrownBy(() -> CsvLine.split(line, ',', "pop.csv line 7"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("pop.csv line 7: " + problem);
  }

  @Test
  void theSeparatorIsASemicolonOutsideQuotesElseAComma() {
    assertThat(CsvLine.separatorOf("IndividualId;Time [min]")).isEqualTo(';');
    assertThat(CsvLine.separatorOf("IndividualId,\"a;b\"")).isEqualTo(',');
    assertThat(CsvLine.separatorOf("x")).isEqualTo(',');
  }

  @Test
  void aByteOrderMarkIsDroppedFromTheStartOnly() {
    assertThat(CsvLine.withoutBom("\uFEFFIndividualId")).isEqualTo("IndividualId");
    assertThat(CsvLine.withoutBom("a\uFEFF")).isEqualTo("a\uFEFF");
    assertThat(CsvLine.withoutBom("")).isEmpty();
  }

  @Test
  void quotingRoundTripsThroughSplit() {
    String[] fields = {"plain", "with,comma", "with;semicolon", "say \"hi\"", " padded ", "", "multi\nline"};
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.length - 1; i++) {
      line.append(i == 0 ? "" : ",").append(CsvLine.quote(fields[i]));
    }
    assertThat(CsvLine.split(line.toString(), ',', "x")).containsExactly(java.util.Arrays.copyOf(fields, fields.length - 1));
    assertThat(CsvLine.quote("plain")).isEqualTo("plain");
    assertThat(CsvLine.quote("multi\nline")).isEqualTo("\"multi\nline\"");
  }
}
