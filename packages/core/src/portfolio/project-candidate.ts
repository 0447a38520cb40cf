/**
 * From the project pipeline to the optimiser's candidates, and the rule for the financing deadline.
 * See docs/methods/portfolio.md#candidates.
 */
import type { Money, Project, ProjectStatus } from '../model/project.ts';
import type { Candidate, CandidateStatus } from './portfolio-input.ts';

export interface CandidateOptions {
  /** First month of the horizon and its length. */
  readonly startMonth: string;
  readonly months: number;
  /** Financing must close by this date (YYYY-MM-DD): only projects at feasibility or beyond qualify. */
  readonly financedBy?: string;
  readonly usdPerUnit: ReadonlyMap<string, number>;
  /** Network products a candidate's output may name, with their stage. */
  readonly products: ReadonlyMap<string, string>;
  /** The inputs of a product (network coefficients), to find the inputs a project makes itself. */
  readonly inputsOf: (product: string) => readonly string[];
  /** Ramp-up to nameplate where the record gives none, months. */
  readonly defaultRampUpMonths: number;
  /** Month assumed when a target start is known to the year only (1–12). */
  readonly yearOnlyStartMonth: number;
}

export interface ExcludedProject {
  readonly id: string;
  readonly reason: string;
}

const STATUS: Readonly<Record<ProjectStatus, CandidateStatus | null>> = {
  announced: 'announced',
  feasibility: 'feasibility',
  financed: 'development',
  construction: 'construction',
  commissioning: 'commissioning',
  operating: null,
  cancelled: null,
};

/** Statuses whose financing can close within months: a feasibility study or more exists for lenders to appraise. */
const CAN_CLOSE: ReadonlySet<CandidateStatus> = new Set([
  'feasibility',
  'development',
  'construction',
  'commissioning',
]);

/** The rule behind `--financed-by`: at least a feasibility study, and output that starts within the horizon. */
export function canCloseFinancing(status: CandidateStatus, startMonth: string, horizonEndMonth: string): boolean {
  return CAN_CLOSE.has(status) && startMonth <= horizonEndMonth;
}

const toUsd = (m: Money, usdPerUnit: ReadonlyMap<string, number>): number | undefined => {
  const rate = usdPerUnit.get(m.currency);
  return rate === undefined ? undefined : m.amount * rate;
};

const addMonths = (month: string, n: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};

/** Inputs (and their inputs) whose stage is one of the project's own: it makes them for itself. */
function madeInHouse(outputs: readonly string[], stages: readonly string[], o: CandidateOptions): string[] {
  const made = new Set<string>();
  const walk = (product: string) => {
    for (const input of o.inputsOf(product)) {
      const stage = o.products.get(input);
      if (stage !== undefined && stages.includes(stage) && !made.has(input)) {
        made.add(input);
        walk(input);
      }
    }
  };
  outputs.forEach(walk);
  return [...made].sort();
}

/** Candidates from project records, and why each other project was left out. */
export function candidatesFromProjects(
  projects: readonly Project[],
  o: CandidateOptions,
): { candidates: Candidate[]; excluded: ExcludedProject[] } {
  const candidates: Candidate[] = [];
  const excluded: ExcludedProject[] = [];
  const horizonEnd = addMonths(o.startMonth, o.months - 1);
  for (const p of projects) {
    const out = (reason: string) => excluded.push({ id: p.id, reason });
    const status = STATUS[p.status];
    if (p.retired) {
      out('retired from the pipeline');
      continue;
    }
    if (status === null) {
      out(p.status === 'operating' ? 'operating: its output is already in the baseline' : 'cancelled');
      continue;
    }
    const outputs = p.outputs.flatMap((x) =>
      x.product !== null && o.products.has(x.product) && x.value !== null && x.value > 0 && x.unit !== 'share'
        ? [{ product: x.product, tonnesPerYear: x.unit === 'kg/yr' ? x.value / 1000 : x.value }]
        : [],
    );
    if (outputs.length === 0) {
      out('no output with a capacity on a network product');
      continue;
    }
    if (p.capex === null) {
      out('no capex');
      continue;
    }
    const capex = toUsd(p.capex, o.usdPerUnit);
    if (capex === undefined) {
      out(`capex in ${p.capex.currency}, which has no registered exchange rate`);
      continue;
    }
    if (p.targetStart === null) {
      out('no target start');
      continue;
    }
    const target =
      p.targetStart.length === 4
        ? `${p.targetStart}-${String(o.yearOnlyStartMonth).padStart(2, '0')}`
        : p.targetStart.slice(0, 7);
    // Backing a project now cannot bring its output before the horizon starts.
    const startMonth = target < o.startMonth ? o.startMonth : target;
    if (startMonth > horizonEnd) {
      out(`starts ${startMonth}, after the horizon ends (${horizonEnd})`);
      continue;
    }
    if (o.financedBy !== undefined && !canCloseFinancing(status, startMonth, horizonEnd)) {
      out(`${p.status}: financing cannot close by ${o.financedBy} (needs a feasibility study or more)`);
      continue;
    }
    const inHand = p.financing
      .filter((f) => f.state === 'in_hand' && ['loan', 'equity', 'grant', 'guarantee'].includes(f.instrument))
      .reduce((a, f) => a + (f.amount ? (toUsd(f.amount, o.usdPerUnit) ?? 0) : 0), 0);
    const rampShares = p.rampUp
      ? p.rampUp.period === 'month'
        ? p.rampUp.shares
        : p.rampUp.shares.flatMap((s) => new Array<number>(12).fill(s))
      : undefined;
    candidates.push({
      id: p.id,
      name: p.name,
      iso3: p.hostCountry,
      outputs,
      rampUpMonths: o.defaultRampUpMonths,
      ...(rampShares ? { rampShares } : {}),
      startMonth,
      capexUsd: Math.max(0, capex - inHand),
      status,
      ownFeed: p.stages.includes('mining') || p.stages.includes('recycling'),
      makesInputs: madeInHouse(
        outputs.map((x) => x.product),
        p.stages,
        o,
      ),
      sources: [p.source],
    });
  }
  return { candidates, excluded };
}
