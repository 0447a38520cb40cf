import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ChangeEntry,
  type Dataset,
  formatImportIssue,
  type ImportIssue,
  parseCsvTable,
  parseFinanciers,
  parseProjects,
  type Project,
  type ProjectReferences,
  projectReferencesOf,
  ProjectSchema,
  redactProject,
} from '@lodestone/core';
import { dbProjectStore, type Identity, projectOwner, projectOwners, seedProjects } from '@lodestone/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { HttpProblem, notFound } from '../http-errors.ts';

/** The bundled pipeline: data/projects (financiers.csv and one JSON record per project). */
const PROJECTS_DIR = new URL('../../../../data/projects/', import.meta.url).pathname;

const failed = (issues: readonly ImportIssue[]) => new Error(issues.map(formatImportIssue).join('\n'));

/** Reads and validates the bundled pipeline against the dataset, all or nothing. */
function readBundledProjects(dataset: Dataset, dir = PROJECTS_DIR): { refs: ProjectReferences; projects: Project[] } {
  const table = parseCsvTable(readFileSync(join(dir, 'financiers.csv'), 'utf8'), 'projects/financiers.csv');
  if (!table.ok) throw failed(table.error);
  const financiers = parseFinanciers(
    table.value,
    new Set(dataset.countries.map((c) => c.iso3)),
    new Set(dataset.sources.map((s) => s.id)),
  );
  if (!financiers.ok) throw failed(financiers.error);
  const refs = projectReferencesOf(dataset, financiers.value);
  const records = join(dir, 'records');
  const documents = readdirSync(records)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: `projects/records/${f}`, document: JSON.parse(readFileSync(join(records, f), 'utf8')) }));
  const projects = parseProjects(documents, refs);
  if (!projects.ok) throw failed(projects.error);
  return { refs, projects: projects.value };
}

/** Whether `who` sees a restricted record whole: a key of a partner it names, or its owner (as `canSee`). */
const seesWhole = (p: Project, who: Identity, owner: string | undefined): boolean =>
  p.restriction === null || owner === who.id || who.partners.some((c) => p.restriction?.partners.some((x) => x === c));

const redacted = (p: Project, who: Identity, owner: string | undefined): Project =>
  seesWhole(p, who, owner) ? p : redactProject(p, null);

/** A history entry without the diff of fields hidden from `who`. */
function redactedEntry(e: ChangeEntry, p: Project, who: Identity, owner: string | undefined): ChangeEntry {
  if (!p.restriction || seesWhole(p, who, owner)) return e;
  const hidden = p.restriction.fields;
  return { ...e, diff: e.diff.filter((d) => !hidden.some((f) => new RegExp(`^\\$\\.${f}(\\.|\\[|$)`).test(d.path))) };
}

/** Core issues as 400 issues whose paths name the request body (`$.capex.amount` → `body.capex.amount`). */
const badRequest = (issues: readonly ImportIssue[]) =>
  new HttpProblem(
    'bad_request',
    'the project record is invalid',
    issues.map((i) => {
      const column = i.column ?? '$';
      return {
        path: column.startsWith('$') ? column.replace(/^\$/, 'body') : `body.${column}`,
        message: i.message,
      };
    }),
  );

const Id = z.object({ id: z.string().min(1).max(100) });
const Listed = z.array(ProjectSchema);
const Entry = z.object({
  seq: z.number(),
  id: z.string(),
  kind: z.enum(['add', 'edit', 'retire']),
  at: z.string(),
  by: z.string(),
  reason: z.string().nullable(),
  diff: z.array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() })),
});
/** A PATCH: top-level fields of the record to replace (`id` and `retired` cannot be). */
const Patch = z
  .record(z.string(), z.unknown())
  .refine((o) => Object.keys(o).length > 0, 'give at least one field to change')
  .describe('top-level fields of the record to replace, e.g. {"status": "construction", "capex": {...}}');

/**
 * The project pipeline in the database: reads (restricted fields removed for other partners), and adds, edits
 * and retirements through the core's `applyProjectChange`, each kept in the history with its field diff.
 */
