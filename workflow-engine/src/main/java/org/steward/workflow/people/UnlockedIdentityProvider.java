package org.steward.workflow.people;

import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * The engine's own identity store, whose password check never locks an account. The engine counts failed checks on
 * the person (for every address at once) and refuses even the right password while a lock lasts, so a stranger who
 * tries a person's name would lock them out; Steward holds tries back per name and address instead ({@link
 * LoginThrottle}). Public with a public constructor: the engine makes one per command by reflection.
 */
public class UnlockedIdentityProvider extends DbIdentityServiceProvider {

    @Override
    public boolean checkPassword(String userId, String password) {
        UserEntity user = findUserById(userId);
        return user != null && password != null && matchPassword(password, user);
    }
}
