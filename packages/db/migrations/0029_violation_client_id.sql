-- The id a phone gave a violation it recorded offline (issue #18 item 5): the inspector app queues
-- the report with a client-generated UUID and may send it again after a lost answer, so the server
-- answers the report already stored under that id instead of recording it twice. Unique within
-- the recording organisation only: another organisation's id never collides with (or reveals) ours.
ALTER TABLE violations ADD COLUMN client_id uuid;
ALTER TABLE violations ADD CONSTRAINT violations_reported_org_id_client_id_key UNIQUE (reported_org_id, client_id);
