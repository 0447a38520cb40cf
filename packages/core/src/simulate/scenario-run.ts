/**
 * One run of a scenario over the network, month by month: shocks of the month → bounds of the month model →
 * warm re-solve → shortfalls, inventories carried to the next month, and price indices.
 * Pure given a solver; deterministic given the run's parameters. See docs/methods/simulation.md.
 */
import type { Network } from '../model/network.ts';
import type { Scenario } from '../model/scenario.ts';
import type { LinearProgram, LpBasis, LpBounds, SolveResult, Solver, WarmModel } from '../optimise/linear-program.ts';
import type { RegimeData } from '../regime/regime-at.ts';
import { buildMonthModel, type MonthModel, SHORTFALL_SEGMENTS } from './month-model.ts';
import { indexNetwork, type NetworkIndex } from './network-index.ts';
import { drawFrom, runStream, centralValue } from './rng.ts';
import { addMonths, type MonthShocks, type RunParameters, shocksIn, touchedProducts } from './shocks.ts';

/** A user node is scarce when one more unit of use there would cost at least this much (a dual value). */
export const SCARCITY_DUAL = 0.01;
/** Inventories drawn down are rebuilt over this many months once supply allows (an assumption). */
const REFILL_MONTHS = 6;
/** Price response: index = (1 − gap)^(−1/ε), capped; both are assumptions calibrated to the 2025 Dy/Tb spread. */
export const PRICE_ELASTICITY = 1;
export const PRICE_CAP = 5;

export interface PreparedSimulation {
  readonly index: NetworkIndex;
  readonly regime: RegimeData;
  readonly scenario: Scenario;
  readonly months: readonly string[];
  /** Products in the month model: the input–output components the scenario touches (or all). */
  readonly productSet: readonly number[];
  readonly model: MonthModel | null;
}

export interface PrepareOptions {
  readonly months?: number;
  /** Solve only the components the scenario touches (default); `false` solves the whole network every month. */
  readonly decompose?: boolean;
}

/** Indexes the network, finds the products the scenario can touch and builds the month model once. */
export function prepareSimulation(
  network: Network | NetworkIndex,
  regime: RegimeData,
  scenario: Scenario,
  options: PrepareOptions = {},
): PreparedSimulation {
  const index = 'byKey' in network ? network : indexNetwork(network);
  const horizon = options.months ?? scenario.horizonMonths;
  const sized = { ...scenario, horizonMonths: horizon };
  const months = Array.from({ length: horizon }, (_, i) => addMonths(scenario.startMonth, i));
  let productSet: number[];
  if (options.decompose === false) productSet = index.products.map((p) => p.index);
  else {
    const touched = touchedProducts(index, regime, sized);
    for (const s of scenario.substitution) {
      const p = index.byKey.get(s.product);
      if (p) touched.add(p.index);
    }
    const components = new Set([...touched].map((i) => index.component[i]));
    productSet = index.products.filter((p) => components.has(index.component[p.index])).map((p) => p.index);
  }
  const model = productSet.length > 0 ? buildMonthModel(index, productSet, scenario.endUsePriority) : null;
  return { index, regime, scenario: sized, months, productSet, model };
}

/** The central parameters of a scenario (a deterministic run). */
export const centralParameters = (scenario: Scenario): RunParameters => ({
  approvalRate: centralValue(scenario.licensing.approvalRate),
  delayDays: centralValue(scenario.licensing.delayDays),
  rampUp: centralValue(scenario.rampUpPerMonth),
});

/** The parameters of Monte Carlo run `run` under `seed`: a function of the two only. */
export function drawParameters(scenario: Scenario, seed: number, run: number): RunParameters {
  const u = runStream(seed, run);
  const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
  return {
    approvalRate: clamp01(drawFrom(scenario.licensing.approvalRate, u)),
    delayDays: Math.max(0, drawFrom(scenario.licensing.delayDays, u)),
    rampUp: Math.max(0, drawFrom(scenario.rampUpPerMonth, u)),
  };
}

