-- Texts run through the intake, kept so that each proposed event's evidence spans can be shown in place.
CREATE TABLE intake_documents (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  lang text NOT NULL,
  published date,
  text text NOT NULL,
  owner text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The review queue: one proposed event each, with its status and its review history (who, when, what).
CREATE TABLE intake_queue (
  id bigserial PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES intake_documents (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('proposed', 'accepted', 'edited', 'rejected')),
  item jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intake_queue_status ON intake_queue (status, id);
