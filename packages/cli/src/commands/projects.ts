import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, relative } from 'node:path';
import {
  type ChangeEntry,
  ChangeEntrySchema,
  type Dataset,
  type Financier,
  filterProjects,
  figuresEditedWithoutSource,
  financingTotals,
  formatImportIssue,
  type ImportIssue,
  memoryProjectStore,
  type PipelineState,
  type Project,
  type ProjectChange,
  type ProjectFilter,
  projectFigures,
  type ProjectReferences,
  projectReferencesOf,
  type ProjectStore,
  parseFinanciers,
  parseProjects,
  ProductFamilySchema,
  PROJECT_STATUSES,
  ProjectSchema,
  ProjectStageSchema,
  redactProject,
  type Result,
} from '@lodestone/core';
import { z } from 'zod';
import { DATA_DIR, readCsvTable } from '../data/bundle-files.ts';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';
import { csvText, formatNumber, textTable } from '../format/text-table.ts';
import { closestNames } from '../suggest.ts';

/** The shipped pipeline: the financier catalogue and one JSON record per project in data/projects. */
export interface ShippedProjects {
  readonly financiers: readonly Financier[];
  readonly refs: ProjectReferences;
  readonly projects: readonly Project[];
}

const issuesError = (issues: readonly ImportIssue[]): Error => new Error(issues.map(formatImportIssue).join('\n'));

/** Reads and validates data/projects (all or nothing); every problem names the file, record and field. */
export function readShippedProjects(dataset: Dataset, root = DATA_DIR): ShippedProjects {
  const countries = new Set(dataset.countries.map((c) => c.iso3));
  const sources = new Set(dataset.sources.map((s) => s.id));
  const financiers = parseFinanciers(readCsvTable(join(root, 'projects', 'financiers.csv'), root), countries, sources);
  if (!financiers.ok) throw issuesError(financiers.error);
  const refs = projectReferencesOf(dataset, financiers.value);
  const dir = join(root, 'projects', 'records');
  const documents = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readJson(join(dir, f), relative(root, join(dir, f))));
  const projects = parseProjects(documents, refs);
  if (!projects.ok) throw issuesError(projects.error);
  return { financiers: financiers.value, refs, projects: projects.value };
}

function readJson(path: string, name: string): { file: string; document: unknown } {
  try {
    return { file: name, document: JSON.parse(readFileSync(path, 'utf8')) as unknown };
  } catch (e) {
    throw new Error(`${name}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** Where the local pipeline lives: $LODESTONE_PROJECTS, else ./.lodestone/projects.json. */
const projectsStorePath = (effects: Effects): string =>
  effects.env['LODESTONE_PROJECTS'] ?? join(effects.cwd, '.lodestone', 'projects.json');

const StoreFileSchema = z.object({
  version: z.literal(1),
  projects: z.array(z.unknown()),
  history: z.array(ChangeEntrySchema),
});

/**
 * A project store in a local JSON file holding every record and the change history. Until the first change
 * it reads as the shipped pipeline; the first change writes the whole pipeline to the file.
 */
function fileProjectStore(path: string, shipped: ShippedProjects): ProjectStore {
  let state: PipelineState = { projects: shipped.projects, history: [] };
  if (existsSync(path)) {
    const file = StoreFileSchema.safeParse(readJson(path, path).document);
    if (!file.success)
      throw new Error(file.error.issues.map((i) => `${path} at ${i.path.join('.')}: ${i.message}`).join('\n'));
    const projects = parseProjects(
      file.data.projects.map((document, i) => ({ file: `${path} projects[${i}]`, document })),
      shipped.refs,
    );
    if (!projects.ok) throw issuesError(projects.error);
    state = { projects: projects.value, history: file.data.history };
  }
  return memoryProjectStore(state, shipped.refs, async (next) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify({ version: 1, ...next }, null, 2)}\n`);
  });
}

const openStore = (dataset: Dataset, effects: Effects): ProjectStore =>
  fileProjectStore(projectsStorePath(effects), readShippedProjects(dataset));

const compact = (amount: number, currency: string): string =>
  amount >= 1e9
    ? `${currency} ${formatNumber(amount / 1e9)}bn`
    : amount >= 1e6
      ? `${currency} ${formatNumber(amount / 1e6)}m`
      : `${currency} ${formatNumber(amount)}`;

const capacityText = (p: Project): string =>
  p.outputs
    .filter((o) => o.value !== null)
    .map((o) => `${formatNumber(o.value ?? 0)} ${o.unit} ${o.product ?? o.material}`)
    .join('; ') || '—';

