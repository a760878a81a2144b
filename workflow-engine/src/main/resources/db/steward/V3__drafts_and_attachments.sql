-- Drafts: the new-request form as its owner left it, saved without validation and seen by nobody else.
-- The form's content is JSON (well under TEXT's 64 KB on MySQL: the service refuses a larger draft).
CREATE TABLE request_draft (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  owner        VARCHAR(64)  NOT NULL,
  title        VARCHAR(200),
  content_json TEXT         NOT NULL,
  created_at   DATETIME(6)  NOT NULL,
  updated_at   DATETIME(6)  NOT NULL
);
CREATE INDEX ix_request_draft_owner ON request_draft (owner);

-- Files attached to a draft or to a submitted request (one of the two), with their bytes. LONGBLOB is accepted by
-- MySQL/MariaDB and H2 alike; the service keeps each file to 10 MB, well under MariaDB's 16 MiB packet default.
CREATE TABLE request_attachment (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  request_reference VARCHAR(20),
  draft_id          BIGINT,
  file_name         VARCHAR(255) NOT NULL,
  content_type      VARCHAR(100) NOT NULL,
  size_bytes        BIGINT       NOT NULL,
  content           LONGBLOB     NOT NULL,
  uploaded_by       VARCHAR(64)  NOT NULL,
  uploaded_at       DATETIME(6)  NOT NULL,
  CONSTRAINT ck_request_attachment_owner CHECK (request_reference IS NOT NULL OR draft_id IS NOT NULL),
  CONSTRAINT fk_request_attachment_draft FOREIGN KEY (draft_id) REFERENCES request_draft (id)
);
CREATE INDEX ix_request_attachment_request ON request_attachment (request_reference);
