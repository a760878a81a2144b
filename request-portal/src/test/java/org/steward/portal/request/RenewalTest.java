package org.steward.portal.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;
import org.steward.portal.task.TaskPages;

/**
 * Renewing a request once its agreement is in force: the requester's "Renew" action on the request's and the
 * agreement's pages opens the new-request form filled in from the old request with a new term; what is submitted
 * (straight away or from a draft) is linked to the old request, on both pages and in the API. Nobody renews a
 * request that is not theirs.
 */
class RenewalTest extends TaskPages {

    private static final String TITLE = "Work orders for the pothole study";

    @Test
    void theRequesterRenewsFromEitherPage_theFormIsFilledInWithANewTerm_andTheRequestsAreLinkedBothWays()
            throws Exception {
        String old = submit(TITLE, "PW-WORK-ORDERS");
        String renewPath = "/requests/new?renewalOf=" + old;
        // Under review there is nothing to renew yet.
        assertThat(page("alex", "/requests/" + old).select("#renew")).isEmpty();
        driveToInForce(old);

        // The requester is offered "Renew" on the request's page and on the agreement's page; the steward is not.
        Element onRequest = page("alex", "/requests/" + old).selectFirst("#renew a");
        assertThat(onRequest.text()).isEqualTo("Renew this request");
        assertThat(onRequest.attr("href")).isEqualTo(renewPath);
        String number = agreement("alex", old).get("number").asText();
        Element onAgreement = page("alex", "/agreements/" + number).selectFirst("#renew a");
        assertThat(onAgreement.text()).isEqualTo("Renew this request");
        assertThat(onAgreement.attr("href")).isEqualTo(renewPath);
        assertThat(page("sam", "/requests/" + old).select("#renew")).isEmpty();
        assertThat(page("sam", "/agreements/" + number).select("#renew")).isEmpty();

        // The form holds the old answers, a "Renewal: " title and a term as long as the old one, starting after it.
        JsonNode before = request("alex", old).get("request");
        LocalDate oldStart = LocalDate.parse(before.get("startDate").asText());
        LocalDate oldEnd = LocalDate.parse(before.get("endDate").asText());
        LocalDate newStart = oldEnd.plusDays(1);
        Document form = page("alex", renewPath);
        assertThat(valueOf(form, "title")).isEqualTo("Renewal: " + TITLE);
        assertThat(valueOf(form, "purpose")).isEqualTo(before.get("purpose").asText());
        assertThat(valueOf(form, "legalBasis")).isEqualTo(before.get("legalBasis").asText());
        assertThat(form.select("input[name=datasets][checked]")).extracting(e -> e.attr("value"))
                .containsExactly("PW-WORK-ORDERS");
        assertThat(valueOf(form, "recipientDepartment")).isEqualTo("CD");
        assertThat(valueOf(form, "startDate")).isEqualTo(newStart.toString());
        assertThat(valueOf(form, "endDate")).isEqualTo(newStart.plus(Period.between(oldStart, oldEnd)).toString());
        assertThat(valueOf(form, "renewalOf")).isEqualTo(old);
        assertThat(form.selectFirst("#renewalOf").text()).contains("This request renews " + old);

        // Submitted as it is filled in: a new request, linked to the old one.
        MvcResult submitted = submitForm("alex", "/requests/new", fieldsOf(form, "submit"));
        assertThat(submitted.getResponse().getStatus()).isEqualTo(302);
        String renewal = submitted.getResponse().getRedirectedUrl().substring("/requests/".length());
        assertThat(renewal).isNotEqualTo(old).matches("DR-\\d{4}-\\d{4}");
        JsonNode created = request("alex", renewal);
        assertThat(created.get("status").asText()).isEqualTo("STEWARD_REVIEW");
        assertThat(created.at("/request/title").asText()).isEqualTo("Renewal: " + TITLE);
        assertThat(created.at("/request/startDate").asText()).isEqualTo(newStart.toString());
        assertThat(created.get("renewalOf").asText()).isEqualTo(old);

        // Saved as a draft first, the link is kept in the draft, and submitting the draft keeps it too.
        MvcResult saved = submitForm("alex", "/requests/new", fieldsOf(page("alex", renewPath), "draft"));
        assertThat(saved.getResponse().getStatus()).isEqualTo(302);
        String draftPath = saved.getResponse().getRedirectedUrl();
        Document draft = page("alex", draftPath);
        assertThat(valueOf(draft, "renewalOf")).isEqualTo(old);
        assertThat(draft.selectFirst("#renewalOf a").attr("href")).isEqualTo("/requests/" + old);
        MvcResult fromDraft = submitForm("alex", draftPath, fieldsOf(draft, "submit"));
        assertThat(fromDraft.getResponse().getStatus()).isEqualTo(302);
        String second = fromDraft.getResponse().getRedirectedUrl().substring("/requests/".length());
        assertThat(request("alex", second).get("renewalOf").asText()).isEqualTo(old);

        // Both ways, on the pages and in the API.
        Element renewalOf = page("alex", "/requests/" + renewal).selectFirst("#renewal-of");
        assertThat(renewalOf.text()).isEqualTo("Renewal of " + old);
        assertThat(renewalOf.selectFirst("a").attr("href")).isEqualTo("/requests/" + old);
        Element renewedBy = page("alex", "/requests/" + old).selectFirst("#renewed-by");
        assertThat(renewedBy.text()).isEqualTo("Renewed by " + renewal + ", " + second);
        assertThat(renewedBy.select("a")).extracting(a -> a.attr("href"))
                .containsExactly("/requests/" + renewal, "/requests/" + second);
        assertThat(texts(request("alex", old).get("renewedBy"))).containsExactly(renewal, second);
        assertThat(request("alex", old).get("renewalOf").isNull()).isTrue();
        assertThat(page("alex", "/requests/" + old).select("#renewal-of")).isEmpty();
    }

