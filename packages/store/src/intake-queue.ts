import type { Result } from '@lodestone/core';
import { type ReviewIssue, type ReviewItem, ReviewItemSchema, type ReviewStatus } from '@lodestone/intake';
import type { Db } from './db.ts';
import type { Identity } from './identity.ts';
import { recordChange } from './scenarios.ts';

/** A text run through the intake: its normalised form is what the evidence spans point into. */
export interface IntakeDocumentInput {
  readonly name: string;
  readonly lang: string;
  readonly published: string | null;
  readonly text: string;
}

/** One queued event with its document. */
export interface QueuedEvent {
  readonly id: number;
  readonly status: ReviewStatus;
  readonly item: ReviewItem;
  readonly document: IntakeDocumentInput & { readonly id: number };
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface QueueRow {
  id: number | string;
  status: ReviewStatus;
  item: unknown;
  created_at: Date | string;
  updated_at: Date | string;
  document_id: number | string;
  name: string;
  lang: string;
  published: Date | string | null;
  text: string;
}

const isoDay = (d: Date | string | null): string | null =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);

const queued = (r: QueueRow): QueuedEvent => ({
  id: Number(r.id),
  status: r.status,
  item: ReviewItemSchema.parse(typeof r.item === 'string' ? JSON.parse(r.item) : r.item),
  document: { id: Number(r.document_id), name: r.name, lang: r.lang, published: isoDay(r.published), text: r.text },
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

const SELECT = `SELECT q.id, q.status, q.item, q.created_at, q.updated_at, q.document_id,
  d.name, d.lang, to_char(d.published, 'YYYY-MM-DD') AS published, d.text
  FROM intake_queue q JOIN intake_documents d ON d.id = q.document_id`;

/** Stores a document and queues its proposed events, all or nothing; each proposal enters the change history. */
export async function queueIntake(
  db: Db,
  document: IntakeDocumentInput,
  items: readonly ReviewItem[],
  who: Identity,
): Promise<QueuedEvent[]> {
  return db.transaction(async (tx) => {
    const doc = await tx.query<{ id: number | string }>(
      `INSERT INTO intake_documents (name, lang, published, text, owner) VALUES ($1, $2, $3::date, $4, $5) RETURNING id`,
      [document.name, document.lang, document.published, document.text, who.id],
    );
    const documentId = Number(doc[0]?.id);
    const ids: number[] = [];
    for (const item of items) {
      const row = await tx.query<{ id: number | string }>(
        `INSERT INTO intake_queue (document_id, status, item) VALUES ($1, $2, $3::jsonb) RETURNING id`,
        [documentId, item.status, JSON.stringify(item)],
      );
      const id = Number(row[0]?.id);
      await recordChange(tx, 'intake_event', String(id), who.id, null, item);
      ids.push(id);
    }
    if (ids.length === 0) return [];
    return (await tx.query<QueueRow>(`${SELECT} WHERE q.id = ANY($1::bigint[]) ORDER BY q.id`, [ids])).map(queued);
  });
}

/** The queue, oldest first, optionally of one status. */
export async function listQueue(db: Db, status?: ReviewStatus, limit = 500): Promise<QueuedEvent[]> {
  const rows =
    status === undefined
      ? await db.query<QueueRow>(`${SELECT} ORDER BY q.id LIMIT $1`, [limit])
      : await db.query<QueueRow>(`${SELECT} WHERE q.status = $1 ORDER BY q.id LIMIT $2`, [status, limit]);
  return rows.map(queued);
}

/** One queued event, or undefined. */
export async function getQueued(db: Db, id: number): Promise<QueuedEvent | undefined> {
  const rows = await db.query<QueueRow>(`${SELECT} WHERE q.id = $1`, [id]);
  return rows[0] === undefined ? undefined : queued(rows[0]);
}

export type QueueWriteError = { readonly code: 'not-found'; readonly message: string } | ReviewIssue;

/**
 * Applies one review step (accept, edit, reject: the intake's pure functions) to a queued event under a row
 * lock, so two reviewers cannot both act on the same proposal; the step enters the change history.
 */
export async function reviewQueued(
  db: Db,
  id: number,
  who: Identity,
  step: (item: ReviewItem) => Result<ReviewItem, ReviewIssue>,
): Promise<QueuedEvent | QueueWriteError> {
  return db.transaction(async (tx) => {
    const current = (await tx.query<QueueRow>(`${SELECT} WHERE q.id = $1 FOR UPDATE OF q`, [id]))[0];
    if (!current) return { code: 'not-found', message: `no queued event ${id}` } as const;
    const before = queued(current);
    const next = step(before.item);
    if (!next.ok) return next.error;
    await tx.query(`UPDATE intake_queue SET status = $2, item = $3::jsonb, updated_at = now() WHERE id = $1`, [
      id,
      next.value.status,
      JSON.stringify(next.value),
    ]);
    await recordChange(tx, 'intake_event', String(id), who.id, before.item, next.value);
    const row = (await tx.query<QueueRow>(`${SELECT} WHERE q.id = $1`, [id]))[0];
    if (!row) throw new Error(`queued event ${id} vanished during its review`);
    return queued(row);
  });
}
