-- A decision keeps where it came from itself, rather than in task variables that listeners read back.
ALTER TABLE decision ADD COLUMN client_ip VARCHAR(64);
ALTER TABLE decision ADD COLUMN user_agent VARCHAR(500);
ALTER TABLE decision ADD COLUMN action_link_id BIGINT;
ALTER TABLE decision ADD COLUMN signing_link_id BIGINT;
