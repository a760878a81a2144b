package org.steward.workflow.agreement;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Agreement versions, by request and for the register. */
public interface AgreementRepository extends JpaRepository<DataSharingAgreement, Long> {

    Optional<DataSharingAgreement> findFirstByRequestReferenceOrderByVersionDesc(String requestReference);

    Optional<DataSharingAgreement> findFirstByNumberOrderByVersionDesc(String number);

    /** The latest version of every agreement, newest first. */
    @Query("""
            select a from DataSharingAgreement a
            where a.version = (select max(b.version) from DataSharingAgreement b where b.number = a.number)
            order by a.createdAt desc, a.id desc
            """)
    List<DataSharingAgreement> findLatestVersions();
}