/** One series of a run: a country's shortfall of a product (as an input, or for one end use). */
export interface RunSeries {
  readonly iso3: string;
  readonly product: string;
  readonly endUse?: string;
  readonly demand: Float64Array;
  readonly supplied: Float64Array;
  readonly shortfall: Float64Array;
}

export interface RunPrice {
  readonly product: string;
  readonly market: 'world' | 'inside' | 'outside';
  readonly issuer?: string;
  readonly index: Float64Array;
}

/** What a solved month leaves behind for explanations. */
export interface MonthTrace {
  readonly month: string;
  readonly shocks: MonthShocks;
  readonly bounds: LpBounds;
  readonly x: Float64Array;
  readonly dual: Float64Array;
  /** Inventory at the start of the month by `${product}|${area}`. */
  readonly inventoryStart: ReadonlyMap<string, number>;
}

export interface RunResult {
  readonly parameters: RunParameters;
  readonly months: readonly string[];
  /** Keyed `${iso3}|${product}|${endUse ?? ''}`; only nodes of the month model. */
  readonly series: ReadonlyMap<string, RunSeries>;
  readonly prices: ReadonlyMap<string, RunPrice>;
  readonly trace?: readonly MonthTrace[];
  /** The optimal basis of every month, when asked for (to start Monte Carlo runs from the central run's). */
  readonly bases?: readonly LpBasis[];
}

export interface RunOptions {
  /** Keep each month's shocks, bounds and solution, for explanations. */
  readonly trace?: boolean;
  /** Record each month's optimal basis. */
  readonly recordBases?: boolean;
  /** Start each month's solve from these bases: the run then does not depend on what was solved before. */
  readonly startBases?: readonly LpBasis[];
}

/** How a run reaches the solver: one warm model for every month, or one per month (warm across runs). */
export interface ModelPool {
  model(month: number): WarmModel;
  dispose(): void;
}

/** A pool that keeps one loaded model per month, so each month re-solves from the same month of the last run. */
export function perMonthPool(solver: Solver, lp: LinearProgram): ModelPool {
  const models: WarmModel[] = [];
  return {
    model(m) {
      while (models.length <= m) models.push(solver.load(lp));
      return models[m] as WarmModel;
    },
    dispose() {
      for (const w of models) w.dispose();
    },
  };
}

/** A pool with a single loaded model re-solved month after month. */
export function singlePool(solver: Solver, lp: LinearProgram): ModelPool {
  const model = solver.load(lp);
  return { model: () => model, dispose: () => model.dispose() };
}

const seriesKey = (iso3: string, product: string, endUse?: string) => `${iso3}|${product}|${endUse ?? ''}`;

