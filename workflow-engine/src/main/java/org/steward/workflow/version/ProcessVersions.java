package org.steward.workflow.version;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.xml.ModelException;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.workflow.deployment.Finding;
import org.steward.workflow.deployment.ModelCheck;
import org.steward.workflow.deployment.ModelReport;
import org.steward.workflow.deployment.ShippedModels;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.DataRequestRepository;

/**
 * The deployed versions of every process and decision, for admins: who deployed each and from where, how much each is
 * used, its model and the running requests on it; and deploying new versions from uploaded files, refused whole with
 * every problem named when the deployment gate or the engine will not take them.
 */
@Service
public class ProcessVersions {

    /** Activities that contain others: the steps inside them are where a request waits. */
    private static final Set<String> CONTAINERS = Set.of("subProcess", "multiInstanceBody", "transaction",
            "adHocSubProcess");
    private static final int NAME_LIMIT = 255;

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final ModelCheck modelCheck;
    private final PeopleService people;
    private final DataRequestRepository requests;
    private final ShippedModels shipped;

    ProcessVersions(RepositoryService repository, RuntimeService runtime, HistoryService history,
            ModelCheck modelCheck, PeopleService people, DataRequestRepository requests, ShippedModels shipped) {
        this.repository = repository;
        this.runtime = runtime;
        this.history = history;
        this.modelCheck = modelCheck;
        this.people = people;
        this.requests = requests;
        this.shipped = shipped;
    }

    /** All versions of one process or decision key, newest first. */
    public record ModelFamily(ModelVersion.Kind kind, String key, String name, List<ModelVersion> versions) {

        public ModelFamily {
            versions = List.copyOf(versions);
        }

        public ModelVersion latest() {
            return versions.get(0);
        }
    }

    /** One version with what its page shows: its siblings, what the gate finds in it, and what runs on it. */
    public record VersionDetail(ModelVersion version, List<ModelVersion> siblings, List<Finding> errors,
            List<Finding> warnings, List<RunningRequest> running, DecisionTableView table) {
    }

    /** The file of a version, as it was deployed. */
    public record ModelFile(ModelVersion version, String fileName, byte[] xml) {
    }

    /** A file an admin chose to deploy. */
    public record Upload(String fileName, byte[] content) {
    }

    /** One deployment: where it came from, who made it, the versions it made, and the warnings that do not block. */
    public record Deployed(String deploymentId, String deploymentName, String source, Instant deployedAt,
            String deployedBy, List<ModelVersion> versions, List<Finding> warnings) {

        public Deployed {
            versions = List.copyOf(versions);
            warnings = List.copyOf(warnings);
        }

        /** Where the deployment came from, as an admin reads it. */
        public String sourceWords() {
            return ModelVersion.sourceWords(source, deployedBy);
        }
    }

    /** Every process, then every decision, by key, each with all its versions, newest first. */
    @Transactional(readOnly = true)
    public List<ModelFamily> all() {
        Map<String, Deployment> deployments = repository.createDeploymentQuery().list().stream()
                .collect(Collectors.toMap(Deployment::getId, Function.identity()));
        Map<String, String> deployers = deployers();
        List<ModelVersion> versions = new ArrayList<>();
        List<ProcessDefinition> processes = repository.createProcessDefinitionQuery().list();
        Map<String, Integer> newestProcess = newest(processes, ProcessDefinition::getKey,
                ProcessDefinition::getVersion);
        for (ProcessDefinition definition : processes) {
            versions.add(version(definition, deployments.get(definition.getDeploymentId()),
                    deployers.get(definition.getDeploymentId()), newestProcess));
        }
        List<DecisionDefinition> decisions = repository.createDecisionDefinitionQuery().list();
        Map<String, Integer> newestDecision = newest(decisions, DecisionDefinition::getKey,
                DecisionDefinition::getVersion);
        for (DecisionDefinition definition : decisions) {
            versions.add(version(definition, deployments.get(definition.getDeploymentId()),
                    deployers.get(definition.getDeploymentId()), newestDecision));
        }
        Map<String, List<ModelVersion>> byKey = versions.stream()
                .sorted(Comparator.comparing(ModelVersion::kind).thenComparing(ModelVersion::key)
                        .thenComparing(Comparator.comparingInt(ModelVersion::version).reversed()))
                .collect(Collectors.groupingBy(v -> v.kind() + " " + v.key(), LinkedHashMap::new,
                        Collectors.toList()));
        return byKey.values().stream()
                .map(list -> new ModelFamily(list.get(0).kind(), list.get(0).key(), list.get(0).title(), list))
                .toList();
    }

