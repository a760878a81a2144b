package org.steward.bpmn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;

/**
 * One engine for all the tests of this module: H2 in memory, job executor off, full history, and
 * only the building-block doubles reachable from expressions (as in production, where the beans map
 * is restricted to the building blocks).
 */
final class StewardTestEngine {

  static final BuildingBlockDoubles.GatherRouteFacts GATHER_ROUTE_FACTS = new BuildingBlockDoubles.GatherRouteFacts();
  static final BuildingBlockDoubles.RecordRoute RECORD_ROUTE = new BuildingBlockDoubles.RecordRoute();
  static final BuildingBlockDoubles.SetStatus SET_STATUS = new BuildingBlockDoubles.SetStatus();
  static final BuildingBlockDoubles.Departments DEPARTMENTS = new BuildingBlockDoubles.Departments();
  static final BuildingBlockDoubles.WorkingDays WORKING_DAYS = new BuildingBlockDoubles.WorkingDays();
  static final BuildingBlockDoubles.Notices NOTICES = new BuildingBlockDoubles.Notices();
  static final BuildingBlockDoubles.Signatories SIGNATORIES = new BuildingBlockDoubles.Signatories();
  static final BuildingBlockDoubles.DraftAgreement DRAFT_AGREEMENT = new BuildingBlockDoubles.DraftAgreement();
  static final BuildingBlockDoubles.RecordSignature RECORD_SIGNATURE = new BuildingBlockDoubles.RecordSignature();
  static final BuildingBlockDoubles.AgreementSteps AGREEMENT_STEPS = new BuildingBlockDoubles.AgreementSteps();
  static final BuildingBlockDoubles.Agreements AGREEMENTS = new BuildingBlockDoubles.Agreements();

  private static ProcessEngine processEngine;

  private StewardTestEngine() {
  }

  static synchronized ProcessEngine processEngine() {
    if (processEngine == null) {
      StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
      configuration.setProcessEngineName("steward-bpmn-test");
      configuration.setJdbcUrl("jdbc:h2:mem:steward-bpmn-test;DB_CLOSE_DELAY=-1");
      configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
      configuration.setJobExecutorActivate(false);
      configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
      configuration.setIdGenerator(new StrongUuidGenerator());
      // meter and task-worker metrics would leave rows behind that the clean-database check counts
      configuration.setMetricsEnabled(false);
      configuration.setTaskMetricsEnabled(false);
      configuration.setDbMetricsReporterActivate(false);

      Map<Object, Object> beans = new HashMap<>();
      beans.put("gatherRouteFacts", GATHER_ROUTE_FACTS);
      beans.put("recordRoute", RECORD_ROUTE);
      beans.put("setStatus", SET_STATUS);
      beans.put("departments", DEPARTMENTS);
      beans.put("workingDays", WORKING_DAYS);
      beans.put("sendReminder", NOTICES.sendReminder);
      beans.put("escalate", NOTICES.escalate);
      beans.put("signatories", SIGNATORIES);
      beans.put("draftAgreement", DRAFT_AGREEMENT);
      beans.put("recordSignature", RECORD_SIGNATURE);
      beans.put("activateAgreement", AGREEMENT_STEPS.activateAgreement);
      beans.put("remindOfExpiry", AGREEMENT_STEPS.remindOfExpiry);
      beans.put("expireAgreement", AGREEMENT_STEPS.expireAgreement);
      beans.put("agreements", AGREEMENTS);
      configuration.setBeans(beans);

      // a mutable list: the engine adds its own listeners to it
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>(List.of(new InTransactionRendezvous.ParseListener())));
      processEngine = configuration.buildProcessEngine();
    }
    return processEngine;
  }

  static ProcessEngineExtension extension() {
    return ProcessEngineExtension.builder()
        .useProcessEngine(processEngine())
        .ensureCleanAfterTest(true)
        .build();
  }

  /**
   * A meeting point inside the engine's transaction: a 'complete' listener on every user task that,
   * only while a test has installed a barrier, waits there until the other thread's completion has
   * reached the same point. Both commands have then read their task and executions and neither has
   * flushed yet: the two transactions really overlap. With no barrier installed it does nothing.
   */
  static final class InTransactionRendezvous {

    private static final AtomicReference<CyclicBarrier> BARRIER = new AtomicReference<>();
    private static final AtomicInteger ARRIVALS = new AtomicInteger();

    private InTransactionRendezvous() {
    }

    static void install(CyclicBarrier barrier) {
      ARRIVALS.set(0);
      BARRIER.set(barrier);
    }

    static void uninstall() {
      BARRIER.set(null);
    }

    static int arrivals() {
      return ARRIVALS.get();
    }

    static final TaskListener LISTENER = task -> {
      CyclicBarrier barrier = BARRIER.get();
      if (barrier != null) {
        ARRIVALS.incrementAndGet();
        try {
          barrier.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the other completion", e);
        } catch (BrokenBarrierException | TimeoutException e) {
          throw new IllegalStateException("the other completion never reached the same point", e);
        }
      }
    };

    static final class ParseListener extends AbstractBpmnParseListener {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addTaskListener(TaskListener.EVENTNAME_COMPLETE, LISTENER);
      }
    }
  }
}
