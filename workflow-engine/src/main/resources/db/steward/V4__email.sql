-- The outbox: one row per email, written in the same transaction as the change that causes it and sent after
-- commit by whichever node claims it first (claimed_by/claimed_until make the claim, so two nodes never both send).
-- It holds what the email is about, never its text: the text and its action links are made when it is sent.
CREATE TABLE outbox_email (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  kind              VARCHAR(40)   NOT NULL,
  recipient         VARCHAR(64)   NOT NULL,
  address           VARCHAR(320)  NOT NULL,
  request_reference VARCHAR(20),
  task_id           VARCHAR(64),
  facts_json        VARCHAR(4000) NOT NULL,
  subject           VARCHAR(300),
  status            VARCHAR(16)   NOT NULL,
  attempts          INT           NOT NULL,
  created_at        DATETIME(6)   NOT NULL,
  next_attempt_at   DATETIME(6)   NOT NULL,
  claimed_by        VARCHAR(100),
  claimed_until     DATETIME(6),
  sent_at           DATETIME(6),
  last_error        VARCHAR(1000)
);
CREATE INDEX ix_outbox_email_due ON outbox_email (status, next_attempt_at);
CREATE INDEX ix_outbox_email_request ON outbox_email (request_reference);

-- Action links in task emails: only the SHA-256 of the token is kept; the token itself is only in the email sent.
CREATE TABLE action_link (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  token_hash        CHAR(64)      NOT NULL,
  email_id          BIGINT        NOT NULL,
  task_id           VARCHAR(64)   NOT NULL,
  person_id         VARCHAR(64)   NOT NULL,
  decision          VARCHAR(64)   NOT NULL,
  request_reference VARCHAR(20)   NOT NULL,
  created_at        DATETIME(6)   NOT NULL,
  expires_at        DATETIME(6)   NOT NULL,
  used_at           DATETIME(6),
  voided_at         DATETIME(6),
  void_reason       VARCHAR(200),
  CONSTRAINT uq_action_link_token UNIQUE (token_hash),
  CONSTRAINT fk_action_link_email FOREIGN KEY (email_id) REFERENCES outbox_email (id)
);
CREATE INDEX ix_action_link_task ON action_link (task_id);

-- The in-app mailbox of the embedded default: every email as it was sent, for a city trying Steward without a
-- mail server. Never used when a real SMTP server is configured and the mailbox is off.
CREATE TABLE mailbox_message (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  email_id    BIGINT        NOT NULL,
  recipient   VARCHAR(64)   NOT NULL,
  address     VARCHAR(320)  NOT NULL,
  subject     VARCHAR(300)  NOT NULL,
  body_text   MEDIUMTEXT    NOT NULL,
  body_html   MEDIUMTEXT    NOT NULL,
  sent_at     DATETIME(6)   NOT NULL
);
CREATE INDEX ix_mailbox_message_recipient ON mailbox_message (recipient);

-- Status emails a person turned off (task emails cannot be turned off).
CREATE TABLE email_opt_out (
  person_id VARCHAR(64) NOT NULL,
  topic     VARCHAR(40) NOT NULL,
  PRIMARY KEY (person_id, topic)
);
