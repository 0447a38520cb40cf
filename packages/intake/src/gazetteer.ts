import { type CsvTable, err, type ImportIssue, ok, requireColumns, type Result } from '@lodestone/core';
import { z } from 'zod';
import { LanguageSchema } from './model.ts';
import { foldKey, normaliseText } from './normalise.ts';
import { type Boundary, type Phrase, PhraseIndex } from './phrase-index.ts';

const Iso3 = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code');
const Key = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a lower-case key');
const SourceId = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'a source id (lower-case slug)');
const Name = z.string().trim().min(1, 'an empty name');

/** One name of one or more countries (日米 names two). */
export const CountryNameRowSchema = z.object({
  ids: z
    .string()
    .transform((s) => s.split(';').map((x) => x.trim()))
    .pipe(z.array(Iso3).min(1)),
  lang: LanguageSchema,
  name: Name,
  source: SourceId,
});

/** One name of an agency, a leader's office, a company or a financier. */
export const OrganisationNameRowSchema = z.object({
  id: Key,
  role: z.enum(['agency', 'office', 'company', 'financier']),
  country: z.union([Iso3, z.literal('')]).transform((s) => (s === '' ? null : s)),
  lang: LanguageSchema,
  name: Name,
  source: SourceId,
});

/** One name of a commodity (a dataset commodity or control-item key) or a derivative product. */
export const MaterialNameRowSchema = z.object({
  kind: z.enum(['commodity', 'product']),
  id: Key,
  lang: LanguageSchema,
  name: Name,
  source: SourceId,
});

export type GazetteerEntry =
  | { readonly kind: 'country'; readonly ids: string[]; readonly source: string }
  | {
      readonly kind: 'organisation';
      readonly id: string;
      readonly role: 'agency' | 'office' | 'company' | 'financier';
      readonly country: string | null;
      readonly source: string;
    }
  | { readonly kind: 'commodity' | 'product'; readonly id: string; readonly source: string };

/** Every name of every table, ready to find in a folded text. */
export interface Gazetteer {
  readonly index: PhraseIndex<GazetteerEntry>;
  readonly size: number;
}

/** The gazetteer tables, as read from `data/intake/`. */
export interface GazetteerTables {
  readonly countries: readonly CsvTable[];
  readonly organisations: readonly CsvTable[];
  readonly materials: readonly CsvTable[];
}

/** How a name must sit in text: Latin names as whole words, Arabic after clitics, Han and kana anywhere. */
export function boundaryOf(folded: string): Boundary {
  if (/[\u0600-\u06FF]/.test(folded)) return 'arabic';
  if (/^[\p{Script=Latin}\p{N}\s.&'’()-]+$/u.test(folded)) return 'word';
  return 'none';
}

/** Builds the gazetteer from its tables; any bad row fails the whole build, naming file, row and column. */
export function buildGazetteer(tables: GazetteerTables): Result<Gazetteer, ImportIssue[]> {
  const issues: ImportIssue[] = [];
  const phrases: Phrase<GazetteerEntry>[] = [];
  const seen = new Set<string>();
  const push = (phrase: string, entry: GazetteerEntry) => {
    // The same name of the same thing in two tables is one phrase (its first source is kept).
    const id = `${phrase}\u0000${entry.kind}\u0000${'ids' in entry ? entry.ids.join(';') : entry.id}`;
    if (seen.has(id)) return;
    seen.add(id);
    phrases.push({ phrase, boundary: boundaryOf(phrase), payload: entry });
  };
  const add = (name: string, entry: GazetteerEntry) => {
    const folded = foldKey(normaliseText(name));
    push(folded, entry);
    // Arabic names are also found without their article, after a clitic (للصين = ل + ل + صين).
    if (folded.startsWith('ال') && folded.length > 3) push(folded.slice(2), entry);
  };
  const read = <S extends z.ZodType>(
    list: readonly CsvTable[],
    schema: S,
    columns: readonly string[],
    each: (row: z.output<S>) => void,
  ) => {
    for (const table of list) {
      const missing = requireColumns(table, columns);
      if (missing.length > 0) {
        issues.push(...missing);
        continue;
      }
      for (const row of table.rows) {
        const parsed = schema.safeParse(row.cells);
        if (parsed.success) each(parsed.data);
        else
          for (const i of parsed.error.issues)
            issues.push({
              code: 'bad-value',
              file: table.file,
              row: row.row,
              column: String(i.path[0] ?? ''),
              message: i.message,
            });
      }
    }
  };
  read(tables.countries, CountryNameRowSchema, ['ids', 'lang', 'name', 'source'], (r) =>
    add(r.name, { kind: 'country', ids: r.ids, source: r.source }),
  );
  read(tables.organisations, OrganisationNameRowSchema, ['id', 'role', 'country', 'lang', 'name', 'source'], (r) =>
    add(r.name, { kind: 'organisation', id: r.id, role: r.role, country: r.country, source: r.source }),
  );
  read(tables.materials, MaterialNameRowSchema, ['kind', 'id', 'lang', 'name', 'source'], (r) =>
    add(r.name, { kind: r.kind, id: r.id, source: r.source }),
  );
  if (issues.length > 0) return err(issues);
  return ok({ index: new PhraseIndex(phrases), size: phrases.length });
}
