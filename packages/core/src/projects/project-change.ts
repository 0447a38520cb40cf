import { z } from 'zod';
import type { ImportIssue } from '../ingest/import-issue.ts';
import type { Project } from '../model/project.ts';
import { err, ok, type Result } from '../result.ts';
import { type FieldChange, diffRecords } from './project-diff.ts';
import { parseProject } from './parse-project.ts';
import type { ProjectReferences } from './project-references.ts';

/** An edit of one field: a path like `capex.amount` or `financing[0].state`, and its new value. */
export const FieldSetSchema = z.object({ path: z.string().min(1), value: z.unknown() });
export type FieldSet = z.infer<typeof FieldSetSchema>;

/** A change to the pipeline: a new record, edits to fields of one, or its retirement. */
export const ProjectChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('add'), project: z.unknown() }),
  z.object({ kind: z.literal('edit'), id: z.string().min(1), set: z.array(FieldSetSchema).min(1) }),
  z.object({ kind: z.literal('retire'), id: z.string().min(1), reason: z.string().min(1) }),
]);
export type ProjectChange = z.infer<typeof ProjectChangeSchema>;

/** Who made a change, when (ISO 8601 timestamp), and where it came from (a file name or the command line). */
export interface ChangeMeta {
  readonly at: string;
  readonly by: string;
  readonly origin: string;
}

/** One entry of a pipeline's change history, with the field-level diff. */
export const ChangeEntrySchema = z.object({
  seq: z.number().int().positive(),
  id: z.string().min(1),
  kind: z.enum(['add', 'edit', 'retire']),
  at: z.string().min(1),
  by: z.string().min(1),
  reason: z.string().nullable(),
  diff: z.array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() })),
});
export type ChangeEntry = z.infer<typeof ChangeEntrySchema>;

/** The state a store keeps: every record (retired ones too) and the history that led there. */
export interface PipelineState {
  readonly projects: readonly Project[];
  readonly history: readonly ChangeEntry[];
}

const FIXED_FIELDS = new Set(['id', 'retired']);

