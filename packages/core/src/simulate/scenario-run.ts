/**
 * One run of a scenario over the network, month by month: shocks of the month → bounds of the month model →
 * warm re-solve → shortfalls, inventories carried to the next month, and price indices.
 * Pure given a solver; deterministic given the run's parameters. See docs/methods/simulation.md.
 */
import type { Network } from '../model/network.ts';
import type { Scenario } from '../model/scenario.ts';
import type { LinearProgram, LpBasis, LpBounds, SolveResult, Solver, WarmModel } from '../optimise/linear-program.ts';
import type { RegimeData } from '../regime/regime-at.ts';
import { buildMonthModel, type MonthModel, NO_COLUMN, SHORTFALL_SEGMENTS } from './month-model.ts';
import { indexNetwork, type NetworkIndex } from './network-index.ts';
import { drawFrom, runStream, centralValue } from './rng.ts';
import {
  shiftMonth,
  allowedShare,
  type MonthShocks,
  type RestrictionTemplate,
  restrictionTemplates,
  type RunParameters,
  shocksIn,
  touchedProducts,
} from './shocks.ts';

/** A user node is scarce when one more unit of use there would cost at least this much (a dual value). */
export const SCARCITY_DUAL = 0.02;
/** Inventories drawn down are rebuilt at most at this many months' pace once supply allows (an assumption). */
const REFILL_MONTHS = 6;
/** Price response: index = (1 − gap)^(−1/ε), capped; both are assumptions calibrated to the 2025 Dy/Tb spread. */
export const PRICE_ELASTICITY = 1;
export const PRICE_CAP = 5;
/** Share of a source's baseline shipments that can be redirected to any one buyer in a month (an assumption: spot volumes beyond contracts). */
export const REROUTE_LIMIT = 0.1;

export interface PreparedSimulation {
  readonly index: NetworkIndex;
  readonly regime: RegimeData;
  readonly scenario: Scenario;
  readonly months: readonly string[];
  /** Products in the month model: those the scenario reaches and everything they are made from (or all). */
  readonly productSet: readonly number[];
  readonly model: MonthModel | null;
  /** Each month's restrictions, before the run's parameters. */
  readonly templates: readonly (readonly RestrictionTemplate[])[];
}

export interface PrepareOptions {
  readonly months?: number;
  /** Solve only the products the scenario reaches and their inputs (default); `false` solves the whole network every month. */
  readonly decompose?: boolean;
}

/** `start` and every product reachable from it along `next`. */
function closure(start: Iterable<number>, next: (product: number) => readonly { readonly product: number }[]) {
  const seen = new Set(start);
  const stack = [...seen];
  for (let p = stack.pop(); p !== undefined; p = stack.pop())
    for (const q of next(p))
      if (!seen.has(q.product)) {
        seen.add(q.product);
        stack.push(q.product);
      }
  return seen;
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
  const months = Array.from({ length: horizon }, (_, i) => shiftMonth(scenario.startMonth, i));
  const templates = months.map((m) => restrictionTemplates(index, regime, sized, m));
  const { products: touched, issuers } = touchedProducts(index, regime, sized, templates);
  const substitutable = new Set<number>();
  for (const sub of scenario.substitution) {
    const p = index.byKey.get(sub.product);
    if (p) {
      touched.add(p.index);
      substitutable.add(p.index);
    }
  }
  let productSet: number[];
  if (options.decompose === false) productSet = index.products.map((p) => p.index);
  else {
    // The scenario reaches the touched products and everything made from them; their supply depends on
    // everything they are made from. Other products keep their baseline and stay out of the programme.
    const reached = closure(touched, (p) => index.products[p]?.consumers ?? []);
    const needed = closure(reached, (p) => index.products[p]?.inputs ?? []);
    productSet = [...needed].sort((a, b) => a - b);
  }
  const stockpileAreas = new Set(
    scenario.stockpileRelease.filter((r) => r.policy === 'on_shortfall').map((r) => r.area),
  );
  const model =
    productSet.length > 0
      ? buildMonthModel(index, productSet, {
          priority: scenario.endUsePriority,
          issuers,
          stockpileAreas,
          substitutable,
        })
      : null;
  return { index, regime, scenario: sized, months, productSet, model, templates };
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
  /** Monthly demand and supply (empty in a shortfall-only run). */
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
  /**
   * Record shortfalls only, and only the series of nodes that go short (their `demand` and `supplied` are
   * left empty): what a Monte Carlo draw keeps.
   */
  readonly shortfallOnly?: boolean;
  /** Start month t's solve from `startBases[t]` where given: the run then does not depend on earlier solves. */
  readonly startBases?: readonly LpBasis[];
  /**
   * The central run's optimal bases, one loaded model per month: the run starts from the first month's and,
   * each month, reads its solution off the basis it last used or off the central run's basis for the month
   * when either stays optimal, running the simplex only when neither does. The run then depends only on its
   * own parameters and the central run.
   */
  readonly library?: BasisLibrary;
}

