import type { Dataset } from '@lodestone/core';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';
import { closestNames } from '../suggest.ts';

/** `lodestone sources [id]`: one source in full, or the list of ids. */
export function sourcesCommand(
  dataset: Dataset,
  id: string | undefined,
  flags: { json?: boolean | undefined },
  effects: Effects,
): ExitCode {
  if (id === undefined) {
    if (flags.json) effects.stdout(`${JSON.stringify(dataset.sources, null, 2)}\n`);
    else for (const s of dataset.sources) effects.stdout(`${s.id}  ${s.title}\n`);
    return EXIT.ok;
  }
  const source = dataset.sources.find((s) => s.id === id);
  if (!source)
    throw new UsageError(
      `unknown source "${id}"; did you mean ${closestNames(
        id,
        dataset.sources.map((s) => s.id),
      ).join(', ')}?`,
    );
  if (flags.json) {
    effects.stdout(`${JSON.stringify(source, null, 2)}\n`);
    return EXIT.ok;
  }
  const used = dataset.observations.filter((o) => o.source === source.id).length;
  const lines = Object.entries(source).map(([k, v]) => `${k.padEnd(10)} ${String(v)}`);
  effects.stdout(`${lines.join('\n')}\n${'figures'.padEnd(10)} ${used} observations in this dataset\n`);
  return EXIT.ok;
}
