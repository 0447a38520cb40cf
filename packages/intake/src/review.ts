/**
 * The review queue: a proposed event is accepted, edited or rejected by an analyst, each step recorded
 * with who, when and what changed. Pure functions over values; the caller supplies the time.
 */
import { err, ok, type Result } from '@lodestone/core';
import { z } from 'zod';
import { type EventFields, EventFieldsSchema, IntakeEventSchema } from './model.ts';

export const ReviewStatusSchema = z.enum(['proposed', 'accepted', 'edited', 'rejected']);
export type ReviewStatus = z.infer<typeof ReviewStatusSchema>;

export const ReviewStepSchema = z.object({
  action: z.enum(['propose', 'accept', 'edit', 'reject']),
  by: z.string().min(1),
  at: z.iso.datetime(),
  note: z.string().nullable(),
  /** For an edit: the fields changed, before and after. */
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});
export type ReviewStep = z.infer<typeof ReviewStepSchema>;

export const ReviewItemSchema = z.object({
  event: IntakeEventSchema,
  status: ReviewStatusSchema,
  history: z.array(ReviewStepSchema).min(1),
});
export type ReviewItem = z.infer<typeof ReviewItemSchema>;

export interface ReviewActor {
  readonly by: string;
  /** ISO date-time, from the caller's clock. */
  readonly at: string;
  readonly note?: string;
}

export interface ReviewIssue {
  readonly code: 'not-open' | 'bad-edit' | 'no-change';
  readonly message: string;
}

/** Puts a proposed event in the queue. */
export function proposeReview(event: ReviewItem['event'], actor: ReviewActor): ReviewItem {
  return { event, status: 'proposed', history: [step('propose', actor, [])] };
}

const isOpen = (item: ReviewItem) => item.status === 'proposed' || item.status === 'edited';
const notOpen = (item: ReviewItem): ReviewIssue => ({
  code: 'not-open',
  message: `event ${item.event.id} is ${item.status}; only proposed or edited events can be reviewed`,
});

/** Accepts an open event as it stands. */
export function acceptReview(item: ReviewItem, actor: ReviewActor): Result<ReviewItem, ReviewIssue> {
  if (!isOpen(item)) return err(notOpen(item));
  return ok({ ...item, status: 'accepted', history: [...item.history, step('accept', actor, [])] });
}

/** Rejects an open event; the reason goes in the note. */
export function rejectReview(item: ReviewItem, actor: ReviewActor): Result<ReviewItem, ReviewIssue> {
  if (!isOpen(item)) return err(notOpen(item));
  return ok({ ...item, status: 'rejected', history: [...item.history, step('reject', actor, [])] });
}

/** Changes some fields of an open event; the patch is validated and each change recorded. */
export function editReview(item: ReviewItem, patch: unknown, actor: ReviewActor): Result<ReviewItem, ReviewIssue> {
  if (!isOpen(item)) return err(notOpen(item));
  const parsed = EventFieldsSchema.partial().strict().safeParse(patch);
  if (!parsed.success)
    return err({
      code: 'bad-edit',
      message: parsed.error.issues.map((i) => `[$.${i.path.join('.')}]: ${i.message}`).join('; '),
    });
  const before = item.event.fields;
  const after: EventFields = { ...before };
  for (const [field, value] of Object.entries(parsed.data))
    if (value !== undefined) Object.assign(after, { [field]: value });
  const changes = Object.entries(parsed.data)
    .filter(([, value]) => value !== undefined)
    .filter(([field, after]) => JSON.stringify(before[field as keyof typeof before]) !== JSON.stringify(after))
    .map(([field, after]) => ({ field, before: before[field as keyof typeof before], after }));
  if (changes.length === 0) return err({ code: 'no-change', message: 'the edit changes nothing' });
  return ok({
    event: { ...item.event, fields: after },
    status: 'edited',
    history: [...item.history, step('edit', actor, changes)],
  });
}

function step(action: ReviewStep['action'], actor: ReviewActor, changes: ReviewStep['changes']): ReviewStep {
  return { action, by: actor.by, at: actor.at, note: actor.note ?? null, changes };
}
