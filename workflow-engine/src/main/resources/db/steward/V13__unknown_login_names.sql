-- Failed logins under user names nobody has, held back as the engine holds back a person's (PeopleService): kept here,
-- not in one node's memory, so that every node answers a name alike. Only the SHA-256 of the name typed is kept:
-- people sometimes type their password into the name field.
CREATE TABLE login_unknown_name (
  name_hash  CHAR(64)    NOT NULL PRIMARY KEY,
  tries      INT         NOT NULL,
  held_until DATETIME(6) NOT NULL
);
CREATE INDEX ix_login_unknown_name_held ON login_unknown_name (held_until);
