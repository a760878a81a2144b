package org.steward.portal.security.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.steward.portal.security.suite.Matrix.Expect.allowed;
import static org.steward.portal.security.suite.Matrix.Expect.forbidden;
import static org.steward.portal.security.suite.Matrix.Expect.hidden;
import static org.steward.portal.security.suite.Matrix.Expect.loginOrUnauthorized;
import static org.steward.portal.security.suite.Matrix.Expect.notFound;
import static org.steward.portal.security.suite.Matrix.Expect.refused;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.steward.workflow.directory.DirectoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.steward.notifications.outbox.EmailOutbox;
import org.steward.notifications.preference.StatusTopic;
import org.steward.portal.security.suite.Client.Body;
import org.steward.portal.security.suite.Client.FilePart;
import org.steward.portal.security.suite.Client.Reply;
import org.steward.portal.security.suite.Matrix.Channel;
import org.steward.portal.security.suite.Matrix.Endpoint;
import org.steward.portal.security.suite.Matrix.Expect;
import org.steward.portal.security.suite.Matrix.Outcome;
import org.steward.portal.security.suite.Matrix.Rule;
import org.steward.portal.security.suite.Matrix.Target;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.catalog.Classification;
import org.steward.workflow.request.RequestAttachments;

/**
 * Every endpoint of the application (read from Spring's own mappings, so that a new one cannot be forgotten), the
 * roots of the engine's REST API and of Camunda's webapps, against every kind of person: nobody, the requester, both
 * data stewards, the privacy office, the three directors (two of them custodians), the admin, the auditor and a
 * member of another department's staff with no role. Each cell is asserted against the policy of PRODUCT.md: what a
 * person may not see answers exactly as what does not exist, areas that are not theirs answer 403, nobody is sent to
 * log in, never a 500; a refused write changes nothing.
 */
class RoleEndpointMatrixTest extends SuiteSupport {

    /** The reason that a failing cell reports when it is the auditor's: PRODUCT.md, "Contracts", roles. */
    private static final String AUDITOR_WRITES_NOTHING = "PRODUCT.md: the auditor reads everything and writes "
            + "nothing, comments included";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Autowired
    private RepositoryService repository;

    @Autowired
    private DirectoryService directory;

    @Autowired
    private TaskService engineTasks;

    @Autowired
    private RequestAttachments attachments;

    @Autowired
    private EmailOutbox outbox;

    @Autowired
    private CatalogService catalog;

    private Scene scene;
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Reply> madeUpAnswers = new HashMap<>();
    private final Map<String, String> csrfTokens = new HashMap<>();
    private int readCells;
    private int writeCells;
    private int leaks;
    private final Map<Outcome, Integer> byOutcome = new java.util.EnumMap<>(Outcome.class);
    private Target madeUp;