/** Per month, a model left at the central run's optimal basis of that month, and those bases. */
export interface BasisLibrary {
  readonly models: readonly WarmModel[];
  readonly bases: readonly LpBasis[];
  dispose(): void;
}

/**
 * Solves the central run once more, each month on a model of its own started from the central run's optimal
 * basis for that month, and keeps those models for Monte Carlo runs to read solutions off.
 */
export function centralLibrary(prepared: PreparedSimulation, solver: Solver, central: RunResult): BasisLibrary {
  const bases = central.bases ?? [];
  if (!prepared.model || bases.length !== prepared.months.length)
    throw new Error(`${prepared.scenario.id}: the central run must record its basis in every month`);
  const lp = prepared.model.lp;
  const models = prepared.months.map(() => solver.load(lp));
  const dispose = () => {
    for (const m of models) m.dispose();
  };
  try {
    runScenario(prepared, central.parameters, { model: (t) => models[t] as WarmModel, dispose }, { startBases: bases });
  } catch (e) {
    dispose();
    throw e;
  }
  return { models, bases, dispose };
}

/** How a run reaches the solver: one warm model for every month, or one per month (warm across runs). */
export interface ModelPool {
  model(month: number): WarmModel;
  dispose(): void;
}

/** A pool with a single loaded model re-solved month after month. */
export function singlePool(solver: Solver, lp: LinearProgram): ModelPool {
  const model = solver.load(lp);
  return { model: () => model, dispose: () => model.dispose() };
}

function sameBounds(a: LpBounds, b: LpBounds): boolean {
  for (const [p, q] of [
    [a.colUpper, b.colUpper],
    [a.rowLower, b.rowLower],
    [a.rowUpper, b.rowUpper],
  ] as const) {
    if (p.length !== q.length) return false;
    for (let i = 0; i < p.length; i++) if (p[i] !== q[i]) return false;
  }
  return true;
}

/** The demand and supplied series of a shortfall-only run. */
const NOT_RECORDED = new Float64Array(0);

/** `lastUsed` once a run has solved a month on the pool's own model. */
const MAIN = -1;

const seriesKey = (iso3: string, product: string, endUse?: string) => `${iso3}|${product}|${endUse ?? ''}`;

type UserNode = MonthModel['products'][number]['product']['users'][number];

/** A user node of the model: where it sits in the column and row vectors, and the keys of its series. */
interface Slot {
  readonly product: number;
  readonly productKey: string;
  readonly user: UserNode;
  readonly cols: MonthModel['products'][number]['users'][number];
  /** `${product index}|${area}`, the key of outages and surges. */
  readonly key: string;
}

interface Route {
  readonly base: number;
  readonly extra: number;
  readonly baseline: number;
}

/** Where each node of the model sits in the column and row vectors, with its baseline bounds. */
interface RunLayout {
  readonly slots: readonly Slot[];
  /** Column upper bounds and row bounds with no shock and no inventory movement. */
  readonly upper: Float64Array;
  readonly rowBound: Float64Array;
  /** Route columns by `${product}|${issuer}|${to}`. */
  readonly routes: ReadonlyMap<string, Route>;
  /** One more than the largest product index in the model: the length of per-product scratch arrays. */
  readonly productSpan: number;
  /** Keys of each model product's price series, by market. */
  readonly priceKeys: readonly { readonly world: string; readonly outside: string; readonly inside: string }[];
}

