package org.steward.workflow.request;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.steward.workflow.people.Person;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The process diagram of a request, as the version its own process instance runs on (not the latest one), and how far
 * the request went through it. Only for people who may see the request; to others it does not exist.
 */
@Service
public class RequestDiagram {

    /**
     * Activities that contain others: marking them would paint over the steps inside, so only the steps themselves
     * are listed.
     */
    private static final Set<String> CONTAINERS = Set.of("subProcess", "multiInstanceBody", "transaction",
            "adHocSubProcess");

    private final RequestService requests;
    private final RepositoryService repository;
    private final HistoryService history;

    RequestDiagram(RequestService requests, RepositoryService repository, HistoryService history) {
        this.requests = requests;
        this.repository = repository;
        this.history = history;
    }

    /** The BPMN model the request runs on; empty while the request has no process (a draft). */
    @Transactional(readOnly = true)
    public Optional<Model> model(Person person, String reference) {
        return definitionOf(requests.visible(person, reference)).map(definition -> {
            try (InputStream xml = repository.getProcessModel(definition.getId())) {
                return new Model(definition.getKey(), definition.getVersion(), definition.getVersionTag(),
                        definition.getResourceName(), xml.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The ids of the steps the request is at now, and of those it has finished (cancelled steps are neither; a step
     * that is current again in a later round is only current).
     */
    @Transactional(readOnly = true)
    public Progress progress(Person person, String reference) {
        DataRequest request = requests.visible(person, reference);
        if (request.getProcessInstanceId() == null) {
            return new Progress(List.of(), List.of());
        }
        Set<String> current = new LinkedHashSet<>();
        Set<String> finished = new LinkedHashSet<>();
        for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery()
                .processInstanceId(request.getProcessInstanceId()).orderPartiallyByOccurrence().asc().list()) {
            if (CONTAINERS.contains(activity.getActivityType())) {
                continue;
            }
            if (activity.getEndTime() == null) {
                current.add(activity.getActivityId());
            } else if (!activity.isCanceled()) {
                finished.add(activity.getActivityId());
            }
        }
        finished.removeAll(current);
        return new Progress(List.copyOf(current), List.copyOf(finished));
    }

    private Optional<ProcessDefinition> definitionOf(DataRequest request) {
        if (request.getProcessInstanceId() == null) {
            return Optional.empty();
        }
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(request.getProcessInstanceId()).singleResult();
        return Optional.ofNullable(instance).map(i -> repository.getProcessDefinition(i.getProcessDefinitionId()));
    }

    /** A version of a process model: its key, version number and tag, file name and BPMN XML. */
    public record Model(String key, int version, String versionTag, String resourceName, byte[] xml) {
    }

    /** Where a request stands in its diagram, as activity ids. */
    public record Progress(List<String> current, List<String> finished) {
    }
}
