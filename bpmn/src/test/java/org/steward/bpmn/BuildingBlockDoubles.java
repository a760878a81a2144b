package org.steward.bpmn;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Small stand-ins for the Spring beans the models call by expression (in production they live in
 * workflow-engine). They are the only beans the test engine's expressions can reach. What they
 * record is kept per process instance (ids are random UUIDs, so tests never see each other's).
 */
public final class BuildingBlockDoubles {

  /** The city's time zone: weekends and times of day are those of this zone. */
  static final ZoneId CITY_ZONE = ZoneId.of("America/Denver");

  private BuildingBlockDoubles() {
  }

  private static <T> void append(Map<String, List<T>> byInstance, String processInstanceId, T entry) {
    byInstance.computeIfAbsent(processInstanceId, id -> Collections.synchronizedList(new ArrayList<>())).add(entry);
  }

  private static <T> List<T> copyOf(Map<String, List<T>> byInstance, String processInstanceId) {
    List<T> entries = byInstance.getOrDefault(processInstanceId, List.of());
    synchronized (entries) {
      return List.copyOf(entries);
    }
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  /**
   * Production: loads the request's facts from the database. Here: counts the rounds and leaves the
   * facts (highestClassification, anyPii, recipientType, owningDepartments) as the test set them.
   */
  static final class GatherRouteFacts implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      Integer round = (Integer) execution.getVariable("round");
      execution.setVariable("round", round == null ? 1 : round + 1);
    }
  }

  /** Production: records the route in the request's audit trail. Here: remembers what it was given. */
  static final class RecordRoute implements JavaDelegate {
    private final Map<String, List<String>> routesByProcessInstance = new ConcurrentHashMap<>();

    @Override
    public void execute(DelegateExecution execution) {
      append(routesByProcessInstance, execution.getProcessInstanceId(),
          "privacyReviewRequired=" + execution.getVariable("privacyReviewRequired")
              + ", agreementRequired=" + execution.getVariable("agreementRequired"));
    }

    List<String> routesRecordedFor(String processInstanceId) {
      return copyOf(routesByProcessInstance, processInstanceId);
    }
  }

  /**
   * Production: sets the request's status. Here: copies the task-local input {@code status} to the
   * process variable {@code requestStatus}, and keeps the sequence of statuses per instance.
   */
  static final class SetStatus implements JavaDelegate {
    private final Map<String, List<String>> trailByProcessInstance = new ConcurrentHashMap<>();

    @Override
    public void execute(DelegateExecution execution) {
      Object status = execution.getVariableLocal("status");
      if (!(status instanceof String) || ((String) status).isBlank()) {
        throw new IllegalStateException("setStatus was called without a local input 'status' at "
            + execution.getCurrentActivityId());
      }
      execution.setVariable("requestStatus", status);
      append(trailByProcessInstance, execution.getProcessInstanceId(), (String) status);
    }

    List<String> trailOf(String processInstanceId) {
      return copyOf(trailByProcessInstance, processInstanceId);
    }
  }

  /** Production: the departments service. Here: derives group names and directors from department codes. */
  public static final class Departments {
    public List<String> list(String csv) {
      if (csv == null || csv.isBlank()) {
        return List.of();
      }
      return Arrays.stream(csv.split(",")).map(String::trim).filter(code -> !code.isEmpty()).toList();
    }

    public String stewardGroup(String code) {
      return "stewards-" + code.toLowerCase();
    }

    public String custodianGroup(String code) {
      return "custodians-" + code.toLowerCase();
    }

    /** The department's signatory, its director. */
    public String signatory(String code) {
      return "director-" + code.toLowerCase();
    }
  }

  /**
   * Production: working days in the city's time zone, skipping weekends and holidays. Here: the
   * engine's clock plus n working days, skipping Saturdays and Sundays, at the same time of day.
   */
  public static final class WorkingDays {
    public Date after(int days) {
      ZonedDateTime moment = ClockUtil.getCurrentTime().toInstant().atZone(CITY_ZONE);
      int counted = 0;
      while (counted < days) {
        moment = moment.plusDays(1);
        if (isWorkingDay(moment.toLocalDate())) {
          counted++;
        }
      }
      return Date.from(moment.toInstant());
    }

    static boolean isWorkingDay(LocalDate day) {
      return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
  }

  /** What a reminder or an escalation was sent for, and to whom (the step's input parameters). */
  record Notice(String kind, String activityId, String step, String department, String notifyPerson,
                String notifyGroup) {
  }

  /**
   * Production: {@code sendReminder} and {@code escalate} publish an event that notifications turn
   * into email. Here: one instance per kind records each notice with its recipients.
   */
  static final class SendNotice implements JavaDelegate {
    static final String REMINDER = "reminder";
    static final String ESCALATION = "escalation";

    private final String kind;
    private final Map<String, List<Notice>> noticesByProcessInstance;

    SendNotice(String kind, Map<String, List<Notice>> noticesByProcessInstance) {
      this.kind = kind;
      this.noticesByProcessInstance = noticesByProcessInstance;
    }

    @Override
    public void execute(DelegateExecution execution) {
      append(noticesByProcessInstance, execution.getProcessInstanceId(), new Notice(kind,
          execution.getCurrentActivityId(), text(execution.getVariableLocal("step")),
          text(execution.getVariable("department")), text(execution.getVariableLocal("notifyPerson")),
          text(execution.getVariableLocal("notifyGroup"))));
    }
  }

  /** The notices both {@link SendNotice} doubles recorded, in the order they were sent. */
  static final class Notices {
    private final Map<String, List<Notice>> byProcessInstance = new ConcurrentHashMap<>();
    final SendNotice sendReminder = new SendNotice(SendNotice.REMINDER, byProcessInstance);
    final SendNotice escalate = new SendNotice(SendNotice.ESCALATION, byProcessInstance);

    List<Notice> sentFor(String processInstanceId) {
      return copyOf(byProcessInstance, processInstanceId);
    }
  }

  /**
   * Production: the signing step's signatories. Here the same rules: a user id signs their own
   * task; the partner's signatory ("external") has no account, so the admins record the signature.
   */
  public static final class Signatories {
    static final String EXTERNAL = "external";

    public List<String> list(String csv) {
      if (csv == null || csv.isBlank()) {
        return List.of();
      }
      return Arrays.stream(csv.split(",")).map(String::trim).filter(key -> !key.isEmpty()).toList();
    }

    public String assignee(String key) {
      return EXTERNAL.equals(key) ? null : key;
    }

    public List<String> candidateGroups(String key) {
      return EXTERNAL.equals(key) ? List.of("admins") : List.of();
    }

    public String group(String key) {
      return EXTERNAL.equals(key) ? "admins" : null;
    }
  }

  /**
   * Production: drafts the next version of the agreement from the request. Here: names the
   * signatories the test gave at start ({@code testSignatories}) and counts the versions up.
   */
  static final class DraftAgreement implements JavaDelegate {
    private final Map<String, List<Integer>> draftsByProcessInstance = new ConcurrentHashMap<>();

    @Override
    public void execute(DelegateExecution execution) {
      Object signatories = execution.getVariable("testSignatories");
      if (!(signatories instanceof String) || ((String) signatories).isBlank()) {
        throw new IllegalStateException("the test did not name the agreement's signatories (testSignatories)");
      }
      Integer previous = (Integer) execution.getVariable("agreementVersion");
      int version = previous == null ? 1 : previous + 1;
      execution.setVariable("agreementNumber", "DSA-" + execution.getProcessBusinessKey());
      execution.setVariable("agreementVersion", version);
      execution.setVariable("agreementSignatories", signatories);
      append(draftsByProcessInstance, execution.getProcessInstanceId(), version);
    }

    /** The versions drafted, in order. */
    List<Integer> draftsOf(String processInstanceId) {
      return copyOf(draftsByProcessInstance, processInstanceId);
    }
  }

  /** A completed signing task as the recordSignature listener saw it. */
  record SigningDecision(int agreementVersion, String signatory, String person, String decision) {
  }

  /**
   * Production: records a signature with its evidence (and refuses a bad one). Here: a 'complete'
   * listener that records who decided what for which party of which version.
   */
  static final class RecordSignature implements TaskListener {
    private final Map<String, List<SigningDecision>> byProcessInstance = new ConcurrentHashMap<>();

    @Override
    public void notify(DelegateTask task) {
      Authentication acting = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      String person = acting != null && acting.getUserId() != null ? acting.getUserId() : task.getAssignee();
      append(byProcessInstance, task.getProcessInstanceId(), new SigningDecision(
          (Integer) task.getVariable("agreementVersion"), (String) task.getVariable("signatory"), person,
          (String) task.getVariable("decision")));
    }

    List<SigningDecision> decisionsOf(String processInstanceId) {
      return copyOf(byProcessInstance, processInstanceId);
    }

    /** The parties that signed the given version. */
    List<String> signedParties(String processInstanceId, int agreementVersion) {
      return decisionsOf(processInstanceId).stream()
          .filter(d -> d.agreementVersion() == agreementVersion && "sign".equals(d.decision()))
          .map(SigningDecision::signatory).toList();
    }
  }

  /**
   * Production: activateAgreement, expireAgreement and remindOfExpiry change the agreement and
   * tell its parties. Here: each records that it ran, for which version of the agreement.
   */
  static final class AgreementStep implements JavaDelegate {
    private final String name;
    private final Map<String, List<String>> stepsByProcessInstance;

    AgreementStep(String name, Map<String, List<String>> stepsByProcessInstance) {
      this.name = name;
      this.stepsByProcessInstance = stepsByProcessInstance;
    }

    @Override
    public void execute(DelegateExecution execution) {
      append(stepsByProcessInstance, execution.getProcessInstanceId(),
          name + " v" + execution.getVariable("agreementVersion"));
    }
  }

  /** The agreement steps that ran, in order, as "activateAgreement v1", "remindOfExpiry v1" ... */
  static final class AgreementSteps {
    private final Map<String, List<String>> byProcessInstance = new ConcurrentHashMap<>();
    final AgreementStep activateAgreement = new AgreementStep("activateAgreement", byProcessInstance);
    final AgreementStep remindOfExpiry = new AgreementStep("remindOfExpiry", byProcessInstance);
    final AgreementStep expireAgreement = new AgreementStep("expireAgreement", byProcessInstance);

    List<String> ranFor(String processInstanceId) {
      return copyOf(byProcessInstance, processInstanceId);
    }
  }

  /**
   * Production: the agreement's term, from the request's end date. Here: the dates a test set for a
   * reference; otherwise fixed at the first question: the engine clock + 90 days, and 30 days
   * before that for the reminder.
   */
  public static final class Agreements {
    record Term(Date expiry, Date reminder) {
    }

    private final Map<String, Term> termsByReference = new ConcurrentHashMap<>();

    void setTerm(String reference, Date expiry, Date reminder) {
      termsByReference.put(reference, new Term(expiry, reminder));
    }

    void forgetTerms() {
      termsByReference.clear();
    }

    public Date expiryDate(String reference) {
      return term(reference).expiry();
    }

    public Date expiryReminderDate(String reference) {
      return term(reference).reminder();
    }

    private Term term(String reference) {
      return termsByReference.computeIfAbsent(reference, key -> {
        Date expiry = Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(90)));
        return new Term(expiry, Date.from(expiry.toInstant().minus(Duration.ofDays(30))));
      });
    }
  }
}
