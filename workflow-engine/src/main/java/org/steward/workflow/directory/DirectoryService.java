package org.steward.workflow.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.workflow.audit.AuditDetail;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.FieldLimit;
import org.steward.workflow.problem.StewardProblem;

/**
 * People who sign in through the city's directory (OpenID Connect): each sign-in creates or updates the person and
 * sets their groups from the directory's, through the mapping admins edit. The directory is the source of a signed-in
 * person's groups: a group lost there is lost here at the next sign-in, and tasks taken through it go back to the group.
 */
@Service
public class DirectoryService {

    private static final Logger log = LoggerFactory.getLogger(DirectoryService.class);
    private static final String CHANNEL = "directory";
    private static final int MAX_ID = 64;
    /** The ids this service makes from a hash: u-0123456789ab, or a name followed by one. */
    private static final java.util.regex.Pattern GENERATED = java.util.regex.Pattern.compile("(.*-)?u-[0-9a-f]{12,}");

    private final JdbcTemplate jdbc;
    private final IdentityService identity;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final PeopleService people;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    DirectoryService(JdbcTemplate jdbc, IdentityService identity, TaskService tasks, RuntimeService runtime,
            PeopleService people, AuditTrail audit, Clock clock, PlatformTransactionManager transactions) {
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.identity = identity;
        this.tasks = tasks;
        this.runtime = runtime;
        this.people = people;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates or updates the person the directory names and gives them exactly the Steward groups their directory
     * groups map to (admins too, when the settings name them); answers the person as they are now.
     */
    @Transactional
    public Person signIn(DirectorySignIn directory) {
        String userId = reserve(directory.issuer(), directory.subject(), directory.preferredUsername());
        boolean first = !people.exists(userId);
        jdbc.update("UPDATE directory_account SET signed_in_at = ? WHERE user_id = ?", Timestamp.from(clock.instant()),
                userId);
        saveUser(userId, directory);
        Set<String> groups = stewardGroups(directory.directoryGroups(), directory.admin());
        Set<String> had = new TreeSet<>(people.groupsOf(userId));
        for (String lost : had) {
            if (!groups.contains(lost)) {
                identity.deleteMembership(userId, lost);
                audit.record(null, AuditEventType.MEMBERSHIP_CHANGED, userId, CHANNEL,
                        new AuditDetail.PersonChanged(userId, lost, false, null));
            }
        }
        for (String gained : groups) {
            if (!had.contains(gained)) {
                identity.createMembership(userId, gained);
                audit.record(null, AuditEventType.MEMBERSHIP_CHANGED, userId, CHANNEL,
                        new AuditDetail.PersonChanged(userId, gained, true, null));
            }
        }
        if (!had.equals(groups)) {
            handBackTasks(userId, groups);
        }
        if (first) {
            log.info("{} signed in through the city's directory for the first time, with groups {}", userId, groups);
        }
        return people.find(userId).orElseThrow();
    }

    /** The Steward user id given to this directory subject at its first sign-in, if it has signed in. */
    @Transactional(readOnly = true)
    public Optional<String> userIdOf(String issuer, String subject) {
        return jdbc.queryForList("SELECT user_id FROM directory_account WHERE issuer = ? AND subject = ?", String.class,
                issuer, subject).stream().findFirst();
    }

    /**
     * The user id that a token of this subject acts as: the one given to the subject at its first sign-in or token,
     * kept for it from then on. A token never acts as a local account or another subject of the same name.
     */
    public String actingUserId(String issuer, String subject, String preferredUsername) {
        return reserve(issuer, subject, preferredUsername);
    }

    /**
     * The subject's user id, given it now if it has none: an id nobody else has (no local account, no other subject),
     * recorded in its own transaction so that two first calls at once agree on one id.
     */
    private String reserve(String issuer, String subject, String preferredUsername) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<String> known = user(issuer, subject);
            if (known.isPresent()) {
                return known.get();
            }
            String candidate = freeUserId(issuer, subject, preferredUsername);
            try {
                ownTransaction.executeWithoutResult(status -> jdbc.update("INSERT INTO directory_account (user_id, "
                        + "issuer, subject, signed_in_at) VALUES (?, ?, ?, ?)", candidate, issuer, subject,
                        Timestamp.from(clock.instant())));
            } catch (DuplicateKeyException raced) {
                // Another call took the id, or recorded this subject, at the same moment: look again.
                log.debug("Directory id {} was taken at the same moment; trying again", candidate);
            }
        }
        throw new IllegalStateException("No free user id could be recorded for a directory subject of " + issuer);
    }

    /** The subject's user id, read in a transaction of its own so that it sees what other calls committed. */
    private Optional<String> user(String issuer, String subject) {
        return ownTransaction.execute(status -> jdbc.queryForList("SELECT user_id FROM directory_account WHERE "
                + "issuer = ? AND subject = ?", String.class, issuer, subject).stream().findFirst());
    }

    /** The Steward groups that these directory groups give, by the mapping or else by equal ids; admins' groups too. */
    @Transactional(readOnly = true)
    public Set<String> stewardGroups(Collection<String> directoryGroups, boolean admin) {
        Set<String> groups = new TreeSet<>();
        Map<String, List<String>> mapped = new LinkedHashMap<>();
        for (GroupMapping mapping : mappings()) {
            mapped.computeIfAbsent(mapping.directoryGroup(), g -> new java.util.ArrayList<>()).add(mapping.stewardGroup());
        }
        for (String directoryGroup : directoryGroups == null ? List.<String>of() : directoryGroups) {
            if (directoryGroup == null) {
                continue;
            }
            List<String> to = mapped.get(directoryGroup);
            if (to != null) {
                groups.addAll(to);
            } else if (people.groupExists(directoryGroup) && !PeopleService.ADMIN_GROUPS.contains(directoryGroup)) {
                // Admin rights only by the mapping or the settings: a directory group merely named "admins" is not.
                groups.add(directoryGroup);
            }
        }
        if (admin) {
            groups.addAll(PeopleService.ADMIN_GROUPS);
        }
        groups.removeIf(group -> !people.groupExists(group));
        return groups;
    }

    // ---- The mapping, edited by admins.

    @Transactional(readOnly = true)
    public List<GroupMapping> mappings() {
        return jdbc.query("SELECT directory_group, steward_group, created_by, created_at FROM directory_group_mapping "
                + "ORDER BY directory_group, steward_group", (row, n) -> new GroupMapping(row.getString(1),
                row.getString(2), row.getString(3), row.getTimestamp(4).toInstant()));
    }

    /** Puts the members of a directory group in a Steward group from their next sign-in; refused field by field. */
    @Transactional
    public void map(Person admin, String directoryGroup, String stewardGroup) {
        PeopleService.requireAdmin(admin);
        String from = directoryGroup == null ? "" : directoryGroup.strip();
        String to = stewardGroup == null ? "" : stewardGroup.strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (from.isEmpty()) {
            errors.put("directoryGroup", "Enter the directory group's name or id, as your provider sends it.");
        } else if (from.length() > 255) {
            errors.put("directoryGroup", "Use at most 255 characters.");
        }
        if (to.isEmpty() || !people.groupExists(to)) {
            errors.put("stewardGroup", "Choose the Steward group its members are put in.");
        }
        if (errors.isEmpty() && !jdbc.queryForList("SELECT 1 FROM directory_group_mapping WHERE directory_group = ? "
                + "AND steward_group = ?", Integer.class, from, to).isEmpty()) {
            errors.put("directoryGroup", "Members of " + from + " are already put in " + to + ".");
        }
        if (!errors.isEmpty()) {
            throw StewardProblem.invalid(errors);
        }
        jdbc.update("INSERT INTO directory_group_mapping (directory_group, steward_group, created_by, created_at) "
                + "VALUES (?, ?, ?, ?)", from, to, admin.id(), Timestamp.from(clock.instant()));
        audit.record(null, AuditEventType.DIRECTORY_GROUP_MAPPED, admin.id(), "web",
                new AuditDetail.GroupMapped(from, to, true));
    }

    /** Stops putting a directory group's members in a Steward group, from their next sign-in. */
    @Transactional
    public void unmap(Person admin, String directoryGroup, String stewardGroup) {
        PeopleService.requireAdmin(admin);
        int removed = jdbc.update("DELETE FROM directory_group_mapping WHERE directory_group = ? AND steward_group = ?",
                directoryGroup, stewardGroup);
        if (removed == 0) {
            throw new StewardProblem(StewardProblem.Kind.NOT_FOUND, "Members of " + directoryGroup
                    + " are not put in " + stewardGroup + "; perhaps another admin removed that line just now.");
        }
        audit.record(null, AuditEventType.DIRECTORY_GROUP_MAPPED, admin.id(), "web",
                new AuditDetail.GroupMapped(directoryGroup, stewardGroup, false));
    }

    // ----

    private void saveUser(String userId, DirectorySignIn directory) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            user = identity.newUser(userId);
        }
        String first = firstNonBlank(directory.givenName(), firstWord(directory.fullName()), userId);
        String last = firstNonBlank(directory.familyName(), rest(directory.fullName()), "");
        user.setFirstName(cut(first, FieldLimit.FIRST_NAME));
        user.setLastName(cut(last, FieldLimit.LAST_NAME));
        user.setEmail(directory.email() == null || FieldLimit.EMAIL.exceededBy(directory.email()) ? null
                : directory.email().strip());
        identity.saveUser(user);
    }

    /** Tasks the person took through a group they no longer have go back to the group, for someone else to take. */
    private void handBackTasks(String userId, Set<String> groups) {
        for (Task task : tasks.createTaskQuery().taskAssignee(userId).list()) {
            List<IdentityLink> candidates = tasks.getIdentityLinksForTask(task.getId()).stream()
                    .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).toList();
            boolean candidateByGroup = candidates.stream().anyMatch(link -> link.getGroupId() != null
                    && groups.contains(link.getGroupId()));
            boolean candidateByName = candidates.stream().anyMatch(link -> userId.equals(link.getUserId()));
            if (candidates.isEmpty() || candidateByGroup || candidateByName) {
                continue;
            }
            tasks.setAssignee(task.getId(), null);
            ProcessInstance instance = runtime.createProcessInstanceQuery()
                    .processInstanceId(task.getProcessInstanceId()).singleResult();
            audit.recordForTask(instance == null ? null : instance.getBusinessKey(), task.getId(),
                    AuditEventType.TASK_UNCLAIMED, userId, CHANNEL,
                    new AuditDetail.TaskStep(task.getTaskDefinitionKey(), task.getName(), null));
        }
    }

    /**
     * {@code preferred_username} made to fit Steward's ids (maria.lopez@city.gov: maria-lopez); with a short hash of
     * issuer and subject appended when a local account or another subject has it, or the hash alone when nothing is
     * left of the name. A name shaped like such a generated id is never taken as it is, so that nobody can take the id
     * another subject would get.
     */
    private String freeUserId(String issuer, String subject, String preferredUsername) {
        String digest = sha256(issuer + "\n" + subject);
        String hash = "u-" + digest.substring(0, 12);
        String wanted = fit(preferredUsername);
        List<String> candidates = new java.util.ArrayList<>();
        if (wanted != null && !GENERATED.matcher(wanted).matches()) {
            candidates.add(wanted);
        }
        if (wanted != null) {
            candidates.add((wanted.substring(0, Math.min(wanted.length(), MAX_ID - hash.length() - 1)) + "-" + hash)
                    .replaceAll("-+", "-"));
        }
        candidates.add(hash);
        candidates.add("u-" + digest.substring(0, 32));
        for (String candidate : candidates) {
            if (!people.exists(candidate) && jdbc.queryForList("SELECT 1 FROM directory_account WHERE user_id = ?",
                    Integer.class, candidate).isEmpty()) {
                return candidate;
            }
        }
        throw new IllegalStateException("Every user id for a directory subject of " + issuer + " is taken");
    }

    static String fit(String preferredUsername) {
        if (preferredUsername == null) {
            return null;
        }
        String name = preferredUsername.strip().toLowerCase(Locale.ROOT);
        int at = name.indexOf('@');
        if (at > 0) {
            name = name.substring(0, at);
        }
        name = name.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (name.length() > MAX_ID - 16) {
            name = name.substring(0, MAX_ID - 16).replaceAll("-+$", "");
        }
        return name.isEmpty() || !PeopleService.ID.matcher(name).matches() ? null : name;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Names longer than the engine's columns are cut rather than refused: the directory, not the person, sent them. */
    private static String cut(String value, FieldLimit limit) {
        return limit.exceededBy(value) ? value.substring(0, limit.max()) : value;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return "";
    }

    private static String firstWord(String name) {
        return name == null || name.isBlank() ? null : name.strip().split("\\s+", 2)[0];
    }

    private static String rest(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String[] parts = name.strip().split("\\s+", 2);
        return parts.length > 1 ? parts[1] : null;
    }
}
