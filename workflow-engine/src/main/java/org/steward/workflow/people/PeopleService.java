package org.steward.workflow.people;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * People and groups, kept in the engine's identity service so that Cockpit, Tasklist and the portal share them.
 * The portal logs people in through here, never through the engine directly.
 */
@Service
public class PeopleService {

    private final IdentityService identity;

    public PeopleService(IdentityService identity) {
        this.identity = identity;
    }

    /**
     * Checks a password; repeated failures make the engine hold back further tries for a while, never for good. A try
     * while held back is refused with the wait, unchecked; a wrong password is refused as wrong.
     */
    public LoginResult authenticate(String userId, String password) {
        if (userId == null || userId.isBlank() || password == null) {
            return LoginResult.refused(null);
        }
        Optional<Duration> heldBack = heldBackFor(userId);
        if (heldBack.isPresent()) {
            return LoginResult.refused(heldBack.get());
        }
        if (identity.checkPassword(userId, password)) {
            return find(userId).map(LoginResult::success).orElseGet(() -> LoginResult.refused(null));
        }
        return LoginResult.refused(null);
    }

    /** How long a person's further login tries are still refused after failed ones. */
    public Optional<Duration> heldBackFor(String userId) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user instanceof UserEntity entity && entity.getLockExpirationTime() != null) {
            long millis = entity.getLockExpirationTime().getTime() - ClockUtil.getCurrentTime().getTime();
            if (millis > 0) {
                return Optional.of(Duration.ofMillis(millis));
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

    @Transactional
    public void createPerson(String userId, String firstName, String lastName, String email, String password) {
        User user = identity.newUser(userId);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setEmail(email);
        user.setPassword(password);
        identity.saveUser(user);
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
