package org.steward.workflow.request;

import java.util.List;
import org.steward.workflow.catalog.Classification;

/** What the route decision looks at: the most sensitive data asked for, and where it goes. */
public record RouteFacts(Classification highestClassification, boolean anyPii, RecipientType recipientType,
        List<String> owningDepartments) {

    public RouteFacts {
        owningDepartments = List.copyOf(owningDepartments);
    }
}
