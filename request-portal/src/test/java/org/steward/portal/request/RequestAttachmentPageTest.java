package org.steward.portal.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
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

/** Attachments: the limits said before upload, refused files said plainly, downloads for whoever may see. */
class RequestAttachmentPageTest extends RequestPageSupport {

    @Autowired
    private RequestAttachments attachments;

    @Autowired
    private RequestDrafts drafts;

    @Test
    void aFileOverTenMegabytesIsRefusedInPlainWordsAndNothingIsSubmitted() throws Exception {
        String user = newPerson("uploader", "staff-cd");
        byte[] large = new byte[(int) RequestAttachments.MAX_BYTES + 1];
        System.arraycopy("%PDF-".getBytes(StandardCharsets.US_ASCII), 0, large, 0, 5);

        String page = html(mvc.perform(form("/requests/new", answers("With a huge scan"),
                List.of("PW-STREET-CENTERLINES"), List.of(), file("huge-scan.pdf", "application/pdf", large))
                .param("action", "submit").with(as(user)).with(csrf())).andExpect(status().isOk()).andReturn());

        assertThat(between(page, "<label for=\"files\">", "type=\"file\""))
                .contains("\u201chuge-scan.pdf\u201d is 10.0 MB: files can be up to 10 MB each.");
        assertThat(tag(page, "title")).contains("value=\"With a huge scan\"");
        assertThat(total(user, "/api/requests")).isZero();
        assertThat(drafts.of(person(user))).isEmpty();
    }

    @Test
    void aKindOfFileNotAcceptedIsRefusedAndTheGoodFilesOfADraftAreKept() throws Exception {
        String user = newPerson("uploader", "staff-cd");

        String page = html(mvc.perform(form("/requests/new", Map.of("title", "Mixed files"), List.of(), List.of(),
                pdf("good.pdf"), file("tool.exe", "application/octet-stream", new byte[] {'M', 'Z', 0, 0}),
                file("fake.pdf", "application/pdf", "just text".getBytes(StandardCharsets.UTF_8)),
                file("empty.csv", "text/csv", new byte[0]),
                file("table.csv", "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)))
                .param("action", "draft").with(as(user)).with(csrf())).andExpect(status().isOk()).andReturn());

        String attachmentsField = between(page, "<label for=\"files\">", "type=\"file\"");
        assertThat(attachmentsField).contains("\u201ctool.exe\u201d is not a kind of file we accept. Attach PDF")
                .contains("\u201cfake.pdf\u201d is named like a PDF file but is not one inside.")
                .contains("\u201cempty.csv\u201d is empty.");
        assertThat(page).contains("Your draft is saved, but not every file");
        List<RequestDrafts.Summary> saved = drafts.of(person(user));
        assertThat(saved).hasSize(1);
        assertThat(drafts.open(person(user), saved.get(0).id()).attachments()).extracting(AttachmentInfo::fileName)
                .containsExactly("good.pdf", "table.csv");
    }

    @Test
    void aRequestsFilesAreDownloadedByWhoeverMaySeeItAndByNobodyElse() throws Exception {
        MvcResult submitted = mvc.perform(form("/requests/new", answers("Accounts with a data dictionary"),
                List.of("FIN-UTILITY-ACCOUNTS"), List.of(), file("data dictionary.csv", "text/csv",
                        "element,meaning\naccount_id,the account\n".getBytes(StandardCharsets.UTF_8)))
                .param("action", "submit").with(as("alex")).with(csrf())).andExpect(status().isFound()).andReturn();
        String reference = location(submitted).substring("/requests/".length());
        long fileId = attachments.ofRequest(person("alex"), reference).get(0).id();
        String path = "/requests/" + reference + "/attachments/" + fileId;

        for (String user : List.of("alex", "fiona", "pat", "audrey", "admin")) {
            MvcResult download = mvc.perform(open(path).with(as(user))).andExpect(status().isOk())
                    .andExpect(header().string("Content-Type", "text/csv"))
                    .andExpect(header().string("Cache-Control", "no-store"))
                    .andExpect(header().string("X-Content-Type-Options", "nosniff")).andReturn();
            assertThat(download.getResponse().getHeader("Content-Disposition"))
                    .isEqualTo("attachment; filename=\"data dictionary.csv\"");
            assertThat(download.getResponse().getContentAsString(StandardCharsets.UTF_8))
                    .isEqualTo("element,meaning\naccount_id,the account\n");
        }

        // Public Works' steward may not see a Finance request: its file answers as one that does not exist.
        String hidden = html(mvc.perform(open(path).with(as("sam"))).andExpect(status().isNotFound()).andReturn());
        String missing = html(mvc.perform(open("/requests/DR-1999-0001/attachments/" + fileId).with(as("sam")))
                .andExpect(status().isNotFound()).andReturn());
        assertThat(withoutTokens(hidden)).isEqualTo(withoutTokens(missing)).contains("Not found")
                .doesNotContain("account_id");
        mvc.perform(open("/requests/" + reference + "/attachments/999999999").with(as("alex")))
                .andExpect(status().isNotFound());
        mvc.perform(open("/requests/" + reference + "/attachments/x").with(as("alex")))
                .andExpect(status().isNotFound());
        // A file is reached only through its own request.
        String other = submitAs("alex", "Another request", "PW-STREET-CENTERLINES");
        mvc.perform(open("/requests/" + other + "/attachments/" + fileId).with(as("alex")))
                .andExpect(status().isNotFound());
    }

    @Test
    void aDraftsFileKeepsItsNameWhateverTheLettersAndOnlyItsOwnerDownloadsIt() throws Exception {
        String user = newPerson("uploader", "staff-cd");
        String draftPath = location(mvc.perform(form("/requests/new", Map.of("title", "Accented"), List.of(),
                List.of(), pdf("C:\\Users\\me\\Übersicht für Straßen.pdf")).param("action", "draft")
                .with(as(user)).with(csrf())).andExpect(status().isFound()).andReturn());
        long draftId = Long.parseLong(draftPath.substring(draftPath.lastIndexOf('/') + 1));
        AttachmentInfo file = drafts.open(person(user), draftId).attachments().get(0);
        assertThat(file.fileName()).isEqualTo("Übersicht für Straßen.pdf");

        MvcResult download = mvc.perform(open(draftPath + "/attachments/" + file.id()).with(as(user)))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf")).andReturn();
        assertThat(download.getResponse().getHeader("Content-Disposition")).startsWith("attachment;")
                .contains("filename*=UTF-8''%C3%9Cbersicht%20f%C3%BCr%20Stra%C3%9Fen.pdf");
        mvc.perform(open(draftPath + "/attachments/" + file.id()).with(as("admin"))).andExpect(status().isNotFound());
    }

    private static Person person(String user) {
        return new Person(user, user, null, Set.of("staff-cd"));
    }
}
