-- Attachments in pieces of at most 1 MiB, each its own row, so that no statement carries a whole file: a file of
-- 10 MB in one row is larger than MariaDB's default max_allowed_packet of 16 MiB allows once encoded, and Steward must
-- not depend on a server setting. Files stored before keep their bytes as one piece, at position 0 (they were stored,
-- so they fit); deleting a file deletes its pieces.
CREATE TABLE request_attachment_chunk (
  attachment_id BIGINT   NOT NULL,
  position      INT      NOT NULL,
  content       LONGBLOB NOT NULL,
  PRIMARY KEY (attachment_id, position),
  CONSTRAINT fk_request_attachment_chunk FOREIGN KEY (attachment_id) REFERENCES request_attachment (id)
    ON DELETE CASCADE
);

INSERT INTO request_attachment_chunk (attachment_id, position, content)
  SELECT id, 0, content FROM request_attachment;

ALTER TABLE request_attachment DROP COLUMN content;
