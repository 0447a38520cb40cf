import type { EChartsCoreOption } from 'echarts/core';
import { type FormEvent, useMemo, useState } from 'react';
import { query } from '../api/client.ts';
import { CommoditiesSchema, type Controls, ControlsSchema, type Timeline, TimelineSchema } from '../api/schemas.ts';
import { useApi } from '../api/use-api.ts';
import { Chart } from '../charts/chart.tsx';
import { ChartFigure } from '../components/chart-figure.tsx';
import { DataTable } from '../components/data-table.tsx';
import { Field } from '../components/figure.tsx';
import { Status } from '../components/status.tsx';
import { type I18n, useI18n } from '../i18n/i18n.tsx';

const DESTINATIONS = ['USA', 'JPN', 'KOR', 'DEU', 'FRA', 'GBR', 'AUS', 'CAN', 'IND', 'TWN'];
const STATE_COLOURS: Record<string, string> = {
  licence_required: '#e6a817',
  de_minimis_licence_required: '#f0c75e',
  denied: '#c0392b',
  banned: '#7b1010',
  technology_banned: '#8e44ad',
  technology_restricted: '#b784c9',
  suspended: '#7fb3d5',
  announced: '#c8c8c8',
  unknown: '#999999',
  none: '#eeeeee',
};
// Open-ended segments are drawn up to this many days after the latest dated change.
const OPEN_END_DAYS = 180;

