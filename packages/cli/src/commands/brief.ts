import { briefing, clausesAt, type Dataset } from '@lodestone/core';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { formatShare, textTable } from '../format/text-table.ts';

const STATUS_WORDS: Readonly<Record<string, string>> = {
  in_force: 'in force',
  partially_suspended: 'partly suspended',
  suspended: 'suspended',
  superseded: 'superseded',
};

/** `lodestone brief`: what China's controls reach, the most concentrated chains, and the alliance's single-country dependences. */
export function briefCommand(
  dataset: Dataset,
  flags: { year?: number | undefined; json?: boolean | undefined; at?: string | undefined },
  effects: Effects,
): ExitCode {
  const year =
    flags.year ??
    dataset.observations.reduce(
      (y, o) => (o.metric === 'production' && o.value !== null && o.year > y ? o.year : y),
      0,
    );
  const b = briefing(dataset, year);
  if (flags.json) {
    effects.stdout(`${JSON.stringify(b, null, 2)}\n`);
    return EXIT.ok;
  }
  const name = (k: string) => dataset.commodities.find((c) => c.key === k)?.nameEn ?? k;
  const out: string[] = [];
  out.push(
    `Lodestone briefing — critical-mineral supply concentration, ${year}${b.estimatedYear ? ' (USGS estimates)' : ''}`,
  );
  out.push(`dataset ${dataset.version}`);
  out.push('');
  const today = flags.at ?? new Date().toISOString().slice(0, 10);
  const clauses = clausesAt(dataset, today).filter((c) => c.effect !== 'framework' && c.effect !== 'domestic_quota');
  const unknown = clauses.filter((c) => c.state === 'unknown');
  const ended = [...new Set(unknown.map((c) => c.unknownAfter))].sort().join(', ');
  out.push(
    `Regime on ${today}: ${clauses.filter((c) => c.state === 'in_force').length} clauses in force, ${clauses.filter((c) => c.state === 'suspended').length} suspended` +
      (unknown.length > 0
        ? `, ${unknown.length} of unknown state (their suspensions ended ${ended}; lodestone controls --after-suspension lapsed|extended)`
        : ''),
  );
  out.push('');
  out.push(
    `Under China's export controls (measure status as recorded ${b.controlsStatusAsOf ?? 'n/a'}); shares of world output`,
  );
  out.push(
    textTable(
      ['commodity', 'stage', 'China', 'allied', 'China midstream (reported)', 'measures'],
      b.controlled.map((c) => {
        const counts = new Map<string, number>();
        for (const m of c.measures) counts.set(m.status, (counts.get(m.status) ?? 0) + 1);
        return [
          name(c.commodity),
          c.entry?.stage ?? '—',
          c.entry ? formatShare(c.entry.chinaShare) : 'n/a',
          c.entry ? formatShare(c.entry.alliedShare) : 'n/a',
          c.reportedChinaShares
            .map(
              (r) =>
                `${r.stage.replace('_', ' ')} ${formatShare(r.share)} (${r.year}${r.confidence === 'high' ? '' : `, ${r.confidence}`})`,
            )
            .join('; '),
          [...counts].map(([status, n]) => `${n} ${STATUS_WORDS[status] ?? status}`).join(', '),
        ];
      }),
      new Set([2, 3]),
    ),
  );
  out.push('Most concentrated critical-mineral chains (HHI over producing countries, 0–10,000)');
  out.push(
    textTable(
      ['commodity', 'stage', 'HHI', 'largest producer', 'China', 'allied'],
      b.mostConcentrated.map((e) => [
        name(e.commodity),
        e.stage,
        String(Math.round(e.hhi)),
        e.top1 ? `${e.top1.name} ${formatShare(e.top1.share)}` : '',
        formatShare(e.chinaShare),
        formatShare(e.alliedShare),
      ]),
      new Set([2, 4, 5]),
    ),
  );
  out.push('Beyond China: where the alliance (US, Japan, like-minded) depends most on one other country outside it');
  out.push(
    textTable(
      ['commodity', 'stage', 'country', 'share', 'allied share'],
      b.singleCountryDependence.map((d) => [
        name(d.entry.commodity),
        d.entry.stage,
        d.name,
        formatShare(d.share),
        formatShare(d.entry.alliedShare),
      ]),
      new Set([3, 4]),
    ),
  );
  out.push('Sources:');
  for (const s of b.sources)
    out.push(
      `  [${s.id}] ${s.title}${s.kind === 'assumption' ? ` (assumption: ${s.reasoning})` : `, ${s.publisher} ${s.year}`}`,
    );
  out.push('More: lodestone atlas <commodity> · lodestone atlas --rank · lodestone sources <id>');
  effects.stdout(`${out.join('\n')}\n`);
  return EXIT.ok;
}
