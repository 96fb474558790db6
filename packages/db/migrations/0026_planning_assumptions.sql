-- Planning assumptions the city sets itself (issue #17 item 5, "DII honesty"): Plan 317 sets its
-- targets for 2030 only, so every figure Hatang shows for an earlier year, and every task's due
-- date, is an assumption. Each is labelled so, editable by whoever owns it, and audited.

-- An interim target for the intermediate milestone (2027) of an indicator Plan 317 sets a 2030
-- target for. One row per indicator and milestone once first set; `value` NULL: cleared (the row
-- stays so its audit history keeps one record id and rising versions). No row: none set.
CREATE TABLE indicator_interim_targets (
  id             uuid PRIMARY KEY,
  indicator_key  text NOT NULL,
  -- The milestone the target is for: fixed at 2027 (plan items' phases end in 2027 and 2030).
  milestone_year integer NOT NULL CHECK (milestone_year = 2027),
  -- The least value that meets it, in the indicator's unit; with `max_value`, a range.
  value          double precision,
  max_value      double precision,
  -- Why the city chose it (or cleared it).
  note           text NOT NULL,
  set_by         uuid REFERENCES users (id) ON DELETE SET NULL,
  set_by_org_id  uuid NOT NULL REFERENCES organisations (id),
  set_at         timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  UNIQUE (indicator_key, milestone_year),
  CHECK (max_value IS NULL OR (value IS NOT NULL AND max_value >= value))
);

-- A task's due date as the Department of Science and Technology sets it (the plan gives none per
-- task): who, when and why; NULL while the seeded assumption (31/12/2030) stands. `version` is the
-- task's record version in the audit log.
ALTER TABLE plan_tasks
  ADD COLUMN due_set_by uuid REFERENCES users (id) ON DELETE SET NULL,
  ADD COLUMN due_set_by_org_id uuid REFERENCES organisations (id),
  ADD COLUMN due_set_at timestamptz,
  ADD COLUMN due_note text,
  ADD COLUMN version integer NOT NULL DEFAULT 1;
