package org.steward.workflow.agreement;

import org.springframework.data.jpa.repository.JpaRepository;

/** The signed PDFs, by agreement version. */
interface AgreementPdfRepository extends JpaRepository<AgreementPdf, Long> {
}
