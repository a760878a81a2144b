package org.steward.portal.task;

import java.util.List;

/** What a reviewer needs to know of a request to decide on it, in words ready to show. */
record RequestSummary(String reference, String title, String requester, String requestingDepartment, String status,
        String purpose, String legalBasis, String recipient, String frequency, String deliveryMethod, String retention,
        String securityControls, String startDate, String endDate, String submitted, int revision,
        List<DatasetLine> datasets) {

    /** A dataset asked for: its catalogue entry and the elements wanted from it. */
    record DatasetLine(String code, String name, String owner, String classification, boolean pii, String elements) {
    }
}
