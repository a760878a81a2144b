-- When the task of a decision started waiting (the task's create time), so that turnaround figures survive the
-- engine's history cleanup. Decisions recorded before this column existed keep NULL and are left out of durations.
ALTER TABLE decision ADD COLUMN waiting_since DATETIME(6);

-- The turnaround reports read decisions, and the status changes that end a request, by period.
CREATE INDEX ix_decision_decided_at ON decision (decided_at);
CREATE INDEX ix_audit_event_type_time ON audit_event (type, occurred_at);
