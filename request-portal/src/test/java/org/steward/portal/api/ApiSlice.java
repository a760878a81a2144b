package org.steward.portal.api;

import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.request.RequestListing;
import org.steward.workflow.request.RequestService;
import org.steward.workflow.task.DecisionHistory;
import org.steward.workflow.task.Inbox;

/**
 * The one slice the API's binding and error-mapping tests share (so Spring builds it once): the requests' API
 * controller and {@link org.steward.portal.system.ApiProblems}, no security filters, no engine, no database; the
 * services behind the controller are stubbed, since only what the controller binds and how a refusal is answered is
 * under test here. The whole stack is tested end to end by the integration tests.
 */
@WebMvcTest(useDefaultFilters = false, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = {
    "org\\.steward\\.portal\\.request\\.RequestApiController",
    "org\\.steward\\.portal\\.system\\.(ApiProblems|CurrentPerson)"}))
@AutoConfigureMockMvc(addFilters = false)
abstract class ApiSlice {

    @Autowired
    protected MockMvc mvc;

    @MockitoBean
    protected RequestService requests;

    @MockitoBean
    protected Inbox tasks;

    @MockitoBean
    protected RequestListing listing;

    @MockitoBean
    protected DecisionHistory decisions;

    @MockitoBean
    protected PeopleService people;

    /** A requester, as Spring Security would hand the controller one after a login. */
    protected static Authentication alex() {
        return new UsernamePasswordAuthenticationToken("alex", "demo",
                List.of(new SimpleGrantedAuthority("requesters")));
    }
}
