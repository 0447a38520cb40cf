import {
  assessableMaterials,
  assessCriticality,
  assessGroup,
  BuyerSchema,
  criticalityOptions,
  type CriticalityResult,
  criticalityRowView,
  type Dataset,
  materialInputs,
  resolveCommodityName,
  supplyRiskSensitivity,
} from '@lodestone/core';
import { z } from 'zod';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';
import { csvText, textTable } from '../format/text-table.ts';
import { closestNames } from '../suggest.ts';

const CriticalityFlagsSchema = z.object({
  method: z.literal('eu', { message: 'only the EU method (eu) is implemented' }).default('eu'),
  buyer: z
    .string()
    .transform((b) => (b.toLowerCase() === 'allied' ? 'allied' : b.toUpperCase()))
    .pipe(BuyerSchema)
    .default('EU'),
  year: z.coerce
    .number()
    .pipe(z.literal(2023, { message: 'the loaded inputs are those of the EU 2023 assessment: use 2023' }))
    .default(2023),
  json: z.boolean().default(false),
  csv: z.boolean().default(false),
  explain: z.string().optional(),
  vary: z.enum(['WGI', 't', 'IR']).optional(),
  srThreshold: z.coerce.number().positive().default(1),
  eiThreshold: z.coerce.number().positive().default(2.8),
});

const f2 = (v: number | null): string => (v === null ? 'n/a' : v.toFixed(2));
const verdict = (c: boolean | null): string => (c === null ? '?' : c ? 'yes' : '');
const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

/** The material the user meant: an EU CRM material name (any case) or a commodity name that maps to one. */
function resolveMaterial(dataset: Dataset, input: string): string {
  const materials = assessableMaterials(dataset);
  const direct = materials.find((m) => m.toLowerCase() === input.trim().toLowerCase());
  if (direct) return direct;
  const key = resolveCommodityName(dataset, input);
  const viaKey = dataset.euMaterials.filter((m) => m.commodity === key).map((m) => m.material);
  if (viaKey.length === 1 && viaKey[0] !== undefined) return viaKey[0];
  throw new UsageError(`unknown material "${input}"; did you mean ${closestNames(input, materials).join(', ')}?`);
}

function explain(result: CriticalityResult, dataset: Dataset, buyer: string, sr: number, ei: number): string {
  const out: string[] = [];
  const t = result.terms;
  out.push(
    `${result.material} — EU criticality method (2017 guidelines), buyer ${buyer}, inputs of the EU 2023 assessment`,
  );
  out.push('');
  out.push(
    'Supply risk, per stage: SR = [HHI_WGI,t(global) × IR/2 + HHI_WGI,t(buyer) × (1 − IR/2)] × (1 − EoL_RIR) × SI_SR',
  );
  for (const s of t.stages) {
    out.push(`  ${s.stage} (basis ${s.basis}, IR ${pct(s.importReliance)})`);
    for (const [label, h] of [
      ['global supply', s.global],
      ['buyer sourcing', s.buyer],
    ] as const) {
      if (h.suppliers.length === 0) continue;
      out.push(`    HHI_WGI,t(${label}) = ${f2(h.value)} = Σ share² × WGI × t over:`);
      for (const c of h.suppliers.slice(0, 6))
        out.push(
          `      ${c.iso3}  share ${pct(c.share).padStart(6)}  WGI ${c.wgi.toFixed(2).padStart(5)}  t ${c.t.toFixed(2)}  → ${c.term.toFixed(3)}`,
        );
      if (h.suppliers.length > 6)
        out.push(
          `      … ${h.suppliers.length - 6} more, together ${h.suppliers
            .slice(6)
            .reduce((x, c) => x + c.term, 0)
            .toFixed(3)}`,
        );
    }
    out.push(`    blend ${f2(s.blendedHhi)} × (1 − ${pct(t.eolRir)}) × ${t.siSr} = SR ${f2(s.sr)}`);
  }
  out.push(`  bottleneck: ${result.bottleneckStage}, SR = ${f2(result.sr)} (threshold ${sr})`);
  out.push('');
  out.push('Economic importance: EI = SI_EI × Σ_s (A_s × Q_s) / Q_max × 10');
  const e = t.economicImportance;
  for (const u of e.endUses.slice(0, 8))
    out.push(
      `  ${u.application} (${u.sector}): A ${pct(u.share)} × Q ${u.valueAddedMEur.toLocaleString('en-US')} M€ = ${Math.round(u.term).toLocaleString('en-US')}`,
    );
  out.push(
    `  Σ ${Math.round(e.weightedValueAddedMEur).toLocaleString('en-US')} / ${e.scaleMEur.toLocaleString('en-US')} × 10 × ${t.siEi} = EI ${f2(result.ei)} (threshold ${ei})`,
  );
  out.push('');
  out.push(`critical: ${result.critical === null ? 'undetermined (EI unknown)' : result.critical ? 'yes' : 'no'}`);
  if (result.fallbacks.length > 0) {
    out.push('inputs not from the buyer’s own data:');
    for (const fb of result.fallbacks) out.push(`  - ${fb.input}: ${fb.usedInstead}`);
  }
  const sourceIds = [
    'eu-crm2023-global-supply',
    'eu-crm2023-eu-sourcing',
    'eu-crm2023-end-use',
    'eu-crm2023-parameters',
    'wgi-2024-six-estimates',
    'wgi-2022-composite',
    'assumption-wgi-scaling',
  ];
  if (buyer === 'USA' || buyer === 'JPN')
    sourceIds.push(
      buyer === 'USA' ? 'usgs-mcs2025-import-sources' : 'japan-import-sources-compiled',
      'buyer-import-reliance',
      'assumption-t-partners',
    );
  out.push('sources:');
  for (const id of sourceIds) {
    const s = dataset.sources.find((x) => x.id === id);
    if (s) out.push(`  [${s.id}] ${s.title}`);
  }
  return `${out.join('\n')}\n`;
}

