package org.steward.workflow.people;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.steward.workflow.audit.AuditDetail;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.problem.FieldLimit;
import org.steward.workflow.problem.StewardProblem;

/**
 * People and groups, kept in the engine's identity service so that Cockpit, Tasklist and the portal share them.
 * The portal logs people in through here, never through the engine directly.
 */
@Service
public class PeopleService {

    private static final Logger log = LoggerFactory.getLogger(PeopleService.class);

    /** Groups whose members manage departments, datasets and people (the admin pages). */
    public static final Set<String> ADMIN_GROUPS = Set.of("admins", "camunda-admin");

    /** User ids and group ids: lower-case letters and digits in parts joined by single hyphens, as staff-cd. */
    public static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MIN_PASSWORD = 8;
    private static final String WEB = "web";

    /** Failed logins are forgotten after this long without another try. */
    static final Duration QUIET = Duration.ofMinutes(15);

    private final IdentityService identity;
    private final AuditTrail audit;
    private final UnknownNames unknownNames;
    private final Duration refusalTakes;

    /**
     * @param login {@code steward.login.refusal-millis}: a refused login is answered no sooner than this after it
     *     began, so that how long the answer took does not tell a real user name (whose failed try the engine writes
     *     down) from an unknown one
     */
    PeopleService(IdentityService identity, AuditTrail audit, UnknownNames unknownNames,
            LoginSettings login) {
        this.identity = identity;
        this.audit = audit;
        this.unknownNames = unknownNames;
        this.refusalTakes = Duration.ofMillis(Math.max(0, login.refusalMillis()));
    }

    /**
     * Checks a password; repeated failures make the engine hold back further tries for a while, never for good. A try
     * while held back is refused with the wait, unchecked; a wrong password is refused as wrong. A user name nobody
     * has is refused and held back in exactly the same way, so that no answer tells whether a name exists; failures
     * are forgotten after {@link #QUIET} without a try, for people and unknown names alike.
     */
    public LoginResult authenticate(String userId, String password) {
        long started = System.nanoTime();
        LoginResult result = check(userId, password);
        if (!result.succeeded()) {
            waitUntil(started + refusalTakes.toNanos());
        }
        return result;
    }

