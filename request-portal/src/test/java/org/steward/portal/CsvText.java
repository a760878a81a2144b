package org.steward.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** A CSV download read back as a spreadsheet would, checking on the way that it is well-formed RFC 4180. */
public final class CsvText {

    private CsvText() {
    }

    /** RFC 4180 read back: fields split on commas, quoted fields may hold commas, CRLF and doubled quotes. */
    public static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                assertThat(field).as("a quote opens a field only at its start").isEmpty();
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(quoted).as("every quoted field closed").isFalse();
        assertThat(row).as("the last line ends with CRLF").isEmpty();
        assertThat(rows).as("same number of fields on each line").allMatch(r -> r.size() == rows.get(0).size());
        return rows;
    }
}
