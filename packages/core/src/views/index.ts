export * from './atlas-view.ts';
export * from './criticality-view.ts';
export * from './network-view.ts';
export * from './controls-view.ts';