const layouts = new WeakMap<MonthModel, RunLayout>();

function layoutOf(model: MonthModel): RunLayout {
  const known = layouts.get(model);
  if (known) return known;
  const upper = new Float64Array(model.lp.colCost.length);
  const rowBound = new Float64Array(model.lp.rowLower.length);
  const slots: Slot[] = [];
  const routes = new Map<string, Route>();
  let productSpan = 0;
  for (const pc of model.products) {
    const p = pc.product;
    productSpan = Math.max(productSpan, p.index + 1);
    p.producers.forEach((pr, i) => {
      upper[pc.x[i] ?? 0] = pr.output * (1 + p.headroom);
    });
    for (const src of pc.sources) {
      const shipped = src.baseline.reduce((a, b) => a + b, 0);
      p.users.forEach((u, j) => {
        const base = src.base[j] ?? NO_COLUMN;
        const extra = src.extra[j] ?? NO_COLUMN;
        if (base !== NO_COLUMN) upper[base] = src.baseline[j] ?? 0;
        // The restricting country's exports stay on their baseline routes: it steers them, and the rest of
        // the world cannot bid them away from its own users (those routes have no rerouted column).
        // Other producers can redirect at most a tenth of what they ship to any one new buyer in a month.
        if (extra !== NO_COLUMN) upper[extra] = src.issuer === u.area ? Infinity : REROUTE_LIMIT * shipped;
        if (src.issuer !== null && (base !== NO_COLUMN || extra !== NO_COLUMN))
          routes.set(`${p.index}|${src.issuer}|${u.area}`, { base, extra, baseline: src.baseline[j] ?? 0 });
      });
    }
    p.users.forEach((u, j) => {
      const cols = pc.users[j];
      if (!cols) return;
      let finalTotal = 0;
      u.finals.forEach((f, e) => {
        finalTotal += f.monthly;
        SHORTFALL_SEGMENTS.forEach((sg, k) => {
          upper[cols.shortfall[e]?.[k] ?? 0] = f.monthly * sg.share;
        });
      });
      rowBound[cols.balanceRow] = finalTotal + cols.reserved;
      slots.push({ product: p.index, productKey: p.key, user: u, cols, key: `${p.index}|${u.area}` });
    });
  }
  const priceKeys = model.products.map(({ product: { key } }) => ({
    world: `${key}|world`,
    outside: `${key}|outside`,
    inside: `${key}|inside`,
  }));
  const layout = { slots, upper, rowBound, routes, productSpan, priceKeys };
  layouts.set(model, layout);
  return layout;
}

/** What a prepared simulation's runs share: the layout, each month's restrictions resolved to routes, and per-node policies. */
interface RunPlan {
  readonly layout: RunLayout;
  /** Per month: for each restriction template, the index of its route in `routes` (−1: no such route in the model). */
  readonly months: readonly { readonly routeOf: Int32Array; readonly routes: readonly Route[] }[];
  readonly maxRoutes: number;
  /** Per slot: the share of use a government stockpile may release in a month (NaN: no release policy). */
  readonly release: Float64Array;
  /** Per slot: the substitution option of its product. */
  readonly substitution: readonly ({ readonly maxShare: number; readonly phaseInMonths: number } | undefined)[];
}

const plans = new WeakMap<PreparedSimulation, RunPlan>();

