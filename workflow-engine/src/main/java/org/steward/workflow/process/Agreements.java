package org.steward.workflow.process;

import java.time.Duration;
import java.util.Date;
import org.steward.workflow.agreement.AgreementService;
import org.springframework.stereotype.Component;

/** Lets a model's timers follow an agreement's term: {@code ${agreements.expiryDate(execution.processBusinessKey)}}. */
@Component("agreements")
@BuildingBlock
public class Agreements {

    static final Duration REMINDER_BEFORE_EXPIRY = Duration.ofDays(30);

    private final AgreementService agreements;

    Agreements(AgreementService agreements) {
        this.agreements = agreements;
    }

    /** The moment the agreement ends: the start of the day after its expiry date, in the city's time zone. */
    @ModelMethod
    public Date expiryDate(String reference) {
        return agreements.expiryMoment(reference);
    }

    /** Thirty days before the agreement ends. */
    @ModelMethod
    public Date expiryReminderDate(String reference) {
        return Date.from(agreements.expiryMoment(reference).toInstant().minus(REMINDER_BEFORE_EXPIRY));
    }
}