const dayMs = 86_400_000;
const toTime = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Controls: each item's export-control states over time, and what is in force on a chosen date. */
export default function ControlsView() {
  const i18n = useI18n();
  const { t } = i18n;
  const [item, setItem] = useState('');
  const [destination, setDestination] = useState('');
  const timeline = useApi(`/api/controls/timeline${query({ item, destination })}`, TimelineSchema);
  const allItems = useApi('/api/controls/timeline', TimelineSchema);
  const commodities = useApi('/api/commodities', CommoditiesSchema);
  const itemName = useMemo(() => {
    const byKey = new Map((commodities.data ?? []).map((c) => [c.key, c]));
    return (key: string) => {
      const c = byKey.get(key);
      return c ? i18n.name(c) : key.replace(/_/g, ' ');
    };
  }, [commodities.data, i18n]);

  return (
    <section aria-labelledby="controls-title">
      <h2 id="controls-title">{t('controlsTitle')}</h2>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('item')}>
          <select name="item" value={item} onChange={(e) => setItem(e.target.value)}>
            <option value="">{t('allItems')}</option>
            {(allItems.data?.items ?? []).map((i) => (
              <option key={i.item} value={i.item}>
                {itemName(i.item)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('destination')}>
          <select name="destination" value={destination} onChange={(e) => setDestination(e.target.value)}>
            <option value="">{t('allDestinations')}</option>
            {DESTINATIONS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </Field>
      </form>
      {timeline.state === 'ready' ? (
        <TimelineFigure timeline={timeline.data} i18n={i18n} itemName={itemName} />
      ) : (
        <Status loaded={timeline} />
      )}
      <InForce item={item} destination={destination} i18n={i18n} itemName={itemName} />
    </section>
  );
}

function TimelineFigure({
  timeline,
  i18n,
  itemName,
}: {
  timeline: Timeline;
  i18n: I18n;
  itemName: (k: string) => string;
}) {
  const { t } = i18n;
  const segments = useMemo(() => {
    const dated = timeline.items.flatMap((i) => i.segments.flatMap((s) => [s.from, ...(s.to ? [s.to] : [])]));
    const last = Math.max(...dated.map(toTime));
    const end = last + OPEN_END_DAYS * dayMs;
    return {
      start: Math.min(...dated.map(toTime)),
      end,
      rows: timeline.items.flatMap((i, row) =>
        i.segments
          .filter((s) => s.verdict.state !== 'none')
          .map((s) => ({
            row,
            item: i.item,
            from: s.from,
            to: s.to,
            state: s.verdict.state,
            measures: s.verdict.measures,
          })),
      ),
    };
  }, [timeline]);
  const option = useMemo<EChartsCoreOption>(
    () => ({
      grid: { left: 8, right: 16, top: 8, bottom: 32, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (p: { data: { value: [number, number, number, string, string, string] } }) => {
          const [, , , state, from, to] = p.data.value;
          return `${i18n.tk(`state_${state}`, state)}<br>${i18n.date(from)} – ${to ? i18n.date(to) : '…'}`;
        },
      },
      xAxis: {
        type: 'time',
        min: segments.start,
        max: segments.end,
        axisLabel: { formatter: (v: number) => i18n.date(new Date(v).toISOString().slice(0, 7)) },
      },
      yAxis: { type: 'category', inverse: true, data: timeline.items.map((i) => itemName(i.item)) },
      series: [
        {
          type: 'custom',
          encode: { x: [1, 2], y: 0 },
          renderItem: (
            _params: unknown,
            api: {
              value: (i: number) => number;
              coord: (p: [number, number]) => [number, number];
              size: (p: [number, number]) => [number, number];
              style: (s: object) => object;
            },
          ) => {
            const row = api.value(0);
            const [x0, y] = api.coord([api.value(1), row]);
            const [x1] = api.coord([api.value(2), row]);
            const height = api.size([0, 1])[1] * 0.6;
            return {
              type: 'rect',
              shape: { x: x0, y: y - height / 2, width: Math.max(x1 - x0, 1), height },
              style: api.style({}),
            };
          },
          data: segments.rows.map((s) => ({
            value: [s.row, toTime(s.from), s.to ? toTime(s.to) + dayMs : segments.end, s.state, s.from, s.to ?? ''],
            itemStyle: { color: STATE_COLOURS[s.state] ?? '#999' },
          })),
        },
      ],
    }),
    [segments, timeline, i18n, itemName],
  );
  const states = [...new Set(segments.rows.map((s) => s.state))];
  return (
    <ChartFigure
      title={t('controlsTitle')}
      chart={
        <>
          <Chart
            name="controls-timeline"
            option={option}
            height={Math.max(200, timeline.items.length * 28 + 48)}
            label={t('timelineSummary', {
              n: timeline.items.length,
              from: i18n.date(new Date(segments.start).toISOString().slice(0, 10)),
              to: i18n.date(new Date(segments.end - OPEN_END_DAYS * dayMs).toISOString().slice(0, 10)),
            })}
          />
          <ul className="legend" aria-label={t('state')}>
            {states.map((s) => (
              <li key={s}>
                <span className="swatch" style={{ background: STATE_COLOURS[s] ?? '#999' }} />{' '}
                {i18n.tk(`state_${s}`, s)}
              </li>
            ))}
          </ul>
        </>
      }
      table={
        <DataTable
          name="controls-timeline"
          rows={segments.rows}
          rowKey={(s) => `${s.item}@${s.from}`}
          columns={[
            { key: 'item', label: t('item'), cell: (s) => itemName(s.item) },
            { key: 'from', label: t('since'), cell: (s) => i18n.date(s.from) },
            { key: 'to', label: t('until'), cell: (s) => (s.to ? i18n.date(s.to) : '…') },
            { key: 'state', label: t('state'), cell: (s) => i18n.tk(`state_${s.state}`, s.state) },
            {
              key: 'measures',
              label: t('measures'),
              cell: (s) => [...new Set(s.measures.map((m) => m.measureId))].join(', '),
            },
          ]}
        />
      }
    />
  );
}

function InForce({
  item,
  destination,
  i18n,
  itemName,
}: {
  item: string;
  destination: string;
  i18n: I18n;
  itemName: (k: string) => string;
}) {
  const { t } = i18n;
  const [date, setDate] = useState('2025-06-01');
  const [asked, setAsked] = useState('2025-06-01');
  const controls = useApi(`/api/controls${query({ at: asked, item, destination })}`, ControlsSchema);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked(date);
  };
  return (
    <div className="panel">
      <form className="controls" onSubmit={submit}>
        <Field label={t('inForceOn')}>
          <input type="date" name="at" value={date} required onChange={(e) => setDate(e.target.value)} />
        </Field>
        <button type="submit" className="primary">
          {t('show')}
        </button>
      </form>
      {controls.state === 'ready' ? (
        <InForceTable controls={controls.data} i18n={i18n} itemName={itemName} />
      ) : (
        <Status loaded={controls} />
      )}
    </div>
  );
}

function InForceTable({
  controls,
  i18n,
  itemName,
}: {
  controls: Controls;
  i18n: I18n;
  itemName: (k: string) => string;
}) {
  const { t } = i18n;
  return (
    <DataTable
      name="in-force"
      caption={t('inForceTitle', { date: i18n.date(controls.date) })}
      rows={controls.entries}
      rowKey={(e, i) => `${e.item}/${e.destination}/${e.endUser}/${i}`}
      columns={[
        { key: 'item', label: t('item'), cell: (e) => itemName(e.item) },
        {
          key: 'destination',
          label: t('destination'),
          cell: (e) => (e.destination === 'all' ? t('allDestinations') : e.destination),
        },
        { key: 'endUser', label: t('endUser'), cell: (e) => e.endUser },
        { key: 'state', label: t('state'), cell: (e) => i18n.tk(`state_${e.verdict.state}`, e.verdict.state) },
        {
          key: 'measures',
          label: t('measures'),
          cell: (e) => [...new Set(e.verdict.measures.map((m) => m.measureId))].join(', '),
        },
      ]}
    />
  );
}
