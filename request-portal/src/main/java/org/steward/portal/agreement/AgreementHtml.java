package org.steward.portal.agreement;

import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * An agreement's document as page markup ({@code @agreementHtml} in templates): the body of its XHTML, cleaned to
 * headings, paragraphs, lists and tables, so that an admin's template can never bring a script into a page.
 */
@Component("agreementHtml")
public class AgreementHtml {

    private static final Safelist ALLOWED = Safelist.relaxed().removeTags("img", "a");

    public String body(String document) {
        if (document == null || document.isBlank()) {
            return "";
        }
        if (!document.stripLeading().startsWith("<")) {
            return "<pre>" + HtmlUtils.htmlEscape(document) + "</pre>";
        }
        org.jsoup.nodes.Document cleaned = Jsoup.parseBodyFragment(Jsoup.clean(Jsoup.parse(document).body().html(),
                ALLOWED));
        // The page has its own h1 and the document sits under an h2: its headings move down two levels.
        for (int level = 4; level >= 1; level--) {
            cleaned.select("h" + level).tagName("h" + (level + 2));
        }
        return cleaned.body().html();
    }
}
