package org.steward.portal.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.steward.workflow.request.RequestAttachments;
import org.springframework.web.multipart.MultipartFile;

/** The files a form sent, split into those accepted and plain words about those refused. */
record Uploads(List<RequestAttachments.Upload> accepted, List<String> problems) {

    static Uploads read(List<MultipartFile> files, RequestAttachments attachments) {
        List<RequestAttachments.Upload> accepted = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            // A file input left empty still sends a part, with no name and no bytes.
            if (file == null || file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()) {
                continue;
            }
            Optional<String> problem = attachments.tooLarge(file.getOriginalFilename(), file.getSize());
            RequestAttachments.Upload upload = null;
            if (problem.isEmpty()) {
                // Read as a stream when stored, from where the server keeps the uploaded file.
                upload = new RequestAttachments.Upload(file.getOriginalFilename(), file.getContentType(),
                        file.getSize(), file);
                problem = attachments.problemWith(upload);
            }
            if (problem.isPresent()) {
                problems.add(problem.get());
            } else {
                accepted.add(upload);
            }
        }
        return new Uploads(List.copyOf(accepted), List.copyOf(problems));
    }

    boolean any() {
        return !accepted.isEmpty() || !problems.isEmpty();
    }

    /** The refusals as one message for the attachments field, or null. */
    String problem() {
        return problems.isEmpty() ? null : String.join(" ", problems);
    }
}
