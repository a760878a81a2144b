package org.steward.portal.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.portal.request.DisplayNames;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.version.DeploymentRefused;
import org.steward.workflow.version.ProcessVersions;
import org.steward.workflow.version.ProcessVersions.Deployed;

/**
 * Deploying models from the portal: the upload form, the refusal with every problem when nothing was deployed, and
 * each deployment's page with the versions it made and the warnings that did not block it.
 */
@Controller
class ProcessDeployController {

    static final String FORM = "admin/process-deploy";
    static final String DEPLOYMENT = "admin/process-deployment";

    private final ProcessVersions versions;
    private final PeopleService people;

    ProcessDeployController(ProcessVersions versions, PeopleService people) {
        this.versions = versions;
        this.people = people;
    }

    @GetMapping("/admin/processes/deploy")
    String form() {
        return FORM;
    }

    /** Deployed: off to the deployment's page, so that reloading it deploys nothing twice. */
    @PostMapping("/admin/processes/deploy")
    String deploy(@RequestParam(name = "files", required = false) List<MultipartFile> files,
            @ModelAttribute(name = "admin", binding = false) Person admin, Model model,
            RedirectAttributes redirect) {
        List<ProcessVersions.Upload> uploads = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            try {
                uploads.add(new ProcessVersions.Upload(file.getOriginalFilename(), file.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            Deployed deployed = versions.deploy(admin, uploads);
            redirect.addFlashAttribute("notice", "Deployed: " + String.join(", ", deployed.versions().stream()
                    .map(v -> v.title() + " version " + v.version()).toList()) + ".");
            redirect.addAttribute("deploymentId", deployed.deploymentId());
            return "redirect:/admin/processes/deployments/{deploymentId}";
        } catch (DeploymentRefused refused) {
            model.addAttribute("refused", refused);
            model.addAttribute("fileNames", uploads.stream().map(ProcessVersions.Upload::fileName)
                    .filter(n -> n != null && !n.isBlank()).toList());
            return FORM;
        }
    }

    @GetMapping("/admin/processes/deployments/{deploymentId}")
    String deployment(@PathVariable String deploymentId, Model model) {
        Deployed deployed = versions.deployment(deploymentId)
                .orElseThrow(() -> StewardProblem.notFound("Deployment " + deploymentId));
        model.addAttribute("deployment", deployed);
        model.addAttribute("names", new DisplayNames(people));
        return DEPLOYMENT;
    }
}