/** Runs the scenario once with the given parameters. */
export function runScenario(
  prepared: PreparedSimulation,
  parameters: RunParameters,
  pool: ModelPool,
  options: RunOptions = {},
): RunResult {
  const { model, months, scenario } = prepared;
  const series = new Map<string, RunSeries>();
  const prices = new Map<string, RunPrice>();
  const trace: MonthTrace[] = [];
  const bases: LpBasis[] = [];
  if (!model) return { parameters, months, series, prices, ...(options.trace ? { trace } : {}) };
  const n = months.length;
  const nCols = model.lp.colCost.length;
  const nRows = model.lp.rowLower.length;
  const inventory = new Map<string, number>();
  const stockpile = new Map<string, number>();
  for (const pc of model.products)
    for (const u of pc.product.users) {
      inventory.set(`${pc.product.index}|${u.area}`, u.inventoryTarget);
      stockpile.set(`${pc.product.index}|${u.area}`, u.stockpile);
    }
  for (const pc of model.products) {
    for (const u of pc.product.users) {
      const mk = (endUse?: string): RunSeries => ({
        iso3: u.area,
        product: pc.product.key,
        ...(endUse === undefined ? {} : { endUse }),
        demand: new Float64Array(n),
        supplied: new Float64Array(n),
        shortfall: new Float64Array(n),
      });
      if (u.consumption > 0) series.set(seriesKey(u.area, pc.product.key), mk());
      for (const f of u.finals) series.set(seriesKey(u.area, pc.product.key, f.endUse), mk(f.endUse));
    }
  }
  const releaseAreas = new Map(
    scenario.stockpileRelease.filter((s) => s.policy === 'on_shortfall').map((s) => [s.area, s.maxShareOfDemand]),
  );
  const substitution = new Map<number, { maxShare: number; phaseInMonths: number }>();
  for (const s of scenario.substitution) {
    const p = prepared.index.byKey.get(s.product);
    if (p) substitution.set(p.index, s);
  }
  // Month (index) in which each product was first restricted or cut, for ramp-up and substitution phase-in.
  const firstShock = new Map<number, number>();
  let scenarioShockStart = -1;

  for (let t = 0; t < n; t++) {
    const month = months[t] as string;
    const shocks = shocksIn(prepared.index, prepared.regime, scenario, month, parameters);
    const restrictedArcs = new Map<string, number>();
    const issuerOf = new Map<number, string>();
    for (const r of shocks.restrictions) {
      const key = `${r.product}|${r.from}|${r.to}`;
      restrictedArcs.set(key, Math.min(restrictedArcs.get(key) ?? 1, r.allowedShare));
      issuerOf.set(r.product, r.from);
      if (!firstShock.has(r.product)) firstShock.set(r.product, t);
    }
    for (const k of shocks.capacityFactor.keys()) {
      const p = Number(k.split('|')[0]);
      if (!firstShock.has(p)) firstShock.set(p, t);
    }
    if (scenarioShockStart < 0 && firstShock.size + shocks.demandFactor.size > 0) scenarioShockStart = t;

    const colLower = new Float64Array(nCols);
    const colUpper = new Float64Array(nCols);
    const rowLower = new Float64Array(nRows);
    const rowUpper = new Float64Array(nRows);
    const inventoryStart = new Map(inventory);
    for (const pc of model.products) {
      const p = pc.product;
      const shockedSince = firstShock.get(p.index);
      const issuer = issuerOf.get(p.index);
      p.producers.forEach((pr, i) => {
        const cut = shocks.capacityFactor.get(`${p.index}|${pr.area}`) ?? 1;
        let available = pr.output * (1 + p.headroom);
        if (shockedSince !== undefined && pr.area !== issuer) {
          const ramp = pr.output * parameters.rampUp * (t - shockedSince + 1);
          available = Math.min(Math.max(pr.capacity, available), available + ramp);
        }
        colUpper[pc.x[i] ?? 0] = available * cut;
        p.users.forEach((u, j) => {
          const allowed = restrictedArcs.get(`${p.index}|${pr.area}|${u.area}`);
          const b = p.baseline[i]?.[j] ?? 0;
          const baseCol = pc.base[i]?.[j] ?? 0;
          const extraCol = pc.extra[i]?.[j] ?? 0;
          if (allowed === undefined) {
            colUpper[baseCol] = b;
            colUpper[extraCol] = Infinity;
          } else {
            colUpper[baseCol] = b * allowed;
            colUpper[extraCol] = 0;
          }
        });
      });
      const sub = substitution.get(p.index);
      p.users.forEach((u, j) => {
        const cols = pc.users[j];
        if (!cols) return;
        const key = `${p.index}|${u.area}`;
        const inv = inventory.get(key) ?? 0;
        colUpper[cols.draw] = inv;
        colUpper[cols.refill] = Math.max(0, u.inventoryTarget - inv) / REFILL_MONTHS;
        const maxShare = releaseAreas.get(u.area);
        colUpper[cols.stock] = maxShare === undefined ? 0 : Math.min(stockpile.get(key) ?? 0, maxShare * u.use);
        const phase =
          sub && scenarioShockStart >= 0
            ? Math.min(1, (t - scenarioShockStart + 1) / Math.max(1, sub.phaseInMonths))
            : 0;
        colUpper[cols.substitute] = sub ? sub.maxShare * phase * u.use : 0;
        const factor = shocks.demandFactor.get(key) ?? 1;
        let finalTotal = 0;
        u.finals.forEach((f, e) => {
          const demand = f.monthly * factor;
          finalTotal += demand;
          SHORTFALL_SEGMENTS.forEach((s, k) => {
            colUpper[cols.shortfall[e]?.[k] ?? 0] = demand * s.share;
          });
        });
        rowLower[cols.balanceRow] = finalTotal;
        rowUpper[cols.balanceRow] = finalTotal;
      });
    }
    const bounds = { colLower, colUpper, rowLower, rowUpper };
    const warm = pool.model(t);
    const solved: SolveResult = warm.solve(bounds, options.startBases?.[t]);
    if (!solved.ok) throw new Error(`${scenario.id} ${month}: ${solved.error.code} (${solved.error.detail})`);
    if (options.recordBases) bases.push(warm.basis());
    const x = Float64Array.from(solved.value.x as ArrayLike<number>);
    const dual = Float64Array.from(solved.value.rowDual as ArrayLike<number>);
    if (options.trace) trace.push({ month, shocks, bounds, x, dual, inventoryStart });

    for (const pc of model.products) {
      const p = pc.product;
      const issuer = issuerOf.get(p.index);
      let gapOutside = 0;
      let useOutside = 0;
      let gapInside = 0;
      let useInside = 0;
      p.users.forEach((u, j) => {
        const cols = pc.users[j];
        if (!cols) return;
        const key = `${p.index}|${u.area}`;
        const draw = x[cols.draw] ?? 0;
        const refill = x[cols.refill] ?? 0;
        const stock = x[cols.stock] ?? 0;
        inventory.set(key, (inventory.get(key) ?? 0) - draw + refill);
        stockpile.set(key, (stockpile.get(key) ?? 0) - stock);
        let consumption = 0;
        for (const c of p.consumers) {
          const q = model.byProduct.get(c.product);
          const k = q?.product.producers.findIndex((pr) => pr.area === u.area) ?? -1;
          if (q && k >= 0) consumption += c.coefficient * (x[q.x[k] ?? 0] ?? 0);
        }
        const scarce = (dual[cols.balanceRow] ?? 0) > SCARCITY_DUAL;
        const inputShort = scarce ? Math.max(0, u.consumption - consumption) : 0;
        const inputSeries = series.get(seriesKey(u.area, p.key));
        if (inputSeries) {
          inputSeries.demand[t] = u.consumption;
          inputSeries.supplied[t] = consumption;
          inputSeries.shortfall[t] = inputShort;
        }
        let finalShort = 0;
        const factor = shocks.demandFactor.get(key) ?? 1;
        u.finals.forEach((f, e) => {
          const s = series.get(seriesKey(u.area, p.key, f.endUse));
          const short = (cols.shortfall[e] ?? []).reduce((a, c) => a + (x[c] ?? 0), 0);
          finalShort += short;
          if (s) {
            s.demand[t] = f.monthly * factor;
            s.supplied[t] = f.monthly * factor - short;
            s.shortfall[t] = short;
          }
        });
        const gap = draw + stock + (x[cols.substitute] ?? 0) + inputShort + finalShort;
        if (issuer !== undefined && u.area === issuer) {
          gapInside += gap;
          useInside += u.use;
        } else {
          gapOutside += gap;
          useOutside += u.use;
        }
      });
      const priceOf = (gap: number, use: number) =>
        use > 0 ? Math.min(PRICE_CAP, Math.pow(1 - Math.min(0.999, gap / use), -1 / PRICE_ELASTICITY)) : 1;
      const put = (market: RunPrice['market'], value: number, by?: string) => {
        const k = `${p.key}|${market}`;
        let row = prices.get(k);
        if (!row) {
          row = { product: p.key, market, ...(by === undefined ? {} : { issuer: by }), index: new Float64Array(n).fill(1) };
          prices.set(k, row);
        }
        row.index[t] = value;
      };
      if (issuer === undefined) put('world', priceOf(gapOutside + gapInside, useOutside + useInside));
      else {
        put('outside', priceOf(gapOutside, useOutside), issuer);
        put('inside', priceOf(gapInside, useInside), issuer);
      }
    }
  }
  return {
    parameters,
    months,
    series,
    prices,
    ...(options.trace ? { trace } : {}),
    ...(options.recordBases ? { bases } : {}),
  };
}
