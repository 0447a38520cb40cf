import type { EChartsCoreOption } from 'echarts/core';
import { useMemo, useState } from 'react';
import { query } from '../api/client.ts';
import { type Sankey, SankeySchema } from '../api/schemas.ts';
import { useApi } from '../api/use-api.ts';
import { Chart } from '../charts/chart.tsx';
import { ChartFigure } from '../components/chart-figure.tsx';
import { DataTable } from '../components/data-table.tsx';
import { Field } from '../components/figure.tsx';
import { Status } from '../components/status.tsx';
import { type I18n, useI18n } from '../i18n/i18n.tsx';

const CHAINS = ['magnets', 'batteries', 'catalysts', 'optics', 'antimony', 'tungsten'] as const;
const STAGE_COLOURS: Record<string, string> = {
  mining: '#8c6d31',
  refining: '#5b2a86',
  metal: '#3182bd',
  component: '#31a354',
  end_use: '#e6550d',
};

/** Chains: each chain's baseline annual flows from mine to end use, by country, as a Sankey diagram. */
export default function ChainsView() {
  const i18n = useI18n();
  const { t } = i18n;
  const [chain, setChain] = useState<string>('magnets');
  const sankey = useApi(`/api/network/sankey${query({ chain })}`, SankeySchema);
  return (
    <section aria-labelledby="chains-title">
      <h2 id="chains-title">{t('chainsTitle')}</h2>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('chain')}>
          <select name="chain" value={chain} onChange={(e) => setChain(e.target.value)}>
            {CHAINS.map((c) => (
              <option key={c} value={c}>
                {i18n.tk(`chain_${c}`, c)}
              </option>
            ))}
          </select>
        </Field>
      </form>
      {sankey.state === 'ready' ? <SankeyFigure sankey={sankey.data} i18n={i18n} /> : <Status loaded={sankey} />}
    </section>
  );
}

function SankeyFigure({ sankey, i18n }: { sankey: Sankey; i18n: I18n }) {
  const { t } = i18n;
  const nodeLabel = useMemo(() => {
    const byId = new Map(sankey.nodes.map((n) => [n.id, n]));
    return (id: string) => {
      const n = byId.get(id);
      if (!n) return id;
      // End uses come without a display name (their key, e.g. ev_traction_motor); make the key readable.
      const name = n.stage === 'end_use' && !n.nameJa ? n.nameEn.replace(/_/g, ' ') : i18n.name(n);
      return `${name} · ${n.area}`;
    };
  }, [sankey, i18n]);
  const links = useMemo(() => [...sankey.links].sort((a, b) => b.value - a.value), [sankey]);
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: {
        trigger: 'item',
        formatter: (p: {
          dataType: string;
          data: { name?: string; source?: string; target?: string; value?: number };
        }) =>
          p.dataType === 'edge'
            ? `${nodeLabel(p.data.source ?? '')} → ${nodeLabel(p.data.target ?? '')}<br>${i18n.qty(p.data.value ?? 0, sankey.unit)}`
            : `${nodeLabel(p.data.name ?? '')}<br>${i18n.qty(p.data.value ?? 0, sankey.unit)}`,
      },
      series: [
        {
          type: 'sankey',
          left: 8,
          right: 150,
          top: 8,
          bottom: 8,
          nodeGap: 4,
          layoutIterations: 32,
          emphasis: { focus: 'adjacency' },
          lineStyle: { color: 'gradient', opacity: 0.35 },
          label: {
            fontSize: 10,
            width: 140,
            overflow: 'truncate',
            formatter: (p: { name: string }) => nodeLabel(p.name),
          },
          data: sankey.nodes.map((n) => ({ name: n.id, itemStyle: { color: STAGE_COLOURS[n.stage] ?? '#888' } })),
          links: sankey.links,
        },
      ],
    }),
    [sankey, nodeLabel, i18n],
  );
  const largest = links[0];
  const height = Math.max(420, Math.min(1400, sankey.nodes.length * 14));
  return (
    <ChartFigure
      title={`${i18n.tk(`chain_${sankey.chain}`, sankey.chain)} (${i18n.tk(`unit_${sankey.unit}`, sankey.unit)})`}
      chart={
        <Chart
          name="sankey"
          option={option}
          height={height}
          label={t('sankeySummary', {
            chain: i18n.tk(`chain_${sankey.chain}`, sankey.chain),
            nodes: sankey.nodes.length,
            links: sankey.links.length,
            unit: i18n.tk(`unit_${sankey.unit}`, sankey.unit),
            from: largest ? nodeLabel(largest.source) : '—',
            to: largest ? nodeLabel(largest.target) : '—',
            value: largest ? i18n.num(largest.value) : '—',
          })}
        />
      }
      table={
        <DataTable
          name="sankey-links"
          rows={links}
          rowKey={(l) => `${l.source}>${l.target}`}
          columns={[
            { key: 'from', label: t('from'), cell: (l) => nodeLabel(l.source) },
            { key: 'to', label: t('to'), cell: (l) => nodeLabel(l.target) },
            {
              key: 'value',
              label: `${t('flow')} (${i18n.tk(`unit_${sankey.unit}`, sankey.unit)})`,
              numeric: true,
              cell: (l) => i18n.num(l.value),
            },
          ]}
        />
      }
    />
  );
}