    /**
     * The file names of the models this release ships but did not deploy, because an admin's own version of the same
     * process or decision is in use: for the admin to merge in the Modeler.
     */
    @Transactional(readOnly = true)
    public List<String> heldBack() {
        return shipped.heldBack(repository).stream().map(ShippedModels.ShippedModel::name).toList();
    }

    /** A held-back shipped model, by its file name, to download; empty unless it is held back. */
    @Transactional(readOnly = true)
    public Optional<ShippedModels.ShippedModel> heldBack(String fileName) {
        return shipped.heldBack(repository).stream().filter(m -> m.name().equals(fileName)).findFirst();
    }

    /** One version of a process or decision, by its definition id. */
    @Transactional(readOnly = true)
    public Optional<ModelVersion> find(String definitionId) {
        if (definitionId == null || definitionId.isBlank()) {
            return Optional.empty();
        }
        ProcessDefinition process = repository.createProcessDefinitionQuery().processDefinitionId(definitionId)
                .singleResult();
        if (process != null) {
            return Optional.of(version(process, engineDeployment(process.getDeploymentId()),
                    deployer(process.getDeploymentId()),
                    Map.of(process.getKey(), latestProcessVersion(process.getKey()))));
        }
        DecisionDefinition decision = repository.createDecisionDefinitionQuery().decisionDefinitionId(definitionId)
                .singleResult();
        if (decision != null) {
            return Optional.of(version(decision, engineDeployment(decision.getDeploymentId()),
                    deployer(decision.getDeploymentId()),
                    Map.of(decision.getKey(), latestDecisionVersion(decision.getKey()))));
        }
        return Optional.empty();
    }

    /** Every version of the same process or decision as this one, newest first. */
    @Transactional(readOnly = true)
    public List<ModelVersion> siblings(ModelVersion version) {
        Map<String, Deployment> deployments = repository.createDeploymentQuery().list().stream()
                .collect(Collectors.toMap(Deployment::getId, Function.identity()));
        Map<String, String> deployers = deployers();
        List<ModelVersion> versions = new ArrayList<>();
        if (version.process()) {
            List<ProcessDefinition> all = repository.createProcessDefinitionQuery()
                    .processDefinitionKey(version.key()).orderByProcessDefinitionVersion().desc().list();
            Map<String, Integer> newest = newest(all, ProcessDefinition::getKey, ProcessDefinition::getVersion);
            all.forEach(d -> versions.add(version(d, deployments.get(d.getDeploymentId()),
                    deployers.get(d.getDeploymentId()), newest)));
        } else {
            List<DecisionDefinition> all = repository.createDecisionDefinitionQuery()
                    .decisionDefinitionKey(version.key()).orderByDecisionDefinitionVersion().desc().list();
            Map<String, Integer> newest = newest(all, DecisionDefinition::getKey, DecisionDefinition::getVersion);
            all.forEach(d -> versions.add(version(d, deployments.get(d.getDeploymentId()),
                    deployers.get(d.getDeploymentId()), newest)));
        }
        return versions;
    }

    /** One version as its page shows it; empty when there is no such version. */
    @Transactional(readOnly = true)
    public Optional<VersionDetail> detail(String definitionId) {
        return find(definitionId).map(version -> {
            byte[] xml = xml(version);
            ModelReport report = modelCheck.check(Map.of(version.resourceName(), xml));
            return new VersionDetail(version, siblings(version), report.errors(), report.warnings(),
                    version.process() ? running(version.definitionId()) : List.of(),
                    version.process() ? null : table(version));
        });
    }

    /** The BPMN or DMN file of a version, exactly as deployed. */
    @Transactional(readOnly = true)
    public Optional<ModelFile> file(String definitionId) {
        return find(definitionId).map(version -> new ModelFile(version, fileName(version), xml(version)));
    }

