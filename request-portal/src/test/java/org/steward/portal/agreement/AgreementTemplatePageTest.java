package org.steward.portal.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.steward.portal.task.TaskPages;
import org.steward.workflow.agreement.AgreementService;
import org.steward.workflow.agreement.AgreementSettings;
import org.steward.workflow.agreement.AgreementTemplate;

/**
 * The admins' page for the agreement template: the template in use, its placeholders, a preview filled for a
 * request that saves nothing, and what is wrong with a template put in the configured folder. The folder is a
 * setting read at each use, so the test points it at a folder of its own and takes it away again.
 */
class AgreementTemplatePageTest extends TaskPages {

    private static final String PAGE = "/admin/agreement-template";
    private static final String TEST_SETTINGS = "agreement-template-page-test";

    @Autowired
    private ConfigurableEnvironment environment;

    @Autowired
    private AgreementService agreements;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void anAdminSeesThePlaceholdersAndTheTemplateFilledForTheNewestRequestWithoutAnythingSaved() throws Exception {
        Map<String, Object> body = requestBody("Template preview: street centerlines", "PW-STREET-CENTERLINES");
        String purpose = "Plan snow routes with the street centerlines, previewed " + System.nanoTime() + ".";
        body.put("purpose", purpose);
        Answer submitted = post("alex", "/api/requests", body);
        assertThat(submitted.status()).isEqualTo(201);
        String reference = submitted.body().get("reference").asText();
        Integer agreementsBefore = jdbc.queryForObject("select count(*) from data_sharing_agreement", Integer.class);
        Integer countersBefore = jdbc.queryForObject("select coalesce(sum(last_value), 0) from reference_counter "
                + "where prefix = 'DSA'", Integer.class);

        Document page = page("admin", PAGE);

        assertThat(page.selectFirst("h1").text()).isEqualTo("Agreement template");
        assertThat(page.select("#in-use dd").first().text()).isEqualTo("the built-in template");
        assertThat(page.select("#template-problems")).isEmpty();
        assertThat(page.select("#placeholders tbody td[data-label=Placeholder]").eachText())
                .containsExactlyElementsOf(AgreementTemplate.PLACEHOLDERS.keySet().stream()
                        .map(name -> "{{" + name + "}}").toList());
        assertThat(page.select("#placeholders tbody td[data-label=\"Filled with\"]").eachText())
                .containsExactlyElementsOf(AgreementTemplate.PLACEHOLDERS.values());
        assertThat(page.select("main").text()).contains(AgreementSettings.TEMPLATE_FOLDER)
                .contains(AgreementTemplate.FILE_NAME);
        // The newest request is the one chosen, and the preview is its agreement as a draft would be today.
        assertThat(valueOf(page, "request")).isEqualTo(reference);
        String preview = page.selectFirst("#preview").text();
        assertThat(preview).contains(purpose).contains(reference).contains("Template preview: street centerlines")
                .contains(AgreementService.UNNUMBERED);
        assertThat(page.select("#preview script, #preview style")).isEmpty();

        // Nothing was drafted, and no agreement number was used up.
        assertThat(jdbc.queryForObject("select count(*) from data_sharing_agreement", Integer.class))
                .isEqualTo(agreementsBefore);
        assertThat(jdbc.queryForObject("select coalesce(sum(last_value), 0) from reference_counter where prefix = "
                + "'DSA'", Integer.class)).isEqualTo(countersBefore);
        assertThat(get("alex", "/api/requests/" + reference + "/agreement").status()).isEqualTo(404);

        // Another request, chosen in the list.
        String other = submit("Template preview: another request", "PW-WORK-ORDERS");
        Document chosen = page("admin", PAGE + "?request=" + reference);
        assertThat(valueOf(chosen, "request")).isEqualTo(reference);
        assertThat(chosen.select("select#request option").eachAttr("value")).contains(reference, other);
        assertThat(chosen.selectFirst("#preview").text()).contains(purpose);
        assertThat(open("admin", PAGE + "?request=DR-1999-9999").getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void aPreviewIsExactlyWhatTheDraftWas() {
        String reference = submit("Template preview: the same as the draft", "PW-WORK-ORDERS");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        String drafted = agreement("alex", reference).get("text").asText();

        assertThat(agreements.preview(reference)).isEqualTo(drafted);
    }

    @Test
    void onlyAdminsOpenThePageAndTheAdminOverviewLinksToIt() throws Exception {
        for (String staff : List.of("alex", "sam", "audrey")) {
            assertThat(open(staff, PAGE).getResponse().getStatus()).as(staff).isEqualTo(403);
        }
        assertThat(page("admin", "/admin").select("a[href=\"" + PAGE + "\"]").text()).isEqualTo("Agreement template");
    }

    @Test
    void aTemplateInTheFolderIsUsedWhenItIsRightAndReportedWithTheFallbackWhenItIsNot() throws Exception {
        String reference = submit("Template preview: a city's own template", "PW-WORK-ORDERS");
        Path folder = Files.createTempDirectory("steward-agreement-template");
        Path file = folder.resolve(AgreementTemplate.FILE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource(TEST_SETTINGS,
                Map.of(AgreementSettings.TEMPLATE_FOLDER, folder.toString())));
        try {
            Document missing = page("admin", PAGE + "?request=" + reference);
            assertThat(missing.select("#template-problems li").eachText())
                    .containsExactly("There is no " + AgreementTemplate.FILE_NAME + " in " + folder.toAbsolutePath()
                            + ", so the built-in template is used.");

            Files.writeString(file, "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><h1>Springfield data "
                    + "agreement {{number}}</h1><p>For {{purpose}}</p><p>Budget: {{budget}}</p></body></html>",
                    StandardCharsets.UTF_8);
            Document unknown = page("admin", PAGE + "?request=" + reference);
            assertThat(unknown.select("#in-use dd").first().text()).isEqualTo("the built-in template");
            assertThat(unknown.select("#in-use dd").get(1).text()).isEqualTo(folder.toString());
            assertThat(unknown.select("#template-problems li").eachText()).satisfiesExactly(
                    placeholder -> assertThat(placeholder).startsWith("The placeholder {{budget}} is not one "
                            + "Steward fills."),
                    fallback -> assertThat(fallback).isEqualTo("Because of this the built-in template is used "
                            + "until the file is fixed."));
            // The preview shows what drafting would do meanwhile: the built-in template.
            assertThat(unknown.selectFirst("#preview").text()).doesNotContain("Springfield")
                    .contains("Data-sharing agreement");

            Files.writeString(file, "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><h1>Springfield data "
                    + "agreement {{number}}</h1><p>For {{purpose}}</p><script>alert(1)</script></body></html>",
                    StandardCharsets.UTF_8);
            Document own = page("admin", PAGE + "?request=" + reference);
            assertThat(own.select("#template-problems")).isEmpty();
            assertThat(own.select("#in-use dd").first().text()).isEqualTo(file.toAbsolutePath().toString());
            assertThat(own.selectFirst("#preview").text()).startsWith("Springfield data agreement")
                    .contains((String) requestBody("x").get("purpose"));
            assertThat(own.select("#preview script")).isEmpty();
            assertThat(Jsoup.parse(own.selectFirst("#template-source pre").text()).text())
                    .contains("Springfield data agreement");

            // The next agreement drafted uses it, with no restart.
            assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
            runJobs();
            assertThat(agreement("alex", reference).get("text").asText()).contains("Springfield data agreement");
        } finally {
            environment.getPropertySources().remove(TEST_SETTINGS);
            Files.deleteIfExists(file);
            Files.deleteIfExists(folder);
        }
        assertThat(page("admin", PAGE).select("#in-use dd").first().text()).isEqualTo("the built-in template");
    }
}
