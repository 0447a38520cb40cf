import type { Echarts } from './echarts-setup.ts';

/** Registers the cleaned world shapes as the map `world` (once); the shapes load with the first map. */
export async function registerWorldMap(echarts: Echarts): Promise<void> {
  if (echarts.getMap('world')) return;
  const { default: world } = await import('../assets/world-110m.geo.json');
  echarts.registerMap('world', world as unknown as Parameters<Echarts['registerMap']>[1]);
}
