-- Local accounts (issue 16). A person whose password an admin set (a new person, or a reset) must choose their own at
-- their next login: the flag lives here, beside the engine's own ACT_ID_USER, and is cleared when they change it.
CREATE TABLE local_account (
  user_id              VARCHAR(64) NOT NULL PRIMARY KEY,
  must_change_password BOOLEAN     NOT NULL,
  password_set_at      DATETIME(6) NOT NULL,
  password_set_by      VARCHAR(64) NOT NULL
);

-- Failed logins per name typed and client address (LoginThrottle), for real and made-up names alike, so that a
-- stranger's tries hold back only the stranger's address. Only the SHA-256 of the name typed is kept: people sometimes
-- type their password into the name field. Kept in the database, so that every node holds back alike.
CREATE TABLE login_failure (
  name_hash  CHAR(64)    NOT NULL,
  address    VARCHAR(64) NOT NULL,
  tries      INT         NOT NULL,
  held_until DATETIME(6) NOT NULL,
  PRIMARY KEY (name_hash, address)
);
CREATE INDEX ix_login_failure_held ON login_failure (held_until);

-- Made-up names were held back here, for every address at once; login_failure holds them now.
DROP TABLE login_unknown_name;
