-- The project pipeline: one row per record (retired ones too), seeded from the bundled records; the owner is
-- the key that added it ('builtin' for the bundled ones).
CREATE TABLE projects (
  id text PRIMARY KEY,
  record jsonb NOT NULL,
  owner text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every change with its field-level diff, numbered in the order applied.
CREATE TABLE project_history (
  seq integer PRIMARY KEY CHECK (seq > 0),
  project_id text NOT NULL,
  entry jsonb NOT NULL
);
CREATE INDEX project_history_project ON project_history (project_id, seq);
