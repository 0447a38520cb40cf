import type { ECElementEvent, EChartsCoreOption } from 'echarts/core';
import { useMemo, useState } from 'react';
import { query } from '../api/client.ts';
import { type CriticalityRow, CriticalitySchema } from '../api/schemas.ts';
import { useApi } from '../api/use-api.ts';
import { Chart } from '../charts/chart.tsx';
import { ChartFigure } from '../components/chart-figure.tsx';
import { DataTable } from '../components/data-table.tsx';
import { Field } from '../components/figure.tsx';
import { SourceButton } from '../components/source-button.tsx';
import { Status } from '../components/status.tsx';
import { type I18n, useI18n } from '../i18n/i18n.tsx';

const BUYERS = ['EU', 'USA', 'JPN', 'allied'] as const;
// The EU method's thresholds (European Commission 2017 guidelines), as the CLI's defaults.
const SR_THRESHOLD = 1;
const EI_THRESHOLD = 2.8;
const SOURCE_IDS = [
  'eu-crm2023-global-supply',
  'eu-crm2023-end-use',
  'eu-crm2023-parameters',
  'wgi-2024-six-estimates',
];

/** Criticality: supply risk against economic importance for a buyer, thresholds drawn, derivation on click. */
export default function CriticalityView() {
  const i18n = useI18n();
  const { t } = i18n;
  const [buyer, setBuyer] = useState<string>('EU');
  const [selected, setSelected] = useState<string | null>(null);
  const rows = useApi(`/api/criticality${query({ buyer })}`, CriticalitySchema);
  const chosen = rows.data?.find((r) => r.material === selected);
  return (
    <section aria-labelledby="criticality-title">
      <h2 id="criticality-title">{t('criticalityTitle')}</h2>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('buyer')}>
          <select name="buyer" value={buyer} onChange={(e) => setBuyer(e.target.value)}>
            {BUYERS.map((b) => (
              <option key={b} value={b}>
                {t(`buyer_${b}`)}
              </option>
            ))}
          </select>
        </Field>
        <p>{t('thresholds', { sr: i18n.num(SR_THRESHOLD), ei: i18n.num(EI_THRESHOLD) })}</p>
      </form>
      {rows.state === 'ready' ? (
        <div className="grid-2">
          <Scatter rows={rows.data} buyer={buyer} i18n={i18n} selected={selected} onSelect={setSelected} />
          <div className="panel" aria-live="polite" data-derivation={chosen?.material ?? ''}>
            {chosen ? <Derivation row={chosen} i18n={i18n} /> : <p>{t('clickPointHint')}</p>}
          </div>
        </div>
      ) : (
        <Status loaded={rows} />
      )}
    </section>
  );
}

function Scatter({
  rows,
  buyer,
  i18n,
  selected,
  onSelect,
}: {
  rows: CriticalityRow[];
  buyer: string;
  i18n: I18n;
  selected: string | null;
  onSelect: (material: string) => void;
}) {
  const { t } = i18n;
  const option = useMemo<EChartsCoreOption>(() => {
    const point = (r: CriticalityRow) => ({
      name: r.material,
      value: [r.ei, r.sr],
      symbolSize: r.material === selected ? 16 : 9,
    });
    const assessed = rows.filter((r) => r.ei !== null);
    return {
      grid: { left: 48, right: 24, top: 24, bottom: 48 },
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: [number, number] }) =>
          `${p.name}<br>SR ${i18n.num(p.value[1], 2)} · EI ${i18n.num(p.value[0], 2)}`,
      },
      legend: { top: 0 },
      xAxis: { type: 'value', name: t('economicImportance'), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', name: t('supplyRisk'), nameLocation: 'middle', nameGap: 32 },
      series: [
        {
          type: 'scatter',
          name: t('critical'),
          itemStyle: { color: '#c0392b' },
          data: assessed.filter((r) => r.critical).map(point),
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#555' },
            label: { formatter: (p: { name: string }) => p.name },
            data: [
              { name: `SR = ${i18n.num(SR_THRESHOLD)}`, yAxis: SR_THRESHOLD },
              { name: `EI = ${i18n.num(EI_THRESHOLD)}`, xAxis: EI_THRESHOLD },
            ],
          },
        },
        {
          type: 'scatter',
          name: t('no'),
          itemStyle: { color: '#5b2a86' },
          data: assessed.filter((r) => !r.critical).map(point),
        },
      ],
    };
  }, [rows, i18n, t, selected]);
  const critical = rows.filter((r) => r.critical).length;
  return (
    <ChartFigure
      title={`${t('supplyRisk')} × ${t('economicImportance')} — ${t(`buyer_${buyer as 'EU'}`)}`}
      chart={
        <Chart
          name="criticality"
          option={option}
          height={440}
          onSelect={(e: ECElementEvent) => onSelect(e.name)}
          label={t('scatterSummary', {
            n: rows.length,
            buyer,
            critical,
            sr: i18n.num(SR_THRESHOLD),
            ei: i18n.num(EI_THRESHOLD),
          })}
        />
      }
      table={
        <DataTable
          name="criticality"
          rows={rows}
          rowKey={(r) => r.material}
          columns={[
            {
              key: 'material',
              label: t('material'),
              cell: (r) => (
                <button type="button" onClick={() => onSelect(r.material)} aria-pressed={r.material === selected}>
                  {r.material}
                </button>
              ),
            },
            { key: 'sr', label: 'SR', numeric: true, cell: (r) => i18n.num(r.sr, 2) },
            { key: 'ei', label: 'EI', numeric: true, cell: (r) => (r.ei === null ? '—' : i18n.num(r.ei, 2)) },
            {
              key: 'critical',
              label: t('critical'),
              cell: (r) => (r.critical === null ? t('undetermined') : r.critical ? t('yes') : t('no')),
            },
          ]}
        />
      }
    />
  );
}

