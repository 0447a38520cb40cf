import { existsSync, readFileSync } from 'node:fs';
import { type Dataset, formatImportIssue, parseScenario, type Scenario, scenarioReferencesOf } from '@lodestone/core';
import { UsageError } from '../exit-codes.ts';
import { closestNames } from '../suggest.ts';

/** A scenario named on the command line: a built-in id, or a JSON file checked against the dataset. */
export function scenarioArgument(dataset: Dataset, arg: string): Scenario {
  const builtIn = dataset.scenarios.find((s) => s.id === arg);
  if (builtIn) return builtIn;
  if (arg.endsWith('.json') || existsSync(arg)) {
    let document: unknown;
    try {
      document = JSON.parse(readFileSync(arg, 'utf8'));
    } catch (e) {
      throw new UsageError(`${arg}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const parsed = parseScenario(document, arg, scenarioReferencesOf(dataset));
    if (!parsed.ok) throw new UsageError(parsed.error.map(formatImportIssue).join('\n'));
    return parsed.value;
  }
  throw new UsageError(
    `unknown scenario "${arg}"; did you mean ${closestNames(
      arg,
      dataset.scenarios.map((s) => s.id),
    ).join(', ')}? (or give a scenario JSON file)`,
  );
}