    @Test
    void everyEndpointOfTheApplicationHasItsExpectations() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    mapped.add("* " + pattern);
                }
                methods.forEach(method -> mapped.add(method.name() + " " + pattern));
            }
        });
        Set<String> expected = new TreeSet<>();
        table().stream().filter(e -> e.channel() != Channel.ENGINE && e.channel() != Channel.CAMUNDA)
                .forEach(e -> expected.add(e.key()));

        assertThat(mapped).as("every endpoint the application maps must have its row in the matrix's table, and the "
                + "table nothing the application does not map (new: %s; gone: %s)",
                difference(mapped, expected), difference(expected, mapped)).isEqualTo(expected);
    }

    @Test
    void everyPersonGetsWhatThePolicySaysOnEveryEndpoint() {
        long started = System.nanoTime();
        scene = new Scene();
        long built = System.nanoTime();
        List<Endpoint> table = table();
        // Reads first, then writes. Within each write row the refusals come first; an allowed write either leaves the
        // shared fixtures as the later rows need them (a comment, a saved draft, a claim put back) or acts on a fresh
        // one made for it (a withdrawal, a completion, an agreement ended early).
        for (Endpoint endpoint : table) {
            if (!endpoint.write()) {
                List<Target> targets = endpoint.targets().get();
                madeUp = targets.stream().filter(Target::madeUp).findFirst().orElse(null);
                for (Target target : targets) {
                    for (String who : scene.cast) {
                        cell(endpoint, who, target);
                    }
                }
            }
        }
        for (Endpoint endpoint : table) {
            if (endpoint.write()) {
                List<Target> targets = endpoint.targets().get();
                madeUp = targets.stream().filter(Target::madeUp).findFirst().orElse(null);
                List<Runnable> allowedLater = new ArrayList<>();
                for (Target target : targets) {
                    for (String who : scene.cast) {
                        if (expectation(endpoint, who, target).refusal()) {
                            cell(endpoint, who, target);
                        } else {
                            allowedLater.add(() -> cell(endpoint, who, target));
                        }
                    }
                }
                allowedLater.forEach(Runnable::run);
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.printf("Role x endpoint matrix: %d cells (%d read, %d write) over %d endpoints and %d people, "
                + "%d leaks, %d failing cells; fixtures %d s, all %d s%n", readCells + writeCells, readCells,
                writeCells, table.size(), scene.cast.size(), leaks, failures.size(),
                (built - started) / 1_000_000_000L, seconds);
        System.out.println("  MATRIX cells by what the policy answers: " + byOutcome);
        failures.forEach(f -> System.out.println("  MATRIX " + f));
        assertThat(failures).as("cells that do not answer as the policy says (%d leaks among them)", leaks).isEmpty();
    }

    // ---- The table: one row per "METHOD pattern", with its values and who gets what.

    private List<Endpoint> table() {
        List<Endpoint> t = new ArrayList<>();
        Channel page = Channel.PAGE;
        Channel api = Channel.API;

        // Home, login, the error page and the public register.
        t.add(Endpoint.of("GET /", page, this::none, all(200)));
        t.add(Endpoint.of("GET /login", page, this::none, (who, x) -> allowed(200)));
        t.add(Endpoint.of("* /error", page, this::none, (who, x) -> allowed(200, 400, 404)
                .because("nothing is at /error itself (it renders others' errors): any plain answer, never a 500")));
        t.add(Endpoint.of("GET /public/agreements", page, this::none, (who, x) -> notFound()
                .because("the public register is switched off unless steward.agreements.public-register=true")));

        // Requests: the list, the form, drafts.
        t.add(Endpoint.of("GET /requests", page, this::none, all(200)));
        t.add(Endpoint.of("GET /requests/new", page, this::none, (who, x) -> anonymous(who) ? null
                : who.equals("audrey") ? allowed(200, 302, 403).because("product silent on showing the form to an "
                        + "auditor; submitting it is a write") : allowed(200)));
        t.add(Endpoint.of("POST /requests/new", page, this::none, (who, x) -> anonymous(who) ? null
                : who.equals("audrey") ? forbidden().because(AUDITOR_WRITES_NOTHING) : allowed(302))
                .body((who, x) -> Body.multipart(formAnswers(formAnswers("Matrix: a request by " + who), "submit",
                        "PW-STREET-CENTERLINES"), List.of())));
        t.add(Endpoint.of("GET /requests/drafts/{draftId}", page, () -> scene.drafts(), owner(200)));
        t.add(Endpoint.of("POST /requests/drafts/{draftId}", page, () -> scene.drafts(), owner(302))
                .body((who, x) -> Body.multipart(formAnswers(formAnswers("Matrix: a draft saved by " + who),
                        "draft", "PW-STREET-CENTERLINES"), List.of())));
        t.add(Endpoint.of("GET /requests/drafts/{draftId}/delete", page, () -> scene.drafts(), owner(200)));
        t.add(Endpoint.of("POST /requests/drafts/{draftId}/delete", page, () -> scene.drafts(), owner(302))
                .consuming());
        t.add(Endpoint.of("GET /requests/drafts/{draftId}/attachments/{attachmentId}", page,
                () -> scene.draftAttachments(), owner(200)));

        // A request's page and what hangs off it.
        t.add(Endpoint.of("GET /requests/{reference}", page, () -> scene.requests(), seers(200)));
        t.add(Endpoint.of("GET /requests/{reference}/status", page, () -> scene.requests(), seers(200)));
        t.add(Endpoint.of("GET /requests/{reference}/diagram.bpmn", page, () -> scene.requests(), seers(200)));
        t.add(Endpoint.of("GET /requests/{reference}/diagram-state", page, () -> scene.requests(), seers(200)));
        t.add(Endpoint.of("GET /requests/{reference}/attachments/{attachmentId}", page,
                () -> scene.requestAttachments(), seersOfItsOwn(200)));
        t.add(Endpoint.of("POST /requests/{reference}/comments", page, () -> scene.requests(), commenters(302))
                .body((who, x) -> Body.form(Map.of("body", "Matrix: a comment by " + who))));
        t.add(Endpoint.of("POST /requests/{reference}/withdraw", page, () -> scene.withdrawable(), requester(302))
                .body((who, x) -> Body.form(Map.of("confirm", "true", "reason", "Matrix: withdrawn by " + who)))
                .consuming());
        t.add(Endpoint.of("GET /requests/{reference}/revise", page, () -> scene.revisable(), reviser(200)));
        t.add(Endpoint.of("POST /requests/{reference}/revise", page, () -> scene.revisable(), reviser(302))
                .body((who, x) -> Body.multipart(formAnswers(formAnswers("Matrix: revised by " + who), "save",
                        "PW-STREET-CENTERLINES"), List.of())));

        // Email action links and partners' signing links: the link is the credential. Before the tasks, whose
        // claims by someone else end a task's links.
        t.add(Endpoint.of("GET /act/{token}", Channel.LINK, () -> scene.actionLinks(), linkOwner(200)));
        t.add(Endpoint.of("POST /act/{token}", Channel.LINK, () -> scene.actionLinks(), linkOwner(200))
                .body((who, x) -> Body.form(Map.of("comment", "Matrix: decided through the link"))).consuming()
                .after((who, x) -> runJobs()));
        t.add(Endpoint.of("GET /sign/{token}", Channel.LINK, () -> scene.signingLinks(), (who, x) -> x.madeUp()
                ? notFound() : allowed(200).because("product silent: the partner has no account, so whoever holds "
                        + "the link signs as the partner (code)")));
        t.add(Endpoint.of("POST /sign/{token}", Channel.LINK, () -> scene.signingLinks(), (who, x) -> x.madeUp()
                ? notFound() : refused(400).because("the body lacks the consent and the partner's name: refused, "
                        + "nothing signed"))
                .body((who, x) -> Body.form(Map.of("typedName", "Not The Partner", "documentHash", "0".repeat(64)))));

        // Tasks.
        t.add(Endpoint.of("GET /tasks", page, this::none, all(200)));
        t.add(Endpoint.of("GET /tasks/{id}", page, () -> scene.tasks(), seers(200)));
        t.add(Endpoint.of("POST /tasks/{id}/claim", page, () -> scene.tasks(), claimer())
                .before(this::rememberAssignee).after(this::restoreAssignee));
        t.add(Endpoint.of("POST /tasks/{id}/unclaim", page, () -> scene.tasks(), handerBack())
                .before(this::claimFirst).after(this::restoreAssignee));
        t.add(Endpoint.of("POST /tasks/{id}", page, () -> scene.completable(), completer(302))
                .body((who, x) -> completionForm(x)).consuming().after((who, x) -> runJobs()));

        // Agreements.
        t.add(Endpoint.of("GET /agreements", page, this::none, all(200)));
        t.add(Endpoint.of("GET /agreements.csv", page, this::none, all(200)));
        t.add(Endpoint.of("GET /agreements/{number}", page, () -> scene.agreements(), seers(200)));
        t.add(Endpoint.of("GET /agreements/{number}/pdf", page, () -> scene.agreements(), pdfReaders()));
        t.add(Endpoint.of("POST /agreements/{number}/verify", page, () -> scene.agreements(), seers(200)
                .and("audrey", allowed(200).because("verifying an agreement reads it: an auditor's job"))));
        t.add(Endpoint.of("POST /agreements/{number}/terminate", page, () -> scene.terminable(), terminator(302))
                .body((who, x) -> Body.form(Map.of("reason", "Matrix: ended early by " + who, "confirm", "true")))
                .consuming().after((who, x) -> runJobs()));

        // Reports and the audit trail: auditors and admins.
        t.add(Endpoint.of("GET /reports", page, this::none, readers(200)));
        t.add(Endpoint.of("GET /reports.csv", page, this::none, readers(200)));
        t.add(Endpoint.of("GET /audit", page, this::none, readers(200)));
        t.add(Endpoint.of("GET /audit.csv", page, this::none, readers(200)));

        // The in-app mailbox and email settings.
        t.add(Endpoint.of("GET /dev/mailbox", page, this::none, all(200)));
        t.add(Endpoint.of("GET /dev/mailbox/{id}", page, () -> scene.mails(), mailReaders()));
        t.add(Endpoint.of("GET /dev/mailbox/{id}/html", page, () -> scene.mails(), mailReaders()));
        t.add(Endpoint.of("GET /settings/email", page, this::none, all(200)));
        t.add(Endpoint.of("POST /settings/email", page, this::none, (who, x) -> anonymous(who) ? null
                : who.equals("audrey") ? allowed(302, 403).because("product silent on one's own email choices, "
                        + "which are no record of a request") : allowed(302))
                .body((who, x) -> Body.form(Arrays.stream(StatusTopic.values())
                        .map(topic -> List.of("topics", topic.name())).toList())));

        // One's own account: everyone logged in. The change below types no password, so it is refused at its fields
        // and changes nobody's (a wrong current password would hold back the person's logins).
        t.add(Endpoint.of("GET /account", page, this::none, all(200)));
        t.add(Endpoint.of("POST /account/password", page, this::none, (who, x) -> anonymous(who) ? null
                : allowed(200).because("the form shown again with its fields' problems: no password typed"))
                .body((who, x) -> Body.form(Map.of("newPassword", "", "confirmation", ""))));
        t.add(Endpoint.of("POST /api/account/password", api, this::none, (who, x) -> anonymous(who) ? null
                : refused(400).because("no password given: every field's problem named, nothing changed"))
                .body((who, x) -> Body.json("{}")));

        // Admin pages: admins only, 403 for everyone else before anything is looked up.
        t.add(Endpoint.of("GET /admin", page, this::none, admins(200)));
        t.add(Endpoint.of("GET /admin/agreement-template", page, this::none, admins(200)));
        t.add(Endpoint.of("GET /admin/emails", page, this::none, admins(200)));
        t.add(Endpoint.of("POST /admin/emails/{id}/resend", page, () -> scene.outboxEmails(), admins(302)));
        t.add(Endpoint.of("GET /admin/people", page, this::none, admins(200)));
        t.add(Endpoint.of("GET /admin/people/new", page, this::none, admins(200)));
        t.add(Endpoint.of("POST /admin/people", page, this::none, admins(302))
                .body((who, x) -> Body.form(Map.of("userId", fresh("matrix-person"), "firstName", "Mat",
                        "lastName", "Rix", "email", fresh("matrix") + "@example.org", "password", "a long password"))));
        t.add(Endpoint.of("GET /admin/people/{userId}", page, () -> scene.suitePeople(), admins(200)));
        t.add(Endpoint.of("POST /admin/people/{userId}/groups", page, () -> scene.suitePeople(), admins(302))
                .body((who, x) -> Body.form(Map.of("group", scene.suiteGroup)))
                .after((who, x) -> people.removeMembership(person("admin"), x.value("userId"), scene.suiteGroup)));
        t.add(Endpoint.of("POST /admin/people/{userId}/groups/new", page, () -> scene.suitePeople(), admins(302))
                .body((who, x) -> Body.form(Map.of("newGroup", fresh("matrix-group"), "newGroupName", "Matrix"))));
        t.add(Endpoint.of("POST /admin/people/{userId}/groups/remove", page, () -> scene.suitePeople(), admins(302))
                .body((who, x) -> Body.form(Map.of("group", scene.suiteGroup)))
                .before((who, x) -> people.addMembership(person("admin"), x.value("userId"), scene.suiteGroup)));
        t.add(Endpoint.of("POST /admin/people/{userId}/unlock", page, () -> scene.suitePeople(), admins(302)));
        t.add(Endpoint.of("POST /admin/people/{userId}/password", page, () -> scene.suitePeople(), admins(302))
                .body((who, x) -> Body.form(Map.of("password", "a temporary password for the suite"))));
        // The directory group mapping of the city sign-in: admins only, like every admin page.
        t.add(Endpoint.of("GET /admin/directory-groups", page, this::none, admins(200)));
        t.add(Endpoint.of("POST /admin/directory-groups", page, this::none, admins(302))
                .body((who, x) -> Body.form(Map.of("directoryGroup", fresh("matrix-directory-group"),
                        "stewardGroup", scene.suiteGroup))));
        t.add(Endpoint.of("POST /admin/directory-groups/remove", page, this::none, admins(302))
                .body((who, x) -> Body.form(Map.of("directoryGroup", "matrix-removed", "stewardGroup",
                        scene.suiteGroup)))
                .before((who, x) -> {
                    if (directory.mappings().stream().noneMatch(m -> m.directoryGroup().equals("matrix-removed"))) {
                        directory.map(person("admin"), "matrix-removed", scene.suiteGroup);
                    }
                }));
        t.add(Endpoint.of("GET /admin/departments", page, this::none, admins(200)));
        t.add(Endpoint.of("GET /admin/departments/new", page, this::none, admins(200)));
        t.add(Endpoint.of("POST /admin/departments", page, this::none, admins(302))
                .body((who, x) -> Body.form(Map.of("code", scene.freshCode("MX"), "name", "Matrix department",
                        "staffGroup", fresh("matrix-staff"), "signatory", "admin"))));
        t.add(Endpoint.of("GET /admin/departments/{code}/edit", page, () -> scene.departments(), admins(200)));
        t.add(Endpoint.of("POST /admin/departments/{code}", page, () -> scene.departments(), admins(302))
                .body((who, x) -> Body.form(Map.of("name", "Suite department", "staffGroup", scene.suiteStaff,
                        "stewardGroup", scene.suiteStewards, "custodianGroup", scene.suiteCustodians,
                        "signatory", "admin"))));
        t.add(Endpoint.of("GET /admin/datasets", page, this::none, admins(200)));
        t.add(Endpoint.of("GET /admin/datasets/new", page, this::none, admins(200)));
        t.add(Endpoint.of("POST /admin/datasets", page, this::none, admins(302))
                .body((who, x) -> Body.form(Map.of("code", scene.freshCode("MX-DATA"), "name", "Matrix dataset",
                        "description", "Made by the matrix", "department", scene.suiteDepartment,
                        "classification", "PUBLIC", "elements", "matrix_element"))));
        t.add(Endpoint.of("GET /admin/datasets/{code}/edit", page, () -> scene.datasets(), admins(200)));
        t.add(Endpoint.of("POST /admin/datasets/{code}", page, () -> scene.datasets(), admins(302))
                .body((who, x) -> Body.form(Map.of("name", "Suite dataset", "description", "For the matrix",
                        "department", scene.suiteDepartment, "classification", "PUBLIC", "elements",
                        "suite_element"))));
        t.add(Endpoint.of("GET /admin/processes", page, this::none, admins(200)));
        t.add(Endpoint.of("GET /admin/processes/deploy", page, this::none, admins(200)));
        t.add(Endpoint.of("POST /admin/processes/deploy", page, this::none, admins(302))
                .body((who, x) -> Body.multipart(List.of(), List.of(new FilePart("files", "matrix-probe.bpmn",
                        "application/octet-stream",
                        probeModel(fresh("matrix-probe")).getBytes(StandardCharsets.UTF_8))))));
        t.add(Endpoint.of("GET /admin/processes/deployments/{deploymentId}", page, () -> scene.deployments(),
                admins(200)));
        t.add(Endpoint.of("GET /admin/processes/{definitionId}", page, () -> scene.definitions(), admins(200)));
        t.add(Endpoint.of("GET /admin/processes/{definitionId}/model", page, () -> scene.definitions(), admins(200)));
        t.add(Endpoint.of("GET /admin/processes/{definitionId}/diagram-state", page, () -> scene.definitions(),
                admins(200)));
        t.add(Endpoint.of("GET /admin/processes/shipped/{fileName}", page,
                () -> List.of(Target.madeUp("fileName", "no-such-model.bpmn")), admins(200)));
        t.add(Endpoint.of("POST /admin/processes/{definitionId}/move", page, () -> scene.definitions(),
                (who, x) -> anonymous(who) ? null : !who.equals("admin") ? forbidden()
                        : x.madeUp() ? notFound(302, 404)
                        : allowed(302).because("no request chosen: back to the version's page with the problem"))
                .body((who, x) -> Body.form(Map.of("target", scene.dataRequestDefinition))));

        // The portal's API.
        // The API's OpenAPI document and Swagger UI: for anyone logged in, as the API itself; nobody else.
        t.add(Endpoint.of("GET /v3/api-docs", page, this::none, all(200)));
        t.add(Endpoint.of("GET /v3/api-docs.yaml", page, this::none, all(200)));
        t.add(Endpoint.of("GET /v3/api-docs/swagger-config", page, this::none, all(200)));
        t.add(Endpoint.of("GET /swagger-ui.html", page, this::none, all(302)));
        t.add(Endpoint.of("GET /api/datasets", api, this::none, all(200)));
        t.add(Endpoint.of("GET /api/requests", api, this::none, all(200)));
        t.add(Endpoint.of("POST /api/requests", api, this::none, (who, x) -> anonymous(who) ? null
                : who.equals("audrey") ? forbidden().because(AUDITOR_WRITES_NOTHING) : allowed(201))
                .body((who, x) -> jsonBody(requestBody("Matrix: an API request by " + who, "PW-STREET-CENTERLINES"))));
        t.add(Endpoint.of("GET /api/requests/{reference}", api, () -> scene.requests(), seers(200)));
        t.add(Endpoint.of("PUT /api/requests/{reference}", api, () -> scene.revisable(), reviser(200))
                .body((who, x) -> jsonBody(requestBody("Matrix: revised over the API by " + who,
                        "PW-STREET-CENTERLINES"))));
        t.add(Endpoint.of("POST /api/requests/{reference}/withdraw", api, () -> scene.withdrawable(), requester(200))
                .body((who, x) -> jsonBody(Map.of("reason", "Matrix: withdrawn over the API by " + who))).consuming());
        t.add(Endpoint.of("GET /api/requests/{reference}/agreement", api, () -> scene.requests(),
                agreementReaders()));
        t.add(Endpoint.of("GET /api/tasks", api, this::none, all(200)));
        t.add(Endpoint.of("POST /api/tasks/{id}/complete", api, () -> scene.completable(), completer(204))
                .body((who, x) -> jsonBody(completionJson(x))).consuming().after((who, x) -> runJobs()));
        t.add(Endpoint.of("GET /api/agreements", api, this::none, all(200)));
        t.add(Endpoint.of("GET /api/agreements/{number}/pdf", api, () -> scene.agreements(), pdfReaders()));
        t.add(Endpoint.of("GET /api/agreements/{number}/verification", api, () -> scene.agreements(), seers(200)));
        t.add(Endpoint.of("POST /api/agreements/{number}/terminate", api, () -> scene.terminable(), terminator(200))
                .body((who, x) -> jsonBody(Map.of("reason", "Matrix: ended early over the API by " + who)))
                .consuming().after((who, x) -> runJobs()));
        t.add(Endpoint.of("GET /api/reports/steps", api, this::none, readers(200)));
        t.add(Endpoint.of("GET /api/audit", api, this::none, readers(200)));

        // The engine's REST API: admins (camunda-admin) only, HTTP Basic.
        for (String root : List.of("version", "engine", "deployment", "task", "user", "group", "process-definition",
                "process-instance", "history/process-instance")) {
            t.add(Endpoint.of("GET /engine-rest/" + root, Channel.ENGINE, this::none, admins(200)));
        }
        t.add(Endpoint.of("POST /engine-rest/deployment/create", Channel.ENGINE, this::none, admins(200))
                .body((who, x) -> Body.multipart(Client.pairs("deployment-name", "matrix-engine-rest"),
                        List.of(new FilePart("data", "matrix-rest.bpmn", "application/octet-stream",
                                probeModel(fresh("matrix-rest")).getBytes(StandardCharsets.UTF_8))))));
        t.add(Endpoint.of("POST /engine-rest/process-definition/key/{key}/start", Channel.ENGINE,
                () -> scene.startable(), (who, x) -> anonymous(who) ? null : !who.equals("admin") ? forbidden()
                        : x.madeUp() ? notFound() : x.fact("portal") == null ? allowed(200)
                        : refused(400, 403, 409, 422).because("a request starts in the portal: a bare start of its "
                                + "process is refused in plain words, not a 500"))
                .body((who, x) -> Body.json("{}")));

        // Camunda's webapps and their own API: admins only; one login with the portal.
        for (String app : List.of("cockpit", "admin", "tasklist")) {
            t.add(Endpoint.of("GET /camunda/app/" + app + "/default/", Channel.CAMUNDA, this::none, admins(200)));
        }
        for (String call : List.of("/camunda/api/admin/auth/user/default", "/camunda/api/engine/engine/default/task")) {
            t.add(Endpoint.of("GET " + call, Channel.CAMUNDA, this::none, cockpitApi(200)));
        }
        t.add(Endpoint.of("POST /camunda/api/engine/engine/default/process-definition/key/{key}/start",
                Channel.CAMUNDA, () -> scene.probeOnly(), cockpitApi(200)).body((who, x) -> Body.json("{}")));
        return t;
    }

    // ---- Who gets what: the policy's rules. A rule answers null for nobody to mean the channel's login answer.

    private static boolean anonymous(String who) {
        return ANONYMOUS.equals(who);
    }

    private static RuleBuilder all(int... ok) {
        return new RuleBuilder((who, x) -> anonymous(who) ? null : allowed(ok));
    }

    /** Those on the target see it; anyone else gets what a made-up value gets. */
    private static RuleBuilder seers(int... ok) {
        return new RuleBuilder((who, x) -> anonymous(who) ? null : x.madeUp() || x.fact("malformed") != null
                ? notFound(x.fact("malformed") != null ? new int[] {400, 404} : new int[] {404})
                : x.seenBy(who) ? allowed(ok) : hidden());
    }

    private static Rule admins(int... ok) {
        return (who, x) -> anonymous(who) ? null : !who.equals("admin") ? forbidden().because("admins only")
                : x.madeUp() ? notFound() : allowed(ok);
    }

    private static Rule readers(int... ok) {
        return (who, x) -> anonymous(who) ? null : who.equals("admin") || who.equals("audrey") ? allowed(ok)
                : forbidden().because("reports and the audit trail are for auditors and admins");
    }

    private static Rule cockpitApi(int ok) {
        return (who, x) -> anonymous(who) ? loginOrUnauthorized() : !who.equals("admin") ? forbidden()
                : allowed(ok);
    }

    /** Drafts: only their owner, not even an admin or auditor ("Only you can see it"). */
    private static Rule owner(int ok) {
        return (who, x) -> anonymous(who) ? null : x.madeUp() || x.fact("malformed") != null
                ? notFound(x.fact("malformed") != null ? new int[] {400, 404} : new int[] {404})
                : !x.seenBy(who) ? hidden() : x.fact("notItsOwn") != null ? notFound() : allowed(ok);
    }

    /** A request's attachment: those on the request, and only through the request it belongs to. */
    private static Rule seersOfItsOwn(int ok) {
        return (who, x) -> anonymous(who) ? null : x.madeUp() ? notFound() : !x.seenBy(who) ? hidden()
                : x.fact("notItsOwn") != null ? notFound() : allowed(ok);
    }

    private static Rule commenters(int ok) {
        return (who, x) -> anonymous(who) ? null : x.madeUp() ? notFound() : !x.seenBy(who) ? hidden()
                : who.equals("audrey") ? forbidden().because(AUDITOR_WRITES_NOTHING) : allowed(ok);
    }

    private static Rule requester(int ok) {
        return (who, x) -> anonymous(who) ? null : x.madeUp() ? notFound() : !x.seenBy(who) ? hidden()
                : who.equals(x.fact("requester")) ? allowed(ok)
                : forbidden().because("only the requester withdraws");
    }

    private static Rule reviser(int ok) {
        return (who, x) -> anonymous(who) ? null : x.madeUp() ? notFound() : !x.seenBy(who) ? hidden()
                : !who.equals(x.fact("requester")) ? forbidden().because("only the requester revises")
                : "CHANGES_REQUESTED".equals(x.fact("status")) ? allowed(ok)
                : refused(409).because("revised only while changes are requested");
    }

    private static Rule claimer() {
        return (who, x) -> anonymous(who) ? null : x.madeUp() ? notFound() : !x.seenBy(who) ? hidden()
                : candidates(x).contains(who) ? allowed(302) : forbidden().because("not a candidate of the task");
    }

    private static Rule handerBack() {
        return (who, x) -> anonymous(who) ? null : x.madeUp() ? notFound() : !x.seenBy(who) ? hidden()
                : !candidates(x).contains(who) ? forbidden().because("not taken by them")
                : x.fact("byName") != null ? refused(409).because("given by name: nobody else could take it")
                : allowed(302);
    }

    private static Rule completer(int ok) {
        return (who, x) -> anonymous(who) ? null : x.madeUp() ? notFound() : !x.seenBy(who) ? hidden()
                : candidates(x).contains(who) ? allowed(ok)
                : forbidden().because("PRODUCT.md: only a current assignee or candidate completes a task");
    }

    private static Rule linkOwner(int ok) {
        return (who, x) -> x.madeUp() ? notFound() : anonymous(who) || who.equals(x.fact("owner")) ? allowed(ok)
                : forbidden().because("a link is its person's: someone else logged in neither sees its form nor "
                        + "acts through it");
    }

    private static Rule pdfReaders() {
        return (who, x) -> anonymous(who) ? null : x.madeUp() ? notFound() : !x.seenBy(who) ? hidden()
                : x.fact("inForce") != null ? allowed(200) : notFound().because("no signed PDF before the last "
                        + "signature");
    }

    private static Rule terminator(int ok) {
        return (who, x) -> anonymous(who) ? null : x.madeUp() ? notFound() : !x.seenBy(who) ? hidden()
                : !(who.equals("admin") || who.equals("sam")) ? forbidden().because("a steward of a providing "
                        + "department, or an admin, ends an agreement early")
                : x.fact("inForce") != null ? allowed(ok) : refused(409).because("not in force");
    }

    private static Rule agreementReaders() {
        return (who, x) -> anonymous(who) ? null : x.madeUp() ? notFound() : !x.seenBy(who) ? hidden()
                : x.fact("agreement") != null ? allowed(200) : notFound().because("no agreement yet");
    }

    private static Rule mailReaders() {
        return (who, x) -> anonymous(who) ? null : x.madeUp() || x.fact("malformed") != null
                ? notFound(x.fact("malformed") != null ? new int[] {400, 404} : new int[] {404})
                : x.seenBy(who) ? allowed(200) : hidden();
    }

    private static List<String> candidates(Target task) {
        return List.of(task.fact("candidates").split(","));
    }

    /** A rule with exceptions for particular people. */
    private static final class RuleBuilder implements Rule {
        private final Rule base;
        private final Map<String, Expect> exceptions = new HashMap<>();

        RuleBuilder(Rule base) {
            this.base = base;
        }

        RuleBuilder and(String who, Expect expect) {
            exceptions.put(who, expect);
            return this;
        }

        @Override
        public Expect expect(String who, Target target) {
            Expect exception = exceptions.get(who);
            return exception != null && !target.madeUp() && target.seenBy(who) ? exception
                    : base.expect(who, target);
        }
    }

    // ---- Running a cell.

    private Expect expectation(Endpoint endpoint, String who, Target target) {
        Expect expect = endpoint.rule().expect(who, target);
        if (expect == null) {
            expect = switch (endpoint.channel()) {
                case PAGE, CAMUNDA -> Expect.login();
                case API, ENGINE -> Expect.unauthorized();
                case LINK -> throw new IllegalStateException(endpoint.key() + " has no answer for nobody");
            };
        }
        if (who.equals("audrey") && endpoint.write() && expect.refusal() && expect.outcome() != Outcome.FORBIDDEN) {
            // An auditor may be refused every write before anything is looked up: 403 tells nothing either.
            Set<Integer> statuses = new TreeSet<>(expect.statuses());
            statuses.add(403);
            expect = new Expect(Outcome.REFUSED, Set.copyOf(statuses), "an auditor's write, refused before or "
                    + "after the lookup" + (expect.why() == null ? "" : "; " + expect.why()));
        }
        return expect;
    }

    private void cell(Endpoint endpoint, String who, Target shared) {
        Expect expect = expectation(endpoint, who, shared);
        Target target = shared;
        if (!expect.refusal() && endpoint.usesUp() && shared.fresh() != null) {
            target = shared.fresh().get();
        }
        if (!expect.refusal() && endpoint.before() != null) {
            endpoint.before().run(who, target);
        }
        String before = endpoint.write() && expect.refusal() ? world() : null;
        Reply reply = call(endpoint, who, target);
        if (endpoint.write()) {
            writeCells++;
        } else {
            readCells++;
        }
        byOutcome.merge(expect.outcome(), 1, Integer::sum);
        if (target.madeUp()) {
            madeUpAnswers.put(endpoint.key() + " " + who, reply);
        }
        String where = endpoint.key() + " as " + who + " on " + target.label() + " (" + endpoint.path(target) + ")";
        String verdict = verdict(endpoint, who, target, expect, reply);
        boolean leak = verdict != null && verdict.startsWith("LEAK");
        if (before != null) {
            String after = world();
            if (!after.equals(before)) {
                verdict = "LEAK: a refused write changed " + changes(before, after)
                        + (verdict == null ? "" : "; and " + verdict);
                leak = true;
            }
        }
        if (verdict != null) {
            if (leak) {
                leaks++;
            }
            failures.add(where + ": expected " + expect.outcome() + " " + expect.statuses()
                    + (expect.why() == null ? "" : " (" + expect.why() + ")") + ", " + verdict);
        }
        if (!expect.refusal() && endpoint.after() != null) {
            endpoint.after().run(who, target);
        }
    }

    private Reply call(Endpoint endpoint, String who, Target target) {
        String path = endpoint.path(target);
        Client client = switch (endpoint.channel()) {
            case PAGE, LINK, CAMUNDA -> browser(who);
            case API, ENGINE -> apiClient(who);
        };
        Body body = endpoint.body() == null ? null : endpoint.body().body(who, target);
        Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
        if (endpoint.write()) {
            if (endpoint.channel() == Channel.PAGE || endpoint.channel() == Channel.LINK) {
                body = (body == null ? Body.form(Map.of()) : body).with("_csrf", csrf(who));
            } else if (endpoint.channel() == Channel.CAMUNDA) {
                String xsrf = xsrf(who);
                if (xsrf != null) {
                    headers.put("X-XSRF-TOKEN", xsrf);
                }
            }
        }
        if (endpoint.channel() == Channel.API || endpoint.channel() == Channel.ENGINE) {
            headers.putIfAbsent("Accept", "application/json, application/problem+json");
        }
        return client.send(endpoint.method(), path, body, headers);
    }

    private String csrf(String who) {
        return csrfTokens.computeIfAbsent(who, w -> browser(w).csrf());
    }

    /** Cockpit's own token, which it hands out on its API's answers; null for those Cockpit never answers. */
    private String xsrf(String who) {
        if (anonymous(who)) {
            return null;
        }
        Reply reply = browser(who).get("/camunda/api/admin/auth/user/default");
        return reply.headers().firstValue("X-XSRF-TOKEN").orElse(browser(who).cookie("XSRF-TOKEN"));
    }

    /** Null when the answer is as expected; else what is wrong, starting with LEAK when it gave away too much. */
    private String verdict(Endpoint endpoint, String who, Target target, Expect expect, Reply reply) {
        int status = reply.status();
        boolean success = status >= 200 && status < 300
                || status >= 300 && status < 400 && !reply.location().endsWith("/login");
        if (status >= 500) {
            return "got " + status + " (never a 500): " + snippet(reply);
        }
        switch (expect.outcome()) {
            case ALLOWED -> {
                if (!expect.statuses().contains(status)) {
                    return "got " + status + " " + reply.location() + " " + snippet(reply);
                }
                if (status == 302 && reply.location().endsWith("/login")) {
                    return "sent to the login page though logged in";
                }
                return null;
            }
            case HIDDEN -> {
                Reply madeUp = madeUpAnswers.get(endpoint.key() + " " + who);
                if (status != 404) {
                    return (success ? "LEAK: " : "") + "got " + status + " " + reply.location() + " " + snippet(reply);
                }
                if (madeUp == null) {
                    return "no made-up answer to compare with";
                }
                String difference = difference(endpoint, target, madeUp, reply);
                return difference == null ? null : "LEAK: the 404 differs from a made-up value's: " + difference;
            }
            case LOGIN -> {
                if (status == 302 && reply.location().endsWith("/login")) {
                    return null;
                }
                return (success ? "LEAK: " : "") + "got " + status + " " + reply.location() + " " + snippet(reply);
            }
            case UNAUTHORIZED -> {
                if (status == 401 && reply.contentType().startsWith("application/problem+json")) {
                    return null;
                }
                return (success ? "LEAK: " : "") + "got " + status + " " + reply.contentType() + " " + snippet(reply);
            }
            case LOGIN_OR_UNAUTHORIZED -> {
                if (status == 401 || status == 302 && reply.location().endsWith("/login")) {
                    return null;
                }
                return (success ? "LEAK: " : "") + "got " + status + " " + reply.location() + " " + snippet(reply);
            }
            default -> {
                if (expect.statuses().contains(status)) {
                    return null;
                }
                return (success ? "LEAK: " : "") + "got " + status + " " + reply.location() + " " + snippet(reply);
            }
        }
    }

    /** How a hidden thing's 404 differs from a made-up value's, once the values themselves are set aside. */
    private String difference(Endpoint endpoint, Target target, Reply madeUp, Reply hidden) {
        if (madeUp.status() != hidden.status()) {
            return "status " + hidden.status() + " vs " + madeUp.status();
        }
        String typeA = madeUp.contentType().split(";")[0].strip();
        String typeB = hidden.contentType().split(";")[0].strip();
        if (!typeA.equals(typeB)) {
            return "content type " + typeB + " vs " + typeA;
        }
        String a = normalised(madeUp.text(), target, this.madeUp);
        String b = normalised(hidden.text(), target, this.madeUp);
        if (a.equals(b)) {
            return null;
        }
        int at = 0;
        while (at < a.length() && at < b.length() && a.charAt(at) == b.charAt(at)) {
            at++;
        }
        return "from \"" + b.substring(Math.max(0, at - 60), Math.min(b.length(), at + 80)) + "\" vs \""
                + a.substring(Math.max(0, at - 60), Math.min(a.length(), at + 80)) + "\"";
    }

    private static String normalised(String body, Target target, Target madeUp) {
        String text = body;
        for (Map.Entry<String, String> value : target.values().entrySet()) {
            String placeholder = "{" + value.getKey() + "}";
            String made = madeUp.value(value.getKey());
            // The longer first, so that neither is found inside the other.
            if (made != null && made.length() > value.getValue().length()) {
                text = text.replace(made, placeholder).replace(value.getValue(), placeholder);
            } else {
                text = text.replace(value.getValue(), placeholder);
                if (made != null) {
                    text = text.replace(made, placeholder);
                }
            }
        }
        return text.replaceAll("(name=\"_csrf\"[^>]*?(content|value)=\")[^\"]*\"", "$1\"")
                .replaceAll("nonce=\"[^\"]*\"", "nonce=\"\"")
                .replaceAll("\"timestamp\":\"[^\"]*\"", "\"timestamp\":\"\"");
    }

    private static String snippet(Reply reply) {
        String text = reply.text().replaceAll("\\s+", " ");
        int main = text.indexOf("<main");
        if (main >= 0) {
            text = text.substring(main);
        }
        return text.substring(0, Math.min(220, text.length()));
    }

    // ---- What is done around allowed writes, and the bodies they send.

    private final Map<String, String> assignees = new HashMap<>();

    private void rememberAssignee(String who, Target task) {
        var found = engineTasks.createTaskQuery().taskId(task.value("id")).singleResult();
        assignees.put(task.value("id"), found == null ? null : found.getAssignee());
    }

    private void claimFirst(String who, Target task) {
        rememberAssignee(who, task);
        if (task.fact("byName") == null) {
            engineTasks.setAssignee(task.value("id"), who);
        }
    }

    private void restoreAssignee(String who, Target task) {
        engineTasks.setAssignee(task.value("id"), assignees.get(task.value("id")));
    }

    private Body completionForm(Target task) {
        if ("sign".equals(task.fact("decision"))) {
            return Body.form(Client.pairs("decision", "sign", "fields[typedName]", task.fact("typedName"),
                    "fields[consent]", "true", "fields[documentHash]",
                    agreement("admin", task.fact("reference")).get("sha256").asText()));
        }
        return Body.form(Map.of("decision", "approve", "comment", "Matrix: approved on the page"));
    }

    private Map<String, Object> completionJson(Target task) {
        if ("sign".equals(task.fact("decision"))) {
            return Map.of("decision", "sign", "fields", signature(task.fact("typedName"),
                    agreement("admin", task.fact("reference")).get("sha256").asText()));
        }
        return Map.of("decision", "approve", "comment", "Matrix: approved over the API");
    }

    private Body jsonBody(Object value) {
        try {
            return Body.json(json.writeValueAsString(value));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Target> none() {
        return List.of(Target.none());
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    // ---- The scene: requests, tasks, agreements, drafts, links and emails, each with the people on it.

    /** What the cells act on, built once: each person is on some of it and not on the rest. */
    private final class Scene {

        final List<String> cast = new ArrayList<>();
        final String other = newPublicWorksStaffMember();
        final String suitePerson;
        final String suiteGroup;
        final String suiteStaff;
        final String suiteStewards = fresh("suite-stewards");
        final String suiteCustodians = fresh("suite-custodians");
        final String suiteDepartment;
        final String suiteDataset;
        final String finReq;
        final String finTask;
        final long finAttachment;
        final String pwReq;
        final String pwTask;
        final String otherReq;
        final String agReq;
        final String signWes;
        final String signDana;
        final String agNumber;
        final String inForceReq;
        final String inForceNumber;
        final String changesReq;
        final String extReq;
        final String partnerTask;
        final String partnerLink;
        final long alexDraft;
        final long alexDraftAttachment;
        final long otherDraft;
        final String finLink;
        final long fionaMail;
        final long samMail;
        final long outboxEmail;
        final String probeKey;
        final String probeDefinition;
        final String dataRequestDefinition;
        final String dataRequestDeployment;
        private int codes;

        Scene() {
            cast.add(ANONYMOUS);
            cast.addAll(DEMO);
            cast.add(other);
            suitePerson = fresh("suite-person");
            people.createPerson(suitePerson, "Sue", "Person", suitePerson + "@example.org", "demo");
            suiteGroup = fresh("suite-club");
            people.createGroup(suiteGroup, "Suite club");
            suiteStaff = fresh("suite-staff");
            suiteDepartment = freshCode("SUITE");
            catalog.createDepartment(person("admin"), new CatalogService.DepartmentInput(suiteDepartment,
                    "Suite department", suiteStaff, suiteStewards, suiteCustodians, "admin"));
            suiteDataset = freshCode("SUITE-DATA");
            catalog.createDataset(person("admin"), new CatalogService.DatasetInput(suiteDataset, "Suite dataset",
                    "For the matrix", suiteDepartment, Classification.PUBLIC, false, List.of("suite_element")));

            finReq = submitThroughTheForm("alex", formAnswers("Matrix: Finance accounts"),
                    List.of(pdf("matrix-accounts.pdf")), "FIN-UTILITY-ACCOUNTS");
            finTask = taskFor(finReq, "stewards-fin");
            finAttachment = attachments.ofRequest(person("alex"), finReq).get(0).id();
            pwReq = submitAs("alex", "Matrix: street centerlines", "PW-STREET-CENTERLINES");
            pwTask = taskFor(pwReq, "stewards-pw");
            otherReq = submitAs(other, "Matrix: centerlines for Public Works staff", "PW-STREET-CENTERLINES");
            agReq = atSigning("Matrix: work orders at signing");
            signWes = taskAssignedTo(agReq, "wes");
            signDana = taskAssignedTo(agReq, "dana");
            agNumber = agreement("alex", agReq).get("number").asText();
            inForceReq = inForce("Matrix: work orders in force");
            inForceNumber = agreement("alex", inForceReq).get("number").asText();
            changesReq = changesRequested("Matrix: centerlines, changes requested");
            String partnerEmail = fresh("partner") + "@partner.example.org";
            extReq = submitAs("alex", externalBody("Matrix: work orders for a partner", "Matrix University",
                    "Rita Matrix", partnerEmail));
            toPartnerSigning(extReq);
            partnerTask = taskFor(extReq, "admins");
            partnerLink = signingLink(partnerEmail, agreement("alex", extReq).get("number").asText());

            alexDraft = saveDraft("alex", formAnswers("Matrix: Alex's draft"), List.of(pdf("matrix-draft.pdf")),
                    "PW-STREET-CENTERLINES");
            alexDraftAttachment = attachments.ofDraft(person("alex"), alexDraft).get(0).id();
            otherDraft = saveDraft(other, formAnswers("Matrix: a Public Works draft"), List.of(),
                    "PW-STREET-CENTERLINES");

            finLink = actionLink("fiona", finReq, "Approve");
            fionaMail = mailboxEmail("fiona", finReq);
            samMail = mailboxEmail("sam", pwReq);
            outboxEmail = outbox.about(pwReq).get(0).getId();

            probeKey = fresh("matrix-probe");
            repository.createDeployment().name("matrix probe").addString(probeKey + ".bpmn", probeModel(probeKey))
                    .deploy();
            probeDefinition = latest(probeKey).getId();
            ProcessDefinition dataRequest = latest("data-request");
            dataRequestDefinition = dataRequest.getId();
            dataRequestDeployment = dataRequest.getDeploymentId();
        }

        private ProcessDefinition latest(String key) {
            return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
        }

        String freshCode(String prefix) {
            return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase() + (codes++);
        }

        /** Alex, the Finance and Public Works people, the privacy office, directors, admins and auditors. */
        Set<String> on(String... people) {
            Set<String> seers = new LinkedHashSet<>(List.of(people));
            seers.add("admin");
            seers.add("audrey");
            return seers;
        }

        Set<String> finSeers() {
            return on("alex", "fiona", "frank", "pat", "dana");
        }

        Set<String> pwSeers() {
            return on("alex", "sam", "wes");
        }

        Set<String> agSeers() {
            return on("alex", "sam", "wes", "dana");
        }

        Set<String> otherSeers() {
            return on(other, "sam", "wes");
        }

        Set<String> extSeers() {
            return on("alex", "sam", "wes", "pat");
        }

        Target request(String label, String reference, Set<String> seers, String requester) {
            return Target.of(label, seers, "reference", reference).withFact("requester", requester);
        }

        List<Target> requests() {
            return Matrix.targets(Target.madeUp("reference", "DR-1999-0001"),
                    request("finance request", finReq, finSeers(), "alex"),
                    request("public works request", pwReq, pwSeers(), "alex"),
                    request("other's request", otherReq, otherSeers(), other),
                    request("request at signing", agReq, agSeers(), "alex").withFact("agreement", "yes"),
                    request("request to a partner", extReq, extSeers(), "alex").withFact("agreement", "yes"));
        }

        List<Target> withdrawable() {
            return Matrix.targets(Target.madeUp("reference", "DR-1999-0001"),
                    request("finance request", finReq, finSeers(), "alex")
                            .withFresh(() -> request("a fresh finance request", submitAs("alex",
                                    "Matrix: withdrawn", "FIN-UTILITY-ACCOUNTS"), finSeers(), "alex")),
                    request("public works request", pwReq, pwSeers(), "alex")
                            .withFresh(() -> request("a fresh public works request", submitAs("alex",
                                    "Matrix: withdrawn", "PW-STREET-CENTERLINES"), pwSeers(), "alex")),
                    request("other's request", otherReq, otherSeers(), other)
                            .withFresh(() -> request("a fresh request of other's", submitAs(other,
                                    "Matrix: withdrawn", "PW-STREET-CENTERLINES"), otherSeers(), other)));
        }

        List<Target> revisable() {
            return Matrix.targets(Target.madeUp("reference", "DR-1999-0001"),
                    request("request with changes requested", changesReq, pwSeers(), "alex")
                            .withFact("status", "CHANGES_REQUESTED"),
                    request("request in steward review", pwReq, pwSeers(), "alex").withFact("status",
                            "STEWARD_REVIEW"),
                    request("finance request", finReq, finSeers(), "alex").withFact("status", "STEWARD_REVIEW"));
        }

        List<Target> requestAttachments() {
            return Matrix.targets(Target.madeUp("reference", "DR-1999-0001", "attachmentId", "999999999"),
                    Target.of("finance request's file", finSeers(), "reference", finReq, "attachmentId",
                            String.valueOf(finAttachment)),
                    Target.of("another request's file", pwSeers(), "reference", pwReq, "attachmentId",
                            String.valueOf(finAttachment)).withFact("notItsOwn", "yes"));
        }

        Target task(String label, String id, Set<String> seers, String candidates, String reference) {
            return Target.of(label, seers, "id", id).withFact("candidates", candidates)
                    .withFact("reference", reference);
        }

        List<Target> tasks() {
            return Matrix.targets(Target.madeUp("id", UUID.nameUUIDFromBytes("no such task".getBytes()).toString()),
                    task("finance steward's task", finTask, finSeers(), "fiona", finReq),
                    task("public works steward's task", pwTask, pwSeers(), "sam", pwReq),
                    task("Wes's signature", signWes, agSeers(), "wes", agReq).withFact("byName", "yes"),
                    task("Dana's signature", signDana, agSeers(), "dana", agReq).withFact("byName", "yes"),
                    task("partner's signature (paper, by admins)", partnerTask, extSeers(), "admin", extReq));
        }

        List<Target> completable() {
            return Matrix.targets(Target.madeUp("id", UUID.nameUUIDFromBytes("no such task".getBytes()).toString()),
                    task("finance steward's task", finTask, finSeers(), "fiona", finReq).withFresh(() -> {
                        String reference = submitAs("alex", "Matrix: approved", "FIN-UTILITY-ACCOUNTS");
                        return task("a fresh finance task", taskFor(reference, "stewards-fin"), finSeers(),
                                "fiona", reference);
                    }),
                    task("public works steward's task", pwTask, pwSeers(), "sam", pwReq).withFresh(() -> {
                        String reference = submitAs("alex", "Matrix: approved", "PW-STREET-CENTERLINES");
                        return task("a fresh public works task", taskFor(reference, "stewards-pw"), pwSeers(),
                                "sam", reference);
                    }),
                    task("Wes's signature", signWes, agSeers(), "wes", agReq).withFact("decision", "sign")
                            .withFact("typedName", "Wes Weller").withFresh(() -> {
                                String reference = atSigning("Matrix: signed");
                                return task("a fresh signature of Wes's", taskAssignedTo(reference, "wes"),
                                        agSeers(), "wes", reference).withFact("decision", "sign")
                                        .withFact("typedName", "Wes Weller");
                            }));
        }

        List<Target> agreements() {
            return Matrix.targets(Target.madeUp("number", "DSA-1999-0001"),
                    Target.of("agreement out for signature", agSeers(), "number", agNumber),
                    Target.of("agreement in force", agSeers(), "number", inForceNumber).withFact("inForce", "yes"));
        }

        List<Target> terminable() {
            return Matrix.targets(Target.madeUp("number", "DSA-1999-0001"),
                    Target.of("agreement out for signature", agSeers(), "number", agNumber),
                    Target.of("agreement in force", agSeers(), "number", inForceNumber).withFact("inForce", "yes")
                            .withFresh(() -> Target.of("a fresh agreement in force", agSeers(), "number",
                                    agreement("alex", inForce("Matrix: ended early")).get("number").asText())
                                    .withFact("inForce", "yes")));
        }

        List<Target> drafts() {
            return Matrix.targets(Target.madeUp("draftId", "999999999"),
                    Target.of("alex's draft", Set.of("alex"), "draftId", String.valueOf(alexDraft))
                            .withFresh(() -> Target.of("a fresh draft of alex's", Set.of("alex"), "draftId",
                                    String.valueOf(saveDraft("alex", formAnswers("Matrix: deleted"), List.of(),
                                            "PW-STREET-CENTERLINES")))),
                    Target.of("other's draft", Set.of(other), "draftId", String.valueOf(otherDraft))
                            .withFresh(() -> Target.of("a fresh draft of other's", Set.of(other), "draftId",
                                    String.valueOf(saveDraft(other, formAnswers("Matrix: deleted"), List.of(),
                                            "PW-STREET-CENTERLINES")))),
                    Target.of("a draft id that is no number", Set.of(), "draftId", "abc").withFact("malformed",
                            "yes"));
        }

        List<Target> draftAttachments() {
            return Matrix.targets(Target.madeUp("draftId", "999999999", "attachmentId", "999999998"),
                    Target.of("alex's draft's file", Set.of("alex"), "draftId", String.valueOf(alexDraft),
                            "attachmentId", String.valueOf(alexDraftAttachment)),
                    Target.of("a request's file through alex's draft", Set.of("alex"), "draftId",
                            String.valueOf(alexDraft), "attachmentId", String.valueOf(finAttachment))
                            .withFact("notItsOwn", "yes"));
        }

        List<Target> actionLinks() {
            return Matrix.targets(Target.madeUp("token", "no-such-token-" + "x".repeat(30)),
                    Target.of("fiona's Approve link", Set.of("fiona"), "token", finLink.substring("/act/".length()))
                            .withFact("owner", "fiona").withFresh(() -> {
                                String reference = submitAs("alex", "Matrix: approved by link",
                                        "FIN-UTILITY-ACCOUNTS");
                                return Target.of("a fresh link of fiona's", Set.of("fiona"), "token",
                                        actionLink("fiona", reference, "Approve").substring("/act/".length()))
                                        .withFact("owner", "fiona");
                            }));
        }

        List<Target> signingLinks() {
            return Matrix.targets(Target.madeUp("token", "no-such-token-" + "y".repeat(30)),
                    Target.of("a partner's signing link", Set.of(), "token",
                            partnerLink.substring("/sign/".length())));
        }

        List<Target> mails() {
            return Matrix.targets(Target.madeUp("id", "999999999"),
                    Target.of("an email to fiona", Set.of("fiona", "admin"), "id", String.valueOf(fionaMail)),
                    Target.of("an email to sam", Set.of("sam", "admin"), "id", String.valueOf(samMail)),
                    Target.of("an email id that is no number", Set.of(), "id", "abc").withFact("malformed", "yes"));
        }

        List<Target> outboxEmails() {
            return Matrix.targets(Target.madeUp("id", "999999999"),
                    Target.of("an email about a request", Set.of("admin"), "id", String.valueOf(outboxEmail)));
        }

        List<Target> suitePeople() {
            return Matrix.targets(Target.madeUp("userId", "nobody-of-that-name"),
                    Target.of("a person", Set.of("admin"), "userId", suitePerson));
        }

        List<Target> departments() {
            return Matrix.targets(Target.madeUp("code", "NO-SUCH-DEPARTMENT"),
                    Target.of("a department", Set.of("admin"), "code", suiteDepartment));
        }

        List<Target> datasets() {
            return Matrix.targets(Target.madeUp("code", "NO-SUCH-DATASET"),
                    Target.of("a dataset", Set.of("admin"), "code", suiteDataset));
        }

        List<Target> definitions() {
            return Matrix.targets(Target.madeUp("definitionId", "no-such-process:1:0000"),
                    Target.of("the data-request process", Set.of("admin"), "definitionId", dataRequestDefinition),
                    Target.of("a probe process", Set.of("admin"), "definitionId", probeDefinition));
        }

        List<Target> deployments() {
            return Matrix.targets(Target.madeUp("deploymentId", UUID.nameUUIDFromBytes("none".getBytes()).toString()),
                    Target.of("the data-request deployment", Set.of("admin"), "deploymentId",
                            dataRequestDeployment));
        }

        List<Target> startable() {
            return Matrix.targets(Target.madeUp("key", "no-such-process"),
                    Target.of("a probe process", Set.of("admin"), "key", probeKey),
                    Target.of("the data-request process", Set.of("admin"), "key", "data-request")
                            .withFact("portal", "yes"));
        }

        List<Target> probeOnly() {
            return List.of(Target.of("a probe process", Set.of("admin"), "key", probeKey));
        }
    }

}
