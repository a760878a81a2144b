package org.steward.workflow.agreement;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.repository.query.Param;
import org.springframework.data.jpa.repository.Query;

/** Agreement versions, by request and for the register. */
public interface AgreementRepository extends JpaRepository<DataSharingAgreement, Long> {

    // Written out: see DepartmentRepository.
    @Query("select a from DataSharingAgreement a where a.requestReference = :reference order by a.version desc"
            + " limit 1")
    Optional<DataSharingAgreement> findFirstByRequestReferenceOrderByVersionDesc(
            @Param("reference") String requestReference);

    @Query("select a from DataSharingAgreement a where a.number = :number order by a.version desc limit 1")
    Optional<DataSharingAgreement> findFirstByNumberOrderByVersionDesc(@Param("number") String number);

    /** The latest version of every agreement, newest first. */
    @Query("""
            select a from DataSharingAgreement a
            where a.version = (select max(b.version) from DataSharingAgreement b where b.number = a.number)
            order by a.createdAt desc, a.id desc
            """)
    List<DataSharingAgreement> findLatestVersions();
}
