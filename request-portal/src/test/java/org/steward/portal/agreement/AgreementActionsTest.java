package org.steward.portal.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.steward.portal.LoggedInSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.portal.task.TaskPages;

/**
 * What people do from an agreement's page and through the API: download the signed PDF (anyone on the request,
 * once it is in force), check the stored agreement against its hashes, and end it early (a steward of a
 * department that provides the data, with a reason), which starts the custodians' access removal.
 */
class AgreementActionsTest extends TaskPages {

    // Typed names unlike the directors' account names, so only their signatures can put them in the PDF.
    private static final String FRANK_TYPED = "Frank Theodore Franklin";
    private static final String DANA_TYPED = "Dana Quinn Dalton";

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void theSignedPdfIsThereForEveryoneOnTheRequestOnceTheLastSignatureIsIn() throws Exception {
        String reference = atSigning("Agreement actions: the signed PDF");
        String number = agreement("alex", reference).get("number").asText();

        // Out for signature: there is nothing signed to download, and the page and the API say why.
        MvcResult early = open("alex", "/agreements/" + number + "/pdf");
        assertThat(early.getResponse().getStatus()).isEqualTo(404);
        assertThat(html(early).select("main").text()).contains(
                "This agreement has no signed PDF yet: it is made when the last signature is in.");
        Answer earlyApi = get("alex", "/api/agreements/" + number + "/pdf");
        assertThat(earlyApi.status()).isEqualTo(404);
        assertThat(earlyApi.body().get("detail").asText())
                .isEqualTo("This agreement has no signed PDF yet: it is made when the last signature is in.");
        Document unsigned = page("alex", "/agreements/" + number);
        assertThat(unsigned.select("#signed-pdf").text()).contains("There is no signed PDF yet");
        assertThat(unsigned.select("a:containsOwn(Download the signed PDF)")).isEmpty();

        signByBoth(reference);
        assertThat(agreement("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");

        // alex, the requester, from the page (session or Basic alike).
        MvcResult download = open("alex", "/agreements/" + number + "/pdf");
        assertThat(download.getResponse().getStatus()).isEqualTo(200);
        assertThat(download.getResponse().getContentType()).isEqualTo("application/pdf");
        assertThat(download.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"" + number + "-v1.pdf\"");
        byte[] pdf = download.getResponse().getContentAsByteArray();
        assertThat(textOf(pdf)).contains(FRANK_TYPED, DANA_TYPED).contains("Signature page")
                .contains("Data-sharing agreement " + number);

        // The page links to it and shows the PDF's hash, which is the hash of what was downloaded.
        Document inForce = page("alex", "/agreements/" + number);
        Element link = inForce.selectFirst("#signed-pdf a:containsOwn(Download the signed PDF)");
        assertThat(link).isNotNull();
        assertThat(link.attr("href")).isEqualTo("/agreements/" + number + "/pdf");
        assertThat(inForce.selectFirst("#pdf-sha256").text()).isEqualTo(sha256(pdf));

        // frank, who signed and delivers for Finance, through the API as a client asks for a PDF.
        ResponseEntity<byte[]> api = pdfFromTheApi("frank", number);
        assertThat(api.getStatusCode().value()).isEqualTo(200);
        assertThat(api.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(api.getHeaders().getContentDisposition().getFilename()).isEqualTo(number + "-v1.pdf");
        assertThat(api.getBody()).isEqualTo(pdf);
        // An auditor sees every request, so every agreement's PDF.
        assertThat(pdfFromTheApi("audrey", number).getStatusCode().value()).isEqualTo(200);

        // sam and wes (Public Works) are not on a request for Finance's data: for them it is not there at all.
        for (String stranger : List.of("sam", "wes")) {
            MvcResult hidden = open(stranger, "/agreements/" + number + "/pdf");
            MvcResult missing = open(stranger, "/agreements/DSA-1999-9999/pdf");
            assertThat(hidden.getResponse().getStatus()).isEqualTo(404);
            assertThat(missing.getResponse().getStatus()).isEqualTo(404);
            assertThat(html(hidden).select("main").text()).isEqualTo(html(missing).select("main").text())
                    .doesNotContain(number);
            Answer hiddenApi = get(stranger, "/api/agreements/" + number + "/pdf");
            assertThat(hiddenApi.status()).isEqualTo(404);
            assertThat(hiddenApi.body().get("detail").asText()).doesNotContain(reference).doesNotContain("PDF");
            assertThat(pdfFromTheApi(stranger, number).getStatusCode().value()).isEqualTo(404);
        }
    }

    @Test
    void aCheckSaysIntactThenNamesWhatChangedAfterTheStoredTextIsTamperedWith() throws Exception {
        String reference = atSigning("Agreement actions: checked for tampering");
        signByBoth(reference);
        JsonNode agreement = agreement("alex", reference);
        String number = agreement.get("number").asText();
        String hash = agreement.get("sha256").asText();

        Document checked = html(submitForm("alex", "/agreements/" + number + "/verify"));
        Element result = checked.selectFirst("#verification");
        assertThat(result).as("the check's result on the page").isNotNull();
        assertThat(result.selectFirst("strong").text()).startsWith("Intact: ");
        assertThat(result.select("li")).isEmpty();
        assertThat(definition(result, "SHA-256 recorded when the text was drafted")).isEqualTo(hash);
        assertThat(definition(result, "SHA-256 of the stored text now")).isEqualTo(hash);
        assertThat(definition(result, "SHA-256 of the stored PDF now"))
                .isEqualTo(definition(result, "SHA-256 recorded when the PDF was made"));
        assertThat(result.selectFirst("time").attr("datetime")).isNotBlank();
        JsonNode intact = get("alex", "/api/agreements/" + number + "/verification").body();
        assertThat(intact.get("intact").asBoolean()).isTrue();
        assertThat(intact.get("recomputedSha256").asText()).isEqualTo(hash);
        assertThat(intact.get("problems")).isEmpty();

        // Someone changes the stored text behind Steward's back.
        jdbc.update("update data_sharing_agreement set document_text = replace(document_text, 'within 72 hours', "
                + "'within 72 days') where agreement_number = ?", number);

        Document changed = html(submitForm("frank", "/agreements/" + number + "/verify"));
        Element tampered = changed.selectFirst("#verification");
        assertThat(tampered.selectFirst("strong").text()).startsWith("Changed after signing: ");
        assertThat(tampered.select("li").eachText())
                .anySatisfy(p -> assertThat(p).contains("changed afterwards"))
                .anySatisfy(p -> assertThat(p).contains("not the text " + FRANK_TYPED + " signed"))
                .anySatisfy(p -> assertThat(p).contains("not the text " + DANA_TYPED + " signed"));
        assertThat(definition(tampered, "SHA-256 recorded when the text was drafted")).isEqualTo(hash);
        assertThat(definition(tampered, "SHA-256 of the stored text now")).isNotEqualTo(hash).matches("[0-9a-f]{64}");
        JsonNode api = get("frank", "/api/agreements/" + number + "/verification").body();
        assertThat(api.get("intact").asBoolean()).isFalse();
        assertThat(api.get("recordedSha256").asText()).isEqualTo(hash);
        assertThat(api.get("recomputedSha256").asText()).isNotEqualTo(hash);
        assertThat(api.get("problems").toString()).contains("changed afterwards");

        // The check is a form of the page: a logged-in session without its security token is refused; a stranger
        // finds nothing.
        LoggedInSession alex = logIn("alex");
        assertThat(mvc.perform(MockMvcRequestBuilders.post("/agreements/" + number + "/verify").with(alex))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(MockMvcRequestBuilders.post("/agreements/" + number + "/verify").with(alex)
                .with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(submitForm("sam", "/agreements/" + number + "/verify").getResponse().getStatus()).isEqualTo(404);
        assertThat(get("sam", "/api/agreements/" + number + "/verification").status()).isEqualTo(404);
    }

    @Test
    void fionaEndsAFinanceAgreementEarlyFromItsPageAndFinancesCustodiansAreAskedToRemoveAccess() throws Exception {
        String reference = atSigning("Agreement actions: ended early from the page");
        signByBoth(reference);
        String number = agreement("alex", reference).get("number").asText();
        String path = "/agreements/" + number + "/terminate";
        String reason = "Community Development copied the accounts to an unapproved laptop.";

        // In force but still being delivered: its term has not begun, so it cannot end early yet.
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("DELIVERY");
        Document delivering = page("fiona", "/agreements/" + number);
        assertThat(delivering.select("#end-form")).isEmpty();
        assertThat(delivering.select("#end-early").text()).contains("once the data is delivered");
        MvcResult tooSoon = submitForm("fiona", path, "reason", reason, "confirm", "true");
        assertThat(tooSoon.getResponse().getStatus()).isEqualTo(409);
        assertThat(html(tooSoon).selectFirst("#problem").text()).contains("not in its term");
        assertThat(agreement("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");

        assertThat(decide("frank", taskFor(reference, "custodians-fin"), "delivered", null).status()).isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");

        // Only those who may end it see the form: Finance's steward, not the requester.
        assertThat(page("alex", "/agreements/" + number).select("#end-form")).isEmpty();
        Document form = page("fiona", "/agreements/" + number);
        assertThat(form.selectFirst("#end-form button").text()).isEqualTo("End this agreement early");

        // No reason: refused beside the field; the box she ticked stays ticked.
        MvcResult noReason = submitForm("fiona", path, "reason", "   ", "confirm", "true");
        assertThat(noReason.getResponse().getStatus()).isEqualTo(400);
        Document withoutReason = html(noReason);
        assertThat(errorNextTo(withoutReason, "reason")).contains("Say why the agreement ends early");
        assertThat(errorNextTo(withoutReason, "confirm")).isNull();
        assertThat(valueOf(withoutReason, "confirm")).isEqualTo("true");
        assertThat(withoutReason.selectFirst("#problem").text()).contains("Nothing was ended yet");

        // A reason but no confirmation: refused beside the box, the reason kept as typed.
        MvcResult unconfirmed = submitForm("fiona", path, "reason", reason);
        assertThat(unconfirmed.getResponse().getStatus()).isEqualTo(400);
        Document withoutConfirmation = html(unconfirmed);
        assertThat(errorNextTo(withoutConfirmation, "confirm")).contains("Tick the box");
        assertThat(errorNextTo(withoutConfirmation, "reason")).isNull();
        assertThat(valueOf(withoutConfirmation, "reason")).isEqualTo(reason);

        // alex, who asked for the data, may not end it, even posting the form by hand.
        MvcResult byAlex = submitForm("alex", path, "reason", reason, "confirm", "true");
        assertThat(byAlex.getResponse().getStatus()).isEqualTo(403);
        assertThat(html(byAlex).selectFirst("#problem").text()).contains("Only a data steward");
        assertThat(agreement("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");

        // A logged-in session without the form's security token ends nothing.
        assertThat(mvc.perform(MockMvcRequestBuilders.post(path).with(logIn("fiona")).param("reason", reason)
                .param("confirm", "true")).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(agreement("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");

        MvcResult ended = submitForm("fiona", path, "reason", reason, "confirm", "true");
        assertThat(ended.getResponse().getStatus()).isEqualTo(302);
        assertThat(ended.getResponse().getRedirectedUrl()).isEqualTo("/agreements/" + number);
        Document after = html(mvc.perform(MockMvcRequestBuilders.get("/agreements/" + number)
                .with(httpBasic("fiona", "demo")).with(LoggedInSession.from(ended))).andReturn());
        assertThat(after.selectFirst(".alert--success").text()).startsWith("You ended agreement " + number + " early.");
        assertThat(after.select("#end-form")).isEmpty();

        // Everyone on the request reads who ended it, when and why, and that access is being removed.
        Document seenByAlex = page("alex", "/agreements/" + number);
        assertThat(seenByAlex.selectFirst("h1").text()).contains("Terminated (ended early)");
        Element notice = seenByAlex.selectFirst("#ended");
        assertThat(notice.text()).contains("Fiona Fischer (fiona)").contains(reason)
                .contains("data custodians of Finance").contains("access to the data was removed");
        assertThat(notice.selectFirst("time").attr("datetime")).isNotBlank();
        assertThat(agreement("alex", reference).get("status").asText()).isEqualTo("TERMINATED");
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("TERMINATED");

        runJobs();
        assertThat(waitingOn(reference)).containsExactly("confirmAccessRemoved -> custodians-fin");
        assertThat(tasksListedFor("frank", reference)).containsExactly("confirmAccessRemoved");

        // Ended once: it is not in force any more.
        MvcResult again = submitForm("fiona", path, "reason", "Twice", "confirm", "true");
        assertThat(again.getResponse().getStatus()).isEqualTo(409);
        assertThat(html(again).selectFirst("#problem").text()).contains("only an agreement in force can be ended");
    }

    @Test
    void throughTheApiAnAgreementEndsEarlyWithAReasonOnlyForAStewardOfAProvidingDepartmentWhileInItsTerm() {
        String reference = atSigning("Agreement actions: ended early through the API");
        String number = agreement("alex", reference).get("number").asText();
        String path = "/api/agreements/" + number + "/terminate";
        Map<String, Object> why = Map.of("reason", "The housing study was cancelled.");

        Answer outForSignature = post("fiona", path, why);
        assertThat(outForSignature.status()).isEqualTo(409);
        assertThat(outForSignature.body().get("detail").asText()).contains("out for signature");

        signByBoth(reference);
        Answer inDelivery = post("fiona", path, why);
        assertThat(inDelivery.status()).isEqualTo(409);
        assertThat(inDelivery.body().get("detail").asText()).contains("not in its term");
        assertThat(decide("frank", taskFor(reference, "custodians-fin"), "delivered", null).status()).isEqualTo(204);
        runJobs();

        Answer withoutReason = post("fiona", path, Map.of());
        assertThat(withoutReason.status()).isEqualTo(400);
        assertThat(withoutReason.body().get("errors").get("reason").asText()).contains("Say why");
        assertThat(post("fiona", path, null).status()).isEqualTo(400);
        assertThat(post("alex", path, why).status()).isEqualTo(403);
        assertThat(post("frank", path, why).status()).as("a custodian and signatory is no steward").isEqualTo(403);
        Answer stranger = post("sam", path, why);
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.body().get("detail").asText()).doesNotContain(reference);
        assertThat(agreement("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");

        Answer ended = post("fiona", path, why);
        assertThat(ended.status()).as("%s", ended.body()).isEqualTo(200);
        assertThat(ended.body().get("status").asText()).isEqualTo("TERMINATED");
        assertThat(ended.body().get("terminatedBy").asText()).isEqualTo("fiona");
        assertThat(ended.body().get("reason").asText()).isEqualTo("The housing study was cancelled.");
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("TERMINATED");
        runJobs();
        assertThat(waitingOn(reference)).containsExactly("confirmAccessRemoved -> custodians-fin");
        assertThat(post("fiona", path, why).status()).isEqualTo(409);
    }

    /** The demo request: Finance's utility accounts for Community Development, reviewed up to the signatures. */
    private String atSigning(String title) {
        String reference = submit(title, "FIN-UTILITY-ACCOUNTS");
        assertThat(decide("fiona", taskFor(reference, "stewards-fin"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(complete("pat", taskFor(reference, "privacy-office"), "approve", privacyAnswers()).status())
                .isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("AGREEMENT_SIGNING");
        return reference;
    }

    /** Finance's and Community Development's directors sign: the agreement is in force, the data on its way. */
    private void signByBoth(String reference) {
        assertThat(sign("frank", taskAssignedTo(reference, "frank"), FRANK_TYPED, reference).status()).isEqualTo(204);
        assertThat(sign("dana", taskAssignedTo(reference, "dana"), DANA_TYPED, reference).status()).isEqualTo(204);
        runJobs();
    }

    /** A browser's session after logging in through the login form. */
    private LoggedInSession logIn(String user) throws Exception {
        MvcResult login = mvc.perform(formLogin("/login").user(user).password("demo")).andReturn();
        assertThat(login.getResponse().getStatus()).isEqualTo(302);
        return LoggedInSession.from(login);
    }

    private ResponseEntity<byte[]> pdfFromTheApi(String user, String number) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "demo");
        headers.setAccept(List.of(MediaType.APPLICATION_PDF));
        return http.exchange("/api/agreements/" + number + "/pdf", HttpMethod.GET, new HttpEntity<>(headers),
                byte[].class);
    }

    private static String textOf(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The text of the dd that follows a dt with this text. */
    private static String definition(Element list, String term) {
        Element dt = list.select("dt").stream().filter(d -> d.text().equals(term)).findFirst().orElse(null);
        assertThat(dt).as("%s on the page", term).isNotNull();
        return dt.nextElementSibling().text();
    }
}
