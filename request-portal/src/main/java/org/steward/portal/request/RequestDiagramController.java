package org.steward.portal.request;

import java.util.List;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.request.RequestDiagram;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the request page's diagram draws: the BPMN of the process version the request runs on, and the steps it is at
 * and has finished. Refused as problems, 404 alike for what does not exist and what the person may not see.
 */
@RestController
class RequestDiagramController {

    private final RequestDiagram diagram;
    private final CurrentPerson currentPerson;

    RequestDiagramController(RequestDiagram diagram, CurrentPerson currentPerson) {
        this.diagram = diagram;
        this.currentPerson = currentPerson;
    }

    /** Served as a download, so that the model never opens as a page of this site. */
    @GetMapping("/requests/{reference}/diagram.bpmn")
    ResponseEntity<byte[]> model(@PathVariable String reference, Authentication authentication) {
        RequestDiagram.Model model = diagram.model(currentPerson.of(authentication), reference)
                .orElseThrow(() -> StewardProblem.notFound("A process diagram for request " + reference));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(reference + "-" + model.key() + "-version-" + model.version() + ".bpmn").build()
                        .toString())
                .body(model.xml());
    }

    @GetMapping("/requests/{reference}/diagram-state")
    DiagramState state(@PathVariable String reference, Authentication authentication) {
        RequestDiagram.Progress progress = diagram.progress(currentPerson.of(authentication), reference);
        return new DiagramState(progress.current(), progress.finished());
    }

    /** The activity ids to mark as current and as finished. */
    record DiagramState(List<String> current, List<String> finished) {
    }
}
