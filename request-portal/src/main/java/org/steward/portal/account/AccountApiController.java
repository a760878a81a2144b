package org.steward.portal.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.PeopleService.PasswordChange;
import org.steward.workflow.task.Channel;

/** Changing one's own password from a script: the same rules as the account page, problems named field by field. */
@RestController
class AccountApiController {

    private final PeopleService people;
    private final CurrentPerson currentPerson;
    private final SignedInSessions sessions;

    AccountApiController(PeopleService people, CurrentPerson currentPerson, SignedInSessions sessions) {
        this.people = people;
        this.currentPerson = currentPerson;
        this.sessions = sessions;
    }

    /** Body {@code {"currentPassword", "newPassword", "confirmation"}}; 204, or 400 naming each field's problem. */
    @PostMapping("/api/account/password")
    ResponseEntity<Void> changePassword(@RequestBody PasswordChange change, Authentication authentication,
            HttpServletRequest request, HttpServletResponse response) {
        people.changeOwnPassword(currentPerson.of(authentication), change, request.getRemoteAddr(),
                Channel.API.code());
        sessions.passwordChanged(authentication, request, response);
        return ResponseEntity.noContent().build();
    }
}
