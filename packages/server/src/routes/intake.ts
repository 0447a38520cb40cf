import { formatImportIssue } from '@lodestone/core';
import {
  acceptReview,
  editReview,
  EventFieldsSchema,
  IntakeResultSchema,
  MIN_CONFIDENCE,
  proposeReview,
  rejectReview,
  ReviewItemSchema,
  ReviewStatusSchema,
  runIntake,
} from '@lodestone/intake';
import { loadGazetteer, readFrameworkRefs } from '@lodestone/intake/read-input';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  getQueued,
  listQueue,
  type QueuedEvent,
  queueIntake,
  type QueueWriteError,
  reviewQueued,
} from '@lodestone/store';
import { z } from 'zod';
import { requireRole } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { HttpProblem, notFound } from '../http-errors.ts';

/** The largest text read in one request (characters); the body limit of the server also applies. */
const MAX_TEXT = 1_000_000;

const IntakeBody = z.object({
  text: z.string().min(1, 'no text').max(MAX_TEXT, `at most ${MAX_TEXT} characters`).describe('plain text or HTML'),
  document: z.string().min(1).max(200).default('request').describe('a name for the document, used in event ids'),
  published: z.iso.date().optional().describe('publication date (YYYY-MM-DD) that relative dates are resolved against'),
  lang: z.enum(['auto', 'en', 'ja', 'zh', 'ar']).default('auto'),
  minConfidence: z.number().min(0).max(1).default(MIN_CONFIDENCE),
});

const QueuedSchema = z.object({
  id: z.number().int(),
  status: ReviewStatusSchema,
  event: ReviewItemSchema.shape.event,
  history: ReviewItemSchema.shape.history,
  document: z.object({
    id: z.number().int(),
    name: z.string(),
    lang: z.string(),
    published: z.string().nullable(),
    text: z.string().describe('the normalised text the evidence spans point into'),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const queuedView = (q: QueuedEvent): z.infer<typeof QueuedSchema> => ({
  id: q.id,
  status: q.status,
  event: q.item.event,
  history: q.item.history,
  document: q.document,
  createdAt: q.createdAt,
  updatedAt: q.updatedAt,
});

const QueueId = z.object({ id: z.coerce.number().int().positive() });
const ReviewNote = z.object({ note: z.string().min(1).max(2000).optional() }).nullish();
const EditBody = z.object({
  fields: EventFieldsSchema.partial().strict().describe('the event fields to change'),
  note: z.string().min(1).max(2000).optional(),
});

/** A refused review step as an HTTP problem: an unknown id 404, a closed event 409, an empty edit 400. */
const refused = (e: QueueWriteError) =>
  new HttpProblem(e.code === 'not-found' ? 'not_found' : e.code === 'not-open' ? 'conflict' : 'bad_request', e.message);

/**
 * POST /api/intake: a news item or notice in English, Japanese, Chinese or Arabic → proposed events with evidence;
 * /api/intake/queue: the same events stored for review (accept, edit, reject), each step in their history.
 */
export function intakeRoutes(
  ctx: ServerContext,
  clock: () => string = () => new Date().toISOString(),
): FastifyPluginAsyncZod {
  const gazetteer = loadGazetteer();
  if (!gazetteer.ok) throw new Error(gazetteer.error.map(formatImportIssue).join('\n'));
  const regime = { ...ctx.dataset, frameworks: readFrameworkRefs() };
  const intake = (b: z.infer<typeof IntakeBody>) =>
    runIntake(b.text, {
      document: b.document,
      gazetteer: gazetteer.value,
      regime,
      published: b.published ?? null,
      lang: b.lang === 'auto' ? null : b.lang,
      minConfidence: b.minConfidence,
    });
  return async (app) => {
    app.post(
      '/api/intake',
      {
        schema: {
          tags: ['intake'],
          summary:
            'Propose events (export controls, agreements, projects, price floors, stockpiles, screening) from a text',
          body: IntakeBody,
          response: { 200: IntakeResultSchema },
        },
      },
      async (req) => {
        const b = req.body;
        if (b.text.includes('\u0000')) throw new HttpProblem('bad_request', 'binary data, not text');
        return intake(b);
      },
    );

    app.post(
      '/api/intake/queue',
      {
        config: { role: 'analyst' },
        schema: {
          tags: ['intake'],
          summary: 'Run the intake on a text and queue its proposed events for review (analyst)',
          body: IntakeBody,
          response: { 201: z.array(QueuedSchema) },
        },
      },
      async (req, reply) => {
        const who = requireRole(req, 'analyst');
        if (req.body.text.includes('\u0000')) throw new HttpProblem('bad_request', 'binary data, not text');
        const result = intake(req.body);
        const at = clock();
        const items = result.events.map((e) => proposeReview(e, { by: who.id, at }));
        const document = { name: result.document, lang: result.lang, published: result.published, text: result.text };
        const stored = await queueIntake(ctx.db, document, items, who);
        return reply.status(201).send(stored.map(queuedView));
      },
    );

    app.get(
      '/api/intake/queue',
      {
        schema: {
          tags: ['intake'],
          summary: 'Queued events, oldest first, optionally of one status',
          querystring: z.object({ status: ReviewStatusSchema.optional() }),
          response: { 200: z.array(QueuedSchema) },
        },
      },
      async (req) => (await listQueue(ctx.db, req.query.status)).map(queuedView),
    );

    app.get(
      '/api/intake/queue/:id',
      {
        schema: {
          tags: ['intake'],
          summary: 'One queued event with its review history',
          params: QueueId,
          response: { 200: QueuedSchema },
        },
      },
      async (req) => {
        const q = await getQueued(ctx.db, req.params.id);
        if (!q) throw notFound(`queued event ${req.params.id}`);
        return queuedView(q);
      },
    );

    for (const [action, step] of [
      ['accept', acceptReview],
      ['reject', rejectReview],
    ] as const)
      app.post(
        `/api/intake/queue/:id/${action}`,
        {
          config: { role: 'analyst' },
          schema: {
            tags: ['intake'],
            summary: `${action === 'accept' ? 'Accept' : 'Reject'} a proposed or edited event (analyst); an optional note`,
            params: QueueId,
            body: ReviewNote,
            response: { 200: QueuedSchema },
          },
        },
        async (req) => {
          const who = requireRole(req, 'analyst');
          const actor = { by: who.id, at: clock(), ...(req.body?.note ? { note: req.body.note } : {}) };
          const done = await reviewQueued(ctx.db, req.params.id, who, (item) => step(item, actor));
          if ('code' in done) throw refused(done);
          return queuedView(done);
        },
      );

    app.patch(
      '/api/intake/queue/:id',
      {
        config: { role: 'analyst' },
        schema: {
          tags: ['intake'],
          summary: 'Edit fields of a proposed or edited event (analyst); each change is kept, before and after',
          params: QueueId,
          body: EditBody,
          response: { 200: QueuedSchema },
        },
      },
      async (req) => {
        const who = requireRole(req, 'analyst');
        const actor = { by: who.id, at: clock(), ...(req.body.note ? { note: req.body.note } : {}) };
        const done = await reviewQueued(ctx.db, req.params.id, who, (item) => editReview(item, req.body.fields, actor));
        if ('code' in done) throw refused(done);
        return queuedView(done);
      },
    );
  };
}
