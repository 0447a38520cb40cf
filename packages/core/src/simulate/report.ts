/**
 * From runs to the report users see: the central run's shortfalls and prices, with P5/P50/P95 bands over
 * Monte Carlo draws. Draws are compact, JSON-serialisable and depend only on (seed, run), so they can be
 * computed anywhere (threads, machines) and merged in any order.
 */
import type { PriceRow, ShortfallRow, SimulationReport, SummaryRow } from '../model/simulation-report.ts';
import { quantileSorted } from './rng.ts';
import type { Solver } from '../optimise/linear-program.ts';
import {
  centralLibrary,
  centralParameters,
  drawParameters,
  singlePool,
  type PreparedSimulation,
  type RunResult,
  runScenario,
} from './scenario-run.ts';
import type { RunParameters } from './shocks.ts';

/** One Monte Carlo run, kept small: non-zero shortfall series and prices that moved, by key. */
export interface DrawOutcome {
  readonly run: number;
  readonly parameters: RunParameters;
  /** `${iso3}|${product}|${endUse}` → monthly shortfall. */
  readonly shortfall: Readonly<Record<string, readonly number[]>>;
  /** `${product}|${market}` → monthly price index. */
  readonly prices: Readonly<Record<string, readonly number[]>>;
}

const TINY = 1e-9;

/** Compacts a run into a draw outcome. */
export function toDraw(run: number, result: RunResult): DrawOutcome {
  const shortfall: Record<string, number[]> = {};
  for (const [k, s] of result.series) if (s.shortfall.some((v) => v > TINY)) shortfall[k] = Array.from(s.shortfall);
  const prices: Record<string, number[]> = {};
  for (const [k, p] of result.prices) if (p.index.some((v) => Math.abs(v - 1) > TINY)) prices[k] = Array.from(p.index);
  return { run, parameters: result.parameters, shortfall, prices };
}

interface Bands {
  p5: number;
  p50: number;
  p95: number;
}

