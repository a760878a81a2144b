package org.steward.portal.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Signing an agreement on its task's page: the exact text with its number, version and hash; the typed name, the
 * consent and the hash of the text shown; a text that changed meanwhile; declining and asking for changes say why.
 */
class TaskSigningPageTest extends TaskPages {

    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) TaskSigningPageTest";

    @Test
    void theSignatoryReadsTheExactTextAndSignsIt() throws Exception {
        String reference = atSigning("Signing page: work orders");
        String task = taskAssignedTo(reference, "wes");
        JsonNode agreement = agreement("wes", reference);

        Document page = page("wes", "/tasks/" + task);
        assertThat(page.selectFirst("#decide-heading").text()).isEqualTo("Sign the agreement");
        assertThat(page.selectFirst(".agreement-text").text())
                .isEqualTo(org.jsoup.Jsoup.parse(agreement.get("text").asText()).body().text());
        String shown = page.selectFirst("input[type=hidden][name=fields[documentHash]]").attr("value");
        assertThat(shown).isEqualTo(agreement.get("sha256").asText()).isEqualTo(sha256(agreement.get("text").asText()));
        assertThat(page.select("section[aria-labelledby=decide-heading] dl").text())
                .contains(agreement.get("number").asText()).contains("Version 1").contains(shown);
        assertThat(page.selectFirst("label[for=field-typedName]").text()).isEqualTo("Your full name");
        assertThat(page.selectFirst("input#field-typedName").attr("autocomplete")).isEqualTo("name");
        assertThat(page.selectFirst("input[type=checkbox]#field-consent").attr("value")).isEqualTo("true");
        assertThat(page.selectFirst("label[for=field-consent]").text())
                .isEqualTo("I have read the agreement and sign it for the party I represent");
        assertThat(page.selectFirst("textarea#field-reason")).isNotNull();
        assertThat(page.selectFirst("#field-reason-hint").text()).contains("Decline or Ask for changes");
        assertThat(decisionButtons(page)).containsExactly("sign:Sign", "decline:Decline", "changes:Ask for changes");

        MvcResult signed = mvc.perform(form("wes", "/tasks/" + task, "decision", "sign",
                "fields[typedName]", "Wes Weller", "fields[consent]", "true", "fields[documentHash]", shown,
                "fields[reason]", "").header("User-Agent", BROWSER).with(csrf())).andReturn();
        assertThat(signed.getResponse().getStatus()).isEqualTo(302);
        assertThat(signed.getResponse().getRedirectedUrl()).isEqualTo("/requests/" + reference);
        assertThat(signed.getFlashMap().get("notice").toString())
                .isEqualTo("You signed agreement " + agreement.get("number").asText() + " version 1. Thank you.");
        JsonNode evidence = agreement("alex", reference).get("signatures").get(0);
        assertThat(evidence.get("signer").asText()).isEqualTo("wes");
        assertThat(evidence.get("typedName").asText()).isEqualTo("Wes Weller");
        assertThat(evidence.get("sha256").asText()).isEqualTo(shown);
        assertThat(evidence.get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(evidence.get("userAgent").asText()).isEqualTo(BROWSER);
        assertThat(timeline(reference)).contains("wes:signAgreement:sign:web");
    }

    @Test
    void aTextThatChangedIsShownAgainToBeRead() throws Exception {
        String reference = atSigning("Signing page: stale text");
        String task = taskAssignedTo(reference, "wes");
        String stale = sha256("DATA-SHARING AGREEMENT, a text wes read before it changed");

        MvcResult refused = submitForm("wes", "/tasks/" + task, "decision", "sign", "fields[typedName]", "Wes Weller",
                "fields[consent]", "true", "fields[documentHash]", stale);
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        Document page = html(refused);
        assertThat(page.selectFirst("#problem").text()).contains("The agreement changed: read it again");
        JsonNode current = agreement("wes", reference);
        assertThat(page.selectFirst(".agreement-text").text())
                .isEqualTo(org.jsoup.Jsoup.parse(current.get("text").asText()).body().text());
        assertThat(valueOf(page, "fields[documentHash]")).isEqualTo(current.get("sha256").asText());
        assertThat(valueOf(page, "fields[typedName]")).isEqualTo("Wes Weller");
        assertThat(valueOf(page, "fields[consent]")).as("the consent is given again, to the new text").isNull();
        assertThat(current.get("signatures")).isEmpty();
        assertThat(waitingOn(reference)).contains("signAgreement -> wes");
    }

    @Test
    void aSignatureNeedsTheTypedNameAndTheConsent() throws Exception {
        String reference = atSigning("Signing page: no name");
        String task = taskAssignedTo(reference, "wes");
        String hash = agreement("wes", reference).get("sha256").asText();

        MvcResult refused = submitForm("wes", "/tasks/" + task, "decision", "sign", "fields[typedName]", " ",
                "fields[documentHash]", hash, "fields[reason]", "kept as typed");
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        Document page = html(refused);
        assertThat(errorNextTo(page, "typedName")).contains("Type your full name");
        assertThat(errorNextTo(page, "consent")).contains("Tick the box");
        assertThat(errorNextTo(page, "reason")).isNull();
        assertThat(valueOf(page, "fields[reason]")).isEqualTo("kept as typed");
        assertThat(agreement("wes", reference).get("signatures")).isEmpty();
    }

    @Test
    void decliningOrAskingForChangesNeedsAReason() throws Exception {
        String reference = atSigning("Signing page: declined");
        String task = taskAssignedTo(reference, "dana");
        String hash = agreement("dana", reference).get("sha256").asText();

        MvcResult noReason = submitForm("dana", "/tasks/" + task, "decision", "decline", "fields[typedName]",
                "Dana Dalton", "fields[documentHash]", hash, "fields[reason]", "");
        assertThat(noReason.getResponse().getStatus()).isEqualTo(400);
        Document page = html(noReason);
        assertThat(errorNextTo(page, "reason")).contains("Say why").contains("decline");
        assertThat(valueOf(page, "fields[typedName]")).isEqualTo("Dana Dalton");
        MvcResult noChangesSaid = submitForm("dana", "/tasks/" + task, "decision", "changes", "fields[documentHash]",
                hash);
        assertThat(noChangesSaid.getResponse().getStatus()).isEqualTo(400);
        assertThat(errorNextTo(html(noChangesSaid), "reason")).contains("ask for changes");
        assertThat(waitingOn(reference)).contains("signAgreement -> dana");

        MvcResult declined = submitForm("dana", "/tasks/" + task, "decision", "decline", "fields[documentHash]", hash,
                "fields[reason]", "Community Development cannot keep this data secure yet");
        assertThat(declined.getResponse().getStatus()).isEqualTo(302);
        runJobs();
        JsonNode request = request("alex", reference);
        assertThat(request.get("status").asText()).isEqualTo("REJECTED");
        assertThat(request.get("history").findValuesAsText("comment"))
                .contains("Community Development cannot keep this data secure yet");
    }

    /** Work orders for Community Development, approved by Public Works' steward: wes and dana must sign. */
    private String atSigning(String title) {
        String reference = submit(title, "PW-WORK-ORDERS");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(waitingOn(reference)).containsExactly("signAgreement -> dana", "signAgreement -> wes");
        return reference;
    }
}
