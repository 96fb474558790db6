-- Plan 317's task register (issue #17): the tasks its section V ("Tổ chức thực hiện") assigns to
-- departments, communes and operators, each agency's progress reports on them (append-only: the
-- history is the record the quarterly report is compiled from), and the obstacles ("khó khăn,
-- vướng mắc") organisations raise in writing to the agency that must act, collected by the
-- Department of Science and Technology.

-- Which of the plan's agencies an organisation is (NULL: none, e.g. the public).
ALTER TABLE organisations ADD COLUMN plan_agency text CHECK (plan_agency IN (
  'dost', 'finance', 'construction', 'police', 'industry_trade', 'economic_zones',
  'departments', 'communes', 'media', 'operators', 'city'));

CREATE TABLE plan_tasks (
  id                 uuid PRIMARY KEY,
  -- `V.1.2`: section V, item 1, paragraph 2, as the plan numbers them.
  code               text NOT NULL UNIQUE,
  section            text NOT NULL,
  lead_agency        text NOT NULL,
  supporting_agencies text[] NOT NULL DEFAULT '{}',
  title_vi           text NOT NULL,
  title_en           text NOT NULL,
  -- The plan's own words.
  body               text NOT NULL,
  indicator          text,
  cadence            text NOT NULL CHECK (cadence IN ('once', 'ongoing')),
  due_date           date NOT NULL,
  -- The plan sets no date per task: a due date of Hatang's is a planning assumption, said so.
  due_is_assumption  boolean NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plan_task_reports (
  id            uuid PRIMARY KEY,
  task_id       uuid NOT NULL REFERENCES plan_tasks (id) ON DELETE CASCADE,
  org_id        uuid NOT NULL REFERENCES organisations (id),
  reported_by   uuid REFERENCES users (id) ON DELETE SET NULL,
  status        text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'blocked')),
  progress_pct  integer NOT NULL CHECK (progress_pct BETWEEN 0 AND 100),
  note          text NOT NULL,
  -- [{ kind: plan_item | asset | indicator | url, ref, label? }]
  evidence      jsonb NOT NULL DEFAULT '[]',
  reported_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_task_reports_task ON plan_task_reports (task_id, reported_at DESC);

CREATE TABLE obstacles (
  id                 uuid PRIMARY KEY,
  task_id            uuid REFERENCES plan_tasks (id) ON DELETE SET NULL,
  geom               geometry(Point, 4326),
  addressed_to       text NOT NULL,
  title              text NOT NULL,
  body               text NOT NULL,
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'resolved')),
  raised_by_org_id   uuid NOT NULL REFERENCES organisations (id),
  raised_by          uuid REFERENCES users (id) ON DELETE SET NULL,
  raised_at          timestamptz NOT NULL DEFAULT now(),
  first_answered_at  timestamptz,
  resolved_at        timestamptz,
  -- Bumped by each answer and by resolving: the audit log's version of the obstacle.
  version            integer NOT NULL DEFAULT 1,
  CHECK (task_id IS NOT NULL OR geom IS NOT NULL)
);
CREATE INDEX obstacles_open ON obstacles (addressed_to) WHERE status <> 'resolved';

CREATE TABLE obstacle_answers (
  id           uuid PRIMARY KEY,
  obstacle_id  uuid NOT NULL REFERENCES obstacles (id) ON DELETE CASCADE,
  org_id       uuid NOT NULL REFERENCES organisations (id),
  answered_by  uuid REFERENCES users (id) ON DELETE SET NULL,
  body         text NOT NULL,
  answered_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX obstacle_answers_obstacle ON obstacle_answers (obstacle_id, answered_at);
