package org.steward.portal.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSV fields as RFC 4180 writes them, and cells a spreadsheet would run as formulas written as text. */
class RegisterCsvTest {

    @Test
    void aFieldWithACommaQuoteOrLineBreakIsQuotedWithItsQuotesDoubled() {
        assertThat(RegisterCsv.cell("plain words")).isEqualTo("plain words");
        assertThat(RegisterCsv.cell("a, b")).isEqualTo("\"a, b\"");
        assertThat(RegisterCsv.cell("the \"main\" one")).isEqualTo("\"the \"\"main\"\" one\"");
        assertThat(RegisterCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(RegisterCsv.cell(null)).isEmpty();
    }

    @Test
    void aCellThatWouldStartAFormulaStartsWithAnApostrophe() {
        assertThat(RegisterCsv.cell("=1+2")).isEqualTo("'=1+2");
        assertThat(RegisterCsv.cell("+1")).isEqualTo("'+1");
        assertThat(RegisterCsv.cell("-1")).isEqualTo("'-1");
        assertThat(RegisterCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(RegisterCsv.cell("\t=1")).isEqualTo("'\t=1");
        assertThat(RegisterCsv.cell("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assertThat(RegisterCsv.cell("2026-11-25")).as("a date stays a date").isEqualTo("2026-11-25");
    }
}
