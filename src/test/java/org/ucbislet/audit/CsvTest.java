package org.ucbislet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

  @Test
  void fieldsWithSeparatorsQuotesAndLineBreaksAreQuotedAndReadBack() throws Exception {
    List<String> row = Arrays.asList("plain", "a,b", "say \"hi\"", "two\r\nlines", null, "ünïcode");
    StringWriter out = new StringWriter();

    Csv.write(out, row);
    Csv.write(out, List.of("x"));

    assertThat(out.toString()).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",,ünïcode\r\nx\r\n");
    Csv.Parser parser = new Csv.Parser(new StringReader(out.toString()));
    assertThat(parser.next()).containsExactly("plain", "a,b", "say \"hi\"", "two\r\nlines", "", "ünïcode");
    assertThat(parser.next()).containsExactly("x");
    assertThat(parser.next()).isNull();
  }
}