export function projectRoutes(
  ctx: ServerContext,
  o: { clock?: () => string; bundled?: { refs: ProjectReferences; projects: Project[] } } = {},
): FastifyPluginAsyncZod {
  const clock = o.clock ?? (() => new Date().toISOString());
  const { refs, projects } = o.bundled ?? readBundledProjects(ctx.dataset);
  const store = dbProjectStore(ctx.db, refs);
  /** The caller may change the record: its owner, or an admin. */
  const mayChange = async (id: string, who: Identity) => {
    const owner = await projectOwner(ctx.db, id);
    if (owner === undefined) throw notFound(`project ${id}`);
    if (owner !== who.id && who.role !== 'admin')
      throw new HttpProblem(
        'forbidden',
        `project ${id} belongs to ${owner === 'builtin' ? 'the bundled pipeline' : 'another key'}; an admin may change it`,
      );
  };
  const applied = async (result: Awaited<ReturnType<typeof store.apply>>, who: Identity) => {
    if (!result.ok) {
      const conflict = result.error.find((i) => i.code === 'duplicate-row');
      if (conflict) throw new HttpProblem('conflict', conflict.message);
      throw badRequest(result.error);
    }
    const p = await store.get(result.value.id);
    if (!p) throw new Error(`project ${result.value.id} vanished after a change`);
    return redacted(p, who, await projectOwner(ctx.db, p.id));
  };
  return async (app) => {
    await seedProjects(ctx.db, projects);

    app.get(
      '/api/projects',
      {
        schema: {
          tags: ['projects'],
          summary: 'Projects of the pipeline (lodestone projects --json); restricted fields only for their partners',
          querystring: z.object({
            stage: z.string().optional(),
            product: z.string().optional().describe('a product family (magnets, batteries, …) or a network product'),
            country: z
              .string()
              .transform((s) => s.toUpperCase())
              .pipe(z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code'))
              .optional(),
            status: z.string().optional(),
            includeRetired: z
              .enum(['true', 'false'])
              .transform((v) => v === 'true')
              .optional(),
          }),
          response: { 200: Listed },
        },
      },
      async (req) => {
        const owners = await projectOwners(ctx.db);
        return (await store.list(req.query)).map((p) => redacted(p, req.identity, owners.get(p.id)));
      },
    );

    app.get(
      '/api/projects/:id',
      { schema: { tags: ['projects'], summary: 'One project', params: Id, response: { 200: ProjectSchema } } },
      async (req) => {
        const p = await store.get(req.params.id);
        if (!p) throw notFound(`project ${req.params.id}`);
        return redacted(p, req.identity, await projectOwner(ctx.db, p.id));
      },
    );

    app.get(
      '/api/projects/:id/history',
      {
        schema: {
          tags: ['projects'],
          summary: "A project's changes, oldest first, each with its field diff",
          params: Id,
          response: { 200: z.array(Entry) },
        },
      },
      async (req) => {
        const p = await store.get(req.params.id);
        if (!p) throw notFound(`project ${req.params.id}`);
        const owner = await projectOwner(ctx.db, p.id);
        return (await store.history(req.params.id)).map((e) => redactedEntry(e, p, req.identity, owner));
      },
    );

    app.post(
      '/api/projects',
      {
        config: { role: 'analyst' },
        schema: {
          tags: ['projects'],
          summary: 'Add a project record (analyst); checked against the countries, financiers, products and sources',
          body: ProjectSchema,
          response: { 201: ProjectSchema },
        },
      },
      async (req, reply) => {
        const who = requireRole(req, 'analyst');
        const meta = { at: clock(), by: who.id, origin: 'body' };
        const p = await applied(await store.apply({ kind: 'add', project: req.body }, meta), who);
        return reply.status(201).send(p);
      },
    );

    app.patch(
      '/api/projects/:id',
      {
        config: { role: 'analyst' },
        schema: {
          tags: ['projects'],
          summary: 'Replace fields of a project (its owner, or an admin); the history keeps each field changed',
          params: Id,
          body: Patch,
          response: { 200: ProjectSchema },
        },
      },
      async (req) => {
        const who = requireRole(req, 'analyst');
        await mayChange(req.params.id, who);
        const set = Object.entries(req.body).map(([path, value]) => ({ path, value }));
        const meta = { at: clock(), by: who.id, origin: 'body' };
        return applied(await store.apply({ kind: 'edit', id: req.params.id, set }, meta), who);
      },
    );

    app.post(
      '/api/projects/:id/retire',
      {
        config: { role: 'analyst' },
        schema: {
          tags: ['projects'],
          summary: 'Withdraw a record from the pipeline (a duplicate, out of scope; its owner, or an admin)',
          params: Id,
          body: z.object({ reason: z.string().min(1).max(2000) }),
          response: { 200: ProjectSchema },
        },
      },
      async (req) => {
        const who = requireRole(req, 'analyst');
        await mayChange(req.params.id, who);
        const meta = { at: clock(), by: who.id, origin: 'body' };
        return applied(await store.apply({ kind: 'retire', id: req.params.id, reason: req.body.reason }, meta), who);
      },
    );
  };
}
