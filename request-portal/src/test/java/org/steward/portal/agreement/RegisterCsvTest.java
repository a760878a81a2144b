package org.steward.portal.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.steward.portal.system.CsvFile;

/** CSV fields as RFC 4180 writes them, and cells a spreadsheet would run as formulas written as text. */
class RegisterCsvTest {

    @Test
    void aFieldWithACommaQuoteOrLineBreakIsQuotedWithItsQuotesDoubled() {
        assertThat(CsvFile.cell("plain words")).isEqualTo("plain words");
        assertThat(CsvFile.cell("a, b")).isEqualTo("\"a, b\"");
        assertThat(CsvFile.cell("the \"main\" one")).isEqualTo("\"the \"\"main\"\" one\"");
        assertThat(CsvFile.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvFile.cell(null)).isEmpty();
    }

    @Test
    void aCellThatWouldStartAFormulaStartsWithAnApostrophe() {
        assertThat(CsvFile.cell("=1+2")).isEqualTo("'=1+2");
        assertThat(CsvFile.cell("+1")).isEqualTo("'+1");
        assertThat(CsvFile.cell("-1")).isEqualTo("'-1");
        assertThat(CsvFile.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvFile.cell("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvFile.cell("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assertThat(CsvFile.cell("2026-11-25")).as("a date stays a date").isEqualTo("2026-11-25");
    }
}
