-- Data-sharing agreements: one row per version; a new round of review drafts a new version.
CREATE TABLE data_sharing_agreement (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  agreement_number  VARCHAR(20)   NOT NULL,
  request_reference VARCHAR(20)   NOT NULL,
  version           INT           NOT NULL,
  status            VARCHAR(20)   NOT NULL,
  document_text     TEXT          NOT NULL,
  sha256            VARCHAR(64)   NOT NULL,
  conditions_text   VARCHAR(4000),
  effective_date    DATE,
  expiry_date       DATE          NOT NULL,
  created_at        DATETIME(6)   NOT NULL,
  CONSTRAINT uq_agreement_version UNIQUE (agreement_number, version)
);
CREATE INDEX ix_agreement_request ON data_sharing_agreement (request_reference);

-- The parties of one version, each with the person who signs for it ('external' for a partner's signatory).
CREATE TABLE agreement_party (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  agreement_id    BIGINT       NOT NULL,
  role            VARCHAR(16)  NOT NULL,
  party_name      VARCHAR(200) NOT NULL,
  department      VARCHAR(32),
  signatory_key   VARCHAR(64)  NOT NULL,
  signatory_name  VARCHAR(200),
  signatory_email VARCHAR(200),
  CONSTRAINT fk_agreement_party_agreement FOREIGN KEY (agreement_id) REFERENCES data_sharing_agreement (id)
);

-- A signature with its evidence: who, for which parties, when, from where, and the hash of the text shown.
CREATE TABLE agreement_signature (
  id            BIGINT AUTO_INCREMENT PRIMARY KEY,
  agreement_id  BIGINT        NOT NULL,
  signatory_key VARCHAR(64)   NOT NULL,
  signer        VARCHAR(64)   NOT NULL,
  parties       VARCHAR(1000) NOT NULL,
  typed_name    VARCHAR(200)  NOT NULL,
  consent       BOOLEAN       NOT NULL,
  signed_at     DATETIME(6)   NOT NULL,
  ip            VARCHAR(64),
  user_agent    VARCHAR(500),
  sha256        VARCHAR(64)   NOT NULL,
  CONSTRAINT uq_agreement_signature UNIQUE (agreement_id, signatory_key),
  CONSTRAINT fk_agreement_signature_agreement FOREIGN KEY (agreement_id) REFERENCES data_sharing_agreement (id)
);

-- Every answer of a decision's form (the privacy threshold questions among them), as JSON.
ALTER TABLE decision ADD COLUMN fields_json VARCHAR(4000);

-- The task an audit event is about, so a timeline can follow the order things happened in even within one
-- second (MySQL keeps whole seconds: the engine needs sendFractionalSeconds=false).
ALTER TABLE audit_event ADD COLUMN task_id VARCHAR(64);
