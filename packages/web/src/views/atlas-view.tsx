import type { EChartsCoreOption } from 'echarts/core';
import { useMemo, useState } from 'react';
import { query } from '../api/client.ts';
import { type Atlas, AtlasSchema, CommoditiesSchema, type Commodity } from '../api/schemas.ts';
import { useApi } from '../api/use-api.ts';
import { Chart } from '../charts/chart.tsx';
import { preloadWorldMap, registerWorldMap } from '../charts/world-map.ts';
import { ChartFigure } from '../components/chart-figure.tsx';
import { type Column, DataTable } from '../components/data-table.tsx';
import { DownloadButtons } from '../components/download-buttons.tsx';
import { Field, Figure } from '../components/figure.tsx';
import { SourceButton } from '../components/source-button.tsx';
import { Status } from '../components/status.tsx';
import { type I18n, useI18n } from '../i18n/i18n.tsx';

type Country = Atlas['countries'][number];

// The map needs ECharts and the shapes: fetch both while the atlas's data is on its way.
preloadWorldMap();

/** Atlas: a commodity's production by country at one stage and year, on a map and ranked, with sources. */
export default function AtlasView() {
  const i18n = useI18n();
  const { t } = i18n;
  const commodities = useApi('/api/commodities', CommoditiesSchema);
  const [choice, setChoice] = useState<{ commodity?: string; stage?: string | undefined; year?: number | undefined }>(
    {},
  );
  const list = commodities.data ?? [];
  const commodity =
    list.find((c) => c.key === choice.commodity) ?? list.find((c) => c.key === 'rare_earths') ?? list[0];
  const stage = commodity?.stages.find((s) => s.stage === choice.stage) ?? defaultStage(commodity);
  const year = stage?.years.includes(choice.year ?? NaN) ? choice.year : stage ? Math.max(...stage.years) : undefined;
  const atlasPath =
    commodity && stage ? `/api/atlas${query({ commodity: commodity.key, stage: stage.stage, year })}` : null;
  const atlas = useApi(atlasPath, AtlasSchema);

  return (
    <section aria-labelledby="atlas-title">
      <h2 id="atlas-title">{t('atlasTitle')}</h2>
      <Status loaded={commodities} />
      {commodity ? (
        <form className="controls" onSubmit={(e) => e.preventDefault()}>
          <Field label={t('commodity')}>
            <select name="commodity" value={commodity.key} onChange={(e) => setChoice({ commodity: e.target.value })}>
              {list.map((c) => (
                <option key={c.key} value={c.key}>
                  {i18n.name(c)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('stage')}>
            <select
              name="stage"
              value={stage?.stage ?? ''}
              onChange={(e) => setChoice({ commodity: commodity.key, stage: e.target.value })}
            >
              {commodity.stages.map((s) => (
                <option key={s.stage} value={s.stage}>
                  {i18n.tk(`stage_${s.stage}`, s.stage)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('year')}>
            <select
              name="year"
              value={year ?? ''}
              onChange={(e) =>
                setChoice({ commodity: commodity.key, stage: stage?.stage, year: Number(e.target.value) })
              }
            >
              {[...(stage?.years ?? [])]
                .sort((a, b) => b - a)
                .map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
            </select>
          </Field>
        </form>
      ) : null}
      {atlas.state === 'ready' && commodity ? <AtlasBody atlas={atlas.data} commodity={commodity} i18n={i18n} /> : null}
      {atlasPath ? <Status loaded={atlas} /> : null}
    </section>
  );
}

function defaultStage(commodity: Commodity | undefined) {
  return commodity?.stages.find((s) => s.stage === 'mining') ?? commodity?.stages[0];
}

function AtlasBody({ atlas, commodity, i18n }: { atlas: Atlas; commodity: Commodity; i18n: I18n }) {
  const { t } = i18n;
  const sources = atlas.sources.map((s) => s.id);
  const stageLabel = i18n.tk(`stage_${atlas.stage}`, atlas.stage);
  const name = i18n.name(commodity);
  const countryName = (c: Country) => i18n.name(c);
  const ranked = useMemo(() => [...atlas.countries].sort((a, b) => b.value - a.value), [atlas]);

  const mapOption = useMemo<EChartsCoreOption>(() => {
    const max = Math.max(...atlas.countries.map((c) => c.share), 0.01);
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { data?: { label: string; value: number; quantity: number } }) =>
          p.data ? `${p.data.label}: ${i18n.share(p.data.value)} (${i18n.qty(p.data.quantity, atlas.unit)})` : '',
      },
      visualMap: {
        min: 0,
        max,
        left: 'left',
        bottom: 0,
        calculable: false,
        text: [i18n.share(max), i18n.share(0)],
        inRange: { color: ['#e0ecf4', '#8856a7', '#4d004b'] },
        formatter: (v: number) => i18n.share(v),
      },
      series: [
        {
          type: 'map',
          map: 'world',
          roam: false,
          emphasis: { label: { show: false } },
          itemStyle: { areaColor: '#f2f2f2', borderColor: '#999', borderWidth: 0.4 },
          data: atlas.countries.map((c) => ({
            name: c.iso3,
            value: c.share,
            label: countryName(c),
            quantity: c.value,
          })),
        },
      ],
    };
  }, [atlas, i18n]);

  const top = ranked.slice(0, 12);
  const barOption = useMemo<EChartsCoreOption>(
    () => ({
      grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => i18n.qty(v, atlas.unit) },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => i18n.compact(v) } },
      yAxis: { type: 'category', inverse: true, data: top.map(countryName) },
      series: [{ type: 'bar', data: top.map((c) => c.value), itemStyle: { color: '#8856a7' } }],
    }),
    [atlas, i18n],
  );

  const columns: Column<Country>[] = [
    { key: 'iso3', label: 'ISO3', cell: (c) => c.iso3 },
    { key: 'country', label: t('country'), cell: countryName },
    {
      key: 'value',
      label: `${t('value')} (${i18n.tk(`unit_${atlas.unit}`, atlas.unit)})`,
      numeric: true,
      cell: (c) => `${c.qualifier ?? ''}${i18n.num(c.value)}${c.estimated ? ` (${t('estimated')})` : ''}`,
    },
    { key: 'share', label: t('share'), numeric: true, cell: (c) => i18n.share(c.share) },
  ];
  const exportHeader = [
    'iso3',
    t('country'),
    `${t('value')} (${atlas.unit})`,
    t('share'),
    t('estimated'),
    t('sources'),
  ];
  const exportRows = [
    ...ranked.map((c) => [c.iso3, countryName(c), c.value, c.share, c.estimated, sources.join(' ')]),
    ...atlas.aggregates.map((a) => [null, a.label, a.value, a.share, null, sources.join(' ')]),
  ];
  const topCountry = ranked[0];
  const table = (
    <DataTable
      name="atlas-countries"
      columns={columns}
      rows={ranked}
      rowKey={(c) => c.iso3}
      caption={`${name} — ${stageLabel}, ${atlas.year}`}
    />
  );

  return (
    <>
      <div className="figures" data-atlas={`${atlas.commodity}/${atlas.stage}/${atlas.year}`}>
        <Figure name="hhi" label={t('hhi')} value={i18n.num(atlas.hhi, 0)} sources={sources} />
        <Figure name="top3Share" label={t('top3Share')} value={i18n.share(atlas.top3Share)} sources={sources} />
        <Figure name="chinaShare" label={t('chinaShare')} value={i18n.share(atlas.chinaShare)} sources={sources} />
        <Figure name="alliedShare" label={t('alliedShare')} value={i18n.share(atlas.alliedShare)} sources={sources} />
        <Figure name="total" label={t('worldTotal')} value={i18n.qty(atlas.total, atlas.unit)} sources={sources} />
      </div>
      <div className="grid-2">
        <ChartFigure
          title={t('mapTitle', { stage: stageLabel, year: atlas.year })}
          chart={
            <Chart
              name="atlas-map"
              option={mapOption}
              prepare={registerWorldMap}
              label={t('mapSummary', {
                commodity: name,
                stage: stageLabel,
                year: atlas.year,
                n: atlas.countries.length,
                top: topCountry ? countryName(topCountry) : '—',
                share: topCountry ? i18n.share(topCountry.share) : '—',
              })}
            />
          }
          table={table}
        />
        <ChartFigure
          title={t('barTitle', { year: atlas.year })}
          chart={
            <Chart
              name="atlas-bar"
              option={barOption}
              label={t('barSummary', {
                commodity: name,
                list: top
                  .slice(0, 5)
                  .map((c) => `${countryName(c)} ${i18n.share(c.share)}`)
                  .join(', '),
              })}
            />
          }
          table={table}
        />
      </div>
      <div className="table-head">
        <h3>
          {name} — {stageLabel}, {atlas.year}
        </h3>
        <DownloadButtons
          fileStem={`lodestone-${atlas.commodity}-${atlas.stage}-${atlas.year}`}
          header={exportHeader}
          rows={exportRows}
        />
      </div>
      {table}
      <p className="sources-line">
        {t('sources')}:{' '}
        {atlas.sources.map((s) => (
          <span key={s.id}>
            {s.title ?? s.id} <SourceButton id={s.id} />{' '}
          </span>
        ))}
      </p>
    </>
  );
}
