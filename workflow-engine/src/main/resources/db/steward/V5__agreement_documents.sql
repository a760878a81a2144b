-- The signed PDF of an agreement in force: the agreement, then a signature page with every signature's evidence
-- and the document's hash. Its own hash lets a verification tell whether the stored file changed.
CREATE TABLE agreement_pdf (
  agreement_id BIGINT       NOT NULL PRIMARY KEY,
  content      LONGBLOB     NOT NULL,
  sha256       CHAR(64)     NOT NULL,
  created_at   DATETIME(6)  NOT NULL,
  CONSTRAINT fk_agreement_pdf_agreement FOREIGN KEY (agreement_id) REFERENCES data_sharing_agreement (id)
);

-- Ending an agreement early: who, when and why.
ALTER TABLE data_sharing_agreement ADD COLUMN terminated_at DATETIME(6);
ALTER TABLE data_sharing_agreement ADD COLUMN terminated_by VARCHAR(64);
ALTER TABLE data_sharing_agreement ADD COLUMN termination_reason VARCHAR(2000);

-- A renewal is a new request made from an old one.
ALTER TABLE data_request ADD COLUMN renewal_of VARCHAR(20);
