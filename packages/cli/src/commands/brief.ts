import { briefing, type Dataset } from '@lodestone/core';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { formatShare, textTable } from '../format/text-table.ts';

/** `lodestone brief`: the most concentrated critical-mineral chains and the alliance's single-country dependences. */
export function briefCommand(
  dataset: Dataset,
  flags: { year?: number | undefined; json?: boolean | undefined },
  effects: Effects,
): ExitCode {
  const year =
    flags.year ??
    Math.max(...dataset.observations.filter((o) => o.metric === 'production' && o.value !== null).map((o) => o.year));
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
  out.push('Most concentrated chains (HHI over producing countries, 0–10,000; shares of world output)');
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
  out.push('Where the alliance (US, Japan, like-minded) depends most on one country outside it');
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
