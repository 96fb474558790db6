-- Monitoring with the digital infrastructure index (DII, Decision 885/QĐ-BTTTT of 25/5/2023;
-- Plan 317/KH-UBND III.7 asks the city to track it and show it in the city's IOC).
-- Indicators against Plan 317's 2030 targets are computed on request (and cached in memory per
-- plan version content): they need no table.
-- Runs unchanged on PGlite and PostgreSQL 15 + PostGIS.

-- The criteria catalogue, versioned: a revision by the Ministry is a new row; old ones are kept
-- so values entered against them stay readable. The current catalogue is the highest version.
CREATE TABLE dii_catalogues (
  id          uuid PRIMARY KEY,
  version     integer NOT NULL UNIQUE CHECK (version >= 1),
  -- {"vi": "…", "en": "…"}
  title       jsonb NOT NULL,
  source      text NOT NULL CHECK (length(source) BETWEEN 1 AND 1000),
  notes       text CHECK (length(notes) <= 4000),
  -- [{code, name, criteria: [{code, name, unit, direction, target, targetYear, computedFrom, note}]}]
  groups      jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid
);

-- City-level values per criterion and year: entered by planners (manual) or derived by Hatang
-- from the register (computed). Keyed by the criterion's code, which revisions keep stable.
CREATE TABLE dii_values (
  id             uuid PRIMARY KEY,
  criterion_code text NOT NULL CHECK (criterion_code ~ '^[A-Z0-9][A-Z0-9._-]{0,31}$'),
  year           integer NOT NULL CHECK (year BETWEEN 2015 AND 2100),
  value          double precision NOT NULL,
  source         text NOT NULL CHECK (source IN ('manual', 'computed')),
  note           text CHECK (length(note) <= 2000),
  version        integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  entered_at     timestamptz NOT NULL DEFAULT now(),
  entered_by     uuid,
  UNIQUE (criterion_code, year)
);
CREATE INDEX dii_values_year_idx ON dii_values (year);