const financingText = (p: Project, state: 'in_hand' | 'conditional' | 'sought'): string => {
  const byCurrency = new Map<string, number>();
  let unstated = 0;
  for (const t of financingTotals(p).filter((x) => x.state === state)) {
    unstated += t.linesWithoutAmount;
    if (t.currency !== null && t.amount > 0) byCurrency.set(t.currency, (byCurrency.get(t.currency) ?? 0) + t.amount);
  }
  const parts = [...byCurrency].map(([c, a]) => compact(a, c));
  if (unstated > 0) parts.push(`${unstated} unstated`);
  return parts.join(' + ') || '—';
};

const sourcesText = (p: Project): string => [...new Set(projectFigures(p).map((f) => f.source))].join(' ');

/** Checks a flag's value against the valid ones; a wrong one is a usage error naming the closest. */
function checked(flag: string, value: string | undefined, valid: readonly string[]): string | undefined {
  if (value === undefined || valid.includes(value)) return value;
  throw new UsageError(`unknown ${flag} "${value}"; did you mean ${closestNames(value, valid).join(', ')}?`);
}

/** `lodestone projects`: the pipeline, filtered, with capacity, capex, status, financing and sources. */
export async function projectsListCommand(
  dataset: Dataset,
  flags: {
    stage?: string | undefined;
    product?: string | undefined;
    country?: string | undefined;
    status?: string | undefined;
    financier?: string | undefined;
    partner?: string | undefined;
    all?: boolean | undefined;
    json?: boolean | undefined;
    csv?: boolean | undefined;
  },
  effects: Effects,
): Promise<ExitCode> {
  const shipped = readShippedProjects(dataset);
  const filter: ProjectFilter = {
    stage: checked('stage', flags.stage, ProjectStageSchema.options),
    product: checked('product', flags.product, [...ProductFamilySchema.options, ...shipped.refs.products]),
    country: checked('country', flags.country?.toUpperCase(), [...shipped.refs.countries]),
    status: checked('status', flags.status, PROJECT_STATUSES),
    financier: checked(
      'financier',
      flags.financier,
      shipped.financiers.map((f) => f.id),
    ),
    includeRetired: flags.all,
  };
  const store = fileProjectStore(projectsStorePath(effects), shipped);
  const partner = flags.partner?.toUpperCase() ?? null;
  const projects = filterProjects(await store.list({ includeRetired: true }), filter).map((p) =>
    redactProject(p, partner),
  );
  if (flags.json) {
    effects.stdout(`${JSON.stringify(projects, null, 2)}\n`);
    return EXIT.ok;
  }
  const header = ['id', 'status', 'host', 'family', 'stages', 'capacity', 'capex', 'in hand', 'conditional', 'sought'];
  const rows = projects.map((p) => [
    p.id,
    p.retired === null ? p.status : `${p.status} (retired)`,
    p.hostCountry,
    p.family,
    p.stages.join('+'),
    capacityText(p),
    p.capex === null ? '—' : `${compact(p.capex.amount, p.capex.currency)} (${p.capex.priceYear})`,
    financingText(p, 'in_hand'),
    financingText(p, 'conditional'),
    financingText(p, 'sought'),
  ]);
  if (flags.csv) {
    effects.stdout(
      csvText(
        [...header, 'sources'],
        rows.map((r, i) => [...r, sourcesText(projects[i] as Project)]),
      ),
    );
    return EXIT.ok;
  }
  effects.stdout(textTable(header, rows));
  effects.stdout(`${projects.length} project(s); sources: lodestone projects show <id>\n`);
  return EXIT.ok;
}

/** `lodestone projects show <id>`: one record in full, each figure's source, and its change history. */
export async function projectsShowCommand(
  dataset: Dataset,
  id: string,
  flags: { partner?: string | undefined; json?: boolean | undefined },
  effects: Effects,
): Promise<ExitCode> {
  const store = openStore(dataset, effects);
  const all = await store.list({ includeRetired: true });
  const found = all.find((p) => p.id === id);
  if (found === undefined)
    throw new UsageError(
      `unknown project "${id}"; did you mean ${closestNames(
        id,
        all.map((p) => p.id),
      ).join(', ')}?`,
    );
  const project = redactProject(found, flags.partner?.toUpperCase() ?? null);
  const history = await store.history(id);
  if (flags.json) {
    effects.stdout(`${JSON.stringify({ project, history }, null, 2)}\n`);
    return EXIT.ok;
  }
  effects.stdout(`${JSON.stringify(project, null, 2)}\n`);
  const titles = new Map(dataset.sources.map((s) => [s.id, s.title]));
  effects.stdout('\nfigures and their sources\n');
  for (const f of projectFigures(project))
    effects.stdout(
      `  ${f.figure.join('.').padEnd(16)} ${f.confidence.padEnd(6)} [${f.source}] ${titles.get(f.source)}\n`,
    );
  for (const e of history)
    effects.stdout(
      `change ${e.seq} ${e.kind} at ${e.at} by ${e.by}${e.reason === null ? '' : ` (${e.reason})`}: ${e.diff.length} field(s)\n`,
    );
  return EXIT.ok;
}