    private LoginResult check(String userId, String password) {
        if (userId == null || userId.isBlank() || password == null) {
            return LoginResult.refused(null);
        }
        Instant now = ClockUtil.getCurrentTime().toInstant();
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            // What was typed is not logged: it may be a password typed in the wrong box.
            log.info("Refused a login: no account has the user name given");
            Optional<Duration> heldBack = unknownNames.heldBackFor(userId, now);
            if (heldBack.isPresent()) {
                return LoginResult.refused(heldBack.get());
            }
            // The same look-up a person's password check makes, so that both take about as long.
            identity.checkPassword(userId, password);
            unknownNames.failed(userId, now);
            return LoginResult.refused(null);
        }
        if (user instanceof UserEntity account && account.getLockExpirationTime() != null
                && forgotten(Instant.ofEpochMilli(account.getLockExpirationTime().getTime()), now)) {
            identity.unlockUser(userId);
        } else {
            Optional<Duration> heldBack = heldBack(user, now);
            if (heldBack.isPresent()) {
                log.info("Refused a login for {}: tries are held back for {} s after repeated failures", userId,
                        heldBack.get().toSeconds());
                return LoginResult.refused(heldBack.get());
            }
        }
        if (identity.checkPassword(userId, password)) {
            return find(userId).map(LoginResult::success).orElseGet(() -> LoginResult.refused(null));
        }
        log.info("Refused a login for {}: wrong password", userId);
        return LoginResult.refused(null);
    }

    private static void waitUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        if (left <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(left);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether failed logins held back until then are forgotten by now: nobody tried for {@link #QUIET} since. */
    static boolean forgotten(Instant heldUntil, Instant now) {
        return now.isAfter(heldUntil.plus(QUIET));
    }

    /** How long a person's further login tries are still refused after failed ones. */
    public Optional<Duration> heldBackFor(String userId) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        return heldBack(user, ClockUtil.getCurrentTime().toInstant());
    }

    private static Optional<Duration> heldBack(User user, Instant now) {
        if (user instanceof UserEntity account && account.getLockExpirationTime() != null) {
            Duration left = Duration.between(now, Instant.ofEpochMilli(account.getLockExpirationTime().getTime()));
            if (!left.isNegative() && !left.isZero()) {
                return Optional.of(left);
            }
        }
        return Optional.empty();
    }

    /** Lifts the hold on a person's logins at once (an admin's action). */
    public void unlock(String userId) {
        identity.unlockUser(userId);
    }

    public Optional<Person> find(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            return Optional.empty();
        }
        return Optional.of(new Person(user.getId(), displayName(user), user.getEmail(), groupsOf(userId)));
    }

    /** A person's full name, or their user id when the platform does not know them. */
    public String displayName(String userId) {
        if (userId == null) {
            return null;
        }
        User user = identity.createUserQuery().userId(userId).singleResult();
        return user == null ? userId : displayName(user);
    }

    public Set<String> groupsOf(String userId) {
        Set<String> groups = new HashSet<>();
        for (Group group : identity.createGroupQuery().groupMember(userId).list()) {
            groups.add(group.getId());
        }
        return groups;
    }

    public List<String> membersOf(String groupId) {
        return identity.createUserQuery().memberOfGroup(groupId).list().stream().map(User::getId).toList();
    }

    public boolean exists(String userId) {
        return identity.createUserQuery().userId(userId).count() > 0;
    }

    public boolean anyoneIn(String groupId) {
        return identity.createUserQuery().memberOfGroup(groupId).count() > 0;
    }

    /** Whether any of these accounts exists with the email address that {@code emailOf} gives for its id. */
    public boolean anyWithEmail(List<String> userIds, java.util.function.UnaryOperator<String> emailOf) {
        return identity.createUserQuery().userIdIn(userIds.toArray(String[]::new)).list().stream()
                .anyMatch(user -> emailOf.apply(user.getId()).equalsIgnoreCase(user.getEmail()));
    }

    /** Whether some account has this email address (as stored, or in lower case as most are). */
    public boolean anyoneWithEmail(String email) {
        if (email == null || email.isBlank()) {
            return false;
        }
        String address = email.strip();
        return identity.createUserQuery().userEmail(address).count() > 0
                || identity.createUserQuery().userEmail(address.toLowerCase(Locale.ROOT)).count() > 0;
    }

    @Transactional
    public void createPerson(String userId, String firstName, String lastName, String email, String password) {
        User user = identity.newUser(userId);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setEmail(email);
        user.setPassword(password);
        identity.saveUser(user);
    }

    /** Sets an account's password, as the settings give it for a service account at each start. */
    @Transactional
    public void setPassword(String userId, String password) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user != null) {
            user.setPassword(password);
            identity.saveUser(user);
        }
    }

    @Transactional
    public void createGroup(String groupId, String name) {
        if (identity.createGroupQuery().groupId(groupId).count() == 0) {
            Group group = identity.newGroup(groupId);
            group.setName(name);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
    }

    @Transactional
    public void addToGroup(String userId, String groupId) {
        if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identity.createMembership(userId, groupId);
        }
    }

    // ---- The admin pages: people, groups and memberships, each change checked, refused in plain words, audited.

    /** Whether the person may manage departments, datasets and people. */
    public static boolean isAdmin(Person person) {
        return person != null && person.groups().stream().anyMatch(ADMIN_GROUPS::contains);
    }

    /** Refuses anyone but an admin (403). */
    public static void requireAdmin(Person person) {
        if (!isAdmin(person)) {
            throw new StewardProblem(StewardProblem.Kind.FORBIDDEN,
                    "Only admins may manage departments, datasets, people and the outbox of emails.");
        }
    }

    /** A person's account as the admin pages show it: groups sorted, and how long their logins are held back. */
    public record Account(String id, String firstName, String lastName, String name, String email,
            List<String> groups, Duration heldBackFor) {

        public boolean heldBack() {
            return heldBackFor != null;
        }

        /** The wait left, in whole seconds rounded up, for people to read. */
        public long heldBackSeconds() {
            return heldBackFor == null ? 0 : Math.max(1, (heldBackFor.toMillis() + 999) / 1000);
        }
    }

    /** A group, with its members' user ids sorted. */
    public record GroupEntry(String id, String name, List<String> members) {
    }

    /** What an admin types to create a person. */
    public record NewPerson(String userId, String firstName, String lastName, String email, String password) {
    }

    /** Everyone, by user id, with their groups and whether their logins are held back now. */
    @Transactional(readOnly = true)
    public List<Account> people() {
        Map<String, Set<String>> groupsByUser = new TreeMap<>();
        for (GroupEntry group : groups()) {
            group.members().forEach(
                    member -> groupsByUser.computeIfAbsent(member, m -> new TreeSet<>()).add(group.id()));
        }
        return identity.createUserQuery().orderByUserId().asc().list().stream()
                .map(user -> account(user, groupsByUser.getOrDefault(user.getId(), Set.of()))).toList();
    }

    @Transactional(readOnly = true)
    public Optional<Account> account(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        User user = identity.createUserQuery().userId(userId).singleResult();
        return user == null ? Optional.empty() : Optional.of(account(user, new TreeSet<>(groupsOf(userId))));
    }

    /** Every group, by id, with its members. */
    @Transactional(readOnly = true)
    public List<GroupEntry> groups() {
        return identity.createGroupQuery().orderByGroupId().asc().list().stream()
                .map(group -> new GroupEntry(group.getId(), group.getName(),
                        membersOf(group.getId()).stream().sorted().toList()))
                .toList();
    }

    public boolean groupExists(String groupId) {
        return groupId != null && identity.createGroupQuery().groupId(groupId).count() > 0;
    }

    /** Creates a person with their initial password; refuses with field errors what would not work. */
    @Transactional
    public void createPerson(Person admin, NewPerson input) {
        requireAdmin(admin);
        Map<String, String> errors = new LinkedHashMap<>();
        String userId = trim(input.userId());
        if (userId == null) {
            errors.put("userId", "Enter a user id, such as maria-lopez.");
        } else if (FieldLimit.USER_ID.exceededBy(userId) || !ID.matcher(userId).matches()) {
            errors.put("userId", "Use lower-case letters and digits, with single hyphens between parts (such as "
                    + "maria-lopez), at most 64 characters.");
        } else if (exists(userId)) {
            errors.put("userId", "There is already a person with the user id " + userId + ".");
        }
        String first = trim(input.firstName());
        String last = trim(input.lastName());
        String email = trim(input.email());
        required(errors, "firstName", first, "Enter the first name.", FieldLimit.FIRST_NAME);
        required(errors, "lastName", last, "Enter the last name.", FieldLimit.LAST_NAME);
        if (required(errors, "email", email, "Enter an email address.", FieldLimit.EMAIL)
                && !EMAIL.matcher(email).matches()) {
            errors.put("email", "Enter an email address like name@example.org.");
        }
        String password = input.password();
        if (password == null || password.isEmpty()) {
            errors.put("password", "Enter an initial password.");
        } else if (password.length() < MIN_PASSWORD || password.length() > 255) {
            errors.put("password", "Use at least " + MIN_PASSWORD + " characters (at most 255).");
        }
        if (!errors.isEmpty()) {
            throw StewardProblem.invalid(errors);
        }
        createPerson(userId, first, last, email, password);
        audit.record(null, AuditEventType.PERSON_CREATED, admin.id(), WEB,
                new AuditDetail.PersonChanged(userId, null, null, "(" + first + " " + last + ", " + email + ")"));
    }

    /** Creates a group for an admin; the id must be new and readable. */
    @Transactional
    public GroupEntry createGroup(Person admin, String groupId, String name) {
        requireAdmin(admin);
        return newGroup(admin, groupId, name, "newGroup", "newGroupName", null);
    }

    /** Puts a person in a group that exists. */
    @Transactional
    public void addMembership(Person admin, String userId, String groupId) {
        requireAdmin(admin);
        Account account = existing(userId);
        String group = trim(groupId);
        if (group == null || !groupExists(group)) {
            throw StewardProblem.invalid(Map.of("group", "Choose a group to add " + account.name() + " to."));
        }
        if (account.groups().contains(group)) {
            throw StewardProblem.invalid(Map.of("group", account.name() + " is already in " + group + "."));
        }
        identity.createMembership(userId, group);
        audit.record(null, AuditEventType.MEMBERSHIP_CHANGED, admin.id(), WEB,
                new AuditDetail.PersonChanged(userId, group, true, null));
    }

    /** Creates a group and puts the person in it, both or neither. */
    @Transactional
    public GroupEntry addToNewGroup(Person admin, String userId, String groupId, String name) {
        requireAdmin(admin);
        Account account = existing(userId);
        GroupEntry group = newGroup(admin, groupId, name, "newGroup", "newGroupName", account.id());
        identity.createMembership(account.id(), group.id());
        audit.record(null, AuditEventType.MEMBERSHIP_CHANGED, admin.id(), WEB,
                new AuditDetail.PersonChanged(userId, group.id(), true, null));
        return group;
    }

    /**
     * Takes a person out of a group. An admin cannot take themselves out of the admin groups, and nobody takes the
     * last member out of one: someone must be left to manage Steward.
     */
    @Transactional
    public void removeMembership(Person admin, String userId, String groupId) {
        requireAdmin(admin);
        Account account = existing(userId);
        String group = trim(groupId);
        if (group == null || !account.groups().contains(group)) {
            throw StewardProblem.invalid(Map.of("group", account.name() + " is not in "
                    + (group == null ? "that group" : group) + "."));
        }
        if (ADMIN_GROUPS.contains(group) && account.id().equals(admin.id())) {
            throw StewardProblem.invalid(Map.of("group", "You cannot take yourself out of " + group
                    + ": ask another admin to do it."));
        }
        if (ADMIN_GROUPS.contains(group) && identity.createUserQuery().memberOfGroup(group).count() <= 1) {
            throw StewardProblem.invalid(Map.of("group", account.name() + " is the last member of " + group
                    + ". Add someone else to it first, or nobody could manage Steward."));
        }
        identity.deleteMembership(userId, group);
        audit.record(null, AuditEventType.MEMBERSHIP_CHANGED, admin.id(), WEB,
                new AuditDetail.PersonChanged(userId, group, false, null));
    }

    /** Lifts the hold on a person's logins at once and forgets their failed tries; audited. */
    @Transactional
    public void unlock(Person admin, String userId) {
        requireAdmin(admin);
        Account account = existing(userId);
        identity.unlockUser(account.id());
        audit.record(null, AuditEventType.PERSON_UNLOCKED, admin.id(), WEB, new AuditDetail.PersonChanged(account.id(),
                null, null, account.heldBack() ? "(was held back for " + account.heldBackSeconds() + " more seconds)"
                        : "(was not held back; failed tries forgotten)"));
    }

    private GroupEntry newGroup(Person admin, String groupId, String name, String idField, String nameField,
            String forWhom) {
        Map<String, String> errors = new LinkedHashMap<>();
        String id = trim(groupId);
        if (id == null) {
            errors.put(idField, "Enter the new group's id, such as legal-review.");
        } else if (FieldLimit.GROUP_ID.exceededBy(id) || !ID.matcher(id).matches()) {
            errors.put(idField, "Use lower-case letters and digits, with single hyphens between parts (such as "
                    + "legal-review), at most 64 characters.");
        } else if (groupExists(id)) {
            errors.put(idField, "There is already a group " + id + ". Choose it from the list instead.");
        }
        String label = trim(name);
        FieldLimit.GROUP_NAME.check(errors, nameField, label);
        if (!errors.isEmpty()) {
            throw StewardProblem.invalid(errors);
        }
        createGroup(id, label == null ? id : label);
        audit.record(null, AuditEventType.GROUP_CREATED, admin.id(), WEB,
                new AuditDetail.GroupCreated(id, label == null ? id : label, forWhom));
        return new GroupEntry(id, label == null ? id : label, List.of());
    }

    private Account existing(String userId) {
        return account(userId).orElseThrow(() -> StewardProblem.notFound("Person " + userId));
    }

    private Account account(User user, Set<String> groups) {
        return new Account(user.getId(), user.getFirstName(), user.getLastName(), displayName(user), user.getEmail(),
                groups.stream().sorted().toList(),
                heldBackFor(user.getId()).orElse(null));
    }

    private static boolean required(Map<String, String> errors, String field, String value, String missing,
            FieldLimit limit) {
        if (value == null) {
            errors.put(field, missing);
            return false;
        }
        return limit.check(errors, field, value);
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * Makes the engine record this person as the one acting, for history and for the decisions taken, until
     * the returned handle is closed.
     */
    public ActingAs actAs(Person person) {
        String previousUser = identity.getCurrentAuthentication() == null ? null
                : identity.getCurrentAuthentication().getUserId();
        List<String> previousGroups = identity.getCurrentAuthentication() == null ? null
                : identity.getCurrentAuthentication().getGroupIds();
        identity.setAuthentication(person.id(), List.copyOf(person.groups()));
        return () -> {
            if (previousUser == null) {
                identity.clearAuthentication();
            } else {
                identity.setAuthentication(previousUser, previousGroups);
            }
        };
    }

    /** The person the engine records as acting now, if any. */
    public Optional<String> actingUserId() {
        return Optional.ofNullable(identity.getCurrentAuthentication()).map(a -> a.getUserId());
    }

    private static String displayName(User user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).trim();
        return name.isEmpty() ? user.getId() : name;
    }

    /** A handle that ends acting as someone; closing never throws. */
    public interface ActingAs extends AutoCloseable {
        @Override
        void close();
    }
}
