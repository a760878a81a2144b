package org.steward.portal.admin;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.version.RequestMigration;

/** Moves the running requests an admin chose from one version of a process to another, and shows what happened. */
@Controller
class ProcessMoveController {

    static final String RESULT = "admin/process-moved";

    private final RequestMigration migration;

    ProcessMoveController(RequestMigration migration) {
        this.migration = migration;
    }

    /**
     * The result is shown at once, not after a redirect: sending the form again moves nothing more, since the moved
     * requests are no longer on the version they came from.
     */
    @PostMapping("/admin/processes/{definitionId}/move")
    String move(@PathVariable String definitionId, @RequestParam(name = "target", required = false) String target,
            @RequestParam(name = "requests", required = false) List<String> requests,
            @ModelAttribute(name = "admin", binding = false) Person admin, Model model,
            RedirectAttributes redirect) {
        try {
            model.addAttribute("result", migration.migrate(admin, definitionId, target, requests));
            return RESULT;
        } catch (StewardProblem refused) {
            if (refused.kind() != StewardProblem.Kind.INVALID) {
                throw refused;
            }
            // Back to the check, with the choice of version kept and the problem above the form.
            redirect.addFlashAttribute("moveError", String.join(" ", refused.fieldErrors().values()));
            redirect.addAttribute("definitionId", definitionId);
            if (target != null && !target.isBlank()) {
                redirect.addAttribute("target", target);
            }
            return "redirect:/admin/processes/{definitionId}";
        }
    }
}