/** Who and when for a change: `--by`, else $LODESTONE_USER, $USER or the OS account; the clock of the edge. */
function changeMeta(effects: Effects, by: string | undefined, origin: string) {
  const who = by ?? effects.env['LODESTONE_USER'] ?? effects.env['USER'] ?? userInfo().username;
  return { at: effects.env['LODESTONE_NOW'] ?? new Date().toISOString(), by: who, origin };
}

async function applyChange(
  dataset: Dataset,
  change: ProjectChange,
  by: string | undefined,
  origin: string,
  effects: Effects,
): Promise<ExitCode> {
  const store = openStore(dataset, effects);
  const applied: Result<ChangeEntry, ImportIssue[]> = await store.apply(change, changeMeta(effects, by, origin));
  if (!applied.ok) {
    for (const i of applied.error) effects.stderr(`${formatImportIssue(i)}\n`);
    effects.stderr(`nothing changed: ${applied.error.length} problem(s)\n`);
    return EXIT.failed;
  }
  const e = applied.value;
  const unsourced = figuresEditedWithoutSource(e.diff);
  if (e.kind === 'edit' && unsourced.length > 0)
    effects.stderr(
      `warning: ${unsourced.join(', ')} changed without a new source; cite one with --set <figure>.source=<id> (or fieldSources.<field>)\n`,
    );
  effects.stdout(
    `${e.kind} ${e.id}: change ${e.seq}, ${e.diff.length} field(s) (${e.diff
      .slice(0, 6)
      .map((d) => d.path)
      .join(', ')}${e.diff.length > 6 ? ', …' : ''}) → ${projectsStorePath(effects)}\n`,
  );
  return EXIT.ok;
}

/** `lodestone projects add <file.json>`: a new record, validated like the shipped ones. */
export async function projectsAddCommand(
  dataset: Dataset,
  path: string,
  flags: { by?: string | undefined },
  effects: Effects,
): Promise<ExitCode> {
  const { document } = readJson(join(effects.cwd, path), path);
  return applyChange(dataset, { kind: 'add', project: document }, flags.by, path, effects);
}

/** `field=value`: the value is JSON when it parses (numbers, null, objects), else the text itself. */
function parseFieldSet(arg: string): { path: string; value: unknown } {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new UsageError(`--set takes field=value, got "${arg}"`);
  const text = arg.slice(eq + 1);
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // plain text
  }
  return { path: arg.slice(0, eq), value };
}

/** `lodestone projects edit <id> --set field=value…`: field edits, validated as a whole. */
export async function projectsEditCommand(
  dataset: Dataset,
  id: string,
  flags: { set?: readonly string[] | undefined; by?: string | undefined },
  effects: Effects,
): Promise<ExitCode> {
  if (flags.set === undefined || flags.set.length === 0)
    throw new UsageError('edit needs at least one --set field=value');
  return applyChange(dataset, { kind: 'edit', id, set: flags.set.map(parseFieldSet) }, flags.by, '--set', effects);
}

/** `lodestone projects retire <id> --reason …`: withdraws a record from the pipeline, keeping it in history. */
export async function projectsRetireCommand(
  dataset: Dataset,
  id: string,
  flags: { reason?: string | undefined; by?: string | undefined },
  effects: Effects,
): Promise<ExitCode> {
  if (flags.reason === undefined || flags.reason.trim() === '') throw new UsageError('retire needs --reason');
  return applyChange(dataset, { kind: 'retire', id, reason: flags.reason }, flags.by, '--reason', effects);
}

/** `lodestone projects history [id]`: the change history of the local pipeline. */
export async function projectsHistoryCommand(
  dataset: Dataset,
  id: string | undefined,
  flags: { json?: boolean | undefined },
  effects: Effects,
): Promise<ExitCode> {
  const history = await openStore(dataset, effects).history(id);
  if (flags.json) effects.stdout(`${JSON.stringify(history, null, 2)}\n`);
  else
    for (const e of history) {
      effects.stdout(`${e.seq} ${e.at} ${e.by} ${e.kind} ${e.id}${e.reason === null ? '' : ` — ${e.reason}`}\n`);
      for (const d of e.diff)
        effects.stdout(`    ${d.path}: ${JSON.stringify(d.before)} → ${JSON.stringify(d.after)}\n`);
    }
  return EXIT.ok;
}

/** The JSON Schema of a project record (as written in data/projects/records), for editors and other tools. */
export const projectJsonSchema = (): string =>
  `${JSON.stringify(z.toJSONSchema(ProjectSchema, { io: 'input', unrepresentable: 'any' }), null, 2)}\n`;

/** `lodestone projects schema`: prints the JSON Schema of a record (committed as data/projects/project.schema.json). */
export function projectsSchemaCommand(effects: Effects): ExitCode {
  effects.stdout(projectJsonSchema());
  return EXIT.ok;
}
