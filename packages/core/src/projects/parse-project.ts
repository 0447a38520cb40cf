import type { z } from 'zod';
import type { ImportIssue } from '../ingest/import-issue.ts';
import { type Project, ProjectSchema } from '../model/project.ts';
import { err, ok, type Result } from '../result.ts';
import { projectFigures } from './project-figures.ts';
import type { ProjectReferences } from './project-references.ts';

/** `$.financing[2].amount.currency`, the JSON path every project issue names. */
export const jsonPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${String(k)}`), '$');

const codeOf = (i: z.core.$ZodIssue): ImportIssue['code'] => {
  if (i.code === 'too_small' && i.origin === 'number' && Number(i.minimum) === 0) return 'negative-value';
  if (i.path.at(-1) === 'hostCountry' || i.path.at(-1) === 'buyerCountry') return 'unknown-country';
  return 'bad-value';
};

const idOf = (document: unknown): string => {
  const id = typeof document === 'object' && document !== null ? (document as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : '(no id)';
};

/** The references of a schema-valid record that are not known: countries, financiers, products, sources. */
export function unknownReferences(project: Project, file: string, refs: ProjectReferences): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const add = (code: ImportIssue['code'], path: PropertyKey[], what: string, value: string) =>
    issues.push({ code, file, column: jsonPath(path), message: `${project.id}: unknown ${what} "${value}"` });
  if (!refs.countries.has(project.hostCountry)) add('unknown-country', ['hostCountry'], 'country', project.hostCountry);
  project.restriction?.partners.forEach(
    (c, i) => refs.countries.has(c) || add('unknown-country', ['restriction', 'partners', i], 'country', c),
  );
  project.outputs.forEach(
    (o, i) =>
      o.product === null ||
      refs.products.has(o.product) ||
      add('bad-value', ['outputs', i, 'product'], 'network product', o.product),
  );
  project.financing.forEach(
    (f, i) =>
      refs.financiers.has(f.financier) || add('bad-value', ['financing', i, 'financier'], 'financier', f.financier),
  );
  project.offtakes.forEach(
    (o, i) =>
      o.buyerCountry === null ||
      refs.countries.has(o.buyerCountry) ||
      add('unknown-country', ['offtakes', i, 'buyerCountry'], 'country', o.buyerCountry),
  );
  const seen = new Set<string>();
  for (const f of projectFigures(project)) {
    const at = jsonPath(f.path);
    if (refs.sources.has(f.source) || seen.has(at)) continue;
    seen.add(at);
    add('bad-value', [...f.path], 'source', f.source);
  }
  for (const [field, fs] of Object.entries(project.fieldSources)) {
    const at = jsonPath(['fieldSources', field, 'source']);
    if (fs !== undefined && !refs.sources.has(fs.source) && !seen.has(at)) {
      seen.add(at);
      add('bad-value', ['fieldSources', field, 'source'], 'source', fs.source);
    }
  }
  return issues;
}

/**
 * Reads one project document; every problem names the file, the record id and the JSON path
 * (`$.capex.currency`), including unknown countries, financiers, network products and sources.
 */
export function parseProject(document: unknown, file: string, refs: ProjectReferences): Result<Project, ImportIssue[]> {
  const parsed = ProjectSchema.safeParse(document);
  if (!parsed.success) {
    const id = idOf(document);
    return err(
      parsed.error.issues.map((i) => ({
        code: codeOf(i),
        file,
        column: jsonPath(i.path),
        message: `${id}: ${i.message}`,
      })),
    );
  }
  const issues = unknownReferences(parsed.data, file, refs);
  return issues.length > 0 ? err(issues) : ok(parsed.data);
}

/** Reads every project document, all or nothing: any issue in any file, or a repeated id, loads none. */
export function parseProjects(
  documents: readonly { readonly file: string; readonly document: unknown }[],
  refs: ProjectReferences,
): Result<Project[], ImportIssue[]> {
  const issues: ImportIssue[] = [];
  const projects: Project[] = [];
  const fileOf = new Map<string, string>();
  for (const { file, document } of documents) {
    const parsed = parseProject(document, file, refs);
    if (!parsed.ok) {
      issues.push(...parsed.error);
      continue;
    }
    const first = fileOf.get(parsed.value.id);
    if (first !== undefined)
      issues.push({
        code: 'duplicate-row',
        file,
        column: '$.id',
        message: `${parsed.value.id}: id already used in ${first}`,
      });
    fileOf.set(parsed.value.id, file);
    projects.push(parsed.value);
  }
  return issues.length > 0 ? err(issues) : ok(projects);
}
