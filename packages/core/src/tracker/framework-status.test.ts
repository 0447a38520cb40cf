import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Commitment, FrameworkSchema } from '../model/framework.ts';
import { addMonths, capitalTotals, commitmentStatus, dueDate, frameworkStatus } from './framework-status.ts';

const framework = (id: string) =>
  FrameworkSchema.parse(
    JSON.parse(readFileSync(new URL(`../../../../data/frameworks/${id}.json`, import.meta.url), 'utf8')),
  );
const usJp = framework('us-jp-2025');
const usAu = framework('us-au-2025');
const stateOf = (f: typeof usJp, id: string, asOf: string) =>
  frameworkStatus(f, asOf).commitments.find((c) => c.id === id);

describe('dueDate', () => {
  it('counts days and calendar months from signing, clamping to the month end', () => {
    expect(dueDate({ kind: 'after-signing', days: 180 }, '2025-10-28')).toBe('2026-04-26');
    expect(dueDate({ kind: 'after-signing', months: 6 }, '2025-10-28')).toBe('2026-04-28');
    expect(dueDate({ kind: 'after-signing', months: 6 }, '2025-10-20')).toBe('2026-04-20');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(dueDate({ kind: 'none' }, '2025-10-28')).toBeNull();
  });
});

describe('frameworkStatus, US–Japan (signed 2025-10-28)', () => {
  it('the 180-day ministerial: open the day before and on the deadline, overdue the day after', () => {
    expect(stateOf(usJp, 'investment-ministerial', '2026-04-25')).toMatchObject({ state: 'unknown', daysLeft: 1 });
    expect(stateOf(usJp, 'investment-ministerial', '2026-04-26')).toMatchObject({ state: 'unknown', daysLeft: 0 });
    expect(stateOf(usJp, 'investment-ministerial', '2026-04-27')).toMatchObject({ state: 'overdue', daysLeft: -1 });
  });

  it('six-month project financing: before, on and after 2026-04-28', () => {
    expect(stateOf(usJp, 'project-financing', '2026-04-27')?.state).toBe('unknown');
    expect(stateOf(usJp, 'project-financing', '2026-04-28')?.state).toBe('unknown');
    expect(stateOf(usJp, 'project-financing', '2026-04-29')?.state).toBe('overdue');
    expect(stateOf(usJp, 'project-financing', '2026-05-01')?.reason).toMatch(
      /no evidence of delivery dated by 2026-05-01/,
    );
  });

  it('says nothing is known before signing, and counts every commitment once', () => {
    expect(stateOf(usJp, 'project-financing', '2025-10-01')?.reason).toMatch(/before signing/);
    const s = frameworkStatus(usJp, '2026-05-01');
    expect(s.counts).toEqual({ done: 0, 'on-track': 0, overdue: 2, unknown: 7 });
  });
});

describe('frameworkStatus, US–Australia (signed 2025-10-20)', () => {
  it('USD 1 bn each: on track with named projects until 2026-04-20, overdue after it', () => {
    expect(stateOf(usAu, 'one-billion-each', '2025-10-19')?.state).toBe('unknown');
    expect(stateOf(usAu, 'one-billion-each', '2026-04-19')?.state).toBe('on-track');
    expect(stateOf(usAu, 'one-billion-each', '2026-04-20')?.state).toBe('on-track');
    expect(stateOf(usAu, 'one-billion-each', '2026-04-21')?.state).toBe('overdue');
  });

  it('sums capital by party, sector and firmness, counting undisclosed amounts apart', () => {
    const totals = capitalTotals(usAu.capital, '2026-05-01');
    expect(totals.find((t) => t.party === 'AUS' && t.firmness === 'conditional')).toMatchObject({
      committedUsdM: 300,
      mobilisedUsdM: 0,
      projectIds: ['AU-ALC-GA', 'AU-ARU-NOL'],
    });
    expect(totals.find((t) => t.party === 'USA' && t.firmness === 'indicative')).toMatchObject({
      committedUsdM: 2200,
      undisclosed: 1,
    });
    expect(capitalTotals(usAu.capital, '2025-10-19')).toEqual([]);
  });
});

describe('commitmentStatus', () => {
  const c: Commitment = {
    id: 'x',
    title: 'x',
    category: 'financing',
    owners: ['USA'],
    deadline: { kind: 'date', date: '2026-01-31' },
    sources: ['s' as Commitment['sources'][number]],
    history: [
      { date: '2025-12-01', state: 'in-progress', note: 'term sheet', sources: ['s' as Commitment['sources'][number]] },
      { date: '2026-03-01', state: 'done', note: 'closed', sources: ['s' as Commitment['sources'][number]] },
    ],
  };

  it('ignores evidence dated after the day asked about', () => {
    expect(commitmentStatus(c, '2025-10-28', '2026-01-15').state).toBe('on-track');
    expect(commitmentStatus(c, '2025-10-28', '2026-02-15').state).toBe('overdue');
    expect(commitmentStatus(c, '2025-10-28', '2026-03-01')).toMatchObject({ state: 'done' });
    expect(commitmentStatus(c, '2025-10-28', '2026-03-01').reason).toMatch(/after the 2026-01-31 deadline/);
  });
});
