package org.steward.portal.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.steward.workflow.people.Person;
import org.steward.workflow.request.AttachmentInfo;
import org.steward.workflow.request.RequestAttachments;
import org.steward.workflow.request.RequestDrafts;

/** Drafts: saved as typed without validation, only their owner's, reopened, submitted or deleted. */
class RequestDraftPageTest extends RequestPageSupport {

    @Autowired
    private RequestAttachments attachments;

    @Autowired
    private RequestDrafts drafts;

    @Test
    void aDraftIsSavedAsTypedReopenedCompletedAndSubmittedWithItsFiles() throws Exception {
        String owner = newPerson("drafter", "staff-cd");
        Map<String, String> half = Map.of("title", "Work orders for the paving plan", "purpose", "Paving",
                "endDate", "next spring");
        MvcResult saved = mvc.perform(form("/requests/new", half, List.of("PW-WORK-ORDERS"),
                List.of("PW-WORK-ORDERS:cost"), pdf("paving-plan.pdf")).param("action", "draft")
                .with(as(owner)).with(csrf()))
                .andExpect(status().isFound()).andExpect(flash().attributeExists("message")).andReturn();
        String draftPath = location(saved);
        assertThat(draftPath).matches("/requests/drafts/\\d+");

        // Listed as a draft, on the list of requests, for its owner.
        String list = html(mvc.perform(open("/requests").with(as(owner))).andExpect(status().isOk()).andReturn());
        assertThat(between(list, "Your drafts", "</table>")).contains("Work orders for the paving plan")
                .contains(">Draft<").contains("href=\"" + draftPath + "\"");

        // Reopened with everything as typed, unvalidated, and its file.
        String page = html(mvc.perform(open(draftPath).with(as(owner))).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("<h1>Draft: Work orders for the paving plan</h1>").contains("Only you can see it")
                .doesNotContain("need attention");
        assertThat(between(page, "id=\"purpose\"", "</textarea>")).endsWith(">Paving");
        assertThat(tag(page, "endDate")).contains("value=\"next spring\"");
        assertThat(tag(page, "dataset-PW-WORK-ORDERS")).contains("checked");
        assertThat(tag(page, "element-PW-WORK-ORDERS-cost")).contains("checked");
        assertThat(between(page, "<label for=\"files\">", "type=\"file\"")).contains("paving-plan.pdf");
        assertThat(page).contains("action=\"" + draftPath + "\"");

        // Saved again, still incomplete: the draft is updated, not copied.
        mvc.perform(form(draftPath, Map.of("title", "Work orders for the paving plan 2027"), List.of(), List.of())
                .param("action", "draft").with(as(owner)).with(csrf())).andExpect(status().isFound());
        assertThat(drafts.of(person(owner))).extracting(RequestDrafts.Summary::title)
                .containsExactly("Work orders for the paving plan 2027");

        // Completed and submitted: it becomes a request with the draft's file and the new one; the draft is gone.
        MvcResult submitted = mvc.perform(form(draftPath, answers("Work orders for the paving plan 2027"),
                List.of("PW-WORK-ORDERS"), List.of("PW-WORK-ORDERS:cost"), pdf("cost-model.pdf"))
                .param("action", "submit").with(as(owner)).with(csrf())).andExpect(status().isFound()).andReturn();
        String reference = location(submitted).substring("/requests/".length());
        assertThat(reference).matches("DR-\\d{4}-\\d{4}");
        assertThat(request(owner, reference).get("status").asText()).isEqualTo("STEWARD_REVIEW");
        assertThat(attachments.ofRequest(person(owner), reference)).extracting(AttachmentInfo::fileName)
                .containsExactly("paving-plan.pdf", "cost-model.pdf");
        assertThat(drafts.of(person(owner))).isEmpty();
        mvc.perform(open(draftPath).with(as(owner))).andExpect(status().isNotFound());
    }

    @Test
    void aDraftIsItsOwnersAloneAndAnyoneElseFindsNothing() throws Exception {
        String owner = newPerson("drafter", "staff-cd");
        String draftPath = location(mvc.perform(form("/requests/new", Map.of("title", "My own draft"), List.of(),
                List.of(), pdf("mine.pdf")).param("action", "draft").with(as(owner)).with(csrf())).andReturn());
        long fileId = drafts.open(person(owner), Long.parseLong(draftPath.substring(draftPath.lastIndexOf('/') + 1)))
                .attachments().get(0).id();

        String hidden = html(mvc.perform(open(draftPath).with(as("admin"))).andExpect(status().isNotFound())
                .andReturn());
        String missing = html(mvc.perform(open("/requests/drafts/999999999").with(as("admin")))
                .andExpect(status().isNotFound()).andReturn());
        assertThat(withoutTokens(hidden)).isEqualTo(withoutTokens(missing)).contains("Not found").doesNotContain("My own draft");
        mvc.perform(open("/requests/drafts/not-a-number").with(as("admin"))).andExpect(status().isNotFound());
        mvc.perform(open(draftPath + "/attachments/" + fileId).with(as("alex"))).andExpect(status().isNotFound());
        mvc.perform(open(draftPath + "/attachments/" + fileId).with(as(owner))).andExpect(status().isOk());
        mvc.perform(form(draftPath, Map.of("title", "Taken over"), List.of(), List.of()).param("action", "draft")
                .with(as("alex")).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(postTo(draftPath + "/delete").with(as("alex")).with(csrf())).andExpect(status().isNotFound());

        assertThat(html(mvc.perform(open("/requests").with(as("alex"))).andReturn())).doesNotContain("My own draft");
        assertThat(drafts.of(person(owner))).extracting(RequestDrafts.Summary::title).containsExactly("My own draft");
    }

    @Test
    void aDraftIsDeletedOnlyAfterItsOwnerConfirms() throws Exception {
        String owner = newPerson("drafter", "staff-cd");
        String draftPath = location(mvc.perform(form("/requests/new", Map.of("title", "Not needed after all"),
                List.of(), List.of()).param("action", "draft").with(as(owner)).with(csrf())).andReturn());

        String confirm = html(mvc.perform(open(draftPath + "/delete").with(as(owner))).andExpect(status().isOk())
                .andReturn());
        assertThat(confirm).contains("Delete this draft?").contains("Not needed after all")
                .contains(">Delete the draft</button>").contains("href=\"" + draftPath + "\"");
        assertThat(drafts.of(person(owner))).hasSize(1);

        mvc.perform(postTo(draftPath + "/delete").with(as(owner)).with(csrf())).andExpect(status().isFound())
                .andExpect(flash().attribute("message", "The draft \u201cNot needed after all\u201d is deleted."));
        assertThat(drafts.of(person(owner))).isEmpty();
        mvc.perform(open(draftPath).with(as(owner))).andExpect(status().isNotFound());
    }

    @Test
    void aRefusedSubmissionKeepsItsFilesInADraftSoNobodyUploadsThemTwice() throws Exception {
        String owner = newPerson("drafter", "staff-cd");
        Map<String, String> answers = answers("Missing a purpose");
        answers.remove("purpose");

        String page = html(mvc.perform(form("/requests/new", answers, List.of("PW-STREET-CENTERLINES"), List.of(),
                pdf("map-sketch.pdf")).param("action", "submit").with(as(owner)).with(csrf()))
                .andExpect(status().isOk()).andReturn());

        assertThat(page).contains("kept in a draft").contains("Describe the purpose");
        List<RequestDrafts.Summary> kept = drafts.of(person(owner));
        assertThat(kept).extracting(RequestDrafts.Summary::title).containsExactly("Missing a purpose");
        String draftPath = "/requests/drafts/" + kept.get(0).id();
        assertThat(page).contains("action=\"" + draftPath + "\"");
        assertThat(between(page, "<label for=\"files\">", "type=\"file\"")).contains("map-sketch.pdf");

        // Fixed and sent from the draft: one request, with the file uploaded once.
        answers.put("purpose", "A base map of the streets for the neighbourhood plan.");
        String reference = location(mvc.perform(form(draftPath, answers, List.of("PW-STREET-CENTERLINES"), List.of())
                .param("action", "submit").with(as(owner)).with(csrf())).andExpect(status().isFound()).andReturn())
                .substring("/requests/".length());
        assertThat(attachments.ofRequest(person(owner), reference)).extracting(AttachmentInfo::fileName)
                .containsExactly("map-sketch.pdf");
    }

    @Test
    void aFileTickedForRemovalLeavesTheDraft() throws Exception {
        String owner = newPerson("drafter", "staff-cd");
        String draftPath = location(mvc.perform(form("/requests/new", Map.of("title", "Two files"), List.of(),
                List.of(), pdf("keep.pdf"), pdf("drop.pdf")).param("action", "draft").with(as(owner)).with(csrf()))
                .andReturn());
        long draftId = Long.parseLong(draftPath.substring(draftPath.lastIndexOf('/') + 1));
        AttachmentInfo drop = drafts.open(person(owner), draftId).attachments().stream()
                .filter(a -> a.fileName().equals("drop.pdf")).findFirst().orElseThrow();

        mvc.perform(form(draftPath, Map.of("title", "Two files", "removeAttachments", drop.id().toString()),
                List.of(), List.of()).param("action", "draft").with(as(owner)).with(csrf()))
                .andExpect(status().isFound());

        assertThat(drafts.open(person(owner), draftId).attachments()).extracting(AttachmentInfo::fileName)
                .containsExactly("keep.pdf");
    }

    @Test
    void aBlankRemovalBoxRemovesNothingAndSavesTheDraft() throws Exception {
        String owner = newPerson("blanker", "staff-cd");
        String draftPath = location(mvc.perform(form("/requests/new", Map.of("title", "One file"), List.of(),
                List.of(), pdf("keep.pdf")).param("action", "draft").with(as(owner)).with(csrf())).andReturn());
        long draftId = Long.parseLong(draftPath.substring(draftPath.lastIndexOf('/') + 1));

        // A hand-made form (or an attacker's) may send the box with no id; it used to answer 500.
        mvc.perform(form(draftPath, Map.of("title", "One file, kept", "removeAttachments", ""),
                List.of(), List.of()).param("action", "draft").with(as(owner)).with(csrf()))
                .andExpect(status().isFound());

        assertThat(drafts.open(person(owner), draftId).attachments()).extracting(AttachmentInfo::fileName)
                .containsExactly("keep.pdf");
        assertThat(drafts.of(person(owner))).extracting(RequestDrafts.Summary::title).containsExactly("One file, kept");
    }

    private Person person(String user) {
        return new Person(user, user, null, Set.of("staff-cd"));
    }
}
