import type { ECElementEvent, EChartsCoreOption } from 'echarts/core';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { getJson, query, sendJson } from '../api/client.ts';
import {
  type Explanation,
  ExplanationNodeSchema,
  type Run,
  RunCreatedSchema,
  RunListSchema,
  RunSchema,
  type Scenario,
  ScenarioListSchema,
  ScenarioSchema,
  type SimulationReport,
} from '../api/run-schemas.ts';
import { useApi } from '../api/use-api.ts';
import { Chart } from '../charts/chart.tsx';
import { ChartFigure } from '../components/chart-figure.tsx';
import { DataTable } from '../components/data-table.tsx';
import { Field } from '../components/figure.tsx';
import { SourceButton } from '../components/source-button.tsx';
import { Status } from '../components/status.tsx';
import { type I18n, useI18n } from '../i18n/i18n.tsx';
import { type GroupBy, productsByShortfall, shortfallSeries } from './scenario-results.ts';

const POLL_MS = 400;
const SERIES_SHOWN = 6;
const COLOURS = ['#5b2a86', '#e6550d', '#3182bd', '#31a354', '#c0392b', '#8c6d31'];

/** Scenarios: pick or edit a scenario, run it with progress, read shortfalls, prices and explanations. */
export default function ScenariosView() {
  const i18n = useI18n();
  const { t } = i18n;
  const scenarios = useApi('/api/scenarios', ScenarioListSchema);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const [savedRunsVersion, setSavedRunsVersion] = useState(0);
  const list = scenarios.data ?? [];
  const selected = list.find((s) => s.id === selectedId) ?? list.find((s) => s.id === 'cn-2025-04-ree7') ?? list[0];

  return (
    <section aria-labelledby="scenarios-title">
      <h2 id="scenarios-title">{t('scenariosTitle')}</h2>
      <Status loaded={scenarios} />
      {selected ? (
        <>
          <form className="controls" onSubmit={(e) => e.preventDefault()}>
            <Field label={t('scenario')}>
              <select
                name="scenario"
                value={selected.id}
                onChange={(e) => {
                  setSelectedId(e.target.value);
                  setRun(null);
                }}
              >
                {list.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.id} — {s.title}
                  </option>
                ))}
              </select>
            </Field>
          </form>
          <div className="panel">
            <p>{selected.description}</p>
            {selected.sources.length > 0 ? (
              <p>
                {t('sources')}:{' '}
                {selected.sources.map((id) => (
                  <SourceButton key={id} id={id} />
                ))}
              </p>
            ) : null}
          </div>
          <div className="grid-2">
            <ScenarioEditor
              key={selected.id}
              scenario={selected}
              i18n={i18n}
              onSaved={(id) => {
                scenarios.reload();
                setSelectedId(id);
              }}
            />
            <RunPanel
              key={`run-${selected.id}`}
              scenario={selected}
              i18n={i18n}
              run={run}
              onRun={(r) => {
                setRun(r);
                if (r.status === 'done' || r.status === 'failed') setSavedRunsVersion((v) => v + 1);
              }}
            />
          </div>
          {run?.status === 'done' && run.report ? <Results run={run} report={run.report} i18n={i18n} /> : null}
          <SavedRuns scenario={selected.id} version={savedRunsVersion} i18n={i18n} />
        </>
      ) : null}
    </section>
  );
}