function planOf(prepared: PreparedSimulation, model: MonthModel): RunPlan {
  const known = plans.get(prepared);
  if (known) return known;
  const layout = layoutOf(model);
  const months = prepared.months.map((_, t) => {
    const routes: Route[] = [];
    const slotOf = new Map<Route, number>();
    const templates = prepared.templates[t] ?? [];
    const routeOf = Int32Array.from(templates, (r) => {
      const route = layout.routes.get(`${r.product}|${r.from}|${r.to}`);
      if (!route) return -1;
      let k = slotOf.get(route);
      if (k === undefined) {
        k = routes.push(route) - 1;
        slotOf.set(route, k);
      }
      return k;
    });
    return { routeOf, routes };
  });
  const releaseAreas = new Map(
    prepared.scenario.stockpileRelease
      .filter((r) => r.policy === 'on_shortfall')
      .map((r) => [r.area, r.maxShareOfDemand]),
  );
  const substitutionOf = new Map<number, { maxShare: number; phaseInMonths: number }>();
  for (const sub of prepared.scenario.substitution) {
    const p = prepared.index.byKey.get(sub.product);
    if (p) substitutionOf.set(p.index, sub);
  }
  const plan: RunPlan = {
    layout,
    months,
    maxRoutes: Math.max(0, ...months.map((m) => m.routes.length)),
    release: Float64Array.from(layout.slots, (s) => releaseAreas.get(s.user.area) ?? NaN),
    substitution: layout.slots.map((s) => substitutionOf.get(s.product)),
  };
  plans.set(prepared, plan);
  return plan;
}

/** A run in progress, solved one month at a time in order. */
interface RunStepper {
  /** Solves the next month on the pool's model. */
  step(pool: ModelPool): void;
  /** The run once every month has been stepped. */
  finish(): RunResult;
}

/** The price index of a market from its use and the part of it not met by supply. */
const priceOf = (gap: number, use: number) =>
  use > 0 ? Math.min(PRICE_CAP, Math.pow(1 - Math.min(0.999, gap / use), -1 / PRICE_ELASTICITY)) : 1;

