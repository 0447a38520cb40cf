import type { Echarts } from './echarts-setup.ts';

const loadShapes = () => import('../assets/world-110m.geo.json');

/** Starts loading ECharts and the world shapes together, before the first map asks for them. */
export function preloadWorldMap(): void {
  void import('./echarts-setup.ts');
  void loadShapes();
}

/** Registers the cleaned world shapes as the map `world` (once); the shapes load with the first map. */
export async function registerWorldMap(echarts: Echarts): Promise<void> {
  if (echarts.getMap('world')) return;
  const { default: world } = await loadShapes();
  echarts.registerMap('world', world as unknown as Parameters<Echarts['registerMap']>[1]);
}