function ScenarioEditor({
  scenario,
  i18n,
  onSaved,
}: {
  scenario: Scenario;
  i18n: I18n;
  onSaved: (id: string) => void;
}) {
  const { t } = i18n;
  const { id, title, description, startMonth, horizonMonths, ...rest } = scenario;
  const [fields, setFields] = useState({ id, title, description, startMonth, horizonMonths: String(horizonMonths) });
  const [json, setJson] = useState(() => JSON.stringify(rest, null, 2));
  const [issues, setIssues] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const set = (k: keyof typeof fields) => (e: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    let extra: unknown;
    try {
      extra = JSON.parse(json);
    } catch (error) {
      setIssues([t('invalidJson', { message: error instanceof Error ? error.message : String(error) })]);
      return;
    }
    const candidate = {
      ...(typeof extra === 'object' && extra !== null ? extra : {}),
      ...fields,
      horizonMonths: fields.horizonMonths.trim() === '' ? undefined : Number(fields.horizonMonths),
    };
    const parsed = ScenarioSchema.safeParse(candidate);
    if (!parsed.success) {
      setIssues(parsed.error.issues.map((i) => `${i.path.join('.') || '(scenario)'}: ${i.message}`));
      return;
    }
    setIssues([]);
    try {
      const exists = parsed.data.id === scenario.id && !('builtIn' in scenario && scenario.builtIn);
      await (exists
        ? sendJson('PUT', `/api/scenarios/${encodeURIComponent(parsed.data.id)}`, parsed.data, ScenarioSchema.partial())
        : sendJson('POST', '/api/scenarios', parsed.data, ScenarioSchema.partial()));
      setMessage(t('saved', { id: parsed.data.id }));
      onSaved(parsed.data.id);
    } catch (error) {
      setIssues([error instanceof Error ? error.message : String(error)]);
    }
  };

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="editor-title" data-editor>
      <h3 id="editor-title">{t('editScenario')}</h3>
      <div className="controls">
        <Field label="id">
          <input name="id" value={fields.id} onChange={set('id')} />
        </Field>
        <Field label={t('title')}>
          <input name="title" value={fields.title} onChange={set('title')} />
        </Field>
        <Field label={t('startMonth')}>
          <input name="startMonth" value={fields.startMonth} onChange={set('startMonth')} placeholder="YYYY-MM" />
        </Field>
        <Field label={t('horizonMonths')}>
          <input
            name="horizonMonths"
            inputMode="numeric"
            value={fields.horizonMonths}
            onChange={set('horizonMonths')}
          />
        </Field>
      </div>
      <Field label={t('description')}>
        <input name="description" value={fields.description} onChange={set('description')} />
      </Field>
      <Field label={t('measuresJson')}>
        <textarea name="settings" value={json} onChange={(e) => setJson(e.target.value)} spellCheck={false} />
      </Field>
      {issues.length > 0 ? (
        <div className="issues" role="alert" data-issues>
          <p>{t('invalidScenario')}</p>
          <ul>
            {issues.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
      <button type="submit">{t('saveScenario')}</button>
    </form>
  );
}

function RunPanel({
  scenario,
  i18n,
  run,
  onRun,
}: {
  scenario: Scenario;
  i18n: I18n;
  run: Run | null;
  onRun: (run: Run) => void;
}) {
  const { t } = i18n;
  const [months, setMonths] = useState(String(scenario.horizonMonths));
  const [runs, setRuns] = useState('20');
  const [seed, setSeed] = useState('1');
  const [error, setError] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(null);

  useEffect(() => {
    if (runId === null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const current = await getJson(`/api/runs/${encodeURIComponent(runId)}`, RunSchema);
        if (stopped) return;
        onRun(current);
        if (current.status === 'queued' || current.status === 'running') timer = setTimeout(poll, POLL_MS);
      } catch (e) {
        if (!stopped) setError(e instanceof Error ? e.message : String(e));
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // onRun changes identity each render; the poll loop is keyed on the run only.
  }, [runId]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const created = await sendJson(
        'POST',
        `/api/scenarios/${encodeURIComponent(scenario.id)}/runs`,
        { months: Number(months), runs: Number(runs), seed: Number(seed) },
        RunCreatedSchema,
      );
      setRunId(created.runId);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const busy = run !== null && (run.status === 'queued' || run.status === 'running');
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="run-title">
      <h3 id="run-title">{t('run')}</h3>
      <div className="controls">
        <Field label={t('months')}>
          <input name="months" inputMode="numeric" value={months} onChange={(e) => setMonths(e.target.value)} />
        </Field>
        <Field label={t('runs')}>
          <input name="runs" inputMode="numeric" value={runs} onChange={(e) => setRuns(e.target.value)} />
        </Field>
        <Field label={t('seed')}>
          <input name="seed" inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={busy} data-run>
          {t('run')}
        </button>
      </div>
      {run ? (
        <div data-run-status={run.status} data-run-id={run.id}>
          <label>
            {run.status === 'running' || run.status === 'queued'
              ? t('running', { done: run.progress.done, total: run.progress.total })
              : t(`runStatus_${run.status}`)}
            <progress max={Math.max(run.progress.total, 1)} value={run.progress.done} />
          </label>
          {run.error ? <p className="error">{run.error}</p> : null}
        </div>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function Results({ run, report, i18n }: { run: Run; report: SimulationReport; i18n: I18n }) {
  const { t } = i18n;
  const products = useMemo(() => productsByShortfall(report), [report]);
  const [by, setBy] = useState<GroupBy>('iso3');
  const [product, setProduct] = useState<string>(products[0] ?? '');
  const [point, setPoint] = useState<{ key: string; month: string } | null>(null);
  const series = useMemo(() => shortfallSeries(report, by, product).slice(0, SERIES_SHOWN), [report, by, product]);
  const peak = series
    .flatMap((s) => s.points.map((p) => ({ ...p, key: s.key })))
    .reduce<{ shortfall: number; month: string } | null>(
      (m, p) => (m === null || p.shortfall > m.shortfall ? p : m),
      null,
    );
  const months = series[0]?.points.map((p) => p.month) ?? [];
  const option = useMemo<EChartsCoreOption>(
    () => ({
      grid: { left: 8, right: 16, top: 32, bottom: 24, containLabel: true },
      legend: { top: 0, data: series.map((s) => s.key) },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => i18n.num(v) },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => i18n.compact(v) } },
      series: series.flatMap((s, k) => {
        const colour = COLOURS[k % COLOURS.length];
        const hasBand = s.points.some((p) => p.p5 !== null && p.p95 !== null);
        return [
          {
            type: 'line',
            name: s.key,
            data: s.points.map((p) => p.shortfall),
            itemStyle: { color: colour },
            symbolSize: 6,
          },
          ...(hasBand
            ? [
                {
                  type: 'line',
                  name: `${s.key} P5`,
                  stack: `band-${k}`,
                  data: s.points.map((p) => p.p5 ?? p.shortfall),
                  lineStyle: { opacity: 0 },
                  symbol: 'none',
                  silent: true,
                  tooltip: { show: false },
                },
                {
                  type: 'line',
                  name: `${s.key} P95`,
                  stack: `band-${k}`,
                  data: s.points.map((p) => (p.p95 ?? p.shortfall) - (p.p5 ?? p.shortfall)),
                  lineStyle: { opacity: 0 },
                  areaStyle: { color: colour, opacity: 0.15 },
                  symbol: 'none',
                  silent: true,
                  tooltip: { show: false },
                },
              ]
            : []),
        ];
      }),
    }),
    [series, months, i18n],
  );
  const prices = report.prices;
  const priceSeries = useMemo(() => {
    const keys = [...new Set(prices.map((p) => `${p.product} · ${p.market}`))];
    return keys.slice(0, 8).map((key) => ({ key, rows: prices.filter((p) => `${p.product} · ${p.market}` === key) }));
  }, [prices]);
  const maxPrice = prices.reduce<(typeof prices)[number] | null>(
    (m, p) => (m === null || p.index > m.index ? p : m),
    null,
  );
  const priceOption = useMemo<EChartsCoreOption>(
    () => ({
      grid: { left: 8, right: 16, top: 32, bottom: 24, containLabel: true },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => i18n.num(v, 2) },
      xAxis: { type: 'category', data: [...new Set(prices.map((p) => p.month))].sort() },
      yAxis: { type: 'value', scale: true },
      series: priceSeries.map((s) => ({ type: 'line', name: s.key, data: s.rows.map((r) => [r.month, r.index]) })),
    }),
    [prices, priceSeries, i18n],
  );
  const onSelect = (e: ECElementEvent) => {
    if (e.seriesName && e.name && !e.seriesName.endsWith(' P5') && !e.seriesName.endsWith(' P95'))
      setPoint({ key: e.seriesName, month: e.name });
  };
  const explainTarget =
    point === null
      ? null
      : by === 'iso3'
        ? { iso3: point.key, product, month: point.month }
        : by === 'product'
          ? {
              iso3: series.find((s) => s.key === point.key) ? topCountry(report, point.key) : '',
              product: point.key,
              month: point.month,
            }
          : { iso3: topCountry(report, product), product, month: point.month };

  return (
    <div data-results={run.id}>
      <h3>{t('results')}</h3>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('groupBy')}>
          <select name="groupBy" value={by} onChange={(e) => setBy(e.target.value as GroupBy)}>
            {(['iso3', 'product', 'endUse'] as const).map((g) => (
              <option key={g} value={g}>
                {t(`groupBy_${g}`)}
              </option>
            ))}
          </select>
        </Field>
        {by !== 'product' ? (
          <Field label={t('product')}>
            <select name="product" value={product} onChange={(e) => setProduct(e.target.value)}>
              {products.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
      </form>
      <div className="grid-2">
        <ChartFigure
          title={t('shortfallTitle')}
          chart={
            <Chart
              name="shortfall"
              option={option}
              onSelect={onSelect}
              label={t('shortfallSummary', {
                by: t(`groupBy_${by}`),
                peak: peak ? i18n.num(peak.shortfall) : '—',
                month: peak?.month ?? '—',
                n: series.length,
              })}
            />
          }
          table={
            <DataTable
              name="shortfall"
              rows={series.flatMap((s) => s.points.map((p) => ({ ...p, key: s.key })))}
              rowKey={(r) => `${r.key}@${r.month}`}
              columns={[
                { key: 'key', label: t(`groupBy_${by}`), cell: (r) => r.key },
                { key: 'month', label: t('month'), cell: (r) => r.month },
                { key: 'shortfall', label: t('totalShortfall'), numeric: true, cell: (r) => i18n.num(r.shortfall) },
                { key: 'p5', label: t('p5'), numeric: true, cell: (r) => (r.p5 === null ? '—' : i18n.num(r.p5)) },
                { key: 'p95', label: t('p95'), numeric: true, cell: (r) => (r.p95 === null ? '—' : i18n.num(r.p95)) },
                {
                  key: 'explain',
                  label: t('explain'),
                  cell: (r) => (
                    <button type="button" onClick={() => setPoint({ key: r.key, month: r.month })}>
                      {t('explain')}
                    </button>
                  ),
                },
              ]}
            />
          }
        />
        <div className="panel" aria-live="polite">
          <h3>{t('explain')}</h3>
          {explainTarget && explainTarget.iso3 ? (
            <ExplanationPanel runId={run.id} target={explainTarget} i18n={i18n} />
          ) : (
            <p>{t('explainHint')}</p>
          )}
        </div>
      </div>
      <div className="grid-2">
        <SummaryTable report={report} i18n={i18n} />
        <ChartFigure
          title={t('priceTitle')}
          chart={
            <Chart
              name="prices"
              option={priceOption}
              label={t('priceSummary', {
                n: priceSeries.length,
                max: maxPrice ? i18n.num(maxPrice.index, 2) : '—',
                product: maxPrice ? `${maxPrice.product} · ${maxPrice.market}` : '—',
                month: maxPrice?.month ?? '—',
              })}
            />
          }
          table={
            <DataTable
              name="prices"
              rows={prices}
              rowKey={(p) => `${p.product}/${p.market}/${p.month}`}
              columns={[
                { key: 'product', label: t('product'), cell: (p) => p.product },
                { key: 'market', label: t('market'), cell: (p) => p.market },
                { key: 'month', label: t('month'), cell: (p) => p.month },
                { key: 'index', label: t('index'), numeric: true, cell: (p) => i18n.num(p.index, 3) },
              ]}
            />
          }
        />
      </div>
    </div>
  );
}

/** The country short the most of a product over the run (where an explanation is most telling). */
function topCountry(report: SimulationReport, product: string): string {
  return shortfallSeries(report, 'iso3', product)[0]?.key ?? '';
}

function SummaryTable({ report, i18n }: { report: SimulationReport; i18n: I18n }) {
  const { t } = i18n;
  const rows = [...report.summary].sort((a, b) => b.peakShare - a.peakShare).slice(0, 20);
  return (
    <div className="panel">
      <DataTable
        name="summary"
        caption={`${report.scenario} · ${report.startMonth} · ${report.months} × ${report.runs} · seed ${report.seed}`}
        rows={rows}
        rowKey={(r) => `${r.iso3}/${r.product}`}
        columns={[
          { key: 'iso3', label: t('country'), cell: (r) => r.iso3 },
          { key: 'product', label: t('product'), cell: (r) => r.product },
          { key: 'totalShortfall', label: t('totalShortfall'), numeric: true, cell: (r) => i18n.num(r.totalShortfall) },
          { key: 'peakShare', label: t('peakShare'), numeric: true, cell: (r) => i18n.share(r.peakShare) },
          { key: 'peakMonth', label: t('peakMonth'), cell: (r) => r.peakMonth },
        ]}
      />
    </div>
  );
}

function ExplanationPanel({
  runId,
  target,
  i18n,
}: {
  runId: string;
  target: { iso3: string; product: string; month: string };
  i18n: I18n;
}) {
  const explanation = useApi(`/api/runs/${encodeURIComponent(runId)}/explain${query(target)}`, ExplanationNodeSchema);
  if (explanation.state !== 'ready') return <Status loaded={explanation} />;
  return <ExplanationNodeView node={explanation.data} i18n={i18n} depth={0} />;
}

function ExplanationNodeView({ node, i18n, depth }: { node: Explanation; i18n: I18n; depth: number }) {
  const { t } = i18n;
  return (
    <div
      className="explain-node"
      data-explain={`${node.iso3}/${node.product}/${node.month}`}
      style={{ marginLeft: depth * 12 }}
    >
      <p>
        <strong>
          {node.iso3} · {node.product} · {node.month}
        </strong>
        {' — '}
        {t('supplied')} <span data-explain-supplied>{i18n.num(node.supplied)}</span> / {t('demand')}{' '}
        {i18n.num(node.demand)}
      </p>
      {node.binding.length > 0 ? (
        <>
          <h4>{t('binding')}</h4>
          <ul>
            {node.binding.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </>
      ) : null}
      {node.receipts.length > 0 ? (
        <DataTable
          rows={node.receipts}
          rowKey={(r) => r.from}
          columns={[
            { key: 'from', label: t('receivedFrom'), cell: (r) => r.from },
            { key: 'quantity', label: t('quantity'), numeric: true, cell: (r) => i18n.num(r.quantity) },
            { key: 'baseline', label: t('baseline'), numeric: true, cell: (r) => i18n.num(r.baseline) },
          ]}
        />
      ) : null}
      {node.upstream.length > 0 ? <h4>{t('upstreamScarcity')}</h4> : null}
      {node.upstream.map((u) => (
        <ExplanationNodeView key={`${u.iso3}/${u.product}`} node={u} i18n={i18n} depth={depth + 1} />
      ))}
    </div>
  );
}

function SavedRuns({ scenario, version, i18n }: { scenario: string; version: number; i18n: I18n }) {
  const { t } = i18n;
  const runs = useApi(`/api/runs${query({ scenario, v: version || undefined })}`, RunListSchema);
  const [chosen, setChosen] = useState<string[]>([]);
  const [compared, setCompared] = useState<Run[]>([]);
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id].slice(-2)));
  const compare = async () => {
    setCompared(await Promise.all(chosen.map((id) => getJson(`/api/runs/${encodeURIComponent(id)}`, RunSchema))));
  };
  return (
    <div className="panel" data-saved-runs>
      <h3>{t('savedRuns')}</h3>
      {runs.state === 'ready' ? (
        runs.data.length === 0 ? (
          <p>{t('noRuns')}</p>
        ) : (
          <>
            <DataTable
              name="runs"
              rows={runs.data}
              rowKey={(r) => r.id}
              columns={[
                {
                  key: 'select',
                  label: t('select'),
                  cell: (r) => (
                    <input
                      type="checkbox"
                      aria-label={`${t('compare')} ${r.id}`}
                      checked={chosen.includes(r.id)}
                      onChange={() => toggle(r.id)}
                    />
                  ),
                },
                { key: 'id', label: 'id', cell: (r) => r.id },
                { key: 'created', label: t('created'), cell: (r) => r.createdAt },
                { key: 'status', label: t('status'), cell: (r) => t(`runStatus_${r.status}`) },
                {
                  key: 'inputs',
                  label: `${t('months')} · ${t('runs')} · ${t('seed')}`,
                  cell: (r) => `${r.inputs.months ?? '—'} · ${r.inputs.runs ?? '—'} · ${r.inputs.seed ?? '—'}`,
                },
              ]}
            />
            <button type="button" disabled={chosen.length !== 2} onClick={() => void compare()}>
              {t('compare')}
            </button>
          </>
        )
      ) : (
        <Status loaded={runs} />
      )}
      {compared.length === 2 ? (
        <>
          <h3>{t('compareTitle')}</h3>
          <div className="compare" data-compare>
            {compared.map((r) =>
              r.report ? (
                <div key={r.id}>
                  <h4>{r.id}</h4>
                  <SummaryTable report={r.report} i18n={i18n} />
                </div>
              ) : (
                <p key={r.id}>
                  {r.id}: {t(`runStatus_${r.status}`)}
                </p>
              ),
            )}
          </div>
        </>
      ) : null}
    </div>
  );
}
