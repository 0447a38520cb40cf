import {
  type AfterSuspension,
  controlItemNames,
  controlsTimelineView,
  controlsView,
  type Dataset,
  type RegimeVerdict,
  regimeStatusDate,
  resolveControlItem,
} from '@lodestone/core';
import { z } from 'zod';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';
import { textTable } from '../format/text-table.ts';
import { closestNames } from '../suggest.ts';

const ControlsFlagsSchema = z.object({
  at: z.iso.date({ message: 'a date as YYYY-MM-DD' }).optional(),
  item: z.string().optional(),
  destination: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code'))
    .optional(),
  endUser: z.enum(['civil', 'military']).optional(),
  afterSuspension: z.enum(['unknown', 'lapsed', 'extended']).default('unknown'),
  json: z.boolean().default(false),
});

const STATE_WORDS: Readonly<Record<string, string>> = {
  licence_required: 'licence required',
  denied: 'denied in principle',
  banned: 'banned',
  de_minimis_licence_required: 'licence required (foreign-made, de minimis)',
  technology_banned: 'technology export banned',
  technology_restricted: 'technology export restricted',
  suspended: 'suspended',
  unknown: 'unknown',
  announced: 'announced, not yet in force',
  none: 'no control',
};

function describe(v: RegimeVerdict): string {
  const words = STATE_WORDS[v.state] ?? v.state;
  const unknownAfter = v.measures.find((m) => m.unknownAfter !== null)?.unknownAfter;
  const until = v.state === 'suspended' ? v.measures.find((m) => m.until !== null)?.until : undefined;
  const detail = unknownAfter
    ? ` after ${unknownAfter} (suspension ended; choose --after-suspension lapsed|extended)`
    : until
      ? ` until ${until}`
      : '';
  const by = [
    ...new Set(
      v.measures.map((m) =>
        m.instrument && m.state !== 'in_force' ? `${m.measureId} via ${m.instrument}` : m.measureId,
      ),
    ),
  ];
  const open = v.unresolved.map(
    (m) => `${STATE_WORDS[m.effect] ?? m.effect} [${m.measureId}] unknown after ${m.unknownAfter ?? '?'}`,
  );
  return `${words}${detail}${by.length > 0 ? ` [${by.join(', ')}]` : ''}${open.length > 0 ? `; ${open.join('; ')}` : ''}`;
}

/** The item the user meant: a commodity key or alias, or a control item. */
function resolveItem(dataset: Dataset, input: string): string {
  const found = resolveControlItem(dataset, input);
  if (found) return found;
  throw new UsageError(
    `unknown item "${input}"; did you mean ${closestNames(input, [...controlItemNames(dataset), ...dataset.commodities.map((c) => c.key)]).join(', ')}?`,
  );
}

/** `lodestone controls`: what is in force on a date, for an item and a destination. */
export function controlsCommand(dataset: Dataset, rawFlags: unknown, effects: Effects): ExitCode {
  const parsed = ControlsFlagsSchema.safeParse(rawFlags);
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const flags = parsed.data;
  const date = flags.at ?? regimeStatusDate(dataset);
  const after: AfterSuspension = flags.afterSuspension;
  const item = flags.item === undefined ? undefined : resolveItem(dataset, flags.item);

  const view = controlsView(dataset, {
    date,
    afterSuspension: after,
    item,
    destination: flags.destination,
    endUser: flags.endUser,
  });
  if (flags.json) {
    effects.stdout(`${JSON.stringify(view, null, 2)}\n`);
    return EXIT.ok;
  }
  if ('byEndUser' in view) {
    for (const v of view.byEndUser)
      effects.stdout(`${date}  ${view.item} → ${view.destination} (${v.endUser} end users): ${describe(v)}\n`);
    return EXIT.ok;
  }
  const entries = view.entries;
  effects.stdout(`China's export controls in force on ${date} (after a suspension ends: ${after})\n\n`);
  effects.stdout(
    textTable(
      ['item', 'destination', 'end users', 'state'],
      entries.map((e) => [
        e.item,
        e.destination === 'all' ? 'all destinations' : e.destination,
        e.destination === 'all' ? 'all' : e.endUser,
        describe(e.verdict),
      ]),
    ),
  );
  return EXIT.ok;
}

/** `lodestone controls timeline`: each item's states over time. */
export function controlsTimelineCommand(dataset: Dataset, rawFlags: unknown, effects: Effects): ExitCode {
  const parsed = ControlsFlagsSchema.safeParse(rawFlags);
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const flags = parsed.data;
  const view = controlsTimelineView(dataset, {
    item: flags.item === undefined ? undefined : resolveItem(dataset, flags.item),
    destination: flags.destination,
    endUser: flags.endUser,
    afterSuspension: flags.afterSuspension,
  });
  if (flags.json) {
    effects.stdout(`${JSON.stringify(view, null, 2)}\n`);
    return EXIT.ok;
  }
  const { destination, endUser, items: result } = view;
  const rows = result.flatMap(({ item, segments }) =>
    segments.map((s, i) => [i === 0 ? item : '', s.from, s.to ?? '…', describe(s.verdict)]),
  );
  effects.stdout(
    `Timeline for ${destination === 'all' ? 'all destinations' : destination} (${endUser} end users)\n\n${textTable(['item', 'from', 'to', 'state'], rows)}`,
  );
  return EXIT.ok;
}