function bandsOf(values: Float64Array): Bands {
  const sorted = Array.from(values).sort((a, b) => a - b);
  return { p5: quantileSorted(sorted, 0.05), p50: quantileSorted(sorted, 0.5), p95: quantileSorted(sorted, 0.95) };
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
const roundBands = (b: Bands) => ({ p5: round(b.p5), p50: round(b.p50), p95: round(b.p95) });

/**
 * The report: the central run's figures, with bands over the draws when there are any. Draws are sorted by
 * run index first, so the result does not depend on the order they arrive in.
 */
export function buildReport(
  meta: { scenario: string; seed: number },
  central: RunResult,
  draws: readonly DrawOutcome[],
): SimulationReport {
  const ordered = [...draws].sort((a, b) => a.run - b.run);
  const months = central.months;
  const n = months.length;
  const withBands = ordered.length > 1;
  const shortfallOf = (d: DrawOutcome, key: string, t: number) => d.shortfall[key]?.[t] ?? 0;

  const shortfalls: ShortfallRow[] = [];
  const summaryAcc = new Map<
    string,
    { iso3: string; product: string; short: Float64Array; demand: Float64Array; keys: string[] }
  >();
  for (const [key, s] of central.series) {
    const inDraws = withBands && ordered.some((d) => d.shortfall[key] !== undefined);
    if (!inDraws && !s.shortfall.some((v) => v > TINY)) continue;
    const sumKey = `${s.iso3}|${s.product}`;
    const acc = summaryAcc.get(sumKey) ?? {
      iso3: s.iso3,
      product: s.product,
      short: new Float64Array(n),
      demand: new Float64Array(n),
      keys: [],
    };
    acc.keys.push(key);
    summaryAcc.set(sumKey, acc);
    for (let t = 0; t < n; t++) {
      acc.short[t] = (acc.short[t] ?? 0) + (s.shortfall[t] ?? 0);
      acc.demand[t] = (acc.demand[t] ?? 0) + (s.demand[t] ?? 0);
      const values = inDraws ? Float64Array.from(ordered, (d) => shortfallOf(d, key, t)) : undefined;
      const b = values ? bandsOf(values) : undefined;
      if ((s.shortfall[t] ?? 0) <= TINY && (b === undefined || b.p95 <= TINY)) continue;
      shortfalls.push({
        iso3: s.iso3,
        product: s.product,
        ...(s.endUse === undefined ? {} : { endUse: s.endUse }),
        month: months[t] ?? '',
        demand: round(s.demand[t] ?? 0),
        supplied: round(s.supplied[t] ?? 0),
        shortfall: round(s.shortfall[t] ?? 0),
        ...(b ? roundBands(b) : {}),
      });
    }
  }

  const prices: PriceRow[] = [];
  for (const [key, p] of central.prices) {
    const inDraws = withBands && ordered.some((d) => d.prices[key] !== undefined);
    if (!inDraws && !p.index.some((v) => Math.abs(v - 1) > TINY)) continue;
    for (let t = 0; t < n; t++) {
      const b = inDraws ? bandsOf(Float64Array.from(ordered, (d) => d.prices[key]?.[t] ?? 1)) : undefined;
      prices.push({
        product: p.product,
        market: p.market,
        ...(p.issuer === undefined ? {} : { issuer: p.issuer }),
        month: months[t] ?? '',
        index: round(p.index[t] ?? 1),
        ...(b ? roundBands(b) : {}),
      });
    }
  }

  const summary: SummaryRow[] = [...summaryAcc.values()]
    .map((a) => {
      let peakShare = 0;
      let peakMonth = months[0] ?? '';
      for (let t = 0; t < n; t++) {
        const share = (a.demand[t] ?? 0) > 0 ? (a.short[t] ?? 0) / (a.demand[t] ?? 1) : 0;
        if (share > peakShare + TINY) {
          peakShare = share;
          peakMonth = months[t] ?? peakMonth;
        }
      }
      const total = a.short.reduce((x, y) => x + y, 0);
      const totals = withBands
        ? Float64Array.from(ordered, (d) =>
            a.keys.reduce((s, k) => s + (d.shortfall[k] ?? []).reduce((x, y) => x + y, 0), 0),
          )
        : undefined;
      return {
        iso3: a.iso3,
        product: a.product,
        totalShortfall: round(total),
        peakShare: round(peakShare),
        peakMonth,
        ...(totals ? roundBands(bandsOf(totals)) : {}),
      };
    })
    .sort((x, y) => y.totalShortfall - x.totalShortfall || x.iso3.localeCompare(y.iso3));

  return {
    scenario: meta.scenario,
    startMonth: months[0] ?? '',
    months: n,
    runs: Math.max(1, ordered.length),
    seed: meta.seed,
    shortfalls,
    prices,
    summary,
  };
}

/**
 * Monte Carlo runs `first … first + count − 1` on one loaded model, handed to `visit` as they are done. Each
 * starts from the central run's first-month basis and reads its months off the central run's bases where
 * they stay optimal (see `RunOptions.library`), so its result depends only on (seed, run), not on which runs
 * were solved before it or where.
 */
export function forEachDraw(
  prepared: PreparedSimulation,
  solver: Solver,
  o: { seed: number; first: number; count: number },
  visit: (draw: DrawOutcome, done: number) => void,
): void {
  if (!prepared.model) return;
  const pool = singlePool(solver, prepared.model.lp);
  try {
    const central = runScenario(prepared, centralParameters(prepared.scenario), pool, { recordBases: true });
    const library = centralLibrary(prepared, solver, central);
    try {
      for (let i = 0; i < o.count; i++) {
        const run = o.first + i;
        const parameters = drawParameters(prepared.scenario, o.seed, run);
        visit(toDraw(run, runScenario(prepared, parameters, pool, { library, shortfallOnly: true })), i + 1);
      }
    } finally {
      library.dispose();
    }
  } finally {
    pool.dispose();
  }
}

/** Monte Carlo runs `first … first + count − 1` (see `forEachDraw`). */
export function runDrawRange(
  prepared: PreparedSimulation,
  solver: Solver,
  o: { seed: number; first: number; count: number; onProgress?: (done: number) => void },
): DrawOutcome[] {
  const out: DrawOutcome[] = [];
  forEachDraw(prepared, solver, o, (draw, done) => {
    out.push(draw);
    o.onProgress?.(done);
  });
  return out;
}
