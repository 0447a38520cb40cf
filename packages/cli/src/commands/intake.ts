import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { type Dataset, formatImportIssue } from '@lodestone/core';
import { decodeInput, type IntakeEvent, type IntakeResult, MIN_CONFIDENCE, runIntake } from '@lodestone/intake';
import { loadGazetteer, readFrameworkRefs, readIntakeInput } from '@lodestone/intake/read-input';
import { z } from 'zod';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';

const IntakeFlagsSchema = z.object({
  lang: z.enum(['auto', 'en', 'ja', 'zh', 'ar'], { message: 'auto | en | ja | zh | ar' }).default('auto'),
  published: z.iso.date({ message: 'a date as YYYY-MM-DD' }).optional(),
  minConfidence: z.coerce.number().min(0).max(1).default(MIN_CONFIDENCE),
  json: z.boolean().default(false),
});

/** `lodestone intake <file|dir>`: news and notices in four languages become proposed events with evidence. */
export function intakeCommand(dataset: Dataset, path: string, rawFlags: unknown, effects: Effects): ExitCode {
  const parsed = IntakeFlagsSchema.safeParse(rawFlags);
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const flags = parsed.data;
  const full = isAbsolute(path) ? path : join(effects.cwd, path);
  if (!existsSync(full)) throw new UsageError(`no such file or folder: ${path}`);
  const gazetteer = loadGazetteer();
  if (!gazetteer.ok) {
    for (const i of gazetteer.error) effects.stderr(`${formatImportIssue(i)}\n`);
    return EXIT.failed;
  }
  const regime = { ...dataset, frameworks: readFrameworkRefs() };
  const files = readIntakeInput(full);
  if (files.length === 0) throw new UsageError(`${path}: no .txt, .html or .md files`);
  const results: IntakeResult[] = [];
  let failed = 0;
  for (const f of files) {
    const decoded = decodeInput(f.bytes, f.file);
    if (!decoded.ok) {
      effects.stderr(`${f.file}: ${decoded.error.message} (${decoded.error.code})\n`);
      failed++;
      continue;
    }
    const result = runIntake(decoded.value.text, {
      document: f.file,
      gazetteer: gazetteer.value,
      regime,
      published: flags.published ?? null,
      lang: flags.lang === 'auto' ? null : flags.lang,
      minConfidence: flags.minConfidence,
    });
    results.push({ ...result, warnings: [...decoded.value.warnings, ...result.warnings] });
  }
  if (flags.json) effects.stdout(`${JSON.stringify(results, null, 2)}\n`);
  else for (const r of results) effects.stdout(describeResult(r));
  return failed > 0 ? EXIT.failed : EXIT.ok;
}

const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\n/g, ' ');

function describeEvent(e: IntakeEvent, n: number): string {
  const f = e.fields;
  const head = `  ${n}. ${e.type}${f.action ? ` (${f.action})` : ''}${f.date ? ` on ${f.date}` : ''}  confidence ${e.confidence.toFixed(2)}${e.background ? ' (background)' : ''}`;
  const facts = [
    f.issuerOrHost ? `${e.type === 'project' ? 'host' : 'issuer'} ${f.issuerOrHost}` : '',
    f.parties.length ? `${e.type === 'agreement' ? 'parties' : 'destinations'} ${f.parties.join(', ')}` : '',
    f.organisations.length ? `organisations ${f.organisations.join(', ')}` : '',
    f.commodities.length ? `materials ${f.commodities.join(', ')}` : '',
    f.products.length ? `products ${f.products.join(', ')}` : '',
    f.amounts.length
      ? `amounts ${f.amounts.map((a) => `${a.amount.toLocaleString('en-US')} ${a.currency}`).join(', ')}`
      : '',
    f.capacity ? `capacity ${f.capacity.tonnes.toLocaleString('en-US')} t${f.capacity.perYear ? '/yr' : ''}` : '',
    f.instruments.length ? `instruments ${f.instruments.join(', ')}` : '',
  ].filter(Boolean);
  const links = e.links.frameworks.length
    ? `     linked: framework ${e.links.frameworks.join(', ')}`
    : e.links.measures.length
      ? `     linked: ${e.links.measures.join(', ')}${e.links.scenarios.length ? `; scenarios ${e.links.scenarios.join(', ')}` : ''}`
      : e.links.draft
        ? '     not in the regime model: proposed as a draft measure for review'
        : '';
  return [
    head,
    facts.length ? `     ${facts.join('; ')}` : '',
    links,
    ...e.evidence.map(
      (v) => `     evidence [${v.start}–${v.end}]${v.kind === 'embed' ? ' (embedded post)' : ''}: "${clip(v.text)}"`,
    ),
  ]
    .filter(Boolean)
    .join('\n');
}

function describeResult(r: IntakeResult): string {
  const lines = [`${r.document}  [${r.lang}${r.published ? `, published ${r.published}` : ''}]`];
  if (r.events.length === 0) lines.push('  no events proposed');
  r.events.forEach((e, i) => lines.push(describeEvent(e, i + 1)));
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return `${lines.join('\n')}\n`;
}
