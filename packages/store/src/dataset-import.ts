import { createHash } from 'node:crypto';
import { type Dataset, DatasetSchema, type ImportIssue, type Observation, type Result } from '@lodestone/core';
import { type Db, dbErrorFields } from './db.ts';

/** The content hash a run records: sha-256 of the dataset's canonical JSON. */
export const datasetHash = (dataset: Dataset): string =>
  createHash('sha256').update(JSON.stringify(dataset)).digest('hex');

const BATCH = 500;

/** Thrown inside the import transaction so it rolls back; carries the row that failed. */
class RowRejected extends Error {
  constructor(readonly issue: ImportIssue) {
    super(issue.message);
  }
}

const observationRow = (o: Observation, i: number) => ({
  row_number: i + 1,
  commodity: o.commodity,
  stage: o.stage,
  metric: o.metric,
  year: o.year,
  iso3: o.area.kind === 'country' ? o.area.iso3 : null,
  label: o.label,
  value: o.value,
  unit: o.unit,
  source: o.source,
});

const INSERT_OBSERVATIONS = `INSERT INTO dataset_observations
  (dataset_version, row_number, commodity, stage, metric, year, iso3, label, value, unit, source)
  SELECT $1, r.row_number, r.commodity, r.stage, r.metric, r.year, r.iso3, r.label, r.value, r.unit, r.source
  FROM jsonb_to_recordset($2::jsonb) AS r(row_number integer, commodity text, stage text, metric text, year integer,
    iso3 text, label text, value double precision, unit text, source text)`;

/** The column a constraint or a database error is about. */
function columnOf(e: ReturnType<typeof dbErrorFields>): string | undefined {
  if (e.column !== undefined) return e.column;
  if (e.constraint?.includes('source')) return 'source';
  const m = /dataset_observations_(\w+?)_check/.exec(e.constraint ?? '');
  return m?.[1];
}

/**
 * Imports a dataset document (as read from `file`) in one transaction: the version, its sources and every
 * observation as a row. Any bad row rolls the whole import back; the issue names the file, the row (the
 * observation's 1-based position) and the column.
 */
export async function importDataset(
  db: Db,
  document: unknown,
  file: string,
  options: { makeCurrent?: boolean } = {},
): Promise<
  Result<{ version: string; contentHash: string; observations: number; warnings: ImportIssue[] }, ImportIssue[]>
> {
  const parsed = DatasetSchema.safeParse(document);
  if (!parsed.success)
    return {
      ok: false,
      error: parsed.error.issues.slice(0, 20).map((i) => {
        const [table, index, ...rest] = i.path;
        return {
          code: 'bad-value' as const,
          file,
          ...(typeof index === 'number' ? { row: index + 1 } : {}),
          column: typeof index === 'number' ? `${String(table)}.${rest.join('.')}` : i.path.join('.'),
          message: i.message,
        };
      }),
    };
  const dataset = parsed.data;
  // A source listed twice keeps its first entry; the repeat is reported, not fatal (observations cite ids).
  const seen = new Set<string>();
  const warnings: ImportIssue[] = [];
  const sources = dataset.sources.filter((s, i) => {
    if (!seen.has(s.id)) return seen.add(s.id);
    warnings.push({
      code: 'duplicate-row',
      file,
      row: i + 1,
      column: 'sources.id',
      message: `source ${s.id} listed twice; the first entry is kept`,
    });
    return false;
  });
  const contentHash = datasetHash(dataset);
  try {
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO dataset_versions (version, content_hash, source_file, document) VALUES ($1, $2, $3, $4::jsonb)`,
        [dataset.version, contentHash, file, JSON.stringify(dataset)],
      );
      await tx.query(
        `INSERT INTO dataset_sources (dataset_version, id, kind, title)
         SELECT $1, r.id, r.kind, r.title FROM jsonb_to_recordset($2::jsonb) AS r(id text, kind text, title text)`,
        [dataset.version, JSON.stringify(sources.map((s) => ({ id: s.id, kind: s.kind, title: s.title })))],
      );
      const rows = dataset.observations.map(observationRow);
      for (let start = 0; start < rows.length; start += BATCH) {
        const batch = rows.slice(start, start + BATCH);
        await tx.exec('SAVEPOINT batch');
        try {
          await tx.query(INSERT_OBSERVATIONS, [dataset.version, JSON.stringify(batch)]);
          await tx.exec('RELEASE SAVEPOINT batch');
        } catch {
          // Find the first row the database refuses, to name it; then the whole import rolls back.
          await tx.exec('ROLLBACK TO SAVEPOINT batch');
          for (const row of batch) {
            try {
              await tx.query(INSERT_OBSERVATIONS, [dataset.version, JSON.stringify([row])]);
            } catch (e) {
              const f = dbErrorFields(e);
              const column = columnOf(f);
              const value = column === undefined ? undefined : (row as Record<string, unknown>)[column];
              throw new RowRejected({
                code: 'bad-value',
                file,
                row: row.row_number,
                column: `observations.${column ?? '?'}`,
                message:
                  column === 'source'
                    ? `unknown source "${String(value)}"`
                    : `${f.message}${value === undefined ? '' : ` (value ${JSON.stringify(value)})`}`,
              });
            }
          }
          throw new Error('a batch failed but no single row did');
        }
      }
      if (options.makeCurrent ?? true) {
        await tx.query('UPDATE dataset_versions SET is_current = false WHERE is_current');
        await tx.query('UPDATE dataset_versions SET is_current = true WHERE version = $1', [dataset.version]);
      }
    });
  } catch (e) {
    if (e instanceof RowRejected) return { ok: false, error: [e.issue] };
    const f = dbErrorFields(e);
    if (f.code === '23505' && f.constraint === 'dataset_versions_pkey')
      return {
        ok: false,
        error: [
          { code: 'duplicate-row', file, column: 'version', message: `version ${dataset.version} already imported` },
        ],
      };
    throw e;
  }
  return {
    ok: true,
    value: { version: dataset.version, contentHash, observations: dataset.observations.length, warnings },
  };
}

/** The dataset versions stored, newest first. */
export async function datasetVersions(db: Db) {
  const rows = await db.query<{
    version: string;
    content_hash: string;
    source_file: string;
    is_current: boolean;
    imported_at: Date | string;
    observations: number;
  }>(
    `SELECT v.version, v.content_hash, v.source_file, v.is_current, v.imported_at,
       (SELECT count(*) FROM dataset_observations o WHERE o.dataset_version = v.version)::int AS observations
     FROM dataset_versions v ORDER BY v.imported_at DESC, v.version`,
  );
  return rows.map((r) => ({
    version: r.version,
    contentHash: r.content_hash,
    sourceFile: r.source_file,
    isCurrent: r.is_current,
    importedAt: new Date(r.imported_at).toISOString(),
    observations: r.observations,
  }));
}

/** A stored dataset version's document, parsed (what a worker on another machine computes with). */
export async function loadStoredDataset(db: Db, version: string): Promise<Dataset | undefined> {
  const rows = await db.query<{ document: unknown }>('SELECT document FROM dataset_versions WHERE version = $1', [
    version,
  ]);
  const doc = rows[0]?.document;
  if (doc === undefined) return undefined;
  return DatasetSchema.parse(typeof doc === 'string' ? JSON.parse(doc) : doc);
}
