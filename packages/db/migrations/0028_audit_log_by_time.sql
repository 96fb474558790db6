-- The admin's audit log view filters by day (Vietnam time) and pages newest first: an index on the
-- time lets a day's or a month's entries be found without reading the whole log.
CREATE INDEX audit_log_at_idx ON audit_log (at);
