package org.steward.portal.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.steward.portal.system.StewardPrincipal;

/**
 * People's sessions after their password changed: whoever knew the old password may hold a session made with it, so
 * those end; the session of the person who changed their own password goes on, under a new id, no longer asked to
 * change it.
 */
@Component
public class SignedInSessions {

    /** Sessions in the database; absent only where the application runs without a web server (a first run's test). */
    private final ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SignedInSessions(ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions) {
        this.sessions = sessions;
    }

    /** After a person changed their own password: this session goes on, every other one of theirs ends. */
    void passwordChanged(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            // An API client logs in with every call: it has nothing to carry on, only others to end.
            endAll(authentication.getName(), null);
            return;
        }
        // The others end first: the index of sessions by person still knows this one by its id before the change.
        endAll(authentication.getName(), session.getId());
        request.changeSessionId();
        if (authentication.getPrincipal() instanceof StewardPrincipal principal) {
            UsernamePasswordAuthenticationToken changed = UsernamePasswordAuthenticationToken.authenticated(
                    principal.passwordChanged(), null, authentication.getAuthorities());
            changed.setDetails(authentication.getDetails());
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(changed);
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
        }
    }

    /** Ends every session of a person but the one kept (none: null). */
    public void endAll(String userId, String keptSessionId) {
        sessions.ifAvailable(store -> {
            for (String id : store.findByPrincipalName(userId).keySet()) {
                if (!id.equals(keptSessionId)) {
                    store.deleteById(id);
                }
            }
        });
    }
}
