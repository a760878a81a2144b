package org.steward.workflow.agreement;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** The parties of each agreement version, in the order they were drafted. */
public interface AgreementPartyRepository extends JpaRepository<AgreementParty, Long> {

    List<AgreementParty> findByAgreementIdOrderByIdAsc(Long agreementId);
}
