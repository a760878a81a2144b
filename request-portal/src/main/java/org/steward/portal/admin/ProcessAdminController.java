package org.steward.portal.admin;

import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.steward.portal.request.DisplayNames;
import org.steward.workflow.deployment.ShippedModels;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.version.ModelVersion;
import org.steward.workflow.version.ProcessVersions;
import org.steward.workflow.version.ProcessVersions.ModelFamily;
import org.steward.workflow.version.ProcessVersions.VersionDetail;
import org.steward.workflow.version.RequestMigration;

/**
 * Processes and decisions for admins: every version of each, newest first, and one version's page with its model, its
 * warnings, the requests running on it and the check of a move to another version.
 */
@Controller
@RequestMapping("/admin/processes")
class ProcessAdminController {

    static final String LIST = "admin/processes";
    static final String VERSION = "admin/process";

    private final ProcessVersions versions;
    private final RequestMigration migration;
    private final PeopleService people;

    ProcessAdminController(ProcessVersions versions, RequestMigration migration, PeopleService people) {
        this.versions = versions;
        this.migration = migration;
        this.people = people;
    }

    @GetMapping
    String list(Model model) {
        List<ModelFamily> families = versions.all();
        model.addAttribute("processes", families.stream().filter(f -> f.kind() == ModelVersion.Kind.PROCESS)
                .toList());
        model.addAttribute("decisions", families.stream().filter(f -> f.kind() == ModelVersion.Kind.DECISION)
                .toList());
        model.addAttribute("names", new DisplayNames(people));
        model.addAttribute("heldBack", versions.heldBack());
        return LIST;
    }

    /** One version; with a target version chosen, the engine's check of moving its running requests there. */
    @GetMapping("/{definitionId}")
    String version(@PathVariable String definitionId, @RequestParam(name = "target", required = false) String target,
            @ModelAttribute(name = "admin", binding = false) Person admin, Model model) {
        VersionDetail detail = versions.detail(definitionId)
                .orElseThrow(() -> StewardProblem.notFound("Version " + definitionId));
        model.addAttribute("detail", detail);
        model.addAttribute("version", detail.version());
        model.addAttribute("names", new DisplayNames(people));
        model.addAttribute("targets", detail.siblings().stream()
                .filter(v -> !v.definitionId().equals(definitionId)).toList());
        model.addAttribute("target", target);
        if (detail.version().process() && target != null && !target.isBlank() && !detail.running().isEmpty()) {
            try {
                model.addAttribute("preview", migration.preview(admin, definitionId, target.trim()));
            } catch (StewardProblem refused) {
                if (refused.kind() != StewardProblem.Kind.INVALID) {
                    throw refused;
                }
                model.addAttribute("moveError", String.join(" ", refused.fieldErrors().values()));
            }
        }
        return VERSION;
    }

    /** The model file as deployed, as a download for the Camunda Modeler, never opened as a page of this site. */
    @GetMapping("/{definitionId}/model")
    ResponseEntity<byte[]> file(@PathVariable String definitionId) {
        ProcessVersions.ModelFile file = versions.file(definitionId)
                .orElseThrow(() -> StewardProblem.notFound("Version " + definitionId));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.fileName()).build().toString())
                .body(file.xml());
    }

    /** A model this release ships but held back, because an admin's version is in use: to merge in the Modeler. */
    @GetMapping("/shipped/{fileName}")
    ResponseEntity<byte[]> shipped(@PathVariable String fileName) {
        ShippedModels.ShippedModel model = versions.heldBack(fileName)
                .orElseThrow(() -> StewardProblem.notFound("A held-back model " + fileName));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("shipped-" + model.name()).build().toString())
                .body(model.content());
    }

    /** What the diagram marks: the steps where requests on this version wait now. */
    @GetMapping("/{definitionId}/diagram-state")
    @ResponseBody
    DiagramState state(@PathVariable String definitionId) {
        versions.find(definitionId).filter(ModelVersion::process)
                .orElseThrow(() -> StewardProblem.notFound("Version " + definitionId));
        return new DiagramState(versions.waitingAt(definitionId), List.of());
    }

    /** The activity ids to mark as current and as finished, as the request page's diagram script reads them. */
    record DiagramState(List<String> current, List<String> finished) {
    }
}
