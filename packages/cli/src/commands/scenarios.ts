import { readFileSync } from 'node:fs';
import { type Dataset, formatImportIssue, parseScenario, scenarioReferencesOf } from '@lodestone/core';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';
import { textTable } from '../format/text-table.ts';
import { closestNames } from '../suggest.ts';

/** `lodestone scenarios`: the built-in scenario library. */
export function scenariosCommand(dataset: Dataset, flags: { json?: boolean | undefined }, effects: Effects): ExitCode {
  if (flags.json) {
    effects.stdout(`${JSON.stringify(dataset.scenarios, null, 2)}\n`);
    return EXIT.ok;
  }
  effects.stdout(
    textTable(
      ['id', 'start', 'months', 'measures', 'title'],
      dataset.scenarios.map((s) => [
        s.id,
        s.startMonth,
        String(s.horizonMonths),
        s.measures.map((m) => (m.kind === 'regime' ? m.measureId : m.label)).join(', ') || '—',
        s.title,
      ]),
    ),
  );
  return EXIT.ok;
}

/** `lodestone scenarios show <id>`: one scenario in full, with its sources. */
export function scenarioShowCommand(dataset: Dataset, id: string, effects: Effects): ExitCode {
  const scenario = dataset.scenarios.find((s) => s.id === id);
  if (!scenario)
    throw new UsageError(
      `unknown scenario "${id}"; did you mean ${closestNames(
        id,
        dataset.scenarios.map((s) => s.id),
      ).join(', ')}?`,
    );
  effects.stdout(`${JSON.stringify(scenario, null, 2)}\n`);
  for (const s of dataset.sources.filter((x) => scenario.sources.includes(x.id)))
    effects.stdout(`source [${s.id}] ${s.title}\n`);
  return EXIT.ok;
}

/** `lodestone scenarios check <file>`: validate a scenario file; every problem names the JSON path. */
export function scenarioCheckCommand(dataset: Dataset, path: string, effects: Effects): ExitCode {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    effects.stderr(`${path}: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.failed;
  }
  const refs = scenarioReferencesOf(dataset);
  const parsed = parseScenario(document, path, refs);
  if (!parsed.ok) {
    for (const i of parsed.error) effects.stderr(`${formatImportIssue(i)}\n`);
    effects.stderr(`scenario check failed: ${parsed.error.length} problem(s)\n`);
    return EXIT.failed;
  }
  effects.stdout(
    `scenario ${parsed.value.id} is valid: ${parsed.value.measures.length} measure(s), ${parsed.value.horizonMonths} months from ${parsed.value.startMonth}\n`,
  );
  return EXIT.ok;
}