    @Test
    void nobodyRenewsARequestThatIsNotTheirs_orOneNotYetInForce_onThePagesOrThroughTheApi() throws Exception {
        String old = submit(TITLE + ", renewed by the wrong people", "PW-WORK-ORDERS");

        // Still under review: nothing to renew yet.
        MvcResult tooEarly = open("alex", "/requests/new?renewalOf=" + old);
        assertThat(tooEarly.getResponse().getStatus()).isEqualTo(409);
        assertThat(html(tooEarly).select("main").text()).contains("can be renewed only once its agreement is in force");
        Answer tooEarlyApi = post("alex", "/api/requests", renewalBody(old));
        assertThat(tooEarlyApi.status()).isEqualTo(409);

        driveToInForce(old);

        // sam sees alex's request as its steward, but it is not his to renew: refused on the form and on submission.
        MvcResult samsForm = open("sam", "/requests/new?renewalOf=" + old);
        assertThat(samsForm.getResponse().getStatus()).isEqualTo(403);
        assertThat(html(samsForm).select("main").text()).contains("Only the person who made request " + old
                + " may renew it");
        Document alexsForm = page("alex", "/requests/new?renewalOf=" + old);
        MvcResult samSubmits = submitForm("sam", "/requests/new", fieldsOf(alexsForm, "submit"));
        assertThat(samSubmits.getResponse().getStatus()).isEqualTo(403);
        Answer samsApi = post("sam", "/api/requests", renewalBody(old));
        assertThat(samsApi.status()).isEqualTo(403);
        assertThat(samsApi.body().get("detail").asText()).contains("Only the person who made request " + old);

        // frank cannot see it at all, and nobody renews a request that does not exist: 400, saying what to check.
        Answer franksApi = post("frank", "/api/requests", renewalBody(old));
        assertThat(franksApi.status()).isEqualTo(400);
        assertThat(franksApi.body().at("/errors/renewalOf").asText())
                .isEqualTo("There is no request " + old + " that you can see, so it cannot be renewed. Check the "
                        + "reference, or start a new request.");
        assertThat(post("alex", "/api/requests", renewalBody("DR-1999-9999")).status()).isEqualTo(400);
        assertThat(open("frank", "/requests/new?renewalOf=" + old).getResponse().getStatus()).isEqualTo(400);

        // Nothing was linked by any of that.
        assertThat(request("alex", old).get("renewedBy")).isEmpty();

        // The requester renews through the API: linked both ways.
        Answer renewed = post("alex", "/api/requests", renewalBody(old));
        assertThat(renewed.status()).as("%s", renewed.body()).isEqualTo(201);
        String renewal = renewed.body().get("reference").asText();
        assertThat(request("alex", renewal).get("renewalOf").asText()).isEqualTo(old);
        assertThat(request("alex", renewal).get("history").get(0).get("channel").asText()).isEqualTo("api");
        assertThat(texts(request("alex", old).get("renewedBy"))).containsExactly(renewal);
        assertThat(page("alex", "/requests/" + old).selectFirst("#renewed-by a").text()).isEqualTo(renewal);
        // A request of its own says nothing of renewals.
        assertThat(request("alex", submit("Not a renewal", "PW-WORK-ORDERS")).get("renewalOf").isNull()).isTrue();
    }

    /** Public Works' work orders for Community Development, from submission to the agreement's term. */
    private void driveToInForce(String reference) {
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(sign("dana", taskAssignedTo(reference, "dana"), "Dana Dalton", reference).status()).isEqualTo(204);
        assertThat(sign("wes", taskAssignedTo(reference, "wes"), "Wes Weller", reference).status()).isEqualTo(204);
        runJobs();
        assertThat(decide("wes", taskFor(reference, "custodians-pw"), "delivered", null).status()).isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");
    }

    private static Map<String, Object> renewalBody(String renewalOf) {
        Map<String, Object> body = requestBody("Renewal: " + TITLE, "PW-WORK-ORDERS");
        body.put("renewalOf", renewalOf);
        return body;
    }

    /** What the browser sends for the form as it stands, with the button pressed ("submit" or "draft"). */
    private static String[] fieldsOf(Document page, String action) {
        List<String> fields = new ArrayList<>();
        for (Element control : page.select("form.request-form input[name], form.request-form textarea[name], "
                + "form.request-form select[name]")) {
            String type = control.attr("type");
            // The page's own security token is left out: the test's request brings a valid one.
            if (type.equals("file") || type.equals("submit") || control.attr("name").equals("_csrf")
                    || (type.equals("checkbox") || type.equals("radio")) && !control.hasAttr("checked")) {
                continue;
            }
            String value = control.tagName().equals("textarea") ? control.wholeText()
                    : control.tagName().equals("select") ? selected(control) : control.attr("value");
            fields.add(control.attr("name"));
            fields.add(value);
        }
        fields.add("action");
        fields.add(action);
        return fields.toArray(String[]::new);
    }

    private static String selected(Element select) {
        Element option = select.selectFirst("option[selected]");
        return option == null ? "" : option.attr("value");
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
