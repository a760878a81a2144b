package org.steward.portal.system;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;
import org.steward.workflow.problem.StewardProblem;

/**
 * Answers Steward's refusals on the engine's own API as that API answers its errors ({@code type}, {@code message},
 * which the Modeler shows), with the status the portal gives them: a building block refusing a call (a request's
 * process started without its request, say) is a plain 4xx there too, not a 500.
 */
@Component
class EngineApiProblems implements ResourceConfigCustomizer {

    @Override
    public void customize(org.glassfish.jersey.server.ResourceConfig config) {
        config.register(new Mapper());
    }

    /** The mapper Jersey picks for a StewardProblem, more specific than the engine's own for any exception. */
    static final class Mapper implements ExceptionMapper<StewardProblem> {

        @Override
        public Response toResponse(StewardProblem problem) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", problem.kind().name());
            body.put("message", problem.getMessage());
            if (!problem.fieldErrors().isEmpty()) {
                body.put("errors", problem.fieldErrors());
            }
            return Response.status(ApiProblems.statusOf(problem).value()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(body).build();
        }
    }
}
