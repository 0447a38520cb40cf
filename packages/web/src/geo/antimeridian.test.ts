import fc from 'fast-check';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import world from '../assets/world-110m.geo.json' with { type: 'json' };
import { ringSpan, splitAtAntimeridian } from './antimeridian.ts';

/** Shoelace area of a closed ring, in square degrees (absolute). */
function area(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const [x2 = 0, y2 = 0] = ring[i + 1] ?? [];
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum) / 2;
}

describe('splitAtAntimeridian', () => {
  it('splits a box from 170°E to 170°W into a 10° part on each side', () => {
    const parts = splitAtAntimeridian([
      [170, 0],
      [-170, 0],
      [-170, 10],
      [170, 10],
      [170, 0],
    ]);
    expect(parts).toHaveLength(2);
    expect(parts.map(ringSpan)).toEqual([10, 10]);
    expect(parts.map(area)).toEqual([100, 100]);
    expect(Math.min(...parts.flat().map((p) => p[0] ?? 0))).toBe(-180);
    expect(Math.max(...parts.flat().map((p) => p[0] ?? 0))).toBe(180);
  });

  it('leaves a ring that does not cross unchanged', () => {
    const ring: Position[] = [
      [10, 0],
      [20, 0],
      [20, 5],
      [10, 0],
    ];
    expect(splitAtAntimeridian(ring)).toEqual([ring]);
  });

  it('keeps the area of any crossing box and leaves every part within 180° of longitude', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 91, max: 179 }),
        fc.integer({ min: -179, max: -91 }),
        fc.integer({ min: -80, max: 70 }),
        fc.integer({ min: 1, max: 10 }),
        (west, east, south, height) => {
          const ring: Position[] = [
            [west, south],
            [east, south],
            [east, south + height],
            [west, south + height],
            [west, south],
          ];
          const parts = splitAtAntimeridian(ring);
          const width = east + 360 - west;
          expect(parts.reduce((s, p) => s + area(p), 0)).toBeCloseTo(width * height, 6);
          for (const p of parts) expect(ringSpan(p)).toBeLessThanOrEqual(180);
        },
      ),
    );
  });
});

describe('the world shapes asset', () => {
  it('has no ring spanning more than 180° of longitude', () => {
    const wide = world.features.flatMap((f) =>
      f.geometry.coordinates.flatMap((poly) =>
        poly.filter((ring) => ringSpan(ring as Position[]) > 180).map(() => f.properties.name),
      ),
    );
    expect(wide).toEqual([]);
  });

  it('names each country by its ISO3 code and keeps Russia and Fiji, split in parts', () => {
    const byIso3 = new Map(world.features.map((f) => [f.properties.name, f]));
    expect(world.features.every((f) => /^[A-Z]{3}$/.test(f.properties.name))).toBe(true);
    expect(byIso3.get('RUS')?.properties.nameEn).toBe('Russia');
    expect(byIso3.get('FJI')?.geometry.coordinates.length).toBeGreaterThan(1);
    expect(byIso3.has('CHN')).toBe(true);
    expect(byIso3.has('ATA')).toBe(false);
  });
});
