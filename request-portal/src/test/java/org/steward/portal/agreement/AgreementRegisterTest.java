package org.steward.portal.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.steward.portal.CsvText;
import org.steward.portal.task.TaskPages;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.request.RequestService;

/**
 * The register of agreements as a page, an API and a CSV file: every status in its words (expiring within 30 days
 * included), each filter narrowing the same lines everywhere, the CSV read back as the page shows it, only what the
 * person may see, and the public view of agreements in force that names no person and is off unless switched on.
 * Six agreements are made once, each at a different point of its life; titles carry a mark of this run so that
 * agreements other tests made can be told apart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgreementRegisterTest extends TaskPages {

    private static final DateTimeFormatter PAGE_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final String TRUST = "Rivière Housing Trust";
    private static final String TRUST_SIGNATORY = "Quinn Outsider";
    private static final String TRUST_EMAIL = "quinn.outsider@trust.example.org";
    private static final List<String> DEMO_PEOPLE = List.of("alex", "sam", "fiona", "pat", "dana", "wes", "frank",
            "admin", "audrey");

    @Autowired
    private Clock clock;
    @Autowired
    private ManagementService management;
    @Autowired
    private RequestService requests;
    @Autowired
    private PeopleService people;
    @Autowired
    private PublicRegisterSwitch publicRegister;

    private final String mark = "Reg" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private LocalDate today;
    private Agreement outForSignature;
    private Agreement inForce;
    private Agreement expiring;
    private Agreement forTheTrust;
    private Agreement terminated;
    private Agreement expired;

    /** An agreement made for these tests, with its request. */
    private record Agreement(String reference, String number, String title) {
    }

    @BeforeAll
    void sixAgreementsAtEachPointOfTheirLife() {
        today = LocalDate.now(clock);

        // A title a spreadsheet would run as a formula, with a quote and a comma.
        String formula = "=SUM(1,2) \"" + mark + "\" out for signature, work orders";
        outForSignature = agreementOf(signedUpTo(submitted(formula, body(formula, "PW-WORK-ORDERS")), false));

        String accounts = mark + " accounts and work orders in force";
        String accountsReference = submitted(accounts, body(accounts, "FIN-UTILITY-ACCOUNTS", "PW-WORK-ORDERS"));
        assertThat(decide("fiona", taskFor(accountsReference, "stewards-fin"), "approve", null).status())
                .isEqualTo(204);
        assertThat(decide("sam", taskFor(accountsReference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(complete("pat", taskFor(accountsReference, "privacy-office"), "approve", privacyAnswers()).status())
                .isEqualTo(204);
        runJobs();
        signAs(accountsReference, "frank", "Frank Franklin");
        signAs(accountsReference, "wes", "Wes Weller");
        signAs(accountsReference, "dana", "Dana Dalton");
        runJobs();
        inForce = agreementOf(accountsReference);

        // The agreement's expiry date is the request's end date: 20 days from today is within 30.
        String soon = mark + " work orders ending soon";
        Map<String, Object> endingSoon = body(soon, "PW-WORK-ORDERS");
        endingSoon.put("startDate", today.toString());
        endingSoon.put("endDate", today.plusDays(20).toString());
        expiring = agreementOf(signedUpTo(submitted(soon, endingSoon), true));

        String trust = mark + " work orders for a housing trust";
        Map<String, Object> toTheTrust = body(trust, "PW-WORK-ORDERS");
        toTheTrust.put("recipient", Map.of("type", "EXTERNAL", "organisation", TRUST, "signatoryName",
                TRUST_SIGNATORY, "signatoryEmail", TRUST_EMAIL));
        String trustReference = submitted(trust, toTheTrust);
        assertThat(decide("sam", taskFor(trustReference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(complete("pat", taskFor(trustReference, "privacy-office"), "approve", privacyAnswers()).status())
                .isEqualTo(204);
        runJobs();
        // The partner has no account: an admin records the partner's signature.
        assertThat(sign("admin", taskFor(trustReference, "admins"), TRUST_SIGNATORY, trustReference).status())
                .isEqualTo(204);
        signAs(trustReference, "wes", "Wes Weller");
        runJobs();
        forTheTrust = agreementOf(trustReference);

        String withdrawn = mark + " work orders withdrawn while out for signature";
        String withdrawnReference = signedUpTo(submitted(withdrawn, body(withdrawn, "PW-WORK-ORDERS")), false);
        assertThat(post("alex", "/api/requests/" + withdrawnReference + "/withdraw",
                Map.of("reason", "The study was cancelled")).status()).isEqualTo(200);
        terminated = agreementOf(withdrawnReference);

        String ended = mark + " work orders that ended";
        Map<String, Object> shortTerm = body(ended, "PW-WORK-ORDERS");
        shortTerm.put("startDate", today.toString());
        shortTerm.put("endDate", today.plusDays(2).toString());
        String endedReference = signedUpTo(submitted(ended, shortTerm), true);
        assertThat(decide("wes", taskFor(endedReference, "custodians-pw"), "delivered", null).status()).isEqualTo(204);
        runJobs();
        // The agreement ends at the start of the day after its expiry date; only this request's timers run.
        Instant ends = today.plusDays(3).atStartOfDay(clock.getZone()).toInstant();
        try {
            ClockUtil.setCurrentTime(Date.from(ends.plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS)));
            runDueJobsOf(endedReference);
        } finally {
            ClockUtil.reset();
        }
        expired = agreementOf(endedReference);

        assertThat(List.of(outForSignature, inForce, expiring, forTheTrust, terminated, expired))
                .extracting(a -> agreement("alex", a.reference()).get("status").asText())
                .containsExactly("OUT_FOR_SIGNATURE", "IN_FORCE", "IN_FORCE", "IN_FORCE", "TERMINATED", "EXPIRED");
    }

    @Test
    void eachStatusShowsInItsWordsOnThePageInTheApiAndInTheCsv() throws Exception {
        Map<String, String> words = new LinkedHashMap<>();
        words.put(outForSignature.number(), "Out for signature");
        words.put(inForce.number(), "In force");
        words.put(expiring.number(), "Expiring within 30 days");
        words.put(forTheTrust.number(), "In force");
        words.put(terminated.number(), "Terminated (ended early)");
        words.put(expired.number(), "Expired");

        Map<String, Element> rows = rowsByNumber(page("alex", "/agreements?q=" + mark));
        words.forEach((number, status) -> assertThat(cell(rows.get(number), "Status")).as(number).isEqualTo(status));

        Map<String, JsonNode> entries = entriesByNumber(api("alex", "q=" + mark));
        words.forEach((number, status) -> assertThat(entries.get(number).get("statusInWords").asText()).as(number)
                .isEqualTo(status));
        assertThat(entries.get(expiring.number()).get("registerStatus").asText()).isEqualTo("EXPIRING");
        assertThat(entries.get(expiring.number()).get("status").asText()).as("the agreement itself is in force")
                .isEqualTo("IN_FORCE");
        assertThat(entries.get(expiring.number()).get("expiryDate").asText()).isEqualTo(today.plusDays(20).toString());
        assertThat(cell(rows.get(expiring.number()), "Expires")).isEqualTo(PAGE_DATE.format(today.plusDays(20)));
        assertThat(entries.get(inForce.number()).get("registerStatus").asText()).isEqualTo("IN_FORCE");

        Map<String, List<String>> csv = csvByNumber(csvOf("alex", "/agreements.csv?q=" + mark));
        words.forEach((number, status) -> assertThat(csv.get(number).get(2)).as(number).isEqualTo(status));
    }

    @Test
    void aLineNamesItsPartiesDatasetsHighestClassificationTermAndRequest() throws Exception {
        Map<String, Element> rows = rowsByNumber(page("alex", "/agreements?q=" + mark));
        Element accounts = rows.get(inForce.number());
        assertThat(accounts.select("td").eachText()).containsExactly(inForce.number(), "1", "In force",
                inForce.reference() + ": " + inForce.title(),
                "From: Finance, Public Works To: Community Development",
                "Utility billing accounts Street maintenance work orders", "Confidential Personal information",
                PAGE_DATE.format(today), PAGE_DATE.format(today.plusDays(395)));
        assertThat(accounts.selectFirst("td[data-label=Agreement] a").attr("href"))
                .isEqualTo("/agreements/" + inForce.number());
        assertThat(cell(rows.get(forTheTrust.number()), "Parties"))
                .isEqualTo("From: Public Works To: " + TRUST + " (outside the city)");
        assertThat(cell(rows.get(forTheTrust.number()), "Classification")).isEqualTo("Internal");
        assertThat(cell(rows.get(outForSignature.number()), "In force from")).isEqualTo("Not yet");

        JsonNode line = entriesByNumber(api("alex", "q=" + mark)).get(inForce.number());
        assertThat(line.get("classification").asText()).isEqualTo("CONFIDENTIAL");
        assertThat(line.get("personalInformation").asBoolean()).isTrue();
        assertThat(line.get("title").asText()).isEqualTo(inForce.title());
        assertThat(line.get("requestReference").asText()).isEqualTo(inForce.reference());
        assertThat(line.get("sha256").asText()).isEqualTo(agreement("alex", inForce.reference()).get("sha256").asText());
        assertThat(line.get("datasets").findValuesAsText("code")).containsExactly("FIN-UTILITY-ACCOUNTS",
                "PW-WORK-ORDERS");
        List<String> parties = new ArrayList<>();
        line.get("parties").forEach(p -> parties.add(p.get("role").asText() + " " + p.get("name").asText() + " "
                + p.get("department").asText()));
        assertThat(parties).containsExactly("OWNER Finance FIN", "OWNER Public Works PW",
                "RECIPIENT Community Development CD");
        assertThat(entriesByNumber(api("alex", "q=" + mark)).get(forTheTrust.number()).get("parties").get(1)
                .get("department").isNull()).as("an outside organisation has no department").isTrue();
    }

    @Test
    void eachFilterNarrowsTheListTheSameWayOnThePageAndInTheApi() throws Exception {
        String all = "q=" + mark;
        expectOnly(all, outForSignature, inForce, expiring, forTheTrust, terminated, expired);
        expectOnly(all + "&status=expiring", expiring);
        expectOnly(all + "&status=IN_FORCE", inForce, forTheTrust);
        expectOnly(all + "&status=OUT_FOR_SIGNATURE", outForSignature);
        expectOnly(all + "&status=TERMINATED", terminated);
        expectOnly(all + "&status=EXPIRED", expired);
        expectOnly(all + "&party=FIN", inForce);
        expectOnly(all + "&party=fin", inForce);
        expectOnly(all + "&party=CD", outForSignature, inForce, expiring, terminated, expired);
        expectOnly(all + "&party=rivière", forTheTrust);
        expectOnly(all + "&dataset=FIN-UTILITY-ACCOUNTS", inForce);
        expectOnly(all + "&classification=CONFIDENTIAL", inForce);
        expectOnly(all + "&classification=internal", outForSignature, expiring, forTheTrust, terminated, expired);
        expectOnly(all + "&status=IN_FORCE&party=PW&classification=INTERNAL", forTheTrust);
        expectOnly("q=" + expired.number(), expired);
        expectOnly("q=" + terminated.reference(), terminated);

        // Over every agreement alex sees, not only these: each line shown meets the filter.
        Document expiringOnly = page("alex", "/agreements?status=EXPIRING");
        assertThat(expiringOnly.select("tbody td[data-label=Status]").eachText()).isNotEmpty()
                .allMatch("Expiring within 30 days"::equals);
        Document finance = page("alex", "/agreements?party=FIN");
        assertThat(finance.select("tbody td[data-label=Parties]").eachText()).isNotEmpty()
                .allMatch(parties -> parties.contains("Finance"));
        Document confidential = page("alex", "/agreements?classification=CONFIDENTIAL");
        assertThat(confidential.select("tbody td[data-label=Classification]").eachText()).isNotEmpty()
                .allMatch(level -> level.startsWith("Confidential"));
    }

    @Test
    void thePageKeepsTheChosenFiltersAndSaysHowManyOfHowManyMatch() throws Exception {
        int everything = page("alex", "/agreements").select("tbody tr").size();
        Document page = page("alex", "/agreements?status=IN_FORCE&party=PW&classification=INTERNAL&q=" + mark);

        assertThat(page.selectFirst("select#status option[selected]").attr("value")).isEqualTo("IN_FORCE");
        assertThat(page.selectFirst("input#party").val()).isEqualTo("PW");
        assertThat(page.selectFirst("select#classification option[selected]").text()).isEqualTo("Internal");
        assertThat(page.selectFirst("select#dataset option[selected]").text()).isEqualTo("Any dataset");
        assertThat(page.selectFirst("input#q").val()).isEqualTo(mark);
        assertThat(page.select("tbody tr")).hasSize(1);
        assertThat(page.selectFirst("#result-count").text()).isEqualTo("Showing 1 of " + everything + " agreements");
        assertThat(page.selectFirst("a:containsOwn(Download as CSV)").attr("href"))
                .isEqualTo("/agreements.csv?status=IN_FORCE&party=PW&classification=INTERNAL&q=" + mark);

        Document none = page("alex", "/agreements?dataset=PW-STREET-CENTERLINES&q=" + mark);
        assertThat(none.select("tbody tr")).isEmpty();
        assertThat(none.selectFirst("#result-count").text()).isEqualTo("Showing 0 of " + everything + " agreements");
        assertThat(none.select("main").text()).contains("No agreement matches these filters.");

        MvcResult wrong = open("alex", "/agreements?status=soon");
        assertThat(wrong.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(wrong).selectFirst(".alert--error").text()).contains("There is no status \"soon\"")
                .contains("expiring");
        Answer refused = get("alex", "/api/agreements?classification=secret");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").get("classification").asText()).contains("confidential");
        assertThat(get("alex", "/api/agreements?format=xml").status()).isEqualTo(400);
    }

    @Test
    void theCsvHasThePagesLinesAndEscapesCommasQuotesAndFormulas() throws Exception {
        String query = "q=" + mark;
        MvcResult download = mvc.perform(MockMvcRequestBuilders.get("/agreements.csv?" + query)
                .with(httpBasic("alex", "demo"))).andReturn();
        assertThat(download.getResponse().getStatus()).isEqualTo(200);
        assertThat(MediaType.parseMediaType(download.getResponse().getContentType()))
                .isEqualTo(MediaType.parseMediaType("text/csv;charset=UTF-8"));
        assertThat(download.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"steward-agreements-" + today + ".csv\"");
        String text = new String(download.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n").doesNotContain("\r\n\r\n");

        List<List<String>> csv = CsvText.parse(text);
        assertThat(csv.get(0)).containsExactly("Agreement", "Version", "Status", "Provided by", "Received by",
                "Datasets", "Highest classification", "Personal information", "In force from", "Expires", "Request",
                "Title");
        Document page = page("alex", "/agreements?" + query);
        assertThat(csv.subList(1, csv.size())).extracting(line -> line.get(0) + " | " + line.get(2))
                .containsExactlyElementsOf(page.select("tbody tr").stream()
                        .map(row -> cell(row, "Agreement") + " | " + cell(row, "Status")).toList());

        Map<String, List<String>> lines = csvByNumber(text);
        assertThat(lines.get(outForSignature.number()).get(11)).as("read back as text, not as a formula")
                .isEqualTo("'" + outForSignature.title());
        assertThat(text).contains(",\"'=SUM(1,2) \"\"" + mark + "\"\" out for signature, work orders\"\r\n");
        assertThat(lines.get(inForce.number())).containsExactly(inForce.number(), "1", "In force",
                "Finance; Public Works", "Community Development",
                "Utility billing accounts; Street maintenance work orders", "Confidential", "Yes", today.toString(),
                today.plusDays(395).toString(), inForce.reference(), inForce.title());
        assertThat(lines.get(forTheTrust.number()).get(4)).as("UTF-8 read back").isEqualTo(TRUST);
        assertThat(lines.get(outForSignature.number()).get(8)).isEmpty();

        // The API gives the same file with format=csv.
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("alex", "demo");
        ResponseEntity<byte[]> fromApi = http.exchange("/api/agreements?format=csv&" + query, HttpMethod.GET,
                new HttpEntity<>(headers), byte[].class);
        assertThat(fromApi.getStatusCode().value()).isEqualTo(200);
        assertThat(fromApi.getHeaders().getContentDisposition().getFilename())
                .isEqualTo("steward-agreements-" + today + ".csv");
        assertThat(new String(fromApi.getBody(), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void eachPersonSeesOnlyAgreementsOnRequestsTheyMaySee() throws Exception {
        Set<String> ours = Set.of(outForSignature.number(), inForce.number(), expiring.number(), forTheTrust.number(),
                terminated.number(), expired.number());
        String query = "q=" + mark;
        assertThat(rowsByNumber(page("alex", "/agreements?" + query)).keySet()).containsAll(ours);
        assertThat(entriesByNumber(api("alex", query)).keySet()).containsAll(ours);

        // Finance's steward is on the accounts request only.
        assertThat(rowsByNumber(page("fiona", "/agreements?" + query)).keySet()).containsExactly(inForce.number());
        assertThat(entriesByNumber(api("fiona", query)).keySet()).containsExactly(inForce.number());
        assertThat(csvByNumber(csvOf("fiona", "/agreements.csv?" + query)).keySet()).containsExactly(inForce.number());
        assertThat(csvByNumber(csvOf("fiona", "/api/agreements?format=csv&" + query)).keySet())
                .containsExactly(inForce.number());

        assertThat(call(null, HttpMethod.GET, "/api/agreements", null).status()).isEqualTo(401);
        MvcResult loggedOut = anonymous("/agreements.csv");
        assertThat(loggedOut.getResponse().getStatus()).isEqualTo(302);
        assertThat(loggedOut.getResponse().getRedirectedUrl()).endsWith("/login");
    }

    @Test
    void thePublicViewListsAgreementsInForceAndNamesNoPersonAndIsOffUnlessSwitchedOn() throws Exception {
        assertThat(anonymous("/public/agreements").getResponse().getStatus()).isEqualTo(404);
        assertThat(html(anonymous("/login")).select("a[href=/public/agreements]")).isEmpty();

        publicRegister.setEnabled(true);
        try {
            MvcResult result = anonymous("/public/agreements");
            assertThat(result.getResponse().getStatus()).as("no login needed").isEqualTo(200);
            Document page = html(result);
            Map<String, Element> rows = new LinkedHashMap<>();
            page.select("tbody tr").forEach(row -> rows.put(cell(row, "Agreement"), row));
            assertThat(rows).containsKeys(inForce.number(), expiring.number(), forTheTrust.number())
                    .doesNotContainKeys(outForSignature.number(), terminated.number(), expired.number());
            assertThat(rows.get(forTheTrust.number()).select("td").eachText()).containsExactly(forTheTrust.number(),
                    "Public Works", TRUST, "Street maintenance work orders", "Internal", PAGE_DATE.format(today),
                    PAGE_DATE.format(today.plusDays(395)), requestBody("x").get("purpose").toString());
            assertThat(cell(rows.get(inForce.number()), "Provided by")).isEqualTo("Finance, Public Works");
            assertThat(cell(rows.get(inForce.number()), "Classification"))
                    .isEqualTo("Confidential Personal information");

            String everything = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
            List<String> personal = new ArrayList<>(List.of(TRUST_SIGNATORY, TRUST_EMAIL, "127.0.0.1",
                    "0:0:0:0:0:0:0:1"));
            for (String id : DEMO_PEOPLE) {
                personal.add(people.displayName(id));
                personal.add(id + "@example.org");
            }
            assertThat(personal).as("demo people's names").contains("Alex Anders", "Wes Weller", "Dana Dalton");
            for (String detail : personal) {
                assertThat(everything).as("the public view shows no %s", detail).doesNotContain(detail);
            }
            for (Agreement agreement : List.of(inForce, expiring, forTheTrust)) {
                assertThat(everything).as("no document or signature hash")
                        .doesNotContain(agreement("alex", agreement.reference()).get("sha256").asText());
            }

            Document login = html(anonymous("/login"));
            assertThat(login.select("a[href=/public/agreements]").text())
                    .isEqualTo("See the data-sharing agreements in force");
        } finally {
            publicRegister.setEnabled(null);
        }
        assertThat(anonymous("/public/agreements").getResponse().getStatus())
                .as("off again, as the property says").isEqualTo(404);
    }

    // ---- Making the agreements

    /** The demo request, its dates counted from today by the engine's clock, as the agreement's term is. */
    private Map<String, Object> body(String title, String... datasets) {
        Map<String, Object> body = requestBody(title, datasets);
        body.put("startDate", today.plusDays(30).toString());
        body.put("endDate", today.plusDays(395).toString());
        return body;
    }

    /** A GET with nobody logged in. */
    private MvcResult anonymous(String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path)).andReturn();
    }

    private String submitted(String title, Map<String, Object> body) {
        Answer answer = post("alex", "/api/requests", body);
        assertThat(answer.status()).as("%s: %s", title, answer.body()).isEqualTo(201);
        return answer.body().get("reference").asText();
    }

    /** Public Works' steward approves; then, if asked, wes and dana sign and the agreement is in force. */
    private String signedUpTo(String reference, boolean signed) {
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        if (signed) {
            signAs(reference, "wes", "Wes Weller");
            signAs(reference, "dana", "Dana Dalton");
            runJobs();
        }
        return reference;
    }

    private void signAs(String reference, String user, String name) {
        assertThat(sign(user, taskAssignedTo(reference, user), name, reference).status()).as("%s signs", user)
                .isEqualTo(204);
    }

    private Agreement agreementOf(String reference) {
        return new Agreement(reference, agreement("alex", reference).get("number").asText(),
                request("alex", reference).get("request").get("title").asText());
    }

    private void runDueJobsOf(String reference) {
        String processInstance = requests.byReference(reference).orElseThrow().getProcessInstanceId();
        for (int ran = 0; ran < 50; ran++) {
            List<Job> due = management.createJobQuery().processInstanceId(processInstance).executable()
                    .listPage(0, 1);
            if (due.isEmpty()) {
                return;
            }
            management.executeJob(due.get(0).getId());
        }
        throw new AssertionError("Jobs of " + reference + " keep coming after 50 runs");
    }

    // ---- Reading the register

    /** The register filtered by the query, on the page and in the API, lists exactly these of the six. */
    private void expectOnly(String query, Agreement... expected) throws Exception {
        Set<String> ours = Set.of(outForSignature.number(), inForce.number(), expiring.number(), forTheTrust.number(),
                terminated.number(), expired.number());
        List<String> wanted = java.util.Arrays.stream(expected).map(Agreement::number).toList();
        assertThat(rowsByNumber(page("alex", "/agreements?" + query)).keySet().stream().filter(ours::contains))
                .as("page ?%s", query).containsExactlyInAnyOrderElementsOf(wanted);
        assertThat(entriesByNumber(api("alex", query)).keySet().stream().filter(ours::contains))
                .as("API ?%s", query).containsExactlyInAnyOrderElementsOf(wanted);
    }

    private JsonNode api(String user, String query) {
        Answer answer = get(user, "/api/agreements?" + query);
        assertThat(answer.status()).as("GET /api/agreements?%s: %s", query, answer.body()).isEqualTo(200);
        return answer.body();
    }

    private String csvOf(String user, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "demo");
        ResponseEntity<byte[]> answer = http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
        assertThat(answer.getStatusCode().value()).as("GET %s", path).isEqualTo(200);
        return new String(answer.getBody(), StandardCharsets.UTF_8);
    }

    private static Map<String, Element> rowsByNumber(Document page) {
        Map<String, Element> rows = new LinkedHashMap<>();
        page.select("tbody tr").forEach(row -> rows.put(cell(row, "Agreement"), row));
        return rows;
    }

    private static Map<String, JsonNode> entriesByNumber(JsonNode register) {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        register.forEach(entry -> entries.put(entry.get("number").asText(), entry));
        return entries;
    }

    private static Map<String, List<String>> csvByNumber(String text) {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        List<List<String>> rows = CsvText.parse(text);
        rows.subList(1, rows.size()).forEach(line -> lines.put(line.get(0), line));
        return lines;
    }

    private static String cell(Element row, String label) {
        return row.selectFirst("td[data-label=\"" + label + "\"]").text();
    }

}
