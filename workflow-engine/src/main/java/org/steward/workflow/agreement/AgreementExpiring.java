package org.steward.workflow.agreement;

import java.time.LocalDate;

/** Published 30 days before an agreement ends, so that the people on the request can renew it or prepare. */
public record AgreementExpiring(String requestReference, String agreementNumber, LocalDate expiryDate) {
}
