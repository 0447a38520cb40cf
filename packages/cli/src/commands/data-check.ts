import { checkDataset, type Dataset, failingIssues } from '@lodestone/core';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';

/** `lodestone data check`: every figure sourced, every key known, units consistent, no sum above its world total. */
export function dataCheckCommand(dataset: Dataset, path: string, effects: Effects): ExitCode {
  const checked = checkDataset(dataset);
  const issues = failingIssues(checked);
  for (const i of issues) effects.stderr(`${i.where}: ${i.message} (${i.code})\n`);
  for (const a of checked.filter((i) => i.accepted !== undefined))
    effects.stdout(`accepted: ${a.where}: ${a.message}; ${a.accepted}\n`);
  const summary = `${dataset.observations.length} observations, ${dataset.usSalient.length} US salient figures, ${dataset.sources.length} sources, ${dataset.commodities.length} commodities, ${dataset.countries.length} countries`;
  if (issues.length > 0) {
    effects.stderr(`data check failed: ${issues.length} problem(s) in ${path} (${dataset.version})\n`);
    return EXIT.failed;
  }
  effects.stdout(`data check passed: ${path} (${dataset.version}): ${summary}\n`);
  return EXIT.ok;
}
