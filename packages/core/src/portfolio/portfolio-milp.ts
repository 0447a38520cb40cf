/**
 * The portfolio as a mixed-integer programme: one binary per candidate, financing columns per eligible
 * financier and instrument, and per scenario and month the candidates' utilisation, tolled conversion and the
 * gap each product's new supply relieves. See docs/methods/portfolio.md#the-programme.
 */
import { LpBuilder, type LinearProgram } from '../optimise/linear-program.ts';
import type { Candidate, FinancingTerm, PortfolioProblem } from './portfolio-input.ts';

/** Financing columns are in millions of USD so that the programme's coefficients stay within a few orders of magnitude. */
export const USD_PER_UNIT = 1e6;

/** Month index (0 = the problem's first month) of a YYYY-MM month. */
export const monthOffset = (from: string, month: string): number => {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [y, m] = month.split('-').map(Number) as [number, number];
  return (y - fy) * 12 + (m - fm);
};

/** Share of nameplate reached `t` months into the horizon: zero before the start, rising linearly over the ramp-up. */
export function rampShare(
  c: Pick<Candidate, 'startMonth' | 'rampUpMonths' | 'rampShares'>,
  horizonStart: string,
  t: number,
): number {
  const sinceStart = t - monthOffset(horizonStart, c.startMonth);
  if (sinceStart < 0) return 0;
  if (c.rampShares) return c.rampShares[Math.min(sinceStart, c.rampShares.length - 1)] ?? 0;
  if (c.rampUpMonths === 0) return 1;
  return Math.min(1, (sinceStart + 1) / c.rampUpMonths);
}

/** The financing terms open to a candidate: host country allowed and, if it names financiers, one of them. */
export const eligibleTerms = (c: Candidate, terms: readonly FinancingTerm[]): FinancingTerm[] =>
  terms.filter(
    (t) =>
      (t.hosts === 'any' ||
        (t.hosts === 'home' && t.home === c.iso3) ||
        (t.hosts === 'abroad' && t.home !== c.iso3) ||
        (Array.isArray(t.hosts) && t.hosts.includes(c.iso3))) &&
      (c.financiers === undefined || c.financiers.includes(t.financier)),
  );

/** Where each quantity sits among the programme's columns, to read a solution back. */
export interface PortfolioModelIndex {
  /** Column of each candidate's back-or-not binary. */
  readonly back: ReadonlyMap<string, number>;
  /** Financing columns: candidate, term and column. */
  readonly financing: readonly { readonly candidate: string; readonly term: FinancingTerm; readonly col: number }[];
  /** Relief columns: scenario index, gap row index, month and column. */
  readonly relief: readonly { readonly s: number; readonly g: number; readonly t: number; readonly col: number }[];
  /** Probability-weighted shortfall with nothing backed (the objective's constant). */
  readonly baseline: number;
}

export interface PortfolioModel {
  readonly lp: LinearProgram;
  readonly index: PortfolioModelIndex;
}

/**
 * Builds the programme. `fixed` pins candidates to backed (true) or not (false); with every candidate pinned
 * the programme is a linear one that evaluates that portfolio.
 */
