import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Dataset,
  type Framework,
  FrameworkSchema,
  frameworkSources,
  frameworkStatus,
  type FrameworkStatus,
} from '@lodestone/core';
import { z } from 'zod';
import { DATA_DIR } from '../data/bundle-files.ts';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';
import { formatNumber, textTable } from '../format/text-table.ts';
import { closestNames } from '../suggest.ts';
import { requireSources } from './policy.ts';

/** Every framework in data/frameworks (one JSON file each), validated; an error names the file and JSON path. */
function readFrameworks(root = DATA_DIR): Framework[] {
  const dir = join(root, 'frameworks');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = join('frameworks', f);
      const parsed = FrameworkSchema.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      if (!parsed.success)
        throw new Error(parsed.error.issues.map((i) => `${file} at ${i.path.join('.')}: ${i.message}`).join('\n'));
      return parsed.data;
    });
}

const TrackerFlagsSchema = z.object({
  framework: z.string().optional(),
  asOf: z.iso.date('give --as-of as YYYY-MM-DD').optional(),
  json: z.boolean().default(false),
});

const usd = (m: number): string => (m >= 1000 ? `USD ${formatNumber(m / 1000)} bn` : `USD ${formatNumber(m)} m`);

function render(s: FrameworkStatus, f: Framework): string {
  const c = s.counts;
  const lines = [
    `${s.title}`,
    `signed ${s.signedOn}; as of ${s.asOf}: ${c.done} done, ${c['on-track']} on track, ${c.overdue} overdue, ${c.unknown} unknown (evidence dated on or before ${s.asOf} only)`,
    '',
    textTable(
      ['commitment', 'owners', 'due', 'state', 'why'],
      s.commitments.map((x) => [
        x.id,
        x.owners.join('; '),
        x.dueOn === null ? '—' : `${x.dueOn}${x.daysLeft !== null && x.daysLeft >= 0 ? ` (${x.daysLeft} d)` : ''}`,
        x.state,
        x.reason,
      ]),
    ),
  ];
  if (s.capital.length > 0)
    lines.push(
      `capital committed versus mobilised (USD million; ${f.headlines.map((h) => `${h.label}: ${usd(h.usdM)}`).join('; ') || 'no headline figure'})`,
      textTable(
        ['party', 'sector', 'firmness', 'committed', 'undisclosed', 'mobilised', 'projects'],
        s.capital.map((k) => [
          k.party,
          k.sector,
          k.firmness,
          formatNumber(k.committedUsdM),
          k.undisclosed > 0 ? `${k.undisclosed} entr${k.undisclosed === 1 ? 'y' : 'ies'}` : '',
          formatNumber(k.mobilisedUsdM),
          k.projectIds.join(', '),
        ]),
        new Set([3, 5]),
      ),
    );
  else lines.push('no capital on record under this framework', '');
  lines.push(`sources: ${frameworkSources(f).join(', ')} (lodestone sources <id>)`);
  return lines.join('\n') + '\n';
}

/** `lodestone tracker`: each framework commitment done, on track, overdue or unknown on a date, and its capital. */
export function trackerCommand(dataset: Dataset, rawFlags: unknown, effects: Effects, today: () => string): ExitCode {
  const parsed = TrackerFlagsSchema.safeParse(rawFlags);
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '));
  const flags = parsed.data;
  const all = readFrameworks();
  for (const f of all) requireSources(dataset, frameworkSources(f), join('frameworks', `${f.id}.json`));
  const chosen = flags.framework === undefined ? all : all.filter((f) => f.id === flags.framework);
  if (chosen.length === 0)
    throw new UsageError(
      `unknown framework "${flags.framework}"; did you mean ${closestNames(
        flags.framework ?? '',
        all.map((f) => f.id),
      ).join(', ')}?`,
    );
  const asOf = flags.asOf ?? today();
  const statuses = chosen.map((f) => frameworkStatus(f, asOf));
  if (flags.json) {
    effects.stdout(`${JSON.stringify(statuses, null, 2)}\n`);
    return EXIT.ok;
  }
  effects.stdout(statuses.map((s, i) => render(s, chosen[i] as Framework)).join('\n'));
  return EXIT.ok;
}
