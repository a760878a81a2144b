package org.steward.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two departments' stewards decide at the same moment, from two threads whose transactions really
 * overlap: both wait at a barrier right before submitTaskForm, and again inside the engine's
 * transaction (a 'complete' task listener the test engine adds), so both commands have read their
 * task before either writes. Neither may see an exception.
 */
@Deployment(resources = {ProcessTestSupport.PROCESS_MODEL, ProcessTestSupport.ROUTE_TABLE})
class ConcurrentStewardDecisionsTest extends ProcessTestSupport {

  @RegisterExtension
  static ProcessEngineExtension extension = StewardTestEngine.extension();

  @Test
  void twoStewardsApproveAtTheSameMoment_neitherSeesAnError_andTheAgreementGoesOutForSignature() throws Exception {
    ProcessInstance pi = submitRequest("DR-2026-0201", "FIN,PW", "INTERNAL", false, "INTERNAL");
    Task finance = openTaskFor(pi, "approveAsSteward", "stewards-fin");
    Task publicWorks = openTaskFor(pi, "approveAsSteward", "stewards-pw");

    List<Throwable> errors = decideAtTheSameMoment(
        new Decision(finance, "fiona", "approve"),
        new Decision(publicWorks, "sam", "approve"));

    assertThat(errors).as("exceptions seen by the stewards' threads").isEmpty();
    assertThat(StewardTestEngine.InTransactionRendezvous.arrivals())
        .as("both completions met inside their transactions").isEqualTo(2);
    assertCompletedBy(finance, "fiona");
    assertCompletedBy(publicWorks, "sam");

    runJobs(pi);

    assertWaitingOnlyAt(pi, "signAgreement");
    assertThat(pi).hasPassed("departmentApproved", "draftAgreement");
    assertThat(openTasks(pi, "signAgreement")).extracting(Task::getAssignee)
        .containsExactlyInAnyOrder("frank", "wes", "dana");
    assertThat(requestStatus(pi)).isEqualTo("AGREEMENT_SIGNING");
    assertThat(statusTrail(pi)).containsExactly("STEWARD_REVIEW", "AGREEMENT_SIGNING");
  }

  @Test
  void oneStewardApprovesWhileTheOtherRejects_neitherSeesAnError_andTheRequestIsRejected() throws Exception {
    ProcessInstance pi = submitRequest("DR-2026-0202", "FIN,PW", "INTERNAL", false, "INTERNAL");
    Task finance = openTaskFor(pi, "approveAsSteward", "stewards-fin");
    Task publicWorks = openTaskFor(pi, "approveAsSteward", "stewards-pw");

    List<Throwable> errors = decideAtTheSameMoment(
        new Decision(finance, "fiona", "approve"),
        new Decision(publicWorks, "sam", "reject"));

    assertThat(errors).as("exceptions seen by the stewards' threads").isEmpty();
    assertThat(StewardTestEngine.InTransactionRendezvous.arrivals())
        .as("both completions met inside their transactions").isEqualTo(2);
    assertCompletedBy(finance, "fiona");
    assertCompletedBy(publicWorks, "sam");

    runJobs(pi);

    assertEndedAt(pi, "requestRejectedEnd");
    assertThat(pi).hasPassed("departmentRejected", "requestRejected")
        .hasNotPassed("draftAgreement", "signAgreement", "deliverData", "reviseRequest");
    assertThat(requestStatus(pi)).isEqualTo("REJECTED");
    assertThat(statusTrail(pi)).containsExactly("STEWARD_REVIEW", "REJECTED");
  }

  private record Decision(Task task, String person, String decision) {
  }

  private List<Throwable> decideAtTheSameMoment(Decision first, Decision second) throws Exception {
    Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    CyclicBarrier beforeSubmit = new CyclicBarrier(2);
    StewardTestEngine.InTransactionRendezvous.install(new CyclicBarrier(2));
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> running = List.of(
          threads.submit(() -> decideInOwnThread(first, beforeSubmit, errors)),
          threads.submit(() -> decideInOwnThread(second, beforeSubmit, errors)));
      for (Future<?> thread : running) {
        thread.get(60, TimeUnit.SECONDS);
      }
    } finally {
      StewardTestEngine.InTransactionRendezvous.uninstall();
      threads.shutdownNow();
    }
    return List.copyOf(errors);
  }

  private void decideInOwnThread(Decision decision, CyclicBarrier beforeSubmit, Queue<Throwable> errors) {
    // the engine's authentication is per thread: each steward is logged in in their own thread
    identityService.setAuthentication(decision.person(), GROUPS_OF.get(decision.person()));
    try {
      beforeSubmit.await(20, TimeUnit.SECONDS);
      formService.submitTaskForm(decision.task().getId(), formValues(decision.decision(), null));
    } catch (Throwable e) {
      errors.add(e);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private void assertCompletedBy(Task task, String person) {
    assertThat(isOpen(task)).isFalse();
    assertThat(howTaskEnded(task)).isEqualTo("completed");
    List<UserOperationLogEntry> completions = historyService.createUserOperationLogQuery()
        .taskId(task.getId()).operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list();
    assertThat(completions).extracting(UserOperationLogEntry::getUserId).containsOnly(person).isNotEmpty();
  }
}