/** `financing[0].amount` or `financing.0.amount` → ['financing', 0, 'amount']; null for an empty segment. */
export function parseFieldPath(path: string): (string | number)[] | null {
  const parts = path
    .replace(/^\$\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.');
  if (parts.some((p) => p === '')) return null;
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** A copy of `record` with the value at `path` replaced; intermediate objects are created, arrays grow by one at most. */
function setAt(record: unknown, path: readonly (string | number)[], value: unknown): unknown | { problem: string } {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (typeof head === 'number') {
    if (!Array.isArray(record)) return { problem: `not a list at [${head}]` };
    if (head > record.length) return { problem: `index ${head} beyond the end of a list of ${record.length}` };
    const inner = setAt(record[head], rest, value);
    if (isProblem(inner)) return inner;
    const copy = [...(record as unknown[])];
    copy[head] = inner;
    return copy;
  }
  const base = record === undefined || record === null ? {} : record;
  if (typeof base !== 'object' || Array.isArray(base)) return { problem: `not an object at "${head}"` };
  const inner = setAt((base as Record<string, unknown>)[head], rest, value);
  if (isProblem(inner)) return inner;
  return { ...(base as Record<string, unknown>), [head]: inner };
}

const isProblem = (v: unknown): v is { problem: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && 'problem' in v;

/** Applies field edits to a record and validates the result; every problem names the origin and the path. */
export function editProject(
  project: Project,
  set: readonly FieldSet[],
  origin: string,
  refs: ProjectReferences,
): Result<Project, ImportIssue[]> {
  let draft: unknown = project;
  const issues: ImportIssue[] = [];
  for (const s of set) {
    const path = parseFieldPath(s.path);
    const bad = (message: string) =>
      issues.push({ code: 'bad-value', file: origin, column: s.path, message: `${project.id}: ${message}` });
    if (path === null) bad(`malformed field path "${s.path}"`);
    else if (FIXED_FIELDS.has(String(path[0]))) bad(`field "${String(path[0])}" cannot be edited`);
    else {
      const next = setAt(draft, path, s.value);
      if (isProblem(next)) bad(next.problem);
      else draft = next;
    }
  }
  if (issues.length > 0) return err(issues);
  return parseProject(draft, origin, refs);
}

const entryOf = (
  state: PipelineState,
  id: string,
  kind: ChangeEntry['kind'],
  meta: ChangeMeta,
  diff: FieldChange[],
  reason: string | null,
): ChangeEntry => ({
  seq: (state.history.at(-1)?.seq ?? 0) + 1,
  id,
  kind,
  at: meta.at,
  by: meta.by,
  reason,
  diff,
});

/**
 * Applies one change to a pipeline, all or nothing: the new state with the history entry appended, or the
 * problems (unknown id, invalid fields, a retired record) naming the origin, record and field.
 */
export function applyProjectChange(
  state: PipelineState,
  change: ProjectChange,
  meta: ChangeMeta,
  refs: ProjectReferences,
): Result<{ state: PipelineState; entry: ChangeEntry }, ImportIssue[]> {
  const problem = (id: string, column: string, message: string, code: ImportIssue['code'] = 'bad-value') =>
    err([{ code, file: meta.origin, column, message: `${id}: ${message}` }]);
  const commit = (project: Project, before: Project | undefined, reason: string | null) => {
    const entry = entryOf(state, project.id, change.kind, meta, diffRecords(before ?? {}, project), reason);
    const projects =
      before === undefined
        ? [...state.projects, project]
        : state.projects.map((p) => (p.id === project.id ? project : p));
    return ok({ state: { projects, history: [...state.history, entry] }, entry });
  };
  if (change.kind === 'add') {
    const parsed = parseProject(change.project, meta.origin, refs);
    if (!parsed.ok) return parsed;
    if (parsed.value.retired !== null) return problem(parsed.value.id, '$.retired', 'a new record cannot be retired');
    if (state.projects.some((p) => p.id === parsed.value.id))
      return problem(parsed.value.id, '$.id', 'a project with this id exists; edit it instead', 'duplicate-row');
    return commit(parsed.value, undefined, null);
  }
  const current = state.projects.find((p) => p.id === change.id);
  if (current === undefined) return problem(change.id, '$.id', 'no such project');
  if (current.retired !== null) return problem(change.id, '$.retired', `retired on ${current.retired.at}`);
  if (change.kind === 'retire')
    return commit({ ...current, retired: { at: meta.at, by: meta.by, reason: change.reason } }, current, change.reason);
  const edited = editProject(current, change.set, meta.origin, refs);
  if (!edited.ok) return edited;
  return commit(edited.value, current, null);
}

const FIGURE = /^\$\.(outputs\[\d+\]|financing\[\d+\]|offtakes\[\d+\]|capex|opex|rampUp|status|targetStart)(\.|\[|$)/;

/**
 * Figures an edit changed without citing a new source for them (`capex.amount` set but not `capex.source`):
 * they now rest on the source of the old value, so the edit should say where the new one comes from.
 */
export function figuresEditedWithoutSource(diff: readonly FieldChange[]): string[] {
  const changed = new Set<string>();
  const sourced = new Set<string>();
  for (const d of diff) {
    const figure = FIGURE.exec(d.path)?.[1];
    if (figure === undefined) continue;
    const rest = d.path.slice(2 + figure.length);
    if (rest === '.source') sourced.add(figure);
    else if (rest !== '.confidence' && rest !== '.note') changed.add(figure);
  }
  for (const d of diff) {
    const field = /^\$\.fieldSources\.(status|targetStart)\b/.exec(d.path)?.[1];
    if (field !== undefined) sourced.add(field);
  }
  return [...changed].filter((f) => !sourced.has(f));
}