/** `lodestone criticality`: supply risk and economic importance by the EU method, for any buyer. */
export function criticalityCommand(dataset: Dataset, rawFlags: unknown, effects: Effects): ExitCode {
  const parsed = CriticalityFlagsSchema.safeParse(rawFlags);
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const flags = parsed.data;
  const options = criticalityOptions(dataset, { srThreshold: flags.srThreshold, eiThreshold: flags.eiThreshold });
  const assess = (material: string) => {
    const inputs = materialInputs(dataset, flags.buyer, material);
    if ('code' in inputs) throw new UsageError(`no EU 2023 inputs for "${material}"`);
    return { inputs, result: assessCriticality(inputs, options) };
  };

  if (flags.explain !== undefined) {
    const { result } = assess(resolveMaterial(dataset, flags.explain));
    effects.stdout(
      flags.json
        ? `${JSON.stringify(result, null, 2)}\n`
        : explain(result, dataset, flags.buyer, options.srThreshold, options.eiThreshold),
    );
    return EXIT.ok;
  }

  const rows = assessableMaterials(dataset)
    .map(assess)
    .sort((a, b) => b.result.sr - a.result.sr || a.result.material.localeCompare(b.result.material));
  const groups = [...new Set(dataset.euMaterialGroups.map((g) => g.group))].flatMap((group) => {
    const members = new Set(dataset.euMaterialGroups.filter((g) => g.group === group).map((g) => g.material));
    const result = assessGroup(
      group,
      rows.map((r) => r.result).filter((r) => members.has(r.material)),
      options,
    );
    return result ? [result] : [];
  });
  if (flags.vary !== undefined) {
    const vary = flags.vary;
    const table = rows.map(({ inputs, result }) => ({
      material: result.material,
      ...supplyRiskSensitivity(inputs, options, vary),
    }));
    if (flags.json) effects.stdout(`${JSON.stringify(table, null, 2)}\n`);
    else
      effects.stdout(
        textTable(
          ['material', `SR ${vary} −10%`, 'SR', `SR ${vary} +10%`, 'swing'],
          table.map((r) => [
            r.material,
            f2(r.low),
            f2(r.base),
            f2(r.high),
            `${r.base > 0 ? (((r.high - r.low) / r.base) * 50).toFixed(1) : '0.0'}%`,
          ]),
          new Set([1, 2, 3, 4]),
        ),
      );
    return EXIT.ok;
  }
  if (flags.json) {
    effects.stdout(
      `${JSON.stringify(
        rows.map(({ result }) => criticalityRowView(result)),
        null,
        2,
      )}\n`,
    );
    return EXIT.ok;
  }
  if (flags.csv) {
    effects.stdout(
      csvText(
        ['material', 'buyer', 'sr', 'ei', 'critical', 'bottleneck_stage', 'fallbacks'],
        rows.map(({ result: r }) => [
          r.material,
          flags.buyer,
          r.sr,
          r.ei,
          r.critical ? 1 : 0,
          r.bottleneckStage,
          r.fallbacks.map((f) => f.input).join('; '),
        ]),
      ),
    );
    return EXIT.ok;
  }
  effects.stdout(
    `EU criticality method, buyer ${flags.buyer}, EU 2023 inputs; critical when SR ≥ ${options.srThreshold} and EI ≥ ${options.eiThreshold}\n\n` +
      textTable(
        ['material', 'SR', 'EI', 'critical', 'bottleneck', 'fallbacks'],
        rows.map(({ result: r }) => [
          r.material,
          f2(r.sr),
          f2(r.ei),
          r.critical ? 'yes' : '',
          r.bottleneckStage,
          String(r.fallbacks.length),
        ]),
        new Set([1, 2, 5]),
      ) +
      '\nGroups (unweighted mean of members, an assumption)\n' +
      textTable(
        ['group', 'SR', 'EI', 'critical', 'members'],
        groups.map((g) => [g.group, f2(g.sr), f2(g.ei), verdict(g.critical), g.members.join(', ')]),
        new Set([1, 2]),
      ) +
      '\nlodestone criticality --explain <material> shows the derivation; --vary WGI|t|IR the sensitivity.\n',
  );
  return EXIT.ok;
}
