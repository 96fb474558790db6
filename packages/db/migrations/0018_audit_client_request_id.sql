-- The request id a client sent (X-Request-Id), kept apart from the server's own request_id: a
-- client may send anything, so it must not pose as the id the server logged the request under.
ALTER TABLE audit_log ADD COLUMN client_request_id text CHECK (length(client_request_id) <= 128);
