package org.steward.portal.request;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Reads a page as a person does: the rows of a table as the text of their cells, a section's words. */
public final class Pages {

    private Pages() {
    }

    public static Document parse(String html) {
        return Jsoup.parse(html);
    }

    /** Each row of the table body under the selector, as its cells' text joined by " | ". */
    public static List<String> rows(Document page, String selector) {
        return page.select(selector + " tbody tr").stream()
                .map(row -> String.join(" | ", row.select("td").stream().map(Element::text).toList()))
                .toList();
    }

    /** The same, without the first cell (a time that the test cannot know). */
    public static List<String> rowsAfterFirstCell(Document page, String selector) {
        return page.select(selector + " tbody tr").stream()
                .map(row -> String.join(" | ", row.select("td").stream().skip(1).map(Element::text).toList()))
                .toList();
    }

    /** A page without its per-response security tokens, to compare two answers. */
    public static String withoutTokens(String html) {
        return html.replaceAll("name=\"_csrf\"([^>]*?)(content|value)=\"[^\"]*\"", "name=\"_csrf\"$1$2=\"\"");
    }
}
