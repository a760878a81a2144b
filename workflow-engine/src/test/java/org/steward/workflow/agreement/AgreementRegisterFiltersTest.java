package org.steward.workflow.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.steward.workflow.agreement.AgreementParty.Role;
import org.steward.workflow.agreement.AgreementRegister.Filters;
import org.steward.workflow.agreement.AgreementRegister.Line;
import org.steward.workflow.agreement.AgreementRegister.Party;
import org.steward.workflow.agreement.AgreementRegister.SharedDataset;
import org.steward.workflow.agreement.AgreementRegister.Standing;
import org.steward.workflow.catalog.Classification;
import org.steward.workflow.problem.StewardProblem;

/**
 * Where an agreement stands on a given day (expiring is in force with 30 days or fewer left), and what each filter
 * keeps, without a database.
 */
class AgreementRegisterFiltersTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @Test
    void anAgreementInForceIsExpiringFromThirtyDaysBeforeItsExpiryDate() {
        assertThat(Standing.of(AgreementStatus.IN_FORCE, TODAY.plusDays(31), TODAY)).isEqualTo(Standing.IN_FORCE);
        assertThat(Standing.of(AgreementStatus.IN_FORCE, TODAY.plusDays(30), TODAY)).isEqualTo(Standing.EXPIRING);
        assertThat(Standing.of(AgreementStatus.IN_FORCE, TODAY, TODAY)).as("its last day").isEqualTo(Standing.EXPIRING);
        assertThat(Standing.of(AgreementStatus.OUT_FOR_SIGNATURE, TODAY.plusDays(10), TODAY))
                .as("only an agreement in force expires").isEqualTo(Standing.OUT_FOR_SIGNATURE);
    }

    @Test
    void everyStatusHasItsWords() {
        assertThat(List.of(AgreementStatus.values())).extracting(s -> Standing.of(s, TODAY.plusDays(400), TODAY).words())
                .containsExactly("Draft", "Out for signature", "In force", "Expired", "Terminated (ended early)",
                        "Replaced by a newer version");
        assertThat(Standing.EXPIRING.words()).isEqualTo("Expiring within 30 days");
        assertThat(Standing.named(" expiring ")).contains(Standing.EXPIRING);
    }

    @Test
    void eachFilterKeepsOnlyTheLinesThatMatchAndTheyCombine() {
        Line accounts = line("DSA-2026-0001", "DR-2026-0001", "Utility accounts for the housing study",
                AgreementStatus.IN_FORCE, TODAY.plusDays(200), Classification.CONFIDENTIAL,
                List.of(new Party(Role.OWNER, "Finance", "FIN"), new Party(Role.RECIPIENT, "Community Development", "CD")),
                "FIN-UTILITY-ACCOUNTS");
        Line trust = line("DSA-2026-0002", "DR-2026-0002", "Work orders for a trust", AgreementStatus.IN_FORCE,
                TODAY.plusDays(10), Classification.INTERNAL,
                List.of(new Party(Role.OWNER, "Public Works", "PW"), new Party(Role.RECIPIENT, "Riverside Trust", null)),
                "PW-WORK-ORDERS");
        List<Line> lines = List.of(accounts, trust);

        assertThat(kept(lines, Filters.NONE)).containsExactly(accounts, trust);
        assertThat(kept(lines, Filters.read("expiring", null, null, null, null))).containsExactly(trust);
        assertThat(kept(lines, Filters.read("IN_FORCE", null, null, null, null))).containsExactly(accounts);
        assertThat(kept(lines, Filters.read(null, "pw", null, null, null))).containsExactly(trust);
        assertThat(kept(lines, Filters.read(null, "riverside", null, null, null))).containsExactly(trust);
        assertThat(kept(lines, Filters.read(null, "Community", null, null, null))).containsExactly(accounts);
        assertThat(kept(lines, Filters.read(null, null, "fin-utility-accounts", null, null))).containsExactly(accounts);
        assertThat(kept(lines, Filters.read(null, null, null, "internal", null))).containsExactly(trust);
        assertThat(kept(lines, Filters.read(null, null, null, null, "housing"))).containsExactly(accounts);
        assertThat(kept(lines, Filters.read(null, null, null, null, "dsa-2026-0002"))).containsExactly(trust);
        assertThat(kept(lines, Filters.read("expiring", "FIN", null, null, null))).isEmpty();
        assertThat(Filters.read(" ", "", null, "", "  ").any()).as("blank is no filter").isFalse();
    }

    @Test
    void aStatusOrClassificationThatDoesNotExistIsRefusedWithTheOnesThatDo() {
        assertThatThrownBy(() -> Filters.read("soon", null, null, "secret", null))
                .isInstanceOfSatisfying(StewardProblem.class, problem -> {
                    assertThat(problem.kind()).isEqualTo(StewardProblem.Kind.INVALID);
                    assertThat(problem.fieldErrors().get("status")).contains("\"soon\"").contains("expiring");
                    assertThat(problem.fieldErrors().get("classification")).contains("confidential");
                });
    }

    private static List<Line> kept(List<Line> lines, Filters filters) {
        return lines.stream().filter(filters::matches).toList();
    }

    private static Line line(String number, String reference, String title, AgreementStatus status, LocalDate expiry,
            Classification classification, List<Party> parties, String datasetCode) {
        return new Line(number, 1, status, Standing.of(status, expiry, TODAY), reference, title, "A purpose",
                parties, List.of(new SharedDataset(datasetCode, datasetCode, classification, false)), classification,
                false, TODAY.minusDays(100), expiry, "0".repeat(64));
    }
}
