-- Files attached to a permit application, a violation report or a co-location request
-- (drawings, owners' consent, photos). Only PDF, JPEG and PNG, checked by their first bytes;
-- at most 10 MiB each. Stored in the database so that a backup holds everything.
CREATE TABLE attachments (
  id            uuid PRIMARY KEY,
  subject_kind  text NOT NULL CHECK (subject_kind IN ('permit_application', 'violation', 'colocation_request')),
  subject_id    uuid NOT NULL,
  -- What the file is for, e.g. 'drawing', 'owner_consent', 'photo', 'decision'.
  purpose       text NOT NULL DEFAULT 'other' CHECK (length(purpose) BETWEEN 1 AND 40),
  file_name     text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  media_type    text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes    integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
  sha256        text NOT NULL CHECK (length(sha256) = 64),
  content       bytea NOT NULL,
  created_by    uuid REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_subject_idx ON attachments (subject_kind, subject_id, created_at);
