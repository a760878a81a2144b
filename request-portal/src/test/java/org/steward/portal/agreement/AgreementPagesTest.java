package org.steward.portal.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MvcResult;
import org.steward.portal.task.TaskPages;

/**
 * The register of agreements and an agreement's page: only agreements on requests the person may see, the exact
 * text, its parties and every signature with its evidence; what the person may not see is not there.
 */
class AgreementPagesTest extends TaskPages {

    private static final String BROWSER = "AgreementPagesTest/1.0 (a signatory's browser)";

    @Test
    void theRegisterListsOnlyAgreementsOnRequestsThePersonMaySee() throws Exception {
        String reference = submit("Agreement pages: work orders in the register", "PW-WORK-ORDERS");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        String number = agreement("alex", reference).get("number").asText();
        String expiry = LocalDate.parse(requestBody("x").get("endDate").toString())
                .format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH));

        for (String user : List.of("audrey", "alex", "sam", "wes")) {
            Element row = rowOf(page(user, "/agreements"), number);
            assertThat(row).as("%s sees %s in the register", user, number).isNotNull();
            assertThat(row.select("td").eachText()).containsExactly(number, "1", "Out for signature",
                    reference + ": Agreement pages: work orders in the register",
                    "From: Public Works To: Community Development", "Street maintenance work orders", "Internal",
                    "Not yet", expiry);
            assertThat(row.selectFirst("a").attr("href")).isEqualTo("/agreements/" + number);
        }
        assertThat(rowOf(page("fiona", "/agreements"), number)).as("Finance's steward is not on it").isNull();
        assertThat(rowOf(page("pat", "/agreements"), number)).as("no privacy review on it").isNull();

        assertThat(rowOf(page("audrey", "/agreements?status=OUT_FOR_SIGNATURE"), number)).isNotNull();
        Document inForce = page("audrey", "/agreements?status=IN_FORCE");
        assertThat(rowOf(inForce, number)).isNull();
        assertThat(inForce.selectFirst("select#status option[selected]").text()).isEqualTo("In force");
        assertThat(inForce.select("tbody td[data-label=Status]").eachText()).allMatch("In force"::equals);
    }

    @Test
    void anAgreementsPageShowsItsTextPartiesAndTheEvidenceOfEachSignature() throws Exception {
        String reference = submit("Agreement pages: work orders signed", "PW-WORK-ORDERS");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        JsonNode agreement = agreement("wes", reference);
        String number = agreement.get("number").asText();
        String hash = agreement.get("sha256").asText();
        assertThat(call("wes", HttpMethod.POST, "/api/tasks/" + taskAssignedTo(reference, "wes") + "/complete",
                Map.of("decision", "sign", "fields", signature("Wes Weller", hash)), Map.of("User-Agent", BROWSER))
                .status()).isEqualTo(204);
        runJobs();

        Document page = page("alex", "/agreements/" + number);
        assertThat(page.selectFirst("h1").text()).isEqualTo("Agreement " + number + " Out for signature");
        assertThat(page.selectFirst(".agreement-text").text())
                .isEqualTo(org.jsoup.Jsoup.parse(agreement.get("text").asText()).body().text());
        assertThat(page.select("dl.summary-list").text()).contains(reference).contains(hash).contains("Version 1");
        assertThat(page.select("table[aria-labelledby=parties-heading] tbody tr").eachText()).satisfiesExactly(
                publicWorks -> assertThat(publicWorks).startsWith("Public Works Provides the data Wes Weller Signed "),
                community -> assertThat(community).isEqualTo("Community Development Receives the data Dana Dalton Not signed"));
        List<Element> signatures = page.select("table[aria-labelledby=signatures-heading] tbody tr");
        assertThat(signatures).hasSize(1);
        Element evidence = signatures.get(0);
        assertThat(cell(evidence, "Signer")).isEqualTo("Wes Weller (wes)");
        assertThat(cell(evidence, "For")).isEqualTo("Public Works (provides the data)");
        assertThat(cell(evidence, "Typed name")).isEqualTo("Wes Weller");
        assertThat(evidence.selectFirst("td[data-label=Time] time").attr("datetime"))
                .isEqualTo(agreement("alex", reference).get("signatures").get(0).get("time").asText());
        assertThat(cell(evidence, "IP address")).isNotBlank();
        assertThat(cell(evidence, "Browser (user agent)")).isEqualTo(BROWSER);
        assertThat(cell(evidence, "SHA-256 of the text signed")).isEqualTo(hash + " Matches this text");

        MvcResult hidden = open("fiona", "/agreements/" + number);
        MvcResult missing = open("fiona", "/agreements/DSA-1999-9999");
        assertThat(hidden.getResponse().getStatus()).isEqualTo(404);
        assertThat(missing.getResponse().getStatus()).isEqualTo(404);
        assertThat(html(hidden).select("main").text()).isEqualTo(html(missing).select("main").text())
                .doesNotContain(number);
        assertThat(open("audrey", "/agreements/" + number).getResponse().getStatus()).isEqualTo(200);
    }

    private static Element rowOf(Document register, String number) {
        return register.select("tbody tr").stream()
                .filter(r -> r.selectFirst("td[data-label=Agreement]").text().equals(number)).findFirst().orElse(null);
    }

    private static String cell(Element row, String label) {
        return row.selectFirst("td[data-label=\"" + label + "\"]").text();
    }
}