    /**
     * The process instances running on a version, by reference, with the steps each waits at and, where the instance
     * carries a data request, its title and status.
     */
    @Transactional(readOnly = true)
    public List<RunningRequest> running(String definitionId) {
        List<ProcessInstance> instances = runtime.createProcessInstanceQuery().processDefinitionId(definitionId)
                .list();
        if (instances.isEmpty()) {
            return List.of();
        }
        Set<String> ids = instances.stream().map(ProcessInstance::getId).collect(Collectors.toSet());
        Map<String, Instant> started = history.createHistoricProcessInstanceQuery().processInstanceIds(ids).list()
                .stream().filter(h -> h.getStartTime() != null)
                .collect(Collectors.toMap(HistoricProcessInstance::getId, h -> h.getStartTime().toInstant()));
        Map<String, List<String>> waiting = new HashMap<>();
        for (HistoricActivityInstance step : waitingSteps(definitionId)) {
            List<String> names = waiting.computeIfAbsent(step.getProcessInstanceId(), id -> new ArrayList<>());
            String name = step.getActivityName() == null ? step.getActivityId() : step.getActivityName();
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return instances.stream().map(instance -> {
            DataRequest request = instance.getBusinessKey() == null ? null
                    : requests.findByReference(instance.getBusinessKey()).orElse(null);
            return new RunningRequest(instance.getId(), instance.getBusinessKey(),
                    request == null ? null : request.getTitle(), request == null ? null : request.getStatus(),
                    request == null ? null : request.getStatusStep(),
                    waiting.getOrDefault(instance.getId(), List.of()), started.get(instance.getId()));
        }).sorted(Comparator.comparing(RunningRequest::label)).toList();
    }

    /** The ids of the steps where requests running on a version wait now, for marking them on its diagram. */
    @Transactional(readOnly = true)
    public List<String> waitingAt(String definitionId) {
        Set<String> ids = new LinkedHashSet<>();
        waitingSteps(definitionId).forEach(step -> ids.add(step.getActivityId()));
        return List.copyOf(ids);
    }

    /**
     * Deploys the files as one deployment from the admin page, recorded as the admin's. The deployment gate's checks
     * run first; a refusal, from them or from the engine, leaves nothing deployed and names every problem.
     */
    @Transactional
    public Deployed deploy(Person admin, List<Upload> files) {
        PeopleService.requireAdmin(admin);
        Map<String, byte[]> resources = resources(files);
        ModelReport report = modelCheck.check(resources);
        if (report.refused()) {
            throw new DeploymentRefused(report.errors(), report.warnings());
        }
        String name = String.join(", ", resources.keySet());
        name = name.length() > NAME_LIMIT ? name.substring(0, NAME_LIMIT - 3) + "..." : name;
        DeploymentWithDefinitions deployment;
        // The engine records who deploys from the authenticated user: the admin, whoever calls this.
        try (PeopleService.ActingAs acting = people.actAs(admin)) {
            DeploymentBuilder builder = repository.createDeployment().name(name).source(ModelVersion.ADMIN_PAGE);
            resources.forEach((resource, content) -> builder.addInputStream(resource,
                    new ByteArrayInputStream(content)));
            deployment = builder.deployWithResult();
        } catch (ParseException refused) {
            List<Finding> warnings = new ArrayList<>(report.warnings());
            warnings.addAll(findings(refused, false));
            throw new DeploymentRefused(findings(refused, true), warnings);
        } catch (ProcessEngineException | DmnEngineException | ModelException refused) {
            throw new DeploymentRefused(causes(refused), report.warnings());
        }
        List<ModelVersion> versions = new ArrayList<>();
        // The engine answers null, not an empty list, for a kind of model the deployment does not hold.
        orEmpty(deployment.getDeployedProcessDefinitions()).forEach(definition -> versions.add(version(definition,
                deployment, admin.id(), Map.of(definition.getKey(), latestProcessVersion(definition.getKey())))));
        orEmpty(deployment.getDeployedDecisionDefinitions()).forEach(definition -> versions.add(version(definition,
                deployment, admin.id(), Map.of(definition.getKey(), latestDecisionVersion(definition.getKey())))));
        if (versions.isEmpty()) {
            // Rolled back with the exception: a deployment that makes no version would only confuse the list.
            throw DeploymentRefused.of("The files hold no process or decision the engine can run. In the Camunda "
                    + "Modeler, tick \"Executable\" on the process, and check that a .dmn file has a decision.");
        }
        return new Deployed(deployment.getId(), deployment.getName(), deployment.getSource(),
                deployedAt(deployment), admin.id(), versions, report.warnings());
    }

    /** One deployment with its versions and what the deployment gate warns of in its files; empty when unknown. */
    @Transactional(readOnly = true)
    public Optional<Deployed> deployment(String deploymentId) {
        Deployment deployment = deploymentId == null || deploymentId.isBlank() ? null
                : engineDeployment(deploymentId);
        if (deployment == null) {
            return Optional.empty();
        }
        String deployer = deployer(deploymentId);
        List<ModelVersion> versions = new ArrayList<>();
        repository.createProcessDefinitionQuery().deploymentId(deploymentId).orderByProcessDefinitionKey().asc()
                .list().forEach(d -> versions.add(version(d, deployment, deployer,
                        Map.of(d.getKey(), latestProcessVersion(d.getKey())))));
        repository.createDecisionDefinitionQuery().deploymentId(deploymentId).orderByDecisionDefinitionKey().asc()
                .list().forEach(d -> versions.add(version(d, deployment, deployer,
                        Map.of(d.getKey(), latestDecisionVersion(d.getKey())))));
        Map<String, byte[]> resources = new LinkedHashMap<>();
        for (String name : repository.getDeploymentResourceNames(deploymentId)) {
            try (InputStream content = repository.getResourceAsStream(deploymentId, name)) {
                resources.put(name, content.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.of(new Deployed(deployment.getId(), deployment.getName(), deployment.getSource(),
                deployedAt(deployment), deployer, versions, modelCheck.check(resources).warnings()));
    }

    // ---- Reading the engine

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private List<HistoricActivityInstance> waitingSteps(String definitionId) {
        return history.createHistoricActivityInstanceQuery().processDefinitionId(definitionId).unfinished().list()
                .stream().filter(step -> !CONTAINERS.contains(step.getActivityType())).toList();
    }

    /** Who created each deployment, as the engine's user operation log recorded it (nobody for start-up ones). */
    private Map<String, String> deployers() {
        Map<String, String> deployers = new HashMap<>();
        for (UserOperationLogEntry entry : history.createUserOperationLogQuery().entityType(EntityTypes.DEPLOYMENT)
                .operationType(UserOperationLogEntry.OPERATION_TYPE_CREATE).list()) {
            if (entry.getDeploymentId() != null && entry.getUserId() != null) {
                deployers.putIfAbsent(entry.getDeploymentId(), entry.getUserId());
            }
        }
        return deployers;
    }

    private String deployer(String deploymentId) {
        return history.createUserOperationLogQuery().deploymentId(deploymentId).entityType(EntityTypes.DEPLOYMENT)
                .operationType(UserOperationLogEntry.OPERATION_TYPE_CREATE).list().stream()
                .map(UserOperationLogEntry::getUserId).filter(id -> id != null).findFirst().orElse(null);
    }

    private Deployment engineDeployment(String deploymentId) {
        return repository.createDeploymentQuery().deploymentId(deploymentId).singleResult();
    }

    private int latestProcessVersion(String key) {
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                .singleResult();
        return latest == null ? 0 : latest.getVersion();
    }

    private int latestDecisionVersion(String key) {
        DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                .latestVersion().singleResult();
        return latest == null ? 0 : latest.getVersion();
    }

    private static <T> Map<String, Integer> newest(List<T> definitions, Function<T, String> key,
            ToIntFunction<T> version) {
        Map<String, Integer> newest = new HashMap<>();
        definitions.forEach(d -> newest.merge(key.apply(d), version.applyAsInt(d), Math::max));
        return newest;
    }

    private ModelVersion version(ProcessDefinition definition, Deployment deployment, String deployer,
            Map<String, Integer> newest) {
        return new ModelVersion(ModelVersion.Kind.PROCESS, definition.getId(), definition.getKey(),
                definition.getName(), definition.getVersion(), definition.getVersionTag(),
                definition.getResourceName(), definition.getDeploymentId(),
                deployment == null ? null : deployment.getName(), deployment == null ? null : deployment.getSource(),
                deployedAt(deployment), deployer,
                runtime.createProcessInstanceQuery().processDefinitionId(definition.getId()).count(), 0,
                newest.getOrDefault(definition.getKey(), 0) == definition.getVersion());
    }

    private ModelVersion version(DecisionDefinition definition, Deployment deployment, String deployer,
            Map<String, Integer> newest) {
        return new ModelVersion(ModelVersion.Kind.DECISION, definition.getId(), definition.getKey(),
                definition.getName(), definition.getVersion(), definition.getVersionTag(),
                definition.getResourceName(), definition.getDeploymentId(),
                deployment == null ? null : deployment.getName(), deployment == null ? null : deployment.getSource(),
                deployedAt(deployment), deployer, 0,
                history.createHistoricDecisionInstanceQuery().decisionDefinitionId(definition.getId()).count(),
                newest.getOrDefault(definition.getKey(), 0) == definition.getVersion());
    }

    private static Instant deployedAt(Deployment deployment) {
        return deployment == null || deployment.getDeploymentTime() == null ? null
                : deployment.getDeploymentTime().toInstant();
    }

    private byte[] xml(ModelVersion version) {
        try (InputStream xml = version.process() ? repository.getProcessModel(version.definitionId())
                : repository.getDecisionModel(version.definitionId())) {
            return xml.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's own name without its folders, so that a download is named as in the Modeler. */
    private static String fileName(ModelVersion version) {
        String name = version.fileName();
        String extension = version.process() ? ".bpmn" : ".dmn";
        return name.toLowerCase(Locale.ROOT).endsWith(extension) ? name : name + extension;
    }

    // ---- A decision as a table

    private DecisionTableView table(ModelVersion version) {
        DmnModelInstance model = repository.getDmnModelInstance(version.definitionId());
        ModelElementInstance element = model.getModelElementById(version.key());
        if (!(element instanceof Decision decision)) {
            return new DecisionTableView(null, List.of(), List.of(), List.of(), null);
        }
        if (decision.getExpression() instanceof LiteralExpression literal) {
            return new DecisionTableView(null, List.of(), List.of(), List.of(), text(literal.getText()));
        }
        if (!(decision.getExpression() instanceof DecisionTable table)) {
            return new DecisionTableView(null, List.of(), List.of(), List.of(), null);
        }
        List<String> inputs = table.getInputs().stream().map(ProcessVersions::heading).toList();
        List<String> outputs = table.getOutputs().stream().map(ProcessVersions::heading).toList();
        List<DecisionTableView.Rule> rules = new ArrayList<>();
        int number = 1;
        for (Rule rule : table.getRules()) {
            rules.add(new DecisionTableView.Rule(number++,
                    rule.getInputEntries().stream().map(InputEntry::getText).map(ProcessVersions::entry).toList(),
                    rule.getOutputEntries().stream().map(OutputEntry::getText).map(ProcessVersions::entry).toList(),
                    rule.getDescription() == null ? null : rule.getDescription().getTextContent()));
        }
        return new DecisionTableView(hitPolicy(table), inputs, outputs, rules, null);
    }

    private static String heading(Input input) {
        if (input.getLabel() != null && !input.getLabel().isBlank()) {
            return input.getLabel();
        }
        return input.getInputExpression() == null ? input.getId() : text(input.getInputExpression().getText());
    }

    private static String heading(Output output) {
        if (output.getLabel() != null && !output.getLabel().isBlank()) {
            return output.getLabel();
        }
        return output.getName() == null ? output.getId() : output.getName();
    }

    /** An empty entry, or "-", tests nothing: the rule holds for any value. */
    private static String entry(ModelElementInstance text) {
        String value = text(text);
        return value == null || value.isBlank() || value.trim().equals("-") ? "any" : value.trim();
    }

    private static String text(ModelElementInstance text) {
        return text == null ? null : text.getTextContent();
    }

    private static String hitPolicy(DecisionTable table) {
        if (table.getHitPolicy() == null) {
            return "Unique: at most one rule matches";
        }
        return switch (table.getHitPolicy()) {
            case UNIQUE -> "Unique: at most one rule matches";
            case FIRST -> "First: the first rule from the top that matches decides";
            case PRIORITY -> "Priority: of the rules that match, the one whose output has the highest priority decides";
            case ANY -> "Any: the rules that match all give the same answer";
            case COLLECT -> "Collect: every rule that matches counts"
                    + (table.getAggregation() == null ? "" : " (" + table.getAggregation() + ")");
            case RULE_ORDER -> "Rule order: every rule that matches, in the order of the rules";
            case OUTPUT_ORDER -> "Output order: every rule that matches, ordered by the priority of the outputs";
        };
    }

    // ---- Deploying

    /** The chosen files by name, refused whole (every problem named) when one is not a model Steward takes. */
    private static Map<String, byte[]> resources(List<Upload> files) {
        Map<String, byte[]> resources = new LinkedHashMap<>();
        List<Finding> problems = new ArrayList<>();
        for (Upload file : files == null ? List.<Upload>of() : files) {
            String name = file.fileName() == null ? "" : file.fileName().trim();
            // Some browsers send the whole path of the file on the admin's computer.
            name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
            boolean empty = file.content() == null || file.content().length == 0;
            if (name.isEmpty() && empty) {
                continue;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.endsWith(".bpmn") && !lower.endsWith(".dmn")) {
                problems.add(new Finding(name, null, "This is not a .bpmn or .dmn file: only process models (.bpmn) "
                        + "and decision tables (.dmn), as the Camunda Modeler saves them, can be deployed."));
            } else if (empty) {
                problems.add(new Finding(name, null, "The file is empty. Save the model in the Camunda Modeler and "
                        + "choose the saved file."));
            } else if (resources.containsKey(name)) {
                problems.add(new Finding(name, null, "The file is chosen twice. Choose each file once."));
            } else {
                resources.put(name, file.content());
            }
        }
        if (resources.isEmpty() && problems.isEmpty()) {
            problems.add(new Finding(null, null, "Choose at least one .bpmn or .dmn file to deploy."));
        }
        if (!problems.isEmpty()) {
            throw new DeploymentRefused(problems, List.of());
        }
        return resources;
    }

    /**
     * The problems of a refused deployment, from the engine's report of each file; where it has none, the lines of its
     * message, which name every element and problem.
     */
    private static List<Finding> findings(ParseException refused, boolean errors) {
        List<Finding> findings = new ArrayList<>();
        List<ResourceReport> reports = refused.getResorceReports() == null ? List.of()
                : refused.getResorceReports();
        for (ResourceReport report : reports) {
            for (Problem problem : errors ? report.getErrors() : report.getWarnings()) {
                findings.add(new Finding(report.getResourceName(), elementId(problem),
                        once(problem.getMessage()) + (problem.getLine() > 0 ? " (line " + problem.getLine() + ")"
                                : "")));
            }
        }
        if (errors && findings.isEmpty()) {
            findings.addAll(causes(refused));
        }
        return findings;
    }

    /** Some of the engine's messages say the same twice, as "X: X": once is enough. */
    private static String once(String message) {
        if (message == null) {
            return "";
        }
        int half = (message.length() - 2) / 2;
        return message.length() > 2 && message.length() % 2 == 0 && message.startsWith(": ", half)
                && message.substring(0, half).equals(message.substring(half + 2)) ? message.substring(0, half)
                : message;
    }

    private static String elementId(Problem problem) {
        if (problem.getMainElementId() != null && !problem.getMainElementId().isBlank()) {
            return problem.getMainElementId();
        }
        List<String> ids = problem.getElementIds() == null ? List.of() : problem.getElementIds();
        return ids.isEmpty() ? null : String.join(", ", ids);
    }

    /** A refusal that comes without a report: each line of its message, and of the causes that say more. */
    private static List<Finding> causes(Throwable refused) {
        Set<String> lines = new LinkedHashSet<>();
        for (Throwable t = refused; t != null && lines.size() < 20; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                t.getMessage().lines().map(String::trim).filter(line -> !line.isEmpty()).forEach(lines::add);
            }
        }
        if (lines.isEmpty()) {
            lines.add("The engine refused the files without saying why (" + refused.getClass().getSimpleName()
                    + ").");
        }
        return lines.stream().map(line -> new Finding(null, null, line)).toList();
    }

    /** A definition id that does not exist, in the words every admin page uses. */
    static StewardProblem notFound(String definitionId) {
        return StewardProblem.notFound("Version " + definitionId);
    }
}
