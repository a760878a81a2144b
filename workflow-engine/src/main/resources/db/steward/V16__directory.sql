-- People who sign in through the city's OpenID Connect provider: the provider's stable subject beside the Steward
-- user id it was given at the first sign-in, so that an account renamed at the directory stays the same person.
CREATE TABLE directory_account (
  user_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
  issuer        VARCHAR(255) NOT NULL,
  subject       VARCHAR(255) NOT NULL,
  signed_in_at  DATETIME(6)  NOT NULL,
  CONSTRAINT uk_directory_account_subject UNIQUE (issuer, subject)
);

-- Which Steward group a directory group (by its name or id in the provider's groups claim) gives, as admins set it.
CREATE TABLE directory_group_mapping (
  directory_group VARCHAR(255) NOT NULL,
  steward_group   VARCHAR(64)  NOT NULL,
  created_by      VARCHAR(64)  NOT NULL,
  created_at      DATETIME(6)  NOT NULL,
  PRIMARY KEY (directory_group, steward_group)
);