/** Starts a run of the scenario with the given parameters; `undefined` when the scenario has no model to solve. */
function startRun(
  prepared: PreparedSimulation,
  parameters: RunParameters,
  options: RunOptions = {},
): RunStepper | undefined {
  const { model, months, scenario } = prepared;
  if (!model) return undefined;
  const plan = planOf(prepared, model);
  const { layout } = plan;
  const series = new Map<string, RunSeries>();
  const prices = new Map<string, RunPrice>();
  const trace: MonthTrace[] = [];
  const bases: LpBasis[] = [];
  const n = months.length;
  const nCols = model.lp.colCost.length;
  const nRows = model.lp.rowLower.length;
  const inventory = Float64Array.from(layout.slots, (s) => s.user.inventoryTarget);
  const stockpile = Float64Array.from(layout.slots, (s) => s.user.stockpile);
  const full = !options.shortfallOnly;
  const newSeries = (iso3: string, product: string, endUse?: string): RunSeries => {
    const row = {
      iso3,
      product,
      ...(endUse === undefined ? {} : { endUse }),
      demand: full ? new Float64Array(n) : NOT_RECORDED,
      supplied: full ? new Float64Array(n) : NOT_RECORDED,
      shortfall: new Float64Array(n),
    };
    series.set(seriesKey(iso3, product, endUse), row);
    return row;
  };
  // Every node's series, or (shortfall only) a node's series once it first goes short.
  const slotSeries: { input?: RunSeries | undefined; finals: (RunSeries | undefined)[] }[] = layout.slots.map((s) =>
    full
      ? {
          input: s.user.consumption > 0 ? newSeries(s.user.area, s.productKey) : undefined,
          finals: s.user.finals.map((f) => newSeries(s.user.area, s.productKey, f.endUse)),
        }
      : { finals: [] },
  );
  const hasOutagesOrSurges = scenario.outages.length + scenario.demandSurges.length > 0;
  // Month (index) in which each product was first restricted or cut, for ramp-up and substitution phase-in,
  // and the products in the order they were first shocked.
  const firstShock = new Int32Array(layout.productSpan).fill(-1);
  const shocked: number[] = [];
  const markShocked = (product: number, t: number) => {
    if (product < firstShock.length && (firstShock[product] ?? -1) < 0) {
      firstShock[product] = t;
      shocked.push(product);
    }
  };
  let scenarioShockStart = -1;
  // Scratch, reused month after month: two sets of bounds (this month's and last month's), route allowances,
  // each product's issuer this month, and the gaps and uses behind each price.
  const colLower = new Float64Array(nCols);
  const buffers = [0, 1].map(() => ({ colUpper: new Float64Array(nCols), rowBound: new Float64Array(nRows) }));
  const allowed = new Float64Array(plan.maxRoutes);
  const issuerOf: (string | undefined)[] = new Array<string | undefined>(layout.productSpan).fill(undefined);
  const restricted: number[] = [];
  const gapIn = new Float64Array(layout.productSpan);
  const useIn = new Float64Array(layout.productSpan);
  const gapOut = new Float64Array(layout.productSpan);
  const useOut = new Float64Array(layout.productSpan);
  const putPrice = (
    key: string,
    product: string,
    market: RunPrice['market'],
    t: number,
    value: number,
    by?: string,
  ) => {
    let row = prices.get(key);
    if (!row) {
      if (value === 1) return;
      row = { product, market, ...(by === undefined ? {} : { issuer: by }), index: new Float64Array(n).fill(1) };
      prices.set(key, row);
    }
    row.index[t] = value;
  };

  let previous: { bounds: LpBounds; x: ArrayLike<number>; dual: ArrayLike<number> } | undefined;
  let t = 0;
  // With a basis library: the month whose central basis the run last used (the first month's to begin with),
  // or MAIN once the run has solved on the pool's model.
  const library = options.recordBases || options.trace ? undefined : options.library;
  let lastUsed = 0;
  const step = (pool: ModelPool) => {
    if (t >= n) throw new Error(`${scenario.id}: every month of the run has been solved`);
    const month = months[t] as string;
    const templates = prepared.templates[t] ?? [];
    const monthPlan = plan.months[t] ?? { routeOf: new Int32Array(), routes: [] };
    const buffer = buffers[t & 1] as (typeof buffers)[number];
    const colUpper = buffer.colUpper;
    const rowBound = buffer.rowBound;
    colUpper.set(layout.upper);
    rowBound.set(layout.rowBound);
    // Restrictions: the tightest on each route.
    for (const p of restricted) issuerOf[p] = undefined;
    restricted.length = 0;
    allowed.fill(1);
    for (let i = 0; i < templates.length; i++) {
      const r = templates[i] as RestrictionTemplate;
      const share = allowedShare(r, parameters);
      if (share >= 1) continue;
      const k = monthPlan.routeOf[i] ?? -1;
      if (k >= 0 && share < (allowed[k] ?? 1)) allowed[k] = share;
      if (issuerOf[r.product] === undefined) restricted.push(r.product);
      issuerOf[r.product] = r.from;
      markShocked(r.product, t);
    }
    for (let k = 0; k < monthPlan.routes.length; k++) {
      const route = monthPlan.routes[k] as Route;
      const share = allowed[k] ?? 1;
      if (share >= 1) continue;
      if (route.base !== NO_COLUMN) colUpper[route.base] = route.baseline * share;
      if (route.extra !== NO_COLUMN) colUpper[route.extra] = 0;
    }
    const shocks: MonthShocks | undefined =
      hasOutagesOrSurges || options.trace
        ? shocksIn(prepared.index, prepared.regime, scenario, month, parameters, templates)
        : undefined;
    if (shocks) for (const k of shocks.capacityFactor.keys()) markShocked(Number(k.split('|')[0]), t);
    if (scenarioShockStart < 0 && shocked.length + (shocks?.demandFactor.size ?? 0) > 0) scenarioShockStart = t;
    // Producers: idle capacity outside the restricting country ramps up; outages cut capacity.
    for (const pi of shocked) {
      const pc = model.byProduct.get(pi);
      if (!pc) continue;
      const since = firstShock[pi] ?? t;
      const issuer = issuerOf[pi];
      pc.product.producers.forEach((pr, i) => {
        if (pr.area === issuer) return;
        const col = pc.x[i] ?? 0;
        const available = colUpper[col] ?? 0;
        const ramp = pr.output * parameters.rampUp * (t - since + 1);
        colUpper[col] = Math.min(Math.max(pr.capacity, available), available + ramp);
      });
    }
    if (shocks)
      for (const [k, factor] of shocks.capacityFactor) {
        const [pi, area] = k.split('|');
        const pc = model.byProduct.get(Number(pi));
        const i = pc?.product.producers.findIndex((pr) => pr.area === area) ?? -1;
        if (pc && i >= 0) colUpper[pc.x[i] ?? 0] = (colUpper[pc.x[i] ?? 0] ?? 0) * factor;
      }
    // Users: inventories, stockpiles, substitution, demand surges.
    for (let s = 0; s < layout.slots.length; s++) {
      const slot = layout.slots[s] as Slot;
      const { cols, user } = slot;
      const inv = inventory[s] ?? 0;
      colUpper[cols.draw] = Math.max(0, inv);
      colUpper[cols.refill] = Math.min(Math.max(0, user.inventoryTarget - inv), user.inventoryTarget / REFILL_MONTHS);
      if (cols.stock !== undefined) {
        const maxShare = plan.release[s] ?? NaN;
        colUpper[cols.stock] = Number.isNaN(maxShare)
          ? 0
          : Math.max(0, Math.min(stockpile[s] ?? 0, maxShare * user.use));
      }
      if (cols.substitute !== undefined) {
        const sub = plan.substitution[s];
        const phase =
          sub && scenarioShockStart >= 0
            ? Math.min(1, (t - scenarioShockStart + 1) / Math.max(1, sub.phaseInMonths))
            : 0;
        colUpper[cols.substitute] = sub ? sub.maxShare * phase * user.use : 0;
      }
      const factor = shocks?.demandFactor.get(slot.key);
      if (factor !== undefined) {
        let finalTotal = 0;
        user.finals.forEach((f, e) => {
          finalTotal += f.monthly * factor;
          SHORTFALL_SEGMENTS.forEach((sg, k) => {
            colUpper[cols.shortfall[e]?.[k] ?? 0] = f.monthly * factor * sg.share;
          });
        });
        rowBound[cols.balanceRow] = finalTotal + cols.reserved;
      }
    }
    const bounds = { colLower, colUpper, rowLower: rowBound, rowUpper: rowBound };
    let x: ArrayLike<number>;
    let dual: ArrayLike<number>;
    if (previous && sameBounds(previous.bounds, bounds) && !options.recordBases) {
      // Nothing changed since last month (a stationary stretch): the same solution holds.
      ({ x, dual } = previous);
    } else if (library) {
      const main = pool.model(t);
      let solution = (lastUsed === MAIN ? main : library.models[lastUsed])?.reuse(bounds);
      if (!solution && lastUsed !== t) {
        solution = library.models[t]?.reuse(bounds);
        if (solution) lastUsed = t;
      }
      if (!solution) {
        // Neither basis fits: run the simplex on the pool's model, carrying on from its own basis once the
        // run has one, else restarting from the central run's basis for this month (closer than an earlier
        // month's while the run still follows the central path).
        const solved = main.solve(bounds, lastUsed === MAIN ? undefined : library.bases[t]);
        if (!solved.ok) throw new Error(`${scenario.id} ${month}: ${solved.error.code} (${solved.error.detail})`);
        solution = solved.value;
        lastUsed = MAIN;
      }
      x = solution.x;
      dual = solution.rowDual;
    } else {
      const warm = pool.model(t);
      const solved: SolveResult = warm.solve(bounds, options.startBases?.[t]);
      if (!solved.ok) throw new Error(`${scenario.id} ${month}: ${solved.error.code} (${solved.error.detail})`);
      if (options.recordBases) bases.push(warm.basis());
      x = solved.value.x;
      dual = solved.value.rowDual;
    }
    previous = { bounds, x, dual };
    if (options.trace && shocks) {
      const rows = Float64Array.from(rowBound);
      trace.push({
        month,
        shocks,
        bounds: { colLower, colUpper: Float64Array.from(colUpper), rowLower: rows, rowUpper: rows },
        x: Float64Array.from(x),
        dual: Float64Array.from(dual),
        inventoryStart: new Map(layout.slots.map((sl, s) => [sl.key, inventory[s] ?? 0])),
      });
    }

    // Read the month: inventories carried over, shortfalls, and each product's scarcity for its price.
    gapIn.fill(0);
    useIn.fill(0);
    gapOut.fill(0);
    useOut.fill(0);
    for (let s = 0; s < layout.slots.length; s++) {
      const slot = layout.slots[s] as Slot;
      const { cols, user } = slot;
      const draw = x[cols.draw] ?? 0;
      const stock = cols.stock === undefined ? 0 : (x[cols.stock] ?? 0);
      inventory[s] = (inventory[s] ?? 0) - draw + (x[cols.refill] ?? 0);
      stockpile[s] = (stockpile[s] ?? 0) - stock;
      let consumption = cols.reserved;
      for (const [col, coef] of cols.consumption) consumption += coef * (x[col] ?? 0);
      const scarce = (dual[cols.balanceRow] ?? 0) > SCARCITY_DUAL;
      const inputShort = scarce ? Math.max(0, user.consumption - consumption) : 0;
      const own = slotSeries[s] ?? { finals: [] };
      if (full) {
        if (own.input) {
          own.input.demand[t] = user.consumption;
          own.input.supplied[t] = consumption;
          own.input.shortfall[t] = inputShort;
        }
      } else if (inputShort > 0) (own.input ??= newSeries(user.area, slot.productKey)).shortfall[t] = inputShort;
      let finalShort = 0;
      const factor = shocks?.demandFactor.get(slot.key) ?? 1;
      for (let e = 0; e < user.finals.length; e++) {
        const f = user.finals[e] as UserNode['finals'][number];
        let short = 0;
        for (const c of cols.shortfall[e] ?? []) short += x[c] ?? 0;
        finalShort += short;
        if (full) {
          const row = own.finals[e];
          if (row) {
            row.demand[t] = f.monthly * factor;
            row.supplied[t] = f.monthly * factor - short;
            row.shortfall[t] = short;
          }
        } else if (short > 0) (own.finals[e] ??= newSeries(user.area, slot.productKey, f.endUse)).shortfall[t] = short;
      }
      const substituted = cols.substitute === undefined ? 0 : (x[cols.substitute] ?? 0);
      const gap = draw + stock + substituted + inputShort + finalShort;
      const p = slot.product;
      if (issuerOf[p] === user.area) {
        gapIn[p] = (gapIn[p] ?? 0) + gap;
        useIn[p] = (useIn[p] ?? 0) + user.use;
      } else {
        gapOut[p] = (gapOut[p] ?? 0) + gap;
        useOut[p] = (useOut[p] ?? 0) + user.use;
      }
    }
    model.products.forEach(({ product: p }, i) => {
      const keys = layout.priceKeys[i];
      if (!keys) return;
      const issuer = issuerOf[p.index];
      const gi = gapIn[p.index] ?? 0;
      const go = gapOut[p.index] ?? 0;
      const ui = useIn[p.index] ?? 0;
      const uo = useOut[p.index] ?? 0;
      if (issuer === undefined) putPrice(keys.world, p.key, 'world', t, priceOf(gi + go, ui + uo));
      else {
        putPrice(keys.outside, p.key, 'outside', t, priceOf(go, uo), issuer);
        putPrice(keys.inside, p.key, 'inside', t, priceOf(gi, ui), issuer);
      }
    });
    t++;
  };
  return {
    step,
    finish() {
      if (t < n) throw new Error(`${scenario.id}: ${n - t} months of the run are not solved yet`);
      return {
        parameters,
        months,
        series,
        prices,
        ...(options.trace ? { trace } : {}),
        ...(options.recordBases ? { bases } : {}),
      };
    },
  };
}

/** Runs the scenario once with the given parameters. */
export function runScenario(
  prepared: PreparedSimulation,
  parameters: RunParameters,
  pool: ModelPool,
  options: RunOptions = {},
): RunResult {
  const run = startRun(prepared, parameters, options);
  if (!run)
    return {
      parameters,
      months: prepared.months,
      series: new Map(),
      prices: new Map(),
      ...(options.trace ? { trace: [] } : {}),
    };
  for (let t = 0; t < prepared.months.length; t++) run.step(pool);
  return run.finish();
}