function Derivation({ row, i18n }: { row: CriticalityRow; i18n: I18n }) {
  const { t } = i18n;
  const e = row.terms.economicImportance;
  return (
    <>
      <h3>{t('derivation', { material: row.material })}</h3>
      <p>
        SR = <strong data-derivation-sr>{i18n.num(row.sr, 2)}</strong> · EI ={' '}
        <strong>{row.ei === null ? '—' : i18n.num(row.ei, 2)}</strong> · {t('critical')}:{' '}
        {row.critical === null ? t('undetermined') : row.critical ? t('yes') : t('no')}
      </p>
      <p>
        SR = [HHI<sub>WGI,t</sub>(global) × IR/2 + HHI<sub>WGI,t</sub>(buyer) × (1 − IR/2)] × (1 − EoL<sub>RIR</sub>) ×
        SI<sub>SR</sub>; {t('eolRir')} {i18n.share(row.terms.eolRir)}, SI<sub>SR</sub> {i18n.num(row.terms.siSr, 2)}
      </p>
      {row.terms.stages.map((s) => (
        <div key={s.stage}>
          <h4>
            {s.stage} — SR {s.sr === null ? '—' : i18n.num(s.sr, 2)}
            {s.stage === row.bottleneckStage ? ` (${t('bottleneck')})` : ''}
          </h4>
          <p>
            {t('importReliance')} {i18n.share(s.importReliance)} · {t('blendedHhi')}{' '}
            {s.blendedHhi === null ? '—' : i18n.num(s.blendedHhi, 3)}
          </p>
          {(
            [
              ['globalSupply', s.global],
              ['buyerSourcing', s.buyer],
            ] as const
          ).map(([label, h]) =>
            h.suppliers.length > 0 ? (
              <DataTable
                key={label}
                caption={`${t(label)}: HHI_WGI,t = ${h.value === null ? '—' : i18n.num(h.value, 3)}`}
                rows={h.suppliers.slice(0, 6)}
                rowKey={(c) => c.iso3}
                columns={[
                  { key: 'iso3', label: t('country'), cell: (c) => c.iso3 },
                  { key: 'share', label: t('share'), numeric: true, cell: (c) => i18n.share(c.share) },
                  { key: 'wgi', label: 'WGI', numeric: true, cell: (c) => i18n.num(c.wgi, 2) },
                  { key: 't', label: 't', numeric: true, cell: (c) => i18n.num(c.t, 2) },
                  { key: 'term', label: 'share² × WGI × t', numeric: true, cell: (c) => i18n.num(c.term, 3) },
                ]}
              />
            ) : null,
          )}
        </div>
      ))}
      <h4>EI = SI_EI × Σ (A_s × Q_s) / Q_max × 10</h4>
      <DataTable
        rows={e.endUses.slice(0, 8)}
        rowKey={(u) => u.application}
        caption={`Σ ${e.weightedValueAddedMEur === null ? '—' : i18n.num(e.weightedValueAddedMEur, 0)} / ${i18n.num(e.scaleMEur, 0)} × 10 × ${i18n.num(row.terms.siEi, 2)} = ${e.ei === null ? '—' : i18n.num(e.ei, 2)}`}
        columns={[
          { key: 'application', label: t('endUse'), cell: (u) => u.application },
          { key: 'share', label: 'A', numeric: true, cell: (u) => i18n.share(u.share) },
          { key: 'q', label: 'Q (M€)', numeric: true, cell: (u) => i18n.num(u.valueAddedMEur, 0) },
          { key: 'term', label: 'A × Q', numeric: true, cell: (u) => i18n.num(u.term, 0) },
        ]}
      />
      {row.fallbacks.length > 0 ? (
        <>
          <h4>{t('fallbacks')}</h4>
          <ul>
            {row.fallbacks.map((f) => (
              <li key={f.input}>
                {f.input}: {f.usedInstead}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        {t('sources')}:{' '}
        {SOURCE_IDS.map((id) => (
          <SourceButton key={id} id={id} />
        ))}
      </p>
    </>
  );
}
