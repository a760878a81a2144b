-- Steward's own tables. The engine creates and upgrades its ACT_* tables itself;
-- Flyway owns only these (history table steward_schema_history, baseline 0).

CREATE TABLE department (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  code            VARCHAR(32)  NOT NULL,
  name            VARCHAR(200) NOT NULL,
  staff_group     VARCHAR(64)  NOT NULL,
  steward_group   VARCHAR(64),
  custodian_group VARCHAR(64),
  signatory       VARCHAR(64),
  CONSTRAINT uq_department_code UNIQUE (code)
);

CREATE TABLE dataset (
  id             BIGINT AUTO_INCREMENT PRIMARY KEY,
  code           VARCHAR(64)   NOT NULL,
  name           VARCHAR(200)  NOT NULL,
  description    VARCHAR(2000),
  department_id  BIGINT        NOT NULL,
  classification VARCHAR(16)   NOT NULL,
  pii            BOOLEAN       NOT NULL,
  CONSTRAINT uq_dataset_code UNIQUE (code),
  CONSTRAINT fk_dataset_department FOREIGN KEY (department_id) REFERENCES department (id)
);

CREATE TABLE dataset_element (
  dataset_id BIGINT      NOT NULL,
  position   INT         NOT NULL,
  name       VARCHAR(64) NOT NULL,
  PRIMARY KEY (dataset_id, position),
  CONSTRAINT fk_dataset_element_dataset FOREIGN KEY (dataset_id) REFERENCES dataset (id)
);

CREATE TABLE reference_counter (
  prefix     VARCHAR(8) NOT NULL,
  year_value INT        NOT NULL,
  last_value INT        NOT NULL,
  PRIMARY KEY (prefix, year_value)
);

CREATE TABLE data_request (
  id                        BIGINT AUTO_INCREMENT PRIMARY KEY,
  reference                 VARCHAR(20)   NOT NULL,
  requester                 VARCHAR(64)   NOT NULL,
  requesting_department     VARCHAR(32),
  title                     VARCHAR(200)  NOT NULL,
  purpose                   VARCHAR(4000) NOT NULL,
  legal_basis               VARCHAR(1000) NOT NULL,
  recipient_type            VARCHAR(16)   NOT NULL,
  recipient_department      VARCHAR(32),
  recipient_organisation    VARCHAR(200),
  recipient_signatory_name  VARCHAR(200),
  recipient_signatory_email VARCHAR(200),
  frequency                 VARCHAR(16)   NOT NULL,
  delivery_method           VARCHAR(1000) NOT NULL,
  retention                 VARCHAR(1000) NOT NULL,
  security_controls         VARCHAR(2000) NOT NULL,
  start_date                DATE          NOT NULL,
  end_date                  DATE          NOT NULL,
  status                    VARCHAR(32)   NOT NULL,
  status_step               VARCHAR(200),
  privacy_review_required   BOOLEAN,
  agreement_required        BOOLEAN,
  process_instance_id       VARCHAR(64),
  revision                  INT           NOT NULL,
  created_at                DATETIME(6)   NOT NULL,
  updated_at                DATETIME(6)   NOT NULL,
  version                   BIGINT        NOT NULL,
  CONSTRAINT uq_data_request_reference UNIQUE (reference)
);
CREATE INDEX ix_data_request_requester ON data_request (requester);
CREATE INDEX ix_data_request_status ON data_request (status);

CREATE TABLE requested_dataset (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  request_id   BIGINT      NOT NULL,
  dataset_code VARCHAR(64) NOT NULL,
  CONSTRAINT fk_requested_dataset_request FOREIGN KEY (request_id) REFERENCES data_request (id)
);

CREATE TABLE requested_element (
  requested_dataset_id BIGINT      NOT NULL,
  position             INT         NOT NULL,
  name                 VARCHAR(64) NOT NULL,
  PRIMARY KEY (requested_dataset_id, position),
  CONSTRAINT fk_requested_element_dataset FOREIGN KEY (requested_dataset_id) REFERENCES requested_dataset (id)
);

-- Who is on a request besides its requester: groups and people the visibility policy lets see it.
CREATE TABLE request_participant (
  id         BIGINT AUTO_INCREMENT PRIMARY KEY,
  request_id BIGINT      NOT NULL,
  kind       VARCHAR(8)  NOT NULL,
  name       VARCHAR(64) NOT NULL,
  CONSTRAINT uq_request_participant UNIQUE (request_id, kind, name),
  CONSTRAINT fk_request_participant_request FOREIGN KEY (request_id) REFERENCES data_request (id)
);

CREATE TABLE decision (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  request_reference VARCHAR(20)   NOT NULL,
  task_id           VARCHAR(64)   NOT NULL,
  step              VARCHAR(200)  NOT NULL,
  step_name         VARCHAR(200),
  department        VARCHAR(32),
  round_number      INT,
  actor             VARCHAR(64)   NOT NULL,
  outcome           VARCHAR(64)   NOT NULL,
  comment_text      VARCHAR(4000),
  conditions_text   VARCHAR(4000),
  channel           VARCHAR(16)   NOT NULL,
  decided_at        DATETIME(6)   NOT NULL,
  CONSTRAINT uq_decision_task UNIQUE (task_id)
);
CREATE INDEX ix_decision_request ON decision (request_reference);

CREATE TABLE request_comment (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  request_reference VARCHAR(20)   NOT NULL,
  author            VARCHAR(64)   NOT NULL,
  body              VARCHAR(4000) NOT NULL,
  posted_at         DATETIME(6)   NOT NULL
);
CREATE INDEX ix_request_comment_request ON request_comment (request_reference);

-- Append-only: rows are inserted, never updated or deleted.
CREATE TABLE audit_event (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  request_reference VARCHAR(20),
  type              VARCHAR(32)   NOT NULL,
  actor             VARCHAR(64)   NOT NULL,
  channel           VARCHAR(16),
  detail            VARCHAR(4000),
  occurred_at       DATETIME(6)   NOT NULL
);
CREATE INDEX ix_audit_event_request ON audit_event (request_reference);
