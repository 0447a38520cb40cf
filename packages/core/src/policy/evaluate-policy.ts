import { projectCashFlows, type PathOutcome } from './cash-flows.ts';
import type { EvaluationSettings, PolicyPackage, ProjectEconomics } from './policy-package.ts';
import { type CalibratedProcess, samplePricePath } from './price-process.ts';
import { quantile, seededStream, type UniformStream } from './random-stream.ts';

/** Mean and percentiles of one quantity over the price paths. */
export interface PathDistribution {
  readonly mean: number;
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
}

/** What a package does to a project across price paths (docs/methods/policy.md#evaluation). */
export interface PolicyEvaluation {
  readonly projectId: string;
  readonly runs: number;
  readonly seed: number;
  readonly npvUsdM: PathDistribution;
  /** Percentiles over the paths where the IRR exists; `defined` is their share. */
  readonly irr: (PathDistribution & { readonly defined: number }) | { readonly defined: 0 };
  /** Share of paths that are bankable: sponsor NPV ≥ 0 and, with a loan, minimum DSCR ≥ the threshold. */
  readonly bankableProbability: number;
  readonly taxpayerCostUsdM: PathDistribution;
  readonly taxpayerCostByToolMeanUsdM: PathOutcome['taxpayerCostByTool'];
  readonly buyerCostMeanUsdM: number;
  /** Share of the project's years (over all paths) in which the market price is below the floor in force. */
  readonly floorBindingShare: number;
  /** Market price percentiles by project year, for the report. */
  readonly priceByYear: readonly {
    readonly year: number;
    readonly p5: number;
    readonly p50: number;
    readonly p95: number;
  }[];
}

export function distributionOf(values: readonly number[]): PathDistribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    mean: values.reduce((s, v) => s + v, 0) / Math.max(1, values.length),
    p5: quantile(sorted, 0.05),
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
  };
}

/** The market price of each project year on one path; years up to the last observation take that price. */
export function projectPricePath(
  project: ProjectEconomics,
  calibrated: CalibratedProcess,
  random: UniformStream,
): number[] {
  const lastYear = project.years[project.years.length - 1]?.year ?? calibrated.toYear;
  const steps = Math.max(0, lastYear - calibrated.toYear);
  const path = samplePricePath(calibrated.process, calibrated.lastUsdPerKg, steps, random);
  return project.years.map((y) =>
    y.year <= calibrated.toYear ? calibrated.lastUsdPerKg : (path[y.year - calibrated.toYear - 1] ?? Number.NaN),
  );
}

/** Runs the project under the package over `runs` seeded price paths. */
export function evaluatePolicy(input: {
  readonly project: ProjectEconomics;
  readonly tools: PolicyPackage;
  readonly calibrated: CalibratedProcess;
  readonly settings: EvaluationSettings;
  readonly runs: number;
  readonly seed: number;
  /** The random stream of each run; by default seeded from (seed, run), so any subset of runs reproduces. */
  readonly streamOf?: (run: number) => UniformStream;
}): PolicyEvaluation {
  const { project, tools, calibrated, settings, runs, seed } = input;
  const streamOf = input.streamOf ?? ((run: number) => seededStream(seed, run));
  const outcomes: PathOutcome[] = [];
  const prices: number[][] = project.years.map(() => []);
  let floorYears = 0;
  let binding = 0;
  for (let run = 0; run < runs; run++) {
    const path = projectPricePath(project, calibrated, streamOf(run));
    path.forEach((p, i) => prices[i]?.push(p));
    const outcome = projectCashFlows(project, tools, path, settings);
    outcomes.push(outcome);
    for (const y of outcome.years) {
      if (
        tools.priceFloor &&
        y.year >= tools.priceFloor.fromYear &&
        y.year < tools.priceFloor.fromYear + tools.priceFloor.years
      ) {
        floorYears++;
        if (y.floorPayment > 0) binding++;
      }
    }
  }
  const irrs = outcomes.map((o) => o.irr).filter((x): x is number => x !== null);
  const mean = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0) / Math.max(1, xs.length);
  return {
    projectId: project.id,
    runs,
    seed,
    npvUsdM: distributionOf(outcomes.map((o) => o.npvUsdM)),
    irr: irrs.length === 0 ? { defined: 0 } : { ...distributionOf(irrs), defined: irrs.length / runs },
    bankableProbability: outcomes.filter((o) => o.bankable).length / Math.max(1, runs),
    taxpayerCostUsdM: distributionOf(outcomes.map((o) => o.taxpayerCostUsdM)),
    taxpayerCostByToolMeanUsdM: {
      priceFloor: mean(outcomes.map((o) => o.taxpayerCostByTool.priceFloor)),
      offtake: mean(outcomes.map((o) => o.taxpayerCostByTool.offtake)),
      loan: mean(outcomes.map((o) => o.taxpayerCostByTool.loan)),
      equity: mean(outcomes.map((o) => o.taxpayerCostByTool.equity)),
    },
    buyerCostMeanUsdM: mean(outcomes.map((o) => o.buyerCostUsdM)),
    floorBindingShare: floorYears === 0 ? 0 : binding / floorYears,
    priceByYear: project.years.map((y, i) => {
      const d = distributionOf(prices[i] ?? []);
      return { year: y.year, p5: d.p5, p50: d.p50, p95: d.p95 };
    }),
  };
}
