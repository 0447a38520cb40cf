// The reference tables beside the USGS world data: schemas and parsers, re-exported for one import.
export * from '../model/import-reliance.ts';
export * from '../model/critical-mineral-salient.ts';
export * from '../model/reported-share.ts';
export * from '../model/governance-score.ts';
export * from '../model/eu-supply-share.ts';
export * from '../model/end-use-share.ts';
export * from '../model/export-control.ts';
export * from './usgs-import-reliance.ts';
export * from './usgs-critical-salient.ts';
export * from './reported-shares.ts';
export * from './wgi-composite.ts';
export * from './eu-crm-supply-shares.ts';
export * from './eu-crm-end-use.ts';
export * from './export-controls.ts';
