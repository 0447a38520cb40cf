import type { CapitalEntry, Commitment, Deadline, Framework } from '../model/framework.ts';

/** done, on-track, overdue or unknown, judged only on evidence dated on or before the day asked about. */
export type CommitmentState = 'done' | 'on-track' | 'overdue' | 'unknown';

export interface CommitmentStatus {
  readonly id: string;
  readonly title: string;
  readonly owners: readonly string[];
  /** ISO date, or null when the text sets none. */
  readonly dueOn: string | null;
  readonly state: CommitmentState;
  /** Why: the evidence or the deadline that decided the state. */
  readonly reason: string;
  /** Days until the deadline (negative once passed); null without one. */
  readonly daysLeft: number | null;
  readonly evidence: Commitment['history'];
}

export interface CapitalTotals {
  readonly party: string;
  readonly sector: 'public' | 'private';
  readonly firmness: CapitalEntry['firmness'];
  readonly committedUsdM: number;
  /** Entries whose amount was not disclosed. */
  readonly undisclosed: number;
  readonly mobilisedUsdM: number;
  readonly projectIds: readonly string[];
}

export interface FrameworkStatus {
  readonly framework: string;
  readonly title: string;
  readonly signedOn: string;
  readonly asOf: string;
  readonly counts: Readonly<Record<CommitmentState, number>>;
  readonly commitments: readonly CommitmentStatus[];
  readonly capital: readonly CapitalTotals[];
}

const DAY_MS = 86_400_000;
const toDay = (iso: string): number => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
const fromDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The calendar date `months` after `iso`, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const y = +iso.slice(0, 4);
  const m = +iso.slice(5, 7) - 1 + months;
  const d = +iso.slice(8, 10);
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d, last))).toISOString().slice(0, 10);
}

/** The due date of a deadline for a framework signed on `signedOn` (docs/methods/tracker.md). */
export function dueDate(deadline: Deadline, signedOn: string): string | null {
  if (deadline.kind === 'none') return null;
  if (deadline.kind === 'date') return deadline.date;
  return deadline.months !== undefined
    ? addMonths(signedOn, deadline.months)
    : fromDay(toDay(signedOn) + (deadline.days ?? 0));
}

/** A commitment's state on `asOf`: evidence after that day is not seen; the deadline day itself is not overdue. */
export function commitmentStatus(c: Commitment, signedOn: string, asOf: string): CommitmentStatus {
  const dueOn = dueDate(c.deadline, signedOn);
  const seen = c.history.filter((h) => h.date <= asOf).sort((a, b) => a.date.localeCompare(b.date));
  const done = seen.find((h) => h.state === 'done');
  const missed = seen.find((h) => h.state === 'missed');
  const latest = seen[seen.length - 1];
  const daysLeft = dueOn === null ? null : toDay(dueOn) - toDay(asOf);
  const base = { id: c.id, title: c.title, owners: c.owners, dueOn, daysLeft, evidence: seen };
  if (asOf < signedOn) return { ...base, state: 'unknown', reason: `before signing (${signedOn})` };
  if (done)
    return {
      ...base,
      state: 'done',
      reason: `done on ${done.date}${dueOn !== null && done.date > dueOn ? `, after the ${dueOn} deadline` : ''}: ${done.note}`,
    };
  if (missed) return { ...base, state: 'overdue', reason: `reported not delivered on ${missed.date}: ${missed.note}` };
  if (dueOn !== null && asOf > dueOn)
    return { ...base, state: 'overdue', reason: `due ${dueOn}; no evidence of delivery dated by ${asOf}` };
  if (latest && latest.state === 'in-progress')
    return { ...base, state: 'on-track', reason: `${latest.date}: ${latest.note}` };
  return {
    ...base,
    state: 'unknown',
    reason: latest ? `only announced (${latest.date}); no concrete step on record` : 'no evidence on record',
  };
}

/** Capital committed and mobilised by party, sector and firmness, counting only what is dated by `asOf`. */
export function capitalTotals(entries: readonly CapitalEntry[], asOf: string): CapitalTotals[] {
  const groups = new Map<
    string,
    {
      party: string;
      sector: 'public' | 'private';
      firmness: CapitalEntry['firmness'];
      committed: number;
      undisclosed: number;
      mobilised: number;
      projects: Set<string>;
    }
  >();
  for (const e of entries.filter((x) => x.committedOn <= asOf)) {
    const key = `${e.party}|${e.sector}|${e.firmness}`;
    const g = groups.get(key) ?? {
      party: e.party,
      sector: e.sector,
      firmness: e.firmness,
      committed: 0,
      undisclosed: 0,
      mobilised: 0,
      projects: new Set<string>(),
    };
    if (e.committedUsdM === null) g.undisclosed++;
    else g.committed += e.committedUsdM;
    g.mobilised += e.mobilised.filter((m) => m.date <= asOf).reduce((s, m) => s + m.usdM, 0);
    e.projectIds.forEach((p) => g.projects.add(p));
    groups.set(key, g);
  }
  const order = { binding: 0, conditional: 1, indicative: 2 };
  return [...groups.values()]
    .sort(
      (a, b) =>
        a.party.localeCompare(b.party) || a.sector.localeCompare(b.sector) || order[a.firmness] - order[b.firmness],
    )
    .map((g) => ({
      party: g.party,
      sector: g.sector,
      firmness: g.firmness,
      committedUsdM: g.committed,
      undisclosed: g.undisclosed,
      mobilisedUsdM: g.mobilised,
      projectIds: [...g.projects].sort(),
    }));
}

/** The framework on a day: every commitment's state with its reason, and capital committed versus mobilised. */
export function frameworkStatus(f: Framework, asOf: string): FrameworkStatus {
  const commitments = f.commitments.map((c) => commitmentStatus(c, f.signedOn, asOf));
  const counts = { done: 0, 'on-track': 0, overdue: 0, unknown: 0 };
  for (const c of commitments) counts[c.state]++;
  return {
    framework: f.id,
    title: f.title,
    signedOn: f.signedOn,
    asOf,
    counts,
    commitments,
    capital: capitalTotals(f.capital, asOf),
  };
}
