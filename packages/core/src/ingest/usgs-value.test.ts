import { describe, expect, it } from 'vitest';
import { parseUsgsValue } from './usgs-value.ts';

describe('parseUsgsValue', () => {
  it.each([
    ['270000', { value: 270000, status: 'reported', qualifier: null }],
    ['1,530,000', { value: 1530000, status: 'reported', qualifier: null }],
    ['>90000000', { value: 90000000, status: 'reported', qualifier: '>' }],
    ['<25', { value: 25, status: 'reported', qualifier: '<' }],
    ['2205.27', { value: 2205.27, status: 'reported', qualifier: null }],
    ['−88', { value: -88, status: 'reported', qualifier: null }],
    ['Less than ½ unit.', { value: 0.5, status: 'reported', qualifier: '<' }],
    ['W', { value: null, status: 'withheld', qualifier: null }],
    ['NA', { value: null, status: 'na', qualifier: null }],
    ['', { value: null, status: 'na', qualifier: null }],
    ['Large', { value: null, status: 'na', qualifier: null }],
    ['Included in World total', { value: null, status: 'included_elsewhere', qualifier: null }],
  ])('reads %j', (raw, expected) => {
    expect(parseUsgsValue(raw)).toEqual(expected);
  });

  it('rejects text that is no USGS value', () => {
    expect(parseUsgsValue('lots')).toBeUndefined();
    expect(parseUsgsValue('12 t')).toBeUndefined();
  });
});
