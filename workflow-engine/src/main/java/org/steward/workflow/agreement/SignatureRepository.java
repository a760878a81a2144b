package org.steward.workflow.agreement;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.repository.query.Param;
import org.springframework.data.jpa.repository.Query;

/** Signatures, by agreement version. */
public interface SignatureRepository extends JpaRepository<Signature, Long> {

    List<Signature> findByAgreementIdOrderBySignedAtAscIdAsc(Long agreementId);

    // Written out: see DepartmentRepository.
    @Query("select count(s) > 0 from Signature s where s.agreementId = :agreementId and s.signatoryKey = :key")
    boolean existsByAgreementIdAndSignatoryKey(@Param("agreementId") Long agreementId,
            @Param("key") String signatoryKey);
}
