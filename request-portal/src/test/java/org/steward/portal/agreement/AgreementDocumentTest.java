package org.steward.portal.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.agreement.AgreementService;
import org.steward.workflow.agreement.DataSharingAgreement;

/**
 * The agreement as a document: drafted from the template with every field a city's lawyers look for, signed with
 * evidence, turned into a PDF with a signature page when the last signature is in, and checked for tampering.
 */
class AgreementDocumentTest extends IntegrationTest {

    private static final String CONDITION = "Aggregate to census tracts of 10 or more accounts & never publish "
            + "<owner names>.";
    private static final String USER_AGENT = "AgreementDocumentTest/1.0 (a signatory's browser)";

    @Autowired
    private AgreementService agreements;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void theDraftHoldsEveryFieldForTwoOwningDepartmentsAndAPrivacyCondition_thePdfHoldsEverySignature() throws Exception {
        String reference = submit("Utility accounts and work orders for the housing study", "FIN-UTILITY-ACCOUNTS",
                "PW-WORK-ORDERS");
        assertThat(decide("fiona", taskFor(reference, "stewards-fin"), "approve", null).status()).isEqualTo(204);
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        Map<String, Object> answers = privacyAnswers();
        answers.put("conditions", CONDITION);
        assertThat(complete("pat", taskFor(reference, "privacy-office"), "approve_with_conditions", answers)
                .status()).isEqualTo(204);
        runJobs();

        JsonNode drafted = agreement("alex", reference);
        Document text = Jsoup.parse(drafted.get("text").asText());
        String read = text.text();
        Map<String, Object> body = requestBody("x");
        assertThat(read)
                .contains("Data-sharing agreement " + drafted.get("number").asText())
                .contains("Version 1")
                .contains(reference)
                .contains("Community Development receives the data; Finance and Public Works provide it.")
                .contains((String) body.get("purpose"))
                .contains((String) body.get("legalBasis"))
                .contains("Highest classification of the data shared: Confidential, holds personal information")
                .contains("Frequency: once. Delivery method: " + body.get("deliveryMethod"))
                .contains((String) body.get("securityControls"))
                .contains((String) body.get("retention"))
                .contains("within 72 hours")
                .contains("shares the data with no one else")
                .contains("ends on")
                .contains("end this agreement early")
                .contains(CONDITION)
                .contains("public record").contains("subpoena")
                .contains("may review the recipient's use")
                .contains("For Finance: Frank Franklin", "For Public Works: Wes Weller",
                        "For Community Development: Dana Dalton");
        assertThat(text.select("table tbody tr").eachText()).satisfiesExactly(
                fin -> assertThat(fin).contains("Utility billing accounts (FIN-UTILITY-ACCOUNTS)", "Finance",
                        "Confidential, personal information", "owner_name"),
                pw -> assertThat(pw).contains("Street maintenance work orders (PW-WORK-ORDERS)", "Public Works",
                        "Internal", "work_order_id"));
        assertThat(drafted.get("text").asText()).doesNotContain("<owner names>").contains("&lt;owner names&gt;");

        String hash = drafted.get("sha256").asText();
        for (String[] signatory : List.of(new String[] {"frank", "Frank Franklin"},
                new String[] {"wes", "Wes Weller"}, new String[] {"dana", "Dana Dalton"})) {
            Answer signed = call(signatory[0], HttpMethod.POST, "/api/tasks/" + taskAssignedTo(reference,
                    signatory[0]) + "/complete", Map.of("decision", "sign", "fields", signature(signatory[1], hash)),
                    Map.of("User-Agent", USER_AGENT));
            assertThat(signed.status()).as("%s", signed.body()).isEqualTo(204);
            runJobs();
        }
        assertThat(agreement("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");

        DataSharingAgreement inForce = agreements.current(reference).orElseThrow();
        byte[] pdf = agreements.pdfOf(inForce).orElseThrow().getContent();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            String all = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(all).contains("Data-sharing agreement " + inForce.getNumber()).contains(CONDITION);
            PDFTextStripper lastPage = new PDFTextStripper();
            lastPage.setStartPage(document.getNumberOfPages());
            String signaturePage = lastPage.getText(document).replaceAll("\\s+", " ");
            assertThat(signaturePage).contains("Signature page")
                    .contains("Frank Franklin", "Wes Weller", "Dana Dalton")
                    .contains("account frank").contains("127.0.0.1");
            // Long words wrap in table cells: compare the hash and the browser without the line breaks.
            assertThat(signaturePage.replace(" ", "")).contains(hash).contains(USER_AGENT.replace(" ", ""));
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(document.getNumberOfPages() - 1, 110);
            Path png = Path.of("target", "screenshots", "agreement-signature-page.png");
            Files.createDirectories(png.getParent());
            ImageIO.write(image, "png", png.toFile());
            assertThat(Files.size(png)).isGreaterThan(10_000);
        }

        assertThat(agreements.verify(inForce).intact()).isTrue();
        jdbc.update("update data_sharing_agreement set document_text = replace(document_text, 'within 72 hours', "
                + "'within 72 days') where id = ?", inForce.getId());
        AgreementService.Verification tampered = agreements.verify(inForce);
        assertThat(tampered.intact()).isFalse();
        assertThat(tampered.recomputedSha256()).isNotEqualTo(tampered.recordedSha256());
        assertThat(tampered.problems()).anySatisfy(p -> assertThat(p).contains("changed afterwards"))
                .anySatisfy(p -> assertThat(p).contains("Frank Franklin signed"));
        jdbc.update("update agreement_pdf set content = ? where agreement_id = ?", new byte[] {'%', 'P', 'D', 'F'},
                inForce.getId());
        assertThat(agreements.verify(inForce).problems()).anySatisfy(p -> assertThat(p).contains("stored PDF"));
    }
}
