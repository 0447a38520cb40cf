/**
 * Scoring of the intake against a labelled set: precision and recall per event type and per language,
 * matching an event by its type (and, for export controls, its action); dates, parties and linked
 * measures are checked on matched events.
 */
import { z } from 'zod';
import {
  EventTypeSchema,
  ExportControlActionSchema,
  type IntakeEvent,
  type Language,
  LanguageSchema,
} from './model.ts';

const LabelledEventSchema = z.object({
  type: EventTypeSchema,
  action: ExportControlActionSchema.optional(),
  date: z.string().optional(),
  parties: z.array(z.string()).optional(),
  measures: z.array(z.string()).optional(),
});

const LabelledItemSchema = z.object({
  file: z.string().min(1),
  lang: LanguageSchema,
  published: z.iso.date().nullable(),
  style: z.string(),
  facts: z.array(z.string()),
  events: z.array(LabelledEventSchema),
});
export type LabelledItem = z.infer<typeof LabelledItemSchema>;

export const LabelledSetSchema = z.object({ description: z.string(), items: z.array(LabelledItemSchema).min(1) });

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

interface FieldCounts {
  checked: number;
  correct: number;
}

export interface Scores {
  readonly byType: Map<string, Counts>;
  readonly byLanguage: Map<Language, Counts>;
  readonly total: Counts;
  readonly fields: Map<'date' | 'parties' | 'measures', FieldCounts>;
  /** One line per document that is not perfect, for the report. */
  readonly misses: string[];
}

const keyOf = (e: { type: string; action?: string | null | undefined }) =>
  e.type === 'export_control' ? `${e.type}:${e.action ?? 'new'}` : e.type;

export const precision = (c: Counts) => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
export const recall = (c: Counts) => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));

/** Scores predicted events against the labels, document by document. */
export function scoreIntake(docs: readonly { item: LabelledItem; events: readonly IntakeEvent[] }[]): Scores {
  const byType = new Map<string, Counts>();
  const byLanguage = new Map<Language, Counts>();
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  const fields = new Map<'date' | 'parties' | 'measures', FieldCounts>([
    ['date', { checked: 0, correct: 0 }],
    ['parties', { checked: 0, correct: 0 }],
    ['measures', { checked: 0, correct: 0 }],
  ]);
  const misses: string[] = [];
  const bump = (type: string, lang: Language, k: keyof Counts) => {
    for (const [map, key] of [
      [byType, type],
      [byLanguage, lang],
    ] as const) {
      const c = (map as Map<string, Counts>).get(key) ?? { tp: 0, fp: 0, fn: 0 };
      c[k]++;
      (map as Map<string, Counts>).set(key, c);
    }
    total[k]++;
  };
  const field = (name: 'date' | 'parties' | 'measures', ok: boolean, doc: string, detail: string) => {
    const f = fields.get(name) as FieldCounts;
    f.checked++;
    if (ok) f.correct++;
    else misses.push(`${doc}: ${name} ${detail}`);
  };
  for (const { item, events } of docs) {
    const remaining = [...events];
    for (const expected of item.events) {
      const at = remaining.findIndex((e) => keyOf({ type: e.type, action: e.fields.action }) === keyOf(expected));
      if (at < 0) {
        bump(expected.type, item.lang, 'fn');
        misses.push(`${item.file}: missed ${keyOf(expected)}`);
        continue;
      }
      const got = remaining.splice(at, 1)[0] as IntakeEvent;
      bump(expected.type, item.lang, 'tp');
      if (expected.date !== undefined)
        field('date', got.fields.date === expected.date, item.file, `${got.fields.date} ≠ ${expected.date}`);
      if (expected.parties !== undefined)
        field(
          'parties',
          [...got.fields.parties].sort().join() === [...expected.parties].sort().join(),
          item.file,
          `${got.fields.parties.join('/')} ≠ ${expected.parties.join('/')}`,
        );
      if (expected.measures !== undefined)
        field(
          'measures',
          expected.measures.every((m) => got.links.measures.includes(m)),
          item.file,
          `${got.links.measures.join('/') || 'none'} lacks ${expected.measures.join('/')}`,
        );
    }
    for (const extra of remaining) {
      bump(extra.type, item.lang, 'fp');
      misses.push(
        `${item.file}: extra ${keyOf({ type: extra.type, action: extra.fields.action })} (${extra.confidence})`,
      );
    }
  }
  return { byType, byLanguage, total, fields, misses };
}

/** The precision/recall table as Markdown. */
export function scoreTable(scores: Scores): string {
  const row = (name: string, c: Counts) =>
    `| ${name} | ${c.tp} | ${c.fp} | ${c.fn} | ${precision(c).toFixed(2)} | ${recall(c).toFixed(2)} |`;
  const lines = ['| slice | TP | FP | FN | precision | recall |', '|---|---|---|---|---|---|'];
  for (const [k, c] of [...scores.byType].sort()) lines.push(row(`type ${k}`, c));
  for (const [k, c] of [...scores.byLanguage].sort()) lines.push(row(`lang ${k}`, c));
  lines.push(row('all', scores.total));
  for (const [k, f] of scores.fields)
    lines.push(
      `| field ${k} | ${f.correct}/${f.checked} correct | | | ${(f.checked ? f.correct / f.checked : 1).toFixed(2)} | |`,
    );
  return lines.join('\n');
}
