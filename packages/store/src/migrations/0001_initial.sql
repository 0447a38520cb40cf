-- Dataset versions: each import is one row; observations and sources are kept as rows for queries.
CREATE TABLE dataset_versions (
  version text PRIMARY KEY,
  content_hash text NOT NULL,
  source_file text NOT NULL,
  document jsonb NOT NULL,
  is_current boolean NOT NULL DEFAULT false,
  imported_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX dataset_versions_one_current ON dataset_versions (is_current) WHERE is_current;

CREATE TABLE dataset_sources (
  dataset_version text NOT NULL REFERENCES dataset_versions (version) ON DELETE CASCADE,
  id text NOT NULL,
  kind text NOT NULL,
  title text NOT NULL,
  PRIMARY KEY (dataset_version, id)
);

CREATE TABLE dataset_observations (
  dataset_version text NOT NULL,
  row_number integer NOT NULL,
  commodity text NOT NULL,
  stage text NOT NULL,
  metric text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2100),
  iso3 text CHECK (iso3 ~ '^[A-Z]{3}$'),
  label text NOT NULL,
  value double precision CHECK (value >= 0),
  unit text NOT NULL,
  source text NOT NULL,
  PRIMARY KEY (dataset_version, row_number),
  FOREIGN KEY (dataset_version, source) REFERENCES dataset_sources (dataset_version, id) ON DELETE CASCADE
);
CREATE INDEX dataset_observations_series ON dataset_observations (dataset_version, commodity, stage, year);

CREATE TABLE api_keys (
  id text PRIMARY KEY,
  key_hash text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
  partners text[] NOT NULL DEFAULT '{}',
  label text,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- Built-in scenarios come from the dataset (owner 'builtin'); stored ones belong to a key (or 'local').
CREATE TABLE scenarios (
  id text PRIMARY KEY,
  document jsonb NOT NULL,
  built_in boolean NOT NULL DEFAULT false,
  owner text NOT NULL,
  partners text[],
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE change_history (
  id bigserial PRIMARY KEY,
  entity text NOT NULL,
  entity_id text NOT NULL,
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now(),
  before jsonb,
  after jsonb NOT NULL
);
CREATE INDEX change_history_entity ON change_history (entity, entity_id, id);

CREATE TABLE runs (
  id text PRIMARY KEY,
  scenario_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  done integer NOT NULL DEFAULT 0,
  total integer NOT NULL,
  owner text NOT NULL,
  partners text[],
  dataset_version text NOT NULL,
  dataset_hash text NOT NULL,
  scenario jsonb NOT NULL,
  seed bigint NOT NULL,
  months integer NOT NULL,
  runs integer NOT NULL,
  report jsonb,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX runs_scenario ON runs (scenario_id, created_at);

CREATE TABLE sweeps (
  id text PRIMARY KEY,
  scenario_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'merging', 'done', 'failed')),
  total integer NOT NULL CHECK (total > 0),
  job_size integer NOT NULL CHECK (job_size > 0),
  owner text NOT NULL,
  partners text[],
  dataset_version text NOT NULL,
  dataset_hash text NOT NULL,
  scenario jsonb NOT NULL,
  seed bigint NOT NULL,
  months integer NOT NULL,
  report jsonb,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);

-- One row per Monte Carlo run: a retried job writes the same keys and adds nothing.
CREATE TABLE sweep_results (
  sweep_id text NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
  run_index integer NOT NULL CHECK (run_index >= 0),
  outcome jsonb NOT NULL,
  PRIMARY KEY (sweep_id, run_index)
);

-- Sweep workers announce themselves; a worker silent for too long is presumed dead and its jobs released.
CREATE TABLE sweep_workers (
  worker_id text PRIMARY KEY,
  host text NOT NULL,
  heartbeat_at timestamptz NOT NULL DEFAULT now()
);
