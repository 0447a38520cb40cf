import { describe, expect, it } from 'vitest';
import type { IntakeEvent } from './model.ts';
import { acceptReview, editReview, proposeReview, rejectReview } from './review.ts';

const event: IntakeEvent = {
  id: 'notice.txt#1',
  type: 'export_control',
  confidence: 0.8,
  background: false,
  fields: {
    action: 'new',
    date: '2025-10-09',
    countries: ['CHN'],
    issuerOrHost: 'CHN',
    parties: [],
    organisations: ['mofcom'],
    financiers: [],
    commodities: ['rare_earths'],
    products: [],
    amounts: [],
    capacity: null,
    instruments: ['61/2025'],
  },
  evidence: [{ start: 0, end: 10, text: 'MOFCOM No.', sentence: 0, kind: 'body', weight: 1 }],
  links: { measures: ['CN-EC-2025-61'], scenarios: ['cn-2025-10-package'], frameworks: [], draft: null },
};
const ana = (at: string, note?: string) => ({ by: 'ana', at, ...(note ? { note } : {}) });

describe('review queue', () => {
  it('records who proposed, edited and accepted an event, and what changed', () => {
    const proposed = proposeReview(event, { by: 'intake', at: '2025-10-09T10:00:00Z' });
    const edited = editReview(
      proposed,
      { date: '2025-10-10', commodities: ['rare_earths', 'holmium'] },
      ana('2025-10-09T11:00:00Z'),
    );
    expect(edited.ok).toBe(true);
    if (!edited.ok) return;
    expect(edited.value.status).toBe('edited');
    expect(edited.value.event.fields.date).toBe('2025-10-10');
    expect(edited.value.history[1]?.changes).toEqual([
      { field: 'date', before: '2025-10-09', after: '2025-10-10' },
      { field: 'commodities', before: ['rare_earths'], after: ['rare_earths', 'holmium'] },
    ]);
    const accepted = acceptReview(edited.value, ana('2025-10-09T12:00:00Z', 'checked against the notice'));
    expect(accepted.ok && accepted.value.history.map((h) => [h.action, h.by, h.at, h.note])).toEqual([
      ['propose', 'intake', '2025-10-09T10:00:00Z', null],
      ['edit', 'ana', '2025-10-09T11:00:00Z', null],
      ['accept', 'ana', '2025-10-09T12:00:00Z', 'checked against the notice'],
    ]);
    expect(proposed.status).toBe('proposed');
  });

  it('refuses to review an event again once accepted or rejected', () => {
    const rejected = rejectReview(
      proposeReview(event, ana('2025-10-09T10:00:00Z')),
      ana('2025-10-09T10:05:00Z', 'duplicate'),
    );
    expect(rejected.ok).toBe(true);
    if (!rejected.ok) return;
    const again = acceptReview(rejected.value, ana('2025-10-09T10:06:00Z'));
    expect(again).toEqual({
      ok: false,
      error: {
        code: 'not-open',
        message: 'event notice.txt#1 is rejected; only proposed or edited events can be reviewed',
      },
    });
  });

  it('names the field of a bad edit and refuses an edit that changes nothing', () => {
    const item = proposeReview(event, ana('2025-10-09T10:00:00Z'));
    const bad = editReview(item, { action: 'paused', colour: 'red' }, ana('2025-10-09T10:01:00Z'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/\[\$\.action\]/);
    expect(editReview(item, { date: '2025-10-09' }, ana('2025-10-09T10:01:00Z'))).toMatchObject({
      ok: false,
      error: { code: 'no-change' },
    });
  });
});
