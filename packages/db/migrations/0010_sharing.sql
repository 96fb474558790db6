-- Sharing: a change counter per network table (ducts, poles, trenches/tunnels, streets), bumped by a
-- statement trigger on every write — API, imports, seeds and direct SQL alike — so the route planner
-- learns from one small read that its cached graph is stale, instead of aggregating ~50,000 rows on
-- every request. The counter is a row, not a sequence: its bump commits (or rolls back) with the
-- write, so a reader never sees a new version before the data it stands for.
CREATE TABLE network_versions (
  table_name text PRIMARY KEY,
  version    bigint NOT NULL DEFAULT 0
);
INSERT INTO network_versions (table_name) VALUES ('ducts'), ('poles'), ('trenches_tunnels'), ('streets');

CREATE FUNCTION bump_network_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE network_versions SET version = version + 1 WHERE table_name = TG_TABLE_NAME;
  RETURN NULL;
END
$$;

CREATE TRIGGER ducts_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ducts
  FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
CREATE TRIGGER poles_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON poles
  FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
CREATE TRIGGER trenches_tunnels_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON trenches_tunnels
  FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
CREATE TRIGGER streets_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON streets
  FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
