import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

type Ring = Position[];

/** Longitude span of a ring in degrees. */
export function ringSpan(ring: readonly Position[]): number {
  let min = Infinity;
  let max = -Infinity;
  for (const [x] of ring) {
    if (x === undefined) continue;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return max - min;
}

/** Clips a closed ring to the half-plane x ≤ edge (keep = 'below') or x ≥ edge (Sutherland–Hodgman). */
function clipRing(ring: Ring, edge: number, keep: 'below' | 'above'): Ring {
  const inside = (p: Position) => (keep === 'below' ? (p[0] ?? 0) <= edge : (p[0] ?? 0) >= edge);
  const cross = (a: Position, b: Position): Position => {
    const [ax = 0, ay = 0] = a;
    const [bx = 0, by = 0] = b;
    const t = (edge - ax) / (bx - ax);
    return [edge, ay + t * (by - ay)];
  };
  const open = ring.slice(0, -1);
  const out: Ring = [];
  for (let i = 0; i < open.length; i++) {
    const current = open[i];
    const previous = open[(i + open.length - 1) % open.length];
    if (current === undefined || previous === undefined) continue;
    if (inside(current)) {
      if (!inside(previous)) out.push(cross(previous, current));
      out.push(current);
    } else if (inside(previous)) out.push(cross(previous, current));
  }
  const first = out[0];
  if (out.length < 3 || first === undefined) return [];
  return [...out, first];
}

/**
 * Splits a ring that crosses the antimeridian (its longitudes jump between +180 and −180) into a part
 * east of it and a part west of it, each within [−180, 180]; other rings are returned unchanged.
 */
export function splitAtAntimeridian(ring: Ring): Ring[] {
  if (ringSpan(ring) <= 180) return [ring];
  const shifted = ring.map(([x = 0, y = 0]): Position => [x < 0 ? x + 360 : x, y]);
  const east = clipRing(shifted, 180, 'below');
  const west = clipRing(shifted, 180, 'above').map(([x = 0, y = 0]): Position => [x - 360, y]);
  return [east, west].filter((r) => r.length > 0);
}

const round = (v: number): number => Math.round(v * 100) / 100;

/** One polygon (outer ring first) split into polygons that each stay on one side of the antimeridian. */
function splitPolygon(polygon: Ring[]): Ring[][] {
  const [outer, ...holes] = polygon;
  if (outer === undefined) return [];
  const parts = splitAtAntimeridian(outer);
  if (parts.length === 1 && parts[0] === outer) return [polygon];
  // Holes of the 110m shapes never touch the antimeridian; keep each with the part it lies in.
  return parts.map((part) => {
    const [minX, maxX] = [Math.min(...part.map((p) => p[0] ?? 0)), Math.max(...part.map((p) => p[0] ?? 0))];
    return [part, ...holes.filter((h) => (h[0]?.[0] ?? NaN) >= minX && (h[0]?.[0] ?? NaN) <= maxX)];
  });
}

/**
 * The country shapes the map draws: antimeridian-crossing rings split, coordinates rounded to 0.01°,
 * features without an ISO3 code or named in `drop` removed, each feature named by its ISO3 code.
 */
export function cleanWorld(
  world: FeatureCollection<Polygon | MultiPolygon>,
  iso3Of: (numericId: string) => string | undefined,
  drop: ReadonlySet<string>,
): FeatureCollection<MultiPolygon, { name: string; nameEn: string }> {
  const features: Feature<MultiPolygon, { name: string; nameEn: string }>[] = [];
  for (const f of world.features) {
    const iso3 = f.id === undefined ? undefined : iso3Of(String(f.id));
    if (iso3 === undefined || drop.has(iso3)) continue;
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const coordinates = polygons
      .flatMap(splitPolygon)
      .map((poly) => poly.map((ring) => ring.map(([x = 0, y = 0]) => [round(x), round(y)])));
    const nameEn = typeof f.properties?.['name'] === 'string' ? f.properties['name'] : iso3;
    features.push({
      type: 'Feature',
      properties: { name: iso3, nameEn },
      geometry: { type: 'MultiPolygon', coordinates },
    });
  }
  return { type: 'FeatureCollection', features };
}
