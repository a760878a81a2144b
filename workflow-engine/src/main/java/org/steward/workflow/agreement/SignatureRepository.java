package org.steward.workflow.agreement;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Signatures, by agreement version. */
public interface SignatureRepository extends JpaRepository<Signature, Long> {

    List<Signature> findByAgreementIdOrderBySignedAtAscIdAsc(Long agreementId);

    boolean existsByAgreementIdAndSignatoryKey(Long agreementId, String signatoryKey);
}
