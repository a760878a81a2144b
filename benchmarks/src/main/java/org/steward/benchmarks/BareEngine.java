package org.steward.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Camunda 7 on its own in this JVM, set up as Steward sets up its engine (MariaDB at READ COMMITTED, history full,
 * the job executor on with Steward's pool sizes and lock time, UUID ids as Camunda's Spring Boot starter uses), running
 * the shipped model with no-op building blocks: the yardstick Steward's lifecycles are measured against.
 */
final class BareEngine implements AutoCloseable {

    static final String DATABASE = "steward_bench_bare";
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final HikariDataSource dataSource;
    private final ProcessEngine engine;
    private final AtomicLong references = new AtomicLong();

    BareEngine(Options options) throws Exception {
        new Databases(options).recreate(DATABASE);
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(options.dbServer() + DATABASE);
        pool.setUsername(options.dbUser());
        pool.setPassword(options.dbPassword());
        // The same pool size and connection properties as Steward's mysql profile.
        pool.setMaximumPoolSize(20);
        pool.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        pool.addDataSourceProperty("sendFractionalSeconds", "false");
        pool.addDataSourceProperty("nullCatalogMeansCurrent", "true");
        dataSource = new HikariDataSource(pool);

        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("bare-benchmark");
        configuration.setDataSource(dataSource);
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setHistory("full");
        configuration.setIdGenerator(new StrongUuidGenerator());
        configuration.setBeans(NoOpBuildingBlocks.beans());
        DefaultJobExecutor jobExecutor = new DefaultJobExecutor();
        jobExecutor.setCorePoolSize(2);
        jobExecutor.setMaxPoolSize(4);
        jobExecutor.setLockTimeInMillis(60_000);
        configuration.setJobExecutor(jobExecutor);
        configuration.setJobExecutorActivate(true);
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment().name("steward-shipped-models")
                .addClasspathResource("steward/models/data-request.bpmn")
                .addClasspathResource("steward/models/review-route.dmn").deploy();
    }

    /** A client of the bare engine: the same lifecycle as through the API, by the engine's Java API. */
    LifecycleClient client() {
        return this::lifecycle;
    }

    private void lifecycle(CallStats stats) throws Exception {
        RuntimeService runtime = engine.getRuntimeService();
        String reference = "BENCH-" + references.incrementAndGet();
        long start = System.nanoTime();
        // What Steward's submit starts the process with: the business key and the requester.
        String instance = runtime.startProcessInstanceByKey("data-request", reference,
                Variables.createVariables().putValue("requester", "alex")).getId();
        stats.record("start", System.nanoTime() - start);

        complete(awaitTask(instance, "approveAsSteward", null, stats), values("approve", true, Map.of()), stats);
        complete(awaitTask(instance, "privacyReview", null, stats),
                values("approve", true, ApiLifecycle.privacyAnswers()), stats);
        complete(awaitTask(instance, "signAgreement", "frank", stats),
                values("sign", false, signature("Frank Franklin")), stats);
        complete(awaitTask(instance, "signAgreement", "dana", stats),
                values("sign", false, signature("Dana Dalton")), stats);
        complete(awaitTask(instance, "deliverData", null, stats), values("delivered", true, Map.of()), stats);
        awaitInForce(instance, stats);
    }

    /** The form's values as Steward's decision rules pass them: the decision, the comment when the form has one. */
    private static Map<String, Object> values(String decision, boolean formHasComment, Map<String, Object> fields) {
        Map<String, Object> values = new HashMap<>();
        values.put("decision", decision);
        if (formHasComment) {
            values.put("comment", null);
        }
        values.putAll(fields);
        return values;
    }

    private static Map<String, Object> signature(String typedName) {
        return Map.of("typedName", typedName, "consent", true, "documentHash",
                "0000000000000000000000000000000000000000000000000000000000000000");
    }

    /** Completes the task through the form service, as Steward does, so that the form's rules are checked. */
    private void complete(String taskId, Map<String, Object> values, CallStats stats) {
        FormService forms = engine.getFormService();
        long start = System.nanoTime();
        forms.submitTaskForm(taskId, Variables.fromMap(values));
        stats.record("complete", System.nanoTime() - start);
    }

    /** Queries the instance's tasks until the step's task is there (an asyncAfter job may sit before it). */
    private String awaitTask(String instance, String step, String assignee, CallStats stats) throws Exception {
        TaskService tasks = engine.getTaskService();
        long deadline = System.nanoTime() + GIVE_UP_NANOS;
        while (System.nanoTime() < deadline) {
            stats.poll();
            long start = System.nanoTime();
            var query = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(step);
            if (assignee != null) {
                query.taskAssignee(assignee);
            }
            List<Task> found = query.list();
            stats.record("task query", System.nanoTime() - start);
            if (!found.isEmpty()) {
                return found.get(0).getId();
            }
            Thread.sleep(ApiLifecycle.POLL_MILLIS);
        }
        throw new IllegalStateException("bare engine: no " + step + " task on " + instance + " after 120 s");
    }

    /** In force: delivered, and the instance waits on the agreement's term (its expiry reminder timer). */
    private void awaitInForce(String instance, CallStats stats) throws Exception {
        RuntimeService runtime = engine.getRuntimeService();
        long deadline = System.nanoTime() + GIVE_UP_NANOS;
        while (System.nanoTime() < deadline) {
            stats.poll();
            long start = System.nanoTime();
            long waiting = runtime.createExecutionQuery().processInstanceId(instance).activityId("expiryReminderDue")
                    .count();
            stats.record("read", System.nanoTime() - start);
            if (waiting > 0) {
                return;
            }
            Thread.sleep(ApiLifecycle.POLL_MILLIS);
        }
        throw new IllegalStateException("bare engine: " + instance + " not in force after 120 s");
    }

    @Override
    public void close() {
        engine.close();
        dataSource.close();
    }
}
