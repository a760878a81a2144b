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
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
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
    private static final String WEB = "web";

    private final IdentityService identity;
    private final AuditTrail audit;
    private final LoginThrottle throttle;
    private final VerifiedPasswords verified;
    private final PasswordHash passwordHash;
    private final LocalAccounts localAccounts;
    private final Duration refusalTakes;

    /**
     * @param login {@code steward.login.refusal-millis}: a refused login is answered no sooner than this after it
     *     began, so that how long the answer took does not tell a real user name from an unknown one
     */
    PeopleService(IdentityService identity, AuditTrail audit, LoginThrottle throttle, VerifiedPasswords verified,
            PasswordHash passwordHash, LocalAccounts localAccounts, LoginSettings login) {
        this.identity = identity;
        this.audit = audit;
        this.throttle = throttle;
        this.verified = verified;
        this.passwordHash = passwordHash;
        this.localAccounts = localAccounts;
        this.refusalTakes = Duration.ofMillis(Math.max(0, login.refusalMillis()));
    }

    /** Checks a password for a call whose client address is not known (all such calls count as one address). */
    public LoginResult authenticate(String userId, String password) {
        return authenticate(userId, password, null);
    }

    /**
     * Checks a password. Repeated failures of a name from one address hold back further tries of that name from that
     * address for a while, never for good ({@link LoginThrottle}); a try while held back is refused with the wait,
     * unchecked; a wrong password is refused as wrong. A user name nobody has is refused and held back in exactly the
     * same way, so that no answer tells whether a name exists. A hash of an older kind is replaced by the current one
     * once the password proved right.
     *
     * @param clientAddress the address the try came from ({@code request.getRemoteAddr()})
     */
    public LoginResult authenticate(String userId, String password, String clientAddress) {
        long started = System.nanoTime();
        LoginResult result = check(userId, password, clientAddress);
        if (!result.succeeded()) {
            waitUntil(started + refusalTakes.toNanos());
        }
        return result;
    }

    private LoginResult check(String name, String password, String clientAddress) {
        if (name == null || name.isBlank() || password == null) {
            return LoginResult.refused(null);
        }
        Instant now = ClockUtil.getCurrentTime().toInstant();
        LoginThrottle.Before before = throttle.before(name, clientAddress);
        Optional<Duration> heldBack = before.heldBackFor(now);
        if (heldBack.isPresent()) {
            logHeldBack(name, clientAddress, heldBack.get());
            return LoginResult.refused(heldBack.get());
        }
        User found = identity.createUserQuery().userId(name).singleResult();
        // Only the id exactly as stored: MySQL and MariaDB compare ids ignoring case and trailing spaces, so "alex "
        // would otherwise log in as alex while its failures count under another name.
        User user = found != null && found.getId().equals(name) ? found : null;
        if (user == null) {
            // What was typed is not logged: it may be a password typed in the wrong box.
            log.info("Refused a login: no account has the user name given");
            // The work of a real check, so that a made-up name takes as long and costs as much.
            passwordHash.checkNothing(password);
            throttle.failed(name, clientAddress, now);
            return LoginResult.refused(null);
        }
        if (!rightPassword(user, password)) {
            log.info("Refused a login for {}: wrong password", user.getId());
            throttle.failed(name, clientAddress, now);
            return LoginResult.refused(null);
        }
        if (before.tries().isPresent()) {
            throttle.succeeded(name, clientAddress);
        }
        return LoginResult.success(new Person(user.getId(), displayName(user), user.getEmail(),
                groupsOf(user.getId())), before.mustChangePassword());
    }

    /** Names the person held back, but never a name nobody has: it may be a password typed in the wrong box. */
    private void logHeldBack(String name, String clientAddress, Duration wait) {
        if (log.isInfoEnabled()) {
            User user = identity.createUserQuery().userId(name).singleResult();
            if (user == null) {
                log.info("Refused a login: no account has the user name given");
            } else {
                log.info("Refused a login for {}: tries from {} are held back for {} s after repeated failures",
                        user.getId(), LoginThrottle.address(clientAddress), wait.toSeconds());
            }
        }
    }

    /**
     * Whether the password is the user's: from {@link VerifiedPasswords} when it was checked right against this very
     * stored hash a moment ago, otherwise by the engine's check (BCrypt's tens of milliseconds).
     */
    private boolean rightPassword(User user, String password) {
        String stored = user.getPassword();
        if (stored != null && verified.contains(user.getId(), stored, password)) {
            return true;
        }
        if (!identity.checkPassword(user.getId(), password)) {
            return false;
        }
        if (passwordHash.outdated(stored)) {
            upgrade(user.getId(), password);
        } else {
            verified.remember(user.getId(), stored, password);
        }
        return true;
    }

    /** Stores the password again with the current hash, now that it is known; another node's upgrade may win. */
    private void upgrade(String userId, String password) {
        try {
            User user = identity.createUserQuery().userId(userId).singleResult();
            user.setPassword(password);
            identity.saveUser(user);
            log.info("Stored the password of {} with the current hash", userId);
        } catch (ProcessEngineException alreadyUpgraded) {
            log.info("Left the password hash of {} as another login stored it: {}", userId,
                    alreadyUpgraded.getMessage());
        }
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

    /** How long a person's further login tries are still refused from the address held back longest. */
    public Optional<Duration> heldBackFor(String userId) {
        return throttle.holds(userId, ClockUtil.getCurrentTime().toInstant()).stream().findFirst()
                .map(LoginThrottle.Hold::left);
    }

    /** Failed tries of a person's name from one address, and how long further tries from there are held back. */
    public record LoginHold(String address, int tries, Duration left) {

        /** The wait left, in whole seconds rounded up, for people to read. */
        public long seconds() {
            return Math.max(1, (left.toMillis() + 999) / 1000);
        }
    }

    /** Where a person's logins are held back now, the longest wait first: for the admin pages. */
    public List<LoginHold> loginHolds(String userId) {
        return throttle.holds(userId, ClockUtil.getCurrentTime().toInstant()).stream()
                .map(hold -> new LoginHold(hold.address(), hold.tries(), hold.left())).toList();
    }

    /** Lifts the hold on a person's logins at once, from every address (an admin's action). */
    public void unlock(String userId) {
        throttle.forget(userId);
    }

    /** Whether the person must change the password an admin set before anything else. */
    public boolean mustChangePassword(String userId) {
        return localAccounts.mustChangePassword(userId);
    }

    /** Whether the account has a password of Steward's own (a person signed in by the city's directory has none). */
    public boolean hasPassword(String userId) {
        User user = userId == null ? null : identity.createUserQuery().userId(userId).singleResult();
        return user != null && user.getPassword() != null && !user.getPassword().isEmpty();
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

    /**
     * A person's account as the admin pages show it: groups sorted, how long their logins are held back (from the
     * address held back longest), and whether they must change the password an admin set.
     */
    public record Account(String id, String firstName, String lastName, String name, String email,
            List<String> groups, Duration heldBackFor, boolean mustChangePassword) {

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

    /** What a person types to change their own password; the form's fields have these names. */
    public record PasswordChange(String currentPassword, String newPassword, String confirmation) {
    }

    /** Everyone, by user id, with their groups and whether their logins are held back now. */
    @Transactional(readOnly = true)
    public List<Account> people() {
        Map<String, Set<String>> groupsByUser = new TreeMap<>();
        for (GroupEntry group : groups()) {
            group.members().forEach(
                    member -> groupsByUser.computeIfAbsent(member, m -> new TreeSet<>()).add(group.id()));
        }
        Map<String, Duration> holds = throttle.holdsByName(ClockUtil.getCurrentTime().toInstant());
        Set<String> mustChange = localAccounts.mustChangePasswords();
        return identity.createUserQuery().orderByUserId().asc().list().stream()
                .map(user -> account(user, groupsByUser.getOrDefault(user.getId(), Set.of()),
                        holds.get(LoginThrottle.key(user.getId())), mustChange.contains(user.getId()))).toList();
    }

    @Transactional(readOnly = true)
    public Optional<Account> account(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        User user = identity.createUserQuery().userId(userId).singleResult();
        return user == null ? Optional.empty() : Optional.of(account(user, new TreeSet<>(groupsOf(userId)),
                heldBackFor(userId).orElse(null), localAccounts.mustChangePassword(userId)));
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
        PasswordPolicy.problem(userId, input.password(), "Enter an initial password.")
                .ifPresent(problem -> errors.put("password", problem));
        if (!errors.isEmpty()) {
            throw StewardProblem.invalid(errors);
        }
        createPerson(userId, first, last, email, input.password());
        // Tries of the name before it was anyone's were tries of a name nobody had: the new person starts afresh.
        throttle.forget(userId);
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

    /** Lifts the hold on a person's logins at once and forgets their failed tries, from every address; audited. */
    @Transactional
    public void unlock(Person admin, String userId) {
        requireAdmin(admin);
        Account account = existing(userId);
        throttle.forget(account.id());
        audit.record(null, AuditEventType.PERSON_UNLOCKED, admin.id(), WEB, new AuditDetail.PersonChanged(account.id(),
                null, null, account.heldBack() ? "(was held back for " + account.heldBackSeconds() + " more seconds)"
                        : "(was not held back; failed tries forgotten)"));
    }

    /**
     * An admin sets a temporary password for a person (who forgot theirs, or whose password may be known to someone
     * else); the policy applies, the person must change it at their next login, and their held-back tries are
     * forgotten. Audited, without the password.
     */
    @Transactional
    public void resetPassword(Person admin, String userId, String temporaryPassword) {
        requireAdmin(admin);
        Account account = existing(userId);
        PasswordPolicy.problem(account.id(), temporaryPassword, "Enter a temporary password for " + account.name()
                + ".").ifPresent(problem -> {
                    throw StewardProblem.invalid(Map.of("password", problem));
                });
        setPassword(account.id(), temporaryPassword);
        localAccounts.setByAdmin(account.id(), admin.id());
        throttle.forget(account.id());
        audit.record(null, AuditEventType.PASSWORD_RESET, admin.id(), WEB, new AuditDetail.PersonChanged(account.id(),
                null, null, "was given a temporary password, to change at the next login"));
    }

    /**
     * A person changes their own password: the current one must be right (a wrong one counts as a failed login from
     * that address, and is held back alike), the new one must pass the policy, differ from the current one and be
     * typed twice the same. Every field's problem is named at once. Audited, without the passwords.
     *
     * @param channel {@code web} for the account page, {@code api} for the API
     */
    @Transactional
    public void changeOwnPassword(Person person, PasswordChange change, String clientAddress, String channel) {
        Map<String, String> errors = new LinkedHashMap<>();
        String current = change.currentPassword();
        if (current == null || current.isEmpty()) {
            errors.put("currentPassword", "Enter your current password.");
        } else {
            LoginResult login = authenticate(person.id(), current, clientAddress);
            if (login.retryAfter().isPresent()) {
                errors.put("currentPassword", "Too many wrong passwords. Wait " + seconds(login.retryAfter().get())
                        + " and try again.");
            } else if (!login.succeeded() || !login.person().orElseThrow().id().equals(person.id())) {
                errors.put("currentPassword", "This is not your current password.");
            }
        }
        String next = change.newPassword();
        Optional<String> problem = PasswordPolicy.problem(person.id(), next, "Enter a new password.");
        if (problem.isPresent()) {
            errors.put("newPassword", problem.get());
        } else if (next.equals(current)) {
            errors.put("newPassword", "Choose a password other than your current one.");
        }
        if (change.confirmation() == null || change.confirmation().isEmpty()) {
            errors.put("confirmation", "Type the new password again.");
        } else if (next != null && !next.isEmpty() && !change.confirmation().equals(next)) {
            errors.put("confirmation", "This is not the same as the new password. Type it again.");
        }
        if (!errors.isEmpty()) {
            throw StewardProblem.invalid(errors);
        }
        setPassword(person.id(), next);
        localAccounts.setByThemselves(person.id());
        audit.record(null, AuditEventType.PASSWORD_CHANGED, person.id(), channel, new AuditDetail.PersonChanged(
                person.id(), null, null, "changed their password"));
    }

    /** A wait in whole seconds, rounded up, for people to read. */
    private static String seconds(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return seconds == 1 ? "1 second" : seconds + " seconds";
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

    private Account account(User user, Set<String> groups, Duration heldBackFor, boolean mustChangePassword) {
        return new Account(user.getId(), user.getFirstName(), user.getLastName(), displayName(user), user.getEmail(),
                groups.stream().sorted().toList(), heldBackFor, mustChangePassword);
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
