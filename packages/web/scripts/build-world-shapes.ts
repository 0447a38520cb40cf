// Writes src/assets/world-110m.geo.json: world-atlas 110m country shapes, split at the antimeridian
// (Russia and Fiji would otherwise draw a band across the map), named by ISO 3166-1 alpha-3 code.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { cleanWorld } from '../src/geo/antimeridian.ts';

const require = createRequire(import.meta.url);
type Topology = Parameters<typeof feature>[0];
const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8')) as Topology;
const object = topology.objects['countries'];
if (object === undefined) throw new Error('world-atlas countries-110m.json has no "countries" object');
const world = feature(topology, object) as FeatureCollection<Polygon | MultiPolygon>;
// Kosovo and Northern Cyprus have no numeric ISO code in world-atlas; Antarctica has no production to show.
const cleaned = cleanWorld(world, (id) => countries.numericToAlpha3(id), new Set(['ATA']));
const out = new URL('../src/assets/world-110m.geo.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(cleaned)}\n`);
console.log(`${cleaned.features.length} countries written to src/assets/world-110m.geo.json`);
