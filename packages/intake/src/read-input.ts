/** The intake's file-reading edge: one file, or every text and HTML file of a folder, sorted by name. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { type CsvTable, err, FrameworkSchema, type ImportIssue, ok, parseCsvTable, type Result } from '@lodestone/core';
import { buildGazetteer, type Gazetteer, type GazetteerTables } from './gazetteer.ts';

const TEXT_EXTENSIONS = new Set(['.txt', '.text', '.html', '.htm', '.md', '.xhtml']);

export interface InputFile {
  readonly file: string;
  readonly bytes: Uint8Array;
}

/** The files to read at `path`; a folder is read recursively, skipping other extensions. */
export function readIntakeInput(path: string): InputFile[] {
  const stat = statSync(path);
  if (!stat.isDirectory()) return [{ file: path, bytes: readFileSync(path) }];
  const out: InputFile[] = [];
  for (const name of readdirSync(path).sort()) {
    const full = join(path, name);
    const s = statSync(full);
    if (s.isDirectory()) out.push(...readIntakeInput(full));
    else if (TEXT_EXTENSIONS.has(extname(name).toLowerCase())) out.push({ file: full, bytes: readFileSync(full) });
  }
  return out;
}

/** The folder of the intake's gazetteers and labelled texts, found from this file. */
export const INTAKE_DATA_DIR = new URL('../../../data/intake/', import.meta.url).pathname;

/** Reads the gazetteer tables of `dir` (gazetteer-countries*.csv, -country-aliases, -organisations, -materials). */
export function readGazetteerTables(dir = INTAKE_DATA_DIR): Result<GazetteerTables, ImportIssue[]> {
  const issues: ImportIssue[] = [];
  const read = (name: string): CsvTable[] => {
    const t = parseCsvTable(readFileSync(join(dir, name), 'utf8'), `intake/${name}`);
    if (!t.ok) {
      issues.push(...t.error);
      return [];
    }
    return [t.value];
  };
  const tables: GazetteerTables = {
    countries: [...read('gazetteer-countries.csv'), ...read('gazetteer-country-aliases.csv')],
    organisations: read('gazetteer-organisations.csv'),
    materials: read('gazetteer-materials.csv'),
  };
  return issues.length > 0 ? err(issues) : ok(tables);
}

/** The bundled gazetteer, built once per process. */
export function loadGazetteer(dir = INTAKE_DATA_DIR): Result<Gazetteer, ImportIssue[]> {
  const tables = readGazetteerTables(dir);
  return tables.ok ? buildGazetteer(tables.value) : tables;
}

/** The frameworks of the tracker (`data/frameworks/*.json`), for linking agreements; an unreadable file is skipped. */
export function readFrameworkRefs(
  dir = new URL('../../../data/frameworks/', import.meta.url).pathname,
): { id: string; parties: string[]; signedOn: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
  return names.flatMap((f) => {
    try {
      const parsed = FrameworkSchema.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      return parsed.success
        ? [{ id: parsed.data.id, parties: parsed.data.parties, signedOn: parsed.data.signedOn }]
        : [];
    } catch {
      return [];
    }
  });
}
