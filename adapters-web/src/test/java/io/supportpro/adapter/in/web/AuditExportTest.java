package io.supportpro.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuditExportTest {
  @Test
  void neutralised_prefixesWhatASpreadsheetWouldEvaluateWithAnApostrophe() {
    for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
      assertThat(AuditExport.Csv.neutralised(formula)).as(formula).isEqualTo("'" + formula);
    }
  }

  @Test
  void neutralised_leavesOtherTextAsItIs() {
    for (String text : List.of("", "plain", "a=b", "'quoted", "192.0.2.1", " =x")) {
      assertThat(AuditExport.Csv.neutralised(text)).as(text).isEqualTo(text);
    }
  }
}