export function buildPortfolioModel(p: PortfolioProblem, fixed?: ReadonlyMap<string, boolean>): PortfolioModel {
  const lp = new LpBuilder();
  // A candidate making several oxides draws the same feed once per oxide: one column may appear twice in a row.
  const b = {
    column: lp.column.bind(lp),
    row(name: string, entries: readonly (readonly [number, number])[], lower: number, upper: number) {
      const merged = new Map<number, number>();
      for (const [c, v] of entries) merged.set(c, (merged.get(c) ?? 0) + v);
      return lp.row(name, [...merged], lower, upper);
    },
  };
  const costPerUnit = USD_PER_UNIT / p.usdPerWeightedTonne;
  const T = p.months;

  const back = new Map<string, number>();
  const financing: { candidate: string; term: FinancingTerm; col: number }[] = [];
  const byFinancier = new Map<string, [number, number][]>();
  const byFinancierInstrument = new Map<string, [number, number][]>();
  const byCountry = new Map<string, [number, number][]>();
  const push = <K>(m: Map<K, [number, number][]>, k: K, e: [number, number]) => {
    const list = m.get(k);
    if (list) list.push(e);
    else m.set(k, [e]);
  };

  for (const c of p.candidates) {
    const terms = eligibleTerms(c, p.terms);
    const capex = c.capexUsd / USD_PER_UNIT;
    const pinned = fixed?.get(c.id);
    const fundable = capex === 0 || terms.length > 0;
    const upper = pinned === false || !fundable ? 0 : 1;
    const lower = pinned === true && fundable ? 1 : 0;
    const y = b.column(`back_${c.id}`, 0, lower, upper, fixed === undefined);
    back.set(c.id, y);
    push(byCountry, c.iso3, [y, capex]);
    if (capex === 0) continue;
    const cols = terms.map((term) => {
      const col = b.column(`fin_${c.id}_${term.financier}_${term.instrument}`, term.costPerUsd * costPerUnit);
      financing.push({ candidate: c.id, term, col });
      push(byFinancier, term.financier, [col, 1]);
      push(byFinancierInstrument, `${term.financier}/${term.instrument}`, [col, 1]);
      return { term, col };
    });
    b.row(`need_${c.id}`, [...cols.map(({ col }): [number, number] => [col, 1]), [y, -capex]], 0, 0);
    for (const f of new Set(terms.map((t) => t.financier))) {
      const mine = cols.filter((x) => x.term.financier === f);
      const share = Math.max(...mine.map((x) => x.term.maxShareOfCapex));
      if (share < 1)
        b.row(
          `share_${c.id}_${f}`,
          mine.map(({ col }): [number, number] => [col, 1]),
          -Infinity,
          share * capex,
        );
    }
  }

  const named = new Set<string>();
  for (const budget of p.budgets) {
    const limit = budget.usd / USD_PER_UNIT;
    if (budget.scope === 'country') {
      b.row(`budget_${budget.iso3}`, byCountry.get(budget.iso3) ?? [], -Infinity, limit);
      continue;
    }
    named.add(budget.financier);
    const entries =
      budget.instrument === undefined
        ? byFinancier.get(budget.financier)
        : byFinancierInstrument.get(`${budget.financier}/${budget.instrument}`);
    b.row(
      `budget_${budget.financier}${budget.instrument ? `_${budget.instrument}` : ''}`,
      entries ?? [],
      -Infinity,
      limit,
    );
  }
  // A financier with no budget lends nothing.
  for (const [f, entries] of byFinancier) if (!named.has(f)) b.row(`budget_${f}`, entries, -Infinity, 0);

  // Products in play: what candidates make, their inputs (unless they bring their own feed) and, through
  // tolled conversion, the inputs of those.
  const inputsOf = new Map<string, { input: string; perUnit: number }[]>();
  for (const k of p.coefficients)
    inputsOf.set(k.output, [...(inputsOf.get(k.output) ?? []), { input: k.input, perUnit: k.perUnit }]);
  const tollCap = new Map(p.tolling.map((t) => [t.product, t.maxTonnesPerMonth ?? Infinity]));
  const tolling = new Set(tollCap.keys());
  const products = new Set<string>();
  const visit = (product: string) => {
    if (products.has(product)) return;
    products.add(product);
    if (tolling.has(product)) for (const i of inputsOf.get(product) ?? []) visit(i.input);
  };
  /** What a candidate draws per unit of one output: inputs it makes itself are replaced by their own inputs. */
  const drawsOf = (c: Candidate, product: string, per = 1, depth = 0): [string, number][] =>
    c.ownFeed || depth > 8
      ? []
      : (inputsOf.get(product) ?? []).flatMap(({ input, perUnit }): [string, number][] =>
          c.makesInputs.includes(input) ? drawsOf(c, input, per * perUnit, depth + 1) : [[input, per * perUnit]],
        );
  for (const c of p.candidates)
    for (const o of c.outputs) {
      visit(o.product);
      for (const [input] of drawsOf(c, o.product)) visit(input);
    }
  // Downstream too: what existing plants can make from products in play (magnets from new metal, motors from magnets).
  for (let grew = true; grew;) {
    grew = false;
    for (const j of tolling)
      if (!products.has(j) && (inputsOf.get(j) ?? []).some((i) => products.has(i.input))) {
        visit(j);
        grew = true;
      }
  }

  let baseline = 0;
  const relief: { s: number; g: number; t: number; col: number }[] = [];
  p.scenarios.forEach((sc, s) => {
    for (const g of sc.gaps) baseline += sc.probability * g.weight * g.tonnes.reduce((a, v) => a + v, 0);
    for (let t = 0; t < T; t++) {
      // supply[j] and use[j] collect the entries of product j's balance in this scenario and month.
      const supply = new Map<string, [number, number][]>();
      const use = new Map<string, [number, number][]>();
      const reliefOf = new Map<string, [number, number][]>();
      for (const c of p.candidates) {
        const share = rampShare(c, p.startMonth, t);
        if (share === 0 || back.get(c.id) === undefined) continue;
        const v = b.column(`use_${c.id}_${s}_${t}`, 0, 0, share);
        b.row(
          `ramp_${c.id}_${s}_${t}`,
          [
            [v, 1],
            [back.get(c.id) as number, -share],
          ],
          -Infinity,
          0,
        );
        for (const o of c.outputs) {
          const monthly = o.tonnesPerYear / 12;
          push(supply, o.product, [v, monthly]);
          for (const [input, perUnit] of drawsOf(c, o.product)) push(use, input, [v, monthly * perUnit]);
        }
      }
      for (const j of products) {
        if (!tolling.has(j)) continue;
        const idle = sc.idle.find((x) => x.product === j)?.tonnes[t] ?? Infinity;
        const col = b.column(`toll_${j}_${s}_${t}`, 0, 0, Math.min(tollCap.get(j) ?? Infinity, idle));
        push(supply, j, [col, 1]);
        for (const i of inputsOf.get(j) ?? []) push(use, i.input, [col, i.perUnit]);
      }
      sc.gaps.forEach((g, gi) => {
        const gap = g.tonnes[t] ?? 0;
        if (gap <= 0 || !supply.has(g.product)) return;
        const col = b.column(`relief_${s}_${gi}_${t}`, -sc.probability * g.weight, 0, gap);
        relief.push({ s, g: gi, t, col });
        push(reliefOf, g.product, [col, 1]);
      });
      for (const j of products) {
        const spare = sc.spare.find((x) => x.product === j)?.tonnes[t] ?? 0;
        const out = supply.get(j) ?? [];
        const draws = [...(reliefOf.get(j) ?? []), ...(use.get(j) ?? [])];
        if (draws.length === 0) continue;
        b.row(
          `balance_${j}_${s}_${t}`,
          [...draws, ...out.map(([c, v]): [number, number] => [c, -v])],
          -Infinity,
          spare,
        );
        // Spare allied supply feeds new plants only: a gap is relieved by new output.
        const reliefCols = reliefOf.get(j) ?? [];
        if (spare > 0 && reliefCols.length > 0)
          b.row(`new_${j}_${s}_${t}`, [...reliefCols, ...out.map(([c, v]): [number, number] => [c, -v])], -Infinity, 0);
      }
    }
  });

  return { lp: lp.build(), index: { back, financing, relief, baseline } };
}
